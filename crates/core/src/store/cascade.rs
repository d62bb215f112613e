//! Deleting many rows with the schema's ON DELETE actions done set-based. SQLite runs a parent's actions row by
//! row, one program per child table per deleted row: undoing a million-row import spent 17 s there, finding
//! mostly nothing. A connection with foreign keys off deletes through here instead; the actions are read from the
//! schema, so a table added later is covered without touching this file.
use rusqlite::{Connection, OptionalExtension};

use crate::error::{CoreError, Result};

/// One foreign key pointing at the table being deleted from.
struct ChildKey {
    table: String,
    column: String,
    /// The parent column it references; None is the parent's rowid.
    parent_column: Option<String>,
    on_delete: String,
}

fn child_keys(conn: &Connection, parent: &str) -> Result<Vec<ChildKey>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.name, p.\"from\", p.\"to\", p.on_delete
         FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) p
         WHERE m.type = 'table' AND p.\"table\" = ?1 ORDER BY m.name, p.id",
    )?;
    let keys = stmt.query_map([parent], |r| {
        Ok(ChildKey { table: r.get(0)?, column: r.get(1)?, parent_column: r.get(2)?, on_delete: r.get(3)? })
    })?;
    Ok(keys.collect::<rusqlite::Result<_>>()?)
}

/// Deletes the rows of `table` whose rowids are `ids`, and runs what each foreign key pointing at them says:
/// CASCADE deletes the referencing rows (and theirs, in turn), SET NULL clears the column, and NO ACTION or
/// RESTRICT refuses the whole delete while a row still points at one of them. `table` comes from code, never
/// from input. Returns how many rows of `table` went.
pub fn delete(conn: &Connection, table: &str, ids: &[i64]) -> Result<usize> {
    delete_at(conn, table, ids, 0)
}

/// Deepest chain of cascades followed (the schema's longest is two); past it the schema has a cycle.
const MAX_DEPTH: usize = 8;

fn delete_at(conn: &Connection, table: &str, ids: &[i64], depth: usize) -> Result<usize> {
    if ids.is_empty() {
        return Ok(0);
    }
    if depth > MAX_DEPTH {
        return Err(CoreError::Internal(format!("deleting from {table}: the foreign keys form a cycle")));
    }
    // The rowids in a table of their own, one per level of the cascade, so every child statement joins on it.
    let doomed = format!("temp.cascade_{depth}");
    conn.execute_batch(&format!(
        "CREATE TABLE IF NOT EXISTS {doomed} (id INTEGER PRIMARY KEY); DELETE FROM {doomed};"
    ))?;
    {
        let mut insert = conn.prepare_cached(&format!("INSERT OR IGNORE INTO {doomed} (id) VALUES (?1)"))?;
        for id in ids {
            insert.execute([id])?;
        }
    }
    for key in child_keys(conn, table)? {
        let ChildKey { table: child, column, parent_column, on_delete } = key;
        let parent_values = match &parent_column {
            None => format!("SELECT id FROM {doomed}"),
            Some(col) => format!("SELECT \"{col}\" FROM \"{table}\" WHERE rowid IN (SELECT id FROM {doomed})"),
        };
        let referencing = format!("FROM \"{child}\" WHERE \"{column}\" IN ({parent_values})");
        match on_delete.as_str() {
            "CASCADE" if child_keys(conn, &child)?.is_empty() => {
                conn.execute(&format!("DELETE {referencing}"), [])?;
            }
            "CASCADE" => {
                let rows: Vec<i64> = conn
                    .prepare(&format!("SELECT rowid {referencing}"))?
                    .query_map([], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                delete_at(conn, &child, &rows, depth + 1)?;
            }
            "SET NULL" => {
                conn.execute(
                    &format!("UPDATE \"{child}\" SET \"{column}\" = NULL WHERE \"{column}\" IN ({parent_values})"),
                    [],
                )?;
            }
            "NO ACTION" | "RESTRICT" => {
                let held: Option<i64> =
                    conn.query_row(&format!("SELECT rowid {referencing} LIMIT 1"), [], |r| r.get(0)).optional()?;
                if held.is_some() {
                    return Err(CoreError::Conflict(format!(
                        "Cannot delete from {table}: a row of {child} still refers to it."
                    )));
                }
            }
            other => {
                return Err(CoreError::Internal(format!("{child}.{column}: ON DELETE {other} is not handled")));
            }
        }
    }
    // The child statements above may have reused deeper levels, never this one: the ids are still here.
    let removed = conn.execute(&format!("DELETE FROM \"{table}\" WHERE rowid IN (SELECT id FROM {doomed})"), [])?;
    Ok(removed)
}

/// Refuses to go on when a row of one of `tables` points at a row that is not there: a write made with
/// foreign keys off checks what it wrote this way before it commits.
pub fn check(conn: &Connection, tables: &[&str]) -> Result<()> {
    for table in tables {
        dangling(conn, &format!("PRAGMA foreign_key_check(\"{table}\")"))?;
    }
    Ok(())
}

/// Fails on the first row `pragma` (a `foreign_key_check`) reports.
fn dangling(conn: &Connection, pragma: &str) -> Result<()> {
    let found: Option<(String, i64, String)> =
        conn.prepare(pragma)?.query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?;
    match found {
        Some((child, rowid, parent)) => Err(CoreError::Conflict(format!(
            "Row {rowid} of {child} would refer to a {parent} record that no longer exists."
        ))),
        None => Ok(()),
    }
}

/// `check` over every table.
pub fn check_all(conn: &Connection) -> Result<()> {
    dangling(conn, "PRAGMA foreign_key_check")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             CREATE TABLE parent (id INTEGER PRIMARY KEY);
             CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id) ON DELETE CASCADE);
             CREATE TABLE grandchild (id INTEGER PRIMARY KEY, child_id INTEGER REFERENCES child (id) ON DELETE CASCADE);
             CREATE TABLE link (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id) ON DELETE SET NULL);
             CREATE TABLE kept (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id));
             INSERT INTO parent VALUES (1), (2), (3);
             INSERT INTO child VALUES (10, 1), (20, 2), (30, 3);
             INSERT INTO grandchild VALUES (100, 10), (200, 20);
             INSERT INTO link VALUES (1, 1), (2, 2);",
        )
        .unwrap();
        conn
    }

    fn ids(conn: &Connection, sql: &str) -> Vec<(i64, Option<i64>)> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
    }

    #[test]
    fn cascades_through_two_levels_and_clears_links() {
        let conn = db();
        assert_eq!(delete(&conn, "parent", &[1, 2]).unwrap(), 2);
        assert_eq!(ids(&conn, "SELECT id, parent_id FROM child"), [(30, Some(3))]);
        assert_eq!(ids(&conn, "SELECT id, child_id FROM grandchild"), []);
        assert_eq!(ids(&conn, "SELECT id, parent_id FROM link"), [(1, None), (2, None)]);
        check(&conn, &["child", "grandchild", "link", "kept"]).unwrap();
    }

    #[test]
    fn a_row_without_an_action_still_pointing_refuses_the_delete() {
        let conn = db();
        conn.execute("INSERT INTO kept VALUES (1, 3)", []).unwrap();
        let e = delete(&conn, "parent", &[3]).unwrap_err();
        assert_eq!(e.code(), "conflict");
        assert_eq!(delete(&conn, "parent", &[1]).unwrap(), 1, "the others are free to go");
    }

    #[test]
    fn check_finds_a_dangling_reference() {
        let conn = db();
        conn.execute("INSERT INTO link VALUES (3, 99)", []).unwrap();
        let e = check(&conn, &["link"]).unwrap_err();
        assert!(e.to_string().contains("link"), "{e}");
        let e = check_all(&conn).unwrap_err();
        assert!(e.to_string().contains("link"), "{e}");
        conn.execute("DELETE FROM link WHERE id = 3", []).unwrap();
        check_all(&conn).unwrap();
    }
}
