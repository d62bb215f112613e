//! SQL for the `suppressions` list. Values are stored lower-cased (a company by its id), and
//! `UNIQUE (kind, value)` is the index every send-time lookup uses.
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::domain::{Suppression, SuppressionKind, SuppressionReason};
use crate::error::{CoreError, Result};

// A company's label is its name (kept even when the company is deleted later).
const SELECT: &str = "SELECT s.id, s.kind, s.value, s.reason, s.note, s.created_at,
         CASE WHEN s.kind = 'company' THEN (SELECT name FROM companies WHERE id = CAST(s.value AS INTEGER)) END
     FROM suppressions s";

pub fn insert(
    conn: &Connection,
    kind: SuppressionKind,
    value: &str,
    reason: SuppressionReason,
    note: Option<&str>,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO suppressions (kind, value, reason, note) VALUES (?1, ?2, ?3, ?4)",
        params![kind.as_str(), value, reason.as_str(), note],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn find(conn: &Connection, kind: SuppressionKind, value: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM suppressions WHERE kind = ?1 AND value = ?2")?
        .query_row(params![kind.as_str(), value], |r| r.get(0))
        .optional()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Suppression> {
    conn.prepare_cached(&format!("{SELECT} WHERE s.id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(CoreError::NotFound { entity: "suppression", id })
}

/// Newest first.
pub fn list(conn: &Connection) -> Result<Vec<Suppression>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY s.created_at DESC, s.id DESC"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    if conn.execute("DELETE FROM suppressions WHERE id = ?1", [id])? == 0 {
        return Err(CoreError::NotFound { entity: "suppression", id });
    }
    Ok(())
}

/// The entry that stops mail to `email` (lower case), if any: the address itself, one of `domains` (the
/// address's domain and its parents, as a JSON array), or the company of a contact with that address or
/// with one of those domains. One statement; each branch is a lookup on `UNIQUE (kind, value)`.
pub fn matching(conn: &Connection, email: &str, domains_json: &str) -> Result<Option<Suppression>> {
    Ok(conn.prepare_cached(&matching_sql())?.query_row(params![email, domains_json], from_row).optional()?)
}

fn matching_sql() -> String {
    format!(
        "{SELECT}
         WHERE (s.kind = 'email' AND s.value = ?1)
            OR (s.kind = 'domain' AND s.value IN (SELECT value FROM json_each(?2)))
            OR (s.kind = 'company' AND s.value IN (
                   SELECT CAST(c.company_id AS TEXT) FROM contact_points p JOIN contacts c ON c.id = p.contact_id
                   WHERE p.kind = 'email' AND p.normalized = ?1 AND c.company_id IS NOT NULL
                   UNION
                   SELECT CAST(co.id AS TEXT) FROM companies co
                   WHERE co.domain IN (SELECT value FROM json_each(?2)) AND co.deleted_at IS NULL))
         ORDER BY CASE s.kind WHEN 'email' THEN 0 WHEN 'domain' THEN 1 ELSE 2 END
         LIMIT 1"
    )
}

/// Of many addresses, those some entry stops (lower case, as given): `candidates_json` is a JSON array of
/// `[email, domain]` pairs, one per address and candidate domain (`[email, null]` for an address without one).
/// One statement for a whole campaign; each branch is an index lookup per candidate, like `matching`.
pub fn matching_many(conn: &Connection, candidates_json: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(MATCHING_MANY_SQL)?;
    let rows = stmt.query_map([candidates_json], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

const MATCHING_MANY_SQL: &str = "
    WITH cand(email, domain) AS MATERIALIZED (
             SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?1)),
         addr(email) AS MATERIALIZED (SELECT DISTINCT email FROM cand)
    SELECT a.email FROM addr a JOIN suppressions s ON s.kind = 'email' AND s.value = a.email
    UNION
    SELECT c.email FROM cand c JOIN suppressions s ON s.kind = 'domain' AND s.value = c.domain
    UNION
    SELECT a.email FROM addr a
        JOIN contact_points p ON p.kind = 'email' AND p.normalized = a.email
        JOIN contacts ct ON ct.id = p.contact_id AND ct.company_id IS NOT NULL
        JOIN suppressions s ON s.kind = 'company' AND s.value = CAST(ct.company_id AS TEXT)
    UNION
    SELECT c.email FROM cand c
        JOIN companies co ON co.domain = c.domain AND co.deleted_at IS NULL
        JOIN suppressions s ON s.kind = 'company' AND s.value = CAST(co.id AS TEXT)";

fn from_row(r: &Row) -> rusqlite::Result<Suppression> {
    let kind = SuppressionKind::parse(&r.get::<_, String>(1)?).unwrap_or(SuppressionKind::Email);
    let value: String = r.get(2)?;
    let company: Option<String> = r.get(6)?;
    Ok(Suppression {
        id: r.get(0)?,
        kind,
        label: company.unwrap_or_else(|| value.clone()),
        value,
        reason: SuppressionReason::parse(&r.get::<_, String>(3)?).unwrap_or_default(),
        note: r.get(4)?,
        created_at: r.get(5)?,
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::secrets::MemoryStore;
    use crate::Outpost;

    /// Sending checks every recipient: the lookup must stay an index search however long the list grows.
    #[test]
    fn the_send_time_lookup_never_scans_the_list_or_contacts() {
        let dir = tempfile::tempdir().unwrap();
        let core = Outpost::open(&dir.path().join("t.db"), Arc::new(MemoryStore::default())).unwrap();
        let plan: Vec<String> = core
            .db()
            .read(|conn| {
                let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {}", super::matching_sql()))?;
                let rows = stmt.query_map(["a@b.example", "[\"b.example\"]"], |r| r.get::<_, String>(3))?;
                Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
            })
            .unwrap();
        let scans: Vec<&String> = plan
            .iter()
            .filter(|l| l.starts_with("SCAN") && !l.contains("json_each") && !l.contains("CONSTANT"))
            .collect();
        assert!(scans.is_empty(), "full scans in {plan:#?}");
    }
}
