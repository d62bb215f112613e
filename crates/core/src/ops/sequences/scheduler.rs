//! The scheduler: one tick does the work due at one instant, in one transaction. Only due rows are read (per
//! active sequence, by `(sequence_id, status, next_run_at)`). An email step goes into the outbox — whose
//! pacing decides the minute it leaves — but never more than the mailbox's daily cap has room for today
//! (the outbox's `room_today`: sent today and still waiting both count), so catching up after days away does
//! not burst. Each enrollment moves with a guarded update on the step it was read at, and the outbox holds
//! at most one message per enrollment and step, so no step runs twice.
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::calendar::{after_days, parse_zone, window};
use super::snapshot::{Snapshot, StepTemplate};
use crate::domain::{
    Entity, Mailbox, MailboxState, RenderContext, Sequence, SequenceKind, SequenceStatus, SequenceStep, StepKind,
    TaskStepKind, ThreadMode, TickReport, TimezoneMode,
};
use crate::error::Result;
use crate::mail::message::new_message_id;
use crate::mail::pacing::local_zone;
use crate::mail::render::{self, CompiledTemplate};
use crate::store::{self, outbox::NewOutbound, sequence_enrollments as enrollments, sequence_outbound, sequences};
use crate::time::to_iso;
use crate::Outpost;

/// Due enrollments handled per sequence per tick; the rest wait for the next tick.
const BATCH: usize = 5_000;
/// Emails queued per mailbox per tick when it has no daily limit.
const UNCAPPED_PER_TICK: u32 = 2_000;

impl Outpost {
    /// Runs what is due at `now`, once. Safe to call again for the same instant (nothing is due twice).
    pub fn scheduler_tick(&self, now: DateTime<Utc>) -> Result<TickReport> {
        let report = self.db().write(|tx| tick(tx, now))?;
        if report.queued > 0 {
            self.events().changed(Entity::Outbox, vec![]);
        }
        if report.tasks_created > 0 {
            self.events().changed(Entity::Task, vec![]);
        }
        if report != TickReport::default() {
            self.events().changed(Entity::Sequence, vec![]);
        }
        Ok(report)
    }
}

/// Room left today per mailbox, shared by every sequence in the tick.
struct Budgets(HashMap<i64, u32>);

impl Budgets {
    fn get(&mut self, tx: &Connection, m: &Mailbox, now: DateTime<Utc>) -> Result<u32> {
        if let Some(b) = self.0.get(&m.id) {
            return Ok(*b);
        }
        let b = crate::ops::outbox::room_today(tx, m, now)?.unwrap_or(UNCAPPED_PER_TICK);
        self.0.insert(m.id, b);
        Ok(b)
    }

    fn take(&mut self, mailbox_id: i64) {
        if let Some(b) = self.0.get_mut(&mailbox_id) {
            *b = b.saturating_sub(1);
        }
    }
}

fn tick(tx: &Connection, now: DateTime<Utc>) -> Result<TickReport> {
    let now_iso = to_iso(now);
    let mut report = TickReport { now: now_iso.clone(), ..Default::default() };
    let mut budgets = Budgets(HashMap::new());
    for sequence in sequences::with_status(tx, SequenceStatus::Active)? {
        run_sequence(tx, &sequence, now, &now_iso, &mut budgets, &mut report)?;
    }
    Ok(report)
}

/// Why an email step cannot go to this contact (the enrollment stops with it).
fn stop_for(facts: Option<&enrollments::SendFacts>, tx: &Connection) -> Result<Option<(&'static str, String)>> {
    let Some(f) = facts else { return Ok(Some(("no_email", "The contact was deleted".into()))) };
    let Some(email) = f.email.as_deref() else {
        return Ok(Some(("no_email", "The contact has no email address".into())));
    };
    if f.bounced {
        return Ok(Some(("bounced", "Mail to the contact bounced".into())));
    }
    if f.unsubscribed {
        return Ok(Some(("unsubscribed", "The contact asked to unsubscribe".into())));
    }
    Ok(crate::ops::suppressions::suppression_reason(tx, email)?.map(|why| ("suppressed", why)))
}

fn run_sequence(
    tx: &Connection,
    sequence: &Sequence,
    now: DateTime<Utc>,
    now_iso: &str,
    budgets: &mut Budgets,
    report: &mut TickReport,
) -> Result<()> {
    let has_email = sequence.steps.iter().any(|s| s.kind == StepKind::Email);
    let mailbox = match sequence.mailbox_id.map(|id| store::mailboxes::get(tx, id)).transpose() {
        Ok(m) => m,
        Err(crate::CoreError::NotFound { .. }) => None,
        Err(e) => return Err(e),
    };
    let sendable = mailbox.as_ref().filter(|m| m.state == MailboxState::Active);
    if has_email && sendable.is_none() {
        let why = match &mailbox {
            None => "has no mailbox to send from".to_string(),
            Some(m) => format!("waits: the mailbox {} is {}", m.name, m.state.as_str()),
        };
        report.problems.push(format!("Sequence “{}” {why}.", sequence.name));
    }
    let mut room = match sendable {
        Some(m) => budgets.get(tx, m, now)?,
        None => 0,
    };
    let rows = enrollments::due(tx, sequence.id, now_iso, room > 0, BATCH)?;
    if rows.is_empty() {
        return Ok(());
    }
    report.due += rows.len() as u32;
    let ids_json = serde_json::to_string(&rows.iter().map(|r| r.contact_id).collect::<Vec<_>>())?;
    let facts = enrollments::send_facts(tx, &ids_json)?;
    let closed =
        if sequence.settings.stop_on_deal_closed { enrollments::closed_deals(tx, &ids_json)? } else { HashMap::new() };
    let rep_zone = parse_zone(sequence.settings.rep_timezone.as_deref())
        .or_else(|| parse_zone(mailbox.as_ref().and_then(|m| m.send_window.timezone.as_deref())))
        .unwrap_or_else(local_zone);
    // Merge values for the rows about to send, read in bulk.
    let email_rows: Vec<i64> = rows
        .iter()
        .filter(|r| step_at(sequence, r.current_step).is_some_and(|s| s.kind == StepKind::Email))
        .map(|r| r.contact_id)
        .collect();
    let contexts: Vec<RenderContext> = email_rows.iter().map(|id| RenderContext::contact(*id)).collect();
    let mut values: HashMap<i64, render::MergeValues> = if sendable.is_some() {
        email_rows.iter().copied().zip(render::load(tx, &contexts)?).collect()
    } else {
        HashMap::new()
    };
    let mut compiled: HashMap<String, CompiledTemplate> = HashMap::new();

    for row in &rows {
        if let Some((won, title, closed_at)) = closed.get(&row.contact_id) {
            if *closed_at >= row.enrolled_at {
                let (code, verb) = if *won { ("deal_won", "won") } else { ("deal_lost", "lost") };
                enrollments::stop(tx, row.id, code, &format!("The deal “{title}” was {verb}"), now_iso)?;
                report.stopped += 1;
                continue;
            }
        }
        let f = facts.get(&row.contact_id);
        let zone = match sequence.settings.timezone_mode {
            TimezoneMode::Contact => f.and_then(|f| parse_zone(f.timezone.as_deref())).unwrap_or(rep_zone),
            TimezoneMode::Rep => rep_zone,
        };
        let mut step_no = row.current_step;
        let mut thread = row.thread_message_id.clone();
        let mut emailed = false;
        // Each turn runs one step; a wait or an email that must wait ends the turn. `None`: leave the due
        // time as it is (its place in the queue for the cap is kept).
        let next_run: Option<String> = loop {
            let Some(step) = step_at(sequence, step_no) else { break None };
            match step.kind {
                StepKind::Wait => {
                    let days = step.wait_days.unwrap_or(1);
                    step_no += 1;
                    report.waits_started += 1;
                    break Some(to_iso(after_days(now, days, step.business_days, zone)));
                }
                StepKind::Task => {
                    create_task(tx, sequence, step, row.id, row.contact_id, f, now_iso)?;
                    report.tasks_created += 1;
                    step_no += 1;
                }
                StepKind::Email => {
                    if emailed {
                        // One email per enrollment per tick; the next goes at the next tick.
                        break Some(now_iso.to_string());
                    }
                    let Some(mailbox) = sendable else { break None };
                    if let Some((code, why)) = stop_for(f, tx)? {
                        enrollments::stop(tx, row.id, code, &why, now_iso)?;
                        report.stopped += 1;
                        step_no = -1;
                        break None;
                    }
                    let opens = window(&sequence.settings, zone).next_open(now);
                    if opens > now {
                        report.deferred_by_window += 1;
                        break Some(to_iso(opens));
                    }
                    if room == 0 {
                        report.deferred_by_cap += 1;
                        break None;
                    }
                    let Some(v) = values.remove(&row.contact_id) else { break Some(now_iso.to_string()) };
                    let snap = Snapshot::parse(&row.snapshot);
                    let text = match template_text(tx, &snap, step)? {
                        Some(t) => t,
                        None => {
                            let why = format!("Step {} has no template any more", step.position + 1);
                            enrollments::stop(tx, row.id, "no_template", &why, now_iso)?;
                            report.stopped += 1;
                            step_no = -1;
                            break None;
                        }
                    };
                    let key = text.key();
                    if !compiled.contains_key(&key) {
                        let c = CompiledTemplate::compile(&text.subject, &text.body_text, text.body_html.as_deref())
                            .map_err(|p| render::problems_error(&p))?;
                        compiled.insert(key.clone(), c);
                    }
                    let rendered = compiled[&key].render(&v)?;
                    let to = f.and_then(|f| f.email.as_deref()).unwrap_or_default();
                    let message_id = new_message_id(&mailbox.email);
                    let threaded = thread.as_deref().filter(|_| step.thread_mode == ThreadMode::Same);
                    let subject = match threaded {
                        Some(first) => reply_subject(sequence_outbound::subject_of(tx, first)?, &rendered.subject),
                        None => rendered.subject.clone(),
                    };
                    let queued = sequence_outbound::insert(
                        tx,
                        &NewOutbound {
                            mailbox_id: mailbox.id,
                            message_id: &message_id,
                            to_addr: to,
                            cc: None,
                            subject: &subject,
                            body_text: &rendered.body_text,
                            body_html: rendered.body_html.as_deref(),
                            in_reply_to: threaded,
                            references: threaded,
                            is_bulk: sequence.kind == SequenceKind::Campaign,
                            not_before: now_iso,
                            contact_id: Some(row.contact_id),
                            deal_id: None,
                            template_id: Some(text.template_id),
                            now: now_iso,
                        },
                        row.id,
                        step.id,
                    )?;
                    if queued.is_some() {
                        report.queued += 1;
                        room -= 1;
                        budgets.take(mailbox.id);
                        if thread.is_none() {
                            thread = Some(message_id);
                        }
                    }
                    emailed = true;
                    step_no += 1;
                }
            }
        };
        let completed = step_no >= 0 && step_at(sequence, step_no).is_none();
        if step_no < 0 || (!completed && step_no == row.current_step && next_run.is_none()) {
            continue;
        }
        let next_run = next_run.unwrap_or_else(|| now_iso.to_string());
        let moved = enrollments::advance(
            tx,
            row.id,
            row.current_step,
            step_no,
            if completed { None } else { Some(next_run.as_str()) },
            completed,
            thread.as_deref(),
            now_iso,
        )?;
        if moved && completed {
            report.completed += 1;
        }
    }
    Ok(())
}

fn step_at(sequence: &Sequence, position: i64) -> Option<&SequenceStep> {
    usize::try_from(position).ok().and_then(|p| sequence.steps.get(p))
}

/// The snapshot's text for the step, or the template as it is now for a step added (or re-pointed) after
/// the contact was enrolled.
fn template_text(tx: &Connection, snap: &Snapshot, step: &SequenceStep) -> Result<Option<StepTemplate>> {
    let Some(template_id) = step.template_id else { return Ok(None) };
    if let Some(t) = snap.for_step(step.id, template_id) {
        return Ok(Some(t.clone()));
    }
    Ok(match store::templates::get(tx, template_id) {
        Ok(t) => Some(StepTemplate { template_id, subject: t.subject, body_text: t.body_text, body_html: t.body_html }),
        Err(crate::CoreError::NotFound { .. }) => None,
        Err(e) => return Err(e),
    })
}

/// A follow-up in the same thread answers the first email's subject.
fn reply_subject(first: Option<String>, own: &str) -> String {
    let base = first.unwrap_or_else(|| own.to_string());
    if base.to_lowercase().starts_with("re:") {
        base
    } else {
        format!("Re: {base}")
    }
}

fn create_task(
    tx: &Connection,
    sequence: &Sequence,
    step: &SequenceStep,
    enrollment_id: i64,
    contact_id: i64,
    facts: Option<&enrollments::SendFacts>,
    now: &str,
) -> Result<()> {
    let name = facts.map(|f| format!("{} {}", f.first_name, f.last_name).trim().to_string()).unwrap_or_default();
    let (kind, default_title) = match step.task_kind.unwrap_or(TaskStepKind::Custom) {
        TaskStepKind::Call => ("call", format!("Call {name}")),
        TaskStepKind::Linkedin => ("follow_up", format!("Message {name} on LinkedIn")),
        TaskStepKind::Custom => ("other", format!("Follow up with {name}")),
    };
    let title = step.task_title.clone().unwrap_or(default_title);
    let notes = format!("Step {} of the sequence “{}”.", step.position + 1, sequence.name);
    let id = store::tasks::insert_row(
        tx,
        &store::tasks::TaskRow {
            title: title.trim(),
            kind,
            priority: "normal",
            due_at: Some(now),
            reminder_at: None,
            rrule: None,
            series_id: None,
            notes: Some(&notes),
            contact_id: Some(contact_id),
            company_id: None,
            deal_id: None,
            now,
        },
    )?;
    store::tasks::link_enrollment(tx, id, enrollment_id)
}

#[cfg(test)]
mod tests {
    #[test]
    fn follow_ups_answer_the_first_subject_once() {
        assert_eq!(super::reply_subject(Some("Hello".into()), "x"), "Re: Hello");
        assert_eq!(super::reply_subject(Some("RE: Hello".into()), "x"), "RE: Hello");
        assert_eq!(super::reply_subject(None, "Own"), "Re: Own");
    }
}
