//! The ids a filtered list matches, kept on the connection between its count and its pages.
//!
//! Under a filter, a page sorted by another column walks that column's index and reads every row it passes to
//! test the filter: at 1% selectivity, ~10,000 row and tag lookups for 100 rows (100+ ms at 1M contacts). The
//! count the list asks for first finds every match anyway, so it keeps them in a TEMP table on its connection.
//! A set of up to `MAX_ORDERED` ids is then sorted once per sort and paged as ranges of positions; a larger one
//! is probed first from whichever index SQLite walks, so rows are read only for matches. A set serves while the
//! conditions and their values are the same and nothing was written since: not by this connection
//! (`total_changes`), nor by any other (`PRAGMA data_version`).
use rusqlite::{Connection, OptionalExtension};

use super::keyset::{self, Listing};
use crate::error::Result;

/// Sets kept per connection (a list and a view or two switched between), the oldest replaced first.
const SLOTS: i64 = 4;

/// Past this many matches (a quarter of a 1M-row table) the sort's index yields a page within a few hundred
/// entries anyway; the set is not kept (only its count), which bounds the TEMP memory to ~10 MiB.
const MAX_KEPT: i64 = 250_000;

/// Kept sets up to this size also keep their rows in the order of the last sort asked for: a page is then a
/// range of positions. Sorting the set reads each matching row once (~1 µs each), where walking the sort's
/// index for a sparse filter reads ~100 × table / matches entries per page, and lands on whatever a filter
/// correlated with the sort puts first (a city sort under a city filter walks every NULL city first).
const MAX_ORDERED: i64 = 50_000;

/// What is known of a listing's matches on this connection.
pub(crate) struct MatchSet {
    slot: i64,
    pub count: i64,
    kept: bool,
}

impl MatchSet {
    /// The membership test over the listing's id, when the set was kept. The unary `+` keeps SQLite from
    /// driving a large page from the set (reading every matching row to sort them); it still picks the index
    /// to walk from the listing's own conditions, and probes the set before reading a row.
    pub fn condition(&self, id: &str) -> Option<String> {
        self.kept.then(|| format!("+{id} IN {}", table(self.slot)))
    }
}

/// A page of a kept set in the listing's order, sorting the set first when its last sort was another: None
/// when the set is not kept or too large to sort, or the cursor's row is not in it (a page by keyset then).
pub(crate) fn ordered_page(
    conn: &Connection,
    l: &Listing,
    set: &MatchSet,
    cursor: Option<&str>,
    limit: usize,
) -> Result<Option<(Vec<i64>, Option<String>)>> {
    if !set.kept || set.count > MAX_ORDERED {
        return Ok(None);
    }
    let order = order_table(set.slot);
    let sort_key = sort_key_of(l);
    let sorted: Option<String> = conn
        .prepare_cached("SELECT sort_key FROM temp.list_match_sets WHERE slot = ?1")?
        .query_row([set.slot], |r| r.get(0))?;
    if sorted.as_deref() != Some(sort_key.as_str()) {
        conn.prepare_cached(&format!("DELETE FROM {order}"))?.execute([])?;
        // CROSS JOIN: from the set to the rows, never a walk of the sort's index probing the set.
        let fill = format!(
            "INSERT INTO {order}(id) SELECT {id} FROM {} m CROSS JOIN {} ON {id} = m.id ORDER BY {}",
            table(set.slot),
            l.from,
            l.order_by(),
            id = l.id,
        );
        let mut stmt = conn.prepare_cached(&fill)?;
        let used: Vec<_> = l.binds.0.iter().take(stmt.parameter_count()).collect();
        stmt.execute(rusqlite::params_from_iter(used))?;
        // The same bookkeeping as `ensure`: the total after this one-row update.
        conn.prepare_cached("UPDATE temp.list_match_sets SET sort_key = ?2, changes = ?3 WHERE slot = ?1")?
            .execute(rusqlite::params![set.slot, sort_key, conn.total_changes() as i64 + 1])?;
    }
    let after = match cursor {
        None => 0,
        Some(c) => {
            let Some(row) = cursor_row(c) else { return Ok(None) };
            let pos: Option<i64> = conn
                .prepare_cached(&format!("SELECT pos FROM {order} WHERE id = ?1"))?
                .query_row([row], |r| r.get(0))
                .optional()?;
            match pos {
                Some(pos) => pos,
                None => return Ok(None),
            }
        }
    };
    let ids: Vec<i64> = conn
        .prepare_cached(&format!("SELECT id FROM {order} WHERE pos > ?1 ORDER BY pos LIMIT ?2"))?
        .query_map([after, limit as i64 + 1], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let next = match ids.len() > limit {
        true => l.cursor_after(conn, ids[limit - 1])?,
        false => None,
    };
    Ok(Some((ids.into_iter().take(limit).collect(), next)))
}

/// The row a keyset cursor stands on: its last key is the id.
fn cursor_row(cursor: &str) -> Option<i64> {
    let keys: Vec<serde_json::Value> = serde_json::from_str(cursor).ok()?;
    keys.last()?.as_i64()
}

/// The listing's matches on this connection, found again when missing or stale.
pub(crate) fn ensure(conn: &Connection, l: &Listing) -> Result<MatchSet> {
    create_tables(conn)?;
    let key = key_of(l);
    let version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
    let changes = conn.total_changes() as i64;
    let known = conn
        .prepare_cached("SELECT slot, data_version, changes, n, kept FROM temp.list_match_sets WHERE key = ?1")?
        .query_row([&key], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    let (slot, made) = match known {
        Some((slot, v, c, count, kept)) if v == version && c == changes => {
            return Ok(MatchSet { slot, count, kept });
        }
        Some((slot, ..)) => (slot, next_stamp(conn)?),
        None => free_slot(conn)?,
    };
    let set = table(slot);
    conn.prepare_cached(&format!("DELETE FROM {set}"))?.execute([])?;
    let fill = format!(
        "INSERT INTO {set}(id) SELECT {id} FROM {} WHERE {} ORDER BY {id} LIMIT {}",
        l.from,
        l.where_sql(),
        MAX_KEPT + 1,
        id = l.id
    );
    let mut count = conn.prepare_cached(&fill)?.execute(rusqlite::params_from_iter(l.cond_binds()))? as i64;
    let kept = count <= MAX_KEPT;
    if !kept {
        conn.prepare_cached(&format!("DELETE FROM {set}"))?.execute([])?;
        count = keyset::count(conn, l)?;
    }
    // Writing the TEMP tables counts in `total_changes` too: the set records the total after its own
    // bookkeeping row (one change; REPLACE's removal of the old row is not counted).
    conn.prepare_cached("INSERT OR REPLACE INTO temp.list_match_sets VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL)")?
        .execute(rusqlite::params![slot, key, version, conn.total_changes() as i64 + 1, made, count, kept])?;
    Ok(MatchSet { slot, count, kept })
}

/// One rowid table per slot: `x IN table` probes its rowid B-tree directly, where `x IN (SELECT … WHERE slot = n)`
/// would first copy the slot's ids into an ephemeral index on every statement.
fn table(slot: i64) -> String {
    format!("temp.list_matches_{slot}")
}

fn create_tables(conn: &Connection) -> Result<()> {
    let exists: bool = conn
        .prepare_cached("SELECT count(*) FROM temp.sqlite_master WHERE name = 'list_match_sets'")?
        .query_row([], |r| r.get(0))?;
    if exists {
        return Ok(());
    }
    let mut sql = String::from(
        "CREATE TEMP TABLE list_match_sets(slot INTEGER PRIMARY KEY, key TEXT NOT NULL, data_version INTEGER NOT NULL,
             changes INTEGER NOT NULL, made INTEGER NOT NULL, n INTEGER NOT NULL, kept INTEGER NOT NULL,
             sort_key TEXT);",
    );
    for slot in 1..=SLOTS {
        sql.push_str(&format!(
            "CREATE TEMP TABLE list_matches_{slot}(id INTEGER PRIMARY KEY);
             CREATE TEMP TABLE list_order_{slot}(pos INTEGER PRIMARY KEY, id INTEGER NOT NULL UNIQUE);"
        ));
    }
    Ok(conn.execute_batch(&sql)?)
}

fn next_stamp(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT coalesce(max(made), 0) + 1 FROM temp.list_match_sets", [], |r| r.get(0))?)
}

/// An unused slot, or the oldest one; and the stamp that orders sets by age.
fn free_slot(conn: &Connection) -> Result<(i64, i64)> {
    let taken: Vec<i64> = conn
        .prepare_cached("SELECT slot FROM temp.list_match_sets ORDER BY made")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let slot = (1..=SLOTS).find(|s| !taken.contains(s)).unwrap_or_else(|| taken[0]);
    Ok((slot, next_stamp(conn)?))
}

fn order_table(slot: i64) -> String {
    format!("temp.list_order_{slot}")
}

/// The sort and the values it binds.
fn sort_key_of(l: &Listing) -> String {
    let values: Vec<String> = l.sort_binds().map(|v| format!("{v:?}")).collect();
    format!("{}\u{1f}{}", l.order_by(), values.join("\u{1e}"))
}

/// The conditions and the values they bind: two listings with the same key match the same rows.
fn key_of(l: &Listing) -> String {
    let values: Vec<String> = l.cond_binds().map(|v| format!("{v:?}")).collect();
    format!("{}\u{1f}{}\u{1f}{}", l.from, l.where_sql(), values.join("\u{1e}"))
}

#[cfg(test)]
mod tests {
    use rusqlite::types::Value;

    use super::*;
    use crate::store::lists::keyset::{Binds, Key};

    fn berlin() -> Listing {
        Listing {
            from: "contacts c",
            id: "c.id",
            conds: vec!["1".into(), "c.city = ?1".into()],
            binds: Binds(vec![Value::Text("Berlin".into())]),
            cond_binds: 1,
            keys: vec![Key::new("c.id", false, false)],
            desc: false,
        }
    }

    fn add(conn: &Connection, city: &str) {
        conn.execute("INSERT INTO contacts(city) VALUES (?1)", [city]).unwrap();
    }

    #[test]
    fn a_set_is_found_once_and_again_after_any_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE contacts(id INTEGER PRIMARY KEY, city TEXT);")
            .unwrap();
        add(&conn, "Berlin");
        add(&conn, "Paris");
        let other = Connection::open(&path).unwrap();

        let first = ensure(&conn, &berlin()).unwrap();
        assert_eq!((first.count, first.kept), (1, true));
        let changes = conn.total_changes();
        let again = ensure(&conn, &berlin()).unwrap();
        assert_eq!((again.slot, again.count), (first.slot, 1));
        assert_eq!(conn.total_changes(), changes, "the kept set served: nothing was written");

        add(&other, "Berlin");
        assert_eq!(ensure(&conn, &berlin()).unwrap().count, 2, "another connection's write");
        add(&conn, "Berlin");
        assert_eq!(ensure(&conn, &berlin()).unwrap().count, 3, "this connection's own write");
        let changes = conn.total_changes();
        assert_eq!(ensure(&conn, &berlin()).unwrap().count, 3);
        assert_eq!(conn.total_changes(), changes, "kept again after the rebuild");
    }
}
