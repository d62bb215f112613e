//! Pipelines and their stages.
use crate::domain::{Pipeline, StageKind};
use crate::error::Result;
use crate::{store, Outpost};

/// The pipeline every new database starts with: (name, probability, color, kind).
const DEFAULT_STAGES: &[(&str, i64, &str, StageKind)] = &[
    ("Lead in", 10, "#94a3b8", StageKind::Open),
    ("Qualified", 25, "#60a5fa", StageKind::Open),
    ("Demo", 40, "#818cf8", StageKind::Open),
    ("Proposal", 60, "#a78bfa", StageKind::Open),
    ("Negotiation", 80, "#f59e0b", StageKind::Open),
    ("Won", 100, "#22c55e", StageKind::Won),
    ("Lost", 0, "#ef4444", StageKind::Lost),
];

impl Outpost {
    pub(crate) fn ensure_defaults(&self) -> Result<()> {
        self.db().write(|tx| {
            if store::pipelines::count(tx)? == 0 {
                let id = store::pipelines::insert(tx, "Sales", true, 0)?;
                for (i, (name, prob, color, kind)) in DEFAULT_STAGES.iter().enumerate() {
                    store::pipelines::insert_stage(tx, id, name, i as i64, *prob, color, *kind)?;
                }
            }
            Ok(())
        })
    }

    pub fn pipelines(&self) -> Result<Vec<Pipeline>> {
        self.db().read(store::pipelines::list)
    }
}
