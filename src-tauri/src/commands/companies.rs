use outpost_core::domain::{Company, CompanyInput, CompanyRelated, CompanyRow, Page, PageQuery};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn companies_list(state: State<'_, AppState>, query: PageQuery) -> CmdResult<Page<CompanyRow>> {
    state.run(move |core| core.companies(&query)).await
}

#[tauri::command]
#[specta::specta]
pub async fn company_create(state: State<'_, AppState>, input: CompanyInput) -> CmdResult<Company> {
    state.run(move |core| core.create_company(input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn company_get(state: State<'_, AppState>, id: i64) -> CmdResult<Company> {
    state.run(move |core| core.company(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn company_update(state: State<'_, AppState>, id: i64, input: CompanyInput) -> CmdResult<Company> {
    state.run(move |core| core.update_company(id, input)).await
}

/// The company's contacts and deals, for its page.
#[tauri::command]
#[specta::specta]
pub async fn company_related(state: State<'_, AppState>, id: i64) -> CmdResult<CompanyRelated> {
    state.run(move |core| core.company_related(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn companies_delete(state: State<'_, AppState>, ids: Vec<i64>) -> CmdResult<()> {
    state.run(move |core| core.delete_companies(&ids)).await
}

#[tauri::command]
#[specta::specta]
pub async fn companies_restore(state: State<'_, AppState>, ids: Vec<i64>) -> CmdResult<()> {
    state.run(move |core| core.restore_companies(&ids)).await
}
