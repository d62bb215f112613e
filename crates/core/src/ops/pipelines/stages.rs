//! Stages of a pipeline: add, change (name, probability, color, kind), reorder, and delete by moving their
//! deals elsewhere first.
use chrono::Utc;
use serde_json::json;

use super::{live_pipeline, validate};
use crate::domain::{Entity, Pipeline, Removed, Stage, StageDelete, StageInput, StageKind};
use crate::error::{CoreError, Result};
use crate::ops::deals::record_stage_change;
use crate::time::to_iso;
use crate::{store, Outpost};

const DEFAULT_COLOR: &str = "#6366f1";

/// A stage's live deal count, for Settings (what a delete would move).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct StageCount {
    pub stage_id: i64,
    pub deals: i64,
}

impl Outpost {
    /// Adds a stage at the end of a pipeline.
    pub fn add_stage(&self, pipeline_id: i64, input: StageInput) -> Result<Stage> {
        let name = validate::name("name", input.name.as_deref().unwrap_or_default())?;
        let probability = validate::probability(input.probability.unwrap_or(0))?;
        let color = validate::color(input.color.as_deref().unwrap_or(DEFAULT_COLOR))?;
        let kind = input.kind.unwrap_or(StageKind::Open);
        let id = self.db().write(|tx| {
            let pipeline = live_pipeline(tx, pipeline_id)?;
            unique_name(&pipeline, &name, None)?;
            let position = pipeline.stages.iter().map(|s| s.position + 1).max().unwrap_or(0);
            store::pipelines::insert_stage(tx, pipeline.id, &name, position, probability, &color, kind)
        })?;
        self.events().changed(Entity::Pipeline, vec![pipeline_id]);
        self.stage(id)
    }

    /// Changes a stage: rename, recolor, set its probability or its kind. A stage holding deals keeps its kind
    /// (changing it would silently close or reopen them: move them first), and a pipeline keeps one open stage.
    pub fn update_stage(&self, id: i64, input: StageInput) -> Result<Stage> {
        let pipeline_id = self.db().write(|tx| {
            let mut stage = live_stage(tx, id)?;
            let pipeline = live_pipeline(tx, stage.pipeline_id)?;
            let renamed = match input.name.as_deref() {
                Some(raw) => {
                    let name = validate::name("name", raw)?;
                    unique_name(&pipeline, &name, Some(id))?;
                    let renamed = name != stage.name;
                    stage.name = name;
                    renamed
                }
                None => false,
            };
            if let Some(p) = input.probability {
                stage.probability = validate::probability(p)?;
            }
            if let Some(c) = input.color.as_deref() {
                stage.color = validate::color(c)?;
            }
            if let Some(kind) = input.kind.filter(|k| *k != stage.kind) {
                let (live, trashed) = store::deal_moves::stage_deal_counts(tx, id)?;
                if live + trashed > 0 {
                    return Err(CoreError::validation(
                        "kind",
                        format!(
                            "“{}” holds {} {}; move them to another stage before changing whether it is open, won or lost.",
                            stage.name,
                            live + trashed,
                            if live + trashed == 1 { "deal" } else { "deals" }
                        ),
                    ));
                }
                if stage.kind == StageKind::Open && open_stages(&pipeline) == 1 {
                    return Err(CoreError::validation("kind", "A pipeline needs at least one open stage."));
                }
                stage.kind = kind;
            }
            store::pipelines::update_stage(tx, &stage)?;
            // Deals are found by their stage's name in search.
            if renamed {
                for deal in store::deal_moves::stage_deal_ids(tx, id)? {
                    store::deals::reindex(tx, deal)?;
                }
            }
            Ok(stage.pipeline_id)
        })?;
        self.events().changed(Entity::Pipeline, vec![pipeline_id]);
        self.events().changed(Entity::Deal, vec![]);
        self.stage(id)
    }

    /// Puts a pipeline's stages in the given order; `stage_ids` must name each of its stages once.
    pub fn reorder_stages(&self, pipeline_id: i64, stage_ids: &[i64]) -> Result<Pipeline> {
        self.db().write(|tx| {
            let pipeline = live_pipeline(tx, pipeline_id)?;
            let mut given = stage_ids.to_vec();
            given.sort_unstable();
            let mut have: Vec<i64> = pipeline.stages.iter().map(|s| s.id).collect();
            have.sort_unstable();
            if given != have {
                return Err(CoreError::validation(
                    "stage_ids",
                    "The stages changed meanwhile; reload and order them again.",
                ));
            }
            for (position, id) in stage_ids.iter().enumerate() {
                if let Some(stage) = pipeline.stages.iter().find(|s| s.id == *id) {
                    if stage.position != position as i64 {
                        store::pipelines::update_stage(tx, &Stage { position: position as i64, ..stage.clone() })?;
                    }
                }
            }
            Ok(())
        })?;
        self.events().changed(Entity::Pipeline, vec![pipeline_id]);
        self.pipeline(pipeline_id)
    }

    /// Deletes a stage after moving its deals to `move_deals_to` (another stage of the same pipeline), each
    /// move written to stage history and the timeline like a move on the board.
    pub fn delete_stage(&self, d: StageDelete) -> Result<Removed> {
        let now = Utc::now();
        let at = to_iso(now);
        let (pipeline_id, removed, enrollments) = self.db().write(|tx| {
            let stage = live_stage(tx, d.stage_id)?;
            let pipeline = live_pipeline(tx, stage.pipeline_id)?;
            if stage.kind == StageKind::Open && open_stages(&pipeline) == 1 {
                return Err(CoreError::Conflict(format!(
                    "“{}” is the only open stage of “{}”; add another before deleting it.",
                    stage.name, pipeline.name
                )));
            }
            let (live, trashed) = store::deal_moves::stage_deal_counts(tx, stage.id)?;
            let mut moved = 0;
            let mut enrollments = 0;
            let mut to_id = None;
            let before_live = store::deal_moves::places(tx, &store::deal_moves::stage_deal_ids(tx, stage.id)?)?;
            let before_trashed = store::deal_moves::trashed_places(tx, stage.id)?;
            if live + trashed > 0 {
                let to = match d.move_deals_to {
                    None => {
                        return Err(CoreError::validation(
                            "move_deals_to",
                            format!(
                                "“{}” holds {} {}: choose the stage to move them to.",
                                stage.name,
                                live + trashed,
                                if live + trashed == 1 { "deal" } else { "deals" }
                            ),
                        ))
                    }
                    Some(to) => {
                        pipeline.stages.iter().find(|s| s.id == to && s.id != stage.id).cloned().ok_or_else(|| {
                            CoreError::validation("move_deals_to", "Choose another stage of the same pipeline.")
                        })?
                    }
                };
                let reason = format!("Stage “{}” was deleted", stage.name);
                for id in store::deal_moves::stage_deal_ids(tx, stage.id)? {
                    let deal = store::deals::get(tx, id)?;
                    store::deal_moves::move_to_stage(tx, deal.id, &to, &reason, &at)?;
                    enrollments += record_stage_change(tx, &deal, &to, None, now)?;
                    moved += 1;
                }
                store::deal_moves::move_trashed_deals(tx, stage.id, &to)?;
                to_id = Some(to.id);
            }
            store::pipelines::delete_stage(tx, stage.id)?;
            let before = json!({
                "stage_id": stage.id, "moved_to": to_id, "moved_at": at,
                "deals": before_live, "trashed": before_trashed,
            });
            let undo_token = store::settings_undo::insert(tx, "stage", &before)?;
            Ok((pipeline.id, Removed { moved_deals: moved, undo_token }, enrollments))
        })?;
        self.events().changed(Entity::Pipeline, vec![pipeline_id]);
        if removed.moved_deals > 0 {
            self.events().changed(Entity::Deal, vec![]);
        }
        if enrollments > 0 {
            self.events().changed(Entity::Sequence, vec![]);
        }
        Ok(removed)
    }

    /// How many live deals each stage of a pipeline holds.
    pub fn stage_counts(&self, pipeline_id: i64) -> Result<Vec<StageCount>> {
        self.db().read(|conn| {
            let pipeline = live_pipeline(conn, pipeline_id)?;
            pipeline
                .stages
                .iter()
                .map(|s| {
                    let (live, _) = store::deal_moves::stage_deal_counts(conn, s.id)?;
                    Ok(StageCount { stage_id: s.id, deals: live })
                })
                .collect()
        })
    }

    pub fn stage(&self, id: i64) -> Result<Stage> {
        self.db().read(|conn| live_stage(conn, id))
    }
}

fn live_stage(conn: &rusqlite::Connection, id: i64) -> Result<Stage> {
    store::pipelines::get_stage(conn, id)?.ok_or(CoreError::NotFound { entity: "stage", id })
}

fn open_stages(p: &Pipeline) -> usize {
    p.stages.iter().filter(|s| s.kind == StageKind::Open).count()
}

/// Stage names are unique within a pipeline, ignoring case and spaces, as `outpost deals move` finds them.
pub(super) fn unique_name(p: &Pipeline, name: &str, except: Option<i64>) -> Result<()> {
    let key = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    if p.stages.iter().any(|s| Some(s.id) != except && key(&s.name) == key(name)) {
        return Err(CoreError::validation("name", format!("“{}” already has a stage called “{name}”.", p.name)));
    }
    Ok(())
}
