//! Shared setup for the core's integration tests: a real SQLite file in a temp dir.
#![allow(dead_code)]
use std::path::PathBuf;
use std::sync::Arc;

use outpost_core::secrets::MemoryStore;
use outpost_core::Outpost;

pub struct TestDb {
    pub dir: tempfile::TempDir,
    pub core: Outpost,
}

impl TestDb {
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("outpost.db")
    }
}

pub fn open() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let core = Outpost::open(&dir.path().join("outpost.db"), Arc::new(MemoryStore::default())).unwrap();
    TestDb { dir, core }
}

pub fn reopen(path: &std::path::Path) -> outpost_core::Result<Outpost> {
    Outpost::open(path, Arc::new(MemoryStore::default()))
}
