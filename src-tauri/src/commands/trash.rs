use outpost_core::domain::{RecordRef, Trash};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// The most recently deleted contacts, companies and deals, newest first.
#[tauri::command]
#[specta::specta]
pub async fn trash_list(state: State<'_, AppState>, limit: u32) -> CmdResult<Trash> {
    state.run(move |core| core.trash(limit as usize)).await
}

#[tauri::command]
#[specta::specta]
pub async fn trash_restore(state: State<'_, AppState>, records: Vec<RecordRef>) -> CmdResult<()> {
    state.run(move |core| core.restore_from_trash(&records)).await
}

/// Deletes records in the Trash for good.
#[tauri::command]
#[specta::specta]
pub async fn trash_delete_forever(state: State<'_, AppState>, records: Vec<RecordRef>) -> CmdResult<()> {
    state.run(move |core| core.delete_forever(&records)).await
}
