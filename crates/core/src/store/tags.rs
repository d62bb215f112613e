//! SQL for `tags` and `taggings`.
use rusqlite::{params, Connection};

use crate::domain::Entity;
use crate::error::Result;

/// The tag's id, creating it when new (names are case-insensitive).
pub fn ensure(conn: &Connection, name: &str, color: &str) -> Result<i64> {
    conn.prepare_cached("INSERT INTO tags (name, color) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING")?
        .execute(params![name, color])?;
    Ok(conn.prepare_cached("SELECT id FROM tags WHERE name = ?1")?.query_row([name], |r| r.get(0))?)
}

pub fn tag(conn: &Connection, tag_id: i64, entity: Entity, entity_id: i64) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO taggings (tag_id, entity, entity_id) VALUES (?1, ?2, ?3)")?
        .execute(params![tag_id, entity.as_str(), entity_id])?;
    Ok(())
}
