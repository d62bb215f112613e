use serde::{Deserialize, Serialize};
use specta::Type;

/// A deleted contact, company or deal, as the Trash lists it.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct TrashItem {
    pub record: super::RecordRef,
    /// The record's name or title.
    pub title: String,
    /// A second line: a contact's email or company, a company's domain, a deal's stage.
    pub subtitle: Option<String>,
    pub deleted_at: String,
}

/// The newest-deleted records first, and how many the Trash holds in all.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Trash {
    pub items: Vec<TrashItem>,
    pub total: i64,
}
