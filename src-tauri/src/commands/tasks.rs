use outpost_core::domain::{Task, TaskBucket, TaskCompleted, TaskInput};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn tasks_list(state: State<'_, AppState>, bucket: TaskBucket, limit: u32) -> CmdResult<Vec<Task>> {
    state.run(move |core| core.tasks(bucket, chrono::Utc::now(), limit as usize)).await
}

#[tauri::command]
#[specta::specta]
pub async fn task_create(state: State<'_, AppState>, input: TaskInput) -> CmdResult<Task> {
    state.run(move |core| core.create_task(input)).await
}

/// Completes a task; a repeating one answers with its next occurrence.
#[tauri::command]
#[specta::specta]
pub async fn task_complete(state: State<'_, AppState>, id: i64) -> CmdResult<TaskCompleted> {
    state.run(move |core| core.complete_task(id)).await
}

/// Undoes a completion.
#[tauri::command]
#[specta::specta]
pub async fn task_reopen(state: State<'_, AppState>, id: i64) -> CmdResult<Task> {
    state.run(move |core| core.reopen_task(id)).await
}
