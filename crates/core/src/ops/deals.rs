//! Deals on the pipeline board.
use crate::domain::Deal;
use crate::error::Result;
use crate::{store, Outpost};

impl Outpost {
    /// Open deals of a pipeline in board order (stage, then position in the column).
    pub fn open_deals(&self, pipeline_id: i64) -> Result<Vec<Deal>> {
        self.db().read(|conn| store::deals::list_open(conn, pipeline_id))
    }
}
