use outpost_core::domain::{ContactDetail, ContactInput, ContactRow, Page, PageQuery};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn contacts_list(state: State<'_, AppState>, query: PageQuery) -> CmdResult<Page<ContactRow>> {
    state.run(move |core| core.contacts(&query)).await
}

#[tauri::command]
#[specta::specta]
pub async fn contact_get(state: State<'_, AppState>, id: i64) -> CmdResult<ContactDetail> {
    state.run(move |core| core.contact(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn contact_create(state: State<'_, AppState>, input: ContactInput) -> CmdResult<ContactDetail> {
    state.run(move |core| core.create_contact(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn contact_update(state: State<'_, AppState>, id: i64, input: ContactInput) -> CmdResult<ContactDetail> {
    state.run(move |core| core.update_contact(id, input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn contacts_delete(state: State<'_, AppState>, ids: Vec<i64>) -> CmdResult<()> {
    state.run(move |core| core.delete_contacts(&ids)).await
}

#[tauri::command]
#[specta::specta]
pub async fn contacts_restore(state: State<'_, AppState>, ids: Vec<i64>) -> CmdResult<()> {
    state.run(move |core| core.restore_contacts(&ids)).await
}

/// How many contacts match (all when `search` is null); asked separately so pages never wait for it.
#[tauri::command]
#[specta::specta]
pub async fn contacts_count(state: State<'_, AppState>, search: Option<String>) -> CmdResult<i64> {
    state.run(move |core| core.count_contacts(search.as_deref())).await
}

/// How many contacts a list query matches, with its lifecycle, lead status and source filters (the Leads view).
#[tauri::command]
#[specta::specta]
pub async fn contacts_count_where(state: State<'_, AppState>, query: PageQuery) -> CmdResult<i64> {
    state.run(move |core| core.count_contacts_where(&query)).await
}
