use outpost_core::domain::Dashboard;
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn dashboard(state: State<'_, AppState>, pipeline_id: Option<i64>) -> CmdResult<Dashboard> {
    state.run(move |core| core.dashboard(pipeline_id, chrono::Utc::now())).await
}
