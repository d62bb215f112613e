//! SQL for `notes`.
use rusqlite::{params, Connection, OptionalExtension};

use super::in_place::{Arg, InPlaceStatement};
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
    conn.prepare_cached(INSERT)?.execute(params![body, contact_id, company_id, deal_id, created_at])?;
    let id = conn.last_insert_rowid();
    index_new(conn, id, body)?;
    Ok(id)
}

// OR FAIL: one row, no statement journal (see `contacts::ImportedInserter`).
const INSERT: &str = "INSERT OR FAIL INTO notes (body, contact_id, company_id, deal_id, created_at, updated_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?5)";

/// A new note has no entry yet: written as a fresh one (in a bulk write's sorted runs).
fn index_new(conn: &Connection, id: i64, body: &str) -> Result<()> {
    let (title, rest) = entry_of(body);
    search_index::put_new(conn, Entity::Note, id, title.to_string(), rest.to_string())
}

/// `insert` for an import's notes: one statement held for the import, its texts bound in place
/// (`InPlaceStatement`).
pub struct ImportedNotes<'c> {
    conn: &'c Connection,
    stmt: InPlaceStatement<'c>,
}

impl<'c> ImportedNotes<'c> {
    pub fn new(conn: &'c Connection) -> Result<Self> {
        Ok(ImportedNotes { conn, stmt: InPlaceStatement::prepare(conn, INSERT)? })
    }

    pub fn insert(&mut self, body: &str, links: [Option<i64>; 3], created_at: &str) -> Result<i64> {
        let [contact, company, deal] = links.map(Arg::from);
        let id = self.stmt.run(&[Arg::Text(body), contact, company, deal, Arg::Text(created_at)])?;
        index_new(self.conn, id, body)?;
        Ok(id)
    }
}

fn index(conn: &Connection, id: i64, body: &str) -> Result<()> {
    let (title, rest) = entry_of(body);
    search_index::put(conn, Entity::Note, id, title, rest)
}

/// A note's search entry: its first line cut at 80 characters as the title, and the rest of the note as the
/// body, so that a hit's subtitle goes on where its title stops instead of repeating it (most notes are one
/// line), and each word is indexed once.
fn entry_of(body: &str) -> (&str, &str) {
    let body = body.trim();
    let line = body.lines().next().unwrap_or("");
    let cut = line.char_indices().nth(80).map_or(line.len(), |(i, _)| i);
    (&body[..cut], body[cut..].trim())
}

/// Rewrites a note's index entry from the stored note (or removes it when the note is gone).
pub fn reindex(conn: &Connection, id: i64) -> Result<()> {
    if search_index::deferred(Entity::Note, id) {
        return Ok(());
    }
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

#[cfg(test)]
mod tests {
    use super::entry_of;

    #[test]
    fn a_notes_entry_indexes_each_word_once() {
        assert_eq!(entry_of("Met at the fair"), ("Met at the fair", ""));
        assert_eq!(entry_of("  Call back\nabout pricing\n"), ("Call back", "about pricing"));
        let long = "é".repeat(85);
        let (title, rest) = entry_of(&long);
        assert_eq!((title.chars().count(), rest.chars().count()), (80, 5));
    }
}
