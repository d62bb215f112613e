//! The outbox's use cases: queue (free text or a template for a record), preview, list with "when will it go",
//! cancel, retry, and the room a mailbox's daily limit leaves today (the sequence scheduler asks it). Sending
//! itself is `mail::outbox` (the worker); this file only writes the queue.
use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::domain::{
    ComposePreview, Entity, Mailbox, MailboxState, OutboundMessage, OutboundStatus, Outbox, OutboxItem, Queued,
    RenderContext, Rendered, SendInput, SenderStatus,
};
use crate::error::{CoreError, Result};
use crate::mail::message::{new_message_id, parse_address};
use crate::mail::pacing::{self, History, Pending, Rules};
use crate::store::{self, outbox::NewOutbound};
use crate::time::{parse_iso, to_iso};
use crate::Outpost;

/// How far ahead the outbox projects "when will it go" per mailbox (beyond it, no estimate is shown).
const PROJECT_AHEAD: usize = 5_000;

/// (outbound id, when it is expected to go), in queue order.
type Slots = Vec<(i64, DateTime<Utc>)>;

/// A message ready to be written to the queue.
struct Draft {
    to: String,
    subject: String,
    body_text: String,
    body_html: Option<String>,
    missing: Vec<String>,
}

impl Outpost {
    /// Puts one message in the outbox. The Message-ID is minted and stored now, before any attempt.
    pub fn outbox_queue(&self, input: SendInput) -> Result<Queued> {
        self.outbox_queue_at(input, Utc::now())
    }

    /// [`Outpost::outbox_queue`] with an explicit "now" (tests drive the clock).
    pub fn outbox_queue_at(&self, input: SendInput, now: DateTime<Utc>) -> Result<Queued> {
        let mailbox = self.mailbox(input.mailbox_id)?;
        let draft = self.draft(&input)?;
        if let Some(reason) = self.suppressed(&draft.to)? {
            return Err(CoreError::validation("to", format!("Not queued: {reason}.")));
        }
        let not_before = match input.send_at.as_deref() {
            Some(s) => parse_iso(s)
                .ok_or_else(|| CoreError::validation("send_at", format!("“{s}” is not a date and time.")))?
                .max(now),
            None => now,
        };
        let message_id = new_message_id(&mailbox.email);
        let now_iso = to_iso(now);
        let id = self.db().write(|tx| {
            store::outbox::insert(
                tx,
                &NewOutbound {
                    mailbox_id: mailbox.id,
                    message_id: &message_id,
                    to_addr: &draft.to,
                    cc: clean(input.cc.as_deref()),
                    subject: &draft.subject,
                    body_text: &draft.body_text,
                    body_html: draft.body_html.as_deref(),
                    in_reply_to: clean(input.in_reply_to.as_deref()),
                    references: clean(input.references.as_deref()),
                    is_bulk: input.is_bulk,
                    not_before: &to_iso(not_before),
                    contact_id: input.contact_id,
                    deal_id: input.deal_id,
                    template_id: input.template_id,
                    now: &now_iso,
                },
            )
        })?;
        self.events().changed(Entity::Outbox, vec![id]);
        let goes_at =
            self.projection(&mailbox, now, PROJECT_AHEAD)?.into_iter().find(|(i, _)| *i == id).map(|(_, t)| to_iso(t));
        Ok(Queued { id, message_id, goes_at, missing_fields: draft.missing })
    }

    /// Queues one template for many contacts in one transaction (a campaign; the queue benchmark). Each gets
    /// its own rendering, Message-ID and List-Unsubscribe. Contacts without an email address or on the
    /// suppression list are skipped.
    pub fn outbox_queue_template(
        &self,
        mailbox_id: i64,
        template_id: i64,
        contact_ids: &[i64],
        now: DateTime<Utc>,
    ) -> Result<Vec<Queued>> {
        let mailbox = self.mailbox(mailbox_id)?;
        let contexts: Vec<RenderContext> = contact_ids.iter().map(|id| RenderContext::contact(*id)).collect();
        let rendered = self.render_many(template_id, &contexts)?;
        let addresses = self.db().read(|conn| store::contact_points::primary_emails(conn, contact_ids))?;
        let now_iso = to_iso(now);
        let queued = self.db().write(|tx| {
            // One query for the whole batch, inside the transaction that queues it.
            let suppressed = crate::ops::suppressions::suppressed_among(tx, addresses.values().map(String::as_str))?;
            let mut out = Vec::with_capacity(contact_ids.len());
            for (contact_id, r) in contact_ids.iter().zip(rendered) {
                let Some(to) = addresses.get(contact_id) else { continue };
                if suppressed.contains(to.as_str()) {
                    continue;
                }
                let message_id = new_message_id(&mailbox.email);
                let id = store::outbox::insert(
                    tx,
                    &NewOutbound {
                        mailbox_id,
                        message_id: &message_id,
                        to_addr: to,
                        cc: None,
                        subject: &r.subject,
                        body_text: &r.body_text,
                        body_html: r.body_html.as_deref(),
                        in_reply_to: None,
                        references: None,
                        is_bulk: true,
                        not_before: &now_iso,
                        contact_id: Some(*contact_id),
                        deal_id: None,
                        template_id: Some(template_id),
                        now: &now_iso,
                    },
                )?;
                out.push(Queued { id, message_id, goes_at: None, missing_fields: r.missing });
            }
            Ok(out)
        })?;
        self.events().changed(Entity::Outbox, vec![]);
        Ok(queued)
    }

    /// The message as it would be sent, with the template's missing fields and the suppression check.
    pub fn compose_preview(&self, input: SendInput) -> Result<ComposePreview> {
        self.mailbox(input.mailbox_id)?;
        let (to, subject, body_text, body_html, missing) = match input.template_id {
            Some(id) => {
                let r = self.render(id, &input)?;
                (self.recipient(&input)?, r.subject, r.body_text, r.body_html, r.missing)
            }
            None => (
                self.recipient(&input)?,
                input.subject.unwrap_or_default(),
                input.body_text.unwrap_or_default(),
                input.body_html,
                vec![],
            ),
        };
        let suppressed = match &to {
            Some(to) => self.suppressed(to)?,
            None => None,
        };
        Ok(ComposePreview { to, subject, body_text, body_html, missing_fields: missing, suppressed })
    }

    /// The Outbox view: messages (queued first, with when each will go) and each sender's state.
    pub fn outbox(&self, status: Option<OutboundStatus>, limit: usize) -> Result<Outbox> {
        self.outbox_at(status, limit, Utc::now())
    }

    pub fn outbox_at(&self, status: Option<OutboundStatus>, limit: usize, now: DateTime<Utc>) -> Result<Outbox> {
        let mut items = self.db().read(|conn| store::outbox::list(conn, status, limit.clamp(1, 10_000)))?;
        let mailboxes = self.mailboxes()?;
        let mut senders = Vec::with_capacity(mailboxes.len());
        for m in &mailboxes {
            let (slots, history) = self.projection_with_history(m, now, PROJECT_AHEAD)?;
            let rules = Rules::for_mailbox(m);
            for item in items.iter_mut().filter(|i| i.mailbox_id == m.id && i.status == OutboundStatus::Queued) {
                if m.state != MailboxState::Active {
                    item.waiting_reason = Some(paused_reason(m));
                    continue;
                }
                if let Some((_, at)) = slots.iter().find(|(id, _)| *id == item.id) {
                    item.goes_at = Some(to_iso(*at));
                    item.waiting_reason = waiting_reason(&rules, history, now, *at, item);
                }
            }
            let (queued, failed) = self.db().read(|conn| store::outbox::counts(conn, m.id))?;
            senders.push(SenderStatus {
                mailbox_id: m.id,
                name: m.name.clone(),
                email: m.email.clone(),
                state: m.state,
                state_reason: m.state_reason.clone(),
                queued,
                failed,
                sent_today: i64::from(history.sent_today),
                daily_limit: m.daily_limit,
                next_at: if m.state == MailboxState::Active { slots.first().map(|(_, t)| to_iso(*t)) } else { None },
            });
        }
        Ok(Outbox { items, senders })
    }

    pub fn outbox_message(&self, id: i64) -> Result<OutboundMessage> {
        self.db().read(|conn| store::outbox::get(conn, id))
    }

    /// Cancels a queued (or failed) message. A message already with the server cannot be called back.
    pub fn outbox_cancel(&self, id: i64) -> Result<OutboundMessage> {
        let now = to_iso(Utc::now());
        let done = self.db().write(|tx| {
            Ok(store::outbox::cancel(tx, id, OutboundStatus::Queued, None, &now)?
                || store::outbox::cancel(tx, id, OutboundStatus::Failed, None, &now)?)
        })?;
        let message = self.outbox_message(id)?;
        if !done {
            return Err(CoreError::Conflict(format!(
                "This message is {} and can no longer be cancelled.",
                message.item.status.as_str()
            )));
        }
        self.events().changed(Entity::Outbox, vec![id]);
        Ok(message)
    }

    /// Puts a failed or cancelled message back in the queue, to go as soon as pacing allows.
    pub fn outbox_retry(&self, id: i64) -> Result<OutboundMessage> {
        let now = to_iso(Utc::now());
        let done = self.db().write(|tx| store::outbox::retry(tx, id, &now))?;
        let message = self.outbox_message(id)?;
        if !done {
            return Err(CoreError::Conflict(format!(
                "Only failed or cancelled messages can be retried; this one is {}.",
                message.item.status.as_str()
            )));
        }
        self.events().changed(Entity::Outbox, vec![id]);
        Ok(message)
    }

    /// When the first `ahead` queued messages of `mailbox` are expected to go: (id, time), in order. A
    /// message's time depends only on those before it, so the sender asks for just the few it can send.
    pub(crate) fn projection(&self, mailbox: &Mailbox, now: DateTime<Utc>, ahead: usize) -> Result<Slots> {
        Ok(self.projection_with_history(mailbox, now, ahead)?.0)
    }

    fn projection_with_history(&self, mailbox: &Mailbox, now: DateTime<Utc>, ahead: usize) -> Result<(Slots, History)> {
        let rules = Rules::for_mailbox(mailbox);
        let (day_start, _) = rules.window.day_of(now);
        let (sent_today, last, queued) = self.db().read(|conn| {
            let (count, last) = store::outbox::sent_since(conn, mailbox.id, &to_iso(day_start))?;
            Ok((count, last, store::outbox::queued(conn, mailbox.id, ahead)?))
        })?;
        let history = History { sent_today, last_sent_at: last.as_deref().and_then(parse_iso) };
        let pending: Vec<Pending> = queued
            .iter()
            .map(|(id, nb)| Pending { not_before: parse_iso(nb).unwrap_or(now), jitter: pacing::jitter_for(*id) })
            .collect();
        let slots = pacing::schedule(&rules, history, now, &pending);
        Ok((queued.into_iter().map(|(id, _)| id).zip(slots).collect(), history))
    }

    /// Why `to` must not be mailed, if it must not. Checked when queueing and again right before sending.
    pub(crate) fn suppressed(&self, to: &str) -> Result<Option<String>> {
        self.is_suppressed(to)
    }

    fn render(&self, template_id: i64, input: &SendInput) -> Result<Rendered> {
        let ctx = RenderContext { contact_id: input.contact_id, deal_id: input.deal_id };
        if ctx.contact_id.is_none() && ctx.deal_id.is_none() {
            return Err(CoreError::validation("contact_id", "Choose the contact (or deal) to fill the template for."));
        }
        Ok(self.render_many(template_id, &[ctx])?.remove(0))
    }

    /// The render fast path: the template compiled once, the records read in bulk.
    fn render_many(&self, template_id: i64, contexts: &[RenderContext]) -> Result<Vec<Rendered>> {
        self.render_template_many(template_id, contexts)
    }

    fn draft(&self, input: &SendInput) -> Result<Draft> {
        let (subject, body_text, body_html, missing) = match input.template_id {
            Some(id) => {
                let r = self.render(id, input)?;
                (r.subject, r.body_text, r.body_html, r.missing)
            }
            None => {
                let subject = clean(input.subject.as_deref())
                    .ok_or_else(|| CoreError::validation("subject", "Write a subject."))?
                    .to_string();
                let body = input.body_text.as_deref().map(str::trim_end).filter(|b| !b.trim().is_empty());
                let body = body.ok_or_else(|| CoreError::validation("body_text", "Write the message."))?.to_string();
                (subject, body, clean(input.body_html.as_deref()).map(str::to_string), vec![])
            }
        };
        let to = self.recipient(input)?.ok_or_else(|| {
            CoreError::validation(
                "to",
                if input.contact_id.is_some() {
                    "This contact has no email address: enter one."
                } else {
                    "Enter the recipient's email address."
                },
            )
        })?;
        parse_address(&to, "to")?;
        if subject.contains(['\r', '\n']) {
            return Err(CoreError::validation("subject", "A subject is one line."));
        }
        Ok(Draft { to, subject, body_text, body_html, missing })
    }

    /// `to`, else the contact's primary email.
    fn recipient(&self, input: &SendInput) -> Result<Option<String>> {
        if let Some(to) = clean(input.to.as_deref()) {
            return Ok(Some(to.to_string()));
        }
        match input.contact_id {
            Some(id) => self.db().read(|conn| primary_email(conn, id)),
            None => Ok(None),
        }
    }
}

/// How many more messages `mailbox`'s daily limit lets go today; `None` when it has no limit. Today is the
/// local day of `now` in the mailbox's send-window zone, the day pacing counts. The limit covers what was
/// sent today and what waits to go by the end of it (queued or in flight, overdue ones included); a message
/// held for a later day (a scheduled send, a long retry backoff) counts on that day instead.
pub(crate) fn room_today(conn: &Connection, mailbox: &Mailbox, now: DateTime<Utc>) -> Result<Option<u32>> {
    let rules = Rules::for_mailbox(mailbox);
    let Some(limit) = rules.daily_limit else { return Ok(None) };
    let (start, end) = rules.window.day_of(now);
    let (sent, _) = store::outbox::sent_since(conn, mailbox.id, &to_iso(start))?;
    let waiting = store::outbox::waiting_before(conn, mailbox.id, &to_iso(end))?;
    Ok(Some(limit.saturating_sub(sent.saturating_add(waiting))))
}

fn primary_email(conn: &Connection, contact_id: i64) -> Result<Option<String>> {
    Ok(store::contact_points::list(conn, contact_id, store::contact_points::Kind::Email)?
        .into_iter()
        .next()
        .map(|p| p.value))
}

fn clean(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

fn paused_reason(m: &Mailbox) -> String {
    match m.state {
        MailboxState::AuthFailed => {
            format!("Waiting: {} refused the password. Update it in Settings → Mailboxes.", m.name)
        }
        _ => format!("Waiting: {} is paused.", m.name),
    }
}

/// Why a queued message does not go right now, in plain words.
fn waiting_reason(
    rules: &Rules,
    history: History,
    now: DateTime<Utc>,
    goes_at: DateTime<Utc>,
    item: &OutboxItem,
) -> Option<String> {
    if goes_at <= now {
        return None;
    }
    let not_before = parse_iso(&item.not_before).unwrap_or(now);
    if goes_at == not_before {
        return Some(if item.attempts > 0 {
            format!("Retrying after: {}", item.last_error.as_deref().unwrap_or("a temporary failure"))
        } else {
            "Scheduled".into()
        });
    }
    let window = &rules.window;
    if let Some(limit) = rules.daily_limit {
        if window.local_day(goes_at) > window.local_day(now) && history.sent_today >= limit {
            return Some(format!("Daily limit of {limit} reached"));
        }
    }
    if window.next_open(now) > now {
        return Some("Outside the send window".into());
    }
    if let Some(limit) = rules.daily_limit {
        if window.local_day(goes_at) > window.local_day(now) {
            return Some(format!("Daily limit of {limit}"));
        }
    }
    Some("Spacing between messages".into())
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::{DateTime, Utc};
    use rusqlite::Connection;

    use super::room_today;
    use crate::domain::{Mailbox, MailboxInput, OutboundStatus, SendWindow};
    use crate::secrets::MemoryStore;
    use crate::store::outbox::{self, NewOutbound};
    use crate::Outpost;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn mailbox(core: &Outpost, email: &str, daily_limit: i64) -> Mailbox {
        core.create_mailbox(MailboxInput {
            name: email.into(),
            email: email.into(),
            smtp_host: "localhost".into(),
            smtp_port: 2525,
            imap_host: "localhost".into(),
            imap_port: 993,
            username: email.into(),
            password: Some("x".into()),
            daily_limit: Some(daily_limit),
            // Berlin's day starts two hours before UTC's in May: a message sent at 22:30 UTC is tomorrow's.
            send_window: Some(SendWindow { timezone: Some("Europe/Berlin".into()), ..Default::default() }),
            ..Default::default()
        })
        .unwrap()
    }

    /// A queued message of `mailbox_id`, not to go before `not_before`.
    fn queue(conn: &Connection, mailbox_id: i64, tag: &str, not_before: &str) -> i64 {
        let message_id = format!("<{tag}@room.test>");
        outbox::insert(
            conn,
            &NewOutbound {
                mailbox_id,
                message_id: &message_id,
                to_addr: "bob@example.test",
                cc: None,
                subject: tag,
                body_text: "Hi",
                body_html: None,
                in_reply_to: None,
                references: None,
                is_bulk: false,
                not_before,
                contact_id: None,
                deal_id: None,
                template_id: None,
                now: not_before,
            },
        )
        .unwrap()
    }

    /// Queued, then accepted by the server at `sent_at`; `filed` moves it on to `sent`.
    fn accepted(conn: &Connection, mailbox_id: i64, tag: &str, sent_at: &str, filed: bool) {
        let id = queue(conn, mailbox_id, tag, sent_at);
        assert!(outbox::claim(conn, id, sent_at).unwrap());
        outbox::mark_accepted(conn, id, sent_at, Some("250 OK")).unwrap();
        if filed {
            assert!(outbox::mark_sent(conn, id, sent_at, None, sent_at).unwrap());
        }
    }

    #[test]
    fn room_today_counts_sent_and_waiting_in_the_mailboxs_own_day() {
        let dir = tempfile::tempdir().unwrap();
        let core = Outpost::open(&dir.path().join("t.db"), Arc::new(MemoryStore::default())).unwrap();
        let mb = mailbox(&core, "ada@example.test", 3);
        let other = mailbox(&core, "bob@example.test", 3);
        let unlimited = mailbox(&core, "cy@example.test", 0);
        // Wednesday 12:00 in Berlin.
        let now = at("2024-05-15T10:00:00Z");
        let room = |now| core.db().read(|conn| room_today(conn, &mb, now)).unwrap();

        let overdue = core
            .db()
            .write(|tx| {
                // Yesterday in Berlin (23:30): not today's.
                accepted(tx, mb.id, "yesterday", "2024-05-14T21:30:00.000Z", true);
                // Today in Berlin (00:30), though yesterday in UTC.
                accepted(tx, mb.id, "after-midnight", "2024-05-14T22:30:00.000Z", true);
                // Accepted this morning, still being filed in Sent: counted once, as sent.
                accepted(tx, mb.id, "filing", "2024-05-15T08:00:00.000Z", false);
                // Queued two days ago and still waiting: it goes today.
                let overdue = queue(tx, mb.id, "overdue", "2024-05-13T09:00:00.000Z");
                // Held until 00:30 tomorrow in Berlin: tomorrow's.
                queue(tx, mb.id, "tomorrow", "2024-05-15T22:30:00.000Z");
                // Another mailbox's message is not this one's.
                queue(tx, other.id, "elsewhere", "2024-05-15T09:00:00.000Z");
                Ok(overdue)
            })
            .unwrap();
        assert_eq!(room(now), Some(0), "2 sent today + 1 waiting fill a limit of 3");

        let now_iso = crate::time::to_iso(now);
        core.db()
            .write(|tx| {
                assert!(outbox::cancel(tx, overdue, OutboundStatus::Queued, None, &now_iso)?);
                Ok(())
            })
            .unwrap();
        assert_eq!(room(now), Some(1), "a cancelled message gives its place back");
        // 00:30 tomorrow in Berlin: nothing sent yet, the message held for tomorrow waits.
        assert_eq!(room(at("2024-05-15T22:30:00Z")), Some(2));

        core.db()
            .write(|tx| {
                queue(tx, mb.id, "one", &now_iso);
                queue(tx, mb.id, "two", &now_iso);
                Ok(())
            })
            .unwrap();
        assert_eq!(room(now), Some(0), "more waiting than the limit leaves no room, never less");
        assert_eq!(core.db().read(|conn| room_today(conn, &other, now)).unwrap(), Some(2));
        assert_eq!(core.db().read(|conn| room_today(conn, &unlimited, now)).unwrap(), None);
    }
}
