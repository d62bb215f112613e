//! Settings → Mailboxes. Passwords travel only inward (in `MailboxInput`) and are never returned.
use outpost_core::domain::{ConnectionTest, Mailbox, MailboxInput, MailboxPreset, MailboxState};
use tauri::State;

use crate::error::{AppError, CmdResult};
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn mailboxes_list(state: State<'_, AppState>) -> CmdResult<Vec<Mailbox>> {
    state.run(move |core| core.mailboxes()).await
}

#[tauri::command]
#[specta::specta]
pub async fn mailbox_presets(state: State<'_, AppState>) -> CmdResult<Vec<MailboxPreset>> {
    state.run(move |core| Ok(core.mailbox_presets())).await
}

#[tauri::command]
#[specta::specta]
pub async fn mailbox_create(state: State<'_, AppState>, input: MailboxInput) -> CmdResult<Mailbox> {
    state.run(move |core| core.create_mailbox(input)).await
}

/// A null password keeps the stored one.
#[tauri::command]
#[specta::specta]
pub async fn mailbox_update(state: State<'_, AppState>, id: i64, input: MailboxInput) -> CmdResult<Mailbox> {
    state.run(move |core| core.update_mailbox(id, input)).await
}

/// Removes the mailbox and deletes its password from the keychain.
#[tauri::command]
#[specta::specta]
pub async fn mailbox_remove(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state.run(move |core| core.remove_mailbox(id)).await
}

/// Pause or resume sending.
#[tauri::command]
#[specta::specta]
pub async fn mailbox_set_state(state: State<'_, AppState>, id: i64, mailbox_state: MailboxState) -> CmdResult<Mailbox> {
    state.run(move |core| core.set_mailbox_state(id, mailbox_state, None)).await
}

/// Signs in to the saved mailbox's SMTP and IMAP servers.
#[tauri::command]
#[specta::specta]
pub async fn mailbox_test(state: State<'_, AppState>, id: i64) -> CmdResult<ConnectionTest> {
    state.core.clone().test_mailbox(id).await.map_err(AppError::from)
}

/// Tests the form's settings before saving; without a password, mailbox `id`'s stored one is used.
#[tauri::command]
#[specta::specta]
pub async fn mailbox_test_settings(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: MailboxInput,
) -> CmdResult<ConnectionTest> {
    state.core.clone().test_mailbox_settings(id, input).await.map_err(AppError::from)
}
