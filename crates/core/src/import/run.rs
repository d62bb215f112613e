//! One import pass over a file inside the caller's transaction: plan, parse, write, count. A preview is
//! the same pass rolled back, so its counts are exactly what the import will do.
use std::sync::{mpsc, Arc};

use rusqlite::Connection;

use super::plan::{self, Plan};
use super::read::SheetRow;
use super::record::{self, Parsed};
use super::source::Source;
use super::writer::Writer;
use crate::domain::{ImportProblem, ImportRequest, PreviewRow, RowAction};
use crate::error::Result;
use crate::jobs::JobHandle;
use crate::store;

/// Rejected rows kept in memory for the answer; all of them are stored with the import.
const PROBLEMS_KEPT: usize = 1000;
const PROGRESS_EVERY: u32 = 2000;

pub struct Pass {
    pub import_id: i64,
    pub plan_names: Vec<String>,
    pub counts: crate::domain::ImportCounts,
    pub problems: Vec<ImportProblem>,
    pub preview: Vec<PreviewRow>,
    pub unknown_stages: Vec<String>,
    pub preset_used: bool,
    /// Indexes set aside for a large import; the caller queues them to be built after its commit.
    pub suspended: Option<store::indexes::Suspended>,
    /// Contacts to rescore at the end (those the file changed; new ones arrive scored).
    pub rescore: Vec<i64>,
    /// The full-text entries still to write (`write_search_index`).
    search: Option<store::search_index::Deferral>,
}

impl Pass {
    /// Writes the full-text entries the pass left pending: last, so that the work before it (rescoring)
    /// overlaps the stage indexing the new records on the other core.
    pub fn write_search_index(&mut self, conn: &Connection) -> Result<()> {
        match self.search.take() {
            Some(_deferral) => store::search_index::flush_deferred(conn),
            None => Ok(()),
        }
    }
}

/// The contact index a bulk import keeps up to date as it writes: the trash's, which its rows never enter. The
/// rest serve lists and undo, and are built after the import commits (`store::indexes::defer`): even those its
/// rows reach in key order cost a B-tree descent per row (a third of a 100k import's time went to keeping eight
/// of them live). Who works at a company, which the fuzzy match asks, is then answered from memory
/// (`writer::people`).
const INDEXES_KEPT_LIVE: &[&str] = &["contacts_trash"];

/// The contact point indexes an import reads while it writes: a contact's own points (to confirm a match,
/// to reindex) and the one-primary rule.
const POINT_INDEXES_AN_IMPORT_READS: &[&str] = &["contact_points_contact", "contact_points_one_primary"];

/// The row count at which a contact import sets the list indexes aside: when it will add about as many
/// contacts as the database holds, one build after the commit costs less than growing them row by row
/// (and costs the import itself nothing).
fn bulk_threshold(conn: &Connection, req: &ImportRequest) -> Result<Option<u32>> {
    if req.entity != crate::domain::ImportEntity::Contacts {
        return Ok(None);
    }
    let existing = store::stats::contact_count_estimate(conn)?;
    Ok(Some(existing.clamp(5_000, u32::MAX as i64) as u32))
}

/// The plan: explicit mapping over a preset saved for the same headers over suggestions.
pub fn plan_for(conn: &Connection, req: &ImportRequest, source: &Source) -> Result<(Plan, bool)> {
    let (mut plan, preset_used) = resolve_plan(conn, req, source)?;
    plan.default_country = match &req.default_country {
        Some(c) if !c.trim().is_empty() => Some(c.trim().to_ascii_uppercase()),
        _ => store::settings::get(conn, "import.default_country")?.and_then(|v| v.as_str().map(str::to_string)),
    };
    Ok((plan, preset_used))
}

fn resolve_plan(conn: &Connection, req: &ImportRequest, source: &Source) -> Result<(Plan, bool)> {
    let suggested = plan::resolve(conn, req.entity, &source.headers, &source.head, &Default::default())?;
    let preset = store::imports::preset(conn, req.entity, &suggested.header_key())?;
    let preset_used = preset.is_some() && req.mapping.is_empty();
    let mut mapping = preset.unwrap_or_default();
    mapping.extend(req.mapping.clone());
    let plan = match plan::resolve(conn, req.entity, &source.headers, &source.head, &mapping) {
        Ok(p) => p,
        // A preset from an older set of custom fields must not block the file: fall back to suggestions.
        Err(_) if preset_used => return Ok((suggested, false)),
        Err(e) => return Err(e),
    };
    Ok((plan, preset_used))
}

pub fn pass(
    conn: &Connection,
    req: &ImportRequest,
    source: Source,
    file_hash: &str,
    job: Option<&JobHandle>,
    preview_rows: usize,
) -> Result<Pass> {
    let started = std::time::Instant::now();
    let (plan, preset_used) = plan_for(conn, req, &source)?;
    let plan = Arc::new(plan);
    let file_name = source.file_name.clone();
    let import_id = store::imports::insert_job(
        conn,
        &store::imports::NewJob {
            file_name: &source.file_name,
            file_hash,
            sheet: (!source.sheet.is_empty()).then_some(source.sheet.as_str()),
            entity: req.entity,
            mapping: &plan.as_mapping(),
            policy: req.policy,
        },
    )?;
    let threshold = fuzzy_threshold(conn)?;
    // Every enum column the import writes comes from a Rust enum, and SQLite builds a throwaway b-tree per
    // row for each `x IN (...)` CHECK (five per contact row): on this dedicated connection, skip them.
    conn.pragma_update(None, "ignore_check_constraints", true)?;
    // Foreign keys are checked once at commit instead of by each statement: an immediately checked insert
    // must be able to roll itself back, so SQLite gives it a statement journal (page copies) and a savepoint
    // — at which FTS5 also writes out its pending terms. A violation still fails the commit, and with it
    // the whole import. Reset by SQLite when the transaction ends.
    conn.pragma_update(None, "defer_foreign_keys", true)?;
    let deferral = store::search_index::Deferral::start(conn)?;
    let mut writer = Writer::new(conn, req.entity, import_id, req.policy, threshold)?;
    let mut problems = Vec::new();
    let mut preview = Vec::new();
    let bulk_at = if preview_rows == 0 { bulk_threshold(conn, req)? } else { None };
    let mut suspended = None;
    let mut rows = ParsedRows::start(source, plan.clone())?;
    while let Some(next) = rows.next() {
        let (row, parsed) = next?;
        let number = row.number as u32;
        let outcome = match &parsed {
            Ok(p) => writer.apply(number, p)?,
            Err(reason) => {
                writer.reject();
                Err(reason.clone())
            }
        };
        if let Err(reason) = &outcome {
            let raw: Vec<String> = row.cells.iter().map(super::cell::Cell::text).collect();
            store::imports::add_reject(conn, import_id, number, reason, &raw)?;
            if problems.len() < PROBLEMS_KEPT {
                problems.push(ImportProblem { row: number, reason: reason.clone() });
            }
        }
        if preview.len() < preview_rows {
            preview.push(PreviewRow {
                row: number,
                action: *outcome.as_ref().unwrap_or(&RowAction::Reject),
                values: parsed.as_ref().map(|p| p.display()).unwrap_or_default(),
                problem: outcome.err(),
            });
        }
        if suspended.is_none() && bulk_at.is_some_and(|n| writer.counts.rows_in >= n) {
            let mut set_aside = store::indexes::suspend(conn, "contacts", INDEXES_KEPT_LIVE)?;
            // Companies and the import's trail are only written by id here, and read by id.
            set_aside.absorb(store::indexes::suspend(conn, "companies", &[])?);
            set_aside.absorb(store::indexes::suspend(conn, "import_changes", &[])?);
            // Duplicates are then found in memory (`writer::points`): only the contact's own points are read.
            if writer.go_bulk()? {
                set_aside.absorb(store::indexes::suspend(conn, "contact_points", POINT_INDEXES_AN_IMPORT_READS)?);
            }
            suspended = Some(set_aside);
            // The new records' full-text entries are indexed on another core from here on.
            store::search_index::stage_fresh(conn)?;
            phase("indexes set aside", started);
        }
        if writer.counts.rows_in % PROGRESS_EVERY == 0 {
            if let Some(job) = job {
                job.check()?;
                job.progress(writer.counts.rows_in, None);
            }
        }
        rows.spent((row, parsed));
        if writer.counts.rows_in % 250_000 == 0 {
            phase("rows so far", started);
        }
    }
    if writer.counts.rows_in == 0 {
        return Err(crate::error::CoreError::BadFile(
            "the file has a header but no rows under it; there is nothing to import".into(),
        ));
    }
    if let Some(job) = job {
        job.progress(writer.counts.rows_in, Some(writer.counts.rows_in));
    }
    writer.finish()?;
    phase("rows applied", started);
    conn.pragma_update(None, "ignore_check_constraints", false)?;
    // Remembered for the next file with the same headers; a preview or dry run rolls this back with the rest.
    store::imports::save_preset(conn, req.entity, &plan.header_key(), &file_name, &plan.as_mapping())?;
    let counts = writer.counts.clone();
    let unknown_stages = writer.unknown_stages.iter().cloned().collect();
    let rescore = std::mem::take(&mut writer.rescore);
    Ok(Pass {
        import_id,
        plan_names: plan.names(),
        counts,
        problems,
        preview,
        unknown_stages,
        preset_used,
        suspended,
        rescore,
        search: Some(deferral),
    })
}

/// A data row and what it reads as: typed values, or the reason it is rejected.
type ParsedRow = (SheetRow, std::result::Result<Parsed, String>);

/// Rows handed from the parser thread to the writer at a time (a hand-off per row costs more than a row).
const PARSED_BATCH: usize = 512;

/// Reads and parses the rows on a thread of their own, so that the file is read and its values typed while
/// the writer writes: a CSV's whole read and every row's parse leave the writer's core. A failed read ends
/// the stream with its error; a writer that stops listening (cancel, failure) stops the thread. Rows the
/// writer is done with go back to be freed there too: freeing another thread's allocations cost the
/// writer's core as much as a tenth of its time.
struct ParsedRows {
    rx: mpsc::Receiver<Option<Vec<Result<ParsedRow>>>>,
    back: mpsc::SyncSender<Vec<ParsedRow>>,
    batch: std::vec::IntoIter<Result<ParsedRow>>,
    spent: Vec<ParsedRow>,
    finished: bool,
}

impl ParsedRows {
    fn start(source: Source, plan: Arc<Plan>) -> Result<ParsedRows> {
        // `None` marks the end of the file: a thread that stopped without it (a panic) must fail the import,
        // not end it early as if the file were shorter.
        let (tx, rx) = mpsc::sync_channel::<Option<Vec<Result<ParsedRow>>>>(8);
        let (back, spent_rx) = mpsc::sync_channel::<Vec<ParsedRow>>(16);
        std::thread::Builder::new()
            .name("import-parser".into())
            .spawn(move || {
                crate::threads::lower_priority();
                let mut batch = Vec::with_capacity(PARSED_BATCH);
                for row in source.data() {
                    let failed = row.is_err();
                    batch.push(row.map(|r| {
                        let parsed = record::parse(&plan, &r.cells);
                        (r, parsed)
                    }));
                    if batch.len() == PARSED_BATCH || failed {
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(PARSED_BATCH));
                        if tx.send(Some(full)).is_err() || failed {
                            return;
                        }
                        spent_rx.try_iter().for_each(drop);
                    }
                }
                let _ = tx.send(Some(batch)).and_then(|_| tx.send(None));
                // Frees what the writer still hands back until it hangs up.
                spent_rx.iter().for_each(drop);
            })
            .map_err(|e| crate::error::CoreError::io("starting the import parser", e))?;
        Ok(ParsedRows {
            rx,
            back,
            batch: Vec::new().into_iter(),
            spent: Vec::with_capacity(PARSED_BATCH),
            finished: false,
        })
    }

    fn next(&mut self) -> Option<Result<ParsedRow>> {
        loop {
            if let Some(row) = self.batch.next() {
                return Some(row);
            }
            if self.finished {
                return None;
            }
            match self.rx.recv() {
                Ok(Some(rows)) => self.batch = rows.into_iter(),
                Ok(None) => self.finished = true,
                Err(_) => {
                    self.finished = true;
                    let stopped = "the import's reader stopped before the end of the file; nothing was imported";
                    return Some(Err(crate::error::CoreError::Internal(stopped.into())));
                }
            }
        }
    }

    /// Hands a row the writer is done with back to the parser thread to free.
    fn spent(&mut self, row: ParsedRow) {
        self.spent.push(row);
        if self.spent.len() == PARSED_BATCH {
            let full = std::mem::replace(&mut self.spent, Vec::with_capacity(PARSED_BATCH));
            // A full return queue (or a parser gone) frees them here instead.
            let _ = self.back.try_send(full);
        }
    }
}

/// Where a long import spends its time and memory, for `OUTPOST_LOG=outpost_core=debug`.
pub(crate) fn phase(name: &str, started: std::time::Instant) {
    if !tracing::enabled!(tracing::Level::DEBUG) {
        return;
    }
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("VmHWM:").map(|v| v.trim().to_string())));
    tracing::debug!(
        "import: {name} at {:.2} s (peak RSS {})",
        started.elapsed().as_secs_f64(),
        peak.unwrap_or_default()
    );
}

/// How alike two names must be (0–1, Jaro-Winkler) to count as the same person or company. A setting.
pub fn fuzzy_threshold(conn: &Connection) -> Result<f64> {
    Ok(store::settings::get(conn, "import.fuzzy_threshold")?
        .and_then(|v| v.as_f64())
        .filter(|t| (0.5..=1.0).contains(t))
        .unwrap_or(0.92))
}
