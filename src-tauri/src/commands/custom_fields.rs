use outpost_core::domain::{CustomField, CustomFieldInput, FieldEntity};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// Live custom fields in form order; every entity's when `entity` is null.
#[tauri::command]
#[specta::specta]
pub async fn custom_fields_list(
    state: State<'_, AppState>,
    entity: Option<FieldEntity>,
) -> CmdResult<Vec<CustomField>> {
    state.run(move |core| core.custom_fields(entity)).await
}

#[tauri::command]
#[specta::specta]
pub async fn custom_field_create(state: State<'_, AppState>, input: CustomFieldInput) -> CmdResult<CustomField> {
    state.run(move |core| core.create_custom_field(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn custom_field_update(
    state: State<'_, AppState>,
    id: i64,
    input: CustomFieldInput,
) -> CmdResult<CustomField> {
    state.run(move |core| core.update_custom_field(id, input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn custom_field_delete(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state.run(move |core| core.delete_custom_field(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn custom_field_restore(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state.run(move |core| core.restore_custom_field(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn custom_fields_reorder(state: State<'_, AppState>, ids: Vec<i64>) -> CmdResult<()> {
    state.run(move |core| core.reorder_custom_fields(ids)).await
}
