//! Importing spreadsheets: preview, run (as a cancellable job), history, rejected rows, undo.
use std::path::Path;
use std::time::Instant;

use crate::domain::{Entity, ImportCounts, ImportJobInfo, ImportPreview, ImportRequest, ImportSummary, ImportUndone};
use crate::error::{CoreError, Result};
use crate::import::{self, plan, read, run, source};
use crate::store;
use crate::Outpost;

/// Rows shown in the preview table.
const PREVIEW_ROWS: usize = 20;

impl Outpost {
    /// What the import would do, computed by running it and rolling back: the first rows as they will be
    /// stored, per-row problems and exact counts. Nothing is written.
    pub fn preview_import(&self, req: &ImportRequest) -> Result<ImportPreview> {
        let path = existing(&req.path)?;
        let src = source::open(path, req.sheet.as_deref(), req.entity, req.header_row)?;
        let (file_name, sheets, sheet, header_row, headers) =
            (src.file_name.clone(), src.sheets.clone(), src.sheet.clone(), src.header_row, src.headers.clone());
        let samples: Vec<Vec<String>> =
            src.head.iter().take(3).map(|r| r.cells.iter().map(import::cell::Cell::text).collect()).collect();
        let job = self.jobs().start("import-preview", self.events());
        let result = self.db().write_long(false, |tx| {
            let targets = plan::target_names(tx, req.entity)?;
            let pass = run::pass(tx, req, src, "", Some(&job), PREVIEW_ROWS)?;
            Ok((pass, targets))
        });
        job.finish(result.as_ref().map(|(p, _)| p.counts.rows_in).unwrap_or(0), &result);
        let (pass, targets) = result?;
        let columns = headers
            .iter()
            .enumerate()
            .map(|(i, h)| crate::domain::ImportColumn {
                index: i as u32 + 1,
                header: h.clone(),
                target: pass.plan_names[i].clone(),
                samples: samples.iter().map(|r| r.get(i).cloned().unwrap_or_default()).collect(),
            })
            .collect();
        Ok(ImportPreview {
            file_name,
            sheets,
            sheet,
            header_row,
            columns,
            rows: pass.preview,
            counts: pass.counts,
            problems: pass.problems.into_iter().take(100).collect(),
            unknown_stages: pass.unknown_stages,
            targets,
            preset_used: pass.preset_used,
        })
    }

    /// Imports the file in one transaction: all rows or none. A dry run does the same work and rolls it
    /// back. The mapping is remembered for the next file with the same headers.
    pub fn run_import(&self, req: &ImportRequest, dry_run: bool) -> Result<ImportSummary> {
        let started = Instant::now();
        let path = existing(&req.path)?;
        // Hashing reads the whole file, and opening a workbook reads all its shared strings: side by side.
        let (hash, src) = std::thread::scope(|s| {
            let hash = s.spawn(|| source::hash(path));
            let src = source::open(path, req.sheet.as_deref(), req.entity, req.header_row);
            (hash.join().unwrap_or_else(|_| Err(CoreError::Internal("hashing the file failed".into()))), src)
        });
        let (hash, src) = (hash?, src?);
        run::phase("file hashed and opened", started);
        let file_name = src.file_name.clone();
        let job = self.jobs().start("import", self.events());
        let result = self.db().write_long_staged(!dry_run, |tx| {
            let mut pass = run::pass(tx, req, src, &hash, Some(&job), 0)?;
            run::phase("rows written", started);
            // New people were inserted scored; those the file updated are scored again with what they have now.
            if !dry_run {
                crate::ops::scoring::rescore_ids(tx, &pass.rescore)?;
                run::phase("rescored", started);
            }
            pass.write_search_index(tx)?;
            run::phase("search index written", started);
            // Set-aside list indexes are built after the commit, in the background (a dry run rolls back, which
            // brings them back by itself).
            if let Some(suspended) = pass.suspended.take() {
                if !dry_run {
                    suspended.defer(tx)?;
                }
            }
            // Written with foreign keys off (`Db::write_long_staged`): the tests' builds check every reference.
            if cfg!(debug_assertions) {
                store::cascade::check_all(tx)?;
            }
            let ms = started.elapsed().as_millis() as i64;
            store::imports::finish_job(tx, pass.import_id, "completed", &pass.counts, None, ms)?;
            Ok(pass)
        });
        run::phase("committed", started);
        if result.is_ok() && !dry_run {
            self.db().build_indexes_in_background();
        }
        job.finish(result.as_ref().map(|p| p.counts.rows_in).unwrap_or(0), &result);
        let duration_ms = started.elapsed().as_millis() as i64;
        let pass = match result {
            Ok(p) => p,
            Err(e) => {
                if !dry_run && !matches!(e, CoreError::BadFile(_) | CoreError::Validation { .. }) {
                    self.record_failed(req, &file_name, &hash, &e, duration_ms);
                }
                return Err(e);
            }
        };
        if !dry_run {
            for entity in [Entity::Contact, Entity::Company, Entity::Deal] {
                self.events().changed(entity, vec![]);
            }
        }
        Ok(ImportSummary {
            import_id: pass.import_id,
            file_name,
            counts: pass.counts,
            errors: pass.problems,
            duration_ms,
            dry_run,
        })
    }

    /// Keeps the history honest: a cancelled or failed import is listed with why, having written nothing.
    fn record_failed(&self, req: &ImportRequest, file_name: &str, hash: &str, e: &CoreError, ms: i64) {
        let status = if matches!(e, CoreError::Cancelled) { "cancelled" } else { "failed" };
        let _ = self.db().write(|tx| {
            let id = store::imports::insert_job(
                tx,
                &store::imports::NewJob {
                    file_name,
                    file_hash: hash,
                    sheet: req.sheet.as_deref(),
                    entity: req.entity,
                    mapping: &req.mapping,
                    policy: req.policy,
                },
            )?;
            store::imports::finish_job(tx, id, status, &ImportCounts::default(), Some(&e.to_string()), ms)
        });
    }

    pub fn imports(&self, limit: usize) -> Result<Vec<ImportJobInfo>> {
        self.db().read(|conn| store::imports::jobs(conn, limit))
    }

    pub fn import_job(&self, id: i64) -> Result<ImportJobInfo> {
        self.db().read(|conn| store::imports::job_by_id(conn, id))
    }

    /// Removes what the import created and restores what it updated.
    pub fn undo_import(&self, id: i64) -> Result<ImportUndone> {
        // A large undo deletes with foreign keys off and runs their actions set-based (`store::cascade`):
        // SQLite would run them row by row, a program per child table for each of a million contacts.
        let created = self.db().read(|conn| {
            ["contact", "company", "deal"]
                .iter()
                .try_fold(0, |n, e| Ok(n + store::imports::created_count(conn, id, e)?))
        })?;
        let undone = if created >= import::undo::BULK {
            self.db().write_long_unchecked(|tx| import::undo::undo(tx, id))?
        } else {
            self.db().write_long(true, |tx| import::undo::undo(tx, id))?
        };
        for entity in [Entity::Contact, Entity::Company, Entity::Deal] {
            self.events().changed(entity, vec![]);
        }
        Ok(undone)
    }

    /// Writes the import's rejected rows to `out` as CSV: the original cells plus a "Reason" column.
    /// Returns how many rows were written.
    pub fn export_import_rejects(&self, id: i64, out: &Path) -> Result<u32> {
        let rejects = self.db().read(|conn| {
            store::imports::job_by_id(conn, id)?;
            store::imports::rejects(conn, id)
        })?;
        let mut w =
            csv::Writer::from_path(out).map_err(|e| CoreError::Internal(format!("writing {}: {e}", out.display())))?;
        let width = rejects.iter().map(|(_, _, cells)| cells.len()).max().unwrap_or(0);
        let mut header: Vec<String> = vec!["Row".into(), "Reason".into()];
        header.extend((1..=width).map(|i| format!("Column {i}")));
        w.write_record(&header).map_err(csv_err)?;
        for (row, reason, cells) in &rejects {
            let mut record = vec![row.to_string(), reason.clone()];
            record.extend(cells.iter().map(|c| crate::export::neutralize(c).into_owned()));
            w.write_record(&record).map_err(csv_err)?;
        }
        w.flush().map_err(|e| CoreError::io(format!("writing {}", out.display()), e))?;
        Ok(rejects.len() as u32)
    }

    /// The sheets of a workbook (hidden ones flagged), for the sheet picker.
    pub fn import_sheets(&self, path: &str) -> Result<Vec<read::SheetInfo>> {
        let path = existing(path)?;
        let kind = read::detect(path)?;
        read::sheets(path, kind)
    }
}

fn csv_err(e: csv::Error) -> CoreError {
    CoreError::Internal(format!("writing CSV: {e}"))
}

fn existing(path: &str) -> Result<&Path> {
    let p = Path::new(path);
    if !p.is_file() {
        return Err(CoreError::BadFile(format!("{path} does not exist or is not a file")));
    }
    Ok(p)
}
