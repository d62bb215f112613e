use serde::{Deserialize, Serialize};
use specta::Type;

use super::{FilterGroup, ListEntity};

/// A named filter, sort and set of columns for one list.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SavedView {
    pub id: i64,
    pub entity: ListEntity,
    pub name: String,
    pub filter: Option<FilterGroup>,
    pub sort: Option<ViewSort>,
    /// Field keys, in display order; empty means the list's default columns.
    pub columns: Vec<String>,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ViewSort {
    pub field: String,
    pub desc: bool,
}

/// What the views bar sends to save or change a view.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SavedViewInput {
    pub entity: ListEntity,
    pub name: String,
    pub filter: Option<FilterGroup>,
    pub sort: Option<ViewSort>,
    pub columns: Vec<String>,
}
