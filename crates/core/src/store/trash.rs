//! SQL the Trash asks of contacts, companies and deals alike: what is in it, and the steps every purge
//! takes. Table and column names come from [`Trashable`], never from input.
use rusqlite::{Connection, OptionalExtension};

use super::search_index;
use crate::domain::{Entity, RecordRef, TrashItem};
use crate::error::{CoreError, Result};

/// A kind of record that goes to the Trash before it goes for good.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trashable {
    Contact,
    Company,
    Deal,
}

impl Trashable {
    pub const ALL: [Trashable; 3] = [Trashable::Contact, Trashable::Company, Trashable::Deal];

    fn table(self) -> &'static str {
        match self {
            Trashable::Contact => "contacts",
            Trashable::Company => "companies",
            Trashable::Deal => "deals",
        }
    }

    /// Its name in `taggings.entity`, `import_changes.entity` and error messages.
    fn name(self) -> &'static str {
        match self {
            Trashable::Contact => "contact",
            Trashable::Company => "company",
            Trashable::Deal => "deal",
        }
    }

    fn entity(self) -> Entity {
        match self {
            Trashable::Contact => Entity::Contact,
            Trashable::Company => Entity::Company,
            Trashable::Deal => Entity::Deal,
        }
    }

    fn record(self, id: i64) -> RecordRef {
        match self {
            Trashable::Contact => RecordRef::Contact(id),
            Trashable::Company => RecordRef::Company(id),
            Trashable::Deal => RecordRef::Deal(id),
        }
    }

    /// Its rows in the Trash as (id, title, subtitle, deleted_at), newest-deleted first, at most ?1.
    fn listing(self) -> &'static str {
        match self {
            // The subtitle is the primary email, else the company.
            Trashable::Contact => {
                "SELECT c.id, trim(c.first_name || ' ' || c.last_name),
                     COALESCE((SELECT value FROM contact_points p WHERE p.contact_id = c.id AND p.kind = 'email'
                               AND p.is_primary), co.name, c.company_name),
                     c.deleted_at
                 FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
                 WHERE c.deleted_at IS NOT NULL ORDER BY c.deleted_at DESC, c.id DESC LIMIT ?1"
            }
            Trashable::Company => {
                "SELECT id, name, domain, deleted_at FROM companies WHERE deleted_at IS NOT NULL
                 ORDER BY deleted_at DESC, id DESC LIMIT ?1"
            }
            // The subtitle is the stage and company.
            Trashable::Deal => {
                "SELECT d.id, d.title, concat_ws(' · ', s.name, co.name), d.deleted_at
                 FROM deals d JOIN stages s ON s.id = d.stage_id LEFT JOIN companies co ON co.id = d.company_id
                 WHERE d.deleted_at IS NOT NULL ORDER BY d.deleted_at DESC, d.id DESC LIMIT ?1"
            }
        }
    }

    /// Rows of another kind its timeline entries may also belong to (they stay with those).
    fn shared_with(self) -> &'static str {
        match self {
            Trashable::Contact => "company_id IS NOT NULL OR deal_id IS NOT NULL",
            Trashable::Company => "contact_id IS NOT NULL OR deal_id IS NOT NULL",
            Trashable::Deal => "contact_id IS NOT NULL OR company_id IS NOT NULL",
        }
    }
}

/// The newest `limit` records of a kind in the Trash.
pub fn deleted(conn: &Connection, kind: Trashable, limit: usize) -> Result<Vec<TrashItem>> {
    let mut stmt = conn.prepare_cached(kind.listing())?;
    let rows = stmt.query_map([limit as i64], |r| {
        let title: String = r.get(1)?;
        let subtitle: Option<String> = r.get(2)?;
        Ok(TrashItem {
            record: kind.record(r.get(0)?),
            // A contact saved with only an email has no name: show the email instead.
            title: if title.is_empty() { subtitle.clone().unwrap_or_else(|| "Unnamed".into()) } else { title },
            subtitle,
            deleted_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many records of a kind are in the Trash.
pub fn count(conn: &Connection, kind: Trashable) -> Result<i64> {
    let sql = format!("SELECT count(*) FROM {} WHERE deleted_at IS NOT NULL", kind.table());
    Ok(conn.prepare_cached(&sql)?.query_row([], |r| r.get(0))?)
}

/// Only a record in the Trash can be deleted for good: not found when there is none, a conflict when it is live.
pub fn ensure_in_trash(conn: &Connection, kind: Trashable, id: i64) -> Result<()> {
    let sql = format!("SELECT deleted_at IS NOT NULL FROM {} WHERE id = ?1", kind.table());
    let deleted: bool = conn
        .prepare_cached(&sql)?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or(CoreError::NotFound { entity: kind.name(), id })?;
    if !deleted {
        return Err(CoreError::Conflict(format!("Only a {} in the Trash can be deleted for good.", kind.name())));
    }
    Ok(())
}

/// Deletes the row for good with its tags, import traces and search entry. Timeline entries it shares with
/// another record lose their link to it and stay there; its own go with it (the schema's ON DELETE rules).
pub fn purge_row(conn: &Connection, kind: Trashable, id: i64) -> Result<()> {
    let (table, name, column) = (kind.table(), kind.name(), format!("{}_id", kind.name()));
    for timeline in ["activities", "notes"] {
        let sql = format!("UPDATE {timeline} SET {column} = NULL WHERE {column} = ?1 AND ({})", kind.shared_with());
        conn.prepare_cached(&sql)?.execute([id])?;
    }
    conn.prepare_cached("DELETE FROM taggings WHERE entity = ?2 AND entity_id = ?1")?.execute((id, name))?;
    conn.prepare_cached("DELETE FROM import_changes WHERE entity = ?2 AND entity_id = ?1")?.execute((id, name))?;
    super::imports::forget_created(conn, name, id)?;
    conn.prepare_cached(&format!("DELETE FROM {table} WHERE id = ?1"))?.execute([id])?;
    search_index::remove(conn, kind.entity(), id)
}
