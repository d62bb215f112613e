use serde::{Deserialize, Serialize};
use specta::Type;

/// Everything the dashboard charts show. Money in minor units; values of all currencies are summed as-is.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Dashboard {
    pub pipeline_id: i64,
    pub by_stage: Vec<StageTotal>,
    /// Weighted value of open deals by the month they are expected to close ("2026-12"); "none" when unset.
    pub forecast: Vec<MonthTotal>,
    /// Deals closed in the last 90 days.
    pub won_90d: i64,
    pub lost_90d: i64,
    /// won / (won + lost) over the last 90 days, 0..1; None when nothing closed.
    pub win_rate: Option<f64>,
    /// Mean days from creation to won, over deals won in the last 365 days.
    pub avg_cycle_days: Option<f64>,
    /// Activities per kind in the last 7 days.
    pub activity_week: Vec<KindCount>,
    pub overdue_tasks: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct StageTotal {
    pub stage_id: i64,
    pub name: String,
    pub color: String,
    pub count: i64,
    pub value_cents: i64,
    pub weighted_cents: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct MonthTotal {
    pub month: String,
    pub count: i64,
    pub value_cents: i64,
    pub weighted_cents: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct KindCount {
    pub kind: String,
    pub count: i64,
}
