//! An opened import file: its kind and sheets, the header, and the data rows after it as a stream.
use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::header;
use super::read::{self, FileKind, RowStream, SheetInfo, SheetRow};
use crate::domain::ImportEntity;
use crate::error::{CoreError, Result};

/// Rows read ahead for mapping suggestions and column styles.
pub const STYLE_ROWS: usize = 1000;

pub struct Source {
    pub file_name: String,
    pub sheets: Vec<SheetInfo>,
    pub sheet: String,
    pub header_row: u32,
    pub headers: Vec<String>,
    /// Data rows already read while looking for the header; `rest` continues after them.
    pub head: Vec<SheetRow>,
    pub rest: RowStream,
}

pub fn open(path: &Path, sheet: Option<&str>, entity: ImportEntity, header_row: Option<u32>) -> Result<Source> {
    let kind = read::detect(path)?;
    let (sheets, sheet, mut rows) = read::open(path, kind, sheet)?;
    let mut scanned: Vec<SheetRow> = Vec::new();
    for row in rows.by_ref() {
        let row = row?;
        if row.cells.iter().any(|c| !c.is_empty()) {
            scanned.push(row);
        }
        if scanned.len() >= header::SCAN_ROWS {
            break;
        }
    }
    let index = match header_row {
        Some(n) => scanned.iter().position(|r| r.number == n as usize).ok_or_else(|| {
            CoreError::validation("header_row", format!("Row {n} is empty or beyond the first rows of the sheet."))
        })?,
        None => header::detect(entity, &scanned).ok_or_else(|| {
            let what = if kind == FileKind::Workbook { format!("the sheet “{sheet}”") } else { "the file".into() };
            CoreError::BadFile(format!("{what} has no rows to import"))
        })?,
    };
    let mut head: Vec<SheetRow> = scanned.split_off(index + 1);
    // A longer look ahead decides each column's date order and decimal mark from more evidence.
    while head.len() < STYLE_ROWS {
        match rows.next() {
            Some(row) => head.push(row?),
            None => break,
        }
    }
    let header = scanned.pop().unwrap_or(SheetRow { number: 0, cells: vec![] });
    let width = std::iter::once(&header).chain(head.iter()).map(|r| r.cells.len()).max().unwrap_or(0);
    let headers = header::names(&header, width);
    Ok(Source {
        file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        sheets,
        sheet,
        header_row: header.number as u32,
        headers,
        head,
        rest: rows,
    })
}

impl Source {
    /// Every data row: those read while finding the header, then the rest of the sheet. Blank rows are
    /// skipped.
    pub fn data(self) -> impl Iterator<Item = Result<SheetRow>> {
        self.head
            .into_iter()
            .map(Ok)
            .chain(self.rest)
            .filter(|r| r.as_ref().map_or(true, |r| r.cells.iter().any(|c| !c.is_empty())))
    }
}

/// SHA-256 of the file, so history can tell the same file imported twice.
pub fn hash(path: &Path) -> Result<String> {
    let mut file = std::fs::File::open(path).map_err(|e| CoreError::io(format!("reading {}", path.display()), e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf).map_err(|e| CoreError::io(format!("reading {}", path.display()), e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}
