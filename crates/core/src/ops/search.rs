//! Full-text search across contacts, companies, deals and notes.
use crate::domain::SearchHit;
use crate::error::Result;
use crate::{store, Outpost};

impl Outpost {
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.db().read(|conn| store::search_index::search(conn, query, limit.clamp(1, 200)))
    }
}
