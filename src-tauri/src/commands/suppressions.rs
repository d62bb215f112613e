use outpost_core::domain::{Suppression, SuppressionInput};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// The suppression list, newest first.
#[tauri::command]
#[specta::specta]
pub async fn suppressions_list(state: State<'_, AppState>) -> CmdResult<Vec<Suppression>> {
    state.run(move |core| core.suppressions()).await
}

#[tauri::command]
#[specta::specta]
pub async fn suppression_add(state: State<'_, AppState>, input: SuppressionInput) -> CmdResult<Suppression> {
    state.run(move |core| core.add_suppression(input)).await
}

/// Removes an entry and returns it, so an undo can add it back.
#[tauri::command]
#[specta::specta]
pub async fn suppression_remove(state: State<'_, AppState>, id: i64) -> CmdResult<Suppression> {
    state.run(move |core| core.remove_suppression(id)).await
}

/// Why mail to `email` would not be sent, or null when it may be.
#[tauri::command]
#[specta::specta]
pub async fn suppression_check(state: State<'_, AppState>, email: String) -> CmdResult<Option<String>> {
    state.run(move |core| core.is_suppressed(&email)).await
}
