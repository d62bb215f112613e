//! How errors cross IPC: `{code, message, field}`. The UI matches on `code`, never on message text.
use outpost_core::CoreError;
use serde::Serialize;
use specta::Type;

#[derive(Debug, Clone, Serialize, Type)]
pub struct AppError {
    /// Stable machine-readable code (see `CoreError::code`).
    pub code: String,
    /// What happened and what to do, for people.
    pub message: String,
    /// The form field a validation error belongs to.
    pub field: Option<String>,
}

impl From<CoreError> for AppError {
    fn from(e: CoreError) -> Self {
        AppError { code: e.code().to_string(), message: e.to_string(), field: e.field().map(str::to_string) }
    }
}

impl AppError {
    pub fn internal(message: impl Into<String>) -> Self {
        AppError { code: "internal".into(), message: message.into(), field: None }
    }
}

pub type CmdResult<T> = Result<T, AppError>;
