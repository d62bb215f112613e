//! Pages, counts and selections of the four lists (contacts, leads, companies, deals) under one engine:
//! the query's search, narrowing and filter tree become conditions, its sort a keyset over indexed keys.
pub(crate) mod fields;
pub(crate) mod filter;
pub(crate) mod keyset;
mod matches;

use rusqlite::Connection;

use super::search_index;
use crate::domain::{Entity, ListEntity, PageQuery};
use crate::error::{CoreError, Result};
use keyset::{Binds, Key, Listing};

/// The listing a query asks for: conditions with their bound values, and the sort keys.
pub(crate) fn listing(conn: &Connection, entity: ListEntity, q: &PageQuery) -> Result<Listing> {
    let t = fields::table(entity);
    let mut binds = Binds::default();
    let mut conds = vec![t.base.to_string()];
    if let Some(query) = q.search.as_deref().and_then(search_index::prefix_query) {
        let p = binds.push(query);
        let fts = match entity {
            ListEntity::Contact | ListEntity::Lead => Entity::Contact,
            ListEntity::Company => Entity::Company,
            ListEntity::Deal => Entity::Deal,
        };
        conds.push(format!("{} IN ({})", t.id, search_index::matching_ids_sql(fts, &p)));
    }
    if matches!(entity, ListEntity::Contact | ListEntity::Lead) {
        // The enums' own fixed texts, never user text: as literals they let SQLite seek the lifecycle indexes.
        if let Some(l) = q.lifecycle {
            conds.push(format!("c.lifecycle = '{}'", l.as_str()));
        }
        if let Some(s) = q.lead_status {
            conds.push(format!("c.lead_status = '{}'", s.as_str()));
        }
        if let Some(s) = q.lead_source {
            conds.push(format!("c.lead_source = '{}'", s.as_str()));
        }
    }
    if entity == ListEntity::Deal {
        if let Some(p) = q.pipeline_id {
            conds.push(format!("d.pipeline_id = {}", binds.push(p)));
        }
        if let Some(s) = q.deal_status {
            conds.push(format!("d.status = '{}'", s.as_str()));
        }
    }
    if let Some(f) = &q.filter {
        let sql = filter::compile(conn, entity, f, &mut binds)?;
        if sql != "1" {
            conds.push(format!("({sql})"));
        }
    }
    let cond_binds = binds.0.len();
    let (sort, default_desc) = match q.sort.as_deref() {
        Some(s) => (s, false),
        None => t.default_sort,
    };
    let field = fields::resolve(conn, entity, sort, &mut binds, "sort")?;
    if field.sort.is_empty() {
        return Err(CoreError::validation("sort", format!("{} cannot be sorted by {}.", t.plural, field.label)));
    }
    let mut keys = field.sort;
    keys.push(Key::new(t.id, false, false));
    Ok(Listing { from: t.from, id: t.id, conds, binds, cond_binds, keys, desc: q.desc.unwrap_or(default_desc) })
}

/// One page of ids in the query's order, and the next page's cursor.
pub(crate) fn page_ids(conn: &Connection, entity: ListEntity, q: &PageQuery) -> Result<(Vec<i64>, Option<String>)> {
    let mut l = listing(conn, entity, q)?;
    if q.narrows() && l.conds.len() > 1 {
        let set = matches::ensure(conn, &l)?;
        if let Some(page) = matches::ordered_page(conn, &l, &set, q.cursor.as_deref(), q.limit())? {
            return Ok(page);
        }
        // Tested first, the membership spares reading the rows that don't match (see `matches`).
        if let Some(member) = set.condition(l.id) {
            l.conds.insert(0, member);
        }
    }
    keyset::page_ids(conn, l, q.cursor.as_deref(), q.limit())
}

/// How many records the query matches (its cursor and sort aside). Under a filter, finding them keeps them
/// for the pages that follow.
pub(crate) fn count(conn: &Connection, entity: ListEntity, q: &PageQuery) -> Result<i64> {
    let l = listing(conn, entity, &without_sort(q))?;
    if q.narrows() && l.conds.len() > 1 {
        return Ok(matches::ensure(conn, &l)?.count);
    }
    keyset::count(conn, &l)
}

/// Every id the query matches: "select all that match".
pub(crate) fn all_ids(conn: &Connection, entity: ListEntity, q: &PageQuery) -> Result<Vec<i64>> {
    keyset::all_ids(conn, &listing(conn, entity, &without_sort(q))?)
}

/// Counting does not depend on the order; dropping it spares resolving a sort field.
fn without_sort(q: &PageQuery) -> PageQuery {
    PageQuery { sort: None, desc: None, cursor: None, ..q.clone() }
}
