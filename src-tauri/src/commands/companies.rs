use outpost_core::domain::{Company, CompanyInput, CompanyRow, Page, PageQuery};
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
