//! What the list views share: the fields a list offers, counts and selections under a filter, and the deals list.
use rusqlite::Connection;

use crate::domain::{DealRow, ListEntity, ListField, Page, PageQuery};
use crate::error::Result;
use crate::store;
use crate::Outpost;

impl Outpost {
    /// The fields of a list (built-ins, then custom fields) with their filter operators and whether each can be
    /// sorted and edited.
    pub fn list_fields(&self, entity: ListEntity) -> Result<Vec<ListField>> {
        self.db().read(|conn| store::lists::fields::all(conn, entity))
    }

    /// One page of the deals list: any supported sort and filter, keyset-paged.
    pub fn deals_page(&self, query: &PageQuery) -> Result<Page<DealRow>> {
        self.read_list(query, |conn| store::deals::list_page(conn, query))
    }

    /// How many records a list query matches: its search, narrowing and filter. Asked apart from the pages:
    /// an unnarrowed page never waits for a count (a narrowed one may, for the matches the count keeps).
    pub fn list_count(&self, entity: ListEntity, query: &PageQuery) -> Result<i64> {
        self.read_list(query, |conn| store::lists::count(conn, entity, query))
    }

    /// Every id a list query matches, for "select all that match".
    pub fn list_ids(&self, entity: ListEntity, query: &PageQuery) -> Result<Vec<i64>> {
        self.db().read(|conn| store::lists::all_ids(conn, entity, query))
    }

    /// Pages and counts of a narrowed list run on the connection that keeps its matches between them.
    pub(crate) fn read_list<T>(&self, query: &PageQuery, f: impl FnMut(&Connection) -> Result<T>) -> Result<T> {
        if query.narrows() {
            self.db().read_lists(f)
        } else {
            self.db().read(f)
        }
    }
}
