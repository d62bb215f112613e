//! SQL for `import_jobs`, `import_changes`, `import_created`, `import_rejects` and `import_presets`.
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::domain::{DuplicatePolicy, ImportCounts, ImportEntity, ImportJobInfo, ImportMapping};
use crate::error::{CoreError, Result};
use crate::time::now_iso;

pub struct NewJob<'a> {
    pub file_name: &'a str,
    pub file_hash: &'a str,
    pub sheet: Option<&'a str>,
    pub entity: ImportEntity,
    pub mapping: &'a ImportMapping,
    pub policy: DuplicatePolicy,
}

pub fn insert_job(conn: &Connection, j: &NewJob) -> Result<i64> {
    conn.execute(
        "INSERT INTO import_jobs (file_name, file_hash, sheet, entity, mapping, policy, started_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            j.file_name,
            j.file_hash,
            j.sheet,
            j.entity.as_str(),
            serde_json::to_string(j.mapping)?,
            j.policy.as_str(),
            now_iso()
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn finish_job(
    conn: &Connection,
    id: i64,
    status: &str,
    c: &ImportCounts,
    error: Option<&str>,
    duration_ms: i64,
) -> Result<()> {
    conn.execute(
        "UPDATE import_jobs SET status = ?2, rows_in = ?3, created = ?4, updated = ?5, merged = ?6, skipped = ?7,
             rejected = ?8, error = ?9, finished_at = ?10, duration_ms = ?11
         WHERE id = ?1",
        params![
            id,
            status,
            c.rows_in,
            c.created,
            c.updated,
            c.merged,
            c.skipped,
            c.rejected,
            error,
            now_iso(),
            duration_ms
        ],
    )?;
    Ok(())
}

const JOB_COLUMNS: &str = "id, file_name, file_hash, sheet, entity, policy, status, rows_in, created, updated, merged,
    skipped, rejected, error, started_at, duration_ms, undone_at";

fn job(r: &Row) -> rusqlite::Result<ImportJobInfo> {
    Ok(ImportJobInfo {
        id: r.get(0)?,
        file_name: r.get(1)?,
        file_hash: r.get(2)?,
        sheet: r.get(3)?,
        entity: ImportEntity::parse(&r.get::<_, String>(4)?).unwrap_or_default(),
        policy: DuplicatePolicy::parse(&r.get::<_, String>(5)?).unwrap_or_default(),
        status: r.get(6)?,
        counts: ImportCounts {
            rows_in: r.get(7)?,
            created: r.get(8)?,
            updated: r.get(9)?,
            merged: r.get(10)?,
            skipped: r.get(11)?,
            rejected: r.get(12)?,
        },
        error: r.get(13)?,
        started_at: r.get(14)?,
        duration_ms: r.get(15)?,
        undone_at: r.get(16)?,
    })
}

pub fn jobs(conn: &Connection, limit: usize) -> Result<Vec<ImportJobInfo>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {JOB_COLUMNS} FROM import_jobs ORDER BY id DESC LIMIT ?1"))?;
    let rows = stmt.query_map([limit as i64], job)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn job_by_id(conn: &Connection, id: i64) -> Result<ImportJobInfo> {
    conn.prepare_cached(&format!("SELECT {JOB_COLUMNS} FROM import_jobs WHERE id = ?1"))?
        .query_row([id], job)
        .optional()?
        .ok_or(CoreError::NotFound { entity: "import", id })
}

pub fn finished_at(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT finished_at FROM import_jobs WHERE id = ?1", [id], |r| r.get(0))?)
}

pub fn mark_undone(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("UPDATE import_jobs SET status = 'undone', undone_at = ?2 WHERE id = ?1", params![id, now_iso()])?;
    Ok(())
}

/// The highest contact, company and deal ids so far (0 for none).
pub fn highest_ids(conn: &Connection) -> Result<[i64; 3]> {
    Ok(conn.query_row(
        "SELECT (SELECT ifnull(max(id), 0) FROM contacts), (SELECT ifnull(max(id), 0) FROM companies),
                (SELECT ifnull(max(id), 0) FROM deals)",
        [],
        |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?]),
    )?)
}

/// Records how the import updated a record it did not create; the first row to touch it wins.
pub fn add_updated(
    conn: &Connection,
    import_id: i64,
    entity: &str,
    entity_id: i64,
    row: u32,
    before: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO import_changes (import_id, entity, entity_id, row, action, before)
         VALUES (?1, ?2, ?3, ?4, 'updated', ?5)",
    )?
    .execute(params![import_id, entity, entity_id, row, before])?;
    Ok(())
}

/// Replaces the before-image of an updated record (it gains notes and tags as more rows merge in).
pub fn set_before(conn: &Connection, import_id: i64, entity: &str, entity_id: i64, before: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE import_changes SET before = ?4 WHERE import_id = ?1 AND entity = ?2 AND entity_id = ?3",
    )?
    .execute(params![import_id, entity, entity_id, before])?;
    Ok(())
}

pub fn before(conn: &Connection, import_id: i64, entity: &str, entity_id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT before FROM import_changes WHERE import_id = ?1 AND entity = ?2 AND entity_id = ?3")?
        .query_row(params![import_id, entity, entity_id], |r| r.get(0))
        .optional()?
        .flatten())
}

/// (entity_id, before) of the records an import updated, for undo.
pub fn updated(conn: &Connection, import_id: i64, entity: &str) -> Result<Vec<(i64, Option<String>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT entity_id, before FROM import_changes WHERE import_id = ?1 AND entity = ?2 AND action = 'updated'",
    )?;
    let rows = stmt.query_map(params![import_id, entity], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The table holding `entity`'s records (the entities an import traces).
fn table_of(entity: &str) -> Result<&'static str> {
    match entity {
        "contact" => Ok("contacts"),
        "company" => Ok("companies"),
        "deal" => Ok("deals"),
        other => Err(CoreError::Internal(format!("imports trace no {other}"))),
    }
}

/// Records that the import created the `entity` records with ids `first..=last` (see `import_created`).
pub fn add_created(conn: &Connection, import_id: i64, entity: &str, first: i64, last: i64) -> Result<()> {
    conn.prepare_cached("INSERT INTO import_created (import_id, entity, first_id, last_id) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![import_id, entity, first, last])?;
    Ok(())
}

/// Takes a record deleted for good out of the run of ids that says which import created it: the run is
/// split around it, so that a new record given the same id later is not counted as the import's.
pub fn forget_created(conn: &Connection, entity: &str, id: i64) -> Result<()> {
    let run: Option<(i64, i64, i64)> = conn
        .prepare_cached(
            "SELECT import_id, first_id, last_id FROM import_created
             WHERE entity = ?1 AND first_id <= ?2 ORDER BY first_id DESC LIMIT 1",
        )?
        .query_row(params![entity, id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((import_id, first, last)) = run.filter(|run| run.2 >= id) else { return Ok(()) };
    conn.prepare_cached("DELETE FROM import_created WHERE entity = ?1 AND first_id = ?2")?
        .execute(params![entity, first])?;
    for (from, to) in [(first, id - 1), (id + 1, last)] {
        if from <= to {
            add_created(conn, import_id, entity, from, to)?;
        }
    }
    Ok(())
}

/// The ids of the `entity` records import ?1 created that still exist (SQL over `import_created`).
fn created_ids(entity: &str) -> Result<String> {
    let table = table_of(entity)?;
    Ok(format!(
        "SELECT t.id FROM import_created r JOIN {table} t ON t.id BETWEEN r.first_id AND r.last_id
         WHERE r.import_id = ?1 AND r.entity = '{entity}'"
    ))
}

/// How many records of `entity` the import created (that still exist).
pub fn created_count(conn: &Connection, import_id: i64, entity: &str) -> Result<i64> {
    Ok(conn.query_row(&format!("SELECT count(*) FROM ({})", created_ids(entity)?), [import_id], |r| r.get(0))?)
}

/// Records of `entity` the import created that were edited after `since`.
pub fn edited_since(conn: &Connection, import_id: i64, entity: &str, since: &str) -> Result<u32> {
    let table = table_of(entity)?;
    Ok(conn.query_row(
        &format!("SELECT count(*) FROM {table} WHERE id IN ({}) AND updated_at > ?2", created_ids(entity)?),
        params![import_id, since],
        |r| r.get(0),
    )?)
}

/// Hard-deletes every record of `entity` the import created (and their index entries and tags), and then
/// its runs of ids. Links from other rows are cleared or cascaded as the foreign keys say (`cascade`,
/// set-based).
pub fn delete_created(conn: &Connection, import_id: i64, entity: &str, fts_tag: i64) -> Result<u32> {
    let (table, ids) = (table_of(entity)?, created_ids(entity)?);
    // Their notes go with them (foreign keys cascade), so their notes' index entries go too, in the same
    // pass: when the import was most of the index, it is rebuilt from what stays once, not twice.
    super::search_index::remove_many(
        conn,
        &format!(
            "SELECT id * 4 + {fts_tag} FROM ({ids})
             UNION ALL SELECT id * 4 + 3 FROM notes WHERE {entity}_id IN ({ids})"
        ),
        params![import_id],
    )?;
    conn.execute(
        &format!("DELETE FROM taggings WHERE entity = ?2 AND entity_id IN ({ids})"),
        params![import_id, entity],
    )?;
    // In runs of ids: a delete keeps a statement journal of every page it changes, in memory (`temp_store`),
    // so one statement over a million contacts held the whole table twice.
    let mut removed = 0;
    let mut after = i64::MIN;
    loop {
        let run: Vec<i64> = conn
            .prepare_cached(&format!("{ids} AND t.id > ?2 ORDER BY t.id LIMIT ?3"))?
            .query_map(params![import_id, after, DELETE_RUN], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let Some(&last) = run.last() else { break };
        removed += super::cascade::delete(conn, table, &run)?;
        after = last;
    }
    conn.execute("DELETE FROM import_created WHERE import_id = ?1 AND entity = ?2", params![import_id, entity])?;
    Ok(removed as u32)
}

/// Records deleted per statement by an undo.
const DELETE_RUN: i64 = 20_000;

pub fn add_reject(conn: &Connection, import_id: i64, row: u32, reason: &str, raw: &[String]) -> Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO import_rejects (import_id, row, reason, raw) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![import_id, row, reason, serde_json::to_string(raw)?])?;
    Ok(())
}

/// (row, reason, cells) of every rejected row, in file order.
pub fn rejects(conn: &Connection, import_id: i64) -> Result<Vec<(u32, String, Vec<String>)>> {
    let mut stmt =
        conn.prepare_cached("SELECT row, reason, raw FROM import_rejects WHERE import_id = ?1 ORDER BY row")?;
    let rows = stmt.query_map([import_id], |r| {
        let raw: String = r.get(2)?;
        Ok((r.get(0)?, r.get(1)?, serde_json::from_str(&raw).unwrap_or_default()))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn preset(conn: &Connection, entity: ImportEntity, header_key: &str) -> Result<Option<ImportMapping>> {
    let json: Option<String> = conn
        .prepare_cached("SELECT mapping FROM import_presets WHERE entity = ?1 AND header_key = ?2")?
        .query_row(params![entity.as_str(), header_key], |r| r.get(0))
        .optional()?;
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
}

pub fn save_preset(
    conn: &Connection,
    entity: ImportEntity,
    header_key: &str,
    name: &str,
    mapping: &ImportMapping,
) -> Result<()> {
    conn.execute(
        "INSERT INTO import_presets (name, entity, header_key, mapping) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (entity, header_key) DO UPDATE SET mapping = excluded.mapping, name = excluded.name,
             updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
        params![name, entity.as_str(), header_key, serde_json::to_string(mapping)?],
    )?;
    Ok(())
}
