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
    pub stage_changed_at: String,
    pub updated_at: String,
}
