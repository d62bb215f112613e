use serde::{Deserialize, Serialize};
use specta::Type;

/// A tag with how many live records carry it.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Tag {
    pub id: i64,
    pub name: String,
    /// "#rrggbb"
    pub color: String,
    /// Live records with this tag (of the entity asked for, or of all).
    pub count: i64,
}

/// A tag as a list row or a record shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct RowTag {
    pub id: i64,
    pub name: String,
    pub color: String,
}

/// What deleting a tag did.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct TagDeleted {
    /// Records (live or in the Trash) the tag was taken off.
    pub untagged: u32,
    /// Pass to `undo_settings_delete` to put the tag back on them.
    pub undo_token: i64,
}

/// What the tag forms send. Names are unique ignoring case.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct TagInput {
    pub name: String,
    /// "#rrggbb"; a neutral grey when absent.
    pub color: Option<String>,
}
