//! One writer per format behind the same two calls: a header, then rows.
use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet};

use super::neutralize;
use crate::domain::ExportFormat;
use crate::error::{CoreError, Result};

#[derive(Debug, Clone, PartialEq)]
pub enum ExportValue {
    Empty,
    Text(String),
    Number(f64),
}

impl From<Option<String>> for ExportValue {
    fn from(v: Option<String>) -> Self {
        v.map(ExportValue::Text).unwrap_or(ExportValue::Empty)
    }
}

/// XLSX sheets stop at 1,048,576 rows.
const XLSX_MAX_ROWS: u32 = 1_048_575;

pub enum TableWriter {
    Csv(Box<csv::Writer<std::fs::File>>),
    Xlsx { book: Box<Workbook>, row: u32, path: std::path::PathBuf },
}

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> CoreError {
    CoreError::Internal(format!("writing the workbook: {e}"))
}

fn csv_err(e: csv::Error) -> CoreError {
    CoreError::Internal(format!("writing CSV: {e}"))
}

impl TableWriter {
    pub fn create(path: &Path, format: ExportFormat) -> Result<TableWriter> {
        Ok(match format {
            ExportFormat::Csv => TableWriter::Csv(Box::new(
                csv::Writer::from_path(path)
                    .map_err(|e| CoreError::BadFile(format!("cannot write {}: {e}", path.display())))?,
            )),
            ExportFormat::Xlsx => {
                let mut book = Workbook::new();
                // Streams rows to disk instead of holding the sheet in memory.
                book.add_worksheet_with_constant_memory().map_err(xlsx_err)?.set_name("Export").map_err(xlsx_err)?;
                TableWriter::Xlsx { book: Box::new(book), row: 0, path: path.to_path_buf() }
            }
        })
    }

    fn sheet(book: &mut Workbook) -> Result<&mut Worksheet> {
        book.worksheet_from_index(0).map_err(xlsx_err)
    }

    pub fn header(&mut self, names: &[String]) -> Result<()> {
        match self {
            TableWriter::Csv(w) => w.write_record(names).map_err(csv_err),
            TableWriter::Xlsx { book, row, .. } => {
                let bold = Format::new().set_bold();
                let sheet = Self::sheet(book)?;
                for (c, name) in names.iter().enumerate() {
                    sheet.write_string_with_format(0, c as u16, name, &bold).map_err(xlsx_err)?;
                }
                *row = 1;
                Ok(())
            }
        }
    }

    pub fn row(&mut self, values: &[ExportValue]) -> Result<()> {
        match self {
            TableWriter::Csv(w) => {
                let cells: Vec<String> = values
                    .iter()
                    .map(|v| match v {
                        ExportValue::Empty => String::new(),
                        ExportValue::Text(s) => neutralize(s).into_owned(),
                        ExportValue::Number(n) => n.to_string(),
                    })
                    .collect();
                w.write_record(&cells).map_err(csv_err)
            }
            TableWriter::Xlsx { book, row, .. } => {
                if *row > XLSX_MAX_ROWS {
                    return Err(CoreError::validation(
                        "format",
                        "More than 1,048,576 rows don't fit in an Excel sheet; export as CSV instead.",
                    ));
                }
                let sheet = Self::sheet(book)?;
                for (c, v) in values.iter().enumerate() {
                    match v {
                        ExportValue::Empty => {}
                        // A typed string cell: "=1+1" stays text, never a formula.
                        ExportValue::Text(s) => {
                            sheet.write_string(*row, c as u16, s).map_err(xlsx_err)?;
                        }
                        ExportValue::Number(n) => {
                            sheet.write_number(*row, c as u16, *n).map_err(xlsx_err)?;
                        }
                    }
                }
                *row += 1;
                Ok(())
            }
        }
    }

    pub fn finish(self) -> Result<()> {
        match self {
            TableWriter::Csv(mut w) => w.flush().map_err(|e| CoreError::io("writing CSV", e)),
            TableWriter::Xlsx { mut book, path, .. } => book.save(&path).map_err(xlsx_err),
        }
    }
}
