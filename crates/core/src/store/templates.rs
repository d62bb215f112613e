//! SQL for email `templates`. Deleting sets `deleted_at` so an undo can bring a template back.
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::domain::{Template, TemplateInput};
use crate::error::{CoreError, Result};

const COLUMNS: &str = "id, name, subject, body_text, body_html, created_at, updated_at";

/// A text-only template (the sample data's).
pub fn insert(conn: &Connection, name: &str, subject: &str, body_text: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO templates (name, subject, body_text) VALUES (?1, ?2, ?3)",
        params![name, subject, body_text],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn create(conn: &Connection, t: &TemplateInput) -> Result<i64> {
    conn.execute(
        "INSERT INTO templates (name, subject, body_text, body_html) VALUES (?1, ?2, ?3, ?4)",
        params![t.name, t.subject, t.body_text, t.body_html],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, id: i64, t: &TemplateInput) -> Result<()> {
    conn.execute(
        "UPDATE templates SET name = ?2, subject = ?3, body_text = ?4, body_html = ?5,
             updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE id = ?1 AND deleted_at IS NULL",
        params![id, t.name, t.subject, t.body_text, t.body_html],
    )?;
    Ok(())
}

/// A live template.
pub fn get(conn: &Connection, id: i64) -> Result<Template> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM templates WHERE id = ?1 AND deleted_at IS NULL"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(CoreError::NotFound { entity: "template", id })
}

/// Live templates by name.
pub fn list(conn: &Connection) -> Result<Vec<Template>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM templates WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Another live template with this name (ignoring case), if any.
pub fn find_by_name(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM templates WHERE name = ?1 COLLATE NOCASE AND deleted_at IS NULL LIMIT 1")?
        .query_row([name], |r| r.get(0))
        .optional()?)
}

/// Deletes (`true`) or restores (`false`); NotFound when there was nothing to change.
pub fn set_deleted(conn: &Connection, id: i64, deleted: bool) -> Result<()> {
    let n = if deleted {
        conn.execute(
            "UPDATE templates SET deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1 AND deleted_at IS NULL",
            [id],
        )?
    } else {
        conn.execute("UPDATE templates SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL", [id])?
    };
    if n == 0 {
        return Err(CoreError::NotFound { entity: "template", id });
    }
    Ok(())
}

fn from_row(r: &Row) -> rusqlite::Result<Template> {
    Ok(Template {
        id: r.get(0)?,
        name: r.get(1)?,
        subject: r.get(2)?,
        body_text: r.get(3)?,
        body_html: r.get(4)?,
        created_at: r.get(5)?,
        updated_at: r.get(6)?,
    })
}
