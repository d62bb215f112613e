//! Task reminders as OS notifications: every 30 seconds, ask the core which reminders came due.
use std::sync::Arc;
use std::time::Duration;

use outpost_core::Outpost;
use tauri::AppHandle;
use tauri_plugin_notification::NotificationExt;

pub fn spawn(app: AppHandle, core: Arc<Outpost>) {
    tauri::async_runtime::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(30));
        loop {
            tick.tick().await;
            let (core, app) = (core.clone(), app.clone());
            // Blocking: the core reads SQLite and the notification talks to the desktop over D-Bus.
            let _ = tokio::task::spawn_blocking(move || match core.take_due_reminders(chrono::Utc::now()) {
                Ok(tasks) => {
                    for task in tasks {
                        let who = task.contact_name.or(task.deal_title).map(|w| format!(" — {w}")).unwrap_or_default();
                        let shown =
                            app.notification().builder().title("Task due").body(format!("{}{who}", task.title)).show();
                        if let Err(e) = shown {
                            tracing::warn!("could not show a task reminder: {e}");
                        }
                    }
                }
                Err(e) => tracing::warn!("reminders: {e}"),
            })
            .await;
        }
    });
}
