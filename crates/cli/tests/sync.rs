//! `outpost sync`, `outpost inbox` and the mail state in `outpost contacts show` on the real binary. The
//! end-to-end test keeps the mailbox password in the keychain, so it needs a Secret Service: scripts/test.sh
//! runs it inside scripts/with-keyring.sh; a plain `cargo test` skips it.
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use outpost_testkit::{Dovecot, PASSWORD, USER};
use serde_json::Value;

fn outpost(db: &Path) -> Command {
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

#[test]
fn inbox_starts_empty_sync_refuses_an_unknown_mailbox_and_contacts_show_the_mail_state() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    assert_eq!(ok_json(outpost(&db).args(["inbox", "--json"])), Value::Array(vec![]));
    let out = outpost(&db).args(["sync", "--mailbox", "7", "--once", "--json"]).output().unwrap();
    assert!(!out.status.success());
    assert_eq!(json(&out)["error"]["code"], "not_found");
    // No mailboxes at all: nothing to do, all counts zero.
    let counts = ok_json(outpost(&db).args(["sync", "--once", "--json"]));
    for key in [
        "fetched",
        "matched",
        "replies",
        "auto_replies",
        "bounces",
        "unsubscribes",
        "unmatched",
        "flags_updated",
        "vanished",
    ] {
        assert_eq!(counts[key], 0, "{key}: {counts}");
    }
    let added = ok_json(outpost(&db).args([
        "contacts",
        "add",
        "--first-name",
        "Bob",
        "--last-name",
        "Baker",
        "--email",
        "bob@acme.example",
        "--json",
    ]));
    let shown = ok_json(outpost(&db).args(["contacts", "show", &added["id"].to_string(), "--json"]));
    assert_eq!((shown["bounced"].as_bool(), shown["suppressed"].as_bool()), (Some(false), Some(false)), "{shown}");
}

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/mail").join(name);
    let date = chrono_like_date();
    std::fs::read_to_string(&path)
        .unwrap()
        .replace("{{ME}}", USER)
        .replace("{{OUT_ID}}", "<never-sent@example.test>")
        .replace("{{DATE}}", &date)
}

/// An RFC 2822 date for "now" without pulling in a date crate: `date -R`.
fn chrono_like_date() -> String {
    let out = std::process::Command::new("date").arg("-R").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Delivers `message` to `rcpt` over LMTP (plain text on 127.0.0.1).
fn lmtp(port: u16, rcpt: &str, message: &str) {
    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut w = stream;
    let expect = |code: &str, reader: &mut BufReader<TcpStream>| loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        assert!(line.starts_with(code), "LMTP said {line}");
        if line.as_bytes().get(3) != Some(&b'-') {
            break;
        }
    };
    expect("220", &mut reader);
    for (cmd, code) in
        [("LHLO test", "250"), ("MAIL FROM:<>", "250"), (&format!("RCPT TO:<{rcpt}>") as &str, "250"), ("DATA", "354")]
    {
        write!(w, "{cmd}\r\n").unwrap();
        expect(code, &mut reader);
    }
    let body: String = message
        .replace("\r\n", "\n")
        .lines()
        .map(|l| if l.starts_with('.') { format!(".{l}\r\n") } else { format!("{l}\r\n") })
        .collect();
    write!(w, "{body}.\r\n").unwrap();
    expect("250", &mut reader);
    write!(w, "QUIT\r\n").unwrap();
}

#[test]
#[ignore = "needs a Secret Service: run via scripts/with-keyring.sh"]
fn sync_classifies_delivered_mail_and_contacts_show_the_bounce() {
    let imap = Dovecot::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, imap.ca_pem()).unwrap();
    let added = ok_json(
        outpost(&db)
            .args(["mailbox", "add", "--name", "Work", "--email", USER])
            .args(["--smtp", "localhost:2525", "--smtp-security", "starttls"])
            .args(["--imap", &format!("localhost:{}", imap.imaps_port), "--imap-security", "tls"])
            .args(["--username", USER, "--ca-file"])
            .arg(&ca)
            .args(["--password-stdin", "--json"])
            .write_stdin(format!("{PASSWORD}\n")),
    );
    let mailbox = added["id"].to_string();
    let bob = ok_json(outpost(&db).args([
        "contacts",
        "add",
        "--first-name",
        "Bob",
        "--last-name",
        "Baker",
        "--email",
        "bob@acme.example",
        "--json",
    ]));
    let bob_id = bob["id"].clone();
    let bob = bob_id.to_string();
    lmtp(imap.lmtp_port, USER, &fixture("bounce_dsn_hard.eml"));
    lmtp(imap.lmtp_port, USER, &fixture("auto_subject_only.eml"));
    lmtp(
        imap.lmtp_port,
        USER,
        "From: someone@nowhere.example\nTo: alice@example.test\nSubject: Hi\nMessage-ID: <stranger@nowhere.example>\n\nHello.\n",
    );
    let counts = ok_json(outpost(&db).args(["sync", "--mailbox", &mailbox, "--once", "--json"]));
    assert_eq!(counts["fetched"], 3, "{counts}");
    assert_eq!((counts["bounces"].as_i64(), counts["auto_replies"].as_i64()), (Some(1), Some(1)), "{counts}");
    assert_eq!((counts["matched"].as_i64(), counts["unmatched"].as_i64()), (Some(2), Some(1)), "{counts}");
    let again = ok_json(outpost(&db).args(["sync", "--once", "--json"]));
    assert_eq!(again["fetched"], 0, "{again}");
    let inbox = ok_json(outpost(&db).args(["inbox", "--json"]));
    assert_eq!(inbox.as_array().unwrap().len(), 3, "{inbox}");
    let linked = ok_json(outpost(&db).args(["inbox", "--linked", "--json"]));
    assert!(linked.as_array().unwrap().iter().all(|t| t["contact_id"] == bob_id), "{linked}");
    let shown = ok_json(outpost(&db).args(["contacts", "show", &bob, "--json"]));
    assert_eq!((shown["bounced"].as_bool(), shown["suppressed"].as_bool()), (Some(true), Some(true)), "{shown}");
    assert!(shown["bounce_reason"].as_str().unwrap().starts_with("Hard bounce (5.1.1)"), "{shown}");
}
