//! Loading the sample data.
use chrono::Utc;
use serde_json::json;

use crate::error::Result;
use crate::ops::app::SAMPLE_LOADED;
pub use crate::sample::SampleSummary;
use crate::time::now_iso;
use crate::{sample, store, Outpost};

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct SampleResult {
    /// False when the sample was already in this database (nothing was added).
    pub loaded: bool,
    pub summary: SampleSummary,
}

impl Outpost {
    /// Adds the sample records in one transaction. Loading twice adds nothing the second time.
    pub fn load_sample_data(&self) -> Result<SampleResult> {
        let job = self.jobs().start("sample_data", self.events());
        let result = self.db().write(|tx| {
            if store::settings::get(tx, SAMPLE_LOADED)?.is_some() {
                return Ok(SampleResult { loaded: false, summary: SampleSummary::default() });
            }
            let now = Utc::now();
            let summary = sample::load(tx, now)?;
            // The sample arrives scored, with its timeline counted, like contacts entered by hand.
            let rules = crate::ops::scoring::rules::load(tx)?;
            crate::ops::scoring::rescore_everyone(tx, &rules, now, |_, _| {})?;
            store::settings::set(tx, SAMPLE_LOADED, &json!(now_iso()))?;
            Ok(SampleResult { loaded: true, summary })
        });
        let done = result.as_ref().map(|r| r.summary.contacts).unwrap_or(0);
        job.finish(done, &result);
        if result.as_ref().is_ok_and(|r| r.loaded) {
            for entity in [crate::domain::Entity::Company, crate::domain::Entity::Contact, crate::domain::Entity::Deal]
            {
                self.events().changed(entity, vec![]);
            }
        }
        result
    }
}

impl Outpost {
    /// Fills an empty database with a large deterministic data set for benchmarks (see `outpost-bench`).
    pub fn generate_synthetic(&self, scale: crate::sample::Scale, progress: impl FnMut(usize, usize)) -> Result<()> {
        let mut conn = self.db().dedicated()?;
        crate::sample::synthetic::generate(&mut conn, scale, progress)
    }
}
