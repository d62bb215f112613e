//! SQL for `tasks`.
use rusqlite::{params, Connection};

use crate::error::Result;

pub struct NewTask<'a> {
    pub title: &'a str,
    pub kind: &'a str,
    pub priority: &'a str,
    pub due_at: Option<&'a str>,
    pub rrule: Option<&'a str>,
    pub contact_id: Option<i64>,
    pub deal_id: Option<i64>,
    pub done: bool,
}

pub fn insert(conn: &Connection, t: &NewTask) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO tasks (title, kind, priority, due_at, rrule, contact_id, deal_id, status, completed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CASE WHEN ?8 THEN 'done' ELSE 'open' END,
                 CASE WHEN ?8 THEN ?4 END)",
    )?
    .execute(params![t.title, t.kind, t.priority, t.due_at, t.rrule, t.contact_id, t.deal_id, t.done])?;
    Ok(conn.last_insert_rowid())
}
