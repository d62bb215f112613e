use outpost_core::domain::{Pipeline, Stats};
use outpost_core::ops::app::AppInfo;
use outpost_core::ops::sample::SampleResult;
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn app_info(state: State<'_, AppState>) -> CmdResult<AppInfo> {
    state.run(|core| core.info()).await
}

#[tauri::command]
#[specta::specta]
pub async fn stats(state: State<'_, AppState>) -> CmdResult<Stats> {
    state.run(|core| core.stats()).await
}

#[tauri::command]
#[specta::specta]
pub async fn load_sample_data(state: State<'_, AppState>) -> CmdResult<SampleResult> {
    state.run(|core| core.load_sample_data()).await
}

#[tauri::command]
#[specta::specta]
pub async fn pipelines(state: State<'_, AppState>) -> CmdResult<Vec<Pipeline>> {
    state.run(|core| core.pipelines()).await
}

#[tauri::command]
#[specta::specta]
pub async fn cancel_job(state: State<'_, AppState>, job_id: u32) -> CmdResult<bool> {
    state.run(move |core| Ok(core.jobs().cancel(job_id))).await
}
