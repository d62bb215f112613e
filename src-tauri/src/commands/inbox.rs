//! The Inbox: synced conversations, the sanitized thread viewer, linking a sender, and the background sync.
use outpost_core::domain::{
    ContactDetail, ContactMailState, InboxThread, MailFolderInfo, MailSyncSettings, MailSyncStatus, SavedAttachment,
    ShownThread,
};
use tauri::State;

use crate::error::{AppError, CmdResult};
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

/// How far back a folder's first sync reaches, and the folders known so far (no server needed).
#[tauri::command]
#[specta::specta]
pub async fn mail_sync_settings(state: State<'_, AppState>, mailbox_id: i64) -> CmdResult<MailSyncSettings> {
    state.run(move |core| core.mail_sync_settings(mailbox_id)).await
}

/// Every folder on the server, for choosing which to sync (signs in to IMAP).
#[tauri::command]
#[specta::specta]
pub async fn mail_server_folders(state: State<'_, AppState>, mailbox_id: i64) -> CmdResult<Vec<MailFolderInfo>> {
    state.core.clone().mail_server_folders(mailbox_id).await.map_err(AppError::from)
}

/// Downloads one attachment into the app's attachments folder (or finds it there).
#[tauri::command]
#[specta::specta]
pub async fn inbox_attachment_fetch(
    state: State<'_, AppState>,
    email_id: i64,
    part: u32,
) -> CmdResult<SavedAttachment> {
    state.core.clone().fetch_attachment(email_id, part).await.map_err(AppError::from)
}

/// "Save as…": downloads the attachment when needed and copies it to `target` (from the save dialog).
#[tauri::command]
#[specta::specta]
pub async fn inbox_attachment_save(
    state: State<'_, AppState>,
    email_id: i64,
    part: u32,
    target: String,
) -> CmdResult<SavedAttachment> {
    state.core.clone().save_attachment(email_id, part, &target).await.map_err(AppError::from)
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
