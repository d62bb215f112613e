use outpost_core::domain::{Entity, RecordRef, RowTag, SettingsRestored, Tag, TagDeleted, TagInput};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// Every tag by name, with how many live records of `entity` carry it (all kinds when null).
#[tauri::command]
#[specta::specta]
pub async fn tags_list(state: State<'_, AppState>, entity: Option<Entity>) -> CmdResult<Vec<Tag>> {
    state.run(move |core| core.tags(entity)).await
}

#[tauri::command]
#[specta::specta]
pub async fn tag_create(state: State<'_, AppState>, input: TagInput) -> CmdResult<RowTag> {
    state.run(move |core| core.create_tag(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn tag_update(state: State<'_, AppState>, id: i64, input: TagInput) -> CmdResult<RowTag> {
    state.run(move |core| core.update_tag(id, input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn tag_delete(state: State<'_, AppState>, id: i64) -> CmdResult<TagDeleted> {
    state.run(move |core| core.delete_tag(id)).await
}

/// Undoes the delete of a tag, stage or pipeline from the token its delete returned.
#[tauri::command]
#[specta::specta]
pub async fn settings_undo_delete(state: State<'_, AppState>, token: i64) -> CmdResult<SettingsRestored> {
    state.run(move |core| core.undo_settings_delete(token)).await
}

#[tauri::command]
#[specta::specta]
pub async fn record_tags(state: State<'_, AppState>, record: RecordRef) -> CmdResult<Vec<RowTag>> {
    state.run(move |core| core.record_tags(record)).await
}

/// Sets a record's tags to exactly `tag_ids`.
#[tauri::command]
#[specta::specta]
pub async fn record_tags_set(
    state: State<'_, AppState>,
    record: RecordRef,
    tag_ids: Vec<i64>,
) -> CmdResult<Vec<RowTag>> {
    state.run(move |core| core.set_record_tags(record, tag_ids)).await
}
