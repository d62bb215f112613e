//! SQL for email `templates`.
use rusqlite::{params, Connection};

use crate::error::Result;

pub fn insert(conn: &Connection, name: &str, subject: &str, body_text: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO templates (name, subject, body_text) VALUES (?1, ?2, ?3)",
        params![name, subject, body_text],
    )?;
    Ok(conn.last_insert_rowid())
}
