//! SQL for `custom_fields` definitions.
use rusqlite::{params, Connection};

use crate::error::Result;

pub fn insert(
    conn: &Connection,
    entity: &str,
    key: &str,
    label: &str,
    field_type: &str,
    options: &serde_json::Value,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO custom_fields (entity, key, label, field_type, options) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![entity, key, label, field_type, options.to_string()],
    )?;
    Ok(conn.last_insert_rowid())
}
