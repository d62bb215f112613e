//! Scratch files of long writes: beside the database, named for the process that made them, removed when
//! the write ends, and by the next open when a killed process left one behind.
use std::path::{Path, PathBuf};

/// A scratch file for one write of this process, removed when dropped.
pub(super) struct Scratch(PathBuf);

impl Scratch {
    pub(super) fn for_write(db: &Path) -> Scratch {
        let path = PathBuf::from(format!("{}{SUFFIX}{}", db.display(), std::process::id()));
        // Left by an earlier process with this id, killed mid-write: it holds nothing worth keeping.
        let _ = std::fs::remove_file(&path);
        Scratch(path)
    }

    pub(super) fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

const SUFFIX: &str = "-stage-";

/// Removes the scratch files of processes that are gone. A live process's file is in use: another process
/// may be importing into the same database.
pub(super) fn remove_stale(db: &Path) {
    let (Some(dir), Some(name)) = (db.parent(), db.file_name()) else { return };
    let prefix = format!("{}{SUFFIX}", name.to_string_lossy());
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let pid = file.to_string_lossy().strip_prefix(&prefix).and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|pid| pid != std::process::id() && !alive(pid)) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(target_os = "linux")]
fn alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

/// Elsewhere a process's liveness isn't asked: its file stays until a process with its id writes again.
#[cfg(not(target_os = "linux"))]
fn alive(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_of_gone_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("outpost.db");
        let mine = Scratch::for_write(&db);
        std::fs::write(mine.path(), b"in use").unwrap();
        // Pids are below 2^22 on Linux: this one is no process.
        let gone = dir.path().join(format!("outpost.db{SUFFIX}4294967295"));
        let other = dir.path().join("outpost.db-wal");
        std::fs::write(&gone, b"left").unwrap();
        std::fs::write(&other, b"").unwrap();
        remove_stale(&db);
        assert!(mine.path().exists() && other.exists());
        assert_eq!(gone.exists(), !cfg!(target_os = "linux"));
        let path = mine.path().to_path_buf();
        drop(mine);
        assert!(!path.exists(), "a write's scratch file goes with it");
    }
}
