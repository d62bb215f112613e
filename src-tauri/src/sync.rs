//! The background mail sync: the core's sync service (every active mailbox every two minutes, "Sync now",
//! backoff after failures) on its own thread and runtime, like the outbox. Each new genuine reply from a
//! contact becomes a desktop notification. Its status reaches the UI as `inbox` change events.
use std::sync::Arc;

use outpost_core::mail::sync::service::{Settings, SyncService};
use outpost_core::Outpost;
use tauri::AppHandle;
use tauri_plugin_notification::NotificationExt;

/// Managed by Tauri so the commands can ask for a pass and read the status.
pub struct SyncHandle(pub Arc<SyncService>);

pub fn spawn(app: AppHandle, core: Arc<Outpost>) -> SyncHandle {
    let service = SyncService::new(Settings::default());
    let serving = service.clone();
    let spawned = std::thread::Builder::new().name("mail-sync".into()).spawn(move || {
        let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build() {
            Ok(rt) => rt,
            Err(e) => return tracing::warn!("could not start the mail sync runtime: {e}"),
        };
        runtime.block_on(serving.serve(core, move |reply| {
            let shown = app
                .notification()
                .builder()
                .title(format!("{} replied", reply.from))
                .body(if reply.subject.is_empty() { "(no subject)".to_string() } else { reply.subject.clone() })
                .show();
            if let Err(e) = shown {
                tracing::warn!("could not show a notification: {e}");
            }
        }));
    });
    if let Err(e) = spawned {
        tracing::warn!("could not start the mail sync thread: {e}");
    }
    SyncHandle(service)
}
