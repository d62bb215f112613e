use outpost_core::domain::{ImportJobInfo, ImportPreview, ImportRequest, ImportSummary, ImportUndone};
use outpost_core::import::read::SheetInfo;
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// The sheets of a workbook, hidden ones flagged.
#[tauri::command]
#[specta::specta]
pub async fn import_sheets(state: State<'_, AppState>, path: String) -> CmdResult<Vec<SheetInfo>> {
    state.run(move |core| core.import_sheets(&path)).await
}

/// What importing would do (mapping, first rows, problems, counts); writes nothing. Reports progress as
/// an `import-preview` job.
#[tauri::command]
#[specta::specta]
pub async fn import_preview(state: State<'_, AppState>, request: ImportRequest) -> CmdResult<ImportPreview> {
    state.run(move |core| core.preview_import(&request)).await
}

/// Imports in one all-or-nothing step, as an `import` job (progress events; `cancel_job` stops it).
#[tauri::command]
#[specta::specta]
pub async fn import_run(state: State<'_, AppState>, request: ImportRequest) -> CmdResult<ImportSummary> {
    state.run(move |core| core.run_import(&request, false)).await
}

#[tauri::command]
#[specta::specta]
pub async fn imports_list(state: State<'_, AppState>) -> CmdResult<Vec<ImportJobInfo>> {
    state.run(move |core| core.imports(200)).await
}

#[tauri::command]
#[specta::specta]
pub async fn import_undo(state: State<'_, AppState>, id: i64) -> CmdResult<ImportUndone> {
    state.run(move |core| core.undo_import(id)).await
}

/// Writes the import's rejected rows with their reasons to a CSV file the user chose.
#[tauri::command]
#[specta::specta]
pub async fn import_rejects_save(state: State<'_, AppState>, id: i64, path: String) -> CmdResult<u32> {
    state.run(move |core| core.export_import_rejects(id, std::path::Path::new(&path))).await
}
