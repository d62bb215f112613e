//! SQL for `saved_views`. The filter, sort and columns are stored as JSON: `{"and": [...]}`,
//! `[{"field": "updated_at", "dir": "desc"}]` and `["name", "city"]`.
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::json;

use crate::domain::{FilterGroup, ListEntity, SavedView, ViewSort};
use crate::error::{CoreError, Result};
use crate::time::now_iso;

pub fn insert(
    conn: &Connection,
    entity: &str,
    name: &str,
    filter: &serde_json::Value,
    sort: &serde_json::Value,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO saved_views (entity, name, filter, sort, position)
         VALUES (?1, ?2, ?3, ?4, (SELECT ifnull(max(position), 0) + 1 FROM saved_views WHERE entity = ?1))",
        params![entity, name, filter.to_string(), sort.to_string()],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The stored forms of a view's parts.
pub struct ViewParts<'a> {
    pub name: &'a str,
    pub filter: Option<&'a FilterGroup>,
    pub sort: Option<&'a ViewSort>,
    pub columns: &'a [String],
}

fn filter_json(f: Option<&FilterGroup>) -> Result<String> {
    Ok(match f {
        Some(f) => serde_json::to_string(f)?,
        None => "{}".into(),
    })
}

fn sort_json(s: Option<&ViewSort>) -> String {
    match s {
        Some(s) => json!([{ "field": s.field, "dir": if s.desc { "desc" } else { "asc" } }]).to_string(),
        None => "[]".into(),
    }
}

pub fn insert_view(conn: &Connection, entity: ListEntity, v: &ViewParts) -> Result<i64> {
    let id = insert(conn, entity.as_str(), v.name, &json!({}), &json!([]))?;
    update(conn, id, v)?;
    Ok(id)
}

pub fn update(conn: &Connection, id: i64, v: &ViewParts) -> Result<()> {
    let changed = conn
        .prepare_cached(
            "UPDATE saved_views SET name = ?2, filter = ?3, sort = ?4, columns = ?5, updated_at = ?6
             WHERE id = ?1 AND deleted_at IS NULL",
        )?
        .execute(params![
            id,
            v.name,
            filter_json(v.filter)?,
            sort_json(v.sort),
            serde_json::to_string(v.columns)?,
            now_iso()
        ])?;
    if changed == 0 {
        return Err(CoreError::NotFound { entity: "saved view", id });
    }
    Ok(())
}

const COLUMNS: &str = "id, entity, name, filter, sort, columns, position";

/// Reads a stored view. Parts that no longer parse (written by an older version, or by hand) are dropped
/// rather than making the whole view unreadable.
fn from_row(r: &Row) -> rusqlite::Result<SavedView> {
    let entity: String = r.get(1)?;
    let filter: String = r.get(3)?;
    let sort: String = r.get(4)?;
    let columns: String = r.get(5)?;
    let sort = serde_json::from_str::<serde_json::Value>(&sort).ok().and_then(|v| {
        let first = v.as_array()?.first()?.clone();
        Some(ViewSort {
            field: first.get("field")?.as_str()?.to_string(),
            desc: first.get("dir").and_then(|d| d.as_str()) == Some("desc"),
        })
    });
    Ok(SavedView {
        id: r.get(0)?,
        entity: ListEntity::parse(&entity).unwrap_or(ListEntity::Contact),
        name: r.get(2)?,
        filter: serde_json::from_str::<serde_json::Value>(&filter).ok().and_then(|mut v| {
            legacy_ops(&mut v);
            serde_json::from_value(v).ok()
        }),
        sort,
        columns: serde_json::from_str(&columns).unwrap_or_default(),
        position: r.get(6)?,
    })
}

/// Views written before the filter builder (the first sample data) spell two operators differently.
fn legacy_ops(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(o) => {
            if let Some(serde_json::Value::String(op)) = o.get_mut("op") {
                match op.as_str() {
                    "eq" => *op = "is".into(),
                    "ne" => *op = "is_not".into(),
                    "within_days" => *op = "in_next_days".into(),
                    _ => {}
                }
            }
            o.values_mut().for_each(legacy_ops);
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(legacy_ops),
        _ => {}
    }
}

/// Live views of one list, in tab order.
pub fn list(conn: &Connection, entity: ListEntity) -> Result<Vec<SavedView>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM saved_views WHERE entity = ?1 AND deleted_at IS NULL ORDER BY position, id"
    ))?;
    let rows = stmt.query_map([entity.as_str()], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<SavedView> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM saved_views WHERE id = ?1 AND deleted_at IS NULL"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(CoreError::NotFound { entity: "saved view", id })
}

/// Whether another live view of the list already has this name (ignoring case).
pub fn name_taken(conn: &Connection, entity: ListEntity, name: &str, except: Option<i64>) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM saved_views WHERE entity = ?1 AND name = ?2 COLLATE NOCASE AND deleted_at IS NULL
                 AND id IS NOT ?3",
        )?
        .query_row(params![entity.as_str(), name, except], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Moves a view to the Trash (`deleted = true`) or back.
pub fn set_deleted(conn: &Connection, id: i64, deleted: bool) -> Result<()> {
    let now = now_iso();
    let changed = conn.execute(
        "UPDATE saved_views SET deleted_at = CASE WHEN ?2 THEN ?3 END, updated_at = ?3
         WHERE id = ?1 AND (deleted_at IS NULL) = ?2",
        params![id, deleted, now],
    )?;
    if changed == 0 {
        return Err(CoreError::NotFound { entity: "saved view", id });
    }
    Ok(())
}

/// Sets the tab order of `ids` to their order in the slice.
pub fn reorder(conn: &Connection, ids: &[i64]) -> Result<()> {
    let mut stmt = conn.prepare_cached("UPDATE saved_views SET position = ?2 WHERE id = ?1")?;
    for (i, id) in ids.iter().enumerate() {
        stmt.execute(params![id, i as i64 + 1])?;
    }
    Ok(())
}
