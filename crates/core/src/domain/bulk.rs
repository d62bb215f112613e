use serde::{Deserialize, Serialize};
use specta::Type;

use super::FieldEntity;

/// One change applied to many records at once (or to one, from an inline edit).
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct BulkEdit {
    pub entity: FieldEntity,
    pub ids: Vec<i64>,
    pub change: BulkChange,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BulkChange {
    /// Sets one field (a `list_fields` key marked editable, custom fields included) to `value`; null clears it.
    SetField {
        field: String,
        value: serde_json::Value,
    },
    AddTag {
        tag_id: i64,
    },
    RemoveTag {
        tag_id: i64,
    },
}

/// What a bulk edit did, and the token that undoes exactly that.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct BulkEdited {
    /// Pass to `bulk_edit_undo` to put back the values this edit replaced.
    pub token: i64,
    /// Records whose value actually changed (a record that already had it is left alone).
    pub changed: i64,
}
