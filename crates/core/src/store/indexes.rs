//! Secondary indexes set aside during a bulk write and rebuilt after it. Building an index once over the
//! finished table (a sort) is far cheaper than growing it a row at a time when the write adds about as
//! many rows as the table held: a million-row import into an empty database is the case this serves.
//! Setting aside runs inside the caller's transaction, so a failure or rollback brings the indexes back.
//! The rebuild runs there too (`rebuild`), or is queued in `index_builds` with the write (`defer`) and done
//! one index per transaction after its commit (`build_next`): list-sorting indexes a million-row import
//! never reads then cost it nothing, and a list sorted by one of them is only slower until it is built.
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;

/// Indexes dropped by `suspend`, with the SQL that recreates each exactly as its migration wrote it.
#[must_use = "the indexes must be rebuilt (`rebuild`) or queued (`defer`) before the transaction commits"]
pub struct Suspended {
    indexes: Vec<(String, String)>,
}

/// Drops `table`'s secondary indexes except those named in `keep` (the ones the bulk write itself reads) and
/// unique ones, which must keep checking the rows as they are written.
pub fn suspend(conn: &Connection, table: &str, keep: &[&str]) -> Result<Suspended> {
    let mut stmt = conn.prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL ORDER BY name",
    )?;
    let indexes: Vec<(String, String)> = stmt
        .query_map([table], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter(|(name, sql)| !keep.contains(&name.as_str()) && !is_unique(sql))
        .collect();
    for (name, _) in &indexes {
        // Names come from the schema itself, quoted: never from input.
        conn.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(Suspended { indexes })
}

fn is_unique(sql: &str) -> bool {
    sql.trim_start().get(..13).is_some_and(|head| head.eq_ignore_ascii_case("CREATE UNIQUE"))
}

impl Suspended {
    pub fn rebuild(self, conn: &Connection) -> Result<()> {
        for (_, sql) in &self.indexes {
            conn.execute_batch(sql)?;
        }
        Ok(())
    }

    /// Queues the indexes to be built after the commit, in the caller's transaction (none is unique: a
    /// duplicate written meanwhile cannot make a build fail).
    pub fn defer(self, conn: &Connection) -> Result<()> {
        for (name, sql) in &self.indexes {
            conn.prepare_cached("INSERT OR REPLACE INTO index_builds (name, sql) VALUES (?1, ?2)")?
                .execute(params![name, sql])?;
        }
        Ok(())
    }

    /// Adds another table's set-aside indexes to be rebuilt with these.
    pub fn absorb(&mut self, other: Suspended) {
        self.indexes.extend(other.indexes);
    }

    pub fn len(&self) -> usize {
        self.indexes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.indexes.is_empty()
    }
}

/// How many set-aside indexes wait to be built.
pub fn queued(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("SELECT count(*) FROM index_builds", [], |r| r.get(0))?)
}

/// Whether work from a bulk write waits: a queued index, or the full-text index's segments to merge.
pub fn pending(conn: &Connection) -> Result<bool> {
    Ok(queued(conn)? > 0 || super::search_index::merge_pending(conn)?)
}

/// Builds the oldest queued index in the caller's transaction and takes it off the queue, or, when none is
/// queued, does a step of a pending full-text merge (`search_index::merge_step`); false when nothing is left.
/// An index that exists already (built by an earlier, interrupted builder) is only taken off.
pub fn build_next(conn: &Connection) -> Result<bool> {
    let next: Option<(String, String)> = conn
        .query_row("SELECT name, sql FROM index_builds ORDER BY queued_at, name LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((name, sql)) = next else { return super::search_index::merge_step(conn) };
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?1)",
        [&name],
        |r| r.get(0),
    )?;
    if !exists {
        conn.execute_batch(&sql)?;
    }
    conn.execute("DELETE FROM index_builds WHERE name = ?1", [&name])?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE index_builds (name TEXT PRIMARY KEY, sql TEXT NOT NULL,
                 queued_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')));
             CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT);
             CREATE INDEX t_a ON t (a);
             CREATE UNIQUE INDEX t_b ON t (b);
             CREATE INDEX t_keep ON t (a, b);
             CREATE VIRTUAL TABLE search_index USING fts5 (title, body);",
        )
        .unwrap();
        conn
    }

    fn indexes(conn: &Connection) -> Vec<String> {
        let mut stmt = conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name").unwrap();
        let names = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
        names.map(Result::unwrap).filter(|n| n.starts_with("t_")).collect()
    }

    #[test]
    fn unique_indexes_stay_and_the_others_are_queued_and_built_one_at_a_time() {
        let conn = db();
        let set_aside = suspend(&conn, "t", &["t_keep"]).unwrap();
        assert_eq!(set_aside.len(), 1);
        assert_eq!(indexes(&conn), ["t_b", "t_keep"], "a unique index keeps checking the rows written");
        conn.execute_batch("INSERT INTO t (b) VALUES ('x')").unwrap();
        assert!(conn.execute_batch("INSERT INTO t (b) VALUES ('x')").is_err());
        set_aside.defer(&conn).unwrap();
        assert_eq!(indexes(&conn), ["t_b", "t_keep"]);
        assert_eq!(queued(&conn).unwrap(), 1);
        assert!(build_next(&conn).unwrap());
        assert_eq!(indexes(&conn), ["t_a", "t_b", "t_keep"]);
        assert_eq!(queued(&conn).unwrap(), 0);
        assert!(!build_next(&conn).unwrap());
    }

    #[test]
    fn an_index_built_before_its_row_was_taken_out_is_only_taken_off_the_queue() {
        let conn = db();
        conn.execute("INSERT INTO index_builds (name, sql) VALUES ('t_a', 'CREATE INDEX t_a ON t (a)')", []).unwrap();
        assert!(build_next(&conn).unwrap());
        assert_eq!(queued(&conn).unwrap(), 0);
        assert_eq!(indexes(&conn), ["t_a", "t_b", "t_keep"]);
    }
}
