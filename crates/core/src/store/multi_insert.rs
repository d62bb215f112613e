//! INSERT statements that write many rows each: a statement's setup (cursors opened and closed, a descent to
//! the end of the table and of each index) cost more than the row it wrote.
use rusqlite::{CachedStatement, Connection};

use super::in_place::InPlaceStatement;
use crate::error::Result;

/// The cached `{head} VALUES (…), …` statement for `rows` rows of `width` values each, every row starting with
/// `shared`: SQL the rows have in common (literals, and parameters numbered ?1 to ?k), bound once for the
/// statement instead of once a row (none when empty). Row i's own values are the parameters k + i × width + 1
/// to k + (i + 1) × width.
pub(super) fn statement_sharing<'c>(
    conn: &'c Connection,
    head: &str,
    shared: &str,
    width: usize,
    rows: usize,
) -> Result<CachedStatement<'c>> {
    Ok(conn.prepare_cached(&sql(head, shared, width, rows))?)
}

/// `statement_sharing` with its texts bound in place (`InPlaceStatement`), for a caller that holds it for many
/// runs: the connection's cache hands out statements that copy every text bound.
pub(super) fn in_place<'c>(
    conn: &'c Connection,
    head: &str,
    shared: &str,
    width: usize,
    rows: usize,
) -> Result<InPlaceStatement<'c>> {
    InPlaceStatement::prepare(conn, &sql(head, shared, width, rows))
}

fn sql(head: &str, shared: &str, width: usize, rows: usize) -> String {
    // A bare `?` takes the number after the highest one yet: after the first row's shared parameters, the
    // rows' own values number themselves.
    let own = vec!["?"; width].join(", ");
    let row = if shared.is_empty() { format!("({own})") } else { format!("({shared}, {own})") };
    format!("{head} VALUES {}", vec![row.as_str(); rows].join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_share_their_common_values_and_number_their_own_after_them() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (kind TEXT, at TEXT, a INTEGER, b TEXT)").unwrap();
        let mut insert = statement_sharing(&conn, "INSERT INTO t (kind, at, a, b)", "'x', ?1", 2, 3).unwrap();
        insert.raw_bind_parameter(1, "now").unwrap();
        for i in 0..3 {
            insert.raw_bind_parameter(2 + i * 2, i as i64).unwrap();
            insert.raw_bind_parameter(3 + i * 2, format!("b{i}")).unwrap();
        }
        assert_eq!(insert.raw_execute().unwrap(), 3);
        let rows: Vec<(String, String, i64, String)> = conn
            .prepare("SELECT kind, at, a, b FROM t ORDER BY a")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let want: Vec<(String, String, i64, String)> =
            (0..3).map(|i| ("x".into(), "now".into(), i, format!("b{i}"))).collect();
        assert_eq!(rows, want);
        let mut plain = statement_sharing(&conn, "INSERT INTO t (a, b)", "", 2, 2).unwrap();
        for (i, v) in [(1, 7_i64), (2, 8)] {
            plain.raw_bind_parameter(i, v).unwrap();
        }
        plain.raw_bind_parameter(3, 9).unwrap();
        plain.raw_bind_parameter(4, 10).unwrap();
        assert_eq!(plain.raw_execute().unwrap(), 2);
    }
}
