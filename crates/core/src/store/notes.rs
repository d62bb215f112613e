//! SQL for `notes`.
use rusqlite::{params, Connection, OptionalExtension};

use super::search_index;
use crate::domain::Entity;
use crate::error::Result;

pub fn insert(
    conn: &Connection,
    body: &str,
    contact_id: Option<i64>,
    company_id: Option<i64>,
    deal_id: Option<i64>,
    created_at: &str,
) -> Result<i64> {
    conn.prepare_cached(
        // OR FAIL: one row, no statement journal (see `contacts::insert_imported`).
        "INSERT OR FAIL INTO notes (body, contact_id, company_id, deal_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?
    .execute(params![body, contact_id, company_id, deal_id, created_at])?;
    let id = conn.last_insert_rowid();
    // A new note has no entry yet: written as a fresh one (in a bulk write's sorted runs).
    search_index::put_new(conn, Entity::Note, id, title_of(body), body.to_string())?;
    Ok(id)
}

fn index(conn: &Connection, id: i64, body: &str) -> Result<()> {
    search_index::put(conn, Entity::Note, id, &title_of(body), body)
}

/// A note's title in the search index: its first line, cut at 80 characters.
fn title_of(body: &str) -> String {
    body.lines().next().unwrap_or("").chars().take(80).collect()
}

/// Rewrites a note's index entry from the stored note (or removes it when the note is gone).
pub fn reindex(conn: &Connection, id: i64) -> Result<()> {
    let body: Option<String> = conn
        .prepare_cached("SELECT body FROM notes WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    match body {
        Some(body) => index(conn, id, &body),
        None => search_index::remove(conn, Entity::Note, id),
    }
}

/// Deletes a note for good, with its index entry (an import undo taking back what it added).
pub fn purge(conn: &Connection, id: i64) -> Result<()> {
    search_index::remove(conn, Entity::Note, id)?;
    conn.prepare_cached("DELETE FROM notes WHERE id = ?1")?.execute([id])?;
    Ok(())
}
