//! SQL for `tags` and `taggings`.
use rusqlite::{params, Connection, OptionalExtension};

use crate::domain::{Entity, RowTag, Tag};
use crate::error::{CoreError, Result};

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

/// Takes one tag off a record; true when it was there.
pub fn untag(conn: &Connection, tag_id: i64, entity: Entity, entity_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("DELETE FROM taggings WHERE tag_id = ?1 AND entity = ?2 AND entity_id = ?3")?
        .execute(params![tag_id, entity.as_str(), entity_id])?
        > 0)
}

pub fn has(conn: &Connection, tag_id: i64, entity: Entity, entity_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM taggings WHERE tag_id = ?1 AND entity = ?2 AND entity_id = ?3")?
        .query_row(params![tag_id, entity.as_str(), entity_id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Every tag, by name, with how many live records of `entity` carry it (of contacts, companies and deals
/// together when None).
pub fn list(conn: &Connection, entity: Option<Entity>) -> Result<Vec<Tag>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.id, t.name, t.color,
             (SELECT count(*) FROM taggings g
              LEFT JOIN contacts c ON g.entity = 'contact' AND c.id = g.entity_id
              LEFT JOIN companies co ON g.entity = 'company' AND co.id = g.entity_id
              LEFT JOIN deals d ON g.entity = 'deal' AND d.id = g.entity_id
              WHERE g.tag_id = t.id AND (?1 IS NULL OR g.entity = ?1)
                AND COALESCE(c.deleted_at, co.deleted_at, d.deleted_at) IS NULL
                AND COALESCE(c.id, co.id, d.id) IS NOT NULL)
         FROM tags t ORDER BY t.name COLLATE NOCASE, t.id",
    )?;
    let rows = stmt.query_map([entity.map(Entity::as_str)], |r| {
        Ok(Tag { id: r.get(0)?, name: r.get(1)?, color: r.get(2)?, count: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<RowTag> {
    conn.prepare_cached("SELECT id, name, color FROM tags WHERE id = ?1")?
        .query_row([id], |r| Ok(RowTag { id: r.get(0)?, name: r.get(1)?, color: r.get(2)? }))
        .optional()?
        .ok_or(CoreError::NotFound { entity: "tag", id })
}

/// The tag named `name` (ignoring case), if any.
pub fn find(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn.prepare_cached("SELECT id FROM tags WHERE name = ?1")?.query_row([name], |r| r.get(0)).optional()?)
}

pub fn insert(conn: &Connection, name: &str, color: &str) -> Result<i64> {
    conn.prepare_cached("INSERT INTO tags (name, color) VALUES (?1, ?2)")?.execute(params![name, color])?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, id: i64, name: &str, color: &str) -> Result<()> {
    let changed = conn
        .prepare_cached("UPDATE tags SET name = ?2, color = ?3 WHERE id = ?1")?
        .execute(params![id, name, color])?;
    if changed == 0 {
        return Err(CoreError::NotFound { entity: "tag", id });
    }
    Ok(())
}

/// Deletes a tag and takes it off every record (taggings cascade).
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    let changed = conn.prepare_cached("DELETE FROM tags WHERE id = ?1")?.execute([id])?;
    if changed == 0 {
        return Err(CoreError::NotFound { entity: "tag", id });
    }
    Ok(())
}

/// A tag row as it is stored, for the undo of its delete: (id, name, color, created_at).
pub fn row(conn: &Connection, id: i64) -> Result<(i64, String, String, String)> {
    conn.prepare_cached("SELECT id, name, color, created_at FROM tags WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?
        .ok_or(CoreError::NotFound { entity: "tag", id })
}

/// Puts a deleted tag back under its old id, so saved views and filters naming it work again.
pub fn reinsert(conn: &Connection, id: i64, name: &str, color: &str, created_at: &str) -> Result<()> {
    conn.prepare_cached("INSERT INTO tags (id, name, color, created_at) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![id, name, color, created_at])?;
    Ok(())
}

/// Every (entity, record id) carrying a tag, live or in the Trash.
pub fn taggings(conn: &Connection, tag_id: i64) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare_cached("SELECT entity, entity_id FROM taggings WHERE tag_id = ?1")?;
    let rows = stmt.query_map([tag_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Tags records again; records deleted for good since are skipped.
pub fn retag(conn: &Connection, tag_id: i64, taggings: &[(String, i64)]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO taggings (tag_id, entity, entity_id)
         SELECT ?1, ?2, ?3 WHERE EXISTS (
             SELECT 1 FROM contacts WHERE ?2 = 'contact' AND id = ?3
             UNION ALL SELECT 1 FROM companies WHERE ?2 = 'company' AND id = ?3
             UNION ALL SELECT 1 FROM deals WHERE ?2 = 'deal' AND id = ?3)",
    )?;
    for (entity, id) in taggings {
        stmt.execute(params![tag_id, entity, id])?;
    }
    Ok(())
}

/// A record's tags, by name.
pub fn of_record(conn: &Connection, entity: Entity, entity_id: i64) -> Result<Vec<RowTag>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.id, t.name, t.color FROM taggings g JOIN tags t ON t.id = g.tag_id
         WHERE g.entity = ?1 AND g.entity_id = ?2 ORDER BY t.name COLLATE NOCASE, t.id",
    )?;
    let rows = stmt.query_map(params![entity.as_str(), entity_id], |r| {
        Ok(RowTag { id: r.get(0)?, name: r.get(1)?, color: r.get(2)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A scalar subquery giving a record's tags as a JSON array (read back with `parse_row_tags`). `entity` is one
/// of the fixed taggings entity names and `id` a column expression, both from the store's own code.
pub(crate) fn row_tags_sql(entity: &'static str, id: &'static str) -> String {
    format!(
        "(SELECT json_group_array(json_object('id', t.id, 'name', t.name, 'color', t.color))
          FROM (SELECT t.id, t.name, t.color FROM taggings g JOIN tags t ON t.id = g.tag_id
                WHERE g.entity = '{entity}' AND g.entity_id = {id} ORDER BY t.name COLLATE NOCASE, t.id) t)"
    )
}

pub(crate) fn parse_row_tags(json: Option<String>) -> Vec<RowTag> {
    json.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default()
}
