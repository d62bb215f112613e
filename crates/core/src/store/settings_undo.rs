//! SQL for `settings_undo`: what deleting a tag, stage or pipeline took away, kept so one undo puts it back.
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;

use crate::error::{CoreError, Result};
use crate::time::now_iso;

/// Keeps `before` for the undo of one delete and returns its token. Entries older than a day are dropped
/// here: undo is offered right after a delete, and a big tag's taggings should not pile up.
pub fn insert(conn: &Connection, kind: &str, before: &Value) -> Result<i64> {
    conn.prepare_cached(
        "DELETE FROM settings_undo WHERE created_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 day')",
    )?
    .execute([])?;
    conn.prepare_cached("INSERT INTO settings_undo (kind, before) VALUES (?1, ?2)")?
        .execute(params![kind, before.to_string()])?;
    Ok(conn.last_insert_rowid())
}

/// The kind and before-image of a delete not yet undone.
pub fn get(conn: &Connection, token: i64) -> Result<(String, Value)> {
    let row: Option<(String, String, Option<String>)> = conn
        .prepare_cached("SELECT kind, before, undone_at FROM settings_undo WHERE id = ?1")?
        .query_row([token], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    match row {
        None => Err(CoreError::NotFound { entity: "undo", id: token }),
        Some((_, _, Some(_))) => Err(CoreError::Conflict("That delete was already undone.".into())),
        Some((kind, before, None)) => Ok((kind, serde_json::from_str(&before)?)),
    }
}

pub fn mark_undone(conn: &Connection, token: i64) -> Result<()> {
    conn.prepare_cached("UPDATE settings_undo SET undone_at = ?2 WHERE id = ?1")?.execute(params![token, now_iso()])?;
    Ok(())
}
