//! Facts about the open database as a whole.
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::domain::Stats;
use crate::error::Result;
use crate::{db, store, Outpost};

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
    pub schema_version: i64,
    /// True until the rep adds or imports anything (the first-run screen shows then).
    pub is_empty: bool,
    pub sample_loaded: bool,
}

impl Outpost {
    pub fn stats(&self) -> Result<Stats> {
        self.db().read(store::stats::counts)
    }

    pub fn info(&self) -> Result<AppInfo> {
        self.db().read(|conn| {
            let stats = store::stats::counts(conn)?;
            Ok(AppInfo {
                version: env!("CARGO_PKG_VERSION").to_string(),
                db_path: self.db().path().display().to_string(),
                schema_version: db::schema_version(conn)?,
                is_empty: stats.contacts + stats.leads + stats.companies + stats.deals == 0,
                sample_loaded: store::settings::get(conn, SAMPLE_LOADED)?.is_some(),
            })
        })
    }
}

pub(crate) const SAMPLE_LOADED: &str = "sample_loaded_at";
