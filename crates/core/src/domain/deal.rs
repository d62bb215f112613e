use serde::{Deserialize, Serialize};
use specta::Type;

use super::contact::text_enum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum DealStatus {
    Open,
    Won,
    Lost,
}
text_enum!(DealStatus { Open = "open", Won = "won", Lost = "lost" });

/// A deal in a stage has that stage's status: open stages keep it open, won and lost stages close it.
impl From<super::StageKind> for DealStatus {
    fn from(kind: super::StageKind) -> Self {
        match kind {
            super::StageKind::Open => DealStatus::Open,
            super::StageKind::Won => DealStatus::Won,
            super::StageKind::Lost => DealStatus::Lost,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Deal {
    pub id: i64,
    pub title: String,
    pub pipeline_id: i64,
    pub stage_id: i64,
    pub stage_name: String,
    pub company_id: Option<i64>,
    pub company_name: Option<String>,
    pub contact_id: Option<i64>,
    pub contact_name: Option<String>,
    /// In minor units (cents).
    pub value_cents: i64,
    pub currency: String,
    /// The deal's own probability when set, else its stage's.
    pub probability: i64,
    pub expected_close: Option<String>,
    pub status: DealStatus,
    /// Order within its stage column (fractional, so a drop between two cards never renumbers the column).
    pub position: f64,
    pub loss_reason: Option<String>,
    pub stage_changed_at: String,
    pub updated_at: String,
    /// Custom field values by key.
    pub custom: serde_json::Value,
    /// The stage's own probability, which `probability` falls back to when the deal sets none.
    pub stage_probability: i64,
    /// Whether `probability` is the deal's own (an override) rather than its stage's.
    pub probability_set: bool,
}

/// Move a deal to a stage (and a place in its column). Moving to a lost stage needs a reason.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct DealMove {
    pub deal_id: i64,
    pub stage_id: i64,
    /// Where in the column; the end of the column when absent.
    pub position: Option<f64>,
    pub reason: Option<String>,
}

/// The moved deal, and where it was (what an undo moves it back to).
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct DealMoved {
    pub deal: Deal,
    pub from_stage_id: i64,
    pub from_position: f64,
    pub from_reason: Option<String>,
    /// Sequence enrollments of the deal's people that winning or losing it stopped (an undo leaves them stopped).
    pub enrollments_stopped: u32,
}

/// What the new-deal form sends. Value in minor units (cents).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct DealInput {
    pub title: String,
    /// The default pipeline when absent.
    pub pipeline_id: Option<i64>,
    /// The pipeline's first stage when absent.
    pub stage_id: Option<i64>,
    pub company_id: Option<i64>,
    pub contact_id: Option<i64>,
    pub value_cents: i64,
    /// ISO 4217 code; USD when absent.
    pub currency: Option<String>,
    /// Overrides the stage's probability (0–100).
    pub probability: Option<i64>,
    /// YYYY-MM-DD
    pub expected_close: Option<String>,
    /// Custom field values by key; checked against the definitions in Settings.
    #[serde(default)]
    pub custom: super::CustomValues,
}

/// What the deal edit form sends. Stage changes go through a move (history, timeline); this edits the rest.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct DealEdit {
    pub title: String,
    pub company_id: Option<i64>,
    pub contact_id: Option<i64>,
    /// In minor units (cents).
    pub value_cents: i64,
    /// ISO 4217 code; USD when absent.
    pub currency: Option<String>,
    /// Overrides the stage's probability (0–100); the stage's applies when absent.
    pub probability: Option<i64>,
    /// YYYY-MM-DD
    pub expected_close: Option<String>,
    #[serde(default)]
    pub custom: super::CustomValues,
}

/// One stage change of a deal. Stage names are as they were at the time.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct StageHistoryEntry {
    /// Absent for the deal's first stage.
    pub from_stage: Option<String>,
    pub to_stage: String,
    pub changed_at: String,
    /// How long the deal sat in `from_stage`.
    pub seconds_in_from: Option<i64>,
}
