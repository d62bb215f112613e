//! The database handle: one SQLite file, a pool of connections set up identically, and one writer at a time.
mod connection;
mod migrate;
mod scratch;
mod sqlite_memory;

pub use connection::check_header;
pub use migrate::{schema_version, supported_version};
pub use sqlite_memory::give_sqlite_mimalloc;

/// Brings a connection's database to the current schema (a restored backup may be older).
pub fn migrate_connection(conn: &mut Connection) -> Result<()> {
    migrate::run(conn)
}

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::{CoreError, Result};

pub type Pool = r2d2::Pool<SqliteConnectionManager>;

pub struct Db {
    pool: Pool,
    path: PathBuf,
    // Writers queue here instead of spinning on SQLITE_BUSY; readers never wait (WAL).
    write_lock: Arc<Mutex<()>>,
    // Narrowed list pages and counts share one connection, opened on first use: the matches a filter keeps in
    // its TEMP tables (`store::lists`) are then found once for the count and every page, not once per pooled
    // connection.
    lists: Mutex<Option<Connection>>,
    // The checkpoint a long write leaves running on its own thread (see `write_long`).
    checkpoint: Mutex<Option<JoinHandle<()>>>,
    // Builders of indexes a bulk write set aside (`store::indexes`); they take turns through `build_turn`.
    builders: Mutex<Vec<JoinHandle<()>>>,
    build_turn: Arc<Mutex<()>>,
    // Asks builders to stop after the index at hand (closing); the rest is built at the next open.
    stop_building: Arc<AtomicBool>,
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
        finish_index_builds_before_migrating(&mut conn).map_err(|e| with_path(path, e))?;
        migrate::run(&mut conn).map_err(|e| with_path(path, e))?;
        drop(conn);
        scratch::remove_stale(path);

        let manager = SqliteConnectionManager::file(path).with_init(|c| connection::configure(c));
        let pool = r2d2::Pool::builder()
            .max_size(4)
            .build(manager)
            .map_err(|e| CoreError::Internal(format!("cannot open {}: {e}", path.display())))?;
        let db = Db {
            pool,
            path: path.to_path_buf(),
            write_lock: Arc::new(Mutex::new(())),
            lists: Mutex::new(None),
            checkpoint: Mutex::new(None),
            builders: Mutex::new(Vec::new()),
            build_turn: Arc::new(Mutex::new(())),
            stop_building: Arc::new(AtomicBool::new(false)),
        };
        // A process stopped before its set-aside indexes were built resumes them.
        if db.read(crate::store::indexes::pending)? {
            db.build_indexes_in_background();
        }
        Ok(db)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` on a pooled connection (reads see the last committed state).
    pub fn read<T>(&self, f: impl FnMut(&Connection) -> Result<T>) -> Result<T> {
        let conn = self.pool.get()?;
        again_on_schema_change(&conn, f)
    }

    /// Runs `f` on the connection kept for narrowed lists (see the `lists` field); calls queue for it.
    pub fn read_lists<T>(&self, f: impl FnMut(&Connection) -> Result<T>) -> Result<T> {
        let mut kept = self.lists.lock().unwrap_or_else(|p| p.into_inner());
        let conn = match &mut *kept {
            Some(conn) => conn,
            None => kept.insert(self.dedicated()?),
        };
        again_on_schema_change(conn, f)
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
        self.long_write(commit, true, None, f)
    }

    /// A long write with a scratch database attached as `stage`, where a thread of its own builds the
    /// full-text entries of what it creates (`store::search_stage`). The file sits beside the database and is
    /// removed when the write ends.
    ///
    /// Foreign keys are off: this is an import, which links only records it read or wrote itself in the same
    /// transaction, under the write lock, and deletes none. SQLite checked each reference as it was written,
    /// a cursor opened on the parent table and a seek for every contact, point and note: a tenth of a large
    /// import's writer. Debug builds check every reference before the commit (`store::cascade::check_all`),
    /// so the tests catch a writer that breaks that.
    pub fn write_long_staged<T>(&self, commit: bool, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let scratch = scratch::Scratch::for_write(&self.path);
        self.long_write(commit, false, Some(scratch.path()), f)
    }

    /// A long write with foreign keys off, for a bulk delete that runs the schema's ON DELETE actions itself,
    /// set-based (`store::cascade`); `f` checks what else it wrote (`store::cascade::check`) before it returns.
    pub fn write_long_unchecked<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        self.long_write(true, false, None, f)
    }

    fn long_write<T>(
        &self,
        commit: bool,
        foreign_keys: bool,
        stage: Option<&Path>,
        f: impl FnOnce(&Transaction) -> Result<T>,
    ) -> Result<T> {
        let _guard = self.write_lock.lock().unwrap_or_else(|p| p.into_inner());
        let mut conn = self.dedicated()?;
        // A long write leaves a WAL about as large as the pages it wrote. SQLite's automatic checkpoint folds it
        // into the file inside the commit (a million-row import: a tenth of its time); it is folded on a thread
        // of its own after the commit instead, which blocks neither readers nor writers. The page cache: 48 MiB
        // imported a million-row workbook as fast as 64 MiB did, and peaked 35–40 MiB lower (with the search
        // stage and mimalloc, 64 MiB came within a few MiB of the 300 MB budget).
        conn.execute_batch("PRAGMA cache_size = -49152; PRAGMA wal_autocheckpoint = 0;")?;
        // Only outside a transaction does this pragma take; the connection is this write's alone.
        conn.pragma_update(None, "foreign_keys", foreign_keys)?;
        let tx = match stage {
            None => conn.transaction_with_behavior(TransactionBehavior::Immediate)?,
            Some(stage) => {
                let schema = crate::store::search_stage::SCHEMA;
                conn.execute(&format!("ATTACH DATABASE ?1 AS {schema}"), [stage.to_string_lossy()])?;
                // IMMEDIATE would open a transaction on the stage too, which would go on seeing the file as
                // the empty one it was then, whatever the stage thread writes to it. A write to main as the
                // first statement takes main's write lock just as IMMEDIATE does.
                let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
                tx.execute_batch("DELETE FROM main.import_jobs WHERE 0")?;
                tx
            }
        };
        let out = f(&tx)?;
        if commit {
            tx.commit()?;
            self.checkpoint_in_background();
        }
        Ok(out)
    }

    fn checkpoint_in_background(&self) {
        let mut running = self.checkpoint.lock().unwrap_or_else(|p| p.into_inner());
        // One at a time: a second would find the first holding the checkpoint lock and do nothing.
        if running.as_ref().is_some_and(|h| !h.is_finished()) {
            return;
        }
        let path = self.path.clone();
        *running = std::thread::Builder::new()
            .name("wal-checkpoint".into())
            .spawn(move || {
                let folded = Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)
                    .and_then(|c| c.execute_batch("PRAGMA wal_checkpoint(PASSIVE);"));
                if let Err(e) = folded {
                    // Not lost: the next commit's automatic checkpoint folds what is left.
                    tracing::warn!("checkpoint after a long write: {e}");
                }
            })
            .ok();
    }

    /// Builds the indexes a bulk write queued (`store::indexes::defer`) on a thread of its own, one index per
    /// transaction, taking the write lock like any writer: a rep's edit waits for one index at most.
    pub fn build_indexes_in_background(&self) {
        let (path, write_lock, turn, stop) =
            (self.path.clone(), self.write_lock.clone(), self.build_turn.clone(), self.stop_building.clone());
        let spawned = std::thread::Builder::new().name("index-builder".into()).spawn(move || {
            // Builders take turns: one started after a write always finds that write's queue.
            let _turn = turn.lock().unwrap_or_else(|p| p.into_inner());
            let built = (|| -> Result<()> {
                let mut conn = Connection::open(&path)?;
                connection::configure(&conn)?;
                // The sort of a large index runs in sorted runs on a second core, spilled to a temporary file
                // rather than held in memory (the import's memory may not have been given back yet).
                conn.execute_batch("PRAGMA threads = 2; PRAGMA cache_size = -8192; PRAGMA temp_store = FILE;")?;
                while !stop.load(Ordering::Relaxed) {
                    let _guard = write_lock.lock().unwrap_or_else(|p| p.into_inner());
                    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                    if !crate::store::indexes::build_next(&tx)? {
                        break;
                    }
                    tx.commit()?;
                }
                Ok(())
            })();
            if let Err(e) = built {
                // Still queued: the next open tries again, and lists work without it, only slower.
                tracing::warn!("building a set-aside index: {e}");
            }
        });
        match spawned {
            Ok(handle) => self.builders.lock().unwrap_or_else(|p| p.into_inner()).push(handle),
            Err(e) => tracing::warn!("cannot start the index builder: {e}"),
        }
    }

    /// Waits for the checkpoint and the index builds a long write started, if any (the CLI before it exits,
    /// benchmarks, tests).
    pub fn settle(&self) {
        let running = self.checkpoint.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(handle) = running {
            let _ = handle.join();
        }
        let builders = std::mem::take(&mut *self.builders.lock().unwrap_or_else(|p| p.into_inner()));
        for handle in builders {
            let _ = handle.join();
        }
    }

    /// Runs `f` with the writer lock held on a dedicated connection outside any transaction (a restore
    /// replaces the whole file's content through the backup API, which manages its own locking).
    pub fn write_raw<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        let _guard = self.write_lock.lock().unwrap_or_else(|p| p.into_inner());
        let mut conn = self.dedicated()?;
        f(&mut conn)
    }

    /// `write_raw` with the path of a scratch file beside the database for `f` to use, removed afterwards.
    pub fn write_raw_with_scratch<T>(&self, f: impl FnOnce(&mut Connection, &Path) -> Result<T>) -> Result<T> {
        let scratch = scratch::Scratch::for_write(&self.path);
        self.write_raw(|conn| f(conn, scratch.path()))
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
        self.stop_building.store(true, Ordering::Relaxed);
        self.settle();
        // Never create the file: it may have been moved or deleted meanwhile.
        if let Ok(conn) = Connection::open_with_flags(&self.path, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE) {
            let _ = conn.busy_timeout(std::time::Duration::from_millis(500));
            let _ = conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);");
        }
    }
}

/// A migration may change an index that a stopped bulk write left queued: those are built first.
fn finish_index_builds_before_migrating(conn: &mut Connection) -> Result<()> {
    if migrate::schema_version(conn)? >= migrate::supported_version() {
        return Ok(());
    }
    let queue: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'index_builds')",
        [],
        |r| r.get(0),
    )?;
    if queue {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        while crate::store::indexes::build_next(&tx)? {}
        tx.commit()?;
    }
    Ok(())
}

/// Runs a read once more when it failed because another connection changed the schema under it: after the
/// full-text table is rebuilt (an undo of a large import does), a connection's cached statements on it failed
/// once, at random, while it reconnected to the new table.
fn again_on_schema_change<T>(conn: &Connection, mut f: impl FnMut(&Connection) -> Result<T>) -> Result<T> {
    match f(conn) {
        Err(e) if e.is_schema_changed() => {
            conn.flush_prepared_statement_cache();
            f(conn)
        }
        other => other,
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
