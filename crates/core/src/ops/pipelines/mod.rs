//! Pipelines and their stages: the default pipeline every database starts with, creating, renaming and
//! removing pipelines (stages: `stages.rs`).
mod stages;
mod undo;
mod validate;

pub(crate) use undo::{undo_pipeline_delete, undo_stage_delete};

pub use stages::StageCount;

use chrono::Utc;
use serde_json::json;

use crate::domain::{Entity, Pipeline, PipelineDelete, Removed, StageKind};
use crate::error::{CoreError, Result};
use crate::ops::deals::record_stage_change;
use crate::time::to_iso;
use crate::{store, Outpost};

/// The pipeline every new database starts with: (name, probability, color, kind).
const DEFAULT_STAGES: &[(&str, i64, &str, StageKind)] = &[
    ("Lead in", 10, "#94a3b8", StageKind::Open),
    ("Qualified", 25, "#60a5fa", StageKind::Open),
    ("Demo", 40, "#818cf8", StageKind::Open),
    ("Proposal", 60, "#a78bfa", StageKind::Open),
    ("Negotiation", 80, "#f59e0b", StageKind::Open),
    ("Won", 100, "#22c55e", StageKind::Won),
    ("Lost", 0, "#ef4444", StageKind::Lost),
];

/// A pipeline the rep adds starts shorter; they shape it in Settings.
const NEW_PIPELINE_STAGES: &[(&str, i64, &str, StageKind)] = &[
    ("Qualified", 20, "#60a5fa", StageKind::Open),
    ("Proposal", 50, "#a78bfa", StageKind::Open),
    ("Negotiation", 75, "#f59e0b", StageKind::Open),
    ("Won", 100, "#22c55e", StageKind::Won),
    ("Lost", 0, "#ef4444", StageKind::Lost),
];

impl Outpost {
    pub(crate) fn ensure_defaults(&self) -> Result<()> {
        self.db().write(|tx| {
            if store::pipelines::count(tx)? == 0 {
                let id = store::pipelines::insert(tx, "Sales", true, 0)?;
                for (i, (name, prob, color, kind)) in DEFAULT_STAGES.iter().enumerate() {
                    store::pipelines::insert_stage(tx, id, name, i as i64, *prob, color, *kind)?;
                }
            }
            Ok(())
        })
    }

    pub fn pipelines(&self) -> Result<Vec<Pipeline>> {
        self.db().read(store::pipelines::list)
    }

    pub fn pipeline(&self, id: i64) -> Result<Pipeline> {
        self.db().read(|conn| live_pipeline(conn, id))
    }

    /// Adds a pipeline (after the others) with a starter set of stages.
    pub fn create_pipeline(&self, name: &str) -> Result<Pipeline> {
        let name = validate::name("name", name)?;
        let id = self.db().write(|tx| {
            if store::pipelines::name_taken(tx, &name, None)? {
                return Err(CoreError::validation("name", format!("There is already a pipeline called “{name}”.")));
            }
            let is_first = store::pipelines::count(tx)? == 0;
            let id = store::pipelines::insert(tx, &name, is_first, store::pipelines::next_position(tx)?)?;
            for (i, (stage, prob, color, kind)) in NEW_PIPELINE_STAGES.iter().enumerate() {
                store::pipelines::insert_stage(tx, id, stage, i as i64, *prob, color, *kind)?;
            }
            Ok(id)
        })?;
        self.events().changed(Entity::Pipeline, vec![id]);
        self.pipeline(id)
    }

    pub fn rename_pipeline(&self, id: i64, name: &str) -> Result<Pipeline> {
        let name = validate::name("name", name)?;
        self.db().write(|tx| {
            live_pipeline(tx, id)?;
            if store::pipelines::name_taken(tx, &name, Some(id))? {
                return Err(CoreError::validation("name", format!("There is already a pipeline called “{name}”.")));
            }
            store::pipelines::rename(tx, id, &name)
        })?;
        self.events().changed(Entity::Pipeline, vec![id]);
        self.pipeline(id)
    }

    /// The pipeline new deals go to when none is named (and the board opens on).
    pub fn set_default_pipeline(&self, id: i64) -> Result<Pipeline> {
        self.db().write(|tx| {
            live_pipeline(tx, id)?;
            store::pipelines::set_default(tx, id)
        })?;
        self.events().changed(Entity::Pipeline, vec![]);
        self.pipeline(id)
    }

    /// Deletes a pipeline. The last one stays, and open deals are never stranded: they move to
    /// `move_open_deals_to` (a stage of another pipeline) first, each with stage history and a timeline entry.
    pub fn delete_pipeline(&self, d: PipelineDelete) -> Result<Removed> {
        let now = Utc::now();
        let at = to_iso(now);
        let removed = self.db().write(|tx| {
            let pipeline = live_pipeline(tx, d.pipeline_id)?;
            if store::pipelines::count(tx)? <= 1 {
                return Err(CoreError::Conflict(format!(
                    "“{}” is the only pipeline; add another before deleting this one.",
                    pipeline.name
                )));
            }
            let open = store::deal_moves::open_deal_ids(tx, pipeline.id)?;
            let before_open = store::deal_moves::places(tx, &open)?;
            let mut to_id = None;
            if !open.is_empty() {
                let plural = if open.len() == 1 { "deal" } else { "deals" };
                let to = match d.move_open_deals_to {
                    None => {
                        return Err(CoreError::validation(
                            "move_open_deals_to",
                            format!(
                                "“{}” has {} open {plural}: choose a stage in another pipeline to move them to.",
                                pipeline.name,
                                open.len()
                            ),
                        ))
                    }
                    Some(stage_id) => store::pipelines::get_stage(tx, stage_id)?
                        .filter(|s| s.pipeline_id != pipeline.id && s.kind == StageKind::Open)
                        .filter(|s| store::pipelines::get(tx, s.pipeline_id).is_ok_and(|p| p.is_some()))
                        .ok_or_else(|| {
                            CoreError::validation("move_open_deals_to", "Choose an open stage of another pipeline.")
                        })?,
                };
                for id in &open {
                    let deal = store::deals::get(tx, *id)?;
                    store::deal_moves::move_to_stage(tx, deal.id, &to, "Pipeline deleted", &at)?;
                    record_stage_change(tx, &deal, &to, None, now)?;
                }
                to_id = Some(to.id);
            }
            store::pipelines::delete(tx, pipeline.id)?;
            if pipeline.is_default {
                if let Some(next) = store::pipelines::list(tx)?.first() {
                    store::pipelines::set_default(tx, next.id)?;
                }
            }
            let before = json!({
                "pipeline_id": pipeline.id, "was_default": pipeline.is_default,
                "moved_to": to_id, "moved_at": at, "deals": before_open,
            });
            let undo_token = store::settings_undo::insert(tx, "pipeline", &before)?;
            Ok(Removed { moved_deals: open.len() as u32, undo_token })
        })?;
        self.events().changed(Entity::Pipeline, vec![d.pipeline_id]);
        if removed.moved_deals > 0 {
            self.events().changed(Entity::Deal, vec![]);
        }
        Ok(removed)
    }
}

fn live_pipeline(conn: &rusqlite::Connection, id: i64) -> Result<Pipeline> {
    store::pipelines::get(conn, id)?.ok_or(CoreError::NotFound { entity: "pipeline", id })
}
