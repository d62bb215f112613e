//! IMAP sync: per mailbox, INBOX and the Sent folder (other folders when enabled in `mail_folders`).
//!
//! - First sync of a folder: the messages of the last `mailboxes.sync_days` days; then incremental from the
//!   stored UID watermark. When the server's UIDNEXT equals the watermark nothing is fetched at all.
//! - Messages are fetched in batches; each batch is parsed, matched, classified and committed in one
//!   transaction together with the watermark just past it, so the watermark never covers an uncommitted
//!   message, and a connection dropped mid-fetch resumes at the first message not committed.
//! - A new UIDVALIDITY forgets the folder's old locations and starts it over; messages are deduplicated by
//!   Message-ID (across folders too), so a resync adds no duplicates and classifies nothing twice.
//! - Malformed MIME never stops a sync: what parsed is stored, with `parse_warning`.
//! - Changes to stored messages: with CONDSTORE the flags changed since the folder's stored HIGHESTMODSEQ
//!   are fetched (nothing at all when it has not moved), with QRESYNC removed UIDs too (VANISHED); without
//!   either, the flags of the newest [`FLAG_WINDOW`] stored messages are re-read and the ones missing are
//!   taken as removed. A removed message keeps its CRM history; only its location is marked.
pub mod attachment_name;
pub mod bounce;
pub mod classify;
pub mod fetch;
pub mod ingest;
pub mod lock;
pub mod parse;
pub mod quote;
pub mod service;

use std::collections::BTreeSet;

use chrono::{Duration as Days, Utc};

use crate::domain::{Entity, MailClass, Mailbox, MailboxState, SyncCounts};
use crate::error::Result;
use crate::mail::imap::ImapSession;
use crate::mail::MailError;
use crate::store::mail_changes;
use crate::store::mail_folders::{self, FolderRow};
use crate::time::now_iso;
use crate::Outpost;
use fetch::Tracking;
use ingest::{Outcome, Place};

/// Messages fetched and committed together.
pub const BATCH: usize = 200;

/// Without CONDSTORE: how many of the newest stored messages per folder get their flags re-read each pass.
pub const FLAG_WINDOW: usize = 200;

/// One pass over `mailbox_id` (or every active mailbox): what each fetched and how it was classified.
/// A mailbox that fails (password, network) is reported in `problems`; the others still sync.
pub async fn run_once(core: &Outpost, mailbox_id: Option<i64>) -> Result<SyncCounts> {
    let mailboxes = match mailbox_id {
        Some(id) => vec![core.mailbox(id)?],
        None => core.mailboxes()?.into_iter().filter(|m| m.state == MailboxState::Active).collect(),
    };
    let mut total = SyncCounts::default();
    for mailbox in mailboxes {
        let counts = match core.mailbox_password(mailbox.id) {
            Ok(password) => sync_mailbox(core, &mailbox, &password).await,
            Err(e) => SyncCounts { problems: vec![format!("{}: {e}", mailbox.name)], ..Default::default() },
        };
        total.add(&counts);
    }
    Ok(total)
}

/// Connects, syncs every folder of the mailbox, logs out. Never fails: problems land in the counts.
pub async fn sync_mailbox(core: &Outpost, mailbox: &Mailbox, password: &str) -> SyncCounts {
    let mut counts = SyncCounts::default();
    let mut session = match ImapSession::connect(mailbox, password).await {
        Ok(s) => s,
        Err(e) => {
            counts.problems.push(format!("{}: {e}", mailbox.name));
            return counts;
        }
    };
    if let Err(e) = sync_folders(core, mailbox, &mut session, &mut counts).await {
        counts.problems.push(format!("{}: {e}", mailbox.name));
    }
    session.logout().await;
    if counts.fetched > 0 || counts.flags_updated > 0 || counts.vanished > 0 {
        core.events().changed(Entity::Activity, vec![]);
        core.events().changed(Entity::Contact, vec![]);
        core.events().changed(Entity::Outbox, vec![]);
        core.events().changed(Entity::Inbox, vec![]);
    }
    counts
}

async fn sync_folders(
    core: &Outpost,
    mailbox: &Mailbox,
    session: &mut ImapSession,
    counts: &mut SyncCounts,
) -> std::result::Result<(), SyncError> {
    let tracking = fetch::enable_tracking(session).await?;
    let sent = session.existing_sent_folder().await?;
    let folders = core.db().write(|tx| {
        mail_folders::ensure(tx, mailbox.id, "INBOX", "inbox")?;
        if let Some(sent) = &sent {
            mail_folders::ensure(tx, mailbox.id, sent, "sent")?;
        }
        mail_folders::list(tx, mailbox.id)
    })?;
    let days = core.db().read(|conn| mail_folders::sync_days(conn, mailbox.id))?;
    let since = (Utc::now() - Days::days(days.clamp(1, 36_500))).date_naive();
    for folder in folders.into_iter().filter(|f| f.enabled) {
        sync_folder(core, mailbox, session, &folder, since, tracking, counts).await?;
    }
    Ok(())
}

async fn sync_folder(
    core: &Outpost,
    mailbox: &Mailbox,
    session: &mut ImapSession,
    folder: &FolderRow,
    since: chrono::NaiveDate,
    tracking: Tracking,
    counts: &mut SyncCounts,
) -> std::result::Result<(), SyncError> {
    let status = fetch::examine(session, &folder.name).await?;
    let mut watermark = folder.uidnext;
    let mut modseq = folder.highestmodseq;
    if folder.uidvalidity != Some(status.uidvalidity) {
        core.db().write(|tx| mail_folders::reset(tx, folder.id, status.uidvalidity))?;
        watermark = None;
        modseq = None;
    }
    if let Some(upto) = watermark.filter(|w| *w > 1) {
        refresh_stored(core, session, folder.id, status, upto - 1, modseq, tracking, counts).await?;
    }
    if let (Some(ours), Some(theirs)) = (watermark, status.uidnext) {
        if ours >= theirs {
            core.db().write(|tx| {
                mail_folders::set_modseq(tx, folder.id, status.highest_modseq)?;
                mail_folders::touch(tx, folder.id, &now_iso())
            })?;
            return Ok(());
        }
    }
    let uids = if status.exists == 0 { vec![] } else { fetch::search(session, watermark.unwrap_or(1), since).await? };
    let own = mailbox.email.trim().to_lowercase();
    let place = Place {
        mailbox_id: mailbox.id,
        own: &own,
        folder_id: folder.id,
        role: &folder.role,
        uidvalidity: status.uidvalidity,
    };
    for chunk in uids.chunks(BATCH) {
        let fetched = fetch::fetch(session, chunk).await?;
        let parsed: Vec<_> = fetched
            .iter()
            .map(|f| {
                let mut p = parse::parse(&f.raw);
                if f.size.is_some_and(|s| s as usize > f.raw.len()) {
                    p.warnings.push(format!("only the first {} MiB were downloaded", fetch::MAX_FETCH_BYTES >> 20));
                }
                p
            })
            .collect();
        let last = *chunk.last().expect("chunks are never empty");
        let now = now_iso();
        let outcomes = core.db().write(|tx| {
            let mut out = Vec::with_capacity(parsed.len());
            for (f, p) in fetched.iter().zip(&parsed) {
                out.push(ingest::ingest(tx, &place, p, f.uid, &f.flags, &now)?);
            }
            mail_folders::advance(tx, folder.id, last + 1)?;
            Ok(out)
        })?;
        counts.fetched += fetched.len() as u32;
        for outcome in outcomes {
            tally(counts, outcome);
        }
    }
    core.db().write(|tx| {
        if let Some(next) = status.uidnext {
            mail_folders::advance(tx, folder.id, next)?;
        }
        mail_folders::set_modseq(tx, folder.id, status.highest_modseq)?;
        mail_folders::touch(tx, folder.id, &now_iso())
    })?;
    Ok(())
}

/// Brings the stored messages of a folder (UIDs up to `upto`) in line with the server: flags, and which are
/// gone. With CONDSTORE nothing is asked when HIGHESTMODSEQ has not moved since the last pass.
#[allow(clippy::too_many_arguments)]
async fn refresh_stored(
    core: &Outpost,
    session: &mut ImapSession,
    folder_id: i64,
    status: fetch::FolderStatus,
    upto: u32,
    stored_modseq: Option<u64>,
    tracking: Tracking,
    counts: &mut SyncCounts,
) -> std::result::Result<(), SyncError> {
    let uidvalidity = status.uidvalidity;
    let changes = match (tracking, status.highest_modseq, stored_modseq) {
        (Tracking::CondStore | Tracking::QResync, Some(theirs), Some(ours)) => {
            if theirs <= ours {
                return Ok(());
            }
            let mut changes = fetch::changes_since(session, upto, ours, tracking).await?;
            if tracking == Tracking::CondStore {
                // CONDSTORE alone does not report removals: look for them among the newest messages.
                let recent = core.db().read(|c| mail_changes::recent_uids(c, folder_id, uidvalidity, FLAG_WINDOW))?;
                changes.vanished.extend(fetch::flags_of(session, &recent).await?.vanished);
            }
            changes
        }
        // No mod-sequences (or none stored yet): re-read the newest messages' flags.
        _ => {
            let recent = core.db().read(|c| mail_changes::recent_uids(c, folder_id, uidvalidity, FLAG_WINDOW))?;
            fetch::flags_of(session, &recent).await?
        }
    };
    if changes.flags.is_empty() && changes.vanished.is_empty() {
        return Ok(());
    }
    let now = now_iso();
    let (flagged, vanished) = core.db().write(|tx| {
        let mut threads = BTreeSet::new();
        let mut flagged = 0u32;
        for (uid, flags) in &changes.flags {
            if let Some(thread) = mail_changes::update_flags(tx, folder_id, uidvalidity, *uid, flags)? {
                flagged += 1;
                threads.extend(thread);
            }
        }
        mail_changes::recount_unread(tx, &threads)?;
        let vanished = mail_changes::mark_vanished(tx, folder_id, uidvalidity, &changes.vanished, &now)?;
        Ok((flagged, vanished as u32))
    })?;
    counts.flags_updated += flagged;
    counts.vanished += vanished;
    Ok(())
}

fn tally(counts: &mut SyncCounts, outcome: Outcome) {
    let Outcome::New { class, outgoing: false, linked } = outcome else { return };
    if linked {
        counts.matched += 1;
    } else {
        counts.unmatched += 1;
    }
    match class {
        MailClass::Reply => counts.replies += 1,
        MailClass::AutoReply => counts.auto_replies += 1,
        MailClass::Bounce => counts.bounces += 1,
        MailClass::Unsubscribe => counts.unsubscribes += 1,
        MailClass::Other | MailClass::Unknown => {}
    }
}

/// A sync stops at the first server or database error; what was committed stays.
#[derive(Debug, thiserror::Error)]
enum SyncError {
    #[error(transparent)]
    Mail(#[from] MailError),
    #[error(transparent)]
    Core(#[from] crate::CoreError),
}
