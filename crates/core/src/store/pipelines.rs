//! SQL for `pipelines` and their `stages`.
use rusqlite::{params, Connection, OptionalExtension};

use crate::domain::{Pipeline, Stage, StageKind};
use crate::error::Result;
use crate::time::now_iso;

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM pipelines WHERE deleted_at IS NULL", [], |r| r.get(0))?)
}

pub fn insert(conn: &Connection, name: &str, is_default: bool, position: i64) -> Result<i64> {
    conn.execute(
        "INSERT INTO pipelines (name, is_default, position) VALUES (?1, ?2, ?3)",
        params![name, is_default, position],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn insert_stage(
    conn: &Connection,
    pipeline_id: i64,
    name: &str,
    position: i64,
    probability: i64,
    color: &str,
    kind: StageKind,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO stages (pipeline_id, name, position, probability, color, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![pipeline_id, name, position, probability, color, kind.as_str()],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn list(conn: &Connection) -> Result<Vec<Pipeline>> {
    let mut pipelines: Vec<Pipeline> = conn
        .prepare_cached("SELECT id, name, is_default FROM pipelines WHERE deleted_at IS NULL ORDER BY position, id")?
        .query_map([], |r| Ok(Pipeline { id: r.get(0)?, name: r.get(1)?, is_default: r.get(2)?, stages: vec![] }))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, pipeline_id, name, position, probability, color, kind FROM stages
         WHERE pipeline_id = ?1 AND deleted_at IS NULL ORDER BY position, id",
    )?;
    for p in &mut pipelines {
        p.stages = stmt.query_map([p.id], stage)?.collect::<rusqlite::Result<_>>()?;
    }
    Ok(pipelines)
}

fn stage(r: &rusqlite::Row) -> rusqlite::Result<Stage> {
    let kind: String = r.get(6)?;
    Ok(Stage {
        id: r.get(0)?,
        pipeline_id: r.get(1)?,
        name: r.get(2)?,
        position: r.get(3)?,
        probability: r.get(4)?,
        color: r.get(5)?,
        kind: StageKind::parse(&kind).unwrap_or(StageKind::Open),
    })
}

pub fn get_stage(conn: &Connection, id: i64) -> Result<Option<Stage>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, pipeline_id, name, position, probability, color, kind FROM stages
             WHERE id = ?1 AND deleted_at IS NULL",
        )?
        .query_row([id], stage)
        .optional()?)
}

/// A stage of a pipeline by name, ignoring case and spaces ("closed won" = "Closed Won" = "ClosedWon").
pub fn find_stage(conn: &Connection, pipeline_id: i64, name: &str) -> Result<Option<Stage>> {
    let key: String = name.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    Ok(conn
        .prepare_cached(
            "SELECT id, pipeline_id, name, position, probability, color, kind FROM stages
             WHERE pipeline_id = ?1 AND deleted_at IS NULL AND lower(replace(name, ' ', '')) = ?2",
        )?
        .query_row(params![pipeline_id, key], stage)
        .optional()?)
}

/// One live pipeline with its live stages.
pub fn get(conn: &Connection, id: i64) -> Result<Option<Pipeline>> {
    Ok(list(conn)?.into_iter().find(|p| p.id == id))
}

pub fn next_position(conn: &Connection) -> Result<i64> {
    Ok(conn
        .query_row("SELECT ifnull(max(position), -1) + 1 FROM pipelines WHERE deleted_at IS NULL", [], |r| r.get(0))?)
}

/// A live pipeline with this name, ignoring case, other than `except`.
pub fn name_taken(conn: &Connection, name: &str, except: Option<i64>) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM pipelines WHERE deleted_at IS NULL AND lower(name) = lower(?1) AND id IS NOT ?2 LIMIT 1",
        )?
        .exists(params![name, except])?)
}

pub fn rename(conn: &Connection, id: i64, name: &str) -> Result<()> {
    conn.execute(
        "UPDATE pipelines SET name = ?2, updated_at = ?3 WHERE id = ?1 AND deleted_at IS NULL",
        params![id, name, now_iso()],
    )?;
    Ok(())
}

/// Makes `id` the one default pipeline.
pub fn set_default(conn: &Connection, id: i64) -> Result<()> {
    conn.execute(
        "UPDATE pipelines SET is_default = (id = ?1), updated_at = ?2 WHERE deleted_at IS NULL AND is_default <> (id = ?1)",
        params![id, now_iso()],
    )?;
    Ok(())
}

/// Moves a pipeline to the Trash (its stages and closed deals stay, for history and reports).
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    conn.execute(
        "UPDATE pipelines SET deleted_at = ?2, is_default = 0, updated_at = ?2 WHERE id = ?1",
        params![id, now_iso()],
    )?;
    Ok(())
}

/// Writes a stage's editable fields.
pub fn update_stage(conn: &Connection, s: &Stage) -> Result<()> {
    conn.prepare_cached(
        "UPDATE stages SET name = ?2, probability = ?3, color = ?4, kind = ?5, position = ?6, updated_at = ?7
         WHERE id = ?1",
    )?
    .execute(params![s.id, s.name, s.probability, s.color, s.kind.as_str(), s.position, now_iso()])?;
    Ok(())
}

pub fn delete_stage(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("UPDATE stages SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1", params![id, now_iso()])?;
    Ok(())
}

/// Takes a pipeline out of the Trash (undoing its delete).
pub fn restore(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("UPDATE pipelines SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1", params![id, now_iso()])?;
    Ok(())
}

/// A deleted pipeline's name, for the undo of its delete.
pub fn deleted_name(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT name FROM pipelines WHERE id = ?1 AND deleted_at IS NOT NULL")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// A deleted stage, for the undo of its delete.
pub fn deleted_stage(conn: &Connection, id: i64) -> Result<Option<Stage>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, pipeline_id, name, position, probability, color, kind FROM stages
             WHERE id = ?1 AND deleted_at IS NOT NULL",
        )?
        .query_row([id], stage)
        .optional()?)
}

pub fn restore_stage(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("UPDATE stages SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1", params![id, now_iso()])?;
    Ok(())
}
