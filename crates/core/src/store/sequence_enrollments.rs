//! SQL for `sequence_enrollments` that mail sync needs: stopping a contact's running sequences when they
//! reply, bounce or unsubscribe. (The sequences feature itself will own the rest of this table's SQL.)
use rusqlite::{params, Connection};

use crate::error::Result;

/// Stops the contact's active and paused enrollments with `reason`; returns how many stopped.
pub fn stop_for_contact(conn: &Connection, contact_id: i64, reason: &str, now: &str) -> Result<usize> {
    Ok(conn
        .prepare_cached(
            "UPDATE sequence_enrollments SET status = 'stopped', stop_reason = ?2, stopped_at = ?3, next_run_at = NULL,
                 updated_at = ?3
             WHERE contact_id = ?1 AND status IN ('active', 'paused')",
        )?
        .execute(params![contact_id, reason, now])?)
}
