//! Opening whatever file the user picked: what it is (by its bytes, not its name), which sheets it has,
//! and its rows as a stream.
mod delimited;
pub mod limits;
mod vcard;
mod workbook;
mod xlsx_merges;

use std::fs::File;
use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};
use specta::Type;

use super::cell::Row;
use crate::error::{CoreError, Result};

pub use delimited::TextFormat;

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct SheetInfo {
    pub name: String,
    pub hidden: bool,
}

/// A row with its number as the spreadsheet app shows it (1-based).
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    pub number: usize,
    pub cells: Row,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FileKind {
    /// xlsx, xlsm, xlsb, xls, ods: anything calamine reads.
    Workbook,
    Text(TextFormat),
    VCard,
}

/// What the file is, judged by its content. Refuses empty files, non-spreadsheets and zip bombs.
pub fn detect(path: &Path) -> Result<FileKind> {
    let io = |e| CoreError::io(format!("reading {}", path.display()), e);
    let mut head = Vec::with_capacity(4096);
    File::open(path).map_err(io)?.take(4096).read_to_end(&mut head).map_err(io)?;
    if head.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(CoreError::BadFile("the file is empty; there is nothing to import".into()));
    }
    if head.starts_with(b"PK\x03\x04") {
        limits::check_zip(File::open(path).map_err(io)?)?;
        return Ok(FileKind::Workbook);
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Ok(FileKind::Workbook);
    }
    if head.starts_with(b"PK") || looks_binary(&head) {
        return Err(not_a_spreadsheet());
    }
    let format = delimited::sniff(path)?;
    let (text, _, _) = format.encoding.decode(&head);
    if text.trim_start_matches('\u{feff}').trim_start().to_ascii_uppercase().starts_with("BEGIN:VCARD") {
        return Ok(FileKind::VCard);
    }
    Ok(FileKind::Text(format))
}

fn not_a_spreadsheet() -> CoreError {
    CoreError::BadFile(
        "this is not a spreadsheet Outpost can read. Use .xlsx, .xls, .xlsb, .ods, .csv, .tsv, .txt or .vcf".into(),
    )
}

/// Known binary signatures, or NUL bytes in something that isn't UTF-16 text.
fn looks_binary(head: &[u8]) -> bool {
    const MAGIC: [&[u8]; 8] = [b"%PDF", b"\x89PNG", b"\xFF\xD8\xFF", b"GIF8", b"\x7FELF", b"MZ", b"\x1F\x8B", b"Rar!"];
    if MAGIC.iter().any(|m| head.starts_with(m)) {
        return true;
    }
    let utf16 = delimited::encoding_of(head).name().starts_with("UTF-16");
    !utf16 && head.contains(&0)
}

/// The sheets of a workbook; text and vCard files have one unnamed sheet.
pub fn sheets(path: &Path, kind: FileKind) -> Result<Vec<SheetInfo>> {
    match kind {
        FileKind::Workbook => workbook::sheets(path),
        _ => Ok(vec![SheetInfo { name: String::new(), hidden: false }]),
    }
}

/// The sheet to read: the one asked for, else the first visible one.
pub fn pick_sheet(sheets: &[SheetInfo], wanted: Option<&str>) -> Result<String> {
    match wanted {
        Some(name) => sheets.iter().find(|s| s.name == name).map(|s| s.name.clone()).ok_or_else(|| {
            let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
            CoreError::BadFile(format!("there is no sheet named “{name}”; the sheets are: {}", names.join(", ")))
        }),
        None => sheets
            .iter()
            .find(|s| !s.hidden)
            .map(|s| s.name.clone())
            .ok_or_else(|| CoreError::BadFile("the workbook has no visible sheet".into())),
    }
}

pub type RowStream = Box<dyn Iterator<Item = Result<SheetRow>> + Send>;

/// The file's sheets (one, unnamed, for a text file), the sheet picked (`wanted`, or the first visible) and
/// its rows, opening the file once.
pub fn open(path: &Path, kind: FileKind, wanted: Option<&str>) -> Result<(Vec<SheetInfo>, String, RowStream)> {
    if kind == FileKind::Workbook {
        let (sheets, sheet, rows) = workbook::open_sheet(path, wanted)?;
        return Ok((sheets, sheet, Box::new(rows)));
    }
    let sheets = sheets(path, kind)?;
    let sheet = pick_sheet(&sheets, wanted)?;
    let rows: RowStream = match kind {
        FileKind::Text(format) => Box::new(delimited::rows(path, format)?),
        _ => {
            let mut bytes = Vec::new();
            File::open(path)
                .and_then(|mut f| f.read_to_end(&mut bytes))
                .map_err(|e| CoreError::io(format!("reading {}", path.display()), e))?;
            let (text, _, _) = delimited::encoding_of(&bytes).decode(&bytes);
            Box::new(vcard::rows(&text).into_iter().map(Ok))
        }
    };
    Ok((sheets, sheet, rows))
}
