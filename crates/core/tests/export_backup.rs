//! Exports (CSV/XLSX, custom fields, formula neutralizing, round trip) and backups (copy, retention,
//! restore) on real database files.
mod support;

use outpost_core::domain::{ContactInput, ExportFormat, ImportEntity, ImportRequest, ListEntity, PageQuery};
use outpost_core::CoreError;

fn sample() -> support::TestDb {
    let t = support::open();
    t.core.load_sample_data().unwrap();
    t
}

#[test]
fn csv_export_has_custom_fields_and_neutralizes_formulas() {
    let t = sample();
    let c = t
        .core
        .create_contact(ContactInput {
            first_name: "=HYPERLINK(\"http://evil\")".into(),
            last_name: "@SUM(1)".into(),
            emails: vec!["formula@example.com".into()],
            ..Default::default()
        })
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("contacts.csv");
    let s = t.core.export_list(ListEntity::Contact, &PageQuery::default(), ExportFormat::Csv, &out).unwrap();
    let total = t.core.count_contacts(None).unwrap();
    assert_eq!(s.rows as i64, total, "every contact, not one page");
    let text = std::fs::read_to_string(&out).unwrap();
    let header = text.lines().next().unwrap();
    assert!(header.starts_with("ID,First Name,Last Name,Email"), "{header}");
    assert!(header.ends_with("Preferred channel"), "custom fields last: {header}");
    assert!(text.contains("'=HYPERLINK"), "formula neutralized in CSV");
    assert!(text.contains("'@SUM(1)"));
    assert_eq!(t.core.contact(c.id).unwrap().first_name, "=HYPERLINK(\"http://evil\")", "stored data untouched");
}

#[test]
fn xlsx_export_writes_text_cells_and_reimport_creates_no_duplicates() {
    use calamine::{Data, Reader};
    let t = sample();
    t.core
        .create_contact(ContactInput {
            first_name: "=1+1".into(),
            emails: vec!["math@example.com".into()],
            ..Default::default()
        })
        .unwrap();
    let before = t.core.count_contacts(None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("contacts.xlsx");
    let s = t.core.export_list(ListEntity::Contact, &PageQuery::default(), ExportFormat::Xlsx, &out).unwrap();
    assert_eq!(s.rows as i64, before);
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let range = book.worksheet_range("Export").unwrap();
    assert_eq!(range.height() as i64, before + 1);
    let formula_cell = range.rows().find_map(|r| r.iter().find(|c| **c == Data::String("=1+1".into())).cloned());
    assert!(formula_cell.is_some(), "“=1+1” is a text cell, not a formula");

    for (path, format) in [(out.clone(), "xlsx"), (dir.path().join("c.csv"), "csv")] {
        if format == "csv" {
            t.core.export_list(ListEntity::Contact, &PageQuery::default(), ExportFormat::Csv, &path).unwrap();
        }
        let req =
            ImportRequest { path: path.to_string_lossy().into(), entity: ImportEntity::Contacts, ..Default::default() };
        let again = t.core.run_import(&req, false).unwrap();
        assert_eq!(again.counts.created, 0, "{format}: {:?}", again.errors);
        assert_eq!(t.core.count_contacts(None).unwrap(), before, "{format}: no duplicates");
    }
}

#[test]
fn companies_and_deals_export() {
    let t = sample();
    let dir = tempfile::tempdir().unwrap();
    for (entity, header) in [(ListEntity::Company, "ID,Company,Website"), (ListEntity::Deal, "ID,Deal,Pipeline,Stage")]
    {
        let out = dir.path().join("x.csv");
        let s = t.core.export_list(entity, &PageQuery::default(), ExportFormat::Csv, &out).unwrap();
        assert!(s.rows > 10);
        assert!(std::fs::read_to_string(&out).unwrap().starts_with(header));
    }
}

#[test]
fn every_row_lines_up_with_its_headers() {
    let t = sample();
    let dir = tempfile::tempdir().unwrap();
    for entity in [ListEntity::Contact, ListEntity::Lead, ListEntity::Company, ListEntity::Deal] {
        let out = dir.path().join("x.csv");
        t.core.export_list(entity, &PageQuery::default(), ExportFormat::Csv, &out).unwrap();
        let mut csv = csv::Reader::from_path(&out).unwrap();
        let headers = csv.headers().unwrap().clone();
        let tags = headers.iter().position(|h| h == "Tags").unwrap();
        assert_eq!(&headers[0], "ID", "{entity:?}");
        assert_eq!(&headers[tags + 1], "Created", "{entity:?}");
        assert_eq!(&headers[tags + 2], "Updated", "{entity:?}");
        for record in csv.records() {
            let record = record.unwrap();
            assert_eq!(record.len(), headers.len(), "{entity:?}: {record:?}");
            assert!(record[0].parse::<i64>().is_ok(), "{entity:?}: the id comes first: {record:?}");
            assert!(record[tags + 1].starts_with("20"), "{entity:?}: created at: {record:?}");
        }
    }
}

#[test]
fn backup_and_restore() {
    let t = sample();
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.db");
    t.core.backup_to(&copy).unwrap();
    let contacts = t.core.count_contacts(None).unwrap();

    let extra = t.core.create_contact(ContactInput { first_name: "After".into(), ..Default::default() }).unwrap();
    assert_eq!(t.core.count_contacts(None).unwrap(), contacts + 1);

    let safety = t.core.restore_backup(&copy).unwrap();
    assert_eq!(safety.kind, "before_restore");
    assert_eq!(t.core.count_contacts(None).unwrap(), contacts, "the backup's content is back");
    assert!(t.core.contact(extra.id).is_err());

    // The safety copy undoes the restore.
    t.core.restore_backup(std::path::Path::new(&safety.path)).unwrap();
    assert_eq!(t.core.count_contacts(None).unwrap(), contacts + 1);
    // And the database reopens cleanly.
    drop(t.core);
    let reopened = support::reopen(&t.dir.path().join("outpost.db")).unwrap();
    assert_eq!(reopened.count_contacts(None).unwrap(), contacts + 1);
}

fn page_size(path: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_query_value(None, "page_size", |r| r.get(0)).unwrap()
}

/// New databases have 16 KiB pages, older ones and their backups 4 KiB; SQLite's backup API cannot change the
/// page size of a database in WAL mode, so a restore across the two rewrites the backup first.
#[test]
fn restore_across_page_sizes() {
    let t = sample();
    let live = t.dir.path().join("outpost.db");
    assert_eq!(page_size(&live), 16384, "a new database");
    let contacts = t.core.count_contacts(None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("small-pages.db");
    t.core.backup_to(&small).unwrap();
    rusqlite::Connection::open(&small).unwrap().execute_batch("PRAGMA page_size = 4096; VACUUM;").unwrap();
    assert_eq!(page_size(&small), 4096);

    t.core.create_contact(ContactInput { first_name: "After".into(), ..Default::default() }).unwrap();
    t.core.restore_backup(&small).unwrap();
    assert_eq!(t.core.count_contacts(None).unwrap(), contacts, "a 4 KiB backup restores into 16 KiB pages");
    assert_eq!(page_size(&live), 16384);

    // A database an older Outpost made, with 4 KiB pages, takes a backup made now.
    let old = dir.path().join("old.db");
    rusqlite::Connection::open(&old)
        .unwrap()
        .execute_batch("PRAGMA page_size = 4096; PRAGMA journal_mode = WAL;")
        .unwrap();
    let older = support::reopen(&old).unwrap();
    let large = dir.path().join("large-pages.db");
    t.core.backup_to(&large).unwrap();
    older.restore_backup(&large).unwrap();
    assert_eq!(older.count_contacts(None).unwrap(), contacts);
    assert_eq!(page_size(&old), 4096);
    let scratch = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().contains("-stage-"))
        .count();
    assert_eq!(scratch, 0, "the rewritten copy is removed");
}

#[test]
fn restore_refuses_files_that_are_not_outpost_backups() {
    let t = sample();
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"definitely not sqlite, just text").unwrap();
    let err = t.core.restore_backup(&junk).unwrap_err();
    assert!(matches!(err, CoreError::BadFile(_)), "{err:?}");
    let empty_sqlite = dir.path().join("empty.db");
    rusqlite_touch(&empty_sqlite);
    assert!(matches!(t.core.restore_backup(&empty_sqlite).unwrap_err(), CoreError::BadFile(_)));
    assert!(t.core.count_contacts(None).unwrap() > 0, "nothing was replaced");
}

fn rusqlite_touch(path: &std::path::Path) {
    // A valid SQLite header over garbage: passes a magic-number sniff, fails the integrity check.
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.resize(8192, 0xAB);
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn daily_backups_are_made_once_a_day() {
    let t = sample();
    let first = t.core.backup_daily().unwrap();
    assert!(first.is_some());
    assert!(t.core.backup_daily().unwrap().is_none(), "one per day");
    let manual = t.core.backup_now().unwrap();
    let list = t.core.backups().unwrap();
    assert_eq!(list.len(), 2);
    assert!(list.iter().any(|b| b.file_name == manual.file_name && b.kind == "manual"));
}
