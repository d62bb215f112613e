//! SQL for `bulk_edits` and `bulk_edit_changes`: what a bulk edit replaced, record by record, and the raw reads
//! and writes of record columns its undo needs.
use rusqlite::types::Value as Sql;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{Map, Value};

use crate::domain::FieldEntity;
use crate::error::{CoreError, Result};
use crate::time::now_iso;

/// The columns a record edit writes, per table: the only ones a snapshot reads or an undo writes.
fn columns(entity: FieldEntity) -> (&'static str, &'static [&'static str]) {
    match entity {
        FieldEntity::Contact => (
            "contacts",
            &[
                "first_name",
                "last_name",
                "title",
                "company_id",
                "company_name",
                "lifecycle",
                "lead_status",
                "lead_source",
                "city",
                "country",
                "linkedin",
                "custom",
            ],
        ),
        FieldEntity::Company => (
            "companies",
            &["name", "domain", "website", "industry", "size", "phone", "city", "country", "description", "custom"],
        ),
        FieldEntity::Deal => (
            "deals",
            &[
                "title",
                "company_id",
                "contact_id",
                "value_cents",
                "currency",
                "probability",
                "expected_close",
                "custom",
            ],
        ),
    }
}

/// A record's editable columns as they are now (`custom` as its JSON object).
pub fn snapshot(conn: &Connection, entity: FieldEntity, id: i64) -> Result<Map<String, Value>> {
    let (table, cols) = columns(entity);
    let sql = format!("SELECT {} FROM {table} WHERE id = ?1 AND deleted_at IS NULL", cols.join(", "));
    conn.prepare_cached(&sql)?
        .query_row([id], |r| {
            let mut m = Map::new();
            for (i, c) in cols.iter().enumerate() {
                let v = match r.get::<_, Sql>(i)? {
                    Sql::Integer(n) => Value::from(n),
                    Sql::Real(f) => Value::from(f),
                    Sql::Text(s) if *c == "custom" => {
                        serde_json::from_str(&s).unwrap_or_else(|_| Value::Object(Map::new()))
                    }
                    Sql::Text(s) => Value::String(s),
                    _ => Value::Null,
                };
                m.insert((*c).to_string(), v);
            }
            Ok(m)
        })
        .optional()?
        .ok_or(CoreError::NotFound { entity: entity.as_str(), id })
}

/// Writes back columns (`before` keys outside the table's edit columns are ignored) and custom keys (`custom`:
/// key -> value, null removing the key), leaving every other column and key as it is now.
pub fn restore(conn: &Connection, entity: FieldEntity, id: i64, before: &Map<String, Value>) -> Result<()> {
    let (table, cols) = columns(entity);
    let now = now_iso();
    if let Some(Value::Object(columns)) = before.get("columns") {
        for (col, v) in columns.iter().filter(|(c, _)| cols.contains(&c.as_str()) && c.as_str() != "custom") {
            let sql = format!("UPDATE {table} SET {col} = ?2, updated_at = ?3 WHERE id = ?1");
            conn.prepare_cached(&sql)?.execute(params![id, sql_of(v), now])?;
        }
    }
    if let Some(Value::Object(keys)) = before.get("custom") {
        for (key, v) in keys {
            let path = super::lists::fields::json_path(key);
            // ?3 is the value as JSON text; a null before-image means the key was absent.
            let set = if v.is_null() { "json_remove(custom, ?2)" } else { "json_set(custom, ?2, json(?3))" };
            let sql = format!("UPDATE {table} SET custom = {set}, updated_at = ?4 WHERE id = ?1");
            conn.prepare_cached(&sql)?.execute(params![id, path, v.to_string(), now])?;
        }
    }
    Ok(())
}

fn sql_of(v: &Value) -> Sql {
    match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) if n.is_i64() => Sql::Integer(n.as_i64().unwrap_or(0)),
        Value::Number(n) => Sql::Real(n.as_f64().unwrap_or(0.0)),
        Value::String(s) => Sql::Text(s.clone()),
        other => Sql::Text(other.to_string()),
    }
}

pub fn insert(conn: &Connection, entity: FieldEntity, change: &Value) -> Result<i64> {
    conn.prepare_cached("INSERT INTO bulk_edits (entity, change) VALUES (?1, ?2)")?
        .execute(params![entity.as_str(), change.to_string()])?;
    Ok(conn.last_insert_rowid())
}

pub fn insert_change(conn: &Connection, edit_id: i64, entity_id: i64, before: &Value) -> Result<()> {
    conn.prepare_cached("INSERT INTO bulk_edit_changes (edit_id, entity_id, before) VALUES (?1, ?2, ?3)")?
        .execute(params![edit_id, entity_id, before.to_string()])?;
    Ok(())
}

/// (entity, undone) of an edit.
pub fn get(conn: &Connection, id: i64) -> Result<(FieldEntity, bool)> {
    conn.prepare_cached("SELECT entity, undone_at IS NOT NULL FROM bulk_edits WHERE id = ?1")?
        .query_row([id], |r| {
            let entity: String = r.get(0)?;
            Ok((FieldEntity::parse(&entity).unwrap_or(FieldEntity::Contact), r.get(1)?))
        })
        .optional()?
        .ok_or(CoreError::NotFound { entity: "bulk edit", id })
}

/// (record id, before-image) of every record the edit changed.
pub fn changes(conn: &Connection, edit_id: i64) -> Result<Vec<(i64, Map<String, Value>)>> {
    let mut stmt = conn.prepare_cached("SELECT entity_id, before FROM bulk_edit_changes WHERE edit_id = ?1")?;
    let rows = stmt.query_map([edit_id], |r| {
        let before: String = r.get(1)?;
        Ok((r.get(0)?, serde_json::from_str(&before).unwrap_or_default()))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn mark_undone(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached("UPDATE bulk_edits SET undone_at = ?2 WHERE id = ?1")?.execute(params![id, now_iso()])?;
    Ok(())
}
