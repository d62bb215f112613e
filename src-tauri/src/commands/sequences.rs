use outpost_core::domain::{
    ConversionTarget, EnrollResult, EnrollSource, Enrollment, Sequence, SequenceInput, SequenceStats, SequenceStatus,
    SequenceSummary,
};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// The Sequences view: every sequence and campaign with its counts.
#[tauri::command]
#[specta::specta]
pub async fn sequences_list(state: State<'_, AppState>) -> CmdResult<Vec<SequenceSummary>> {
    state.run(|core| core.sequences()).await
}

#[tauri::command]
#[specta::specta]
pub async fn sequence_get(state: State<'_, AppState>, id: i64) -> CmdResult<Sequence> {
    state.run(move |core| core.sequence(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn sequence_create(state: State<'_, AppState>, input: SequenceInput) -> CmdResult<Sequence> {
    state.run(move |core| core.create_sequence(input)).await
}

/// Safe on a running sequence: steps already sent stay as they were sent.
#[tauri::command]
#[specta::specta]
pub async fn sequence_update(state: State<'_, AppState>, id: i64, input: SequenceInput) -> CmdResult<Sequence> {
    state.run(move |core| core.update_sequence(id, input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn sequence_set_status(state: State<'_, AppState>, id: i64, status: SequenceStatus) -> CmdResult<Sequence> {
    state.run(move |core| core.set_sequence_status(id, status)).await
}

/// Who would be enrolled and who skipped (with why), writing nothing.
#[tauri::command]
#[specta::specta]
pub async fn sequence_enroll_preview(
    state: State<'_, AppState>,
    id: i64,
    source: EnrollSource,
) -> CmdResult<EnrollResult> {
    state.run(move |core| core.sequence_enroll_preview(id, source)).await
}

#[tauri::command]
#[specta::specta]
pub async fn sequence_enroll(state: State<'_, AppState>, id: i64, source: EnrollSource) -> CmdResult<EnrollResult> {
    state.run(move |core| core.sequence_enroll(id, source)).await
}

#[tauri::command]
#[specta::specta]
pub async fn sequence_enrollments(state: State<'_, AppState>, id: i64, limit: u32) -> CmdResult<Vec<Enrollment>> {
    state.run(move |core| core.sequence_enrollments(id, limit as usize)).await
}

/// A contact's enrollments (record page), with why each stopped.
#[tauri::command]
#[specta::specta]
pub async fn contact_enrollments(state: State<'_, AppState>, contact_id: i64) -> CmdResult<Vec<Enrollment>> {
    state.run(move |core| core.contact_enrollments(contact_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn enrollment_stop(state: State<'_, AppState>, id: i64, reason: Option<String>) -> CmdResult<Enrollment> {
    state.run(move |core| core.stop_enrollment(id, reason)).await
}

#[tauri::command]
#[specta::specta]
pub async fn enrollment_pause(state: State<'_, AppState>, id: i64) -> CmdResult<Enrollment> {
    state.run(move |core| core.pause_enrollment(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn enrollment_resume(state: State<'_, AppState>, id: i64) -> CmdResult<Enrollment> {
    state.run(move |core| core.resume_enrollment(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn sequence_stats(state: State<'_, AppState>, id: i64) -> CmdResult<SequenceStats> {
    state.run(move |core| core.sequence_stats(id)).await
}

/// A replied enrollment becomes an engaged lead, or a deal in the default pipeline's first stage.
#[tauri::command]
#[specta::specta]
pub async fn enrollment_convert(state: State<'_, AppState>, id: i64, to: ConversionTarget) -> CmdResult<Enrollment> {
    state.run(move |core| core.convert_enrollment(id, to)).await
}
