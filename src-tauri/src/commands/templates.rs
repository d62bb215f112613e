use outpost_core::domain::{MergeField, RenderContext, Rendered, Template, TemplateInput, TemplatePreview};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// Live templates by name.
#[tauri::command]
#[specta::specta]
pub async fn templates_list(state: State<'_, AppState>) -> CmdResult<Vec<Template>> {
    state.run(move |core| core.templates()).await
}

#[tauri::command]
#[specta::specta]
pub async fn template_get(state: State<'_, AppState>, id: i64) -> CmdResult<Template> {
    state.run(move |core| core.template(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn template_create(state: State<'_, AppState>, input: TemplateInput) -> CmdResult<Template> {
    state.run(move |core| core.create_template(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn template_update(state: State<'_, AppState>, id: i64, input: TemplateInput) -> CmdResult<Template> {
    state.run(move |core| core.update_template(id, input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn template_delete(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state.run(move |core| core.delete_template(id)).await
}

/// Undoes a delete.
#[tauri::command]
#[specta::specta]
pub async fn template_restore(state: State<'_, AppState>, id: i64) -> CmdResult<Template> {
    state.run(move |core| core.restore_template(id)).await
}

/// The merge fields the editor's picker offers, custom fields included.
#[tauri::command]
#[specta::specta]
pub async fn template_merge_fields(state: State<'_, AppState>) -> CmdResult<Vec<MergeField>> {
    state.run(move |core| core.merge_fields()).await
}

/// A draft checked and rendered for a record: the editor's live preview.
#[tauri::command]
#[specta::specta]
pub async fn template_preview(
    state: State<'_, AppState>,
    input: TemplateInput,
    context: RenderContext,
) -> CmdResult<TemplatePreview> {
    state.run(move |core| core.preview_template(input, context)).await
}

/// A saved template rendered for a record (compose), with the merge fields it left empty.
#[tauri::command]
#[specta::specta]
pub async fn template_render(state: State<'_, AppState>, id: i64, context: RenderContext) -> CmdResult<Rendered> {
    state.run(move |core| core.render_template(id, context)).await
}
