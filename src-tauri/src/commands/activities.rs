use outpost_core::domain::{RecordRef, TimelineItem};
use outpost_core::ops::activities::LogInput;
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// A record's timeline, newest first; pass the last item's `occurred_at` as `before` for more.
#[tauri::command]
#[specta::specta]
pub async fn timeline(
    state: State<'_, AppState>,
    record: RecordRef,
    before: Option<String>,
    limit: u32,
) -> CmdResult<Vec<TimelineItem>> {
    state.run(move |core| core.timeline(record, before, limit as usize)).await
}

/// Logs a call, a meeting or a note on a record.
#[tauri::command]
#[specta::specta]
pub async fn activity_log(state: State<'_, AppState>, input: LogInput) -> CmdResult<TimelineItem> {
    state.run(move |core| core.log_activity(input)).await
}
