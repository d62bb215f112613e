//! Every connection is set up here, the same way: WAL, foreign keys, busy timeout, cache.
use std::io::Read;
use std::path::Path;

use rusqlite::Connection;

use crate::error::{CoreError, Result};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

pub fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    // An import row runs a few dozen distinct statements; the default cache of 16 would re-prepare them.
    conn.set_prepared_statement_cache_capacity(128);
    // 16 KiB pages for a new database (an existing one keeps its own): a bulk write splits, allocates and
    // spills a quarter as many pages; a 1M-row import took 12–14 s instead of 16.5 s with 4 KiB pages
    // (BENCHMARKS.md, session 8). Only before WAL mode is set can it take effect.
    conn.execute_batch(
        "PRAGMA page_size = 16384;
         PRAGMA journal_mode = WAL;
         PRAGMA synchronous = NORMAL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -32768;", // 32 MiB: unique-index upserts stop scaling linearly below that
    )?;
    Ok(())
}

/// Refuses a file that exists but is not SQLite, before SQLite gets a chance to write to it.
pub fn check_header(path: &Path) -> Result<()> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(CoreError::io(format!("cannot read {}", path.display()), e)),
    };
    let mut head = [0u8; 16];
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) => return Err(CoreError::io(format!("cannot read {}", path.display()), e)),
        }
    }
    if read == 0 {
        return Ok(()); // an empty file is a new database
    }
    if read < head.len() || &head != SQLITE_MAGIC {
        return Err(CoreError::DatabaseCorrupt {
            path: path.into(),
            detail: "the file is not an SQLite database".into(),
        });
    }
    Ok(())
}
