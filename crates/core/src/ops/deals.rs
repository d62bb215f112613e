//! Deals: the pipeline board and moving deals between stages.
use chrono::Utc;
use serde_json::json;

use crate::domain::{Deal, DealInput, DealMove, DealMoved, DealStatus, Entity, Stage, StageKind};
use crate::error::{CoreError, Result};
use crate::store::{self, activities::NewActivity, deals::Placement, deals::StageChange};
use crate::time::{parse_iso, to_iso};
use crate::Outpost;

impl Outpost {
    /// Open deals of a pipeline in board order (stage, then position in the column).
    pub fn open_deals(&self, pipeline_id: i64) -> Result<Vec<Deal>> {
        self.db().read(|conn| store::deals::list_open(conn, pipeline_id))
    }

    pub fn deals(&self, pipeline_id: Option<i64>, status: Option<DealStatus>, limit: usize) -> Result<Vec<Deal>> {
        self.db().read(|conn| store::deals::list(conn, pipeline_id, status, limit))
    }

    pub fn deal(&self, id: i64) -> Result<Deal> {
        self.db().read(|conn| store::deals::get(conn, id))
    }

    /// Creates a deal in a pipeline stage (the default pipeline's first stage unless told otherwise) and
    /// records it on the timeline.
    pub fn create_deal(&self, input: DealInput) -> Result<Deal> {
        let at = to_iso(Utc::now());
        let id = self.db().write(|tx| insert_deal(tx, &input, &at))?;
        self.events().changed(Entity::Deal, vec![id]);
        let deal = self.deal(id)?;
        if deal.status != DealStatus::Open {
            // It may have stopped sequence enrollments (`insert_deal`).
            self.events().changed(Entity::Sequence, vec![]);
        }
        Ok(deal)
    }

    /// (from stage, to stage) names of every stage change of a deal, oldest first; the first has no "from".
    pub fn stage_history(&self, deal_id: i64) -> Result<Vec<(Option<String>, String)>> {
        self.db().read(|conn| store::deals::history(conn, deal_id))
    }

    /// The stage of the deal's pipeline that `stage` names: its id, or its name ignoring case and spaces.
    pub fn resolve_stage(&self, deal_id: i64, stage: &str) -> Result<i64> {
        self.db().read(|conn| {
            let deal = store::deals::get(conn, deal_id)?;
            if let Ok(id) = stage.trim().parse::<i64>() {
                if let Some(s) = store::pipelines::get_stage(conn, id)?.filter(|s| s.pipeline_id == deal.pipeline_id) {
                    return Ok(s.id);
                }
            }
            if let Some(s) = store::pipelines::find_stage(conn, deal.pipeline_id, stage)? {
                return Ok(s.id);
            }
            let names: Vec<String> = store::pipelines::list(conn)?
                .into_iter()
                .filter(|p| p.id == deal.pipeline_id)
                .flat_map(|p| p.stages.into_iter().map(|s| s.name))
                .collect();
            Err(CoreError::validation(
                "stage",
                format!("No stage “{stage}” in this deal's pipeline. Its stages: {}.", names.join(", ")),
            ))
        })
    }

    /// Moves a deal to a stage of its pipeline. A change of stage writes stage history and a timeline entry
    /// (with the stage names as they are now); a move within the column only reorders. Winning or losing the
    /// deal stops its people's sequence enrollments in the same transaction (see `sequences::deal_closed`).
    pub fn move_deal(&self, m: DealMove) -> Result<DealMoved> {
        let now = Utc::now();
        let at = to_iso(now);
        let (moved, touched) = self.db().write(|tx| {
            let deal = store::deals::get(tx, m.deal_id)?;
            let to = store::pipelines::get_stage(tx, m.stage_id)?
                .filter(|s| s.pipeline_id == deal.pipeline_id)
                .ok_or_else(|| CoreError::validation("stage_id", "That stage is not in this deal's pipeline."))?;
            let reason = crate::normalize::text(m.reason.as_deref());
            if to.kind == StageKind::Lost && reason.is_none() {
                return Err(CoreError::validation("reason", "Say why the deal was lost."));
            }
            let status = DealStatus::from(to.kind);
            let stage_changed = to.id != deal.stage_id;
            let position = match m.position {
                Some(p) if p.is_finite() => p,
                _ if !stage_changed => deal.position,
                _ => store::deals::next_position(tx, to.id)?,
            };
            let placement =
                Placement { stage_id: to.id, status, position, loss_reason: reason.as_deref(), stage_changed };
            store::deals::place(tx, deal.id, &placement, &at)?;
            let touched = if stage_changed { record_stage_change(tx, &deal, &to, reason.as_deref(), now)? } else { 0 };
            let stopped = if status == DealStatus::Open { 0 } else { touched };
            let moved = DealMoved {
                deal: store::deals::get(tx, deal.id)?,
                from_stage_id: deal.stage_id,
                from_position: deal.position,
                from_reason: deal.loss_reason,
                enrollments_stopped: stopped as u32,
            };
            Ok((moved, touched))
        })?;
        self.events().changed(Entity::Deal, vec![moved.deal.id]);
        if touched > 0 {
            self.events().changed(Entity::Sequence, vec![]);
        }
        Ok(moved)
    }
}

/// Writes what a change of stage leaves behind, after the deal was placed in `to`: a stage history row, a
/// timeline entry with the stage names as they are now, the deal's search entry (which holds its stage), and
/// — when it closes or reopens — its people's sequence enrollments. Returns how many enrollments changed.
pub(crate) fn record_stage_change(
    tx: &rusqlite::Connection,
    deal: &Deal,
    to: &Stage,
    reason: Option<&str>,
    now: chrono::DateTime<Utc>,
) -> Result<usize> {
    let at = to_iso(now);
    let since = parse_iso(&deal.stage_changed_at).unwrap_or(now);
    store::deals::insert_history(
        tx,
        &StageChange {
            deal_id: deal.id,
            from_stage_id: deal.stage_id,
            from_stage_name: &deal.stage_name,
            to_stage_id: to.id,
            to_stage_name: &to.name,
            seconds_in_from: (now - since).num_seconds().max(0),
            at: &at,
        },
    )?;
    let status = DealStatus::from(to.kind);
    let subject = format!("{} moved from {} to {}", deal.title, deal.stage_name, to.name);
    store::activities::insert(
        tx,
        &NewActivity {
            kind: "stage_change",
            subject: &subject,
            body: reason,
            occurred_at: &at,
            contact_id: deal.contact_id,
            company_id: deal.company_id,
            deal_id: Some(deal.id),
            meta: json!({
                "deal": deal.title, "from_stage": deal.stage_name, "to_stage": to.name,
                "status": status.as_str(), "reason": reason,
            }),
        },
    )?;
    store::deals::reindex(tx, deal.id)?;
    crate::ops::sequences::on_deal_status_change(tx, deal, status, &at)
}

/// Validates and writes a new deal with its first timeline entry, inside the caller's transaction.
pub(crate) fn insert_deal(tx: &rusqlite::Connection, input: &DealInput, at: &str) -> Result<i64> {
    let super::deal_edit::Checked { title, currency, expected_close } = super::deal_edit::check_fields(
        tx,
        &super::deal_edit::Fields {
            title: &input.title,
            value_cents: input.value_cents,
            currency: input.currency.as_deref(),
            probability: input.probability,
            expected_close: input.expected_close.as_deref(),
            company_id: input.company_id,
            contact_id: input.contact_id,
        },
        None,
    )?;
    let pipelines = store::pipelines::list(tx)?;
    let pipeline = match input.pipeline_id {
        Some(id) => pipelines.iter().find(|p| p.id == id),
        None => pipelines.iter().find(|p| p.is_default).or(pipelines.first()),
    }
    .ok_or_else(|| CoreError::validation("pipeline_id", "That pipeline no longer exists."))?;
    let stage = match input.stage_id {
        Some(id) => pipeline.stages.iter().find(|s| s.id == id),
        None => pipeline.stages.iter().find(|s| s.kind == StageKind::Open),
    }
    .ok_or_else(|| CoreError::validation("stage_id", "That stage is not in this pipeline."))?;
    let custom = crate::ops::custom_fields::check_values(tx, crate::domain::FieldEntity::Deal, &input.custom, None)?;
    let status = DealStatus::from(stage.kind);
    let id = store::deals::insert(
        tx,
        &store::deals::NewDeal {
            title: &title,
            pipeline_id: pipeline.id,
            stage_id: stage.id,
            company_id: input.company_id,
            contact_id: input.contact_id,
            value_cents: input.value_cents,
            currency: &currency,
            probability: input.probability,
            expected_close: expected_close.as_deref(),
            status,
            created_at: at,
        },
    )?;
    if custom.as_object().is_some_and(|o| !o.is_empty()) {
        store::deals::set_custom(tx, id, &custom.to_string())?;
    }
    store::activities::insert(
        tx,
        &NewActivity {
            kind: "stage_change",
            subject: &format!("{title} created in {}", stage.name),
            body: None,
            occurred_at: at,
            contact_id: input.contact_id,
            company_id: input.company_id,
            deal_id: Some(id),
            meta: json!({ "deal": title, "to_stage": stage.name, "created": true }),
        },
    )?;
    // A deal recorded as already won or lost closes at once, like a move.
    crate::ops::sequences::stop_for_closed_deal(tx, id, &title, status, at)?;
    Ok(id)
}
