use outpost_core::domain::{ListEntity, SavedView, SavedViewInput};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn saved_views_list(state: State<'_, AppState>, entity: ListEntity) -> CmdResult<Vec<SavedView>> {
    state.run(move |core| core.saved_views(entity)).await
}

#[tauri::command]
#[specta::specta]
pub async fn saved_view_create(state: State<'_, AppState>, input: SavedViewInput) -> CmdResult<SavedView> {
    state.run(move |core| core.create_saved_view(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn saved_view_update(state: State<'_, AppState>, id: i64, input: SavedViewInput) -> CmdResult<SavedView> {
    state.run(move |core| core.update_saved_view(id, input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn saved_view_delete(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state.run(move |core| core.delete_saved_view(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn saved_view_restore(state: State<'_, AppState>, id: i64) -> CmdResult<SavedView> {
    state.run(move |core| core.restore_saved_view(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn saved_views_reorder(state: State<'_, AppState>, ids: Vec<i64>) -> CmdResult<()> {
    state.run(move |core| core.reorder_saved_views(ids)).await
}
