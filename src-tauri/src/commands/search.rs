use outpost_core::domain::SearchHit;
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn search(state: State<'_, AppState>, query: String, limit: u32) -> CmdResult<Vec<SearchHit>> {
    state.run(move |core| core.search(&query, limit as usize)).await
}
