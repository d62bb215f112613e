//! Exports: any list (with its filter, sort and custom fields) to CSV or XLSX. What a cell holds is written
//! as data, never as something a spreadsheet app would run.
pub mod columns;
mod writer;

use std::borrow::Cow;

pub use columns::{columns_for, Column};
pub use writer::{ExportValue, TableWriter};

/// A cell a spreadsheet app would run as a formula (= + - @, or a leading tab/CR) gets a leading
/// apostrophe in CSV. Only the exported text changes; stored data never does. (XLSX cells are written as
/// typed strings, which Excel never evaluates, so they need no mark.)
pub fn neutralize(value: &str) -> Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

#[cfg(test)]
mod tests {
    use super::neutralize;

    #[test]
    fn formulas_are_neutralized() {
        assert_eq!(neutralize("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralize("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralize("\tx"), "'\tx");
        assert_eq!(neutralize("Ada"), "Ada");
    }
}
