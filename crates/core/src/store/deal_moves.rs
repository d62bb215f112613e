//! SQL that moves deals in bulk, when the stage or pipeline they sit in is removed.
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::domain::Stage;
use crate::error::Result;

/// How many deals sit in a stage: (live, in the Trash).
pub fn stage_deal_counts(conn: &Connection, stage_id: i64) -> Result<(i64, i64)> {
    Ok(conn
        .prepare_cached("SELECT count(*) FILTER (WHERE deleted_at IS NULL), count(*) FILTER (WHERE deleted_at IS NOT NULL) FROM deals WHERE stage_id = ?1")?
        .query_row([stage_id], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// Live open deals of a pipeline, oldest first.
pub fn open_deal_ids(conn: &Connection, pipeline_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM deals WHERE pipeline_id = ?1 AND status = 'open' AND deleted_at IS NULL ORDER BY id",
    )?;
    let ids = stmt.query_map([pipeline_id], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// Live deals of a stage in column order.
pub fn stage_deal_ids(conn: &Connection, stage_id: i64) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM deals WHERE stage_id = ?1 AND deleted_at IS NULL ORDER BY position, id")?;
    let ids = stmt.query_map([stage_id], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// Deals in the Trash follow their stage without history (they are not on any board); restoring one puts it
/// in a stage that still exists.
pub fn move_trashed_deals(conn: &Connection, from_stage: i64, to: &Stage) -> Result<()> {
    conn.execute(
        "UPDATE deals SET stage_id = ?2, pipeline_id = ?3, status = ?4 WHERE stage_id = ?1 AND deleted_at IS NOT NULL",
        params![from_stage, to.id, to.pipeline_id, to.kind.as_str()],
    )?;
    Ok(())
}

/// Moves a live deal to the end of stage `to`'s column, in its pipeline (the same or another), with the
/// status the stage gives. A deal arriving in a lost stage keeps its loss reason, or takes `loss_reason`.
pub fn move_to_stage(conn: &Connection, deal_id: i64, to: &Stage, loss_reason: &str, now: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE deals SET pipeline_id = ?2, stage_id = ?3, status = ?4,
             position = (SELECT COALESCE(max(position), 0) + 1 FROM deals WHERE stage_id = ?3),
             loss_reason = CASE WHEN ?4 = 'lost' THEN COALESCE(loss_reason, ?5) END,
             closed_at = CASE WHEN ?4 = 'open' THEN NULL ELSE COALESCE(closed_at, ?6) END,
             stage_changed_at = ?6, updated_at = ?6
         WHERE id = ?1",
    )?
    .execute(params![deal_id, to.pipeline_id, to.id, to.kind.as_str(), loss_reason, now])?;
    Ok(())
}

/// Where a deal sat before a stage or pipeline delete moved it: what the move changes, kept for its undo.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DealPlace {
    pub id: i64,
    pub pipeline_id: i64,
    pub stage_id: i64,
    pub status: String,
    pub position: f64,
    pub loss_reason: Option<String>,
    pub closed_at: Option<String>,
    pub stage_changed_at: String,
    pub updated_at: String,
}

fn place(r: &rusqlite::Row) -> rusqlite::Result<DealPlace> {
    Ok(DealPlace {
        id: r.get(0)?,
        pipeline_id: r.get(1)?,
        stage_id: r.get(2)?,
        status: r.get(3)?,
        position: r.get(4)?,
        loss_reason: r.get(5)?,
        closed_at: r.get(6)?,
        stage_changed_at: r.get(7)?,
        updated_at: r.get(8)?,
    })
}

const PLACE: &str =
    "SELECT id, pipeline_id, stage_id, status, position, loss_reason, closed_at, stage_changed_at, updated_at FROM deals";

/// Deals' places by id.
pub fn places(conn: &Connection, ids: &[i64]) -> Result<Vec<DealPlace>> {
    let mut stmt = conn.prepare_cached(&format!("{PLACE} WHERE id = ?1"))?;
    ids.iter().map(|id| Ok(stmt.query_row([id], place)?)).collect()
}

/// The places of a stage's deals in the Trash.
pub fn trashed_places(conn: &Connection, stage_id: i64) -> Result<Vec<DealPlace>> {
    let mut stmt = conn.prepare_cached(&format!("{PLACE} WHERE stage_id = ?1 AND deleted_at IS NOT NULL"))?;
    let rows = stmt.query_map([stage_id], place)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Puts a deal back where it was, if it is still where the delete put it (in `moved_to`, and, for a live deal,
/// moved at `moved_at`): a deal moved on since stays where the rep put it. True when it was put back.
pub fn put_back(conn: &Connection, p: &DealPlace, moved_to: i64, moved_at: Option<&str>) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "UPDATE deals SET pipeline_id = ?2, stage_id = ?3, status = ?4, position = ?5, loss_reason = ?6,
                 closed_at = ?7, stage_changed_at = ?8, updated_at = ?9
             WHERE id = ?1 AND stage_id = ?10 AND (?11 IS NULL OR stage_changed_at = ?11)",
        )?
        .execute(params![
            p.id,
            p.pipeline_id,
            p.stage_id,
            p.status,
            p.position,
            p.loss_reason,
            p.closed_at,
            p.stage_changed_at,
            p.updated_at,
            moved_to,
            moved_at
        ])?
        > 0)
}

/// Removes the stage history row and the timeline entry a delete's move wrote for a deal, so once undone the
/// deal's history reads as if it had never moved.
pub fn forget_move(conn: &Connection, deal_id: i64, moved_to: i64, moved_at: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM deal_stage_history WHERE deal_id = ?1 AND to_stage_id = ?2 AND changed_at = ?3")?
        .execute(params![deal_id, moved_to, moved_at])?;
    conn.prepare_cached("DELETE FROM activities WHERE deal_id = ?1 AND kind = 'stage_change' AND occurred_at = ?2")?
        .execute(params![deal_id, moved_at])?;
    Ok(())
}
