//! Full-text search across contacts, companies, deals and notes.
use crate::domain::{Entity, SearchHit};
use crate::error::Result;
use crate::{store, Outpost};

impl Outpost {
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.db().read(|conn| store::search_index::search(conn, query, limit.clamp(1, 200)))
    }

    /// Unranked prefix search: the first `limit` matches of one entity (all when None) in index order.
    pub fn search_prefix(&self, query: &str, entity: Option<Entity>, limit: usize) -> Result<Vec<SearchHit>> {
        self.db().read(|conn| store::search_index::prefix_top(conn, query, entity, limit.clamp(1, 200)))
    }
}
