//! The shared full-text index. Written by the store alongside each record (no triggers: see the schema).
use std::cell::RefCell;

use rusqlite::{params, Connection, OptionalExtension};

use super::search_stage::Stage;
use crate::domain::{Entity, SearchHit};
use crate::error::Result;

fn tag(entity: Entity) -> i64 {
    match entity {
        Entity::Contact => 0,
        Entity::Company => 1,
        Entity::Deal => 2,
        Entity::Note => 3,
        other => unreachable!("{other:?} is not full-text indexed"),
    }
}

fn entity_of(tag: i64) -> Entity {
    match tag {
        0 => Entity::Contact,
        1 => Entity::Company,
        2 => Entity::Deal,
        _ => Entity::Note,
    }
}

pub fn rowid(entity: Entity, id: i64) -> i64 {
    id * 4 + tag(entity)
}

thread_local! {
    /// Records whose index entries a bulk write will write at its end. FTS5 flushes its pending terms at
    /// every statement savepoint — and any insert checked by a foreign key opens one — so indexing row by
    /// row in between makes every row its own index segment (an import ran ten times slower).
    static DEFERRED: RefCell<Option<Queue>> = const { RefCell::new(None) };
    /// While a flush recomputes queued records, their new entries (None: removed) by rowid, written together
    /// after: one at a time, each delete-and-insert opened a savepoint and wrote a segment of its own.
    static REPLACING: RefCell<Option<Vec<Replacement>>> = const { RefCell::new(None) };
}

/// Recomputed entries replaced at a time.
const REPLACE_RUN: usize = 5_000;

/// A recomputed record's rowid and its new (title, body), or None when its entry goes.
type Replacement = (i64, Option<(String, String)>);

/// Takes the entry for the flush's batch when one is being collected.
fn replacing(rowid: i64, entry: Option<(&str, &str)>) -> bool {
    REPLACING.with(|r| match r.borrow_mut().as_mut() {
        Some(batch) => {
            batch.push((rowid, entry.map(|(t, b)| (t.to_string(), b.to_string()))));
            true
        }
        None => false,
    })
}

#[derive(Default)]
struct Queue {
    /// Records to index from their current state at the flush.
    recompute: Vec<(Entity, i64)>,
    /// Entries of records created in this write, computed by the caller: (rowid, title, body).
    fresh: Vec<(i64, String, String)>,
    /// Where full runs of fresh entries go when they are indexed beside the write (`stage_fresh`).
    stage: Option<Stage>,
}

/// Fresh entries held before they are written in one run: bounds the memory of a million-row import.
const FRESH_BATCH: usize = 50_000;
/// Fresh entries handed to the stage at a time (`stage_fresh`): small, since each run in flight is memory.
const STAGED_BATCH: usize = 5_000;

/// While alive, index writes on this thread are queued instead of done; `flush_deferred` does them.
pub struct Deferral(());

impl Deferral {
    /// Starts deferring on this thread; `conn`'s index buffers pending terms up to `BULK_HASHSIZE` until the
    /// flush (inside the caller's transaction: a rollback takes the setting back with the rest).
    pub fn start(conn: &Connection) -> Result<Deferral> {
        set_config(conn, "hashsize", BULK_HASHSIZE)?;
        set_config(conn, "automerge", 0)?;
        set_config(conn, "crisismerge", BULK_CRISISMERGE)?;
        DEFERRED.with(|d| *d.borrow_mut() = Some(Queue::default()));
        Ok(Deferral(()))
    }
}

impl Drop for Deferral {
    fn drop(&mut self) {
        DEFERRED.with(|d| *d.borrow_mut() = None);
    }
}

/// Queues the record to be indexed at the flush when this thread's write is deferred; false when it is not
/// (then the caller indexes it now). A record's `reindex` asks first, so that it reads the record once, at
/// the flush, instead of also now for an entry the flush would recompute anyway.
pub fn deferred(entity: Entity, id: i64) -> bool {
    DEFERRED.with(|d| match d.borrow_mut().as_mut() {
        Some(queue) => {
            queue.recompute.push((entity, id));
            true
        }
        None => false,
    })
}

/// FTS5 writes its pending terms out as a new segment whenever they pass `hashsize` (1 MiB by default); while a
/// bulk write is deferred they may grow larger, so it makes a few large segments instead of dozens of small
/// ones that later merges read and write again (at 1M rows, 32 MiB and runs of 50,000 entries took a fifth
/// off the import against 8 MiB and 20,000). Set once for the whole write: changing it flushes the terms.
pub(super) const BULK_HASHSIZE: i64 = 32 << 20;
const DEFAULT_HASHSIZE: i64 = 1 << 20;

fn insert_fresh(conn: &Connection, mut run: Vec<(i64, String, String)>) -> Result<()> {
    run.sort_unstable_by_key(|f| f.0);
    insert_sorted(conn, run)
}

fn insert_sorted(conn: &Connection, run: Vec<(i64, String, String)>) -> Result<()> {
    let mut insert = conn.prepare_cached("INSERT INTO search_index (rowid, title, body) VALUES (?1, ?2, ?3)")?;
    for (rowid, title, body) in run {
        match insert.execute(params![rowid, title, body]) {
            Ok(_) => {}
            // A new record reusing the id of one purged long ago whose entry outlived it: replace that entry
            // (OR REPLACE on every row would make FTS5 look each one up first).
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {
                conn.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?.execute([rowid])?;
                insert.execute(params![rowid, title, body])?;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// From here on, this deferred write's fresh entries are indexed on a thread of their own and spliced in at
/// the flush (`search_stage`), when the write's connection has a scratch database attached for it. False
/// when it has none (they are then written at the flush as before).
pub fn stage_fresh(conn: &Connection) -> Result<bool> {
    let Some(stage) = Stage::start(conn)? else { return Ok(false) };
    Ok(DEFERRED.with(|d| match d.borrow_mut().as_mut() {
        Some(queue) => {
            queue.stage = Some(stage);
            true
        }
        None => false,
    }))
}

/// Writes the queued entries in rowid order and stops deferring. Fresh entries go first: a record
/// written again after it was created is then recomputed over its fresh entry. The recomputed entries
/// replace the old ones in runs of `REPLACE_RUN`: one delete and one sorted insert each.
pub fn flush_deferred(conn: &Connection) -> Result<()> {
    let Queue { mut recompute, fresh, stage } = DEFERRED.with(|d| d.borrow_mut().take()).unwrap_or_default();
    match stage {
        Some(mut stage) => {
            stage.send(conn, fresh)?;
            stage.finish(conn)?;
        }
        None => insert_fresh(conn, fresh)?,
    }
    recompute.sort_by_key(|(e, id)| rowid(*e, *id));
    recompute.dedup();
    REPLACING.with(|r| *r.borrow_mut() = Some(Vec::new()));
    let computed = recompute.into_iter().try_for_each(|(entity, id)| match entity {
        Entity::Contact => super::contacts::reindex(conn, id),
        Entity::Company => super::companies::reindex(conn, id),
        Entity::Deal => super::deals::reindex(conn, id),
        Entity::Note => super::notes::reindex(conn, id),
        _ => Ok(()),
    });
    let batch = REPLACING.with(|r| r.borrow_mut().take()).unwrap_or_default();
    computed?;
    let batch = changed_only(conn, batch)?;
    // In runs, so that the terms a run's deletes and inserts leave pending stay within bounds.
    let mut batch = batch.into_iter().peekable();
    while batch.peek().is_some() {
        let run: Vec<Replacement> = batch.by_ref().take(REPLACE_RUN).collect();
        let rowids: Vec<i64> = run.iter().map(|(rowid, _)| *rowid).collect();
        delete_rowids(conn, &rowids)?;
        insert_fresh(conn, run.into_iter().filter_map(|(rowid, e)| e.map(|(t, b)| (rowid, t, b))).collect())?;
    }
    // Merging waits for `merge_step`; `crisismerge` stays raised until then.
    set_config(conn, "automerge", DEFAULT_AUTOMERGE)?;
    set_config(conn, "hashsize", DEFAULT_HASHSIZE)
}

/// The replacements that change an entry: one that would write back the text already there is dropped
/// (FTS5 takes an entry out by reading it back and tokenizing it again). A merged duplicate row usually
/// adds nothing searchable: at a million rows, re-indexing such contacts was a third of a second.
fn changed_only(conn: &Connection, batch: Vec<Replacement>) -> Result<Vec<Replacement>> {
    let mut current = conn.prepare_cached("SELECT c0 IS ?2 AND c1 IS ?3 FROM search_index_content WHERE id = ?1")?;
    let mut changed = Vec::with_capacity(batch.len());
    for (rowid, entry) in batch {
        let same = match &entry {
            Some((title, body)) => {
                current.query_row(params![rowid, title, body], |r| r.get::<_, bool>(0)).optional()? == Some(true)
            }
            None => false,
        };
        if !same {
            changed.push((rowid, entry));
        }
    }
    Ok(changed)
}

/// FTS5 merges its segments as they are written (`automerge`): at a million rows, a tenth of the import went to
/// merging segments it then merged again. A bulk write leaves them unmerged (`automerge` 0), with `crisismerge`
/// raised so that no write after it stalls merging them all at once (the first edit after a million-row import
/// took 5 s); `merge_step` merges them after the commit, and a raised `crisismerge` is what says it is due,
/// in the database, so a process stopped meanwhile leaves it to the next.
pub(super) const BULK_CRISISMERGE: i64 = 1000;
const DEFAULT_CRISISMERGE: i64 = 16;
const DEFAULT_AUTOMERGE: i64 = 4;
/// Pages merged per step (a transaction of its own): tens of milliseconds of the write lock.
const MERGE_PAGES: i64 = 1000;

/// Whether a bulk write's segments wait to be merged.
pub fn merge_pending(conn: &Connection) -> Result<bool> {
    let crisis: Option<i64> =
        conn.query_row("SELECT v FROM search_index_config WHERE k = 'crisismerge'", [], |r| r.get(0)).optional()?;
    Ok(crisis == Some(BULK_CRISISMERGE))
}

/// Does one step of a pending merge; false when none was pending. The step that finds nothing left to merge
/// puts `crisismerge` back.
pub fn merge_step(conn: &Connection) -> Result<bool> {
    if !merge_pending(conn)? {
        return Ok(false);
    }
    let before = conn.total_changes();
    set_config(conn, "merge", MERGE_PAGES)?;
    // As the FTS5 documentation says: fewer than two changes means the merge found no work.
    if conn.total_changes() - before < 2 {
        set_config(conn, "crisismerge", DEFAULT_CRISISMERGE)?;
    }
    Ok(true)
}

/// Sets one of FTS5's configuration options (stored in the index's own config table, in the transaction).
fn set_config(conn: &Connection, key: &str, value: i64) -> Result<()> {
    set_config_of(conn, "search_index", key, value)
}

/// `set_config` for another FTS5 table, `table` (a name from the code, never from input).
pub(super) fn set_config_of(conn: &Connection, table: &str, key: &str, value: i64) -> Result<()> {
    conn.prepare_cached(&format!("INSERT INTO {table} ({table}, rank) VALUES (?1, ?2)"))?
        .execute(params![key, value])?;
    Ok(())
}

/// Removes the entries with these rowids, the FTS5 way (it reads each one back to take out its terms).
pub(super) fn delete_rowids(conn: &Connection, rowids: &[i64]) -> Result<()> {
    conn.prepare_cached("DELETE FROM search_index WHERE rowid IN (SELECT value FROM json_each(?1))")?
        .execute([serde_json::to_string(rowids)?])?;
    Ok(())
}

/// `search_index`'s CREATE statement as the schema holds it: its columns, tokenizer and prefixes.
pub(super) fn definition(conn: &Connection) -> Result<String> {
    Ok(conn.query_row(
        "SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = 'search_index'",
        [],
        |r| r.get(0),
    )?)
}

pub fn put(conn: &Connection, entity: Entity, id: i64, title: &str, body: &str) -> Result<()> {
    if deferred(entity, id) || replacing(rowid(entity, id), Some((title, body))) {
        return Ok(());
    }
    let rowid = rowid(entity, id);
    conn.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?.execute([rowid])?;
    conn.prepare_cached("INSERT INTO search_index (rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(params![rowid, title, body])?;
    Ok(())
}

/// An entry's text from its parts, a space between each two, in one allocation: a bulk write builds a few
/// million of them.
pub fn joined<'a>(parts: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let mut out = String::with_capacity(parts.clone().into_iter().map(|t| t.len() + 1).sum());
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// The entry of a record created in this write: the caller knows its text, and there is no old entry.
/// Deferred fresh entries are written in runs of `FRESH_BATCH`; writing one early is safe, since any
/// recompute of the same record happens at the flush, after it.
pub fn put_new(conn: &Connection, entity: Entity, id: i64, title: String, body: String) -> Result<()> {
    let entry = (rowid(entity, id), title, body);
    DEFERRED.with(|d| match d.borrow_mut().as_mut() {
        None => insert_fresh(conn, vec![entry]),
        Some(queue) => {
            queue.fresh.push(entry);
            let batch = if queue.stage.is_some() { STAGED_BATCH } else { FRESH_BATCH };
            if queue.fresh.len() < batch {
                return Ok(());
            }
            let run = std::mem::take(&mut queue.fresh);
            match queue.stage.as_mut() {
                Some(stage) => stage.send(conn, run),
                None => insert_fresh(conn, run),
            }
        }
    })
}

/// Removes the entries whose rowids `rowids` (fixed SQL selecting rowids, with `params` bound) selects.
/// FTS5 removes an entry by re-reading and re-tokenizing it, so taking out a million imported rows one by
/// one takes minutes; when most of the index goes, it is rebuilt from what stays instead.
pub fn remove_many(conn: &Connection, rowids: &str, params: &[&dyn rusqlite::ToSql]) -> Result<()> {
    let doomed: i64 = conn.query_row(&format!("SELECT count(*) FROM ({rowids})"), params, |r| r.get(0))?;
    let total: i64 = conn.query_row("SELECT count(*) FROM search_index_content", [], |r| r.get(0))?;
    if doomed < 20_000 || doomed * 2 < total {
        conn.execute(&format!("DELETE FROM search_index WHERE rowid IN ({rowids})"), params)?;
        return Ok(());
    }
    let create = definition(conn)?;
    conn.execute(
        &format!(
            "CREATE TEMP TABLE search_kept AS
             SELECT rowid AS r, title, body FROM search_index WHERE rowid NOT IN ({rowids})"
        ),
        params,
    )?;
    conn.execute_batch(&format!(
        "DROP TABLE search_index;
         {create};
         INSERT INTO search_index (rowid, title, body) SELECT r, title, body FROM temp.search_kept ORDER BY r;
         DROP TABLE temp.search_kept;"
    ))?;
    Ok(())
}

pub fn remove(conn: &Connection, entity: Entity, id: i64) -> Result<()> {
    if deferred(entity, id) || replacing(rowid(entity, id), None) {
        return Ok(());
    }
    conn.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?.execute([rowid(entity, id)])?;
    Ok(())
}

/// Turns what a person typed into an FTS5 query: every word must match as a prefix. The input is cut into
/// words where the index's tokenizer cuts it (`in_word`), since the index cannot answer a phrase (migration
/// 0018): "ada.lovelace@acme" asks for entries with all of "ada", "lovelace" and "acme". Words are quoted, so
/// FTS syntax in the input ("OR", "NEAR(") is read as words.
pub fn prefix_query(input: &str) -> Option<String> {
    let terms: Vec<String> =
        input.split(|c: char| !in_word(c)).filter(|w| !w.is_empty()).map(|w| format!("\"{w}\"*")).collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// Whether FTS5's unicode61 tokenizer reads `c` as part of a word: letters, digits (not marks, such as the
/// vowel signs of Indic scripts, which it cuts words at) and, inside a word, the accents it folds away. A
/// quoted term holding anything it cuts at would be a phrase.
fn in_word(c: char) -> bool {
    (c.is_alphanumeric() && !unicode_normalization::char::is_combining_mark(c)) || folded_accent(c)
}

/// The combining accents unicode61 keeps inside a word and folds away (`sqlite3Fts5UnicodeIsdiacritic`).
fn folded_accent(c: char) -> bool {
    let c = c as u32;
    match c {
        768..=799 => 0x0802_9FDF_u32 & (1 << (c - 768)) != 0,
        800..=817 => 0x0003_61F8_u32 & (1 << (c - 800)) != 0,
        _ => false,
    }
}

/// Ids of one entity whose index entry matches the FTS query bound at parameter `param` ("?3").
pub fn matching_ids_sql(entity: Entity, param: &str) -> String {
    format!("SELECT rowid / 4 FROM search_index WHERE search_index MATCH {param} AND rowid % 4 = {}", tag(entity))
}

/// The first `limit` entries of one entity (every entity when None) matching every word as a prefix, in index
/// order and unranked: the type-ahead search, which stops at `limit` matches instead of ranking them all.
pub fn prefix_top(conn: &Connection, input: &str, entity: Option<Entity>, limit: usize) -> Result<Vec<SearchHit>> {
    let Some(query) = prefix_query(input) else {
        return Ok(vec![]);
    };
    let only = match entity {
        None => None,
        Some(e @ (Entity::Contact | Entity::Company | Entity::Deal | Entity::Note)) => Some(tag(e)),
        Some(_) => return Ok(vec![]),
    };
    let mut stmt = conn.prepare_cached(
        "SELECT rowid, title, body FROM search_index
         WHERE search_index MATCH ?1 AND (?2 IS NULL OR rowid % 4 = ?2) LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![query, only, limit as i64], |r| {
        let rowid: i64 = r.get(0)?;
        let body: String = r.get(2)?;
        Ok(SearchHit {
            entity: entity_of(rowid % 4),
            id: rowid / 4,
            title: r.get(1)?,
            subtitle: body.chars().take(120).collect(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Hits across all entities, best first. Ranking is capped to the first `limit * 20` matches so a common
/// prefix never ranks the whole table.
pub fn search(conn: &Connection, input: &str, limit: usize) -> Result<Vec<SearchHit>> {
    let Some(query) = prefix_query(input) else {
        return Ok(vec![]);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT rowid, title, body FROM (
             SELECT rowid, title, body, rank FROM search_index WHERE search_index MATCH ?1 LIMIT ?2
         ) ORDER BY rank LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![query, (limit * 20) as i64, limit as i64], |r| {
        let rowid: i64 = r.get(0)?;
        let body: String = r.get(2)?;
        Ok(SearchHit {
            entity: entity_of(rowid % 4),
            id: rowid / 4,
            title: r.get(1)?,
            subtitle: body.chars().take(120).collect(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// `search_index` as the migrations leave it (0018), for tests that build the index on its own.
#[cfg(test)]
pub(crate) const DEFINITION: &str = "CREATE VIRTUAL TABLE search_index USING fts5 (title, body,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3', detail = none, columnsize = 0)";

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(DEFINITION).unwrap();
        conn
    }

    fn titles(conn: &Connection) -> Vec<(i64, String)> {
        let mut stmt = conn.prepare("SELECT rowid, title FROM search_index ORDER BY rowid").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
    }

    #[test]
    fn a_fresh_entry_replaces_a_stale_one_with_its_rowid() {
        let conn = index();
        put(&conn, Entity::Contact, 7, "Stale", "").unwrap();
        let _deferral = Deferral::start(&conn).unwrap();
        put_new(&conn, Entity::Contact, 7, "Fresh".into(), "body".into()).unwrap();
        put_new(&conn, Entity::Contact, 2, "Two".into(), String::new()).unwrap();
        flush_deferred(&conn).unwrap();
        assert_eq!(titles(&conn), [(8, "Two".to_string()), (28, "Fresh".to_string())]);
    }

    #[test]
    fn a_replacement_that_changes_nothing_is_dropped() {
        let conn = index();
        put(&conn, Entity::Contact, 1, "Ada Lovelace", "ada@x.io").unwrap();
        put(&conn, Entity::Contact, 2, "Grace Hopper", "grace@x.io").unwrap();
        let entry = |t: &str, b: &str| Some((t.to_string(), b.to_string()));
        let batch = vec![
            (rowid(Entity::Contact, 1), entry("Ada Lovelace", "ada@x.io")),
            (rowid(Entity::Contact, 2), entry("Grace Hopper", "grace@x.io +1 555")),
            (rowid(Entity::Contact, 3), entry("New", "")),
            (rowid(Entity::Contact, 1), None),
        ];
        let kept: Vec<i64> = changed_only(&conn, batch).unwrap().into_iter().map(|(r, _)| r / 4).collect();
        assert_eq!(kept, [2, 3, 1], "a changed entry, one not there yet, and a removal");
    }

    #[test]
    fn removing_most_of_the_index_rebuilds_it_from_what_stays() {
        let conn = index();
        conn.execute_batch("CREATE TABLE doomed (id INTEGER PRIMARY KEY)").unwrap();
        for id in 0..20_010_i64 {
            put(&conn, Entity::Contact, id, &format!("n{id}"), "x").unwrap();
            if id >= 10 {
                conn.execute("INSERT INTO doomed VALUES (?1)", [id]).unwrap();
            }
        }
        remove_many(&conn, "SELECT id * 4 FROM doomed WHERE id > ?1", &[&0_i64]).unwrap();
        let left: Vec<i64> = titles(&conn).into_iter().map(|t| t.0 / 4).collect();
        assert_eq!(left, (0..10).collect::<Vec<_>>());
        assert_eq!(prefix_top(&conn, "n1", None, 10).unwrap().len(), 1, "the rebuilt index answers queries");
    }

    #[test]
    fn prefix_query_quotes_terms() {
        assert_eq!(prefix_query("ada lov").as_deref(), Some("\"ada\"* \"lov\"*"));
        assert_eq!(prefix_query("  \"OR\" NEAR( "), Some("\"OR\"* \"NEAR\"*".into()));
        assert_eq!(prefix_query(" -- "), None);
        assert_eq!(prefix_query("o'brien@acme.com").as_deref(), Some("\"o\"* \"brien\"* \"acme\"* \"com\"*"));
    }

    /// Every input becomes words the index can answer: an email, a phone number, a decomposed accent, an Indic
    /// name with vowel signs, Cyrillic. The index refuses a query with a phrase in it.
    #[test]
    fn typed_input_finds_entries_without_phrases() {
        let conn = index();
        let entries = [
            (1, "Ada Lovelace", "ada.lovelace@analytical.example +44 20 7946 0000"),
            (2, "Zo\u{eb} Ad\u{e9}", "Paris"),
            (3, "\u{928}\u{93f}\u{924}\u{93f}\u{928} \u{936}\u{930}\u{94d}\u{92e}\u{93e}", "Mumbai"),
            (4, "\u{410}\u{43d}\u{43d}\u{430} \u{41f}\u{430}\u{432}\u{43b}\u{43e}\u{432}\u{430}", "Moscow"),
        ];
        for (id, title, body) in entries {
            put(&conn, Entity::Contact, id, title, body).unwrap();
        }
        let found = |input: &str| -> Vec<i64> {
            let mut ids: Vec<i64> = search(&conn, input, 10).unwrap().into_iter().map(|h| h.id).collect();
            ids.sort_unstable();
            ids
        };
        assert_eq!(found("ada.lovelace@analyt"), [1]);
        assert_eq!(found("+44 20 794"), [1]);
        assert_eq!(found("ade"), [2], "accents fold away");
        assert_eq!(found("Zoe\u{308} ade\u{301}"), [2], "a decomposed accent stays inside its word");
        assert_eq!(found("\u{928}\u{93f}\u{924}\u{93f}\u{928}"), [3], "an Indic name with vowel signs inside");
        assert_eq!(found("\u{936}\u{930}\u{94d}\u{92e}\u{93e}"), [3]);
        assert_eq!(found("\u{43f}\u{430}\u{432}"), [4]);
        assert_eq!(found("ada zo"), Vec::<i64>::new());
    }
}
