//! SQL for `custom_fields` definitions.
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::domain::{CustomField, FieldEntity, FieldType};
use crate::error::{CoreError, Result};
use crate::time::now_iso;

const COLUMNS: &str = "id, entity, key, label, field_type, options, required, position";

fn from_row(r: &Row) -> rusqlite::Result<CustomField> {
    let entity: String = r.get(1)?;
    let field_type: String = r.get(4)?;
    let options: String = r.get(5)?;
    Ok(CustomField {
        id: r.get(0)?,
        entity: FieldEntity::parse(&entity).unwrap_or(FieldEntity::Contact),
        key: r.get(2)?,
        label: r.get(3)?,
        field_type: FieldType::parse(&field_type).unwrap_or(FieldType::Text),
        options: serde_json::from_str(&options).unwrap_or_default(),
        required: r.get(6)?,
        position: r.get(7)?,
    })
}

pub fn insert(
    conn: &Connection,
    entity: &str,
    key: &str,
    label: &str,
    field_type: &str,
    options: &serde_json::Value,
) -> Result<i64> {
    insert_full(conn, entity, key, label, field_type, options, false)
}

pub fn insert_full(
    conn: &Connection,
    entity: &str,
    key: &str,
    label: &str,
    field_type: &str,
    options: &serde_json::Value,
    required: bool,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO custom_fields (entity, key, label, field_type, options, required, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6,
                 (SELECT ifnull(max(position), 0) + 1 FROM custom_fields WHERE entity = ?1))",
        params![entity, key, label, field_type, options.to_string(), required],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Live fields, in form order; all entities when `entity` is None.
pub fn list(conn: &Connection, entity: Option<FieldEntity>) -> Result<Vec<CustomField>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM custom_fields
         WHERE deleted_at IS NULL AND (?1 IS NULL OR entity = ?1) ORDER BY entity, position, id"
    ))?;
    let rows = stmt.query_map([entity.map(FieldEntity::as_str)], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<CustomField> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM custom_fields WHERE id = ?1 AND deleted_at IS NULL"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(CoreError::NotFound { entity: "custom field", id })
}

/// Whether `key` is taken for `entity`, deleted fields included (their values may still be stored).
pub fn key_exists(conn: &Connection, entity: FieldEntity, key: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM custom_fields WHERE entity = ?1 AND key = ?2")?
        .query_row(params![entity.as_str(), key], |_| Ok(()))
        .optional()?
        .is_some())
}

pub fn update(conn: &Connection, id: i64, label: &str, options: &[String], required: bool) -> Result<()> {
    let changed = conn.execute(
        "UPDATE custom_fields SET label = ?2, options = ?3, required = ?4, updated_at = ?5
         WHERE id = ?1 AND deleted_at IS NULL",
        params![id, label, serde_json::to_string(options)?, required, now_iso()],
    )?;
    if changed == 0 {
        return Err(CoreError::NotFound { entity: "custom field", id });
    }
    Ok(())
}

/// Hides a field; stored values are kept so restoring it (or an export) still finds them.
pub fn set_deleted(conn: &Connection, id: i64, deleted: bool) -> Result<()> {
    conn.execute(
        "UPDATE custom_fields SET deleted_at = CASE WHEN ?2 THEN ?3 END, updated_at = ?3 WHERE id = ?1",
        params![id, deleted, now_iso()],
    )?;
    Ok(())
}

/// Sets the form order of `ids` (one entity's fields) to their order in the slice.
pub fn reorder(conn: &Connection, ids: &[i64]) -> Result<()> {
    let mut stmt = conn.prepare_cached("UPDATE custom_fields SET position = ?2 WHERE id = ?1")?;
    for (i, id) in ids.iter().enumerate() {
        stmt.execute(params![id, i as i64 + 1])?;
    }
    Ok(())
}
