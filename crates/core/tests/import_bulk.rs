//! A bulk import (past the row count where it sets indexes aside and finds duplicates from memory) must
//! find exactly the duplicates a small one does: by email against the database and inside the file, by
//! phone when one side has no email, and leave every index as the migrations made it.
mod support;

use std::path::Path;

use outpost_core::domain::{ContactInput, ImportEntity, ImportRequest, ImportSummary};

fn indexes(path: &Path, table: &str) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT name, ifnull(sql, '') FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 ORDER BY name")
        .unwrap();
    stmt.query_map([table], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
}

/// Imports `csv` as contacts; the request is returned for running the same file again.
fn import_csv(t: &support::TestDb, dir: &tempfile::TempDir, csv: String) -> (ImportSummary, ImportRequest) {
    let file = dir.path().join("bulk.csv");
    std::fs::write(&file, csv).unwrap();
    let req = ImportRequest {
        path: file.to_string_lossy().into_owned(),
        entity: ImportEntity::Contacts,
        ..Default::default()
    };
    (t.core.run_import(&req, false).unwrap(), req)
}

#[test]
fn a_bulk_import_finds_duplicates_in_the_database_and_in_the_file_after_setting_indexes_aside() {
    let t = support::open();
    let hedy = t
        .core
        .create_contact(ContactInput {
            first_name: "Hedy".into(),
            last_name: "Lamarr".into(),
            emails: vec!["hedy@example.org".into()],
            ..Default::default()
        })
        .unwrap();
    let desk = t
        .core
        .create_contact(ContactInput {
            first_name: "Front".into(),
            last_name: "Desk".into(),
            phones: vec!["+1 999 000 0001".into()],
            ..Default::default()
        })
        .unwrap();
    // Someone without an email at a company: found by name once the company's people are kept in memory.
    let parc = t
        .core
        .create_company(outpost_core::domain::CompanyInput { name: "Xerox PARC".into(), ..Default::default() })
        .unwrap();
    let lynn = t
        .core
        .create_contact(ContactInput {
            first_name: "Lynn".into(),
            last_name: "Conway".into(),
            company_id: Some(parc.id),
            ..Default::default()
        })
        .unwrap();
    let before = (indexes(&t.path(), "contacts"), indexes(&t.path(), "contact_points"));

    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("First Name,Last Name,Email,Phone,Company\n");
    for i in 0..20_500 {
        csv.push_str(&format!("P{i},S{i},p{i}@example.com,+1 212 {:03} {:04},\n", i / 10_000, i % 10_000));
    }
    // All past the 20,000th row, when the point index is set aside:
    csv.push_str("Hedy,L.,HEDY@Example.org,,\n"); // the database's contact, by email: skipped
    csv.push_str("Front,Office,,+1 (999) 000-0001,\n"); // the database's contact, by phone: skipped
    csv.push_str("Pat,Five,P5@EXAMPLE.COM,,\n"); // row 5 of this file, by email: merged
    csv.push_str("No,Email,,+1 212 000 0007,\n"); // row 7 of this file, by phone (no email here): merged
    csv.push_str("Other,Person,other@example.com,+1 212 000 0008,\n"); // both have emails: a new person
    csv.push_str("Alan,Turing,,+1 300 000 0001,Bletchley\n"); // new, without an email
    csv.push_str("Alan,Turring,alan@bletchley.example,,Bletchley\n"); // the one above by name: merged
    csv.push_str("Lynn,Conwey,lynn@parc.example,,Xerox PARC\n"); // the database's contact, by name: skipped
    csv.push_str("Dee,Near,dee@near.example,,\n"); // new
                                                   // The row above by email while its points are still held back, unwritten: merged, given the phone.
    csv.push_str("Dee,Near,DEE@near.example,+1 400 000 0001,\n");
    let (s, req) = import_csv(&t, &dir, csv);
    let c = &s.counts;
    assert_eq!((c.rows_in, c.created, c.updated, c.merged, c.skipped, c.rejected), (20_510, 20_503, 0, 4, 3, 0));
    // Its new records were indexed beside the writer and spliced in: FTS5 finds the index whole (checked
    // once the background builds, which change the schema, are done).
    t.core.db().settle();
    full_text_intact(&t.path());
    assert_eq!(scratch_files(&t.path()), Vec::<String>::new(), "the stage's scratch file went with the import");
    // The list indexes it set aside are built after its commit, in the background.
    assert_eq!((indexes(&t.path(), "contacts"), indexes(&t.path(), "contact_points")), before);
    assert_eq!(queued(&t.path()), 0);
    assert_eq!(segments(&t.path()).1, 16, "the import's full-text segments were merged after it");

    // The merges landed on the file's own rows; the database's contacts were left alone.
    assert_eq!(t.core.contact(hedy.id).unwrap().last_name, "Lamarr");
    assert_eq!(t.core.contact(desk.id).unwrap().last_name, "Desk");
    assert!(t.core.contact(lynn.id).unwrap().emails.is_empty(), "skipped, not given the row's email");
    let hits = t.core.search("p7@example.com", 5).unwrap();
    let p7 = t.core.contact(hits[0].id).unwrap();
    assert_eq!(p7.phones.len(), 1, "the phone was already theirs");
    let hits = t.core.search("dee@near.example", 5).unwrap();
    assert_eq!(hits.len(), 1, "one Dee Near");
    let dee = t.core.contact(hits[0].id).unwrap();
    let values = |p: &[outpost_core::domain::ContactPoint]| p.iter().map(|p| p.value.clone()).collect::<Vec<_>>();
    assert_eq!(
        (values(&dee.emails), values(&dee.phones)),
        (vec!["dee@near.example".into()], vec!["+1 400 000 0001".into()])
    );
    // Rows written in bulk (texts bound in place, many to a statement) hold exactly their own values.
    for i in [0, 12_345, 20_499] {
        let hits = t.core.search(&format!("p{i}@example.com"), 5).unwrap();
        let c = t.core.contact(hits[0].id).unwrap();
        let point = |p: &[outpost_core::domain::ContactPoint]| {
            p.iter().map(|p| (p.value.clone(), p.is_primary)).collect::<Vec<_>>()
        };
        let want_phone = format!("+1 212 {:03} {:04}", i / 10_000, i % 10_000);
        assert_eq!((c.first_name.as_str(), c.last_name.as_str()), (format!("P{i}").as_str(), format!("S{i}").as_str()));
        assert_eq!(point(&c.emails), vec![(format!("p{i}@example.com"), true)]);
        assert_eq!(point(&c.phones), vec![(want_phone, true)]);
    }
    // The rebuilt index answers the next import's lookups: the same file again is all duplicates.
    let again = t.core.run_import(&req, false).unwrap();
    assert_eq!((again.counts.created, again.counts.skipped + again.counts.merged), (0, 20_510));
    t.core.db().settle();
    full_text_intact(&t.path());

    t.core.undo_import(again.import_id).unwrap();
    t.core.undo_import(s.import_id).unwrap();
    t.core.db().settle();
    assert_eq!(t.core.stats().unwrap().contacts, 3);
    assert_eq!((indexes(&t.path(), "contacts"), indexes(&t.path(), "contact_points")), before);
}

/// FTS5's own check that its index and its content agree.
fn full_text_intact(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute("INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)", []).unwrap();
}

fn scratch_files(db: &Path) -> Vec<String> {
    let dir = std::fs::read_dir(db.parent().unwrap()).unwrap();
    dir.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|n| n.contains("-stage-")).collect()
}

fn queued(path: &Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("SELECT count(*) FROM index_builds", [], |r| r.get(0)).unwrap()
}

/// A process stopped after a bulk import committed but before its list indexes were built leaves them
/// queued: the next open builds them, and nothing else is needed.
#[test]
fn indexes_left_queued_by_a_stopped_process_are_built_at_the_next_open() {
    let t = support::open();
    let before = indexes(&t.path(), "contacts");
    let path = t.path();
    drop(t.core);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let sql: String =
            conn.query_row("SELECT sql FROM sqlite_schema WHERE name = 'contacts_city'", [], |r| r.get(0)).unwrap();
        conn.execute_batch("DROP INDEX contacts_city").unwrap();
        conn.execute("INSERT INTO index_builds (name, sql) VALUES ('contacts_city', ?1)", [&sql]).unwrap();
    }
    assert_ne!(indexes(&path, "contacts"), before);
    let core = support::reopen(&path).unwrap();
    core.db().settle();
    assert_eq!(indexes(&path, "contacts"), before);
    assert_eq!(queued(&path), 0);
}

fn count(path: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_bulk_undo_runs_every_foreign_key_action_itself_and_leaves_no_dangling_reference() {
    use outpost_core::domain::{DealInput, RecordRef, TaskInput};
    use outpost_core::ops::activities::LogInput;

    let t = support::open();
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("First Name,Last Name,Email,Phone,Company,Notes\n");
    for i in 0..20_200 {
        let note = if i % 100 == 0 { "met at the fair" } else { "" };
        csv.push_str(&format!("P{i},S{i},p{i}@example.com,+1 212 555 {i:04},Firm {},{note}\n", i % 50));
    }
    let (s, _) = import_csv(&t, &dir, csv);
    assert_eq!(s.counts.created, 20_200);
    assert_eq!(count(&t.path(), "SELECT count(*) FROM notes"), 202);

    // The rep works with what came in: a deal and a task stay when the contact goes (SET NULL), the
    // contact's own activity goes with it (CASCADE).
    let p0 = t.core.search("p0@example.com", 1).unwrap()[0].id;
    let deal =
        t.core.create_deal(DealInput { title: "Big one".into(), contact_id: Some(p0), ..Default::default() }).unwrap();
    let task =
        t.core.create_task(TaskInput { title: "Call P0".into(), contact_id: Some(p0), ..Default::default() }).unwrap();
    t.core
        .log_activity(LogInput {
            record: RecordRef::Contact(p0),
            kind: "call".into(),
            subject: Some("Intro".into()),
            body: None,
            occurred_at: None,
        })
        .unwrap();
    let activities = count(&t.path(), "SELECT count(*) FROM activities");

    let undone = t.core.undo_import(s.import_id).unwrap();
    t.core.db().settle();
    assert_eq!(undone.removed, 20_200 + 50);
    assert_eq!(t.core.stats().unwrap().contacts, 0);
    assert_eq!(t.core.deal(deal.id).unwrap().contact_id, None);
    assert_eq!(t.core.task(task.id).unwrap().contact_id, None);
    assert_eq!(count(&t.path(), "SELECT count(*) FROM activities WHERE contact_id IS NOT NULL"), 0);
    assert!(activities > 0);
    assert_eq!(count(&t.path(), "SELECT count(*) FROM notes"), 0);
    assert_eq!(count(&t.path(), "SELECT count(*) FROM contact_points"), 0);
    assert_eq!(count(&t.path(), "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    assert!(t.core.search("met fair", 5).unwrap().is_empty());
}

fn segments(path: &Path) -> (i64, i64) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let crisis = conn.query_row("SELECT v FROM search_index_config WHERE k = 'crisismerge'", [], |r| r.get(0)).unwrap();
    (conn.query_row("SELECT count(DISTINCT segid) FROM search_index_idx", [], |r| r.get(0)).unwrap(), crisis)
}

/// A bulk write leaves the full-text index's segments to be merged after its commit (so that no later edit
/// stalls merging them): a process stopped before that merges them at the next open.
#[test]
fn full_text_segments_left_unmerged_by_a_stopped_process_are_merged_at_the_next_open() {
    let t = support::open();
    let path = t.path();
    drop(t.core);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO search_index (search_index, rank) VALUES ('automerge', 0);
             INSERT INTO search_index (search_index, rank) VALUES ('crisismerge', 1000);",
        )
        .unwrap();
        for i in 0..40 {
            // One transaction each: a segment each.
            conn.execute("INSERT INTO search_index (rowid, title, body) VALUES (?1, 'Ada', 'lovelace')", [i * 4])
                .unwrap();
        }
        conn.execute_batch("INSERT INTO search_index (search_index, rank) VALUES ('automerge', 4)").unwrap();
    }
    assert_eq!(segments(&path), (40, 1000));
    let core = support::reopen(&path).unwrap();
    core.db().settle();
    let (left, crisis) = segments(&path);
    assert!(left < 4, "{left} segments left");
    assert_eq!(crisis, 16);
    assert_eq!(core.search("ada", 50).unwrap().len(), 40);
}
