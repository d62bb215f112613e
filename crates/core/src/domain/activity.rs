use serde::{Deserialize, Serialize};
use specta::Type;

/// One entry of a record's timeline: an activity (call, meeting, email, stage change, import, …) or a note.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct TimelineItem {
    /// "activity" or "note": which table `id` belongs to.
    pub source: String,
    pub id: i64,
    /// note, call, meeting, email_out, email_in, stage_change, import, task, lead_converted, merge, …
    pub kind: String,
    pub subject: String,
    pub body: Option<String>,
    pub occurred_at: String,
    pub contact_id: Option<i64>,
    pub company_id: Option<i64>,
    pub deal_id: Option<i64>,
    /// The labels as they were when the entry was written (names, stages, subjects).
    pub meta: serde_json::Value,
}

/// The record whose timeline to show.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type)]
#[serde(tag = "entity", content = "id", rename_all = "snake_case")]
pub enum RecordRef {
    Contact(i64),
    Company(i64),
    Deal(i64),
}
