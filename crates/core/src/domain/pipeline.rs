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
