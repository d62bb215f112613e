//! `outpost sync` (fetch and classify new mail) and `outpost inbox` (the synced conversations).
use std::time::Duration;

use outpost_core::domain::SyncCounts;
use outpost_core::mail::sync::lock::SyncLock;
use outpost_core::mail::sync::run_once;

use super::Ctx;
use crate::output::{self, out};

pub fn run(ctx: &Ctx, mailbox: Option<i64>, once: bool, interval: u64) -> anyhow::Result<()> {
    // One syncer per database: refuse while the open app (or another `outpost sync`) is syncing it.
    let _lock = SyncLock::acquire(ctx.core.db().path())?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    loop {
        let counts = runtime.block_on(run_once(&ctx.core, mailbox))?;
        print(ctx, &counts)?;
        if once {
            return Ok(());
        }
        std::thread::sleep(Duration::from_secs(interval.max(5)));
    }
}

fn print(ctx: &Ctx, c: &SyncCounts) -> anyhow::Result<()> {
    if ctx.json {
        return output::json(c);
    }
    out!(
        "Fetched {}: {} matched, {} unmatched; {} replies, {} auto-replies, {} bounces, {} unsubscribes.",
        c.fetched,
        c.matched,
        c.unmatched,
        c.replies,
        c.auto_replies,
        c.bounces,
        c.unsubscribes
    );
    if c.flags_updated > 0 || c.vanished > 0 {
        out!("Changed on the server: {} with new flags, {} removed from a folder.", c.flags_updated, c.vanished);
    }
    for p in &c.problems {
        out!("Not synced: {p}");
    }
    Ok(())
}

pub fn inbox(ctx: &Ctx, mailbox: Option<i64>, linked: bool, limit: usize) -> anyhow::Result<()> {
    let threads = ctx.core.inbox(mailbox, linked, limit)?;
    if ctx.json {
        return output::json(&threads);
    }
    let rows = threads
        .iter()
        .map(|t| {
            let linked = [t.contact_name.as_deref(), t.company_name.as_deref(), t.deal_title.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
            vec![
                t.id.to_string(),
                t.last_message_at.clone().unwrap_or_default(),
                t.last_from.clone().unwrap_or_default(),
                t.subject.clone(),
                t.last_classification.as_str().to_string(),
                if t.unread_count > 0 { t.unread_count.to_string() } else { String::new() },
                linked,
            ]
        })
        .collect();
    output::table(&["ID", "LAST", "FROM", "SUBJECT", "KIND", "UNREAD", "LINKED TO"], rows);
    Ok(())
}
