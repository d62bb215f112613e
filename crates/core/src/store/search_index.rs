//! The shared full-text index. Written by the store alongside each record (no triggers: see the schema).
use std::cell::RefCell;

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

thread_local! {
    /// Records whose index entries a bulk write will write at its end. FTS5 flushes its pending terms at
    /// every statement savepoint — and any insert checked by a foreign key opens one — so indexing row by
    /// row in between makes every row its own index segment (an import ran ten times slower).
    static DEFERRED: RefCell<Option<Vec<(Entity, i64)>>> = const { RefCell::new(None) };
}

/// While alive, index writes on this thread are queued instead of done; `flush_deferred` does them.
pub struct Deferral(());

impl Deferral {
    pub fn start() -> Deferral {
        DEFERRED.with(|d| *d.borrow_mut() = Some(Vec::new()));
        Deferral(())
    }
}

impl Drop for Deferral {
    fn drop(&mut self) {
        DEFERRED.with(|d| *d.borrow_mut() = None);
    }
}

fn defer(entity: Entity, id: i64) -> bool {
    DEFERRED.with(|d| match d.borrow_mut().as_mut() {
        Some(queue) => {
            queue.push((entity, id));
            true
        }
        None => false,
    })
}

/// Writes the queued entries in rowid order, each from its record's current state, and stops deferring.
pub fn flush_deferred(conn: &Connection) -> Result<()> {
    let mut queue = DEFERRED.with(|d| d.borrow_mut().take()).unwrap_or_default();
    queue.sort_by_key(|(e, id)| rowid(*e, *id));
    queue.dedup();
    for (entity, id) in queue {
        match entity {
            Entity::Contact => super::contacts::reindex(conn, id)?,
            Entity::Company => super::companies::reindex(conn, id)?,
            Entity::Deal => super::deals::reindex(conn, id)?,
            Entity::Note => super::notes::reindex(conn, id)?,
            _ => {}
        }
    }
    Ok(())
}

pub fn put(conn: &Connection, entity: Entity, id: i64, title: &str, body: &str) -> Result<()> {
    if defer(entity, id) {
        return Ok(());
    }
    let rowid = rowid(entity, id);
    conn.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?.execute([rowid])?;
    conn.prepare_cached("INSERT INTO search_index (rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(params![rowid, title, body])?;
    Ok(())
}

pub fn remove(conn: &Connection, entity: Entity, id: i64) -> Result<()> {
    if defer(entity, id) {
        return Ok(());
    }
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

/// The first `limit` entries of one entity (every entity when None) matching every word as a prefix, in index
/// order and unranked: the type-ahead search, which stops at `limit` matches instead of ranking them all.
pub fn prefix_top(conn: &Connection, input: &str, entity: Option<Entity>, limit: usize) -> Result<Vec<SearchHit>> {
    let Some(query) = prefix_query(input) else {
        return Ok(vec![]);
    };
    let only = match entity {
        None => None,
        Some(e @ (Entity::Contact | Entity::Company | Entity::Deal | Entity::Note)) => Some(tag(e)),
        Some(_) => return Ok(vec![]),
    };
    let mut stmt = conn.prepare_cached(
        "SELECT rowid, title, body FROM search_index
         WHERE search_index MATCH ?1 AND (?2 IS NULL OR rowid % 4 = ?2) LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![query, only, limit as i64], |r| {
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
