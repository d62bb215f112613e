//! Finding the header row: exports often start with a title, a blank line, or notes ("Notes: when
//! exporting…" in LinkedIn's Connections file) before the real column names.
use super::cell::Cell;
use super::mapping::{normalize_header, suggest, IGNORE};
use super::read::SheetRow;
use crate::domain::ImportEntity;

/// How many leading rows are looked at.
pub const SCAN_ROWS: usize = 30;

/// The index (into `rows`) of the most header-like row: the one naming the most known fields, else the
/// first row that is as wide as the table below it and all text.
pub fn detect(entity: ImportEntity, rows: &[SheetRow]) -> Option<usize> {
    let scan = &rows[..rows.len().min(SCAN_ROWS)];
    let width = |r: &SheetRow| r.cells.iter().filter(|c| !c.is_empty()).count();
    let widest = scan.iter().map(width).max().unwrap_or(0);
    if widest == 0 {
        return None;
    }
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in scan.iter().enumerate() {
        if width(row) < 2.min(widest) {
            continue;
        }
        let headers: Vec<String> = row.cells.iter().map(Cell::text).collect();
        let known = suggest(entity, &headers, &[]).iter().filter(|t| *t != IGNORE).count();
        if known >= 2 && best.is_none_or(|(_, k)| known > k) {
            best = Some((i, known));
        }
    }
    if let Some((i, _)) = best {
        return Some(i);
    }
    // No known names: the first full-width row of distinct text labels.
    scan.iter().position(|row| {
        let texts: Vec<String> = row.cells.iter().filter(|c| !c.is_empty()).map(Cell::text).collect();
        let distinct: std::collections::HashSet<String> = texts.iter().map(|t| normalize_header(t)).collect();
        texts.len() * 10 >= widest * 8
            && distinct.len() == texts.len()
            && row.cells.iter().all(|c| matches!(c, Cell::Text(_) | Cell::Empty))
    })
}

/// Header names for each column; blank headers become "Column N".
pub fn names(row: &SheetRow, width: usize) -> Vec<String> {
    (0..width)
        .map(|i| {
            let t = row.cells.get(i).map(Cell::text).unwrap_or_default();
            if t.is_empty() {
                format!("Column {}", i + 1)
            } else {
                t
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(n: usize, cells: &[&str]) -> SheetRow {
        SheetRow {
            number: n,
            cells: cells.iter().map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text((*c).into()) }).collect(),
        }
    }

    #[test]
    fn skips_titles_blank_rows_and_preambles() {
        let rows = vec![
            row(1, &["Notes:"]),
            row(
                2,
                &["When exporting your connection data, you may notice that some of the email addresses are missing."],
            ),
            row(3, &[""]),
            row(4, &["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]),
            row(5, &["Ada", "Lovelace", "https://www.linkedin.com/in/ada", "", "Engines", "CTO", "21 Nov 2026"]),
        ];
        assert_eq!(detect(ImportEntity::Contacts, &rows), Some(3));
    }

    #[test]
    fn falls_back_to_a_full_row_of_labels() {
        let rows =
            vec![row(1, &["Quarterly export", "", ""]), row(2, &["Alpha", "Beta", "Gamma"]), row(3, &["1", "2", "3"])];
        assert_eq!(detect(ImportEntity::Contacts, &rows), Some(1));
        assert_eq!(names(&rows[0], 4), vec!["Quarterly export", "Column 2", "Column 3", "Column 4"]);
    }
}
