//! The core's one error type. Each variant has a stable `code` the UI and scripts match on;
//! messages say what happened and what to do.
use std::path::PathBuf;

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("{message}")]
    Validation { field: Option<String>, message: String },

    #[error("{entity} {id} was not found (it may have been deleted)")]
    NotFound { entity: &'static str, id: i64 },

    #[error("{0}")]
    Conflict(String),

    #[error(
        "this database was written by a newer version of Outpost (schema {found}, this version knows up to {supported}). \
         Update Outpost to open it; the file was left untouched."
    )]
    DatabaseTooNew { found: i64, supported: i64 },

    #[error("{path} is not a readable Outpost database ({detail}). The file was left untouched; restore a backup or choose another file.")]
    DatabaseCorrupt { path: PathBuf, detail: String },

    #[error("the database is busy in another program; close other Outpost windows or scripts and try again")]
    Busy,

    /// A file handed to an import (or restore) that cannot be used; says why and what to do.
    #[error("{0}")]
    BadFile(String),

    #[error("keychain: {0}")]
    Secrets(String),

    /// A mail server could not be reached or refused; the kind says which (`mail_*` codes).
    #[error(transparent)]
    Mail(#[from] crate::mail::MailError),

    #[error("cancelled")]
    Cancelled,

    #[error("{context}: {source}")]
    Io { context: String, source: std::io::Error },

    #[error("database error: {0}")]
    Db(rusqlite::Error),

    #[error("database migration failed: {0}")]
    Migration(String),

    #[error("internal error: {0}")]
    Internal(String),
}

impl CoreError {
    /// SQLite's SQLITE_SCHEMA: the statement was prepared against a schema another connection has changed.
    pub fn is_schema_changed(&self) -> bool {
        matches!(self, CoreError::Db(rusqlite::Error::SqliteFailure(f, _)) if f.code == rusqlite::ErrorCode::SchemaChanged)
    }

    /// A stable, machine-readable code. Never change an existing one: the UI and scripts match on it.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::Validation { .. } => "validation",
            CoreError::NotFound { .. } => "not_found",
            CoreError::Conflict(_) => "conflict",
            CoreError::DatabaseTooNew { .. } => "db_too_new",
            CoreError::DatabaseCorrupt { .. } => "db_corrupt",
            CoreError::Busy => "db_busy",
            CoreError::BadFile(_) => "bad_file",
            CoreError::Secrets(_) => "secrets",
            CoreError::Mail(e) => e.code(),
            CoreError::Cancelled => "cancelled",
            CoreError::Io { .. } => "io",
            CoreError::Db(_) => "db",
            CoreError::Migration(_) => "migration",
            CoreError::Internal(_) => "internal",
        }
    }

    /// The form field a validation error belongs to, so the UI can show it there.
    pub fn field(&self) -> Option<&str> {
        match self {
            CoreError::Validation { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        CoreError::Validation { field: Some(field.into()), message: message.into() }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        CoreError::Io { context: context.into(), source }
    }
}

impl From<rusqlite::Error> for CoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => CoreError::Busy,
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                CoreError::DatabaseCorrupt { path: PathBuf::new(), detail: e.to_string() }
            }
            _ => CoreError::Db(e),
        }
    }
}

impl From<r2d2::Error> for CoreError {
    fn from(e: r2d2::Error) -> Self {
        CoreError::Internal(format!("database connection pool: {e}"))
    }
}

impl From<serde_json::Error> for CoreError {
    fn from(e: serde_json::Error) -> Self {
        CoreError::Internal(format!("json: {e}"))
    }
}
