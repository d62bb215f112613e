use outpost_core::domain::{Pipeline, PipelineDelete, Removed, Stage, StageDelete, StageInput};
use outpost_core::ops::pipelines::StageCount;
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn pipeline_create(state: State<'_, AppState>, name: String) -> CmdResult<Pipeline> {
    state.run(move |core| core.create_pipeline(&name)).await
}

#[tauri::command]
#[specta::specta]
pub async fn pipeline_rename(state: State<'_, AppState>, id: i64, name: String) -> CmdResult<Pipeline> {
    state.run(move |core| core.rename_pipeline(id, &name)).await
}

#[tauri::command]
#[specta::specta]
pub async fn pipeline_set_default(state: State<'_, AppState>, id: i64) -> CmdResult<Pipeline> {
    state.run(move |core| core.set_default_pipeline(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn pipeline_delete(state: State<'_, AppState>, input: PipelineDelete) -> CmdResult<Removed> {
    state.run(move |core| core.delete_pipeline(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn stage_create(state: State<'_, AppState>, pipeline_id: i64, input: StageInput) -> CmdResult<Stage> {
    state.run(move |core| core.add_stage(pipeline_id, input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn stage_update(state: State<'_, AppState>, id: i64, input: StageInput) -> CmdResult<Stage> {
    state.run(move |core| core.update_stage(id, input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn stages_reorder(state: State<'_, AppState>, pipeline_id: i64, stage_ids: Vec<i64>) -> CmdResult<Pipeline> {
    state.run(move |core| core.reorder_stages(pipeline_id, &stage_ids)).await
}

#[tauri::command]
#[specta::specta]
pub async fn stage_delete(state: State<'_, AppState>, input: StageDelete) -> CmdResult<Removed> {
    state.run(move |core| core.delete_stage(input)).await
}

/// Live deals per stage of a pipeline (what deleting a stage would move).
#[tauri::command]
#[specta::specta]
pub async fn stage_counts(state: State<'_, AppState>, pipeline_id: i64) -> CmdResult<Vec<StageCount>> {
    state.run(move |core| core.stage_counts(pipeline_id)).await
}
