//! Opening databases: new, existing, newer, corrupt.
mod support;

use outpost_core::db::supported_version;
use outpost_core::CoreError;

#[test]
fn a_new_database_is_migrated_and_has_the_default_pipeline() {
    let t = support::open();
    let info = t.core.info().unwrap();
    assert_eq!(info.schema_version, supported_version());
    assert!(info.is_empty);
    let pipelines = t.core.pipelines().unwrap();
    assert_eq!(pipelines.len(), 1);
    assert!(pipelines[0].is_default);
    assert_eq!(pipelines[0].stages.len(), 7);
}

#[test]
fn reopening_keeps_data_and_does_not_duplicate_defaults() {
    let t = support::open();
    t.core.load_sample_data().unwrap();
    let before = t.core.stats().unwrap();
    let path = t.path();
    drop(t.core);
    let again = support::reopen(&path).unwrap();
    assert_eq!(again.stats().unwrap(), before);
    assert_eq!(again.pipelines().unwrap().len(), 1);
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future_thing (x); PRAGMA user_version = 999;").unwrap();
    }
    let bytes_before = std::fs::read(&path).unwrap();
    let err = support::reopen(&path).err().expect("must refuse");
    assert!(matches!(err, CoreError::DatabaseTooNew { found: 999, .. }), "{err:?}");
    assert_eq!(err.code(), "db_too_new");
    assert!(err.to_string().contains("newer version of Outpost"));
    assert_eq!(std::fs::read(&path).unwrap(), bytes_before, "the file must not be modified");
}

#[test]
fn a_file_that_is_not_a_database_is_reported_and_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    let junk = b"these are my meeting notes, definitely not SQLite\n".repeat(200);
    std::fs::write(&path, &junk).unwrap();
    let err = support::reopen(&path).err().expect("must refuse");
    assert_eq!(err.code(), "db_corrupt", "{err}");
    assert!(err.to_string().contains("notes.db"));
    assert_eq!(std::fs::read(&path).unwrap(), junk);
    assert!(!dir.path().join("notes.db-wal").exists());
}

#[test]
fn a_database_with_a_damaged_body_is_reported() {
    let t = support::open();
    t.core.load_sample_data().unwrap();
    let path = t.path();
    drop(t.core);
    // Checkpoint the WAL into the main file, then damage every page after the header page.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;").unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    for b in bytes.iter_mut().skip(4096) {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = support::reopen(&path).and_then(|c| c.stats()).expect_err("must fail");
    assert_eq!(err.code(), "db_corrupt", "{err}");
}

#[test]
fn an_empty_file_becomes_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    let core = support::reopen(&path).unwrap();
    assert_eq!(core.info().unwrap().schema_version, supported_version());
}

#[test]
fn the_database_folder_is_created_when_missing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a/b/c/outpost.db");
    support::reopen(&path).unwrap();
    assert!(path.exists());
}
