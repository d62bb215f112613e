//! Outpost's core: the whole CRM domain, usable headless. The desktop shell and the `outpost` CLI are thin
//! layers over [`Outpost`].
pub mod backup;
pub mod db;
pub mod domain;
pub mod error;
pub mod events;
pub mod export;
pub mod import;
pub mod jobs;
pub mod mail;
pub mod normalize;
pub mod ops;
pub mod paths;
pub mod sample;
pub mod secrets;
mod store;
mod threads;
pub mod time;

use std::path::Path;
use std::sync::Arc;

pub use error::{CoreError, Result};

use db::Db;
use events::EventBus;
use jobs::Jobs;
use secrets::SecretStore;

/// An open Outpost database with everything the use cases need. Cheap to share behind an `Arc`.
pub struct Outpost {
    db: Db,
    secrets: Arc<dyn SecretStore>,
    events: EventBus,
    jobs: Jobs,
}

impl Outpost {
    /// Opens (or creates) the database at `path`, migrates it, and seeds what every database needs
    /// (the default pipeline).
    pub fn open(path: &Path, secrets: Arc<dyn SecretStore>) -> Result<Outpost> {
        let db = Db::open(path)?;
        let app = Outpost { db, secrets, events: EventBus::default(), jobs: Jobs::default() };
        app.ensure_defaults()?;
        Ok(app)
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    pub fn events(&self) -> &EventBus {
        &self.events
    }

    pub fn jobs(&self) -> &Jobs {
        &self.jobs
    }

    pub fn secrets(&self) -> &dyn SecretStore {
        self.secrets.as_ref()
    }
}
