use outpost_core::domain::{ComposePreview, OutboundMessage, OutboundStatus, Outbox, Queued, SendInput};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// The Outbox view: messages (queued first, with when each goes) and each sending mailbox's state.
#[tauri::command]
#[specta::specta]
pub async fn outbox_list(state: State<'_, AppState>, status: Option<OutboundStatus>, limit: u32) -> CmdResult<Outbox> {
    state.run(move |core| core.outbox(status, limit as usize)).await
}

#[tauri::command]
#[specta::specta]
pub async fn outbox_message(state: State<'_, AppState>, id: i64) -> CmdResult<OutboundMessage> {
    state.run(move |core| core.outbox_message(id)).await
}

/// Queues a message (free text or a template for a record); the background sender sends it.
#[tauri::command]
#[specta::specta]
pub async fn outbox_send(state: State<'_, AppState>, input: SendInput) -> CmdResult<Queued> {
    state.run(move |core| core.outbox_queue(input)).await
}

/// The compose dialog's preview: the message as it would go, missing merge fields, suppression.
#[tauri::command]
#[specta::specta]
pub async fn outbox_preview(state: State<'_, AppState>, input: SendInput) -> CmdResult<ComposePreview> {
    state.run(move |core| core.compose_preview(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn outbox_cancel(state: State<'_, AppState>, id: i64) -> CmdResult<OutboundMessage> {
    state.run(move |core| core.outbox_cancel(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn outbox_retry(state: State<'_, AppState>, id: i64) -> CmdResult<OutboundMessage> {
    state.run(move |core| core.outbox_retry(id)).await
}
