//! Forward-only schema migrations, embedded from `migrations/` at build time.
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::{CoreError, Result};

include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|(_, sql)| M::up(sql)).collect())
}

/// The newest schema this build knows.
pub fn supported_version() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// A database written by a newer Outpost is never migrated down or opened for writing.
pub fn refuse_newer(conn: &Connection) -> Result<()> {
    let found = schema_version(conn)?;
    if found > supported_version() {
        return Err(CoreError::DatabaseTooNew { found, supported: supported_version() });
    }
    Ok(())
}

pub fn run(conn: &mut Connection) -> Result<()> {
    refuse_newer(conn)?;
    migrations().to_latest(conn).map_err(|e| match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => CoreError::from(err),
        other => CoreError::Migration(other.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    /// 0016 turns a completed import's per-record "created" rows into runs of ids, split where a record was
    /// deleted for good; an undone import's rows go, and updates stay rows.
    #[test]
    fn created_rows_become_runs_of_ids() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrations().to_version(&mut conn, 15).unwrap();
        conn.execute_batch(
            "INSERT INTO import_jobs (id, file_name, file_hash, entity, status) VALUES
                 (1, 'a.csv', 'x', 'contacts', 'completed'), (2, 'b.csv', 'y', 'contacts', 'undone');
             INSERT INTO import_changes (import_id, entity, entity_id, row, action, before) VALUES
                 (1, 'contact', 10, 2, 'created', NULL), (1, 'contact', 11, 3, 'created', NULL),
                 (1, 'contact', 13, 5, 'created', NULL), (1, 'company', 4, 2, 'created', NULL),
                 (1, 'contact', 3, 6, 'updated', '{}'), (2, 'contact', 10, 2, 'created', NULL);",
        )
        .unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let runs: Vec<(i64, String, i64, i64)> = conn
            .prepare("SELECT import_id, entity, first_id, last_id FROM import_created ORDER BY entity, first_id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let run = |e: &str, a, b| (1, e.to_string(), a, b);
        assert_eq!(runs, vec![run("company", 4, 4), run("contact", 10, 11), run("contact", 13, 13)]);
        let left: Vec<String> = conn
            .prepare("SELECT action FROM import_changes")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(left, vec!["updated"]);
    }

    /// 0017 rebuilds contact points with their contact checked at commit: ids, values and indexes stay, a point
    /// whose contact is gone does not, and a queued build of one of its indexes is dropped (built here).
    #[test]
    fn contact_points_keep_their_rows_and_check_their_contact_at_commit() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrations().to_version(&mut conn, 16).unwrap();
        // The orphan can only come from a write with foreign keys off.
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO contacts (id, first_name) VALUES (1, 'Ada'), (2, 'Grace');
             INSERT INTO contact_points (id, contact_id, kind, value, normalized, is_primary) VALUES
                 (5, 1, 'email', 'Ada@x.io', 'ada@x.io', 1), (9, 2, 'phone', '+1 2', '+12', 1),
                 (12, 99, 'email', 'gone@x.io', 'gone@x.io', 1);
             INSERT INTO index_builds (name, sql) VALUES
                 ('contact_points_normalized', 'CREATE INDEX contact_points_normalized ON contact_points (kind, normalized)'),
                 ('contacts_city', 'CREATE INDEX contacts_city ON contacts (city)');
             PRAGMA foreign_keys = ON;",
        )
        .unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let rows: Vec<(i64, i64, String)> = conn
            .prepare("SELECT id, contact_id, normalized FROM contact_points ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(rows, vec![(5, 1, "ada@x.io".to_string()), (9, 2, "+12".to_string())]);
        let names = |sql: &str| -> Vec<String> {
            conn.prepare(sql).unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
        };
        assert_eq!(
            names("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'contact_points' ORDER BY name"),
            ["contact_points_contact", "contact_points_normalized", "contact_points_one_primary"]
        );
        assert_eq!(names("SELECT name FROM index_builds"), ["contacts_city"]);

        conn.execute_batch("BEGIN").unwrap();
        conn.execute(
            "INSERT INTO contact_points (contact_id, kind, value, normalized) VALUES (77, 'email', 'a', 'a')",
            [],
        )
        .expect("a missing contact is not refused by the statement");
        let commit = conn.execute_batch("COMMIT");
        assert!(commit.unwrap_err().to_string().contains("FOREIGN KEY"), "but by the commit");
        conn.execute_batch("ROLLBACK").unwrap();
        conn.execute("DELETE FROM contacts WHERE id = 1", []).unwrap();
        assert_eq!(names("SELECT value FROM contact_points"), ["+1 2"], "deleting a contact still deletes its points");
    }

    /// 0018 builds the full-text index again without word positions or entry lengths: every entry stays and
    /// answers single-word queries and ranking; a phrase is refused, which is how the first option shows.
    #[test]
    fn the_search_index_keeps_its_entries_without_positions() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrations().to_version(&mut conn, 17).unwrap();
        conn.execute_batch(
            "INSERT INTO search_index (rowid, title, body) VALUES
                 (4, 'Ada Lovelace', 'ada@analytical.example'), (9, 'Analytical Engines', 'london');",
        )
        .unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let rows = |q: &str| -> rusqlite::Result<Vec<(i64, String)>> {
            conn.prepare("SELECT rowid, title FROM search_index WHERE search_index MATCH ?1 ORDER BY rowid")?
                .query_map([q], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect()
        };
        assert_eq!(rows("an*").unwrap(), [(4, "Ada Lovelace".into()), (9, "Analytical Engines".into())]);
        assert_eq!(rows("lon*").unwrap(), [(9, "Analytical Engines".into())]);
        assert!(rows("\"ada lovelace\"").unwrap_err().to_string().contains("detail"));
        conn.execute("INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)", []).unwrap();
        assert!(crate::store::search_index::merge_pending(&conn).unwrap(), "its segments are left to the background");
        let automerge: i64 =
            conn.query_row("SELECT v FROM search_index_config WHERE k = 'automerge'", [], |r| r.get(0)).unwrap();
        assert_eq!(automerge, 4, "later writes merge as they go");
        let sql: String =
            conn.query_row("SELECT sql FROM sqlite_schema WHERE name = 'search_index'", [], |r| r.get(0)).unwrap();
        let squash = |s: &str| s.replace('"', "").split_whitespace().collect::<String>();
        assert_eq!(squash(&sql), squash(crate::store::search_index::DEFINITION), "what the store's tests build");
        let ranked: Vec<i64> = conn
            .prepare("SELECT rowid FROM search_index WHERE search_index MATCH 'an*' ORDER BY rank")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(ranked.len(), 2, "ranking works out entries' lengths from their text");
    }
}
