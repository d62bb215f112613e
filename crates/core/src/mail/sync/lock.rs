//! One syncer per database: the open app's background sync, or `outpost sync`. Two at once would fetch
//! the same mail twice over (harmless thanks to Message-ID dedup, but wasteful) and race each other's
//! watermarks. The OS releases the lock when the process dies.
use std::path::Path;

use crate::error::{CoreError, Result};
use crate::mail::worker_lock::WorkerLock;

pub struct SyncLock {
    _lock: WorkerLock,
}

impl SyncLock {
    /// `None` when another process (or another holder in this one) has it.
    pub fn try_acquire(db_path: &Path) -> Result<Option<SyncLock>> {
        Ok(WorkerLock::try_acquire(db_path, "sync")?.map(|lock| SyncLock { _lock: lock }))
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
