use serde::{Deserialize, Serialize};
use specta::Type;

use super::contact::text_enum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum StageKind {
    Open,
    Won,
    Lost,
}
text_enum!(StageKind { Open = "open", Won = "won", Lost = "lost" });

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Stage {
    pub id: i64,
    pub pipeline_id: i64,
    pub name: String,
    pub position: i64,
    pub probability: i64,
    pub color: String,
    pub kind: StageKind,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Pipeline {
    pub id: i64,
    pub name: String,
    pub is_default: bool,
    pub stages: Vec<Stage>,
}

/// A new stage, or changes to a stage: absent fields keep their value (a new stage takes 0 %, the default
/// color and `open`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct StageInput {
    pub name: Option<String>,
    /// 0–100: how likely a deal in this stage closes as won.
    pub probability: Option<i64>,
    /// `#rrggbb`
    pub color: Option<String>,
    pub kind: Option<StageKind>,
}

/// Delete a pipeline. Its open deals must go somewhere: a stage of another pipeline. Won and lost deals stay
/// with the deleted pipeline for reports.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct PipelineDelete {
    pub pipeline_id: i64,
    pub move_open_deals_to: Option<i64>,
}

/// Delete a stage. Its deals move to another stage of the same pipeline first (with stage history and a
/// timeline entry each), so nothing is lost.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct StageDelete {
    pub stage_id: i64,
    pub move_deals_to: Option<i64>,
}

/// What deleting a pipeline or a stage did.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Removed {
    /// Deals moved to the new stage.
    pub moved_deals: u32,
    /// Pass to `undo_settings_delete` to put it back (with its deals, where they still are).
    pub undo_token: i64,
}

/// What undoing the delete of a tag, stage or pipeline put back.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SettingsRestored {
    /// Deals moved back to the restored stage or pipeline.
    pub moved_back: u32,
    /// Deals the delete had moved that were moved again since: they stay where the rep put them.
    pub stayed: u32,
}
