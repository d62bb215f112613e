//! Core events forwarded to the UI as typed Tauri events.
use outpost_core::events::CoreEvent;
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::AppHandle;
use tauri_specta::Event;

/// Everything the core reports (data changes, job progress), as one typed event.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
pub struct CoreEventMsg(pub CoreEvent);

/// Forwards every core event to the webview until the app exits.
pub fn forward(app: AppHandle, core: &outpost_core::Outpost) {
    let mut rx = core.events().subscribe();
    tauri::async_runtime::spawn(async move {
        loop {
            match rx.recv().await {
                Ok(event) => {
                    if let Err(e) = CoreEventMsg(event).emit(&app) {
                        tracing::warn!("could not forward a core event: {e}");
                    }
                }
                // Fell behind: tell the UI to reload everything rather than miss a change.
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                    use outpost_core::domain::Entity;
                    // Inbox too: a missed end-of-pass event would leave the sync status on "Syncing…".
                    for entity in [Entity::Contact, Entity::Company, Entity::Inbox] {
                        let _ = CoreEventMsg(CoreEvent::DataChanged { entity, ids: vec![] }).emit(&app);
                    }
                }
                Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
            }
        }
    });
}
