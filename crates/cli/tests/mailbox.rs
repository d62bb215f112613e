//! `outpost mailbox …` on the real binary. The keychain tests need a Secret Service: scripts/test.sh runs them
//! inside scripts/with-keyring.sh (a private D-Bus session with gnome-keyring); a plain `cargo test` skips them.
use std::process::Output;

use assert_cmd::Command;
use outpost_testkit::{Dovecot, FakeSmtp, PASSWORD, USER};
use serde_json::Value;

fn outpost(db: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("outpost").unwrap();
    cmd.arg("--db").arg(db).env_remove("OUTPOST_DB");
    cmd
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("one JSON document: {}", text(out)))
}

/// Both keychain tests count the app's items: one at a time.
static KEYCHAIN: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Items the Secret Service holds for the app (what `secret-tool` sees).
fn keychain_items() -> usize {
    let out = std::process::Command::new("secret-tool")
        .args(["search", "--all", "service", "app.outpost.crm"])
        .output()
        .expect("secret-tool (libsecret-tools)");
    String::from_utf8_lossy(&out.stdout).lines().filter(|l| l.starts_with('[')).count()
        + String::from_utf8_lossy(&out.stderr).lines().filter(|l| l.starts_with('[')).count()
}

fn add(db: &std::path::Path, smtp: &FakeSmtp, imap: &Dovecot, ca: &std::path::Path, password: &str) -> Output {
    outpost(db)
        .args(["mailbox", "add", "--name", "Work", "--email", USER])
        .args(["--smtp", &format!("localhost:{}", smtp.port), "--smtp-security", "starttls"])
        .args(["--imap", &format!("localhost:{}", imap.imaps_port), "--imap-security", "tls"])
        .args(["--username", USER, "--ca-file"])
        .arg(ca)
        .args(["--password-stdin", "--json"])
        .write_stdin(format!("{password}\n"))
        .output()
        .unwrap()
}

#[test]
#[ignore = "needs a Secret Service: run via scripts/with-keyring.sh"]
fn add_test_list_remove_with_the_password_only_in_the_keychain() {
    let _one_at_a_time = KEYCHAIN.lock().unwrap_or_else(|p| p.into_inner());
    let (smtp, imap) = (FakeSmtp::start(), Dovecot::start());
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, format!("{}{}", smtp.ca_pem(), imap.ca_pem())).unwrap();
    let before = keychain_items();

    let out = add(&db, &smtp, &imap, &ca, PASSWORD);
    assert!(out.status.success(), "{}", text(&out));
    let id = json(&out)["id"].as_i64().expect("prints the id");
    assert_eq!(keychain_items(), before + 1, "the password went to the keychain");

    let out = outpost(&db).args(["mailbox", "list", "--json"]).output().unwrap();
    let list = json(&out);
    assert_eq!(list[0]["id"], id);
    assert_eq!(list[0]["state"], "active");

    let out = outpost(&db).args(["mailbox", "test", &id.to_string(), "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let result = json(&out);
    assert_eq!(result["smtp"]["ok"], true, "{result}");
    assert_eq!(result["imap"]["ok"], true, "{result}");

    let mut outputs = vec![text(&out), text(&outpost(&db).args(["mailbox", "list"]).output().unwrap())];
    let out = outpost(&db).args(["mailbox", "remove", &id.to_string()]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    outputs.push(text(&out));
    assert_eq!(keychain_items(), before, "removing the mailbox deleted its secret");
    let out = outpost(&db).args(["mailbox", "test", &id.to_string(), "--json"]).output().unwrap();
    assert!(!out.status.success());
    assert_eq!(json(&out)["error"]["code"], "not_found");

    for o in &outputs {
        assert!(!o.contains(PASSWORD), "password printed: {o}");
    }
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(!bytes.windows(PASSWORD.len()).any(|w| w == PASSWORD.as_bytes()), "password in a database file");
    }
}

#[test]
#[ignore = "needs a Secret Service: run via scripts/with-keyring.sh"]
fn a_wrong_password_fails_the_test_with_mail_auth_and_is_never_printed() {
    let _one_at_a_time = KEYCHAIN.lock().unwrap_or_else(|p| p.into_inner());
    let (smtp, imap) = (FakeSmtp::start(), Dovecot::start());
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, format!("{}{}", smtp.ca_pem(), imap.ca_pem())).unwrap();
    let wrong = "wrong-pw-4c1d";
    let out = add(&db, &smtp, &imap, &ca, wrong);
    let id = json(&out)["id"].as_i64().unwrap();
    let out = outpost(&db).args(["mailbox", "test", &id.to_string(), "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let result = json(&out);
    assert_eq!(result["smtp"]["code"], "mail_auth", "{result}");
    assert_eq!(result["imap"]["code"], "mail_auth", "{result}");
    assert!(!text(&out).contains(wrong));
    outpost(&db).args(["mailbox", "remove", &id.to_string()]).assert().success();
}

#[test]
fn add_insists_on_the_password_coming_from_stdin_and_checks_host_port() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let base = |cmd: &mut Command| {
        cmd.args(["mailbox", "add", "--name", "W", "--email", "a@example.com"])
            .args(["--smtp-security", "starttls", "--imap", "imap.example.com:993", "--imap-security", "tls"])
            .args(["--username", "a@example.com", "--json"]);
    };
    let mut cmd = outpost(&db);
    base(&mut cmd);
    let out = cmd.args(["--smtp", "smtp.example.com:587"]).output().unwrap();
    assert!(!out.status.success());
    assert_eq!(json(&out)["error"]["code"], "validation");
    assert!(text(&out).contains("--password-stdin"));

    let mut cmd = outpost(&db);
    base(&mut cmd);
    let out = cmd.args(["--smtp", "smtp.example.com", "--password-stdin"]).write_stdin("pw\n").output().unwrap();
    assert!(!out.status.success());
    assert!(text(&out).contains("HOST:PORT"), "{}", text(&out));
    assert!(!text(&out).contains("pw\n"));

    let out = outpost(&db).args(["mailbox", "list", "--json"]).output().unwrap();
    assert_eq!(json(&out), serde_json::json!([]));
}
