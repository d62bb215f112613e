use outpost_core::domain::{Deal, DealMove, DealMoved};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn deals_open(state: State<'_, AppState>, pipeline_id: i64) -> CmdResult<Vec<Deal>> {
    state.run(move |core| core.open_deals(pipeline_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn deal_get(state: State<'_, AppState>, id: i64) -> CmdResult<Deal> {
    state.run(move |core| core.deal(id)).await
}

/// Moves a deal to a stage and place; the answer says where it was, for undo.
#[tauri::command]
#[specta::specta]
pub async fn deal_move(state: State<'_, AppState>, input: DealMove) -> CmdResult<DealMoved> {
    state.run(move |core| core.move_deal(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn deal_create(state: State<'_, AppState>, input: outpost_core::domain::DealInput) -> CmdResult<Deal> {
    state.run(move |core| core.create_deal(input)).await
}

/// Edits a deal's fields (not its stage: that is a move).
#[tauri::command]
#[specta::specta]
pub async fn deal_update(
    state: State<'_, AppState>,
    id: i64,
    input: outpost_core::domain::DealEdit,
) -> CmdResult<Deal> {
    state.run(move |core| core.update_deal(id, input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn deals_delete(state: State<'_, AppState>, ids: Vec<i64>) -> CmdResult<()> {
    state.run(move |core| core.delete_deals(&ids)).await
}

#[tauri::command]
#[specta::specta]
pub async fn deals_restore(state: State<'_, AppState>, ids: Vec<i64>) -> CmdResult<()> {
    state.run(move |core| core.restore_deals(&ids)).await
}

/// Every stage change of a deal, oldest first.
#[tauri::command]
#[specta::specta]
pub async fn deal_stage_history(
    state: State<'_, AppState>,
    id: i64,
) -> CmdResult<Vec<outpost_core::domain::StageHistoryEntry>> {
    state.run(move |core| core.deal_stage_history(id)).await
}
