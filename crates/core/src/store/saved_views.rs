//! SQL for `saved_views`.
use rusqlite::{params, Connection};

use crate::error::Result;

pub fn insert(
    conn: &Connection,
    entity: &str,
    name: &str,
    filter: &serde_json::Value,
    sort: &serde_json::Value,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO saved_views (entity, name, filter, sort) VALUES (?1, ?2, ?3, ?4)",
        params![entity, name, filter.to_string(), sort.to_string()],
    )?;
    Ok(conn.last_insert_rowid())
}
