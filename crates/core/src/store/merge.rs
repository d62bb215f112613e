//! SQL for merging duplicates: finding likely pairs, and moving everything that points at the dropped
//! record over to the kept one. It touches many tables on purpose — all of a merge's relinking is here.
use rusqlite::{params, Connection};

use crate::error::Result;

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

/// Moves a dropped contact's links to the kept one. Returns how many rows moved.
pub fn relink_contact(conn: &Connection, keep: i64, drop: i64) -> Result<u32> {
    let mut n = 0;
    for sql in [
        "UPDATE deals SET contact_id = ?1 WHERE contact_id = ?2",
        "INSERT OR IGNORE INTO deal_contacts (deal_id, contact_id, role)
             SELECT deal_id, ?1, role FROM deal_contacts WHERE contact_id = ?2",
        "DELETE FROM deal_contacts WHERE contact_id = ?2 AND ?1 IS NOT NULL",
        "UPDATE activities SET contact_id = ?1 WHERE contact_id = ?2",
        "UPDATE notes SET contact_id = ?1 WHERE contact_id = ?2",
        "UPDATE tasks SET contact_id = ?1 WHERE contact_id = ?2",
        "UPDATE email_threads SET contact_id = ?1 WHERE contact_id = ?2",
        "UPDATE email_messages SET contact_id = ?1 WHERE contact_id = ?2",
        "UPDATE outbound_messages SET contact_id = ?1 WHERE contact_id = ?2",
        "UPDATE OR IGNORE sequence_enrollments SET contact_id = ?1 WHERE contact_id = ?2",
        "INSERT OR IGNORE INTO taggings (tag_id, entity, entity_id)
             SELECT tag_id, 'contact', ?1 FROM taggings WHERE entity = 'contact' AND entity_id = ?2",
        "DELETE FROM taggings WHERE entity = 'contact' AND entity_id = ?2 AND ?1 IS NOT NULL",
    ] {
        n += conn.execute(sql, params![keep, drop])? as u32;
    }
    Ok(n)
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

pub fn relink_company(conn: &Connection, keep: i64, drop: i64) -> Result<u32> {
    let mut n = 0;
    for sql in [
        "UPDATE contacts SET company_id = ?1 WHERE company_id = ?2",
        "UPDATE deals SET company_id = ?1 WHERE company_id = ?2",
        "UPDATE activities SET company_id = ?1 WHERE company_id = ?2",
        "UPDATE notes SET company_id = ?1 WHERE company_id = ?2",
        "UPDATE tasks SET company_id = ?1 WHERE company_id = ?2",
        "UPDATE email_threads SET company_id = ?1 WHERE company_id = ?2",
        "INSERT OR IGNORE INTO taggings (tag_id, entity, entity_id)
             SELECT tag_id, 'company', ?1 FROM taggings WHERE entity = 'company' AND entity_id = ?2",
        "DELETE FROM taggings WHERE entity = 'company' AND entity_id = ?2 AND ?1 IS NOT NULL",
    ] {
        n += conn.execute(sql, params![keep, drop])? as u32;
    }
    Ok(n)
}

/// Ids of the contacts at a company (their index entries mention its name).
pub fn contacts_of(conn: &Connection, company_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM contacts WHERE company_id = ?1")?;
    let rows = stmt.query_map([company_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
