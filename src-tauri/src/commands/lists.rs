use outpost_core::domain::{BulkEdit, BulkEdited, DealRow, ListEntity, ListField, Page, PageQuery};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// The fields a list can show, filter, sort and edit (built-ins, then custom fields).
#[tauri::command]
#[specta::specta]
pub async fn list_fields(state: State<'_, AppState>, entity: ListEntity) -> CmdResult<Vec<ListField>> {
    state.run(move |core| core.list_fields(entity)).await
}

/// How many records a list query matches; asked apart from the pages, which never wait for it.
#[tauri::command]
#[specta::specta]
pub async fn list_count(state: State<'_, AppState>, entity: ListEntity, query: PageQuery) -> CmdResult<i64> {
    state.run(move |core| core.list_count(entity, &query)).await
}

/// Every id a list query matches ("select all that match").
#[tauri::command]
#[specta::specta]
pub async fn list_ids(state: State<'_, AppState>, entity: ListEntity, query: PageQuery) -> CmdResult<Vec<i64>> {
    state.run(move |core| core.list_ids(entity, &query)).await
}

#[tauri::command]
#[specta::specta]
pub async fn deals_list(state: State<'_, AppState>, query: PageQuery) -> CmdResult<Page<DealRow>> {
    state.run(move |core| core.deals_page(&query)).await
}

/// Sets a field or adds/removes a tag on many records (or one, from an inline edit); returns the undo token.
#[tauri::command]
#[specta::specta]
pub async fn bulk_edit(state: State<'_, AppState>, edit: BulkEdit) -> CmdResult<BulkEdited> {
    state.run(move |core| core.bulk_edit(edit)).await
}

#[tauri::command]
#[specta::specta]
pub async fn bulk_edit_undo(state: State<'_, AppState>, token: i64) -> CmdResult<()> {
    state.run(move |core| core.undo_bulk_edit(token)).await
}
