use serde::{Deserialize, Serialize};
use specta::Type;

use super::{LeadSource, LeadStatus, Lifecycle};

/// A request for one page of a list: keyset pagination, so any depth costs the same.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct PageQuery {
    /// Free text narrowing the list (prefix match on names, emails, company).
    pub search: Option<String>,
    /// Opaque cursor from the previous page's `next_cursor`.
    pub cursor: Option<String>,
    /// Rows per page, 1..=500 (default 100).
    pub limit: Option<u32>,
    /// The column to sort by (each list names its own; the default is the list's natural order).
    #[serde(default)]
    #[specta(optional)]
    pub sort: Option<String>,
    /// Sort descending.
    #[serde(default)]
    #[specta(optional)]
    pub desc: Option<bool>,
    /// Contacts only: just this lifecycle stage (the Leads view asks for `lead`).
    #[serde(default)]
    #[specta(optional)]
    pub lifecycle: Option<Lifecycle>,
    /// Contacts only: just leads with this status.
    #[serde(default)]
    #[specta(optional)]
    pub lead_status: Option<LeadStatus>,
    /// Contacts only: just leads from this source.
    #[serde(default)]
    #[specta(optional)]
    pub lead_source: Option<LeadSource>,
    /// Narrows the list by a filter tree over the list's fields (see `list_fields`).
    #[serde(default)]
    #[specta(optional)]
    pub filter: Option<super::FilterGroup>,
    /// Deals only: just this pipeline.
    #[serde(default)]
    #[specta(optional)]
    pub pipeline_id: Option<i64>,
    /// Deals only: just open, won or lost deals.
    #[serde(default)]
    #[specta(optional)]
    pub deal_status: Option<super::DealStatus>,
}

impl PageQuery {
    /// Narrowed by a search or a filter tree: conditions no single index serves, whose matches the store keeps
    /// between a count and its pages. (A lifecycle, status or pipeline alone is one index seek.)
    pub fn narrows(&self) -> bool {
        self.search.as_deref().is_some_and(|s| !s.trim().is_empty())
            || self.filter.as_ref().is_some_and(|f| !f.nodes().is_empty())
    }

    pub fn limit(&self) -> usize {
        self.limit.unwrap_or(100).clamp(1, 500) as usize
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass back as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
    /// How many records match in all, when the list counts cheaply (first pages of small tables); large lists
    /// leave it out and offer a separate count, so a page never waits for a full count.
    pub total: Option<i64>,
}
