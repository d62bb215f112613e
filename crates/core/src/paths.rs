//! Where Outpost keeps its data by default. Shared by the app and the CLI so both open the same file.
use std::path::PathBuf;

/// The app identifier from tauri.conf.json; Tauri's app-data dir is `data_dir()/IDENTIFIER`.
pub const APP_IDENTIFIER: &str = "app.outpost.crm";
pub const DB_FILE_NAME: &str = "outpost.db";

/// The OS app-data dir (e.g. `~/.local/share/app.outpost.crm` on Linux).
pub fn default_data_dir() -> PathBuf {
    dirs::data_dir().unwrap_or_else(std::env::temp_dir).join(APP_IDENTIFIER)
}

/// `OUTPOST_DB` when set, else the default database in the app-data dir.
pub fn default_db_path() -> PathBuf {
    match std::env::var_os("OUTPOST_DB") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => default_data_dir().join(DB_FILE_NAME),
    }
}
