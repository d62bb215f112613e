//! SQL for `activities`, the timeline.
use rusqlite::{params, Connection};

use crate::domain::{RecordRef, TimelineItem};
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

/// A record's timeline, newest first: its activities and notes (a company's includes its people's and deals').
pub fn timeline(conn: &Connection, record: RecordRef, before: Option<&str>, limit: usize) -> Result<Vec<TimelineItem>> {
    let (column, entity, table, id) = match record {
        RecordRef::Contact(id) => ("contact_id", "contact", "contacts", id),
        RecordRef::Company(id) => ("company_id", "company", "companies", id),
        RecordRef::Deal(id) => ("deal_id", "deal", "deals", id),
    };
    // An import entry's (contact_id, company_id, deal_id): the record's id in its own column.
    let own_ids = ["contact_id", "company_id", "deal_id"].map(|c| if c == column { "?1" } else { "NULL" }).join(", ");
    let sql = format!(
        "SELECT * FROM (
             SELECT 'activity', id, kind, subject, body, occurred_at, contact_id, company_id, deal_id, meta
             FROM activities WHERE {column} = ?1 AND deleted_at IS NULL AND (?2 IS NULL OR occurred_at < ?2)
             UNION ALL
             SELECT 'note', id, 'note', substr(body, 1, 80), body, created_at, contact_id, company_id, deal_id, '{{}}'
             FROM notes WHERE {column} = ?1 AND deleted_at IS NULL AND (?2 IS NULL OR created_at < ?2)
             UNION ALL
             SELECT 'import', j.id, 'import', 'Updated by import of ' || j.file_name, NULL, j.started_at, {own_ids},
                 json_object('file', j.file_name, 'row', ch.row, 'action', ch.action, 'import_id', j.id)
             FROM import_changes ch JOIN import_jobs j ON j.id = ch.import_id
             WHERE ch.entity = '{entity}' AND ch.entity_id = ?1 AND j.status = 'completed'
                 AND (?2 IS NULL OR j.started_at < ?2)
             UNION ALL
             SELECT 'import', j.id, 'import', 'Imported from ' || j.file_name, NULL, j.started_at, {own_ids},
                 json_object('file', j.file_name, 'action', 'created', 'import_id', j.id,
                     'row', (SELECT import_row FROM {table} WHERE id = ?1 AND import_id = j.id))
             FROM import_created r JOIN import_jobs j ON j.id = r.import_id
             WHERE r.entity = '{entity}' AND r.first_id <= ?1 AND r.last_id >= ?1 AND j.status = 'completed'
                 AND (?2 IS NULL OR j.started_at < ?2)
         ) ORDER BY 6 DESC, 2 DESC LIMIT ?3"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![id, before, limit as i64], |r| {
        let meta: String = r.get(9)?;
        Ok(TimelineItem {
            source: r.get(0)?,
            id: r.get(1)?,
            kind: r.get(2)?,
            subject: r.get(3)?,
            body: r.get(4)?,
            occurred_at: r.get(5)?,
            contact_id: r.get(6)?,
            company_id: r.get(7)?,
            deal_id: r.get(8)?,
            meta: serde_json::from_str(&meta).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Removes a timeline entry for good (an undone merge takes its "Merged …" entry back).
pub fn purge(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM activities WHERE id = ?1")?.execute([id])?;
    Ok(())
}
