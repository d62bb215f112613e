use outpost_core::ops::scoring::{RescoreSummary, ScoringRules};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn scoring_rules(state: State<'_, AppState>) -> CmdResult<ScoringRules> {
    state.run(|core| core.scoring_rules()).await
}

/// Saves the rules and rescores every contact with them; returns the rules as saved (trimmed).
#[tauri::command]
#[specta::specta]
pub async fn scoring_rules_save(state: State<'_, AppState>, rules: ScoringRules) -> CmdResult<ScoringRules> {
    state.run(move |core| core.save_scoring_rules(rules).map(|(rules, _)| rules)).await
}

#[tauri::command]
#[specta::specta]
pub async fn scoring_rescore_all(state: State<'_, AppState>) -> CmdResult<RescoreSummary> {
    state.run(|core| core.rescore_all()).await
}
