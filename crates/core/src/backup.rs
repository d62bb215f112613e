//! Backups with SQLite's online backup API: a consistent copy while the app keeps running. Daily
//! automatic backups keep 7 days and one per week for 4 more weeks; restoring first saves the current
//! database, so a restore can itself be undone.
use std::path::{Path, PathBuf};

use chrono::{Datelike, Local, NaiveDate};
use rusqlite::{Connection, OpenFlags};

use crate::db::{self, Db};
use crate::domain::BackupInfo;
use crate::error::{CoreError, Result};

const DAILY_KEEP: usize = 7;
const WEEKLY_KEEP: usize = 4;

/// Where a database's backups live: a `backups` folder beside it.
pub fn dir_for(db_path: &Path) -> PathBuf {
    db_path.parent().unwrap_or(Path::new(".")).join("backups")
}

/// Copies the live database to `to` (replacing it), page by page, without stopping writers for long.
pub fn copy(db: &Db, to: &Path) -> Result<()> {
    if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| CoreError::io(format!("creating {}", dir.display()), e))?;
    }
    let tmp = to.with_extension("partial");
    let _ = std::fs::remove_file(&tmp);
    let src = db.dedicated()?;
    let mut dst = Connection::open(&tmp)?;
    rusqlite::backup::Backup::new(&src, &mut dst)?.run_to_completion(1024, std::time::Duration::ZERO, None)?;
    // A backup is one self-contained file: no WAL beside it.
    dst.execute_batch("PRAGMA journal_mode = DELETE;")?;
    drop(dst);
    std::fs::rename(&tmp, to).map_err(|e| CoreError::io(format!("writing {}", to.display()), e))?;
    Ok(())
}

/// Checks that `path` is an Outpost database this version can open, without writing to it.
pub fn verify(path: &Path) -> Result<()> {
    let bad = |why: &str| CoreError::BadFile(format!("{} is not a usable Outpost backup: {why}", path.display()));
    if !path.is_file() {
        return Err(bad("the file does not exist"));
    }
    db::check_header(path).map_err(|_| bad("it is not an SQLite database"))?;
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| bad(&e.to_string()))?;
    let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(|e| bad(&format!("{e}")))?;
    if check != "ok" {
        return Err(bad(&format!("it is damaged ({check})")));
    }
    let version = db::schema_version(&conn)?;
    if version > db::supported_version() {
        return Err(CoreError::DatabaseTooNew { found: version, supported: db::supported_version() });
    }
    let has_contacts: bool = conn
        .query_row("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'contacts')", [], |r| {
            r.get(0)
        })
        .map_err(|e| bad(&e.to_string()))?;
    if version == 0 || !has_contacts {
        return Err(bad("it has no Outpost data"));
    }
    Ok(())
}

/// Replaces the live database's content with the backup's, then brings its schema up to date.
pub fn restore_into(db: &Db, from: &Path) -> Result<()> {
    verify(from)?;
    let mut src = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    db.write_raw_with_scratch(|dst, scratch| {
        // Into a database in WAL mode, SQLite's backup cannot change the page size: a backup with another one
        // (made before new databases got 16 KiB pages, or of another copy) is first rewritten with this one's.
        let size = page_size(dst)?;
        if page_size(&src)? != size {
            src = resized_copy(&src, scratch, size)?;
        }
        rusqlite::backup::Backup::new(&src, dst)?.run_to_completion(1024, std::time::Duration::ZERO, None)?;
        db::migrate_connection(dst)
    })
}

fn page_size(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "page_size", |r| r.get(0))?)
}

/// A copy of `src` at `path` with pages of `size` bytes: copied as it is (a backup into a new file takes the
/// source's page size), then rebuilt by VACUUM, which applies a new page size outside WAL mode.
fn resized_copy(src: &Connection, path: &Path, size: i64) -> Result<Connection> {
    let _ = std::fs::remove_file(path);
    let mut copy = Connection::open(path)?;
    rusqlite::backup::Backup::new(src, &mut copy)?.run_to_completion(1024, std::time::Duration::ZERO, None)?;
    copy.execute_batch(&format!("PRAGMA journal_mode = DELETE; PRAGMA page_size = {size}; VACUUM;"))?;
    Ok(copy)
}

fn kind_and_date(name: &str) -> Option<(&str, NaiveDate)> {
    let stem = name.strip_prefix("outpost-")?.strip_suffix(".db")?;
    let (kind, rest) = stem.split_once('-')?;
    let date = NaiveDate::parse_from_str(rest.get(..10)?, "%Y-%m-%d").ok()?;
    Some((kind, date))
}

pub fn list(dir: &Path) -> Result<Vec<BackupInfo>> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(vec![]) };
    let mut out: Vec<BackupInfo> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (kind, _) = kind_and_date(&name)?;
            let meta = e.metadata().ok()?;
            let modified: chrono::DateTime<chrono::Utc> = meta.modified().ok()?.into();
            Some(BackupInfo {
                path: e.path().to_string_lossy().into_owned(),
                file_name: name.clone(),
                kind: kind.to_string(),
                created_at: modified.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                bytes: meta.len(),
            })
        })
        .collect();
    out.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.file_name.cmp(&a.file_name)));
    Ok(out)
}

/// Makes today's daily backup unless it exists, then prunes. Returns the new backup's path, if any.
pub fn daily(db: &Db, dir: &Path, today: NaiveDate) -> Result<Option<PathBuf>> {
    let path = dir.join(format!("outpost-daily-{today}.db"));
    let made = if path.exists() {
        None
    } else {
        copy(db, &path)?;
        Some(path)
    };
    prune(dir)?;
    Ok(made)
}

/// Keeps the newest 7 daily backups, and of older ones the newest per ISO week for 4 weeks.
pub fn prune(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut daily: Vec<(NaiveDate, PathBuf)> = std::fs::read_dir(dir)
        .map_err(|e| CoreError::io(format!("reading {}", dir.display()), e))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            match kind_and_date(&name) {
                Some(("daily", date)) => Some((date, e.path())),
                _ => None,
            }
        })
        .collect();
    daily.sort_by_key(|d| std::cmp::Reverse(d.0));
    let mut weeks_kept: Vec<(i32, u32)> = Vec::new();
    let mut removed = Vec::new();
    for (i, (date, path)) in daily.into_iter().enumerate() {
        if i < DAILY_KEEP {
            continue;
        }
        let week = (date.iso_week().year(), date.iso_week().week());
        if !weeks_kept.contains(&week) && weeks_kept.len() < WEEKLY_KEEP {
            weeks_kept.push(week);
            continue;
        }
        std::fs::remove_file(&path).map_err(|e| CoreError::io(format!("removing {}", path.display()), e))?;
        removed.push(path);
    }
    Ok(removed)
}

/// A new file in `dir` for a backup of `kind` made now; never an existing one (two in the same
/// millisecond get a suffix).
pub fn new_path(dir: &Path, kind: &str) -> PathBuf {
    let stamp = Local::now().format("%Y-%m-%d-%H%M%S%3f");
    let mut path = dir.join(format!("outpost-{kind}-{stamp}.db"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("outpost-{kind}-{stamp}-{n}.db"));
        n += 1;
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retention_keeps_seven_days_and_four_weeks() {
        let dir = tempfile::tempdir().unwrap();
        let start = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        for back in 0..60 {
            let d = start - chrono::Duration::days(back);
            std::fs::write(dir.path().join(format!("outpost-daily-{d}.db")), b"x").unwrap();
        }
        std::fs::write(dir.path().join("outpost-manual-2026-01-01-120000.db"), b"x").unwrap();
        prune(dir.path()).unwrap();
        let mut left: Vec<String> = list(dir.path()).unwrap().into_iter().map(|b| b.file_name).collect();
        left.sort();
        assert_eq!(left.len(), 7 + 4 + 1, "{left:?}");
        assert!(left.contains(&"outpost-daily-2026-11-16.db".to_string()), "the 7 newest days");
        assert!(left.contains(&"outpost-manual-2026-01-01-120000.db".to_string()), "manual backups are the user's");
        assert!(!left.contains(&"outpost-daily-2026-09-24.db".to_string()));
    }
}
