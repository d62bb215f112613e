use outpost_core::domain::{LeadConversion, LeadConverted};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn lead_convert(state: State<'_, AppState>, input: LeadConversion) -> CmdResult<LeadConverted> {
    state.run(move |core| core.convert_lead(input)).await
}
