//! SQL for `activities`, the timeline.
use rusqlite::{params, Connection};

use crate::error::Result;

pub struct NewActivity<'a> {
    pub kind: &'a str,
    pub subject: &'a str,
    pub body: Option<&'a str>,
    pub occurred_at: &'a str,
    pub contact_id: Option<i64>,
    pub company_id: Option<i64>,
    pub deal_id: Option<i64>,
    /// Snapshot of the labels the entry shows, so it still reads right after a rename.
    pub meta: serde_json::Value,
}

pub fn insert(conn: &Connection, a: &NewActivity) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO activities (kind, subject, body, occurred_at, contact_id, company_id, deal_id, meta)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        a.kind,
        a.subject,
        a.body,
        a.occurred_at,
        a.contact_id,
        a.company_id,
        a.deal_id,
        a.meta.to_string()
    ])?;
    if let Some(contact_id) = a.contact_id {
        conn.prepare_cached(
            "UPDATE contacts SET last_activity_at = max(COALESCE(last_activity_at, ''), ?2) WHERE id = ?1",
        )?
        .execute(params![contact_id, a.occurred_at])?;
    }
    Ok(conn.last_insert_rowid())
}
