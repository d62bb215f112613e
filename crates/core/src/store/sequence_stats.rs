//! SQL for a sequence's report: enrollments by status and stop, messages per step, replies and bounces by the
//! last step mailed, and the deals and meetings that followed.
use std::collections::HashMap;

use rusqlite::{params, Connection};

use crate::error::Result;

#[derive(Default)]
pub struct Totals {
    pub enrolled: i64,
    pub active: i64,
    pub paused: i64,
    pub completed: i64,
    pub stopped: i64,
    pub replied: i64,
    pub bounced: i64,
    pub unsubscribed: i64,
}

const BOUNCES: &str = "('hard_bounce', 'soft_bounce', 'bounced')";
const UNSUBSCRIBES: &str = "('unsubscribe', 'unsubscribed')";

pub fn totals(conn: &Connection, sequence_id: i64) -> Result<Totals> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT count(*), count(*) FILTER (WHERE status = 'active'), count(*) FILTER (WHERE status = 'paused'),
                    count(*) FILTER (WHERE status = 'completed'), count(*) FILTER (WHERE status = 'stopped'),
                    count(*) FILTER (WHERE stop_code = 'reply'), count(*) FILTER (WHERE stop_code IN {BOUNCES}),
                    count(*) FILTER (WHERE stop_code IN {UNSUBSCRIBES})
             FROM sequence_enrollments WHERE sequence_id = ?1"
        ))?
        .query_row([sequence_id], |r| {
            Ok(Totals {
                enrolled: r.get(0)?,
                active: r.get(1)?,
                paused: r.get(2)?,
                completed: r.get(3)?,
                stopped: r.get(4)?,
                replied: r.get(5)?,
                bounced: r.get(6)?,
                unsubscribed: r.get(7)?,
            })
        })?)
}

/// Enrollments per "next step" position (a position past a step means the step ran).
pub fn by_position(conn: &Connection, sequence_id: i64) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT current_step, count(*) FROM sequence_enrollments WHERE sequence_id = ?1 GROUP BY current_step",
    )?;
    let rows = stmt.query_map([sequence_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Per step id: (sent, still queued).
pub fn messages_by_step(conn: &Connection, sequence_id: i64) -> Result<HashMap<i64, (i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.step_id, count(*) FILTER (WHERE o.sent_at IS NOT NULL),
                count(*) FILTER (WHERE o.status IN ('queued', 'sending') AND o.sent_at IS NULL)
         FROM sequence_enrollments e JOIN outbound_messages o ON o.enrollment_id = e.id
         WHERE e.sequence_id = ?1 AND o.step_id IS NOT NULL GROUP BY o.step_id",
    )?;
    let rows = stmt.query_map([sequence_id], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Enrollments that had at least one email accepted by the server.
pub fn mailed(conn: &Connection, sequence_id: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT count(DISTINCT o.enrollment_id) FROM sequence_enrollments e
             JOIN outbound_messages o ON o.enrollment_id = e.id
             WHERE e.sequence_id = ?1 AND o.sent_at IS NOT NULL",
        )?
        .query_row([sequence_id], |r| r.get(0))?)
}

/// Per step id, the enrollments that stopped after it: the step of the last email they got.
#[derive(Debug, Default, Clone, Copy)]
pub struct StepStops {
    pub replied: i64,
    pub bounced: i64,
    pub unsubscribed: i64,
}

pub fn stops_by_step(conn: &Connection, sequence_id: i64) -> Result<HashMap<i64, StepStops>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT last_step, count(*) FILTER (WHERE stop_code = 'reply'), count(*) FILTER (WHERE stop_code IN {BOUNCES}),
                count(*) FILTER (WHERE stop_code IN {UNSUBSCRIBES})
         FROM (SELECT e.stop_code,
                      (SELECT o.step_id FROM outbound_messages o WHERE o.enrollment_id = e.id AND o.step_id IS NOT NULL
                       ORDER BY o.id DESC LIMIT 1) AS last_step
               FROM sequence_enrollments e
               WHERE e.sequence_id = ?1
                 AND (e.stop_code = 'reply' OR e.stop_code IN {BOUNCES} OR e.stop_code IN {UNSUBSCRIBES}))
         WHERE last_step IS NOT NULL GROUP BY last_step"
    ))?;
    let rows = stmt.query_map([sequence_id], |r| {
        Ok((r.get(0)?, StepStops { replied: r.get(1)?, bounced: r.get(2)?, unsubscribed: r.get(3)? }))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub struct Outcomes {
    pub deals: i64,
    pub leads: i64,
    pub meetings: i64,
}

/// Deals created for enrolled contacts after they were enrolled (the deal a conversion opened counts even if
/// it was moved to another contact since), leads made from replies, and meetings logged with them since.
pub fn outcomes(conn: &Connection, sequence_id: i64) -> Result<Outcomes> {
    let (deals, leads): (i64, i64) = conn
        .prepare_cached(
            "SELECT (SELECT count(*) FROM (
                        SELECT d.id FROM sequence_enrollments e JOIN deals d ON d.contact_id = e.contact_id
                        WHERE e.sequence_id = ?1 AND d.created_at >= e.enrolled_at AND d.deleted_at IS NULL
                        UNION
                        SELECT d.id FROM sequence_enrollments e
                        JOIN activities a ON a.contact_id = e.contact_id AND a.kind = 'sequence'
                             AND json_extract(a.meta, '$.enrollment_id') = e.id
                        JOIN deals d ON d.id = a.deal_id
                        WHERE e.sequence_id = ?1 AND d.deleted_at IS NULL)),
                    (SELECT count(*) FROM sequence_enrollments e
                     JOIN activities a ON a.contact_id = e.contact_id AND a.kind = 'sequence'
                          AND json_extract(a.meta, '$.enrollment_id') = e.id
                     WHERE e.sequence_id = ?1 AND json_extract(a.meta, '$.converted_to') = 'lead')",
        )?
        .query_row([sequence_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let meetings: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM sequence_enrollments e JOIN activities a ON a.contact_id = e.contact_id
             WHERE e.sequence_id = ?1 AND a.kind = 'meeting' AND a.occurred_at >= e.enrolled_at
               AND a.deleted_at IS NULL",
        )?
        .query_row(params![sequence_id], |r| r.get(0))?;
    Ok(Outcomes { deals, leads, meetings })
}
