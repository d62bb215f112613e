//! What every command gets: the open core. Blocking core calls run off the async runtime's workers.
use std::sync::Arc;

use outpost_core::{CoreError, Outpost};

use crate::error::{AppError, CmdResult};

pub struct AppState {
    pub core: Arc<Outpost>,
}

impl AppState {
    /// Runs a blocking core call on the blocking pool and converts its error for IPC.
    pub async fn run<T, F>(&self, f: F) -> CmdResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Outpost) -> Result<T, CoreError> + Send + 'static,
    {
        let core = self.core.clone();
        tokio::task::spawn_blocking(move || f(&core))
            .await
            .map_err(|e| AppError::internal(format!("the task stopped unexpectedly: {e}")))?
            .map_err(AppError::from)
    }
}
