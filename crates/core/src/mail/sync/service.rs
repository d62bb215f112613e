//! The app's background sync: every active mailbox is synced when due (every `Settings::every`), at once on
//! "Sync now" or when a mailbox is added or changed. A failed pass (offline, server down, password refused)
//! is recorded in the mailbox's status and retried with exponential backoff; nothing here ever panics the
//! app. Due times are wall-clock and checked at least every `TICK`, so a laptop waking from sleep syncs
//! within seconds instead of waiting out a monotonic timer that stood still while it slept.
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::Notify;
use tokio::time::{sleep, timeout, Duration};

use super::lock::SyncLock;
use super::sync_mailbox;
use crate::domain::{Entity, MailSyncStatus, Mailbox, MailboxState, SyncCounts, SyncPhase};
use crate::events::CoreEvent;
use crate::mail::imap::ImapSession;
use crate::store::emails::{self, NewReply};
use crate::time::to_iso;
use crate::Outpost;

/// The longest the service sleeps before looking at the wall clock again.
const TICK: Duration = Duration::from_secs(20);

#[derive(Debug, Clone)]
pub struct Settings {
    /// Between passes of a healthy mailbox.
    pub every: Duration,
    /// The first retry after a failure; doubled per failure up to `max_retry`.
    pub first_retry: Duration,
    pub max_retry: Duration,
    /// A pass that takes longer is abandoned (a connection that went dead while the laptop slept); what it
    /// committed stays, and the next pass resumes from there.
    pub pass_timeout: Duration,
    /// Also wait on each mailbox's INBOX with IMAP IDLE and sync the moment the server announces new mail;
    /// the IDLE is renewed after `idle_max` (servers drop idle clients after 30 minutes).
    pub idle: bool,
    pub idle_max: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            every: Duration::from_secs(120),
            first_retry: Duration::from_secs(15),
            max_retry: Duration::from_secs(15 * 60),
            pass_timeout: Duration::from_secs(10 * 60),
            idle: true,
            idle_max: Duration::from_secs(10 * 60),
        }
    }
}

/// Shared between the background task and the commands ("Sync now", the status line).
pub struct SyncService {
    settings: Settings,
    status: Mutex<BTreeMap<i64, MailSyncStatus>>,
    wake: Notify,
    forced: AtomicBool,
}

/// When a mailbox is next due and how many passes in a row failed.
#[derive(Clone, Copy)]
struct Schedule {
    at: DateTime<Utc>,
    failures: u32,
}

impl SyncService {
    pub fn new(settings: Settings) -> Arc<SyncService> {
        Arc::new(SyncService {
            settings,
            status: Mutex::new(BTreeMap::new()),
            wake: Notify::new(),
            forced: AtomicBool::new(false),
        })
    }

    /// Every mailbox's sync state, by mailbox id.
    pub fn status(&self) -> Vec<MailSyncStatus> {
        self.status.lock().map(|s| s.values().cloned().collect()).unwrap_or_default()
    }

    /// Syncs every active mailbox now (after the pass under way, if one is).
    pub fn sync_now(&self) {
        self.forced.store(true, Ordering::SeqCst);
        self.wake.notify_one();
    }

    /// Runs until the process ends. `on_reply` hears about each new genuine reply from a contact.
    pub async fn serve(self: Arc<Self>, core: Arc<Outpost>, on_reply: impl Fn(&NewReply) + Send + Sync) {
        let mut events = core.events().subscribe();
        let _lock = loop {
            match SyncLock::try_acquire(core.db().path()) {
                Ok(Some(lock)) => break lock,
                Ok(None) => self.mark_all(&core, SyncPhase::Elsewhere, None),
                Err(e) => self.mark_all(&core, SyncPhase::Failed, Some(e.to_string())),
            }
            self.wait(&mut events, TICK).await;
        };
        let mut seen = core.db().read(emails::last_message_id).unwrap_or(0);
        let mut schedule: BTreeMap<i64, Schedule> = BTreeMap::new();
        let mut watchers: BTreeMap<i64, tokio::task::JoinHandle<()>> = BTreeMap::new();
        loop {
            let forced = self.forced.swap(false, Ordering::SeqCst);
            let mailboxes = self.active_mailboxes(&core);
            schedule.retain(|id, _| mailboxes.iter().any(|m| m.id == *id));
            if self.settings.idle {
                watchers.retain(|id, task| {
                    let keep = mailboxes.iter().any(|m| m.id == *id) && !task.is_finished();
                    if !keep {
                        task.abort();
                    }
                    keep
                });
                for mailbox in &mailboxes {
                    watchers
                        .entry(mailbox.id)
                        .or_insert_with(|| tokio::spawn(Arc::clone(&self).watch_inbox(Arc::clone(&core), mailbox.id)));
                }
            }
            let mut replies = 0;
            for mailbox in &mailboxes {
                let due = schedule.get(&mailbox.id).is_none_or(|s| s.at <= Utc::now());
                if forced || due {
                    let previous = schedule.get(&mailbox.id).map_or(0, |s| s.failures);
                    let (counts, next) = self.pass(&core, mailbox, previous).await;
                    replies += counts.replies;
                    schedule.insert(mailbox.id, next);
                }
            }
            if replies > 0 {
                seen = self.tell_replies(&core, seen, &on_reply);
            }
            let next = schedule.values().map(|s| s.at).min();
            let wait = next.map_or(TICK, |at| (at - Utc::now()).to_std().unwrap_or_default().min(TICK));
            self.wait(&mut events, wait.max(Duration::from_millis(200))).await;
        }
    }

    /// Waits on the mailbox's INBOX with IMAP IDLE and asks for a sync whenever the server announces a
    /// change, so a reply shows up within a second or two instead of at the next scheduled pass. A failed
    /// or dropped connection is retried with backoff; the scheduled passes go on regardless.
    async fn watch_inbox(self: Arc<Self>, core: Arc<Outpost>, mailbox_id: i64) {
        let mut failures = 0;
        loop {
            let outcome: crate::Result<()> = async {
                let mailbox = core.mailbox(mailbox_id)?;
                let password = core.mailbox_password(mailbox_id)?;
                let mut session = ImapSession::connect(&mailbox, &password).await?;
                let mut fresh = true;
                loop {
                    // On a new connection, one sync once IDLE is on: mail that arrived while there was no IDLE
                    // (offline, asleep, reconnecting) would otherwise wait for the next scheduled pass.
                    let on_idling = || {
                        if fresh {
                            self.sync_now();
                        }
                    };
                    let (next, changed) = session.idle_wait("INBOX", self.settings.idle_max, on_idling).await?;
                    session = next;
                    fresh = false;
                    failures = 0;
                    if changed {
                        self.sync_now();
                    }
                }
            }
            .await;
            if let Err(e) = outcome {
                failures += 1;
                tracing::debug!("mail sync: IDLE on mailbox {mailbox_id}: {e}");
            }
            sleep(backoff(&self.settings, failures.max(1))).await;
        }
    }

    /// One mailbox: sync, record the outcome, decide when it is due again.
    async fn pass(&self, core: &Arc<Outpost>, mailbox: &Mailbox, failures: u32) -> (SyncCounts, Schedule) {
        self.update(core, mailbox, |s| {
            s.phase = SyncPhase::Syncing;
            s.next_at = None;
        });
        let counts = match core.mailbox_password(mailbox.id) {
            Ok(password) => match timeout(self.settings.pass_timeout, sync_mailbox(core, mailbox, &password)).await {
                Ok(counts) => counts,
                Err(_) => SyncCounts {
                    problems: vec![format!("{}: the server stopped answering; will retry", mailbox.name)],
                    ..Default::default()
                },
            },
            Err(e) => SyncCounts { problems: vec![format!("{}: {e}", mailbox.name)], ..Default::default() },
        };
        let now = Utc::now();
        let schedule = if counts.problems.is_empty() {
            Schedule { at: now + self.settings.every, failures: 0 }
        } else {
            let failures = failures + 1;
            tracing::warn!("mail sync: {}", counts.problems.join("; "));
            Schedule { at: now + backoff(&self.settings, failures), failures }
        };
        self.update(core, mailbox, |s| {
            if counts.problems.is_empty() {
                s.phase = SyncPhase::Idle;
                s.last_synced_at = Some(to_iso(now));
                s.last_fetched = counts.fetched;
                s.last_error = None;
            } else {
                s.phase = SyncPhase::Failed;
                s.last_error = Some(counts.problems.join("; "));
            }
            s.next_at = Some(to_iso(schedule.at));
        });
        (counts, schedule)
    }

    fn tell_replies(&self, core: &Outpost, seen: i64, on_reply: &impl Fn(&NewReply)) -> i64 {
        match core.db().read(|conn| emails::replies_after(conn, seen, 20)) {
            Ok(replies) => {
                for r in &replies {
                    on_reply(r);
                }
                core.db().read(emails::last_message_id).unwrap_or(seen)
            }
            Err(e) => {
                tracing::warn!("mail sync: reading new replies: {e}");
                seen
            }
        }
    }

    fn active_mailboxes(&self, core: &Outpost) -> Vec<Mailbox> {
        let all = match core.mailboxes() {
            Ok(all) => all,
            Err(e) => {
                tracing::warn!("mail sync: {e}");
                return vec![];
            }
        };
        let active: Vec<Mailbox> = all.into_iter().filter(|m| m.state == MailboxState::Active).collect();
        let changed = {
            let Ok(mut status) = self.status.lock() else { return active };
            let before = status.len();
            status.retain(|id, _| active.iter().any(|m| m.id == *id));
            status.len() != before
        };
        if changed {
            core.events().changed(Entity::Inbox, vec![]);
        }
        active
    }

    fn mark_all(&self, core: &Outpost, phase: SyncPhase, error: Option<String>) {
        for mailbox in self.active_mailboxes(core) {
            self.update(core, &mailbox, |s| {
                s.phase = phase;
                s.last_error = error.clone();
            });
        }
    }

    fn update(&self, core: &Outpost, mailbox: &Mailbox, f: impl FnOnce(&mut MailSyncStatus)) {
        if let Ok(mut status) = self.status.lock() {
            let entry = status.entry(mailbox.id).or_insert_with(|| MailSyncStatus {
                mailbox_id: mailbox.id,
                name: mailbox.name.clone(),
                phase: SyncPhase::Idle,
                last_synced_at: None,
                last_fetched: 0,
                last_error: None,
                next_at: None,
            });
            entry.name = mailbox.name.clone();
            f(entry);
        }
        core.events().changed(Entity::Inbox, vec![mailbox.id]);
    }

    /// Returns after `wait`, on "Sync now", or when mailboxes change.
    async fn wait(&self, events: &mut tokio::sync::broadcast::Receiver<CoreEvent>, wait: Duration) {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            tokio::select! {
                _ = tokio::time::sleep_until(deadline) => return,
                _ = self.wake.notified() => return,
                event = events.recv() => match event {
                    Ok(CoreEvent::DataChanged { entity: Entity::Settings, .. }) | Err(RecvError::Lagged(_)) => return,
                    Ok(_) => {}
                    Err(RecvError::Closed) => {
                        sleep(wait).await;
                        return;
                    }
                },
            }
        }
    }
}

/// `first_retry` doubled per failure in a row, at most `max_retry`.
fn backoff(settings: &Settings, failures: u32) -> Duration {
    let factor = 1u32 << failures.saturating_sub(1).min(16);
    settings.first_retry.saturating_mul(factor).min(settings.max_retry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let s = Settings::default();
        assert_eq!(backoff(&s, 1), Duration::from_secs(15));
        assert_eq!(backoff(&s, 2), Duration::from_secs(30));
        assert_eq!(backoff(&s, 4), Duration::from_secs(120));
        assert_eq!(backoff(&s, 40), Duration::from_secs(15 * 60));
    }
}
