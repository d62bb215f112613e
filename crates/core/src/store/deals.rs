//! SQL for `deals` and `deal_stage_history`.
use rusqlite::{params, Connection};

use super::search_index;
use crate::domain::{Deal, DealStatus, Entity};
use crate::error::Result;

pub struct NewDeal<'a> {
    pub title: &'a str,
    pub pipeline_id: i64,
    pub stage_id: i64,
    pub company_id: Option<i64>,
    pub contact_id: Option<i64>,
    pub value_cents: i64,
    pub currency: &'a str,
    pub expected_close: Option<&'a str>,
    pub status: DealStatus,
    pub created_at: &'a str,
}

pub fn insert(conn: &Connection, d: &NewDeal) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO deals (title, pipeline_id, stage_id, company_id, contact_id, value_cents, currency,
             expected_close, status, position, stage_changed_at, closed_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,
             (SELECT COALESCE(max(position), 0) + 1 FROM deals WHERE stage_id = ?3),
             ?10, CASE WHEN ?9 <> 'open' THEN ?10 END, ?10, ?10)",
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
        d.created_at
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

/// Open deals of a pipeline, board order.
pub fn list_open(conn: &Connection, pipeline_id: i64) -> Result<Vec<Deal>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.id, d.title, d.pipeline_id, d.stage_id, s.name, d.company_id, co.name, d.contact_id,
             NULLIF(trim(c.first_name || ' ' || c.last_name), ''), d.value_cents, d.currency,
             COALESCE(d.probability, s.probability), d.expected_close, d.status, d.stage_changed_at, d.updated_at
         FROM deals d JOIN stages s ON s.id = d.stage_id
         LEFT JOIN companies co ON co.id = d.company_id LEFT JOIN contacts c ON c.id = d.contact_id
         WHERE d.pipeline_id = ?1 AND d.status = 'open' AND d.deleted_at IS NULL
         ORDER BY s.position, d.position",
    )?;
    let rows = stmt.query_map([pipeline_id], |r| {
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
            stage_changed_at: r.get(14)?,
            updated_at: r.get(15)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
