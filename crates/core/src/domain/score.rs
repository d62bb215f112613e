use serde::{Deserialize, Serialize};
use specta::Type;

use super::contact::text_enum;

/// How soon a contact is worth a call, derived from the score by the rules' thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Temperature {
    Hot,
    Warm,
    Cold,
}
text_enum!(Temperature { Hot = "hot", Warm = "warm", Cold = "cold" });

/// What one rule added to (or took from) a score, as stored with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ScoreFactor {
    /// status, source, engagement, recency or fit
    pub key: String,
    pub points: i64,
    /// What earned the points, in words: "Engaged", "3 touches in 30 days", "title has “VP”".
    pub detail: String,
}

/// A contact's score with its grade, temperature and the factors that add up to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct LeadScore {
    /// 0–100
    pub score: i64,
    /// A, B, C, D or F
    pub grade: String,
    pub temperature: Temperature,
    /// The factors that counted (non-zero) in a fixed order: status, source, engagement, recency, fit. Their
    /// points sum to the score before it is held to 0–100.
    pub factors: Vec<ScoreFactor>,
}
