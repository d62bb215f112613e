//! SQL on `outbound_messages` for sequence steps: the step's message goes in the same queue as any other,
//! tagged with its enrollment and step. `outbound_step_once` (migration 0011) makes a second message for
//! the same enrollment and step impossible.
use rusqlite::{params, Connection, OptionalExtension};

use super::outbox::NewOutbound;
use crate::error::Result;

/// Queues the step's message; `None` when this enrollment already has a message for this step.
pub fn insert(conn: &Connection, m: &NewOutbound, enrollment_id: i64, step_id: i64) -> Result<Option<i64>> {
    let n = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO outbound_messages (mailbox_id, message_id, to_addr, cc, subject, body_text,
                 body_html, in_reply_to, \"references\", is_bulk, not_before, contact_id, deal_id, template_id,
                 enrollment_id, step_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)",
        )?
        .execute(params![
            m.mailbox_id,
            m.message_id,
            m.to_addr,
            m.cc,
            m.subject,
            m.body_text,
            m.body_html,
            m.in_reply_to,
            m.references,
            m.is_bulk,
            m.not_before,
            m.contact_id,
            m.deal_id,
            m.template_id,
            enrollment_id,
            step_id,
            m.now,
        ])?;
    Ok((n == 1).then(|| conn.last_insert_rowid()))
}

/// The subject of the message that started an enrollment's thread.
pub fn subject_of(conn: &Connection, message_id: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT subject FROM outbound_messages WHERE message_id = ?1")?
        .query_row([message_id], |r| r.get(0))
        .optional()?)
}
