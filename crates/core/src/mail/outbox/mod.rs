//! The durable outbox's sender: a pass per mailbox (`drain`), the servers behind a trait (`courier`), one
//! sender per database at a time (`OutboxLock`), `outpost outbox run` (`run_once`) and the app's background
//! workers (`service`).
pub mod courier;
pub mod drain;
pub mod service;

use std::path::Path;

pub use courier::{Clock, Connector, Courier, LiveConnector, LiveCourier, SystemClock};
pub use drain::Settings;

use crate::domain::{MailboxState, OutboxRun};
use crate::error::{CoreError, Result};
use crate::mail::worker_lock::WorkerLock;
use crate::{store, Outpost};

/// Held by whoever sends a database's outbox (the app, or `outpost outbox run`). Crash recovery trusts it: a
/// message found `sending` by the lock's holder was left by a run that is gone, not one still talking to the
/// server. The OS releases it when the process dies.
pub struct OutboxLock {
    _lock: WorkerLock,
}

impl OutboxLock {
    /// `None` when another process holds it.
    pub fn try_acquire(db_path: &Path) -> Result<Option<OutboxLock>> {
        Ok(WorkerLock::try_acquire(db_path, "outbox")?.map(|lock| OutboxLock { _lock: lock }))
    }
}

/// One pass over every mailbox with work: recover what a stopped run left `sending`, then send what is due
/// at the clock's now. Refuses (conflict) while another process — usually the open app — is sending.
pub async fn run_once<K: Connector>(
    core: &Outpost,
    connector: &K,
    clock: &dyn Clock,
    settings: &Settings,
) -> Result<OutboxRun> {
    let _lock = OutboxLock::try_acquire(core.db().path())?.ok_or_else(|| {
        CoreError::Conflict(
            "Another Outpost (probably the open app) is sending this database's outbox; it will send these \
             messages itself."
                .into(),
        )
    })?;
    let mut run = OutboxRun::default();
    let ids = core.db().read(store::outbox::mailboxes_with_work)?;
    for id in ids {
        let mailbox = match core.mailbox(id) {
            Ok(m) => m,
            Err(CoreError::NotFound { .. }) => continue,
            Err(e) => return Err(e),
        };
        if mailbox.state != MailboxState::Active {
            continue;
        }
        let courier = match connector.connect(core, &mailbox) {
            Ok(c) => c,
            Err(e) => {
                run.problems.push(format!("{}: {e}", mailbox.name));
                continue;
            }
        };
        drain::recover(core, &mailbox, &courier, clock, &mut run).await?;
        drain::drain(core, id, &courier, clock, settings, &mut run).await?;
    }
    run.deferred = core.db().read(store::outbox::waiting)?;
    Ok(run)
}
