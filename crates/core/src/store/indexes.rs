//! Secondary indexes set aside during a bulk write and rebuilt after it. Building an index once over the
//! finished table (a sort) is far cheaper than growing it a row at a time when the write adds about as
//! many rows as the table held: a million-row import into an empty database is the case this serves.
//! All of it runs inside the caller's transaction, so a failure or rollback brings the indexes back.
use rusqlite::Connection;

use crate::error::Result;

/// Indexes dropped by `suspend`, with the SQL that recreates each exactly as its migration wrote it.
#[must_use = "the indexes must be rebuilt with `rebuild` before the transaction commits"]
pub struct Suspended {
    indexes: Vec<(String, String)>,
}

/// Drops `table`'s secondary indexes except those named in `keep` (the ones the bulk write itself reads).
pub fn suspend(conn: &Connection, table: &str, keep: &[&str]) -> Result<Suspended> {
    let mut stmt = conn.prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL ORDER BY name",
    )?;
    let indexes: Vec<(String, String)> = stmt
        .query_map([table], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter(|(name, _)| !keep.contains(&name.as_str()))
        .collect();
    for (name, _) in &indexes {
        // Names come from the schema itself, quoted: never from input.
        conn.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(Suspended { indexes })
}

impl Suspended {
    pub fn rebuild(self, conn: &Connection) -> Result<()> {
        for (_, sql) in &self.indexes {
            conn.execute_batch(sql)?;
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
