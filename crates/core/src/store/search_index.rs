//! The shared full-text index. Written by the store alongside each record (no triggers: see the schema).
use rusqlite::{params, Connection};

use crate::domain::{Entity, SearchHit};
use crate::error::Result;

fn tag(entity: Entity) -> i64 {
    match entity {
        Entity::Contact => 0,
        Entity::Company => 1,
        Entity::Deal => 2,
        Entity::Note => 3,
        other => unreachable!("{other:?} is not full-text indexed"),
    }
}

fn entity_of(tag: i64) -> Entity {
    match tag {
        0 => Entity::Contact,
        1 => Entity::Company,
        2 => Entity::Deal,
        _ => Entity::Note,
    }
}

pub fn rowid(entity: Entity, id: i64) -> i64 {
    id * 4 + tag(entity)
}

pub fn put(conn: &Connection, entity: Entity, id: i64, title: &str, body: &str) -> Result<()> {
    let rowid = rowid(entity, id);
    conn.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?.execute([rowid])?;
    conn.prepare_cached("INSERT INTO search_index (rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(params![rowid, title, body])?;
    Ok(())
}

pub fn remove(conn: &Connection, entity: Entity, id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?.execute([rowid(entity, id)])?;
    Ok(())
}

/// Turns what a person typed into an FTS5 query: every word must match as a prefix. Quotes keep
/// FTS syntax characters in the input from being read as operators.
pub fn prefix_query(input: &str) -> Option<String> {
    let terms: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric() && c != '@' && c != '.' && c != '\'' && c != '-')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"*", w.replace('"', "")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// Ids of one entity whose index entry matches the FTS query bound at parameter `param` ("?3").
pub fn matching_ids_sql(entity: Entity, param: &str) -> String {
    format!("SELECT rowid / 4 FROM search_index WHERE search_index MATCH {param} AND rowid % 4 = {}", tag(entity))
}

/// Hits across all entities, best first. Ranking is capped to the first `limit * 20` matches so a common
/// prefix never ranks the whole table.
pub fn search(conn: &Connection, input: &str, limit: usize) -> Result<Vec<SearchHit>> {
    let Some(query) = prefix_query(input) else {
        return Ok(vec![]);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT rowid, title, body FROM (
             SELECT rowid, title, body, rank FROM search_index WHERE search_index MATCH ?1 LIMIT ?2
         ) ORDER BY rank LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![query, (limit * 20) as i64, limit as i64], |r| {
        let rowid: i64 = r.get(0)?;
        let body: String = r.get(2)?;
        Ok(SearchHit {
            entity: entity_of(rowid % 4),
            id: rowid / 4,
            title: r.get(1)?,
            subtitle: body.chars().take(120).collect(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::prefix_query;

    #[test]
    fn prefix_query_quotes_terms() {
        assert_eq!(prefix_query("ada lov").as_deref(), Some("\"ada\"* \"lov\"*"));
        assert_eq!(prefix_query("  \"OR\" NEAR( "), Some("\"OR\"* \"NEAR\"*".into()));
        assert_eq!(prefix_query(" -- "), None);
    }
}
