use outpost_core::domain::Deal;
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn deals_open(state: State<'_, AppState>, pipeline_id: i64) -> CmdResult<Vec<Deal>> {
    state.run(move |core| core.open_deals(pipeline_id)).await
}
