//! SQL that moves deals in bulk, when the stage or pipeline they sit in is removed.
use rusqlite::{params, Connection};

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
