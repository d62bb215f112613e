//! One mail worker of a kind per database across processes (the open app, or a CLI run): a lock file beside
//! the database, which the OS releases when the holding process dies.
use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

use crate::error::{CoreError, Result};

pub struct WorkerLock {
    _file: File,
}

impl WorkerLock {
    /// The `kind` lock of the database at `db_path` (the file `<db>.<kind>-lock`); `None` when another
    /// holder, in this process or another, has it.
    pub fn try_acquire(db_path: &Path, kind: &str) -> Result<Option<WorkerLock>> {
        let mut name = db_path.file_name().unwrap_or_default().to_os_string();
        name.push(format!(".{kind}-lock"));
        let path = db_path.with_file_name(name);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| CoreError::io(format!("cannot open {}", path.display()), e))?;
        match file.try_lock() {
            Ok(()) => Ok(Some(WorkerLock { _file: file })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(CoreError::io(format!("cannot lock {}", path.display()), e)),
        }
    }
}
