//! The ids a filtered list matches, kept on the connection between its count and its pages.
//!
//! Under a filter, a page sorted by another column walks that column's index and reads every row it passes to
//! test the filter: at 1% selectivity, ~10,000 row and tag lookups for 100 rows (100+ ms at 1M contacts). The
//! count the list asks for first finds every match anyway, so it keeps them in a TEMP table on its connection;
//! pages then walk the sort index and test membership from the index entry alone, reading rows only for the
//! page. A set serves while the conditions and their values are the same and nothing was written since: not by
//! this connection (`total_changes`), nor by any other (`PRAGMA data_version`).
use rusqlite::{Connection, OptionalExtension};

use super::keyset::{self, Listing};
use crate::error::Result;

/// Sets kept per connection (a list and a view or two switched between), the oldest replaced first.
const SLOTS: i64 = 4;

/// Past this many matches the sort's index yields a page within a few hundred entries anyway; the set is
/// not kept (only its count), which bounds a connection's TEMP memory to a few MiB.
const MAX_KEPT: i64 = 100_000;

/// What is known of a listing's matches on this connection.
pub(crate) struct MatchSet {
    slot: i64,
    pub count: i64,
    kept: bool,
}

impl MatchSet {
    /// The membership test over the listing's id, when the set was kept. The unary `+` keeps SQLite from
    /// driving the page from the set (reading every matching row to sort them): it walks the sort's index and
    /// probes the set instead.
    pub fn condition(&self, id: &str) -> Option<String> {
        self.kept.then(|| format!("+{id} IN {}", table(self.slot)))
    }
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
    conn.prepare_cached("INSERT OR REPLACE INTO temp.list_match_sets VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?.execute(
        rusqlite::params![slot, key, version, conn.total_changes() as i64 + 1, made, count, kept],
    )?;
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
             changes INTEGER NOT NULL, made INTEGER NOT NULL, n INTEGER NOT NULL, kept INTEGER NOT NULL);",
    );
    for slot in 1..=SLOTS {
        sql.push_str(&format!("CREATE TEMP TABLE list_matches_{slot}(id INTEGER PRIMARY KEY);"));
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

/// The conditions and the values they bind: two listings with the same key match the same rows.
fn key_of(l: &Listing) -> String {
    let values: Vec<String> = l.cond_binds().map(|v| format!("{v:?}")).collect();
    format!("{}\u{1f}{}\u{1f}{}", l.from, l.where_sql(), values.join("\u{1e}"))
}
