use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use specta::Type;

use super::contact::text_enum;

/// What a file's rows become.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type, Default)]
#[serde(rename_all = "snake_case")]
pub enum ImportEntity {
    #[default]
    Contacts,
    Companies,
    Deals,
}
text_enum!(ImportEntity { Contacts = "contacts", Companies = "companies", Deals = "deals" });

/// What to do with a row that matches a record already in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type, Default)]
#[serde(rename_all = "snake_case")]
pub enum DuplicatePolicy {
    /// Leave the existing record alone.
    #[default]
    Skip,
    /// Overwrite its fields with the row's non-empty values.
    Update,
    /// Only fill its empty fields.
    Fill,
}
text_enum!(DuplicatePolicy { Skip = "skip", Update = "update", Fill = "fill" });

/// Column → target. Keys are a header as written in the file, or "#N" for the N-th column (1-based) when
/// headers repeat; columns not named get the suggested target. Targets: see `import_targets`.
pub type ImportMapping = BTreeMap<String, String>;

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
pub struct ImportRequest {
    pub path: String,
    /// The sheet to read; the first visible one when absent.
    pub sheet: Option<String>,
    pub entity: ImportEntity,
    #[serde(default)]
    pub mapping: ImportMapping,
    pub policy: DuplicatePolicy,
    /// The header's row number (1-based) when the user overrides the detected one.
    pub header_row: Option<u32>,
    /// ISO country (e.g. "US") for phone numbers written without a country code; they are stored in
    /// E.164. The `import.default_country` setting when absent; phones are kept as written when neither is set.
    #[serde(default)]
    #[specta(optional)]
    pub default_country: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum RowAction {
    Create,
    Update,
    Merge,
    Skip,
    Reject,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ImportColumn {
    /// 1-based, as "#N" mapping keys use.
    pub index: u32,
    pub header: String,
    pub target: String,
    /// A few values from the first rows, as written.
    pub samples: Vec<String>,
}

/// One row of the preview: what will be stored, or why not.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct PreviewRow {
    pub row: u32,
    pub action: RowAction,
    /// (target, value as it will be stored) for each mapped, non-empty cell.
    pub values: Vec<(String, String)>,
    pub problem: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, Type, PartialEq, Eq)]
pub struct ImportCounts {
    pub rows_in: u32,
    pub created: u32,
    pub updated: u32,
    pub merged: u32,
    pub skipped: u32,
    pub rejected: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
pub struct ImportProblem {
    pub row: u32,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ImportPreview {
    pub file_name: String,
    pub sheets: Vec<crate::import::read::SheetInfo>,
    pub sheet: String,
    pub header_row: u32,
    pub columns: Vec<ImportColumn>,
    /// The first rows as they will be stored.
    pub rows: Vec<PreviewRow>,
    /// The whole file's outcome if imported now.
    pub counts: ImportCounts,
    /// The first problems (rejected rows), with reasons naming the column.
    pub problems: Vec<ImportProblem>,
    /// Stage names in the file that match no stage of the pipeline.
    pub unknown_stages: Vec<String>,
    /// Targets this kind of import can use, for the mapping picker (custom fields as "custom:key").
    pub targets: Vec<String>,
    /// True when the mapping came from a preset saved for the same headers.
    pub preset_used: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ImportSummary {
    pub import_id: i64,
    pub file_name: String,
    #[serde(flatten)]
    pub counts: ImportCounts,
    /// Rejected rows with the reason, row numbers as in the file.
    pub errors: Vec<ImportProblem>,
    pub duration_ms: i64,
    pub dry_run: bool,
}

/// One import in the history.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ImportJobInfo {
    pub id: i64,
    pub file_name: String,
    pub file_hash: String,
    pub sheet: Option<String>,
    pub entity: ImportEntity,
    pub policy: DuplicatePolicy,
    pub status: String,
    #[serde(flatten)]
    pub counts: ImportCounts,
    pub error: Option<String>,
    pub started_at: String,
    pub duration_ms: Option<i64>,
    pub undone_at: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ImportUndone {
    pub import_id: i64,
    /// Records the import created, now removed.
    pub removed: u32,
    /// Records it updated, now back to their earlier values.
    pub restored: u32,
    /// Of those, records someone edited after the import (their later edits are replaced too).
    pub edited_since: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type, Default)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    #[default]
    Csv,
    Xlsx,
}
text_enum!(ExportFormat { Csv = "csv", Xlsx = "xlsx" });

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ExportSummary {
    pub path: String,
    pub rows: u32,
    pub format: ExportFormat,
}
