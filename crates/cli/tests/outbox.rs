//! `outpost send` and `outpost outbox list|run` on the real binary against real servers. The mailbox's password
//! lives in the keychain, so the end-to-end test needs a Secret Service: scripts/test.sh runs it inside
//! scripts/with-keyring.sh; a plain `cargo test` skips it.
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;
use assert_cmd::Command;
use outpost_testkit::{Dovecot, FakeSmtp, PASSWORD, USER};
use serde_json::Value;

fn outpost(db: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("outpost").unwrap();
    cmd.arg("--db").arg(db).env_remove("OUTPOST_DB");
    cmd
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        panic!("one JSON document: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    })
}

fn ok_json(cmd: &mut Command) -> Value {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    json(&out)
}

fn status_of(db: &std::path::Path, id: i64) -> String {
    let list = ok_json(outpost(db).args(["outbox", "list", "--json"]));
    let item = list["items"].as_array().unwrap().iter().find(|i| i["id"] == id).cloned().unwrap();
    item["status"].as_str().unwrap().to_string()
}

#[test]
fn send_refuses_an_unknown_mailbox_and_missing_content() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let out = outpost(&db)
        .args(["send", "--mailbox", "7", "--to", "a@example.org", "--subject", "Hi", "--body", "Hello", "--json"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(json(&out)["error"]["code"], "not_found");
    // Free text needs both parts; a template needs a contact.
    outpost(&db).args(["send", "--mailbox", "1", "--to", "a@example.org", "--subject", "Hi"]).assert().failure();
    outpost(&db).args(["send", "--mailbox", "1", "--template", "3"]).assert().failure();
    let empty = ok_json(outpost(&db).args(["outbox", "list", "--json"]));
    assert_eq!(empty["items"].as_array().unwrap().len(), 0);
    let run = ok_json(outpost(&db).args(["outbox", "run", "--json"]));
    assert_eq!((run["sent"].as_i64(), run["failed"].as_i64(), run["deferred"].as_i64()), (Some(0), Some(0), Some(0)));
}

#[test]
#[ignore = "needs a Secret Service: run via scripts/with-keyring.sh"]
fn send_list_run_and_a_killed_run_delivers_exactly_once() {
    let (smtp, imap) = (FakeSmtp::start(), Dovecot::start());
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, format!("{}{}", smtp.ca_pem(), imap.ca_pem())).unwrap();
    let added = ok_json(
        outpost(&db)
            .args(["mailbox", "add", "--name", "Work", "--email", USER])
            .args(["--smtp", &format!("localhost:{}", smtp.port), "--smtp-security", "starttls"])
            .args(["--imap", &format!("localhost:{}", imap.imaps_port), "--imap-security", "tls"])
            .args(["--username", USER, "--ca-file"])
            .arg(&ca)
            .args(["--password-stdin", "--json"])
            .write_stdin(format!("{PASSWORD}\n")),
    );
    let mailbox = added["id"].as_i64().unwrap().to_string();

    // Kill `outbox run` while the server holds the message (it answers RCPT only after 4 s).
    let slow = ok_json(outpost(&db).args([
        "send",
        "--mailbox",
        &mailbox,
        "--to",
        "slow4-killed@example.org",
        "--subject",
        "Hi",
        "--body",
        "Once",
        "--json",
    ]));
    let slow_id = slow["id"].as_i64().unwrap();
    let message_id = slow["message_id"].as_str().unwrap().to_string();
    assert!(message_id.starts_with('<') && message_id.ends_with('>'));
    assert_eq!(status_of(&db, slow_id), "queued");
    let mut child = std::process::Command::cargo_bin("outpost")
        .unwrap()
        .arg("--db")
        .arg(&db)
        .args(["outbox", "run", "--json"])
        .env_remove("OUTPOST_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while status_of(&db, slow_id) != "sending" {
        if Instant::now() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "the run never started sending ({}): {}",
                status_of(&db, slow_id),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(status_of(&db, slow_id), "sending", "left mid-send");
    assert!(smtp.received_by("slow4-killed@example.org").is_empty());

    // Restarted: resolved from the Sent folder (not there), sent again — and received exactly once.
    let again = ok_json(outpost(&db).args(["outbox", "run", "--json"]));
    assert_eq!((again["recovered"].as_i64(), again["sent"].as_i64()), (Some(1), Some(1)), "{again}");
    let got = smtp.received_by("slow4-killed@example.org");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].header("Message-ID").as_deref(), Some(message_id.as_str()));
    assert_eq!(status_of(&db, slow_id), "sent");

    // The next message waits for the mailbox's spacing (30 s by default), and the outbox says so.
    let next = ok_json(outpost(&db).args([
        "send",
        "--mailbox",
        &mailbox,
        "--to",
        "cli@example.org",
        "--subject",
        "Hi",
        "--body",
        "Hello",
        "--json",
    ]));
    let run = ok_json(outpost(&db).args(["outbox", "run", "--json"]));
    assert_eq!((run["sent"].as_i64(), run["failed"].as_i64(), run["deferred"].as_i64()), (Some(0), Some(0), Some(1)));
    let list = ok_json(outpost(&db).args(["outbox", "list", "--json"]));
    let waiting = list["items"].as_array().unwrap().iter().find(|i| i["id"] == next["id"]).unwrap();
    assert_eq!(waiting["status"], "queued");
    assert!(waiting["goes_at"].as_str().is_some());
    assert_eq!(waiting["waiting_reason"], "Spacing between messages");
    assert_eq!(list["senders"][0]["sent_today"], 1);
    assert!(smtp.received_by("cli@example.org").is_empty());

    outpost(&db).args(["mailbox", "remove", &mailbox]).assert().success();
}
