//! INSERT statements that write many rows each: a statement's setup (cursors opened and closed, a descent to
//! the end of the table and of each index) cost more than the row it wrote.
use rusqlite::{CachedStatement, Connection};

use crate::error::Result;

/// The cached `{head} VALUES (?, …), …` statement for `rows` rows of `width` values each; row i's values are
/// the parameters i × width + 1 to (i + 1) × width.
pub(super) fn statement<'c>(
    conn: &'c Connection,
    head: &str,
    width: usize,
    rows: usize,
) -> Result<CachedStatement<'c>> {
    let row = format!("({})", vec!["?"; width].join(", "));
    Ok(conn.prepare_cached(&format!("{head} VALUES {}", vec![row.as_str(); rows].join(", ")))?)
}
