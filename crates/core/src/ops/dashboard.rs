//! The dashboard: pipeline value by stage, forecast, win rate, cycle length, activity, overdue tasks.
use chrono::{DateTime, Duration, Utc};

use crate::domain::Dashboard;
use crate::error::{CoreError, Result};
use crate::store::{self, dashboard as agg};
use crate::time::to_iso;
use crate::Outpost;

impl Outpost {
    /// The dashboard of a pipeline (the default one when absent), as of `now`.
    pub fn dashboard(&self, pipeline_id: Option<i64>, now: DateTime<Utc>) -> Result<Dashboard> {
        self.db().read(|conn| {
            let pipelines = store::pipelines::list(conn)?;
            let pipeline = match pipeline_id {
                Some(id) => pipelines.iter().find(|p| p.id == id),
                None => pipelines.iter().find(|p| p.is_default).or(pipelines.first()),
            }
            .ok_or(CoreError::NotFound { entity: "pipeline", id: pipeline_id.unwrap_or(0) })?;
            let (won, lost) = agg::closed_since(conn, pipeline.id, &to_iso(now - Duration::days(90)))?;
            Ok(Dashboard {
                pipeline_id: pipeline.id,
                by_stage: agg::by_stage(conn, pipeline.id)?,
                forecast: agg::forecast(conn, pipeline.id)?,
                won_90d: won,
                lost_90d: lost,
                win_rate: (won + lost > 0).then(|| won as f64 / (won + lost) as f64),
                avg_cycle_days: agg::avg_cycle_days(conn, pipeline.id, &to_iso(now - Duration::days(365)))?,
                activity_week: agg::activity_since(conn, &to_iso(now - Duration::days(7)))?,
                overdue_tasks: agg::overdue_tasks(conn, &to_iso(now))?,
            })
        })
    }
}
