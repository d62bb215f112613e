//! Checking a sequence as written (editor or JSON file) and writing it: create, and edit while it runs.
use std::collections::HashMap;

use rusqlite::Connection;

use super::calendar::{parse_time, parse_zone};
use crate::domain::{
    Sequence, SequenceInput, SequenceKind, SequenceSettings, SequenceStatus, StepInput, StepKind, TaskStepKind,
    TemplateInput, ThreadMode,
};
use crate::error::{CoreError, Result};
use crate::store::{self, sequence_enrollments as enrollments, sequences, sequences::StepFields};
use crate::Outpost;

const MAX_NAME: usize = 120;
const MAX_STEPS: usize = 50;

/// A sequence that passed the checks.
pub struct Checked {
    name: String,
    mailbox_id: Option<i64>,
    status: SequenceStatus,
    kind: SequenceKind,
    settings: SequenceSettings,
    steps: Vec<CheckedStep>,
}

struct CheckedStep {
    id: Option<i64>,
    kind: StepKind,
    template: Option<Template>,
    wait_days: Option<i64>,
    business_days: bool,
    task_kind: Option<TaskStepKind>,
    task_title: Option<String>,
    thread_mode: ThreadMode,
}

enum Template {
    Saved(i64),
    /// Written inline: saved as a template when the sequence is.
    Inline(TemplateInput),
}

impl Outpost {
    pub(super) fn check_sequence(&self, input: &SequenceInput, current: Option<&Sequence>) -> Result<Checked> {
        let name = input.name.trim().to_string();
        if name.is_empty() {
            return Err(CoreError::validation("name", "Give the sequence a name."));
        }
        if name.chars().count() > MAX_NAME {
            return Err(CoreError::validation("name", format!("Keep the name under {MAX_NAME} characters.")));
        }
        let mailbox_id = input.mailbox_id.or(current.and_then(|c| c.mailbox_id));
        if let Some(id) = mailbox_id {
            self.mailbox(id).map_err(|_| CoreError::validation("mailbox_id", format!("There is no mailbox {id}.")))?;
        }
        let kind = input.kind.or(current.map(|c| c.kind)).unwrap_or_default();
        let status = input.status.or(current.map(|c| c.status)).unwrap_or_default();
        let settings = input.settings.clone().or(current.map(|c| c.settings.clone())).unwrap_or_default();
        check_settings(&settings)?;
        if input.steps.is_empty() {
            return Err(CoreError::validation("steps", "Add at least one step."));
        }
        if input.steps.len() > MAX_STEPS {
            return Err(CoreError::validation("steps", format!("A sequence has at most {MAX_STEPS} steps.")));
        }
        let known: Vec<i64> = current.map(|c| c.steps.iter().map(|s| s.id).collect()).unwrap_or_default();
        let mut steps = Vec::with_capacity(input.steps.len());
        for (i, s) in input.steps.iter().enumerate() {
            steps.push(self.check_step(i, s, &name, &settings, &known)?);
        }
        if kind == SequenceKind::Campaign && (steps.len() != 1 || steps[0].kind != StepKind::Email) {
            return Err(CoreError::validation("steps", "A campaign is one email step."));
        }
        let checked = Checked { name, mailbox_id, status, kind, settings, steps };
        let sends = checked.steps.iter().any(|s| s.kind == StepKind::Email);
        if status == SequenceStatus::Active && sends && checked.mailbox_id.is_none() {
            return Err(CoreError::validation("mailbox_id", "Choose the mailbox the emails go from."));
        }
        Ok(checked)
    }

    fn check_step(
        &self,
        i: usize,
        s: &StepInput,
        sequence_name: &str,
        settings: &SequenceSettings,
        known: &[i64],
    ) -> Result<CheckedStep> {
        let field = |f: &str| format!("steps[{i}].{f}");
        if let Some(id) = s.id {
            if !known.contains(&id) {
                return Err(CoreError::validation(field("id"), format!("Step {id} is not a step of this sequence.")));
            }
        }
        let kind =
            s.kind.ok_or_else(|| CoreError::validation(field("kind"), "Say what the step is: email, wait or task."))?;
        let mut step = CheckedStep {
            id: s.id,
            kind,
            template: None,
            wait_days: None,
            business_days: false,
            task_kind: None,
            task_title: None,
            thread_mode: s.thread_mode.unwrap_or(settings.thread_mode),
        };
        match kind {
            StepKind::Email => {
                step.template = Some(match (s.template_id, &s.subject) {
                    (Some(id), _) => {
                        self.template(id).map_err(|_| {
                            CoreError::validation(field("template_id"), format!("There is no template {id}."))
                        })?;
                        Template::Saved(id)
                    }
                    (None, Some(subject)) => {
                        let t = TemplateInput {
                            name: format!("{sequence_name} — step {}", i + 1),
                            subject: subject.trim().to_string(),
                            body_text: s.body_text.clone().unwrap_or_default(),
                            body_html: s.body_html.clone().filter(|h| !h.trim().is_empty()),
                        };
                        if t.subject.is_empty() {
                            return Err(CoreError::validation(field("subject"), "Write the email's subject."));
                        }
                        if t.body_text.trim().is_empty() {
                            return Err(CoreError::validation(field("body_text"), "Write the email's text."));
                        }
                        if let Some(p) = self.check_template(&t)?.first() {
                            return Err(CoreError::validation(field("body_text"), crate::mail::render::describe(p)));
                        }
                        Template::Inline(t)
                    }
                    (None, None) => {
                        return Err(CoreError::validation(
                            field("template_id"),
                            "Choose a template, or write the subject and text.",
                        ))
                    }
                });
            }
            StepKind::Wait => {
                let days = s.days.ok_or_else(|| CoreError::validation(field("days"), "How many days to wait?"))?;
                if !(1..=365).contains(&days) {
                    return Err(CoreError::validation(field("days"), "Wait between 1 and 365 days."));
                }
                step.wait_days = Some(days);
                step.business_days = s.business_days;
            }
            StepKind::Task => {
                let task = s.task.ok_or_else(|| {
                    CoreError::validation(field("task"), "Say what the task is: call, linkedin or custom.")
                })?;
                let title = s.title.as_deref().map(str::trim).filter(|t| !t.is_empty());
                if task == TaskStepKind::Custom && title.is_none() {
                    return Err(CoreError::validation(field("title"), "Write what the task is."));
                }
                step.task_kind = Some(task);
                step.task_title = title.map(str::to_string);
            }
        }
        Ok(step)
    }
}

fn check_settings(s: &SequenceSettings) -> Result<()> {
    if s.send_days.iter().any(|d| !(1..=7).contains(d)) {
        return Err(CoreError::validation("settings.send_days", "Days are 1 (Monday) to 7 (Sunday)."));
    }
    for (f, v) in [("settings.send_start", &s.send_start), ("settings.send_end", &s.send_end)] {
        if v.as_deref().is_some_and(|t| parse_time(Some(t)).is_none()) {
            return Err(CoreError::validation(f, "Write the time as HH:MM, e.g. 09:00."));
        }
    }
    if s.send_start.is_some() != s.send_end.is_some() {
        return Err(CoreError::validation("settings.send_end", "Give both the start and the end of the send window."));
    }
    if s.rep_timezone.as_deref().is_some_and(|z| parse_zone(Some(z)).is_none()) {
        return Err(CoreError::validation("settings.rep_timezone", "Use a time zone name like Europe/Berlin."));
    }
    if s.auto_reply_delay_days > 60 {
        return Err(CoreError::validation("settings.auto_reply_delay_days", "Delay at most 60 days."));
    }
    Ok(())
}

/// What running needs: steps, and a mailbox when a step sends email.
pub fn check_can_run(s: &Sequence) -> Result<()> {
    if s.steps.is_empty() {
        return Err(CoreError::validation("steps", "Add at least one step first."));
    }
    if s.mailbox_id.is_none() && s.steps.iter().any(|st| st.kind == StepKind::Email) {
        return Err(CoreError::validation("mailbox_id", "Choose the mailbox the emails go from."));
    }
    Ok(())
}

fn fields(c: &Checked) -> sequences::SequenceFields<'_> {
    sequences::SequenceFields {
        name: &c.name,
        mailbox_id: c.mailbox_id,
        status: c.status,
        kind: c.kind,
        settings: &c.settings,
    }
}

/// Writes the steps in order; returns their ids.
fn write_steps(tx: &Connection, sequence_id: i64, steps: &[CheckedStep], now: &str) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(steps.len());
    for (position, s) in steps.iter().enumerate() {
        let template_id = match &s.template {
            Some(Template::Saved(id)) => Some(*id),
            Some(Template::Inline(t)) => Some(store::templates::create(tx, t)?),
            None => None,
        };
        ids.push(sequences::upsert_step(
            tx,
            sequence_id,
            &StepFields {
                id: s.id,
                position: position as i64,
                kind: s.kind,
                template_id,
                wait_days: s.wait_days,
                business_days: s.business_days,
                task_kind: s.task_kind,
                task_title: s.task_title.as_deref(),
                thread_mode: s.thread_mode,
            },
            now,
        )?);
    }
    Ok(ids)
}

pub fn create(tx: &Connection, c: &Checked, now: &str) -> Result<i64> {
    let id = sequences::insert(tx, &fields(c), now)?;
    write_steps(tx, id, &c.steps, now)?;
    Ok(id)
}

pub fn update(tx: &Connection, current: &Sequence, c: &Checked, now: &str) -> Result<()> {
    sequences::update(tx, current.id, &fields(c), now)?;
    let new_ids = write_steps(tx, current.id, &c.steps, now)?;
    let old_ids: Vec<i64> = current.steps.iter().map(|s| s.id).collect();
    for id in old_ids.iter().filter(|id| !new_ids.contains(id)) {
        sequences::remove_step(tx, *id, now)?;
    }
    enrollments::remap_steps(tx, current.id, &remap(&old_ids, &new_ids))
}

/// For each old "next step" position 0..=n: the new one. An enrollment continues right after the last step
/// it ran that still exists (or from the start when none does), so steps added later than that run for it.
fn remap(old: &[i64], new: &[i64]) -> Vec<(i64, i64)> {
    let position: HashMap<i64, i64> = new.iter().enumerate().map(|(i, id)| (*id, i as i64)).collect();
    (0..=old.len())
        .map(|k| {
            let after = old[..k].iter().rev().find_map(|id| position.get(id)).map_or(0, |p| p + 1);
            (k as i64, after)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::remap;

    #[test]
    fn enrollments_resume_after_the_last_step_they_ran() {
        // [A, B, C] → [A, N, B, C]: one that ran A continues at N; one that ran A and B at C.
        assert_eq!(remap(&[1, 2, 3], &[1, 9, 2, 3]), vec![(0, 0), (1, 1), (2, 3), (3, 4)]);
        // B removed: one waiting for B now waits for C; one that ran B continues after A.
        assert_eq!(remap(&[1, 2, 3], &[1, 3]), vec![(0, 0), (1, 1), (2, 1), (3, 2)]);
        // A step put before everything is in the past for anyone who started.
        assert_eq!(remap(&[1, 2], &[9, 1, 2]), vec![(0, 0), (1, 2), (2, 3)]);
    }
}
