//! SQL for `notes`.
use rusqlite::{params, Connection};

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
        "INSERT INTO notes (body, contact_id, company_id, deal_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?
    .execute(params![body, contact_id, company_id, deal_id, created_at])?;
    let id = conn.last_insert_rowid();
    let title: String = body.lines().next().unwrap_or("").chars().take(80).collect();
    search_index::put(conn, Entity::Note, id, &title, body)?;
    Ok(id)
}

/// Deletes a note for good, with its index entry (an import undo taking back what it added).
pub fn purge(conn: &Connection, id: i64) -> Result<()> {
    search_index::remove(conn, Entity::Note, id)?;
    conn.prepare_cached("DELETE FROM notes WHERE id = ?1")?.execute([id])?;
    Ok(())
}
