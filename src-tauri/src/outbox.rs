//! The background sender: the core's outbox service (one tokio task per mailbox with work) on its own thread and
//! runtime, like the backup thread. A refused password pauses the mailbox in the core; here it also becomes a
//! desktop notification, so the user hears about it without opening the Outbox.
use std::sync::Arc;

use outpost_core::domain::{Entity, MailboxState};
use outpost_core::events::CoreEvent;
use outpost_core::mail::outbox::{service, LiveConnector, Settings};
use outpost_core::Outpost;
use tauri::AppHandle;
use tauri_plugin_notification::NotificationExt;

pub fn spawn(app: AppHandle, core: Arc<Outpost>) {
    let notify_core = core.clone();
    let spawned = std::thread::Builder::new().name("outbox".into()).spawn(move || {
        let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
            Ok(rt) => rt,
            Err(e) => return tracing::warn!("could not start the outbox runtime: {e}"),
        };
        runtime.spawn(tell_about_refused_passwords(app, notify_core));
        runtime.block_on(service::serve(core, Arc::new(LiveConnector), Settings::default()));
    });
    if let Err(e) = spawned {
        tracing::warn!("could not start the outbox thread: {e}");
    }
}

/// Notifies once per mailbox each time it moves into `auth_failed`.
async fn tell_about_refused_passwords(app: AppHandle, core: Arc<Outpost>) {
    let mut events = core.events().subscribe();
    let mut told = std::collections::HashSet::new();
    loop {
        match events.recv().await {
            Ok(CoreEvent::DataChanged { entity: Entity::Settings, .. }) => {
                let Ok(mailboxes) = core.mailboxes() else { continue };
                for m in mailboxes {
                    if m.state != MailboxState::AuthFailed {
                        told.remove(&m.id);
                    } else if told.insert(m.id) {
                        let _ = app
                            .notification()
                            .builder()
                            .title(format!("Outpost stopped sending from {}", m.name))
                            .body(m.state_reason.unwrap_or_else(|| "The server refused the password.".into()))
                            .show();
                    }
                }
            }
            Ok(_) => {}
            Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
            Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
        }
    }
}
