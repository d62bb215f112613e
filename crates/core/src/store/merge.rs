//! SQL for merging duplicates: finding likely pairs, and moving everything that points at the dropped
//! record over to the kept one. It touches many tables on purpose — all of a merge's relinking is here.
use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};

/// Contacts sharing a normalized email or phone: (a, b, kind), a < b.
pub fn shared_points(conn: &Connection, limit: usize) -> Result<Vec<(i64, i64, String)>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT a.contact_id, b.contact_id, a.kind
         FROM contact_points a
         JOIN contact_points b ON b.kind = a.kind AND b.normalized = a.normalized AND b.contact_id > a.contact_id
         JOIN contacts ca ON ca.id = a.contact_id AND ca.deleted_at IS NULL
         JOIN contacts cb ON cb.id = b.contact_id AND cb.deleted_at IS NULL
         LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Contacts with the same name (any case) at the same company: groups of ids.
pub fn same_name_same_company(conn: &Connection, limit: usize) -> Result<Vec<Vec<i64>>> {
    let mut stmt = conn.prepare(
        "SELECT group_concat(id) FROM contacts
         WHERE deleted_at IS NULL AND company_id IS NOT NULL AND (first_name <> '' OR last_name <> '')
         GROUP BY lower(first_name), lower(last_name), company_id HAVING count(*) > 1 LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit as i64], |r| r.get::<_, String>(0))?;
    Ok(rows.filter_map(|r| r.ok()).map(|ids| ids.split(',').filter_map(|s| s.parse().ok()).collect()).collect())
}

/// What a merge moved from the dropped record to the kept one, so its undo can move exactly that back.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Moved {
    /// Table → ids of the rows whose link moved.
    pub rows: BTreeMap<String, Vec<i64>>,
    /// The dropped contact's deal links (deal, role) and the deals the kept one was linked to already.
    pub drop_deal_links: Vec<(i64, Option<String>)>,
    pub keep_deal_links: Vec<i64>,
    /// Tags the dropped record had, and those the kept one had already.
    pub drop_tags: Vec<i64>,
    pub keep_tags: Vec<i64>,
}

impl Moved {
    pub fn count(&self) -> u32 {
        (self.rows.values().map(Vec::len).sum::<usize>() + self.drop_deal_links.len() + self.drop_tags.len()) as u32
    }
}

/// The tables whose rows point at a contact (`contact_id`) or a company (`company_id`) and move in a merge.
const CONTACT_LINKS: &[&str] = &[
    "deals",
    "activities",
    "notes",
    "tasks",
    "email_threads",
    "email_messages",
    "outbound_messages",
    "sequence_enrollments",
];
const COMPANY_LINKS: &[&str] = &["contacts", "deals", "activities", "notes", "tasks", "email_threads"];

fn column(entity: &str) -> &'static str {
    if entity == "contact" {
        "contact_id"
    } else {
        "company_id"
    }
}

fn ids(conn: &Connection, sql: &str, id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn tags_of(conn: &Connection, entity: &str, id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT tag_id FROM taggings WHERE entity = ?1 AND entity_id = ?2")?;
    let rows = stmt.query_map(params![entity, id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Moves a dropped record's links (`entity` is "contact" or "company") to the kept one, and says what moved.
pub fn relink(conn: &Connection, entity: &str, keep: i64, drop: i64) -> Result<Moved> {
    let col = column(entity);
    let tables = if entity == "contact" { CONTACT_LINKS } else { COMPANY_LINKS };
    let mut moved = Moved {
        drop_tags: tags_of(conn, entity, drop)?,
        keep_tags: tags_of(conn, entity, keep)?,
        ..Default::default()
    };
    for table in tables {
        // Table and column names come from the fixed lists above, never from input. OR IGNORE: an
        // enrollment of the kept contact in the same sequence wins; the dropped one's stays with it.
        let sql = format!("UPDATE OR IGNORE {table} SET {col} = ?1 WHERE {col} = ?2 RETURNING id");
        let mut stmt = conn.prepare(&sql)?;
        let rows: Vec<i64> = stmt.query_map(params![keep, drop], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        if !rows.is_empty() {
            moved.rows.insert((*table).to_string(), rows);
        }
    }
    if entity == "contact" {
        let mut stmt = conn.prepare("SELECT deal_id, role FROM deal_contacts WHERE contact_id = ?1")?;
        moved.drop_deal_links =
            stmt.query_map([drop], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        moved.keep_deal_links = ids(conn, "SELECT deal_id FROM deal_contacts WHERE contact_id = ?1", keep)?;
        conn.execute(
            "INSERT OR IGNORE INTO deal_contacts (deal_id, contact_id, role)
             SELECT deal_id, ?1, role FROM deal_contacts WHERE contact_id = ?2",
            params![keep, drop],
        )?;
        conn.execute("DELETE FROM deal_contacts WHERE contact_id = ?1", [drop])?;
    }
    conn.execute(
        "INSERT OR IGNORE INTO taggings (tag_id, entity, entity_id)
         SELECT tag_id, entity, ?1 FROM taggings WHERE entity = ?3 AND entity_id = ?2",
        params![keep, drop, entity],
    )?;
    conn.execute("DELETE FROM taggings WHERE entity = ?1 AND entity_id = ?2", params![entity, drop])?;
    Ok(moved)
}

/// Moves back what `relink` moved.
pub fn unlink(conn: &Connection, entity: &str, keep: i64, drop: i64, moved: &Moved) -> Result<()> {
    let col = column(entity);
    let tables = if entity == "contact" { CONTACT_LINKS } else { COMPANY_LINKS };
    for (table, rows) in &moved.rows {
        // Only names from the fixed lists: the JSON is ours, but never trusted as SQL.
        let Some(table) = tables.iter().find(|t| *t == table) else { continue };
        conn.execute(
            &format!(
                "UPDATE OR IGNORE {table} SET {col} = ?1 WHERE {col} = ?2 AND id IN (SELECT value FROM json_each(?3))"
            ),
            params![drop, keep, serde_json::to_string(rows)?],
        )?;
    }
    if entity == "contact" {
        for (deal, role) in &moved.drop_deal_links {
            if !moved.keep_deal_links.contains(deal) {
                conn.execute("DELETE FROM deal_contacts WHERE deal_id = ?1 AND contact_id = ?2", params![deal, keep])?;
            }
            conn.execute(
                "INSERT OR IGNORE INTO deal_contacts (deal_id, contact_id, role) VALUES (?1, ?2, ?3)",
                params![deal, drop, role],
            )?;
        }
    }
    for tag in &moved.drop_tags {
        if !moved.keep_tags.contains(tag) {
            conn.execute(
                "DELETE FROM taggings WHERE tag_id = ?1 AND entity = ?2 AND entity_id = ?3",
                params![tag, entity, keep],
            )?;
        }
        conn.execute(
            "INSERT OR IGNORE INTO taggings (tag_id, entity, entity_id) VALUES (?1, ?2, ?3)",
            params![tag, entity, drop],
        )?;
    }
    Ok(())
}

/// Keeps what a merge's undo needs; returns its token. Entries older than a day are dropped here: undo is
/// offered right after a merge.
pub fn save_undo(conn: &Connection, entity: &str, keep: i64, drop: i64, before: &serde_json::Value) -> Result<i64> {
    conn.execute("DELETE FROM merge_undo WHERE created_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 day')", [])?;
    conn.execute(
        "INSERT INTO merge_undo (entity, keep_id, drop_id, before) VALUES (?1, ?2, ?3, ?4)",
        params![entity, keep, drop, before.to_string()],
    )?;
    Ok(conn.last_insert_rowid())
}

/// (entity, keep, drop, before) of a merge not yet undone.
pub fn undo_entry(conn: &Connection, token: i64) -> Result<(String, i64, i64, serde_json::Value)> {
    let row: Option<(String, i64, i64, String, Option<String>)> = conn
        .query_row("SELECT entity, keep_id, drop_id, before, undone_at FROM merge_undo WHERE id = ?1", [token], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    match row {
        None => Err(CoreError::NotFound { entity: "merge", id: token }),
        Some((.., Some(_))) => Err(CoreError::Conflict("That merge was already undone.".into())),
        Some((entity, keep, drop, before, None)) => Ok((entity, keep, drop, serde_json::from_str(&before)?)),
    }
}

pub fn mark_undone(conn: &Connection, token: i64) -> Result<()> {
    conn.execute("UPDATE merge_undo SET undone_at = ?2 WHERE id = ?1", params![token, crate::time::now_iso()])?;
    Ok(())
}

/// Moves the dropped contact's emails and phones that the kept one lacks (never as primary); drops the rest.
pub fn move_points(conn: &Connection, keep: i64, drop: i64) -> Result<()> {
    conn.execute(
        "UPDATE contact_points SET contact_id = ?1, is_primary = 0
         WHERE contact_id = ?2 AND normalized NOT IN (SELECT normalized FROM contact_points WHERE contact_id = ?1)",
        params![keep, drop],
    )?;
    conn.execute("DELETE FROM contact_points WHERE contact_id = ?1", [drop])?;
    // The kept contact may have had no phone (or email) at all: give each kind a primary.
    conn.execute(
        "UPDATE contact_points SET is_primary = 1 WHERE id IN (
             SELECT min(id) FROM contact_points WHERE contact_id = ?1 GROUP BY kind HAVING max(is_primary) = 0)",
        [keep],
    )?;
    super::contact_points::sync_primary_email(conn, keep)?;
    super::contact_points::sync_primary_email(conn, drop)
}

/// Ids of the contacts at a company (their index entries mention its name).
pub fn contacts_of(conn: &Connection, company_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM contacts WHERE company_id = ?1")?;
    let rows = stmt.query_map([company_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
