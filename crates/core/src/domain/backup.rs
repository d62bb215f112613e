use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct BackupInfo {
    pub path: String,
    pub file_name: String,
    /// daily, manual or before_restore (the copy a restore saved first)
    pub kind: String,
    pub created_at: String,
    pub bytes: u64,
}
