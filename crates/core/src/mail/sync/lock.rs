//! One syncer per database: the open app's background sync, or `outpost sync`. Two at once would fetch
//! the same mail twice over (harmless thanks to Message-ID dedup, but wasteful) and race each other's
//! watermarks. The OS releases the lock when the process dies.
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::error::{CoreError, Result};

pub struct SyncLock {
    _file: File,
}

impl SyncLock {
    /// `None` when another process (or another holder in this one) has it.
    pub fn try_acquire(db_path: &Path) -> Result<Option<SyncLock>> {
        let path = lock_path(db_path);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| CoreError::io(format!("cannot open {}", path.display()), e))?;
        match file.try_lock() {
            Ok(()) => Ok(Some(SyncLock { _file: file })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(CoreError::io(format!("cannot lock {}", path.display()), e)),
        }
    }

    /// Like `try_acquire`, but "someone else has it" is a conflict the user can read.
    pub fn acquire(db_path: &Path) -> Result<SyncLock> {
        Self::try_acquire(db_path)?.ok_or_else(|| {
            CoreError::Conflict(
                "Another Outpost (probably the open app) is syncing this database's mail; it keeps it up to date \
                 by itself."
                    .into(),
            )
        })
    }
}

fn lock_path(db_path: &Path) -> PathBuf {
    let mut name = db_path.file_name().unwrap_or_default().to_os_string();
    name.push(".sync-lock");
    db_path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        let first = super::SyncLock::try_acquire(&db).unwrap();
        assert!(first.is_some());
        assert!(super::SyncLock::try_acquire(&db).unwrap().is_none());
        assert!(super::SyncLock::acquire(&db).is_err());
        drop(first);
        assert!(super::SyncLock::try_acquire(&db).unwrap().is_some());
    }
}
