//! The app's background sender: one tokio task per mailbox with work. A task sleeps until its next message is
//! due (pacing, retries, send window) or until the outbox or a mailbox changes, and ends when its queue is
//! empty; the supervisor starts it again when something is queued.
use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::broadcast::error::RecvError;
use tokio::task::JoinHandle;
use tokio::time::{sleep, Duration};

use super::courier::{Clock, Connector, SystemClock};
use super::drain::{self, Settings};
use super::OutboxLock;
use crate::domain::{Entity, MailboxState, OutboxRun};
use crate::events::CoreEvent;
use crate::{store, Outpost};

/// Wake up at least this often even when nothing changes (clock jumps, a laptop waking up).
const IDLE: Duration = Duration::from_secs(60);

/// Runs until the process ends. Waits while another process holds the outbox lock.
pub async fn serve<K: Connector + 'static>(core: Arc<Outpost>, connector: Arc<K>, settings: Settings) {
    let _lock = loop {
        match OutboxLock::try_acquire(core.db().path()) {
            Ok(Some(lock)) => break lock,
            Ok(None) => tracing::info!("outbox: another process is sending; waiting"),
            Err(e) => tracing::warn!("outbox: {e}"),
        }
        sleep(Duration::from_secs(30)).await;
    };
    let mut events = core.events().subscribe();
    let mut workers: HashMap<i64, JoinHandle<()>> = HashMap::new();
    // Each mailbox's first worker resolves what a previous run left `sending`; later ones need not.
    let mut recovered: std::collections::HashSet<i64> = Default::default();
    loop {
        workers.retain(|_, h| !h.is_finished());
        match core.db().read(store::outbox::mailboxes_with_work) {
            Ok(ids) => {
                for id in ids {
                    if workers.contains_key(&id) {
                        continue;
                    }
                    let recover = recovered.insert(id);
                    let handle = tokio::spawn(worker(core.clone(), connector.clone(), settings.clone(), id, recover));
                    workers.insert(id, handle);
                }
            }
            Err(e) => tracing::warn!("outbox: {e}"),
        }
        while events.try_recv().is_ok() {}
        wait_for_change(&mut events, IDLE).await;
    }
}

/// One mailbox: recover (once), then send what is due and sleep until the next is, until nothing is queued.
async fn worker<K: Connector>(
    core: Arc<Outpost>,
    connector: Arc<K>,
    settings: Settings,
    mailbox_id: i64,
    recover: bool,
) {
    let clock = SystemClock;
    let mut events = core.events().subscribe();
    let mailbox = match core.mailbox(mailbox_id) {
        Ok(m) if m.state == MailboxState::Active => m,
        _ => return,
    };
    let courier = match connector.connect(&core, &mailbox) {
        Ok(c) => c,
        Err(e) => {
            tracing::warn!("outbox: mailbox {mailbox_id} cannot send: {e}");
            // Without a password there is nothing to retry until the user fixes it.
            let reason = format!("Cannot send: {e}");
            let _ =
                core.db().write(|tx| store::mailboxes::set_state(tx, mailbox_id, MailboxState::Paused, Some(&reason)));
            core.events().changed(Entity::Settings, vec![mailbox_id]);
            core.events().changed(Entity::Outbox, vec![]);
            return;
        }
    };
    let mut run = OutboxRun::default();
    if recover {
        if let Err(e) = drain::recover(&core, &mailbox, &courier, &clock, &mut run).await {
            tracing::warn!("outbox: recovering mailbox {mailbox_id}: {e}");
        }
    }
    loop {
        let pass = drain::drain(&core, mailbox_id, &courier, &clock, &settings, &mut run).await;
        let wait = match pass {
            Ok(p) => match p.next_due {
                Some(at) => (at - clock.now()).to_std().unwrap_or_default().min(IDLE),
                None => return,
            },
            Err(e) => {
                tracing::warn!("outbox: mailbox {mailbox_id}: {e}");
                IDLE
            }
        };
        if !wait.is_zero() {
            // Our own status changes are no reason to wake up.
            while events.try_recv().is_ok() {}
            wait_for_change(&mut events, wait).await;
        }
    }
}

/// Returns after `timeout`, or earlier when the outbox or the settings (mailboxes) change.
async fn wait_for_change(events: &mut tokio::sync::broadcast::Receiver<CoreEvent>, timeout: Duration) {
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        match tokio::time::timeout_at(deadline, events.recv()).await {
            Err(_) => return,
            Ok(Ok(CoreEvent::DataChanged { entity: Entity::Outbox | Entity::Settings, .. })) => return,
            Ok(Ok(_)) => {}
            Ok(Err(RecvError::Lagged(_))) => return,
            Ok(Err(RecvError::Closed)) => {
                sleep(timeout).await;
                return;
            }
        }
    }
}
