use serde::{Deserialize, Serialize};
use specta::Type;

/// How many live (not deleted) records of each kind the database holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Stats {
    pub companies: i64,
    pub contacts: i64,
    pub leads: i64,
    pub deals: i64,
    pub pipelines: i64,
    pub stages: i64,
    pub activities: i64,
    pub notes: i64,
    pub tasks: i64,
    pub tags: i64,
    pub custom_fields: i64,
    pub saved_views: i64,
    pub templates: i64,
}
