//! SQL for `tasks`.
use rusqlite::{params, Connection, OptionalExtension};

use crate::domain::{Task, TaskBucket};
use crate::error::{CoreError, Result};

/// A task row as the use cases and the sample write it.
pub struct TaskRow<'a> {
    pub title: &'a str,
    pub kind: &'a str,
    pub priority: &'a str,
    pub due_at: Option<&'a str>,
    pub reminder_at: Option<&'a str>,
    pub rrule: Option<&'a str>,
    pub series_id: Option<i64>,
    pub notes: Option<&'a str>,
    pub contact_id: Option<i64>,
    pub company_id: Option<i64>,
    pub deal_id: Option<i64>,
    pub now: &'a str,
}

pub fn insert_row(conn: &Connection, t: &TaskRow) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO tasks (title, kind, priority, due_at, reminder_at, rrule, series_id, notes, contact_id,
             company_id, deal_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
    )?
    .execute(params![
        t.title,
        t.kind,
        t.priority,
        t.due_at,
        t.reminder_at,
        t.rrule,
        t.series_id,
        t.notes,
        t.contact_id,
        t.company_id,
        t.deal_id,
        t.now
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Ties a task to the sequence enrollment whose manual step created it.
pub fn link_enrollment(conn: &Connection, task_id: i64, enrollment_id: i64) -> Result<()> {
    conn.prepare_cached("UPDATE tasks SET enrollment_id = ?2 WHERE id = ?1")?
        .execute(params![task_id, enrollment_id])?;
    Ok(())
}

const SELECT: &str = "SELECT t.id, t.title, t.kind, t.priority, t.status, t.due_at, t.reminder_at, t.rrule,
        t.series_id, t.notes, t.contact_id, NULLIF(trim(c.first_name || ' ' || c.last_name), ''), t.company_id,
        t.deal_id, d.title, t.completed_at, t.created_at
    FROM tasks t LEFT JOIN contacts c ON c.id = t.contact_id LEFT JOIN deals d ON d.id = t.deal_id";

fn task(r: &rusqlite::Row) -> rusqlite::Result<Task> {
    Ok(Task {
        id: r.get(0)?,
        title: r.get(1)?,
        kind: r.get(2)?,
        priority: r.get(3)?,
        status: r.get(4)?,
        due_at: r.get(5)?,
        reminder_at: r.get(6)?,
        rrule: r.get(7)?,
        series_id: r.get(8)?,
        notes: r.get(9)?,
        contact_id: r.get(10)?,
        contact_name: r.get(11)?,
        company_id: r.get(12)?,
        deal_id: r.get(13)?,
        deal_title: r.get(14)?,
        completed_at: r.get(15)?,
        created_at: r.get(16)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Task> {
    conn.prepare_cached(&format!("{SELECT} WHERE t.id = ?1 AND t.deleted_at IS NULL"))?
        .query_row([id], task)
        .optional()?
        .ok_or(CoreError::NotFound { entity: "task", id })
}

/// Tasks of a bucket; `now` and `end_of_today` are UTC instants as stored.
pub fn list(conn: &Connection, bucket: TaskBucket, now: &str, end_of_today: &str, limit: usize) -> Result<Vec<Task>> {
    let (filter, order) = match bucket {
        TaskBucket::Overdue => ("t.status = 'open' AND t.due_at < ?1", "t.due_at"),
        TaskBucket::Today => ("t.status = 'open' AND t.due_at >= ?1 AND t.due_at < ?2", "t.due_at"),
        TaskBucket::Upcoming => {
            ("t.status = 'open' AND (t.due_at >= ?2 OR t.due_at IS NULL)", "t.due_at IS NULL, t.due_at")
        }
        TaskBucket::Done => ("t.status = 'done' AND ?1 IS NOT NULL AND ?2 IS NOT NULL", "t.completed_at DESC"),
    };
    let mut stmt = conn
        .prepare_cached(&format!("{SELECT} WHERE t.deleted_at IS NULL AND {filter} ORDER BY {order}, t.id LIMIT ?3"))?;
    let rows = stmt.query_map(params![now, end_of_today, limit as i64], task)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn set_status(conn: &Connection, id: i64, status: &str, completed_at: Option<&str>, now: &str) -> Result<()> {
    conn.prepare_cached("UPDATE tasks SET status = ?2, completed_at = ?3, updated_at = ?4 WHERE id = ?1")?
        .execute(params![id, status, completed_at, now])?;
    Ok(())
}

/// The open occurrence that completing `series_id`'s task `after_id` created, if still untouched.
pub fn generated_after(conn: &Connection, series_id: i64, after_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM tasks WHERE series_id = ?1 AND id > ?2 AND status = 'open' AND deleted_at IS NULL
             ORDER BY id LIMIT 1",
        )?
        .query_row(params![series_id, after_id], |r| r.get(0))
        .optional()?)
}

pub fn delete_hard(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM tasks WHERE id = ?1")?.execute([id])?;
    Ok(())
}

/// Open tasks whose reminder (or, without one, due time) has come since `since`, not yet reminded; marks them
/// reminded in the same statement so a reminder fires once.
pub fn take_due_reminders(conn: &Connection, now: &str, since: &str) -> Result<Vec<Task>> {
    let ids: Vec<i64> = conn
        .prepare_cached(
            "UPDATE tasks SET reminded_at = ?1
             WHERE status = 'open' AND deleted_at IS NULL AND reminded_at IS NULL
               AND COALESCE(reminder_at, due_at) <= ?1 AND COALESCE(reminder_at, due_at) > ?2
             RETURNING id",
        )?
        .query_map(params![now, since], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| get(conn, id)).collect()
}
