//! The CLI contract, driven as scripts drive it: the real binary on a real database file.
use assert_cmd::Command;
use serde_json::Value;

fn outpost(db: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("outpost").unwrap();
    cmd.arg("--db").arg(db).env_remove("OUTPOST_DB");
    cmd
}

fn json_of(cmd: &mut Command) -> Value {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON document")
}

#[test]
fn demo_then_stats_prints_non_zero_counts_per_entity() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    outpost(&db).arg("demo").assert().success();
    let stats = json_of(outpost(&db).args(["stats", "--json"]));
    let counts = stats.as_object().unwrap();
    assert!(counts.len() >= 10);
    for (entity, n) in counts {
        assert!(n.as_i64().unwrap() > 0, "{entity} = {n}");
    }
    // Running the demo again is harmless and says so.
    let again = json_of(outpost(&db).args(["demo", "--json"]));
    assert_eq!(again["loaded"], false);
    assert_eq!(json_of(outpost(&db).args(["stats", "--json"])), stats);
}

#[test]
fn init_creates_the_database_at_the_given_path() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nested/dir/crm.db");
    let info = json_of(outpost(&db).args(["init", "--json"]));
    assert!(db.exists());
    assert_eq!(info["is_empty"], true);
    assert!(info["schema_version"].as_i64().unwrap() >= 1);
    // OUTPOST_DB is honoured when --db is absent.
    let other = dir.path().join("env.db");
    Command::cargo_bin("outpost").unwrap().env("OUTPOST_DB", &other).arg("init").assert().success();
    assert!(other.exists());
}

#[test]
fn contacts_list_pages_with_a_cursor() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    outpost(&db).arg("demo").assert().success();
    let first = json_of(outpost(&db).args(["contacts", "list", "--limit", "50", "--json"]));
    assert_eq!(first["total"], 120);
    assert_eq!(first["items"].as_array().unwrap().len(), 50);
    let cursor = first["next_cursor"].as_str().unwrap().to_string();
    let second = json_of(outpost(&db).args(["contacts", "list", "--limit", "50", "--cursor", &cursor, "--json"]));
    assert_ne!(first["items"][0]["id"], second["items"][0]["id"]);
    let hits = json_of(outpost(&db).args(["search", "acme", "--json"]));
    assert!(hits.as_array().unwrap().iter().any(|h| h["entity"] == "company"));
}

#[test]
fn bad_input_exits_non_zero_with_a_coded_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let out = outpost(&db)
        .args(["contacts", "add", "--first-name", "Ada", "--email", "ada-at-example", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(err["error"]["code"], "validation");
    assert!(err["error"]["message"].as_str().unwrap().contains("ada-at-example"));
    let stats = json_of(outpost(&db).args(["stats", "--json"]));
    assert_eq!(stats["contacts"], 0);
}

#[test]
fn a_newer_or_corrupt_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let newer = dir.path().join("newer.db");
    rusqlite_free_newer_db(&newer);
    let before = std::fs::read(&newer).unwrap();
    let out = outpost(&newer).args(["stats"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("newer version of Outpost"), "{stderr}");
    assert_eq!(std::fs::read(&newer).unwrap(), before);

    let corrupt = dir.path().join("corrupt.db");
    std::fs::write(&corrupt, b"PK\x03\x04 this is a zip, not a database").unwrap();
    let out = outpost(&corrupt).args(["stats", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(err["error"]["code"], "db_corrupt");
    assert_eq!(std::fs::read(&corrupt).unwrap(), b"PK\x03\x04 this is a zip, not a database");
}

/// A database whose user_version is far ahead, made with the outpost binary itself plus the sqlite header
/// field (user_version lives at byte offset 60, big-endian).
fn rusqlite_free_newer_db(path: &std::path::Path) {
    outpost(path).arg("init").assert().success();
    let wal = path.with_extension("db-wal");
    assert!(!wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0, "WAL checkpointed on close");
    let mut bytes = std::fs::read(path).unwrap();
    bytes[60..64].copy_from_slice(&999u32.to_be_bytes());
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn deals_list_and_move_by_stage_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    outpost(&db).arg("demo").assert().success();
    let deals = json_of(outpost(&db).args(["deals", "list", "--status", "open", "--json"]));
    let deal = deals.as_array().unwrap().iter().find(|d| d["stage_name"] == "Qualified").unwrap().clone();
    let id = deal["id"].as_i64().unwrap().to_string();

    let moved = json_of(outpost(&db).args(["deals", "move", &id, "proposal", "--json"]));
    assert_eq!(moved["deal"]["stage_name"], "Proposal");
    assert_eq!(moved["from_stage_id"], deal["stage_id"]);

    let out = outpost(&db).args(["deals", "move", &id, "Lost", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(err["error"]["code"], "validation");

    let lost = json_of(outpost(&db).args(["deals", "move", &id, "Lost", "--reason", "Budget cut", "--json"]));
    assert_eq!(lost["deal"]["status"], "lost");
    let open = json_of(outpost(&db).args(["deals", "list", "--status", "open", "--json"]));
    assert_eq!(open.as_array().unwrap().len(), deals.as_array().unwrap().len() - 1);
}
