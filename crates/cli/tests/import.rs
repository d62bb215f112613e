//! The import, export and backup CLI contracts, driven as scripts drive them.
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn outpost(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("outpost").unwrap();
    cmd.arg("--db").arg(db).env_remove("OUTPOST_DB");
    cmd
}

fn json_of(cmd: &mut Command) -> Value {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON document")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/import").join(name)
}

fn contacts(db: &Path) -> i64 {
    let s = json_of(outpost(db).args(["stats", "--json"]));
    s["contacts"].as_i64().unwrap() + s["leads"].as_i64().unwrap()
}

#[test]
fn import_prints_the_counts_and_undo_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crm.db");
    let s = json_of(outpost(&db).arg("import").arg(fixture("hubspot_contacts.csv")).arg("--json"));
    for key in ["import_id", "rows_in", "created", "updated", "merged", "skipped", "rejected"] {
        assert!(s[key].is_number(), "{key} missing in {s}");
    }
    assert_eq!((s["rows_in"].as_i64(), s["created"].as_i64(), s["rejected"].as_i64()), (Some(4), Some(3), Some(1)));
    assert_eq!(s["errors"][0]["row"], 5);
    assert!(s["errors"][0]["reason"].as_str().unwrap().contains("Lead Status"));
    assert_eq!(contacts(&db), 3);

    let history = json_of(outpost(&db).args(["imports", "--json"]));
    assert_eq!(history[0]["id"], s["import_id"]);
    assert_eq!(history[0]["status"], "completed");

    let id = s["import_id"].as_i64().unwrap().to_string();
    let undone = json_of(outpost(&db).args(["import", "undo", &id, "--json"]));
    assert_eq!(undone["removed"].as_i64(), Some(3 + 2), "3 contacts and their 2 companies (IBM twice)");
    assert_eq!(contacts(&db), 0);
    assert_eq!(json_of(outpost(&db).args(["imports", "--json"]))[0]["status"], "undone");
}

#[test]
fn dry_run_mapping_file_and_duplicate_policy() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crm.db");
    let file = dir.path().join("odd.csv");
    std::fs::write(&file, "Who,Reach,Org\nAda Lovelace,ada@x.example,Engines\n").unwrap();
    let mapping = dir.path().join("mapping.json");
    std::fs::write(&mapping, r#"{"Who": "full_name", "Reach": "email", "Org": "company"}"#).unwrap();
    let dry =
        json_of(outpost(&db).arg("import").arg(&file).arg("--mapping").arg(&mapping).args(["--dry-run", "--json"]));
    assert_eq!((dry["created"].as_i64(), dry["dry_run"].as_bool()), (Some(1), Some(true)));
    assert_eq!(contacts(&db), 0, "a dry run writes nothing");
    json_of(outpost(&db).arg("import").arg(&file).arg("--mapping").arg(&mapping).arg("--json"));
    let again = json_of(outpost(&db).arg("import").arg(&file).arg("--mapping").arg(&mapping).args([
        "--on-duplicate",
        "update",
        "--json",
    ]));
    assert_eq!((again["created"].as_i64(), again["updated"].as_i64()), (Some(0), Some(1)));
}

#[test]
fn a_file_that_cannot_be_read_exits_non_zero_with_one_message_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crm.db");
    for name in ["picture.png", "empty.csv", "header_only.csv"] {
        let out = outpost(&db).arg("import").arg(fixture(name)).arg("--json").output().unwrap();
        assert!(!out.status.success(), "{name}");
        let body: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(body["error"]["code"], "bad_file", "{name}: {body}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{name}: one clear message, got {stderr}");
    }
    assert_eq!(contacts(&db), 0);
    assert_eq!(json_of(outpost(&db).args(["imports", "--json"])).as_array().unwrap().len(), 0);
}

#[test]
fn export_backup_and_restore() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crm.db");
    outpost(&db).arg("demo").assert().success();
    for (what, format) in [("contacts", "csv"), ("companies", "xlsx"), ("deals", "csv")] {
        let out = dir.path().join(format!("{what}.{format}"));
        outpost(&db).args(["export", what, "--format", format, "-o"]).arg(&out).assert().success();
        assert!(std::fs::metadata(&out).unwrap().len() > 100, "{what}");
    }
    let n = contacts(&db);
    let backup = dir.path().join("backup.db");
    outpost(&db).arg("backup").arg("-o").arg(&backup).assert().success();
    outpost(&db).arg("import").arg(fixture("outlook_contacts.csv")).assert().success();
    assert_eq!(contacts(&db), n + 3);
    let restored = json_of(outpost(&db).arg("restore").arg(&backup).arg("--json"));
    assert!(Path::new(restored["previous_saved_as"].as_str().unwrap()).exists());
    assert_eq!(contacts(&db), n);
    let bad = outpost(&db).arg("restore").arg(fixture("picture.png")).output().unwrap();
    assert!(!bad.status.success());
    assert_eq!(contacts(&db), n, "a bad restore replaces nothing");
}

#[test]
fn a_killed_import_leaves_a_clean_database() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crm.db");
    outpost(&db).arg("init").assert().success();
    let file = dir.path().join("big.csv");
    let mut w = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
    writeln!(w, "First Name,Last Name,Email,Company").unwrap();
    for i in 0..300_000 {
        writeln!(w, "Person,{i},p{i}@big{}.example,Company {}", i % 1000, i % 5000).unwrap();
    }
    drop(w);
    let bin = assert_cmd::cargo::cargo_bin("outpost");
    let mut child = std::process::Command::new(bin)
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Let it get well into the rows, then kill it without warning.
    std::thread::sleep(std::time::Duration::from_millis(2500));
    assert!(child.try_wait().unwrap().is_none(), "the import should still be running");
    child.kill().unwrap();
    child.wait().unwrap();
    let scratch = || {
        let files = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name());
        files.filter(|n| n.to_string_lossy().contains("-stage-")).count()
    };
    assert_eq!(scratch(), 1, "the killed import's full-text stage file is left behind");

    let core =
        outpost_core::Outpost::open(&db, std::sync::Arc::new(outpost_core::secrets::MemoryStore::default())).unwrap();
    let check: String = core.db().read(|c| Ok(c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?)).unwrap();
    assert_eq!(check, "ok");
    assert_eq!(core.count_contacts(None).unwrap(), 0, "no partial import");
    assert_eq!(core.stats().unwrap().companies, 0);
    assert!(core.imports(10).unwrap().is_empty());
    assert_eq!(scratch(), 0, "the next open removes it");
}
