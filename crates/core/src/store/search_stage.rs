//! The full-text entries of a bulk write, indexed on a core of their own and spliced into `search_index`.
//!
//! SQLite has one writer, and FTS5 indexing (tokenizing, sorting terms, writing segments) was a third of a
//! million-row import's writer while the second core sat idle. So the writer hands the entries of the
//! records it creates to a thread that indexes them in an FTS5 table of the same definition in a scratch
//! database (`Db::write_long_staged` attaches it as `stage`). At the end, inside the import's transaction,
//! the staged segments are copied into `search_index`'s own tables under segment ids it does not use, and
//! its structure record lists them as its newest segments: the same index FTS5 would have written, built
//! beside the writer. The format is FTS5's (see `fts5_index.c`), which SQLite keeps readable across
//! versions; the tests check the spliced index with FTS5's own `integrity-check`.
//!
//! The entries' text goes straight into `search_index`'s content table as the writer hands them over
//! (`Stage::send`), and the staged table keeps none (`content = ''`, the same index format): storing it in the
//! stage and then copying it at the end was a fifth of the stage's work and most of the splice, which the
//! import waits for with the other core idle.
use std::path::PathBuf;
use std::sync::mpsc;
use std::thread::JoinHandle;

use rusqlite::{params, Connection, OptionalExtension};

use super::in_place::{Arg, InPlaceStatement};
use crate::error::{CoreError, Result};

/// The schema name of the attached scratch database.
pub const SCHEMA: &str = "stage";

/// The staged index's table name in the scratch database.
const TABLE: &str = "staged";

/// Entries handed to the stage at a time: (rowid, title, body).
pub type Run = Vec<(i64, String, String)>;

/// The thread indexing a bulk write's new entries. Dropping it stops the thread and waits for it.
pub struct Stage {
    runs: Option<mpsc::SyncSender<Run>>,
    thread: Option<JoinHandle<Result<()>>>,
    /// Entries sent, which the splice finds staged or refuses.
    sent: i64,
    /// The highest rowid `search_index` held when staging began: a staged rowid above it cannot have an entry
    /// there (everything written to it since is the stage's own), one below may be a stale one (`send`).
    held_up_to: i64,
    /// Time the writer spent handing runs over (a stage falling behind shows here).
    waited: std::time::Duration,
}

impl Stage {
    /// Starts indexing into the scratch database `conn` has attached, if it has one.
    pub fn start(conn: &Connection) -> Result<Option<Stage>> {
        let Some(path) = attached_path(conn)? else { return Ok(None) };
        let create = main_definition(conn)?;
        // Two runs in flight: the writer never waits for the stage unless it is two runs behind.
        let (runs, rx) = mpsc::sync_channel::<Run>(2);
        let thread = std::thread::Builder::new()
            .name("search-stage".into())
            .spawn(move || {
                crate::threads::lower_priority();
                index(&path, &create, rx)
            })
            .map_err(|e| CoreError::Internal(format!("cannot start the search index stage: {e}")))?;
        let held_up_to =
            conn.query_row("SELECT coalesce(max(id), 0) FROM main.search_index_content", [], |r| r.get(0))?;
        Ok(Some(Stage { runs: Some(runs), thread: Some(thread), sent: 0, held_up_to, waited: Default::default() }))
    }

    /// Stores the entries' text in `search_index` and queues them to be indexed; an error is the stage's own,
    /// when it stopped early. Runs go in rowid order, as the content table is read back.
    pub fn send(&mut self, conn: &Connection, mut run: Run) -> Result<()> {
        run.sort_unstable_by_key(|e| e.0);
        self.store_content(conn, &run)?;
        let started = std::time::Instant::now();
        self.sent += run.len() as i64;
        let sent = self.runs.as_ref().map(|tx| tx.send(run).is_ok()).unwrap_or(false);
        self.waited += started.elapsed();
        if sent {
            return Ok(());
        }
        self.join()?;
        Err(CoreError::Internal("the search index stage stopped".into()))
    }

    /// Writes the run's text into `search_index`'s content table, where the splice leaves the staged entries.
    /// An entry left under a staged rowid (a record purged long ago whose entry outlived it) goes first, the
    /// FTS5 way: its terms are deleted in `search_index`'s own segments, older than the staged ones, so the
    /// staged entry is the one that stays.
    fn store_content(&self, conn: &Connection, run: &Run) -> Result<()> {
        if run.first().is_some_and(|e| e.0 <= self.held_up_to) {
            let rowids: Vec<i64> = run.iter().map(|e| e.0).take_while(|r| *r <= self.held_up_to).collect();
            let mut stmt = conn.prepare_cached(
                "SELECT id FROM main.search_index_content WHERE id IN (SELECT value FROM json_each(?1))",
            )?;
            let stale: Vec<i64> =
                stmt.query_map([serde_json::to_string(&rowids)?], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            if !stale.is_empty() {
                super::search_index::delete_rowids(conn, &stale)?;
            }
        }
        // Bound in place: copying each title and body into SQLite was a quarter of storing them. Prepared once a
        // run (runs are whole multiples of the chunk), so the statement outlives no call.
        let mut full = None;
        let mut args = Vec::with_capacity(CONTENT_PER_INSERT * 3);
        for chunk in run.chunks(CONTENT_PER_INSERT) {
            let mut short = None;
            let slot = if chunk.len() == CONTENT_PER_INSERT { &mut full } else { &mut short };
            let insert = match slot {
                Some(insert) => insert,
                None => slot.insert(super::multi_insert::in_place(
                    conn,
                    "INSERT INTO main.search_index_content (id, c0, c1)",
                    "",
                    3,
                    chunk.len(),
                )?),
            };
            args.clear();
            args.extend(chunk.iter().flat_map(|(rowid, title, body)| [Arg::Int(*rowid), title.into(), body.into()]));
            insert.run(&args)?;
        }
        Ok(())
    }

    /// Waits until every entry sent is indexed and written to the scratch database, then splices them into
    /// `search_index` (`splice`).
    pub fn finish(mut self, conn: &Connection) -> Result<()> {
        let started = std::time::Instant::now();
        self.join()?;
        let joined = started.elapsed();
        splice(conn, self.sent)?;
        tracing::debug!(
            "search stage: the writer waited {:?} for it to take entries and {:?} for it to finish; splice {:?}",
            self.waited,
            joined,
            started.elapsed() - joined
        );
        Ok(())
    }

    fn join(&mut self) -> Result<()> {
        self.runs = None;
        match self.thread.take().map(JoinHandle::join) {
            None | Some(Ok(Ok(()))) => Ok(()),
            Some(Ok(Err(e))) => Err(e),
            Some(Err(_)) => Err(CoreError::Internal("the search index stage panicked".into())),
        }
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        let _ = self.join();
    }
}

/// The file attached as `stage`, if any.
fn attached_path(conn: &Connection) -> Result<Option<PathBuf>> {
    let mut stmt = conn.prepare("SELECT file FROM pragma_database_list WHERE name = ?1")?;
    let file: Option<String> = stmt.query_row([SCHEMA], |r| r.get(0)).optional()?;
    Ok(file.filter(|f| !f.is_empty()).map(PathBuf::from))
}

/// `search_index`'s CREATE statement, renamed for the stage: the same columns, tokenizer and prefixes, so
/// that its segments are the ones `search_index` would have written; without content of its own (`send`
/// stores the text in `search_index`).
fn main_definition(conn: &Connection) -> Result<String> {
    let sql = super::search_index::definition(conn)?;
    let body = sql
        .split_once('(')
        .and_then(|(_, rest)| rest.trim_end().strip_suffix(')'))
        .ok_or_else(|| CoreError::Internal("the search index definition has no column list".into()))?;
    Ok(format!("CREATE VIRTUAL TABLE {TABLE} USING fts5 ({body}, content = '')"))
}

/// Rows of text stored per statement: one statement's setup cost more than the row it wrote.
const CONTENT_PER_INSERT: usize = 100;

/// The stage thread: one transaction in a scratch file nothing else reads until the thread is done.
fn index(path: &std::path::Path, create: &str, runs: mpsc::Receiver<Run>) -> Result<()> {
    let conn = Connection::open(path)?;
    // Scratch data: a crash loses nothing the import's own rollback doesn't.
    conn.execute_batch(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE;
         PRAGMA cache_size = -2048;",
    )?;
    conn.execute_batch(create)?;
    // As a deferred bulk write in `search_index`: large segments, merged after the commit.
    for (key, value) in
        [("hashsize", STAGE_HASHSIZE), ("automerge", 0), ("crisismerge", super::search_index::BULK_CRISISMERGE)]
    {
        super::search_index::set_config_of(&conn, TABLE, key, value)?;
    }
    conn.execute_batch("BEGIN")?;
    {
        // The texts are read in place, not copied into SQLite first (`InPlaceStatement`).
        let mut insert =
            InPlaceStatement::prepare(&conn, &format!("INSERT INTO {TABLE} (rowid, title, body) VALUES (?1, ?2, ?3)"))?;
        // Runs come in rowid order (`send`).
        for mut run in runs {
            for (rowid, title, body) in &mut run {
                // FTS5 tokenizes C strings: SQLite copied each text bound without a NUL to add one, a twentieth
                // of the stage's work. Most strings have room for it where they lie (`reserve_exact` asks for
                // no more, which the allocator finds in the block it gave).
                for text in [&mut *title, &mut *body] {
                    text.reserve_exact(1);
                    text.push('\0');
                }
                insert.run(&[Arg::Int(*rowid), Arg::text_z(title), Arg::text_z(body)])?;
            }
        }
    }
    conn.execute_batch("COMMIT")?;
    Ok(())
}

/// FTS5's pending terms in the stage before it writes a segment: less than a bulk write in `search_index`
/// holds, since the stage's memory comes on top of the writer's (8 MiB and 16 MiB imported a million rows
/// in the same time; with 16 MiB a million-row workbook's import peaked within 4 MiB of 300 MiB).
const STAGE_HASHSIZE: i64 = 8 << 20;

/// Most segments an FTS5 index may have (FTS5_MAX_SEGMENT), and so the highest segment id.
const MAX_SEGMENTS: u64 = 2000;

/// Rowid of the averages record and of the structure record in an FTS5 `_data` table.
const AVERAGES_ROWID: i64 = 1;
const STRUCTURE_ROWID: i64 = 10;

/// Bits below the segment id in a `_data` rowid (dlidx flag, height, page number).
const SEGMENT_SHIFT: u32 = 37;

/// Moves the `expected` staged entries into `search_index`, inside the caller's transaction (their text is
/// there already).
fn splice(conn: &Connection, expected: i64) -> Result<()> {
    if expected == 0 {
        return Ok(());
    }
    // The averages record starts with the number of entries indexed.
    let staged_rows = varint::get(&read_block(conn, SCHEMA, TABLE, AVERAGES_ROWID)?, &mut 0)?;
    // Never a search index missing what was written: say so, and the write rolls back.
    if staged_rows != expected as u64 {
        return Err(CoreError::Internal(format!(
            "the search index stage holds {staged_rows} of the {expected} entries sent to it"
        )));
    }
    forget_cached_state(conn)?;
    let main = Structure::read(conn, "main", "search_index")?;
    let staged = Structure::read(conn, SCHEMA, TABLE)?;
    match (main, staged) {
        (Some(main), Some(staged)) if main.segments() + staged.segments() <= MAX_SEGMENTS as usize => {
            copy_segments(conn, main, staged)
        }
        // A structure this code does not know, or no room for the segments: index everything again from the
        // text, the slow way.
        _ => {
            conn.execute_batch("INSERT INTO search_index (search_index) VALUES ('rebuild')")?;
            Ok(())
        }
    }
}

/// Makes FTS5 write out the terms it holds for `search_index` and drop what it caches of its tables (the
/// structure record, the totals) on this connection, so that it reads them again after they are changed
/// under it: a savepoint writes the terms out, and rolling back to it discards the caches.
fn forget_cached_state(conn: &Connection) -> Result<()> {
    conn.execute_batch("SAVEPOINT search_splice; ROLLBACK TO search_splice; RELEASE search_splice;")?;
    Ok(())
}

fn copy_segments(conn: &Connection, mut main: Structure, staged: Structure) -> Result<()> {
    let mut used: Vec<u64> = main.levels.iter().flat_map(|l| l.segments.iter().map(|s| s.id)).collect();
    used.sort_unstable();
    let mut free = (1..=MAX_SEGMENTS).filter(|id| used.binary_search(id).is_err());
    let mut moved = Vec::new();
    for level in &staged.levels {
        for seg in &level.segments {
            let id = free.next().ok_or_else(|| CoreError::Internal("no free full-text segment id".into()))?;
            moved.push(Segment { id, ..*seg });
            let shift = ((id as i64) - (seg.id as i64)) << SEGMENT_SHIFT;
            conn.execute(
                &format!(
                    "INSERT INTO main.search_index_data (id, block)
                     SELECT id + ?1, block FROM {SCHEMA}.{TABLE}_data WHERE id >= ?2 AND id < ?3 ORDER BY id"
                ),
                params![shift, (seg.id as i64) << SEGMENT_SHIFT, ((seg.id + 1) as i64) << SEGMENT_SHIFT],
            )?;
            conn.execute(
                &format!(
                    "INSERT INTO main.search_index_idx (segid, term, pgno)
                     SELECT ?1, term, pgno FROM {SCHEMA}.{TABLE}_idx WHERE segid = ?2"
                ),
                params![id as i64, seg.id as i64],
            )?;
        }
    }
    // The staged segments are the newest: they go last on level 0, where FTS5 puts every new segment.
    if main.levels.is_empty() {
        main.levels.push(Level::default());
    }
    main.levels[0].segments.extend(moved);
    main.write_counter += staged.write_counter;
    let averages = sum_varints(
        &read_block(conn, "main", "search_index", AVERAGES_ROWID)?,
        &read_block(conn, SCHEMA, TABLE, AVERAGES_ROWID)?,
    )?;
    write_block(conn, AVERAGES_ROWID, &averages)?;
    write_block(conn, STRUCTURE_ROWID, &main.encode())
}

fn read_block(conn: &Connection, schema: &str, table: &str, rowid: i64) -> Result<Vec<u8>> {
    Ok(conn.query_row(&format!("SELECT block FROM {schema}.{table}_data WHERE id = ?1"), [rowid], |r| r.get(0))?)
}

fn write_block(conn: &Connection, rowid: i64, block: &[u8]) -> Result<()> {
    conn.execute("UPDATE main.search_index_data SET block = ?2 WHERE id = ?1", params![rowid, block])?;
    Ok(())
}

/// The averages record is the row count, then each column's token count: both indexes' records added up.
fn sum_varints(a: &[u8], b: &[u8]) -> Result<Vec<u8>> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        let x = if i < a.len() { varint::get(a, &mut i)? } else { 0 };
        let y = if j < b.len() { varint::get(b, &mut j)? } else { 0 };
        varint::put(&mut out, x + y);
    }
    Ok(out)
}

/// An FTS5 structure record: which segments make up the index, level by level, oldest first.
#[derive(Debug, Default, PartialEq)]
struct Structure {
    cookie: [u8; 4],
    write_counter: u64,
    levels: Vec<Level>,
}

#[derive(Debug, Default, PartialEq)]
struct Level {
    /// Segments at the front of the level taking part in an incremental merge.
    merging: u64,
    segments: Vec<Segment>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Segment {
    id: u64,
    first_page: u64,
    last_page: u64,
}

/// What marks a V2 structure record (contentless_delete tables), which has more per segment.
const STRUCTURE_V2: [u8; 4] = [0xFF, 0x00, 0x00, 0x01];

impl Structure {
    /// The structure record of `schema.table`; None when it is in a format this code does not write.
    fn read(conn: &Connection, schema: &str, table: &str) -> Result<Option<Structure>> {
        Structure::decode(&read_block(conn, schema, table, STRUCTURE_ROWID)?)
    }

    fn decode(b: &[u8]) -> Result<Option<Structure>> {
        let cookie: [u8; 4] = b.get(..4).and_then(|c| c.try_into().ok()).ok_or_else(corrupt)?;
        if b.get(4..8) == Some(&STRUCTURE_V2[..]) {
            return Ok(None);
        }
        let mut i = 4;
        let levels = varint::get(b, &mut i)?;
        let mut segments = varint::get(b, &mut i)?;
        let write_counter = varint::get(b, &mut i)?;
        let mut out = Structure { cookie, write_counter, levels: Vec::new() };
        for _ in 0..levels {
            let merging = varint::get(b, &mut i)?;
            let count = varint::get(b, &mut i)?;
            segments = segments.checked_sub(count).ok_or_else(corrupt)?;
            let mut level = Level { merging, segments: Vec::new() };
            for _ in 0..count {
                let id = varint::get(b, &mut i)?;
                let first_page = varint::get(b, &mut i)?;
                let last_page = varint::get(b, &mut i)?;
                level.segments.push(Segment { id, first_page, last_page });
            }
            out.levels.push(level);
        }
        if segments != 0 || i != b.len() {
            return Err(corrupt());
        }
        Ok(Some(out))
    }

    fn encode(&self) -> Vec<u8> {
        let mut out = self.cookie.to_vec();
        varint::put(&mut out, self.levels.len() as u64);
        varint::put(&mut out, self.segments() as u64);
        varint::put(&mut out, self.write_counter);
        for level in &self.levels {
            varint::put(&mut out, level.merging);
            varint::put(&mut out, level.segments.len() as u64);
            for s in &level.segments {
                varint::put(&mut out, s.id);
                varint::put(&mut out, s.first_page);
                varint::put(&mut out, s.last_page);
            }
        }
        out
    }

    fn segments(&self) -> usize {
        self.levels.iter().map(|l| l.segments.len()).sum()
    }
}

fn corrupt() -> CoreError {
    CoreError::Internal("the full-text index's structure record is not in a format Outpost reads".into())
}

/// SQLite's variable-length integers, which FTS5 records are made of.
mod varint {
    use crate::error::Result;

    pub fn get(b: &[u8], i: &mut usize) -> Result<u64> {
        let mut v = 0_u64;
        for n in 0..9 {
            let byte = *b.get(*i).ok_or_else(super::corrupt)?;
            *i += 1;
            if n == 8 {
                return Ok((v << 8) | u64::from(byte));
            }
            v = (v << 7) | u64::from(byte & 0x7f);
            if byte & 0x80 == 0 {
                break;
            }
        }
        Ok(v)
    }

    pub fn put(out: &mut Vec<u8>, mut v: u64) {
        if v >> 56 != 0 {
            let mut nine = [0_u8; 9];
            nine[8] = v as u8;
            v >>= 8;
            for byte in nine[..8].iter_mut().rev() {
                *byte = (v as u8 & 0x7f) | 0x80;
                v >>= 7;
            }
            out.extend_from_slice(&nine);
            return;
        }
        let mut groups = Vec::with_capacity(9);
        loop {
            groups.push((v as u8 & 0x7f) | 0x80);
            v >>= 7;
            if v == 0 {
                break;
            }
        }
        groups[0] &= 0x7f;
        out.extend(groups.iter().rev());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_read_back_as_written() {
        for v in [0, 1, 127, 128, 16_383, 16_384, 1 << 35, (1 << 56) - 1, 1 << 56, u64::MAX] {
            let mut out = Vec::new();
            varint::put(&mut out, v);
            let mut i = 0;
            assert_eq!(varint::get(&out, &mut i).unwrap(), v, "{v}");
            assert_eq!(i, out.len());
        }
    }

    fn integrity_ok(conn: &Connection) {
        conn.execute("INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)", [])
            .expect("FTS5 finds the index and its content in agreement");
    }

    fn titles(conn: &Connection, query: &str) -> Vec<(i64, String)> {
        let mut stmt =
            conn.prepare("SELECT rowid, title FROM search_index WHERE search_index MATCH ?1 ORDER BY rowid").unwrap();
        stmt.query_map([query], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
    }

    #[test]
    fn staged_entries_spliced_into_a_live_index_are_what_fts5_would_have_written() {
        splice_into_a_live_index(true);
        splice_into_a_live_index(false);
    }

    /// `replacing`: one staged entry lands on the rowid of an old entry.
    fn splice_into_a_live_index(replacing: bool) {
        let dir = tempfile::tempdir().unwrap();
        let conn = Connection::open(dir.path().join("main.db")).unwrap();
        conn.execute_batch("PRAGMA journal_mode = WAL").unwrap();
        conn.execute_batch(super::super::search_index::DEFINITION).unwrap();
        // An index with history: a segment per transaction (some merged into deeper levels), a deletion.
        for i in 0..40_i64 {
            conn.execute(
                "INSERT INTO search_index (rowid, title, body) VALUES (?1, ?2, 'old body')",
                params![i * 4, format!("Old{i} Smith")],
            )
            .unwrap();
        }
        conn.execute("DELETE FROM search_index WHERE rowid = 8", []).unwrap();
        conn.execute("ATTACH DATABASE ?1 AS stage", [dir.path().join("stage.db").to_string_lossy()]).unwrap();
        conn.execute_batch("BEGIN").unwrap();
        // Terms pending in FTS5's memory and a structure it has cached, both on this connection, in this write.
        conn.execute("INSERT INTO search_index (rowid, title, body) VALUES (201, 'Pending Entry', '')", []).unwrap();
        assert_eq!(titles(&conn, "old1*").len(), 11, "the cached structure is loaded");

        let mut stage = Stage::start(&conn).unwrap().expect("a stage database is attached");
        // Rowid 40 holds an old entry: the staged one replaces it.
        let replacement = replacing.then(|| (40, "Replacement Entry".to_string(), String::new()));
        let staged: Run = (0..3000_i64)
            .map(|i| (1000 + i * 4, format!("New{i} Jones"), format!("new body {i}")))
            .chain(replacement)
            .collect();
        let (first, second) = staged.split_at(1500);
        stage.send(&conn, first.to_vec()).unwrap();
        stage.send(&conn, second.to_vec()).unwrap();
        stage.finish(&conn).unwrap();

        // FTS5 writes on the same connection after the splice build on the spliced structure.
        conn.execute("DELETE FROM search_index WHERE rowid = 1004", []).unwrap();
        conn.execute("INSERT INTO search_index (rowid, title, body) VALUES (99999, 'After Splice', '')", []).unwrap();
        conn.execute_batch("COMMIT").unwrap();

        integrity_ok(&conn);
        let count: i64 = conn.query_row("SELECT count(*) FROM search_index_content", [], |r| r.get(0)).unwrap();
        assert_eq!(count, 39 + 1 + 3000 - 1 + 1, "old, pending, staged, deleted, added");
        if replacing {
            assert_eq!(titles(&conn, "old10"), [], "rowid 40's old entry is gone");
            assert_eq!(titles(&conn, "replacement"), [(40, "Replacement Entry".to_string())]);
        } else {
            assert_eq!(titles(&conn, "old10"), [(40, "Old10 Smith".to_string())]);
        }
        assert_eq!(titles(&conn, "new1"), [], "rowid 1004 was deleted after the splice");
        assert_eq!(titles(&conn, "new2999"), [(1000 + 2999 * 4, "New2999 Jones".to_string())]);
        assert_eq!(titles(&conn, "jo*").len(), 2999, "prefix indexes came along");
        assert_eq!(titles(&conn, "pending"), [(201, "Pending Entry".to_string())]);
        assert_eq!(titles(&conn, "after"), [(99999, "After Splice".to_string())]);
        let total_rows = varint::get(&read_block(&conn, "main", "search_index", AVERAGES_ROWID).unwrap(), &mut 0);
        assert_eq!(total_rows.unwrap(), count as u64, "the averages record counts every row");

        // Merging everything into one segment keeps it whole.
        conn.execute("INSERT INTO search_index (search_index) VALUES ('optimize')", []).unwrap();
        integrity_ok(&conn);
        assert_eq!(titles(&conn, "new2999").len(), 1);
    }

    #[test]
    fn nothing_attached_means_no_stage() {
        let conn = Connection::open_in_memory().unwrap();
        assert!(Stage::start(&conn).unwrap().is_none());
    }

    #[test]
    fn a_structure_record_written_by_fts5_reads_and_encodes_back_byte_for_byte() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(super::super::search_index::DEFINITION).unwrap();
        conn.execute("INSERT INTO search_index (search_index, rank) VALUES ('automerge', 0)", []).unwrap();
        for i in 0..5 {
            // A transaction each: a segment each.
            conn.execute("INSERT INTO search_index (rowid, title, body) VALUES (?1, 'ada', 'x')", [i]).unwrap();
        }
        let block = read_block(&conn, "main", "search_index", STRUCTURE_ROWID).unwrap();
        let s = Structure::decode(&block).unwrap().unwrap();
        assert_eq!(s.segments(), 5);
        assert_eq!(s.encode(), block);
    }
}
