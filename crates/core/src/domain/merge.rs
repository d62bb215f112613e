use serde::{Deserialize, Serialize};
use specta::Type;

use super::FieldEntity;

/// Two records that look like the same person or company, and why.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct DuplicatePair {
    pub entity: FieldEntity,
    pub a_id: i64,
    pub a_label: String,
    pub b_id: i64,
    pub b_label: String,
    /// "same email", "same phone", "same name at the same company", "same company name"
    pub reason: String,
}

/// Merge `drop_id` into `keep_id`. Each field keeps `keep_id`'s value unless listed in `take_from_drop`
/// (or empty on the kept record). Custom fields are named "custom.<key>".
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct MergeRequest {
    pub entity: FieldEntity,
    pub keep_id: i64,
    pub drop_id: i64,
    #[serde(default)]
    pub take_from_drop: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct MergeResult {
    pub kept_id: i64,
    /// Now in the Trash.
    pub dropped_id: i64,
    /// Deals, activities, notes, tasks and emails moved over to the kept record.
    pub relinked: u32,
    /// Pass to `undo_merge` to put both records back as they were.
    pub undo_token: i64,
}
