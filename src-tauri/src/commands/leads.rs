use outpost_core::domain::{ContactDetail, LeadConversion, LeadConverted, LeadStatus};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn lead_convert(state: State<'_, AppState>, input: LeadConversion) -> CmdResult<LeadConverted> {
    state.run(move |core| core.convert_lead(input)).await
}

/// Changes a lead's status (the Leads view's inline select).
#[tauri::command]
#[specta::specta]
pub async fn lead_set_status(state: State<'_, AppState>, id: i64, status: LeadStatus) -> CmdResult<ContactDetail> {
    state.run(move |core| core.set_lead_status(id, status)).await
}
