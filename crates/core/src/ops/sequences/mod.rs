//! Sequences and campaigns: define and edit them (`define`), enroll contacts (`enroll`), run due steps
//! (`scheduler`), report (`stats`), turn a reply into a lead or a deal (`convert`). Pause, resume and stop, for
//! a sequence or one enrollment, live here.
mod calendar;
mod convert;
mod deal_closed;
mod define;
mod enroll;
mod scheduler;
mod snapshot;
mod stats;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::domain::{Enrollment, Entity, Sequence, SequenceInput, SequenceSettings, SequenceStatus, SequenceSummary};
use crate::error::{CoreError, Result};
use crate::store::{sequence_enrollments as enrollments, sequences};
use crate::time::{parse_iso, to_iso};
use crate::Outpost;

pub use calendar::after_days;
pub(crate) use deal_closed::{on_deal_status_change, stop_for_closed_deal};

impl Outpost {
    pub fn sequences(&self) -> Result<Vec<SequenceSummary>> {
        self.db().read(sequences::list)
    }

    pub fn sequence(&self, id: i64) -> Result<Sequence> {
        self.db().read(|conn| sequences::get(conn, id))
    }

    /// A new sequence (or campaign) with its steps; inline email texts become templates in the same
    /// transaction. A file or the editor's `status` is kept (default draft).
    pub fn create_sequence(&self, input: SequenceInput) -> Result<Sequence> {
        let checked = self.check_sequence(&input, None)?;
        let now = to_iso(Utc::now());
        let id = self.db().write(|tx| define::create(tx, &checked, &now))?;
        self.events().changed(Entity::Sequence, vec![id]);
        self.sequence(id)
    }

    /// Edits a sequence, running or not. Steps keep their ids; a removed step is retired (what it sent stays
    /// in the reports); each enrollment resumes right after the last step it already ran, so steps added
    /// after that point run for it and steps before it don't.
    pub fn update_sequence(&self, id: i64, input: SequenceInput) -> Result<Sequence> {
        let current = self.sequence(id)?;
        let checked = self.check_sequence(&input, Some(&current))?;
        let now = to_iso(Utc::now());
        self.db().write(|tx| define::update(tx, &current, &checked, &now))?;
        self.events().changed(Entity::Sequence, vec![id]);
        self.sequence(id)
    }

    /// Activate, pause, resume or archive. Paused steps wait; on resume what is due goes within the caps.
    pub fn set_sequence_status(&self, id: i64, status: SequenceStatus) -> Result<Sequence> {
        let current = self.sequence(id)?;
        if status == SequenceStatus::Active {
            define::check_can_run(&current)?;
        }
        self.db().write(|tx| sequences::set_status(tx, id, status, &to_iso(Utc::now())))?;
        self.events().changed(Entity::Sequence, vec![id]);
        self.sequence(id)
    }

    pub fn sequence_enrollments(&self, sequence_id: i64, limit: usize) -> Result<Vec<Enrollment>> {
        self.db().read(|conn| {
            sequences::get(conn, sequence_id)?;
            enrollments::list(conn, sequence_id, limit.clamp(1, 10_000))
        })
    }

    /// The sequences a contact is (or was) in, with why each stopped.
    pub fn contact_enrollments(&self, contact_id: i64) -> Result<Vec<Enrollment>> {
        self.db().read(|conn| enrollments::for_contact(conn, contact_id))
    }

    /// Stops one enrollment by hand; `reason` is kept with it.
    pub fn stop_enrollment(&self, id: i64, reason: Option<String>) -> Result<Enrollment> {
        let reason = reason.map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
        let text = match reason {
            Some(r) => format!("Stopped by hand: {r}"),
            None => "Stopped by hand".to_string(),
        };
        let done = self.db().write(|tx| enrollments::stop(tx, id, "manual", &text, &to_iso(Utc::now())))?;
        self.enrollment_changed(id, done, "It has already finished.")
    }

    pub fn pause_enrollment(&self, id: i64) -> Result<Enrollment> {
        let done = self.db().write(|tx| enrollments::set_paused(tx, id, true, &to_iso(Utc::now())))?;
        self.enrollment_changed(id, done, "Only a running enrollment can be paused.")
    }

    /// Resumes a paused enrollment: a step that fell due meanwhile goes at the next tick.
    pub fn resume_enrollment(&self, id: i64) -> Result<Enrollment> {
        let done = self.db().write(|tx| enrollments::set_paused(tx, id, false, &to_iso(Utc::now())))?;
        self.enrollment_changed(id, done, "Only a paused enrollment can be resumed.")
    }

    /// An automatic reply (out of office) from the contact: what the sync does inside its transaction, for
    /// callers outside one. Returns how many enrollments were delayed.
    pub fn on_auto_reply(&self, contact_id: i64, now: DateTime<Utc>) -> Result<usize> {
        let n = self.db().write(|tx| delay_for_auto_reply(tx, contact_id, &to_iso(now)))?;
        if n > 0 {
            self.events().changed(Entity::Sequence, vec![]);
        }
        Ok(n)
    }

    fn enrollment_changed(&self, id: i64, done: bool, otherwise: &str) -> Result<Enrollment> {
        let e = self.db().read(|conn| enrollments::get(conn, id))?;
        if !done {
            return Err(CoreError::Conflict(format!("Enrollment {id} is {}. {otherwise}", e.status.as_str())));
        }
        self.events().changed(Entity::Sequence, vec![e.sequence_id]);
        Ok(e)
    }
}

/// The sync's hook for auto-replies: each of the contact's running enrollments whose sequence asks for a delay
/// gets its next step pushed to at least `now` + that many days. Returns how many moved.
pub fn delay_for_auto_reply(tx: &Connection, contact_id: i64, now: &str) -> Result<usize> {
    let Some(at) = parse_iso(now) else { return Ok(0) };
    let mut moved = 0;
    for (id, next, settings) in enrollments::active_for_contact(tx, contact_id)? {
        let settings: SequenceSettings = serde_json::from_str(&settings).unwrap_or_default();
        if settings.auto_reply_delay_days == 0 {
            continue;
        }
        let until = at + chrono::Duration::days(i64::from(settings.auto_reply_delay_days));
        if next.as_deref().and_then(parse_iso).is_some_and(|n| n >= until) {
            continue;
        }
        enrollments::set_next_run(tx, id, &to_iso(until), now)?;
        moved += 1;
    }
    Ok(moved)
}
