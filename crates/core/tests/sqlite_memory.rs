//! SQLite's small allocations go to mimalloc (its pages to the system allocator) when it is given that before it
//! starts (`db::give_sqlite_mimalloc`), and a bulk import (its writer, its search stage on another thread) and
//! search then work on it. A test binary of its own, with one test: nothing may touch SQLite before it.
mod support;

use outpost_core::domain::{ImportEntity, ImportRequest};

#[test]
fn sqlite_allocates_from_mimalloc_once_given_it_first_and_a_bulk_import_runs_on_it() {
    // SAFETY: the only test of this binary, so no other thread uses SQLite.
    assert!(unsafe { outpost_core::db::give_sqlite_mimalloc() }, "SQLite has not started yet, so it takes it");
    // SAFETY: a block SQLite allocates, asked about and handed back to SQLite.
    unsafe {
        let block = rusqlite::ffi::sqlite3_malloc(100);
        assert!(!block.is_null());
        assert!(libmimalloc_sys::mi_is_in_heap_region(block), "the C library's malloc is not mimalloc's heap");
        assert!(rusqlite::ffi::sqlite3_msize(block) >= 100);
        rusqlite::ffi::sqlite3_free(block);

        // A page-sized block comes from the system allocator, and a block keeps its bytes as it grows and
        // shrinks across that line.
        let page = rusqlite::ffi::sqlite3_malloc(16_384 + 300);
        assert!(!libmimalloc_sys::mi_is_in_heap_region(page), "pages are not mimalloc's");
        assert_eq!(rusqlite::ffi::sqlite3_msize(page), 16_384 + 300);
        rusqlite::ffi::sqlite3_free(page);
        let bytes: Vec<u8> = (0..3_000).map(|i| (i % 251) as u8).collect();
        let mut block = rusqlite::ffi::sqlite3_malloc(3_000).cast::<u8>();
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), block, bytes.len());
        for (to, mimalloc) in [(40_000, false), (90_000, false), (50_000, false), (3_500, true), (2_000, true)] {
            block = rusqlite::ffi::sqlite3_realloc(block.cast(), to).cast::<u8>();
            assert!(!block.is_null());
            assert_eq!(libmimalloc_sys::mi_is_in_heap_region(block.cast()), mimalloc, "{to} bytes");
            assert!(rusqlite::ffi::sqlite3_msize(block.cast()) >= to as u64);
            let kept = bytes.len().min(to as usize);
            assert_eq!(std::slice::from_raw_parts(block, kept), &bytes[..kept], "{to} bytes");
        }
        rusqlite::ffi::sqlite3_free(block.cast());
    }

    let t = support::open();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("people.csv");
    // Past the row count at which an import goes bulk: indexes set aside, entries indexed on the stage thread.
    let mut csv = String::from("First name,Last name,Email,Company\n");
    for i in 0..6_000 {
        csv.push_str(&format!("Ada{i},Lovelace,ada{i}@example.org,Engine {}\n", i % 50));
    }
    std::fs::write(&file, csv).unwrap();
    let req = ImportRequest {
        path: file.to_string_lossy().into_owned(),
        entity: ImportEntity::Contacts,
        ..Default::default()
    };
    let summary = t.core.run_import(&req, false).unwrap();
    assert_eq!((summary.counts.rows_in, summary.counts.created), (6_000, 6_000));
    let hits = t.core.search("ada4321", 10).unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].title, "Ada4321 Lovelace");

    // SAFETY: as above; SQLite has started, so it refuses and keeps mimalloc.
    assert!(!unsafe { outpost_core::db::give_sqlite_mimalloc() }, "too late once SQLite has started");
}
