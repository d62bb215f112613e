//! The Inbox: synced conversations, the sanitized thread viewer, linking a sender, and the background sync.
use outpost_core::domain::{ContactDetail, ContactMailState, InboxThread, MailSyncStatus, ShownThread};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;
use crate::sync::SyncHandle;

/// Threads, newest first; `linked_only` hides mail from senders the CRM does not know.
#[tauri::command]
#[specta::specta]
pub async fn inbox_list(
    state: State<'_, AppState>,
    mailbox_id: Option<i64>,
    linked_only: bool,
    limit: u32,
) -> CmdResult<Vec<InboxThread>> {
    state.run(move |core| core.inbox(mailbox_id, linked_only, limit as usize)).await
}

/// A thread with each HTML body sanitized into a `srcdoc` document for a sandboxed iframe.
#[tauri::command]
#[specta::specta]
pub async fn inbox_thread(state: State<'_, AppState>, id: i64) -> CmdResult<ShownThread> {
    state.run(move |core| core.shown_thread(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn inbox_mark_read(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state.run(move |core| core.mark_thread_read(id)).await
}

/// Shows one message's remote images from now on.
#[tauri::command]
#[specta::specta]
pub async fn inbox_allow_remote_images(state: State<'_, AppState>, email_id: i64) -> CmdResult<()> {
    state.run(move |core| core.allow_remote_images(email_id)).await
}

/// "Create contact from sender" for mail from someone the CRM does not know.
#[tauri::command]
#[specta::specta]
pub async fn inbox_create_contact(state: State<'_, AppState>, email_id: i64) -> CmdResult<ContactDetail> {
    state.run(move |core| core.create_contact_from_sender(email_id)).await
}

/// Bounced / unsubscribed / suppressed, for the contact panel.
#[tauri::command]
#[specta::specta]
pub async fn contact_mail_state(state: State<'_, AppState>, contact_id: i64) -> CmdResult<ContactMailState> {
    state.run(move |core| core.contact_mail_state(contact_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn mail_folder_set_enabled(
    state: State<'_, AppState>,
    mailbox_id: i64,
    folder: String,
    enabled: bool,
) -> CmdResult<()> {
    state.run(move |core| core.set_mail_folder_enabled(mailbox_id, &folder, enabled)).await
}

#[tauri::command]
#[specta::specta]
pub async fn mail_sync_days_set(state: State<'_, AppState>, mailbox_id: i64, days: i64) -> CmdResult<()> {
    state.run(move |core| core.set_mail_sync_days(mailbox_id, days)).await
}

/// Syncs every active mailbox now; progress arrives as `inbox` change events.
#[tauri::command]
#[specta::specta]
pub async fn inbox_sync_now(sync: State<'_, SyncHandle>) -> CmdResult<()> {
    sync.0.sync_now();
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn inbox_sync_status(sync: State<'_, SyncHandle>) -> CmdResult<Vec<MailSyncStatus>> {
    Ok(sync.0.status())
}
