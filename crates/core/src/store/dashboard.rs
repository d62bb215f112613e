//! Aggregates for the dashboard, each one statement over indexed columns.
use rusqlite::{params, Connection};

use crate::domain::{KindCount, MonthTotal, StageTotal};
use crate::error::Result;

pub fn by_stage(conn: &Connection, pipeline_id: i64) -> Result<Vec<StageTotal>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.name, s.color, count(d.id), COALESCE(sum(d.value_cents), 0),
             COALESCE(sum(d.value_cents * COALESCE(d.probability, s.probability) / 100), 0)
         FROM stages s LEFT JOIN deals d
           ON d.stage_id = s.id AND d.pipeline_id = ?1 AND d.status = 'open' AND d.deleted_at IS NULL
         WHERE s.pipeline_id = ?1 AND s.kind = 'open' AND s.deleted_at IS NULL
         GROUP BY s.id ORDER BY s.position",
    )?;
    let rows = stmt.query_map([pipeline_id], |r| {
        Ok(StageTotal {
            stage_id: r.get(0)?,
            name: r.get(1)?,
            color: r.get(2)?,
            count: r.get(3)?,
            value_cents: r.get(4)?,
            weighted_cents: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn forecast(conn: &Connection, pipeline_id: i64) -> Result<Vec<MonthTotal>> {
    let mut stmt = conn.prepare_cached(
        "SELECT COALESCE(substr(d.expected_close, 1, 7), 'none') AS month, count(*), sum(d.value_cents),
             sum(d.value_cents * COALESCE(d.probability, s.probability) / 100)
         FROM deals d JOIN stages s ON s.id = d.stage_id
         WHERE d.pipeline_id = ?1 AND d.status = 'open' AND d.deleted_at IS NULL
         GROUP BY month ORDER BY month = 'none', month",
    )?;
    let rows = stmt.query_map([pipeline_id], |r| {
        Ok(MonthTotal { month: r.get(0)?, count: r.get(1)?, value_cents: r.get(2)?, weighted_cents: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// (won, lost) among deals closed since `since`.
pub fn closed_since(conn: &Connection, pipeline_id: i64, since: &str) -> Result<(i64, i64)> {
    Ok(conn
        .prepare_cached(
            "SELECT COALESCE(sum(status = 'won'), 0), COALESCE(sum(status = 'lost'), 0) FROM deals
         WHERE pipeline_id = ?1 AND status IN ('won', 'lost') AND closed_at >= ?2 AND deleted_at IS NULL",
        )?
        .query_row(params![pipeline_id, since], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

pub fn avg_cycle_days(conn: &Connection, pipeline_id: i64, since: &str) -> Result<Option<f64>> {
    Ok(conn
        .prepare_cached(
            "SELECT avg(julianday(closed_at) - julianday(created_at)) FROM deals
             WHERE pipeline_id = ?1 AND status = 'won' AND closed_at >= ?2 AND deleted_at IS NULL",
        )?
        .query_row(params![pipeline_id, since], |r| r.get(0))?)
}

pub fn activity_since(conn: &Connection, since: &str) -> Result<Vec<KindCount>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, count(*) FROM activities WHERE occurred_at >= ?1 AND deleted_at IS NULL
         GROUP BY kind ORDER BY count(*) DESC, kind",
    )?;
    let rows = stmt.query_map([since], |r| Ok(KindCount { kind: r.get(0)?, count: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn overdue_tasks(conn: &Connection, now: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM tasks WHERE status = 'open' AND due_at < ?1 AND deleted_at IS NULL")?
        .query_row([now], |r| r.get(0))?)
}
