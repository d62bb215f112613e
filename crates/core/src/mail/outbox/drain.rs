//! One mailbox's pass over the outbox: resolve what an earlier run left `sending`, then send what pacing
//! allows now, several at a time.
//!
//! Per message: claim it (queued → sending, one attempt more) → SMTP → record `sent_at` the moment the
//! server accepts → file a copy in Sent → `sent` and the contact's timeline. A crash leaves it `sending`;
//! the next run looks for its Message-ID in Sent before anything else:
//! - `sent_at` set: the server had it — file it if Sent lacks it, mark it sent. Never resent.
//! - `sent_at` empty but the Sent folder has it (we filed it, or the server files submissions itself, as
//!   Gmail and Microsoft 365 do): mark it sent. Never resent.
//! - neither: the run stopped before the server accepted it — queue it again.
//! - the Sent folder cannot be read: leave it `sending` and try again next pass; never guess.
//!
//! What no client can close is the few milliseconds between the server's "250" and our write of `sent_at`.
use chrono::{DateTime, Duration, Utc};
use futures_util::future::join_all;

use super::courier::{Clock, Courier};
use crate::domain::{Entity, Mailbox, MailboxState, OutboundMessage, OutboxRun};
use crate::error::Result;
use crate::mail::message::{build, Outgoing};
use crate::mail::pacing;
use crate::mail::{MailError, MailErrorKind};
use crate::store::{self, activities::NewActivity};
use crate::time::{parse_iso, to_iso};
use crate::Outpost;

#[derive(Debug, Clone)]
pub struct Settings {
    /// Messages in flight at once when pacing allows (the SMTP pool's connections).
    pub concurrency: usize,
    pub backoff_base: Duration,
    pub backoff_cap: Duration,
    /// Attempts before a transient failure becomes `failed`.
    pub max_attempts: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            concurrency: 8,
            backoff_base: Duration::minutes(1),
            backoff_cap: Duration::hours(2),
            max_attempts: 8,
        }
    }
}

/// How one message's turn ended.
enum Outcome {
    Sent,
    Retry,
    Failed,
    Suppressed,
    /// The server refused the password: the mailbox stops until the user fixes it.
    AuthFailed(MailError),
}

/// What a pass did, and when this mailbox has something due next (None: nothing queued, or it cannot send).
pub struct Pass {
    pub next_due: Option<DateTime<Utc>>,
}

/// Resolves the messages an earlier run left `sending` (see the module notes). Run it once, before any
/// sending, by whoever holds the outbox lock.
pub async fn recover<C: Courier>(
    core: &Outpost,
    mailbox: &Mailbox,
    courier: &C,
    clock: &dyn Clock,
    run: &mut OutboxRun,
) -> Result<()> {
    let stuck = core.db().read(|conn| store::outbox::sending(conn, mailbox.id))?;
    for (id, sent_at) in stuck {
        let msg = core.db().read(|conn| store::outbox::get(conn, id))?;
        let found = match courier.in_sent(&msg.item.message_id).await {
            Ok(found) => found,
            Err(e) => {
                tracing::warn!("outbox: cannot check the Sent folder of mailbox {} for message {id}: {e}", mailbox.id);
                continue;
            }
        };
        let now = clock.now();
        if found || sent_at.is_some() {
            let note = if found {
                None
            } else {
                let built = build(&outgoing(mailbox, &msg))?;
                courier
                    .file_sent(&built.raw)
                    .await
                    .err()
                    .map(|e| format!("Sent, but not saved in the Sent folder: {e}"))
            };
            let at = sent_at.as_deref().and_then(parse_iso).unwrap_or(now);
            finish_sent(core, mailbox, &msg, at, note.as_deref(), now)?;
        } else {
            let now_iso = to_iso(now);
            core.db().write(|tx| {
                store::outbox::requeue(tx, id, &now_iso, msg.item.last_error.as_deref(), None, true, &now_iso)
            })?;
        }
        run.recovered += 1;
        core.events().changed(Entity::Outbox, vec![id]);
    }
    Ok(())
}

/// Sends everything of `mailbox` that is due at the clock's now, `settings.concurrency` at a time, until
/// nothing more is due (pacing, retries and the send window decide). Counts go into `run`.
pub async fn drain<C: Courier>(
    core: &Outpost,
    mailbox_id: i64,
    courier: &C,
    clock: &dyn Clock,
    settings: &Settings,
    run: &mut OutboxRun,
) -> Result<Pass> {
    loop {
        // Re-read each round: the user may pause it, and an auth failure below stops it.
        let mailbox = core.mailbox(mailbox_id)?;
        if mailbox.state != MailboxState::Active {
            return Ok(Pass { next_due: None });
        }
        let now = clock.now();
        let plan = core.projection(&mailbox, now, settings.concurrency.max(1))?;
        let due: Vec<i64> =
            plan.iter().take_while(|(_, at)| *at <= now).take(settings.concurrency.max(1)).map(|(id, _)| *id).collect();
        if due.is_empty() {
            return Ok(Pass { next_due: plan.first().map(|(_, at)| *at) });
        }
        let outcomes = join_all(due.iter().map(|id| deliver(core, &mailbox, courier, clock, settings, *id))).await;
        let mut auth = None;
        for outcome in outcomes {
            match outcome? {
                Outcome::Sent => run.sent += 1,
                Outcome::Failed => run.failed += 1,
                Outcome::Suppressed => run.suppressed += 1,
                Outcome::Retry => {}
                Outcome::AuthFailed(e) => auth = Some(e),
            }
        }
        if let Some(e) = auth {
            let reason = format!("The server refused the password: {e}");
            core.db()
                .write(|tx| store::mailboxes::set_state(tx, mailbox_id, MailboxState::AuthFailed, Some(&reason)))?;
            tracing::warn!("outbox: mailbox {mailbox_id} paused: {reason}");
            core.events().changed(Entity::Settings, vec![mailbox_id]);
            core.events().changed(Entity::Outbox, vec![]);
            return Ok(Pass { next_due: None });
        }
    }
}

/// One message's attempt, from claim to its new status.
async fn deliver<C: Courier>(
    core: &Outpost,
    mailbox: &Mailbox,
    courier: &C,
    clock: &dyn Clock,
    settings: &Settings,
    id: i64,
) -> Result<Outcome> {
    let now_iso = to_iso(clock.now());
    let msg = core.db().read(|conn| store::outbox::get(conn, id))?;
    if let Some(reason) = core.suppressed(&msg.item.to_addr)? {
        let why = format!("Not sent: {reason}.");
        core.db()
            .write(|tx| store::outbox::cancel(tx, id, crate::domain::OutboundStatus::Queued, Some(&why), &now_iso))?;
        core.events().changed(Entity::Outbox, vec![id]);
        return Ok(Outcome::Suppressed);
    }
    if !core.db().write(|tx| store::outbox::claim(tx, id, &now_iso))? {
        // Cancelled (or taken) between planning and now.
        return Ok(Outcome::Retry);
    }
    core.events().changed(Entity::Outbox, vec![id]);
    let attempts = msg.item.attempts + 1;
    let built = match build(&outgoing(mailbox, &msg)) {
        Ok(b) => b,
        Err(e) => {
            let why = format!("The message cannot be built: {e}");
            core.db().write(|tx| store::outbox::fail(tx, id, &why, None, &now_iso))?;
            core.events().changed(Entity::Outbox, vec![id]);
            return Ok(Outcome::Failed);
        }
    };
    let result = courier.send(&built.envelope_from, &built.recipients, &built.raw).await;
    let now = clock.now();
    let now_iso = to_iso(now);
    let outcome = match result {
        Ok(reply) => {
            // From this write on the message counts as sent, whatever happens next.
            core.db().write(|tx| store::outbox::mark_accepted(tx, id, &now_iso, Some(reply.trim())))?;
            let note = courier
                .file_sent(&built.raw)
                .await
                .err()
                .map(|e| format!("Sent, but not saved in the Sent folder: {e}"));
            finish_sent(core, mailbox, &msg, now, note.as_deref(), clock.now())?;
            Outcome::Sent
        }
        Err(e) if e.kind == MailErrorKind::Auth => {
            core.db().write(|tx| {
                store::outbox::requeue(tx, id, &now_iso, Some(&e.message), e.server_reply.as_deref(), true, &now_iso)
            })?;
            Outcome::AuthFailed(e)
        }
        Err(e) if e.kind == MailErrorKind::Permanent || attempts >= settings.max_attempts => {
            let why = if e.kind == MailErrorKind::Permanent {
                e.message.clone()
            } else {
                format!("Gave up after {attempts} attempts: {}", e.message)
            };
            core.db().write(|tx| store::outbox::fail(tx, id, &why, e.server_reply.as_deref(), &now_iso))?;
            Outcome::Failed
        }
        Err(e) => {
            let delay = pacing::backoff(
                attempts as u32,
                settings.backoff_base,
                settings.backoff_cap,
                // Per message and attempt: failed messages spread out instead of retrying in step.
                pacing::jitter_for(id.wrapping_mul(1_000_003).wrapping_add(attempts)),
            );
            let again = to_iso(now + delay);
            core.db().write(|tx| {
                store::outbox::requeue(tx, id, &again, Some(&e.message), e.server_reply.as_deref(), false, &now_iso)
            })?;
            Outcome::Retry
        }
    };
    core.events().changed(Entity::Outbox, vec![id]);
    Ok(outcome)
}

/// sending → sent, and the email on the contact's (and deal's) timeline, in one transaction.
fn finish_sent(
    core: &Outpost,
    mailbox: &Mailbox,
    msg: &OutboundMessage,
    sent_at: DateTime<Utc>,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    let item = &msg.item;
    let sent_iso = to_iso(sent_at);
    let contact = core.db().write(|tx| {
        if !store::outbox::mark_sent(tx, item.id, &sent_iso, note, &to_iso(now))? {
            return Ok(None);
        }
        if item.contact_id.is_none() && item.deal_id.is_none() {
            return Ok(None);
        }
        let company_id = match item.contact_id {
            Some(id) => store::contacts::get(tx, id).ok().and_then(|c| c.company_id),
            None => None,
        };
        store::activities::insert(
            tx,
            &NewActivity {
                kind: "email_out",
                subject: &item.subject,
                body: Some(&msg.body_text),
                occurred_at: &sent_iso,
                contact_id: item.contact_id,
                company_id,
                deal_id: item.deal_id,
                meta: serde_json::json!({
                    "outbound_id": item.id,
                    "message_id": item.message_id,
                    "to": item.to_addr,
                    "mailbox_id": mailbox.id,
                    "mailbox": mailbox.name,
                    "template_id": item.template_id,
                }),
            },
        )?;
        if let Some(id) = item.contact_id {
            crate::ops::scoring::rescore_contact(tx, id)?;
        }
        Ok(item.contact_id)
    })?;
    core.events().changed(Entity::Outbox, vec![item.id]);
    core.events().changed(Entity::Activity, vec![]);
    if let Some(id) = contact {
        core.events().changed(Entity::Contact, vec![id]);
    }
    Ok(())
}

fn outgoing<'a>(mailbox: &'a Mailbox, msg: &'a OutboundMessage) -> Outgoing<'a> {
    Outgoing {
        from_email: &mailbox.email,
        from_name: mailbox.display_name.as_deref(),
        to: &msg.item.to_addr,
        cc: msg.cc.as_deref(),
        subject: &msg.item.subject,
        body_text: &msg.body_text,
        body_html: msg.body_html.as_deref(),
        message_id: &msg.item.message_id,
        in_reply_to: msg.in_reply_to.as_deref(),
        references: msg.references.as_deref(),
        is_bulk: msg.item.is_bulk,
    }
}
