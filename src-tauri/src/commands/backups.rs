use outpost_core::domain::{BackupInfo, ExportFormat, ExportSummary, ListEntity, PageQuery};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn backups_list(state: State<'_, AppState>) -> CmdResult<Vec<BackupInfo>> {
    state.run(move |core| core.backups()).await
}

#[tauri::command]
#[specta::specta]
pub async fn backup_now(state: State<'_, AppState>) -> CmdResult<BackupInfo> {
    state.run(move |core| core.backup_now()).await
}

/// Replaces everything with the backup's content; returns the backup of what was there before.
#[tauri::command]
#[specta::specta]
pub async fn backup_restore(state: State<'_, AppState>, path: String) -> CmdResult<BackupInfo> {
    state.run(move |core| core.restore_backup(std::path::Path::new(&path))).await
}

/// Writes a list (its filter and sort; all pages) to the file the user chose.
#[tauri::command]
#[specta::specta]
pub async fn export_list(
    state: State<'_, AppState>,
    entity: ListEntity,
    query: PageQuery,
    format: ExportFormat,
    path: String,
) -> CmdResult<ExportSummary> {
    state.run(move |core| core.export_list(entity, &query, format, std::path::Path::new(&path))).await
}
