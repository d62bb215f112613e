//! SQL for `sequence_enrollments`: enrolling (set-based), the scheduler's due rows and its guarded moves, stops
//! (including the one mail sync calls when a contact replies, bounces or unsubscribes), pause and resume.
use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::domain::{ConversionTarget, Enrollment, EnrollmentStatus};
use crate::error::{CoreError, Result};

/// How long after its last step a finished enrollment still counts a reply, bounce or unsubscribe (a campaign
/// is one step: it finishes when its email is queued, and its replies come after).
const LATE_ANSWER_DAYS: &str = "-30 days";

/// Stops the contact's active and paused enrollments with a stable `code` and the `reason` in words; returns
/// how many stopped. Enrollments that finished in the last 30 days and have no outcome yet keep their status
/// but record it too, so the reports count a reply to the last step (or to a campaign).
pub fn stop_for_contact(conn: &Connection, contact_id: i64, code: &str, reason: &str, now: &str) -> Result<usize> {
    let stopped = conn
        .prepare_cached(
            "UPDATE sequence_enrollments SET status = 'stopped', stop_code = ?2, stop_reason = ?3, stopped_at = ?4,
                 next_run_at = NULL, updated_at = ?4
             WHERE contact_id = ?1 AND status IN ('active', 'paused')",
        )?
        .execute(params![contact_id, code, reason, now])?;
    conn.prepare_cached(
        "UPDATE sequence_enrollments SET stop_code = ?2, stop_reason = ?3 || ' after the last step', updated_at = ?4
         WHERE contact_id = ?1 AND status = 'completed' AND stop_code IS NULL
           AND updated_at >= strftime('%Y-%m-%dT%H:%M:%fZ', ?4, ?5)",
    )?
    .execute(params![contact_id, code, reason, now, LATE_ANSWER_DAYS])?;
    Ok(stopped)
}

/// Stops one enrollment (active or paused). False when it had already finished.
pub fn stop(conn: &Connection, id: i64, code: &str, reason: &str, now: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "UPDATE sequence_enrollments SET status = 'stopped', stop_code = ?2, stop_reason = ?3, stopped_at = ?4,
                 next_run_at = NULL, updated_at = ?4
             WHERE id = ?1 AND status IN ('active', 'paused')",
        )?
        .execute(params![id, code, reason, now])?
        == 1)
}

/// The people of a deal: its contact and the contacts linked to it.
const DEAL_PEOPLE: &str = "SELECT contact_id FROM deals WHERE id = ?1 AND contact_id IS NOT NULL
     UNION SELECT contact_id FROM deal_contacts WHERE deal_id = ?1";

/// The active and paused enrollments of a deal's people: (id, the sequence's settings JSON).
pub fn running_for_deal(conn: &Connection, deal_id: i64) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT e.id, s.settings FROM sequence_enrollments e JOIN sequences s ON s.id = e.sequence_id
         WHERE e.contact_id IN ({DEAL_PEOPLE}) AND e.status IN ('active', 'paused')"
    ))?;
    let rows = stmt.query_map([deal_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Rewrites the reason of the deal's people's enrollments stopped with `code` and exactly `reason` at or after
/// `since` (when the deal closed): they stay stopped, and `note` says why. Returns how many.
pub fn renote_deal_stops(
    conn: &Connection,
    deal_id: i64,
    code: &str,
    reason: &str,
    since: &str,
    note: &str,
    now: &str,
) -> Result<usize> {
    Ok(conn
        .prepare_cached(&format!(
            "UPDATE sequence_enrollments SET stop_reason = ?5, updated_at = ?6
             WHERE contact_id IN ({DEAL_PEOPLE}) AND status = 'stopped' AND stop_code = ?2 AND stop_reason = ?3
               AND stopped_at >= ?4"
        ))?
        .execute(params![deal_id, code, reason, since, note, now])?)
}

/// active → paused or paused → active (with the next step due no earlier than `next_run_at`).
pub fn set_paused(conn: &Connection, id: i64, paused: bool, now: &str) -> Result<bool> {
    let sql = if paused {
        "UPDATE sequence_enrollments SET status = 'paused', updated_at = ?2 WHERE id = ?1 AND status = 'active'"
    } else {
        "UPDATE sequence_enrollments SET status = 'active', next_run_at = max(COALESCE(next_run_at, ?2), ?2),
             updated_at = ?2
         WHERE id = ?1 AND status = 'paused'"
    };
    Ok(conn.prepare_cached(sql)?.execute(params![id, now])? == 1)
}

/// What enrolling needs to know about each contact, read in one pass.
pub struct ContactFacts {
    pub name: String,
    pub email: Option<String>,
    pub company_id: Option<i64>,
    pub bounced: Option<String>,
    pub unsubscribed: bool,
}

/// Facts for the live contacts among `ids` (a deleted or unknown id is absent).
pub fn contact_facts(conn: &Connection, ids_json: &str) -> Result<HashMap<i64, ContactFacts>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, trim(c.first_name || ' ' || c.last_name), c.company_id, c.bounced_at, c.bounce_reason,
                c.unsubscribed_at,
                (SELECT p.value FROM contact_points p WHERE p.contact_id = c.id AND p.kind = 'email'
                 ORDER BY p.is_primary DESC, p.id LIMIT 1)
         FROM contacts c WHERE c.id IN (SELECT value FROM json_each(?1)) AND c.deleted_at IS NULL",
    )?;
    let rows = stmt.query_map([ids_json], |r| {
        let bounced_at: Option<String> = r.get(3)?;
        let reason: Option<String> = r.get(4)?;
        Ok((
            r.get::<_, i64>(0)?,
            ContactFacts {
                name: r.get(1)?,
                company_id: r.get(2)?,
                bounced: bounced_at
                    .map(|at| reason.unwrap_or_else(|| format!("bounced on {}", &at[..10.min(at.len())]))),
                unsubscribed: r.get::<_, Option<String>>(5)?.is_some(),
                email: r.get(6)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Which of `ids` already have an enrollment in the sequence (any status: a contact runs a sequence once).
pub fn enrolled_among(conn: &Connection, sequence_id: i64, ids_json: &str) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT contact_id, status FROM sequence_enrollments
         WHERE sequence_id = ?1 AND contact_id IN (SELECT value FROM json_each(?2))",
    )?;
    let rows = stmt.query_map(params![sequence_id, ids_json], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert(conn: &Connection, sequence_id: i64, contact_id: i64, snapshot: &str, now: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO sequence_enrollments (sequence_id, contact_id, status, current_step, next_run_at, snapshot,
             enrolled_at, updated_at)
         VALUES (?1, ?2, 'active', 0, ?4, ?3, ?4, ?4)",
    )?
    .execute(params![sequence_id, contact_id, snapshot, now])?;
    Ok(conn.last_insert_rowid())
}

/// A due enrollment as the scheduler reads it.
pub struct DueRow {
    pub id: i64,
    pub contact_id: i64,
    pub current_step: i64,
    pub snapshot: String,
    pub thread_message_id: Option<String>,
    pub enrolled_at: String,
}

/// The sequence's active enrollments due at `now`, oldest due first. With `emails` false, those whose next
/// step is an email are left out (the mailbox's cap is used up; waits and tasks still run).
pub fn due(conn: &Connection, sequence_id: i64, now: &str, emails: bool, limit: usize) -> Result<Vec<DueRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.contact_id, e.current_step, e.snapshot, e.thread_message_id, e.enrolled_at
         FROM sequence_enrollments e
         WHERE e.sequence_id = ?1 AND e.status = 'active' AND e.next_run_at <= ?2
           AND (?3 OR NOT EXISTS (SELECT 1 FROM sequence_steps st WHERE st.sequence_id = e.sequence_id
                                  AND st.position = e.current_step AND st.deleted_at IS NULL AND st.kind = 'email'))
         ORDER BY e.next_run_at, e.id LIMIT ?4",
    )?;
    let rows = stmt.query_map(params![sequence_id, now, emails, limit as i64], |r| {
        Ok(DueRow {
            id: r.get(0)?,
            contact_id: r.get(1)?,
            current_step: r.get(2)?,
            snapshot: r.get(3)?,
            thread_message_id: r.get(4)?,
            enrolled_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Moves an enrollment from step `from` to `to`, due at `next_run_at` (`None` with `completed`). Guarded on
/// the step it was read at, so a step is never run twice. False when something else moved it first.
#[allow(clippy::too_many_arguments)]
pub fn advance(
    conn: &Connection,
    id: i64,
    from: i64,
    to: i64,
    next_run_at: Option<&str>,
    completed: bool,
    thread_message_id: Option<&str>,
    now: &str,
) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "UPDATE sequence_enrollments SET current_step = ?3, next_run_at = ?4,
                 status = CASE WHEN ?5 THEN 'completed' ELSE status END,
                 thread_message_id = COALESCE(thread_message_id, ?6), updated_at = ?7
             WHERE id = ?1 AND current_step = ?2 AND status = 'active'",
        )?
        .execute(params![id, from, to, next_run_at, completed, thread_message_id, now])?
        == 1)
}

/// Moves the next run (the send window's next opening; an auto-reply's delay).
pub fn set_next_run(conn: &Connection, id: i64, next_run_at: &str, now: &str) -> Result<()> {
    conn.prepare_cached("UPDATE sequence_enrollments SET next_run_at = ?2, updated_at = ?3 WHERE id = ?1")?
        .execute(params![id, next_run_at, now])?;
    Ok(())
}

/// The contact's active enrollments: (id, next_run_at, the sequence's settings JSON).
pub fn active_for_contact(conn: &Connection, contact_id: i64) -> Result<Vec<(i64, Option<String>, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.next_run_at, s.settings FROM sequence_enrollments e JOIN sequences s ON s.id = e.sequence_id
         WHERE e.contact_id = ?1 AND e.status = 'active'",
    )?;
    let rows = stmt.query_map([contact_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// After an edit of the steps: every enrollment at a live position `old` goes to `new`. Two passes through
/// negative numbers so one move never lands on a position another still has to move from.
pub fn remap_steps(conn: &Connection, sequence_id: i64, moves: &[(i64, i64)]) -> Result<()> {
    let mut park = conn.prepare_cached(
        "UPDATE sequence_enrollments SET current_step = -1 - ?3 WHERE sequence_id = ?1 AND current_step = ?2
             AND status IN ('active', 'paused')",
    )?;
    for (old, new) in moves.iter().filter(|(o, n)| o != n) {
        park.execute(params![sequence_id, old, new])?;
    }
    conn.prepare_cached(
        "UPDATE sequence_enrollments SET current_step = -1 - current_step WHERE sequence_id = ?1 AND current_step < 0",
    )?
    .execute([sequence_id])?;
    Ok(())
}

/// An enrollment's conversion is the timeline entry it wrote (kind `sequence`, `meta.enrollment_id`): one record
/// of it, on the contact's activities index, gone with the deal if that is purged (the reply can be converted
/// again then).
const ENROLLMENT_COLUMNS: &str = "e.id, e.sequence_id, e.contact_id, trim(c.first_name || ' ' || c.last_name),
    e.status, e.current_step, e.next_run_at, e.stop_code, e.stop_reason, e.stopped_at, e.enrolled_at,
    (SELECT count(*) FROM outbound_messages o
     WHERE o.enrollment_id = e.id AND o.step_id IS NOT NULL AND o.sent_at IS NOT NULL),
    (SELECT count(*) FROM outbound_messages o
     WHERE o.enrollment_id = e.id AND o.step_id IS NOT NULL AND o.sent_at IS NULL AND o.status IN ('queued', 'sending')),
    (SELECT json_extract(a.meta, '$.converted_to') FROM activities a
     WHERE a.contact_id = e.contact_id AND a.kind = 'sequence' AND json_extract(a.meta, '$.enrollment_id') = e.id
     ORDER BY a.id DESC LIMIT 1),
    (SELECT a.deal_id FROM activities a
     WHERE a.contact_id = e.contact_id AND a.kind = 'sequence' AND json_extract(a.meta, '$.enrollment_id') = e.id
     ORDER BY a.id DESC LIMIT 1)";

fn enrollment(r: &Row) -> rusqlite::Result<Enrollment> {
    Ok(Enrollment {
        id: r.get(0)?,
        sequence_id: r.get(1)?,
        contact_id: r.get(2)?,
        contact_name: r.get(3)?,
        status: EnrollmentStatus::parse(&r.get::<_, String>(4)?).unwrap_or(EnrollmentStatus::Stopped),
        current_step: r.get(5)?,
        next_run_at: r.get(6)?,
        stop_code: r.get(7)?,
        stop_reason: r.get(8)?,
        stopped_at: r.get(9)?,
        enrolled_at: r.get(10)?,
        emails_sent: r.get(11)?,
        emails_waiting: r.get(12)?,
        converted_to: r.get::<_, Option<String>>(13)?.as_deref().and_then(ConversionTarget::parse),
        converted_deal_id: r.get(14)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Enrollment> {
    conn.prepare_cached(&format!(
        "SELECT {ENROLLMENT_COLUMNS} FROM sequence_enrollments e JOIN contacts c ON c.id = e.contact_id WHERE e.id = ?1"
    ))?
    .query_row([id], enrollment)
    .optional()?
    .ok_or(CoreError::NotFound { entity: "enrollment", id })
}

/// A sequence's enrollments, most recently changed first.
pub fn list(conn: &Connection, sequence_id: i64, limit: usize) -> Result<Vec<Enrollment>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ENROLLMENT_COLUMNS} FROM sequence_enrollments e JOIN contacts c ON c.id = e.contact_id
         WHERE e.sequence_id = ?1 ORDER BY e.updated_at DESC, e.id DESC LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![sequence_id, limit as i64], enrollment)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A contact's enrollments (the record page).
pub fn for_contact(conn: &Connection, contact_id: i64) -> Result<Vec<Enrollment>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ENROLLMENT_COLUMNS} FROM sequence_enrollments e JOIN contacts c ON c.id = e.contact_id
         WHERE e.contact_id = ?1 ORDER BY e.enrolled_at DESC, e.id DESC"
    ))?;
    let rows = stmt.query_map([contact_id], enrollment)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Won or lost deals of these contacts closed at or after `since`: contact → (won, title), the latest first.
pub fn closed_deals(conn: &Connection, contact_ids_json: &str) -> Result<HashMap<i64, (bool, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT contact_id, status = 'won', title, closed_at FROM deals
         WHERE contact_id IN (SELECT value FROM json_each(?1)) AND status IN ('won', 'lost')
           AND closed_at IS NOT NULL AND deleted_at IS NULL
         ORDER BY closed_at",
    )?;
    let rows = stmt.query_map([contact_ids_json], |r| Ok((r.get::<_, i64>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))?;
    // Later rows (closed later) win.
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Primary email, bounce and unsubscribe state, and time zone of each contact (for the due rows).
pub struct SendFacts {
    pub email: Option<String>,
    pub bounced: bool,
    pub unsubscribed: bool,
    pub timezone: Option<String>,
    pub first_name: String,
    pub last_name: String,
}

pub fn send_facts(conn: &Connection, ids_json: &str) -> Result<HashMap<i64, SendFacts>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.bounced_at IS NOT NULL, c.unsubscribed_at IS NOT NULL, c.timezone, c.first_name, c.last_name,
                (SELECT p.value FROM contact_points p WHERE p.contact_id = c.id AND p.kind = 'email'
                 ORDER BY p.is_primary DESC, p.id LIMIT 1)
         FROM contacts c WHERE c.id IN (SELECT value FROM json_each(?1)) AND c.deleted_at IS NULL",
    )?;
    let rows = stmt.query_map([ids_json], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            SendFacts {
                bounced: r.get(1)?,
                unsubscribed: r.get(2)?,
                timezone: r.get(3)?,
                first_name: r.get(4)?,
                last_name: r.get(5)?,
                email: r.get(6)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
