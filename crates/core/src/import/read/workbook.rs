//! Excel and OpenDocument workbooks through calamine. Rows are produced on a reader thread and handed
//! over a bounded channel, so parsing overlaps with writing and memory stays flat. Only cached cell
//! values are read: formulas are never evaluated.
use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use std::sync::mpsc;

use calamine::{open_workbook_auto, Data, DataRef, Dimensions, Reader, SheetVisible, Sheets, Xlsx};

use super::{SheetInfo, SheetRow};
use crate::error::{CoreError, Result};
use crate::import::cell::{Cell, Row};
use crate::import::read::limits::MAX_CELLS;

type Book = Sheets<BufReader<File>>;

fn open(path: &Path) -> Result<Book> {
    open_workbook_auto(path).map_err(|e| CoreError::BadFile(format!("the workbook could not be opened ({e})")))
}

pub fn sheets(path: &Path) -> Result<Vec<SheetInfo>> {
    Ok(sheets_of(&open(path)?))
}

fn sheets_of(book: &Book) -> Vec<SheetInfo> {
    book.sheets_metadata()
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| SheetInfo { name: s.name.clone(), hidden: s.visible != SheetVisible::Visible })
        .collect()
}

/// The workbook's sheets, the one picked (`wanted`, or the first visible), and its rows as a stream, from one
/// opening of the file: opening an xlsx reads all its shared strings, a second or so for a million rows.
pub fn open_sheet(
    path: &Path,
    wanted: Option<&str>,
) -> Result<(Vec<SheetInfo>, String, impl Iterator<Item = Result<SheetRow>>)> {
    // Opened here so a broken file fails the call itself, not the first row.
    let book = open(path)?;
    let sheets = sheets_of(&book);
    let sheet = super::pick_sheet(&sheets, wanted)?;
    let rows = rows(book, path, &sheet)?;
    Ok((sheets, sheet, rows))
}

/// Streams `sheet`'s rows. Vertically merged cells repeat their value down the merged rows.
fn rows(book: Book, path: &Path, sheet: &str) -> Result<impl Iterator<Item = Result<SheetRow>>> {
    if !book.sheet_names().iter().any(|n| n == sheet) {
        return Err(CoreError::BadFile(format!("the workbook has no sheet named “{sheet}”")));
    }
    let (tx, rx) = mpsc::sync_channel::<Result<Vec<SheetRow>>>(8);
    let (sheet, path) = (sheet.to_string(), path.to_path_buf());
    std::thread::Builder::new()
        .name("import-reader".into())
        .spawn(move || {
            crate::threads::lower_priority();
            let mut book = book;
            let mut out = Batches { tx, buf: Vec::with_capacity(BATCH) };
            let result = match &mut book {
                Sheets::Xlsx(xlsx) => stream_xlsx(xlsx, &path, &sheet, &mut out),
                other => stream_range(other, &sheet, &mut out),
            };
            match result {
                Ok(()) => out.flush(),
                Err(e) => {
                    out.flush();
                    let _ = out.tx.send(Err(e));
                }
            }
            // The end of the rows first, then the workbook: freeing its shared strings (a million-row sheet's
            // are millions of them) took 2.5 s the import sat waiting for the end.
            drop(out);
            drop(book);
        })
        .map_err(|e| CoreError::io("starting the import reader", e))?;
    Ok(rx.into_iter().flat_map(|batch| match batch {
        Ok(rows) => rows.into_iter().map(Ok).collect::<Vec<_>>(),
        Err(e) => vec![Err(e)],
    }))
}

fn bad(e: impl std::fmt::Display) -> CoreError {
    CoreError::BadFile(format!("the sheet could not be read ({e})"))
}

/// Cells read and held while the merged regions are looked for: about as many as the reader gets through
/// meanwhile in a million-row sheet of ten columns (some 30 MB, however wide the sheet); past them it waits
/// for the regions.
const HELD_FOR_MERGES: u64 = 655_360;

/// The lazy xlsx path: cells arrive in row order straight from the XML. The merged regions are listed after
/// the last row, so finding them inflates the whole sheet once more before the first row can go (a third of a
/// second of a million rows, with the rest of the import waiting on it): they are looked for on a thread of
/// their own while the first rows are read and held.
fn stream_xlsx(xlsx: &mut Xlsx<BufReader<File>>, path: &Path, sheet: &str, out: &mut Batches) -> Result<()> {
    stream_xlsx_finding(xlsx, sheet, || super::xlsx_merges::find(path, sheet), out)
}

/// `stream_xlsx` with the fast way to the merged regions given (`None`: it could not tell).
fn stream_xlsx_finding(
    xlsx: &mut Xlsx<BufReader<File>>,
    sheet: &str,
    find: impl FnOnce() -> Option<Vec<Dimensions>> + Send,
    out: &mut Batches,
) -> Result<()> {
    let streamed = std::thread::scope(|s| -> Result<bool> {
        let finder = s.spawn(|| {
            crate::threads::lower_priority();
            find()
        });
        let mut rows = SheetRows::new(xlsx, sheet)?;
        let mut held = Vec::new();
        while !finder.is_finished() && rows.read < HELD_FOR_MERGES {
            match rows.next_row()? {
                Some(row) => held.push(row),
                None => break,
            }
        }
        let Some(regions) = finder.join().ok().flatten() else { return Ok(false) };
        let mut fill = MergeFill::new(regions);
        for (row, values) in held {
            if !out.push(fill.apply(row, values)) {
                return Ok(true);
            }
        }
        send_rest(&mut rows, &mut fill, out)?;
        Ok(true)
    })?;
    if streamed {
        return Ok(());
    }
    // A layout the finder does not know: calamine finds the regions, and the rows are read again from the top
    // (none went out yet).
    let mut fill = MergeFill::new(xlsx.merge_cells_by_sheet_name(sheet).unwrap_or_default());
    send_rest(&mut SheetRows::new(xlsx, sheet)?, &mut fill, out)
}

/// Sends the sheet's remaining rows, filled, until the importer stops listening.
fn send_rest(rows: &mut SheetRows, fill: &mut MergeFill, out: &mut Batches) -> Result<()> {
    while let Some((row, values)) = rows.next_row()? {
        if !out.push(fill.apply(row, values)) {
            break;
        }
    }
    Ok(())
}

/// An xlsx sheet's cells gathered into rows (0-based row number and its cells), up to `MAX_CELLS`.
struct SheetRows<'a> {
    cells: calamine::XlsxCellReader<'a, BufReader<File>>,
    current: Option<(u32, Row)>,
    /// Cells read so far.
    read: u64,
    /// The sheet's data ended: calamine's reader must not be asked again, it would read on past the end.
    ended: bool,
}

impl<'a> SheetRows<'a> {
    fn new(xlsx: &'a mut Xlsx<BufReader<File>>, sheet: &str) -> Result<Self> {
        Ok(SheetRows { cells: xlsx.worksheet_cells_reader(sheet).map_err(bad)?, current: None, read: 0, ended: false })
    }

    fn next_row(&mut self) -> Result<Option<(u32, Row)>> {
        while !self.ended {
            let Some(cell) = self.cells.next_cell().map_err(bad)? else {
                self.ended = true;
                break;
            };
            self.read += 1;
            if self.read > MAX_CELLS {
                return Err(too_many());
            }
            let (r, c) = cell.get_position();
            let done = if self.current.as_ref().is_some_and(|(row, _)| *row != r) { self.current.take() } else { None };
            let (_, values) = self.current.get_or_insert_with(|| (r, Vec::new()));
            let c = c as usize;
            if values.len() <= c {
                values.resize(c + 1, Cell::Empty);
            }
            values[c] = from_ref(cell.get_value());
            if done.is_some() {
                return Ok(done);
            }
        }
        Ok(self.current.take())
    }
}

/// xls, xlsb and ods: calamine reads the sheet whole, then rows are handed over one by one.
fn stream_range(book: &mut Book, sheet: &str, out: &mut Batches) -> Result<()> {
    let merged = match book {
        Sheets::Xls(xls) => xls.merge_cells_by_sheet_name(sheet).unwrap_or_default(),
        _ => Vec::new(),
    };
    let mut fill = MergeFill::new(merged);
    let range = book.worksheet_range(sheet).map_err(bad)?;
    if (range.width() as u64).saturating_mul(range.height() as u64) > MAX_CELLS {
        return Err(too_many());
    }
    let first_row = range.start().map(|(r, _)| r).unwrap_or(0);
    let first_col = range.start().map(|(_, c)| c as usize).unwrap_or(0);
    for (i, row) in range.rows().enumerate() {
        let mut values = vec![Cell::Empty; first_col];
        values.extend(row.iter().map(from_data));
        if !out.push(fill.apply(first_row + i as u32, values)) {
            return Ok(());
        }
    }
    Ok(())
}

fn too_many() -> CoreError {
    CoreError::BadFile(format!(
        "the sheet has more than {MAX_CELLS} cells; nothing was imported. Split it into smaller files"
    ))
}

/// Rows travel in batches: a channel hand-off per row cost more than parsing it.
const BATCH: usize = 512;

struct Batches {
    tx: mpsc::SyncSender<Result<Vec<SheetRow>>>,
    buf: Vec<SheetRow>,
}

impl Batches {
    /// False once the importer stopped listening (cancelled or failed).
    fn push(&mut self, row: SheetRow) -> bool {
        self.buf.push(row);
        if self.buf.len() < BATCH {
            return true;
        }
        let batch = std::mem::replace(&mut self.buf, Vec::with_capacity(BATCH));
        self.tx.send(Ok(batch)).is_ok()
    }

    fn flush(&mut self) {
        if !self.buf.is_empty() {
            let _ = self.tx.send(Ok(std::mem::take(&mut self.buf)));
        }
    }
}

fn date(dt: &calamine::ExcelDateTime) -> Cell {
    if !dt.is_datetime() {
        return Cell::Number(dt.as_f64());
    }
    let (y, m, d, h, min, s, _) = dt.to_ymd_hms_milli();
    chrono::NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32)
        .and_then(|date| date.and_hms_opt(h as u32, min as u32, s as u32))
        .map(Cell::Date)
        .unwrap_or(Cell::Number(dt.as_f64()))
}

fn iso(s: &str) -> Cell {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map(|d| d.and_time(chrono::NaiveTime::MIN)))
        .map(Cell::Date)
        .unwrap_or_else(|_| Cell::Text(s.into()))
}

fn from_ref(v: &DataRef) -> Cell {
    match v {
        DataRef::Empty => Cell::Empty,
        DataRef::Int(n) => Cell::Number(*n as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::String(s) => Cell::Text(s.as_str().into()),
        DataRef::SharedString(s) => Cell::Text((*s).into()),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => date(dt),
        DataRef::DateTimeIso(s) => iso(s),
        DataRef::DurationIso(s) => Cell::Text(s.as_str().into()),
        DataRef::Error(e) => Cell::Text(e.to_string().into()),
    }
}

fn from_data(v: &Data) -> Cell {
    match v {
        Data::Empty => Cell::Empty,
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.as_str().into()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => date(dt),
        Data::DateTimeIso(s) => iso(s),
        Data::DurationIso(s) => Cell::Text(s.as_str().into()),
        Data::Error(e) => Cell::Text(e.to_string().into()),
    }
}

/// Copies a merged block's value down its first column: a company name merged over five contact rows
/// belongs to all five. Merges across columns (titles, group headers) are left alone.
struct MergeFill {
    regions: Vec<Dimensions>,
    values: Vec<Option<Cell>>,
}

impl MergeFill {
    fn new(mut regions: Vec<Dimensions>) -> Self {
        regions.retain(|d| d.end.0 > d.start.0);
        let values = vec![None; regions.len()];
        MergeFill { regions, values }
    }

    fn apply(&mut self, row: u32, mut cells: Row) -> SheetRow {
        for (i, region) in self.regions.iter().enumerate() {
            let col = region.start.1 as usize;
            if region.start.0 == row {
                self.values[i] = cells.get(col).cloned();
            } else if region.start.0 < row && row <= region.end.0 {
                if let Some(value) = &self.values[i] {
                    if cells.len() <= col {
                        cells.resize(col + 1, Cell::Empty);
                    }
                    if cells[col].is_empty() {
                        cells[col] = value.clone();
                    }
                }
            }
        }
        SheetRow { number: row as usize + 1, cells }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Finder<'a> = dyn Fn() -> Option<Vec<Dimensions>> + Sync + 'a;

    /// Vertically merged cells fill every row they span whether the regions are found before the rows are
    /// read, while they are read and held, or only by calamine after them.
    #[test]
    fn merged_cells_fill_their_rows_however_the_regions_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("merged.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet().set_name("People").unwrap();
        sheet.merge_range(0, 0, 0, 3, "Title", &rust_xlsxwriter::Format::new()).unwrap();
        sheet.merge_range(2, 1, 900, 1, "Initech", &rust_xlsxwriter::Format::new()).unwrap();
        for row in 1..1000u32 {
            sheet.write(row, 0, format!("person {row}")).unwrap();
        }
        book.save(&path).unwrap();
        let fast = || super::super::xlsx_merges::find(&path, "People");
        let slow = || {
            std::thread::sleep(std::time::Duration::from_millis(50));
            super::super::xlsx_merges::find(&path, "People")
        };
        let finders: [(&str, &Finder); 3] = [("fast", &fast), ("slow", &slow), ("unknown layout", &|| None)];
        for (name, find) in finders {
            let mut xlsx: Xlsx<_> = calamine::open_workbook(&path).unwrap();
            let (tx, rx) = mpsc::sync_channel(1000);
            let mut out = Batches { tx, buf: Vec::new() };
            let streamed = stream_xlsx_finding(&mut xlsx, "People", find, &mut out);
            assert!(streamed.is_ok(), "{name}: {streamed:?}");
            out.flush();
            drop(out);
            let rows: Vec<SheetRow> = rx.into_iter().flat_map(|b| b.unwrap()).collect();
            assert_eq!(rows.len(), 1000, "{name}");
            let company = |n: usize| rows[n].cells.get(1).map(Cell::text).unwrap_or_default();
            assert_eq!(
                (company(1), company(2), company(500), company(900)),
                ("".into(), "Initech".into(), "Initech".into(), "Initech".into()),
                "{name}"
            );
            assert_eq!(company(901), "", "{name}");
        }
    }
}
