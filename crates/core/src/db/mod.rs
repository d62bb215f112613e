//! The database handle: one SQLite file, a pool of connections set up identically, and one writer at a time.
mod connection;
mod migrate;

pub use connection::check_header;
pub use migrate::{schema_version, supported_version};

/// Brings a connection's database to the current schema (a restored backup may be older).
pub fn migrate_connection(conn: &mut Connection) -> Result<()> {
    migrate::run(conn)
}

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::{CoreError, Result};

pub type Pool = r2d2::Pool<SqliteConnectionManager>;

pub struct Db {
    pool: Pool,
    path: PathBuf,
    // Writers queue here instead of spinning on SQLITE_BUSY; readers never wait (WAL).
    write_lock: Mutex<()>,
    // Narrowed list pages and counts share one connection, opened on first use: the matches a filter keeps in
    // its TEMP tables (`store::lists`) are then found once for the count and every page, not once per pooled
    // connection.
    lists: Mutex<Option<Connection>>,
}

impl Db {
    /// Opens (creating when missing) the database at `path`, refuses a newer or corrupt file without
    /// touching it, and brings the schema up to date.
    pub fn open(path: &Path) -> Result<Db> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| CoreError::io(format!("cannot create the folder {}", dir.display()), e))?;
        }
        connection::check_header(path)?;
        let mut conn = Connection::open(path).map_err(|e| corrupt_or(path, e))?;
        // Before anything writes (even switching to WAL rewrites the header): refuse a newer schema.
        migrate::refuse_newer(&conn).map_err(|e| with_path(path, e))?;
        connection::configure(&conn).map_err(|e| corrupt_or(path, e))?;
        migrate::run(&mut conn).map_err(|e| with_path(path, e))?;
        drop(conn);

        let manager = SqliteConnectionManager::file(path).with_init(|c| connection::configure(c));
        let pool = r2d2::Pool::builder()
            .max_size(4)
            .build(manager)
            .map_err(|e| CoreError::Internal(format!("cannot open {}: {e}", path.display())))?;
        Ok(Db { pool, path: path.to_path_buf(), write_lock: Mutex::new(()), lists: Mutex::new(None) })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` on a pooled connection (reads see the last committed state).
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let conn = self.pool.get()?;
        f(&conn)
    }

    /// Runs `f` on the connection kept for narrowed lists (see the `lists` field); calls queue for it.
    pub fn read_lists<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let mut kept = self.lists.lock().unwrap_or_else(|p| p.into_inner());
        let conn = match &mut *kept {
            Some(conn) => conn,
            None => kept.insert(self.dedicated()?),
        };
        f(conn)
    }

    /// Runs `f` in one IMMEDIATE transaction: all of it commits, or none of it.
    pub fn write<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let _guard = self.write_lock.lock().unwrap_or_else(|p| p.into_inner());
        let mut conn = self.pool.get()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// A long write (an import, an undo of one) on its own connection with a bigger page cache: one
    /// IMMEDIATE transaction, committed only when `f` succeeds and `commit` is true (a dry run rolls back).
    pub fn write_long<T>(&self, commit: bool, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let _guard = self.write_lock.lock().unwrap_or_else(|p| p.into_inner());
        let mut conn = self.dedicated()?;
        conn.execute_batch("PRAGMA cache_size = -65536")?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        if commit {
            tx.commit()?;
        }
        Ok(out)
    }

    /// Runs `f` with the writer lock held on a dedicated connection outside any transaction (a restore
    /// replaces the whole file's content through the backup API, which manages its own locking).
    pub fn write_raw<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        let _guard = self.write_lock.lock().unwrap_or_else(|p| p.into_inner());
        let mut conn = self.dedicated()?;
        f(&mut conn)
    }

    /// A dedicated connection outside the pool, for long jobs (bulk import, backup) that manage their own
    /// transactions.
    pub fn dedicated(&self) -> Result<Connection> {
        let conn = Connection::open(&self.path)?;
        connection::configure(&conn)?;
        Ok(conn)
    }
}

impl Drop for Db {
    /// Folds the WAL back into the database file on the way out, so a closed database is one file even when
    /// a pool connection is still being set up on another thread (its close would skip the checkpoint).
    fn drop(&mut self) {
        // Never create the file: it may have been moved or deleted meanwhile.
        if let Ok(conn) = Connection::open_with_flags(&self.path, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE) {
            let _ = conn.busy_timeout(std::time::Duration::from_millis(500));
            let _ = conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);");
        }
    }
}

fn corrupt_or(path: &Path, e: rusqlite::Error) -> CoreError {
    with_path(path, CoreError::from(e))
}

/// Names the file in a corruption error (rusqlite's error does not know it).
fn with_path(path: &Path, e: CoreError) -> CoreError {
    match e {
        CoreError::DatabaseCorrupt { detail, .. } => CoreError::DatabaseCorrupt { path: path.into(), detail },
        other => other,
    }
}
