//! `sequence-bench`: the sequences' two numbers, on a real SQLite file.
//!
//!   cargo run --release -p outpost-bench --bin sequence-bench -- enroll --contacts 10000
//!   cargo run --release -p outpost-bench --bin sequence-bench -- tick --active 100000 --due 1000
//!
//! `enroll` generates contacts, saves a contacts view, and times enrolling the view into a 5-step sequence
//! (3 emails): the list engine's ids, the skip checks, the merge-field check of every template for every
//! contact, and the inserts with each enrollment's snapshot, in one transaction.
//! `tick` enrolls N contacts, spreads their next steps over the coming 30 days with `--due` of them due now,
//! and times one scheduler tick (mailbox capped at `--cap` a day: that many emails rendered and queued, the
//! rest held), then a second tick at the same instant (the steady state: nothing left that may run).

/// mimalloc: see the workspace manifest.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::sync::Arc;
use std::time::Instant;

use chrono::{Duration, Utc};
use clap::{Parser, Subcommand};
use outpost_core::domain::{
    EnrollSource, ListEntity, MailboxInput, SavedViewInput, Security, SendWindow, SequenceInput, SequenceSettings,
    SequenceStatus, StepInput, StepKind,
};
use outpost_core::sample::Scale;
use outpost_core::secrets::MemoryStore;
use outpost_core::Outpost;

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Enroll a saved view of N contacts.
    Enroll {
        #[arg(long, default_value_t = 10_000)]
        contacts: usize,
    },
    /// One scheduler tick with N active enrollments.
    Tick {
        #[arg(long, default_value_t = 100_000)]
        active: usize,
        /// Enrollments due at the tick's instant.
        #[arg(long, default_value_t = 1_000)]
        due: usize,
        /// The mailbox's daily limit.
        #[arg(long, default_value_t = 500)]
        cap: i64,
    },
}

fn main() -> anyhow::Result<()> {
    // SAFETY: first thing in the process, before any thread or connection exists.
    unsafe { outpost_core::db::give_sqlite_mimalloc() };
    match Cli::parse().command {
        Command::Enroll { contacts } => enroll(contacts),
        Command::Tick { active, due, cap } => tick(active, due, cap),
    }
}

fn email(subject: &str) -> StepInput {
    StepInput {
        kind: Some(StepKind::Email),
        subject: Some(format!("{{{{ contact.first_name | default(\"Hi\") }}}}, {subject}")),
        body_text: Some(
            "Hello {{ contact.first_name | default(\"there\") }},\n\nI noticed {{ company.name | default(\"your team\") }} \
             is growing. Worth a chat?\n\n— Alice"
                .into(),
        ),
        ..Default::default()
    }
}

fn wait(days: i64) -> StepInput {
    StepInput { kind: Some(StepKind::Wait), days: Some(days), business_days: true, ..Default::default() }
}

/// A database with `n` contacts, a mailbox and an active 5-step sequence.
fn setup(dir: &tempfile::TempDir, n: usize, cap: i64) -> anyhow::Result<(Outpost, i64)> {
    let core = Outpost::open(&dir.path().join("bench.db"), Arc::new(MemoryStore::default()))?;
    let t = Instant::now();
    core.generate_synthetic(Scale { companies: n / 10, contacts: n, deals: 0, open_deals: 0 }, |_, _| {})?;
    eprintln!("generated {n} contacts in {:.1} s", t.elapsed().as_secs_f64());
    let mailbox = core.create_mailbox(MailboxInput {
        name: "Bench".into(),
        email: "bench@example.test".into(),
        smtp_host: "localhost".into(),
        smtp_port: 2525,
        smtp_security: Security::Starttls,
        imap_host: "localhost".into(),
        imap_port: 993,
        imap_security: Security::Tls,
        username: "bench".into(),
        password: Some("x".into()),
        daily_limit: Some(cap),
        send_window: Some(SendWindow { timezone: Some("UTC".into()), ..Default::default() }),
        ..Default::default()
    })?;
    let seq = core.create_sequence(SequenceInput {
        name: "Bench outreach".into(),
        mailbox_id: Some(mailbox.id),
        status: Some(SequenceStatus::Active),
        settings: Some(SequenceSettings {
            send_days: vec![],
            send_start: None,
            send_end: None,
            rep_timezone: Some("UTC".into()),
            ..Default::default()
        }),
        steps: vec![email("a quick question"), wait(2), email("following up"), wait(3), email("closing the loop")],
        ..Default::default()
    })?;
    Ok((core, seq.id))
}

fn view(core: &Outpost) -> anyhow::Result<i64> {
    Ok(core
        .create_saved_view(SavedViewInput {
            entity: ListEntity::Contact,
            name: "Everyone".into(),
            filter: None,
            sort: None,
            columns: vec![],
        })?
        .id)
}

fn enroll(n: usize) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let (core, seq) = setup(&dir, n, 0)?;
    let view = view(&core)?;
    let t = Instant::now();
    let preview = core.sequence_enroll_preview(seq, EnrollSource::View(view))?;
    let preview_ms = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    let r = core.sequence_enroll(seq, EnrollSource::View(view))?;
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    println!(
        "enroll: {} contacts in the view, {} enrolled, {} skipped (no email etc.): preview {preview_ms:.0} ms, \
         enroll {ms:.0} ms (target ≤ 1000 ms)",
        preview.enrolled as usize + preview.skipped.len(),
        r.enrolled,
        r.skipped.len()
    );
    Ok(())
}

fn tick(active: usize, due: usize, cap: i64) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let (core, seq) = setup(&dir, active, cap)?;
    let view = view(&core)?;
    let t = Instant::now();
    let r = core.sequence_enroll(seq, EnrollSource::View(view))?;
    eprintln!("enrolled {} in {:.0} ms", r.enrolled, t.elapsed().as_secs_f64() * 1000.0);
    let now = Utc::now();
    // Spread the next steps over 30 days; the first `due` are due now.
    core.db().write(|tx| {
        let due_at = outpost_core::time::to_iso(now - Duration::minutes(5));
        tx.execute(
            "UPDATE sequence_enrollments SET next_run_at = CASE WHEN id <= (SELECT min(id) FROM sequence_enrollments) + ?1 - 1
                 THEN ?2 ELSE strftime('%Y-%m-%dT%H:%M:%fZ', ?3, '+' || (1 + id % 43200) || ' minutes') END",
            rusqlite::params![due as i64, due_at, outpost_core::time::to_iso(now)],
        )?;
        Ok(())
    })?;
    core.db().write(|tx| Ok(tx.execute_batch("ANALYZE")?))?;
    let t = Instant::now();
    let first = core.scheduler_tick(now)?;
    let first_ms = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    let second = core.scheduler_tick(now)?;
    let second_ms = t.elapsed().as_secs_f64() * 1000.0;
    println!(
        "tick: {} active enrollments, {} due, cap {cap}/day: first tick {first_ms:.1} ms ({} queued, {} held by the \
         cap); second tick {second_ms:.1} ms ({} queued) (target ≤ 100 ms)",
        r.enrolled, first.due, first.queued, first.deferred_by_cap, second.queued
    );
    Ok(())
}
