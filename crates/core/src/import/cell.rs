//! One spreadsheet cell as read, before any interpretation.
use compact_str::CompactString;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    /// Inline up to 24 bytes: a million-row sheet's names, phones and places are read without allocating.
    Text(CompactString),
    Number(f64),
    Bool(bool),
    /// A cell the spreadsheet marked as a date: (year, month, day, hour, minute, second).
    Date(chrono::NaiveDateTime),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// `text`, or None for a blank cell: what a row's reading needs, with one trim, not two.
    pub fn shown(&self) -> Option<String> {
        match self {
            Cell::Empty => None,
            Cell::Text(s) => Some(s.trim()).filter(|t| !t.is_empty()).map(str::to_string),
            other => Some(other.text()),
        }
    }

    /// The cell as the user would read it in the sheet. Whole numbers lose the ".0"; long digit runs
    /// (phone numbers, ids) are printed without exponent.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e17 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Cell::Date(d) if d.time() == chrono::NaiveTime::MIN => d.format("%Y-%m-%d").to_string(),
            Cell::Date(d) => d.format("%Y-%m-%d %H:%M:%S").to_string(),
        }
    }
}

pub type Row = Vec<Cell>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_reads_like_the_sheet() {
        assert_eq!(Cell::Number(4155550100.0).text(), "4155550100");
        assert_eq!(Cell::Number(12.5).text(), "12.5");
        assert_eq!(Cell::Text("  x ".into()).text(), "x");
        assert!(Cell::Text("   ".into()).is_empty());
        assert_eq!(Cell::Text("   ".into()).shown(), None);
        assert_eq!(Cell::Text(" x  ".into()).shown().as_deref(), Some("x"));
        assert_eq!(Cell::Number(12.5).shown().as_deref(), Some("12.5"));
        assert_eq!(Cell::Empty.shown(), None);
        let d = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
        assert_eq!(Cell::Date(d).text(), "2026-03-01");
    }
}
