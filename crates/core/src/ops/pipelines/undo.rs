//! Undoing the delete of a stage or a pipeline: it comes back, and the deals the delete moved go back to where
//! they were (column, position, time in stage), with the history rows and timeline entries of that move removed.
//! A deal moved again since the delete stays where the rep put it.
use rusqlite::Connection;
use serde_json::Value;

use super::{live_pipeline, stages::unique_name};
use crate::domain::SettingsRestored;
use crate::error::{CoreError, Result};
use crate::store::{self, deal_moves::DealPlace};

/// Returns the pipeline the stage is back in.
pub(crate) fn undo_stage_delete(tx: &Connection, before: &Value) -> Result<(i64, SettingsRestored)> {
    let id = before["stage_id"].as_i64().unwrap_or(-1);
    let stage = store::pipelines::deleted_stage(tx, id)?.ok_or(CoreError::NotFound { entity: "stage", id })?;
    let pipeline = live_pipeline(tx, stage.pipeline_id).map_err(|_| {
        CoreError::Conflict(format!("The pipeline of “{}” was deleted since; undo that first.", stage.name))
    })?;
    unique_name(&pipeline, &stage.name, Some(stage.id)).map_err(|e| CoreError::Conflict(e.to_string()))?;
    store::pipelines::restore_stage(tx, stage.id)?;
    let restored = put_back_deals(tx, before)?;
    for p in places(&before["trashed"])? {
        if let Some(to) = before["moved_to"].as_i64() {
            store::deal_moves::put_back(tx, &p, to, None)?;
        }
    }
    Ok((pipeline.id, restored))
}

pub(crate) fn undo_pipeline_delete(tx: &Connection, before: &Value) -> Result<(i64, SettingsRestored)> {
    let id = before["pipeline_id"].as_i64().unwrap_or(-1);
    let name = store::pipelines::deleted_name(tx, id)?.ok_or(CoreError::NotFound { entity: "pipeline", id })?;
    if store::pipelines::name_taken(tx, &name, Some(id))? {
        return Err(CoreError::Conflict(format!(
            "A new pipeline called “{name}” was added since; rename it, then undo again."
        )));
    }
    store::pipelines::restore(tx, id)?;
    if before["was_default"].as_bool().unwrap_or(false) {
        store::pipelines::set_default(tx, id)?;
    }
    Ok((id, put_back_deals(tx, before)?))
}

fn places(v: &Value) -> Result<Vec<DealPlace>> {
    Ok(serde_json::from_value(v.clone())?)
}

fn put_back_deals(tx: &Connection, before: &Value) -> Result<SettingsRestored> {
    let mut done = SettingsRestored { moved_back: 0, stayed: 0 };
    let (Some(to), Some(at)) = (before["moved_to"].as_i64(), before["moved_at"].as_str()) else {
        return Ok(done);
    };
    for p in places(&before["deals"])? {
        if store::deal_moves::put_back(tx, &p, to, Some(at))? {
            store::deal_moves::forget_move(tx, p.id, to, at)?;
            store::deals::reindex(tx, p.id)?;
            done.moved_back += 1;
        } else {
            done.stayed += 1;
        }
    }
    Ok(done)
}
