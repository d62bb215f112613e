//! SQL for `deals` and `deal_stage_history`.
use rusqlite::{params, Connection, OptionalExtension};

use super::search_index;
use super::trash::{self, Trashable};
use crate::domain::{Deal, DealStatus, Entity, StageHistoryEntry};
use crate::error::{CoreError, Result};
use crate::time::now_iso;

pub struct NewDeal<'a> {
    pub title: &'a str,
    pub pipeline_id: i64,
    pub stage_id: i64,
    pub company_id: Option<i64>,
    pub contact_id: Option<i64>,
    pub value_cents: i64,
    pub currency: &'a str,
    pub probability: Option<i64>,
    pub expected_close: Option<&'a str>,
    pub status: DealStatus,
    pub created_at: &'a str,
}

pub fn insert(conn: &Connection, d: &NewDeal) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO deals (title, pipeline_id, stage_id, company_id, contact_id, value_cents, currency,
             expected_close, status, position, stage_changed_at, closed_at, created_at, updated_at, probability)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,
             (SELECT COALESCE(max(position), 0) + 1 FROM deals WHERE stage_id = ?3),
             ?10, CASE WHEN ?9 <> 'open' THEN ?10 END, ?10, ?10, ?11)",
    )?
    .execute(params![
        d.title,
        d.pipeline_id,
        d.stage_id,
        d.company_id,
        d.contact_id,
        d.value_cents,
        d.currency,
        d.expected_close,
        d.status.as_str(),
        d.created_at,
        d.probability
    ])?;
    let id = conn.last_insert_rowid();
    conn.prepare_cached(
        "INSERT INTO deal_stage_history (deal_id, to_stage_id, to_stage_name, changed_at)
         SELECT ?1, id, name, ?2 FROM stages WHERE id = ?3",
    )?
    .execute(params![id, d.created_at, d.stage_id])?;
    reindex(conn, id)?;
    Ok(id)
}

pub fn reindex(conn: &Connection, id: i64) -> Result<()> {
    if search_index::deferred(Entity::Deal, id) {
        return Ok(());
    }
    let row = conn
        .prepare_cached(
            "SELECT d.title, concat_ws(' ', co.name, c.first_name, c.last_name, s.name)
             FROM deals d JOIN stages s ON s.id = d.stage_id
             LEFT JOIN companies co ON co.id = d.company_id LEFT JOIN contacts c ON c.id = d.contact_id
             WHERE d.id = ?1 AND d.deleted_at IS NULL",
        )?
        .query_row([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)));
    match row {
        Ok((title, body)) => search_index::put(conn, Entity::Deal, id, &title, &body),
        Err(rusqlite::Error::QueryReturnedNoRows) => search_index::remove(conn, Entity::Deal, id),
        Err(e) => Err(e.into()),
    }
}

const SELECT: &str = "SELECT d.id, d.title, d.pipeline_id, d.stage_id, s.name, d.company_id, co.name, d.contact_id,
        NULLIF(trim(c.first_name || ' ' || c.last_name), ''), d.value_cents, d.currency,
        COALESCE(d.probability, s.probability), d.expected_close, d.status, d.position, d.loss_reason,
        d.stage_changed_at, d.updated_at, d.custom, s.probability, d.probability IS NOT NULL
    FROM deals d JOIN stages s ON s.id = d.stage_id
    LEFT JOIN companies co ON co.id = d.company_id LEFT JOIN contacts c ON c.id = d.contact_id";

fn deal(r: &rusqlite::Row) -> rusqlite::Result<Deal> {
    let status: String = r.get(13)?;
    Ok(Deal {
        id: r.get(0)?,
        title: r.get(1)?,
        pipeline_id: r.get(2)?,
        stage_id: r.get(3)?,
        stage_name: r.get(4)?,
        company_id: r.get(5)?,
        company_name: r.get(6)?,
        contact_id: r.get(7)?,
        contact_name: r.get(8)?,
        value_cents: r.get(9)?,
        currency: r.get(10)?,
        probability: r.get(11)?,
        expected_close: r.get(12)?,
        status: DealStatus::parse(&status).unwrap_or(DealStatus::Open),
        position: r.get(14)?,
        loss_reason: r.get(15)?,
        stage_changed_at: r.get(16)?,
        updated_at: r.get(17)?,
        custom: super::companies::json_object(&r.get::<_, String>(18)?),
        stage_probability: r.get(19)?,
        probability_set: r.get(20)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Deal> {
    conn.prepare_cached(&format!("{SELECT} WHERE d.id = ?1 AND d.deleted_at IS NULL"))?
        .query_row([id], deal)
        .optional()?
        .ok_or(CoreError::NotFound { entity: "deal", id })
}

/// Live deals, optionally of one pipeline and status, in board order.
pub fn list(
    conn: &Connection,
    pipeline_id: Option<i64>,
    status: Option<DealStatus>,
    limit: usize,
) -> Result<Vec<Deal>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE d.deleted_at IS NULL AND (?1 IS NULL OR d.pipeline_id = ?1) AND (?2 IS NULL OR d.status = ?2)
         ORDER BY d.pipeline_id, s.position, d.position LIMIT ?3"
    ))?;
    let rows = stmt.query_map(params![pipeline_id, status.map(DealStatus::as_str), limit as i64], deal)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Open deals of a pipeline, board order.
pub fn list_open(conn: &Connection, pipeline_id: i64) -> Result<Vec<Deal>> {
    list(conn, Some(pipeline_id), Some(DealStatus::Open), usize::MAX >> 1)
}

/// Where a deal goes: its stage, status and place in the column.
pub struct Placement<'a> {
    pub stage_id: i64,
    pub status: DealStatus,
    pub position: f64,
    pub loss_reason: Option<&'a str>,
    /// Restarts the deal's days-in-stage clock.
    pub stage_changed: bool,
}

pub fn place(conn: &Connection, id: i64, p: &Placement, now: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE deals SET stage_id = ?2, status = ?3, position = ?4,
             loss_reason = CASE WHEN ?3 = 'lost' THEN ?5 END,
             stage_changed_at = CASE WHEN ?6 THEN ?7 ELSE stage_changed_at END,
             closed_at = CASE WHEN ?3 = 'open' THEN NULL WHEN ?6 THEN ?7 ELSE closed_at END,
             updated_at = ?7
         WHERE id = ?1",
    )?
    .execute(params![id, p.stage_id, p.status.as_str(), p.position, p.loss_reason, p.stage_changed, now])?;
    Ok(())
}

/// The position just after the last deal of a stage column.
pub fn next_position(conn: &Connection, stage_id: i64) -> Result<f64> {
    Ok(conn
        // Deleted deals count too: filtering them would turn this index seek into a scan of the stage.
        .prepare_cached("SELECT COALESCE(max(position), 0) + 1 FROM deals WHERE stage_id = ?1")?
        .query_row([stage_id], |r| r.get(0))?)
}

pub struct StageChange<'a> {
    pub deal_id: i64,
    pub from_stage_id: i64,
    pub from_stage_name: &'a str,
    pub to_stage_id: i64,
    pub to_stage_name: &'a str,
    pub seconds_in_from: i64,
    pub at: &'a str,
}

pub fn insert_history(conn: &Connection, c: &StageChange) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO deal_stage_history (deal_id, from_stage_id, to_stage_id, from_stage_name, to_stage_name,
             changed_at, seconds_in_from)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        c.deal_id,
        c.from_stage_id,
        c.to_stage_id,
        c.from_stage_name,
        c.to_stage_name,
        c.at,
        c.seconds_in_from
    ])?;
    Ok(())
}

/// (from stage name, to stage name) of a deal's history, oldest first.
pub fn history(conn: &Connection, deal_id: i64) -> Result<Vec<(Option<String>, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT from_stage_name, to_stage_name FROM deal_stage_history WHERE deal_id = ?1 ORDER BY changed_at, id",
    )?;
    let rows = stmt.query_map([deal_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The fields a deal edit changes; `currency` and `expected_close` are already checked.
pub struct DealFields<'a> {
    pub title: &'a str,
    pub company_id: Option<i64>,
    pub contact_id: Option<i64>,
    pub value_cents: i64,
    pub currency: &'a str,
    pub probability: Option<i64>,
    pub expected_close: Option<&'a str>,
    /// The checked custom-values object as JSON.
    pub custom: &'a str,
}

pub fn update(conn: &Connection, id: i64, f: &DealFields) -> Result<()> {
    let changed = conn
        .prepare_cached(
            "UPDATE deals SET title = ?2, company_id = ?3, contact_id = ?4, value_cents = ?5, currency = ?6,
                 probability = ?7, expected_close = ?8, custom = ?9, updated_at = ?10
             WHERE id = ?1 AND deleted_at IS NULL",
        )?
        .execute(params![
            id,
            f.title,
            f.company_id,
            f.contact_id,
            f.value_cents,
            f.currency,
            f.probability,
            f.expected_close,
            f.custom,
            now_iso()
        ])?;
    if changed == 0 {
        return Err(CoreError::NotFound { entity: "deal", id });
    }
    reindex(conn, id)
}

pub fn set_custom(conn: &Connection, id: i64, custom: &str) -> Result<()> {
    conn.prepare_cached("UPDATE deals SET custom = ?2 WHERE id = ?1")?.execute(params![id, custom])?;
    Ok(())
}

/// Moves a deal to the Trash or back. The board, lists and dashboard skip deals in the Trash.
pub fn set_deleted(conn: &Connection, id: i64, deleted: bool) -> Result<()> {
    let now = now_iso();
    let changed = conn
        .prepare_cached(
            "UPDATE deals SET deleted_at = CASE WHEN ?2 THEN ?3 END, updated_at = ?3
             WHERE id = ?1 AND (deleted_at IS NULL) = ?2",
        )?
        .execute(params![id, deleted, now])?;
    if changed == 0 {
        return Err(CoreError::NotFound { entity: "deal", id });
    }
    reindex(conn, id)
}

/// A deal's stage changes, oldest first, with when they happened.
pub fn history_entries(conn: &Connection, deal_id: i64) -> Result<Vec<StageHistoryEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT from_stage_name, to_stage_name, changed_at, seconds_in_from FROM deal_stage_history
         WHERE deal_id = ?1 ORDER BY changed_at, id",
    )?;
    let rows = stmt.query_map([deal_id], |r| {
        Ok(StageHistoryEntry {
            from_stage: r.get(0)?,
            to_stage: r.get(1)?,
            changed_at: r.get(2)?,
            seconds_in_from: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Live deals of a company, open ones first, then the most recently changed; at most `limit`.
pub fn of_company(conn: &Connection, company_id: i64, limit: usize) -> Result<Vec<Deal>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE d.company_id = ?1 AND d.deleted_at IS NULL
         ORDER BY d.status <> 'open', d.updated_at DESC, d.id DESC LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![company_id, limit as i64], deal)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn count_of_company(conn: &Connection, company_id: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM deals WHERE company_id = ?1 AND deleted_at IS NULL")?
        .query_row([company_id], |r| r.get(0))?)
}

/// Deletes a deal in the Trash for good, with its stage history. Timeline entries it shares with a contact
/// or company stay on theirs (their labels are snapshots); the schema's ON DELETE rules unlink tasks and mail.
pub fn purge(conn: &Connection, id: i64) -> Result<()> {
    trash::ensure_in_trash(conn, Trashable::Deal, id)?;
    trash::purge_row(conn, Trashable::Deal, id)
}

/// Marks a deal as written by an import row (source tracing).
pub fn set_origin(conn: &Connection, id: i64, import_id: i64, row: u32) -> Result<()> {
    conn.prepare_cached("UPDATE deals SET import_id = ?2, import_row = ?3 WHERE id = ?1")?
        .execute(params![id, import_id, row])?;
    Ok(())
}

/// A live deal with this title (any case) for the same company, or without one: an import's duplicate.
pub fn find_by_title(conn: &Connection, title: &str, company_id: Option<i64>) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM deals WHERE title = ?1 COLLATE NOCASE AND company_id IS ?2 AND deleted_at IS NULL
             ORDER BY id LIMIT 1",
        )?
        .query_row(params![title.trim(), company_id], |r| r.get(0))
        .optional()?)
}

/// One page of the deals list in any supported order and filter (see `store::lists`), by keyset.
pub fn list_page(
    conn: &Connection,
    q: &crate::domain::PageQuery,
) -> Result<crate::domain::Page<crate::domain::DealRow>> {
    let (ids, next_cursor) = super::lists::page_ids(conn, crate::domain::ListEntity::Deal, q)?;
    Ok(crate::domain::Page { items: rows(conn, &ids)?, next_cursor, total: None })
}

/// The deals-list rows of `ids`, in that order (missing ids are skipped).
pub fn rows(conn: &Connection, ids: &[i64]) -> Result<Vec<crate::domain::DealRow>> {
    let sql = format!(
        "SELECT d.id, d.title, d.pipeline_id, p.name, d.stage_id, s.name, d.status, d.company_id, co.name,
             d.contact_id, NULLIF(trim(c.first_name || ' ' || c.last_name), ''), d.value_cents, d.currency,
             COALESCE(d.probability, s.probability), d.expected_close, d.closed_at, d.created_at, d.updated_at,
             d.custom, {}
         FROM json_each(?1) j JOIN deals d ON d.id = j.value
         JOIN stages s ON s.id = d.stage_id JOIN pipelines p ON p.id = d.pipeline_id
         LEFT JOIN companies co ON co.id = d.company_id LEFT JOIN contacts c ON c.id = d.contact_id
         ORDER BY j.key",
        super::tags::row_tags_sql("deal", "d.id")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([serde_json::to_string(ids)?], |r| {
        let status: String = r.get(6)?;
        Ok(crate::domain::DealRow {
            id: r.get(0)?,
            title: r.get(1)?,
            pipeline_id: r.get(2)?,
            pipeline_name: r.get(3)?,
            stage_id: r.get(4)?,
            stage_name: r.get(5)?,
            status: DealStatus::parse(&status).unwrap_or(DealStatus::Open),
            company_id: r.get(7)?,
            company_name: r.get(8)?,
            contact_id: r.get(9)?,
            contact_name: r.get(10)?,
            value_cents: r.get(11)?,
            currency: r.get(12)?,
            probability: r.get(13)?,
            expected_close: r.get(14)?,
            closed_at: r.get(15)?,
            created_at: r.get(16)?,
            updated_at: r.get(17)?,
            custom: super::companies::json_object(&r.get::<_, String>(18)?),
            tags: super::tags::parse_row_tags(r.get(19)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
