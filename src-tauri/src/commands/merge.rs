use outpost_core::domain::{DuplicatePair, FieldEntity, MergeRequest, MergeResult};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// Likely duplicate pairs across the database, strongest evidence first.
#[tauri::command]
#[specta::specta]
pub async fn duplicates_list(state: State<'_, AppState>, entity: FieldEntity) -> CmdResult<Vec<DuplicatePair>> {
    state.run(move |core| core.duplicates(entity, 200)).await
}

/// Merges one record into another field by field; the dropped one goes to the Trash.
#[tauri::command]
#[specta::specta]
pub async fn records_merge(state: State<'_, AppState>, request: MergeRequest) -> CmdResult<MergeResult> {
    state.run(move |core| core.merge(&request)).await
}

/// Undoes a merge: both records back as they were, with everything it moved.
#[tauri::command]
#[specta::specta]
pub async fn records_merge_undo(state: State<'_, AppState>, token: i64) -> CmdResult<MergeResult> {
    state.run(move |core| core.undo_merge(token)).await
}
