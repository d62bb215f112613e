//! Exports: lists to CSV and XLSX.
use std::borrow::Cow;

/// A cell a spreadsheet app would run as a formula (= + - @, or a leading tab/CR) gets a leading
/// apostrophe in CSV. Only the exported text changes; stored data never does.
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
        assert_eq!(neutralize("Ada"), "Ada");
    }
}
