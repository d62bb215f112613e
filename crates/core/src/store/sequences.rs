//! SQL for `sequences` and their `sequence_steps`. A removed step is soft-deleted (its sent messages and
//! tasks still point at it for reporting); live steps are numbered 0.. by `position`.
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::domain::{
    Sequence, SequenceKind, SequenceSettings, SequenceStatus, SequenceStep, SequenceSummary, StepKind, TaskStepKind,
    ThreadMode,
};
use crate::error::{CoreError, Result};

pub struct SequenceFields<'a> {
    pub name: &'a str,
    pub mailbox_id: Option<i64>,
    pub status: SequenceStatus,
    pub kind: SequenceKind,
    pub settings: &'a SequenceSettings,
}

/// A step as written (its id when it already exists).
pub struct StepFields<'a> {
    pub id: Option<i64>,
    pub position: i64,
    pub kind: StepKind,
    pub template_id: Option<i64>,
    pub wait_days: Option<i64>,
    pub business_days: bool,
    pub task_kind: Option<TaskStepKind>,
    pub task_title: Option<&'a str>,
    pub thread_mode: ThreadMode,
}

pub fn insert(conn: &Connection, f: &SequenceFields, now: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO sequences (name, mailbox_id, status, kind, settings, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )?
    .execute(params![
        f.name,
        f.mailbox_id,
        f.status.as_str(),
        f.kind.as_str(),
        serde_json::to_string(f.settings)?,
        now
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, id: i64, f: &SequenceFields, now: &str) -> Result<()> {
    let n = conn
        .prepare_cached(
            "UPDATE sequences SET name = ?2, mailbox_id = ?3, status = ?4, kind = ?5, settings = ?6, updated_at = ?7
             WHERE id = ?1 AND deleted_at IS NULL",
        )?
        .execute(params![
            id,
            f.name,
            f.mailbox_id,
            f.status.as_str(),
            f.kind.as_str(),
            serde_json::to_string(f.settings)?,
            now
        ])?;
    if n == 0 {
        return Err(CoreError::NotFound { entity: "sequence", id });
    }
    Ok(())
}

pub fn set_status(conn: &Connection, id: i64, status: SequenceStatus, now: &str) -> Result<()> {
    let n = conn
        .prepare_cached("UPDATE sequences SET status = ?2, updated_at = ?3 WHERE id = ?1 AND deleted_at IS NULL")?
        .execute(params![id, status.as_str(), now])?;
    if n == 0 {
        return Err(CoreError::NotFound { entity: "sequence", id });
    }
    Ok(())
}

/// Inserts a new step or rewrites an existing one (same id, so what it already sent stays linked).
pub fn upsert_step(conn: &Connection, sequence_id: i64, s: &StepFields, now: &str) -> Result<i64> {
    let values = params![
        sequence_id,
        s.position,
        s.kind.as_str(),
        s.template_id,
        s.wait_days,
        s.business_days,
        s.task_kind.map(|k| k.as_str()),
        s.task_title,
        s.thread_mode.as_str(),
        now,
        s.id,
    ];
    match s.id {
        Some(id) => {
            conn.prepare_cached(
                "UPDATE sequence_steps SET position = ?2, kind = ?3, template_id = ?4, wait_days = ?5,
                     business_days = ?6, task_kind = ?7, task_title = ?8, thread_mode = ?9, updated_at = ?10
                 WHERE id = ?11 AND sequence_id = ?1",
            )?
            .execute(values)?;
            Ok(id)
        }
        None => {
            conn.prepare_cached(
                "INSERT INTO sequence_steps (sequence_id, position, kind, template_id, wait_days, business_days,
                     task_kind, task_title, thread_mode, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
            )?
            .execute(rusqlite::params_from_iter(values.iter().take(10)))?;
            Ok(conn.last_insert_rowid())
        }
    }
}

/// Soft-deletes a step; its position leaves the live range.
pub fn remove_step(conn: &Connection, step_id: i64, now: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE sequence_steps SET deleted_at = ?2, updated_at = ?2, position = -id WHERE id = ?1 AND deleted_at IS NULL",
    )?
    .execute(params![step_id, now])?;
    Ok(())
}

const SEQUENCE_COLUMNS: &str = "id, name, mailbox_id, status, kind, settings, created_at, updated_at";

fn sequence_row(r: &Row) -> rusqlite::Result<Sequence> {
    let settings: String = r.get(5)?;
    Ok(Sequence {
        id: r.get(0)?,
        name: r.get(1)?,
        mailbox_id: r.get(2)?,
        status: SequenceStatus::parse(&r.get::<_, String>(3)?).unwrap_or_default(),
        kind: SequenceKind::parse(&r.get::<_, String>(4)?).unwrap_or_default(),
        settings: serde_json::from_str(&settings).unwrap_or_default(),
        steps: vec![],
        created_at: r.get(6)?,
        updated_at: r.get(7)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Sequence> {
    let mut s = conn
        .prepare_cached(&format!("SELECT {SEQUENCE_COLUMNS} FROM sequences WHERE id = ?1 AND deleted_at IS NULL"))?
        .query_row([id], sequence_row)
        .optional()?
        .ok_or(CoreError::NotFound { entity: "sequence", id })?;
    s.steps = steps(conn, id)?;
    Ok(s)
}

/// Sequences with this status (the scheduler asks for the active ones), steps included.
pub fn with_status(conn: &Connection, status: SequenceStatus) -> Result<Vec<Sequence>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SEQUENCE_COLUMNS} FROM sequences WHERE status = ?1 AND deleted_at IS NULL ORDER BY id"
    ))?;
    let mut out: Vec<Sequence> = stmt.query_map([status.as_str()], sequence_row)?.collect::<rusqlite::Result<_>>()?;
    for s in &mut out {
        s.steps = steps(conn, s.id)?;
    }
    Ok(out)
}

/// Live steps in order.
pub fn steps(conn: &Connection, sequence_id: i64) -> Result<Vec<SequenceStep>> {
    let mut stmt = conn.prepare_cached(
        "SELECT st.id, st.position, st.kind, st.template_id, t.name, st.wait_days, st.business_days, st.task_kind,
                st.task_title, st.thread_mode
         FROM sequence_steps st LEFT JOIN templates t ON t.id = st.template_id
         WHERE st.sequence_id = ?1 AND st.deleted_at IS NULL ORDER BY st.position, st.id",
    )?;
    let rows = stmt.query_map([sequence_id], |r| {
        Ok(SequenceStep {
            id: r.get(0)?,
            position: r.get(1)?,
            kind: StepKind::parse(&r.get::<_, String>(2)?).unwrap_or(StepKind::Wait),
            template_id: r.get(3)?,
            template_name: r.get(4)?,
            wait_days: r.get(5)?,
            business_days: r.get(6)?,
            task_kind: r.get::<_, Option<String>>(7)?.as_deref().and_then(TaskStepKind::parse),
            task_title: r.get(8)?,
            thread_mode: ThreadMode::parse(&r.get::<_, String>(9)?).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The list: every sequence but the deleted, with its counts (one grouped pass over each table).
pub fn list(conn: &Connection) -> Result<Vec<SequenceSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.name, s.kind, s.status, s.mailbox_id,
                (SELECT count(*) FROM sequence_steps st WHERE st.sequence_id = s.id AND st.deleted_at IS NULL),
                COALESCE(e.enrolled, 0), COALESCE(e.active, 0), COALESCE(e.replied, 0),
                (SELECT count(*) FROM outbound_messages o JOIN sequence_enrollments se ON se.id = o.enrollment_id
                 WHERE se.sequence_id = s.id AND o.sent_at IS NOT NULL),
                s.updated_at
         FROM sequences s
         LEFT JOIN (SELECT sequence_id, count(*) AS enrolled, count(*) FILTER (WHERE status = 'active') AS active,
                           count(*) FILTER (WHERE stop_code = 'reply') AS replied
                    FROM sequence_enrollments GROUP BY sequence_id) e ON e.sequence_id = s.id
         WHERE s.deleted_at IS NULL
         ORDER BY s.status = 'archived', s.updated_at DESC, s.id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(SequenceSummary {
            id: r.get(0)?,
            name: r.get(1)?,
            kind: SequenceKind::parse(&r.get::<_, String>(2)?).unwrap_or_default(),
            status: SequenceStatus::parse(&r.get::<_, String>(3)?).unwrap_or_default(),
            mailbox_id: r.get(4)?,
            steps: r.get(5)?,
            enrolled: r.get(6)?,
            active: r.get(7)?,
            replied: r.get(8)?,
            sent: r.get(9)?,
            updated_at: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
