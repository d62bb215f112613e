//! `sync-bench`: IMAP sync's numbers on a real, loopback Dovecot (the test kit's).
//!
//!   cargo run --release -p outpost-bench --bin sync-bench -- --messages 10000
//!
//! Writes N messages of ~5 KB straight into the user's Maildir (one in ten from a known contact, the rest from
//! strangers), then times the first sync of INBOX + Sent — fetch, parse, matching, classification and storage,
//! the same core call the app's background sync and `outpost sync --once` make — a second sync with
//! nothing new, and a third after another client flagged a tenth of the messages and deleted ten (needs
//! `doveadm`, which comes with Dovecot).

/// mimalloc: see the workspace manifest.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::sync::Arc;
use std::time::Instant;

use clap::Parser;
use outpost_core::domain::{ContactInput, MailboxInput, Security};
use outpost_core::mail::sync;
use outpost_core::secrets::MemoryStore;
use outpost_core::Outpost;
use outpost_testkit::{Dovecot, PASSWORD, USER};

#[derive(Parser)]
struct Cli {
    #[arg(long, default_value_t = 10_000)]
    messages: usize,
}

fn main() -> anyhow::Result<()> {
    // SAFETY: first thing in the process, before any thread or connection exists.
    unsafe { outpost_core::db::give_sqlite_mimalloc() };
    let cli = Cli::parse();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let imap = Dovecot::start();
    let dir = tempfile::tempdir()?;
    let core = Outpost::open(&dir.path().join("outpost.db"), Arc::new(MemoryStore::default()))?;
    let mailbox = core.create_mailbox(MailboxInput {
        name: "Bench".into(),
        email: USER.into(),
        smtp_host: "localhost".into(),
        smtp_port: 2525,
        smtp_security: Security::Starttls,
        imap_host: "localhost".into(),
        imap_port: imap.imaps_port,
        imap_security: Security::Tls,
        username: USER.into(),
        ca_pem: Some(imap.ca_pem().to_string()),
        password: Some(PASSWORD.into()),
        ..Default::default()
    })?;
    core.create_contact(ContactInput {
        first_name: "Bob".into(),
        last_name: "Baker".into(),
        emails: vec!["bob@acme.example".into()],
        ..Default::default()
    })?;
    // The first sync makes Dovecot create the user's Maildir.
    rt.block_on(sync::run_once(&core, Some(mailbox.id)))?;
    let local = USER.split('@').next().unwrap_or(USER);
    let maildir = imap.dir().join("mail/example.test").join(local).join("Maildir");
    let body = "All work and no play makes Jack a dull boy. ".repeat(110);
    let date = (chrono::Utc::now() - chrono::Duration::hours(1)).to_rfc2822();
    let root = std::process::Command::new("id").arg("-u").output()?.stdout.starts_with(b"0");
    for i in 0..cli.messages {
        let from = if i % 10 == 0 { "bob@acme.example" } else { "someone@nowhere.example" };
        let raw = format!(
            "From: {from}\r\nTo: {USER}\r\nSubject: Note {i}\r\nDate: {date}\r\nMessage-ID: <bulk{i}@acme.example>\r\n\r\n{body}\r\n"
        );
        let tmp = maildir.join("tmp").join(format!("{i}.bench"));
        std::fs::write(&tmp, raw)?;
        if root {
            // Dovecot's mail processes run as nobody when the harness runs as root.
            std::os::unix::fs::chown(&tmp, Some(65534), Some(65534))?;
        }
        std::fs::rename(&tmp, maildir.join("new").join(format!("{i}.bench")))?;
    }
    let started = Instant::now();
    let first = rt.block_on(sync::run_once(&core, Some(mailbox.id)))?;
    let first_time = started.elapsed();
    anyhow::ensure!(first.fetched as usize == cli.messages, "fetched {} of {}", first.fetched, cli.messages);
    let started = Instant::now();
    let again = rt.block_on(sync::run_once(&core, Some(mailbox.id)))?;
    let again_time = started.elapsed();
    anyhow::ensure!(again.fetched == 0, "the second sync fetched {}", again.fetched);
    // Another client flags a tenth of the mailbox and deletes ten messages: with CONDSTORE/QRESYNC only
    // those come back (FETCH … CHANGEDSINCE, VANISHED).
    let flagged = (cli.messages / 10).max(1);
    let doveadm = |args: &[&str]| -> anyhow::Result<()> {
        let out =
            std::process::Command::new("doveadm").arg("-c").arg(imap.dir().join("dovecot.conf")).args(args).output()?;
        anyhow::ensure!(out.status.success(), "doveadm: {}", String::from_utf8_lossy(&out.stderr));
        Ok(())
    };
    doveadm(&["flags", "add", "-u", USER, "\\Flagged", "mailbox", "INBOX", "uid", &format!("1:{flagged}")])?;
    doveadm(&["expunge", "-u", USER, "mailbox", "INBOX", "uid", &format!("{}:{}", flagged + 1, flagged + 10)])?;
    let started = Instant::now();
    let changes = rt.block_on(sync::run_once(&core, Some(mailbox.id)))?;
    let changes_time = started.elapsed();
    anyhow::ensure!(changes.flags_updated as usize == flagged && changes.vanished == 10, "flag changes: {changes:?}");
    println!(
        "initial sync: {} messages in {:.2} s ({:.0} msg/s; {} matched to a contact) — nothing new: {:.0} ms — \
         {flagged} flag changes + 10 removals by another client: {:.0} ms",
        cli.messages,
        first_time.as_secs_f64(),
        cli.messages as f64 / first_time.as_secs_f64(),
        first.matched,
        again_time.as_secs_f64() * 1000.0,
        changes_time.as_secs_f64() * 1000.0
    );
    Ok(())
}
