//! `outbox-bench`: the outbox's two numbers, on real parts.
//!
//!   cargo run --release -p outpost-bench --bin outbox-bench -- drain --messages 1000
//!   cargo run --release -p outpost-bench --bin outbox-bench -- queue --messages 10000
//!
//! `drain` starts the test kit's loopback SMTP server (aiosmtpd, STARTTLS + AUTH) and Dovecot, queues N messages
//! on a mailbox with no limits, and times `outbox run`'s core call: SMTP over the sender's connection pool, each
//! message filed in Sent over IMAP, every status and timeline write. It checks the server got each exactly once.
//! `queue` generates contacts, then times queueing one template for N of them (rendering, Message-IDs and
//! inserts in one transaction) — what a campaign does.

/// mimalloc: see the workspace manifest.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};
use outpost_core::domain::{MailboxInput, Security, SendInput, TemplateInput};
use outpost_core::mail::outbox::{run_once, LiveConnector, Settings, SystemClock};
use outpost_core::sample::Scale;
use outpost_core::secrets::MemoryStore;
use outpost_core::Outpost;
use outpost_testkit::{Dovecot, FakeSmtp, PASSWORD, USER};

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Drain N queued messages to the loopback SMTP server (limits off).
    Drain {
        #[arg(long, default_value_t = 1000)]
        messages: usize,
        /// Messages in flight at once (the SMTP pool has 8 connections).
        #[arg(long, default_value_t = 8)]
        concurrency: usize,
    },
    /// Queue one template personalized for N contacts.
    Queue {
        #[arg(long, default_value_t = 10_000)]
        messages: usize,
        /// Put one (unrelated) domain on the suppression list first, so every recipient is checked.
        #[arg(long)]
        with_suppression: bool,
    },
}

fn open(dir: &tempfile::TempDir) -> anyhow::Result<Outpost> {
    Ok(Outpost::open(&dir.path().join("bench.db"), Arc::new(MemoryStore::default()))?)
}

fn mailbox(core: &Outpost, smtp: Option<&FakeSmtp>, imap: Option<&Dovecot>) -> anyhow::Result<i64> {
    let pem = [smtp.map(|s| s.ca_pem()), imap.map(|d| d.ca_pem())].into_iter().flatten().collect::<Vec<_>>().join("\n");
    Ok(core
        .create_mailbox(MailboxInput {
            name: "Bench".into(),
            email: USER.into(),
            display_name: Some("Bench Sender".into()),
            smtp_host: "localhost".into(),
            smtp_port: smtp.map_or(2525, |s| s.port),
            smtp_security: Security::Starttls,
            imap_host: "localhost".into(),
            imap_port: imap.map_or(993, |d| d.imaps_port),
            imap_security: Security::Tls,
            username: USER.into(),
            ca_pem: (!pem.is_empty()).then_some(pem),
            password: Some(PASSWORD.into()),
            daily_limit: Some(0),
            min_spacing_secs: Some(0),
            ..Default::default()
        })?
        .id)
}

fn main() -> anyhow::Result<()> {
    // SAFETY: first thing in the process, before any thread or connection exists.
    unsafe { outpost_core::db::give_sqlite_mimalloc() };
    match Cli::parse().command {
        Command::Drain { messages, concurrency } => drain(messages, concurrency),
        Command::Queue { messages, with_suppression } => queue(messages, with_suppression),
    }
}

fn drain(n: usize, concurrency: usize) -> anyhow::Result<()> {
    let (smtp, imap) = (FakeSmtp::start(), Dovecot::start());
    let dir = tempfile::tempdir()?;
    let core = open(&dir)?;
    let mb = mailbox(&core, Some(&smtp), Some(&imap))?;
    for i in 0..n {
        core.outbox_queue(SendInput {
            mailbox_id: mb,
            to: Some(format!("r{i}@example.org")),
            subject: Some(format!("Quick question #{i}")),
            body_text: Some("Hello,\n\nA short message of a few lines, like a real one.\n\nBest,\nBench".into()),
            ..Default::default()
        })?;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let settings = Settings { concurrency, ..Settings::default() };
    let start = Instant::now();
    let counts = runtime.block_on(run_once(&core, &LiveConnector, &SystemClock, &settings))?;
    let secs = start.elapsed().as_secs_f64();
    let received = smtp.wait_for(n, Duration::from_secs(5)).len();
    anyhow::ensure!(
        counts.sent as usize == n && received == n,
        "sent {} received {received} of {n}: {counts:?}",
        counts.sent
    );
    println!(
        "drain: {n} messages in {secs:.2} s = {:.0} msg/s (concurrency {concurrency}; SMTP STARTTLS+AUTH, each filed in Sent over IMAP)",
        n as f64 / secs
    );
    Ok(())
}

fn queue(n: usize, with_suppression: bool) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let core = open(&dir)?;
    core.generate_synthetic(Scale { companies: n / 10, contacts: n, deals: 0, open_deals: 0 }, |_, _| {})?;
    let mb = mailbox(&core, None, None)?;
    let template = core.create_template(TemplateInput {
        name: "Intro".into(),
        subject: "{{ contact.first_name | default(\"Hi\") }}, a question about {{ company.name | default(\"your team\") }}"
            .into(),
        body_text: "Hello {{ contact.first_name | default(\"there\") }},\n\nI noticed {{ company.name | default(\"your company\") }} \
                    is growing. Would a short call next week help?\n\nBest,\nBench"
            .into(),
        body_html: None,
    })?;
    if with_suppression {
        core.add_suppression(outpost_core::domain::SuppressionInput {
            kind: Some(outpost_core::domain::SuppressionKind::Domain),
            value: "unsubscribed.example".into(),
            ..Default::default()
        })?;
    }
    let ids: Vec<i64> = (1..=n as i64).collect();
    let contexts: Vec<_> = ids.iter().map(|id| outpost_core::domain::RenderContext::contact(*id)).collect();
    let start = Instant::now();
    core.render_template_many(template.id, &contexts)?;
    eprintln!("(rendering alone: {:.3} s)", start.elapsed().as_secs_f64());
    let start = Instant::now();
    let queued = core.outbox_queue_template(mb, template.id, &ids, chrono::Utc::now())?;
    let secs = start.elapsed().as_secs_f64();
    anyhow::ensure!(queued.len() == n, "queued {} of {n}", queued.len());
    println!(
        "queue: {n} personalized messages in {secs:.3} s = {:.0} msg/s (render + Message-ID + insert, one transaction)",
        n as f64 / secs
    );
    Ok(())
}
