//! Turning cell text into typed values the way a person reading the sheet would, or saying why not.
//! Ambiguous styles (day/month order, decimal comma) are decided per column from all its samples.
use chrono::{NaiveDate, NaiveDateTime};

use super::cell::Cell;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateOrder {
    #[default]
    DayFirst,
    MonthFirst,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DecimalMark {
    #[default]
    Point,
    Comma,
}

/// How a column writes its dates and numbers, judged from its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ColumnStyle {
    pub date_order: DateOrder,
    pub decimal: DecimalMark,
}

impl ColumnStyle {
    pub fn infer<'a>(values: impl Iterator<Item = &'a str>, default_order: DateOrder) -> ColumnStyle {
        let (mut day_first, mut month_first, mut comma, mut point) = (0, 0, 0, 0);
        for v in values {
            if let Some((a, b)) = numeric_date_parts(v) {
                if a > 12 && b <= 12 {
                    day_first += 1;
                } else if b > 12 && a <= 12 {
                    month_first += 1;
                }
            }
            match decimal_hint(v) {
                Some(DecimalMark::Comma) => comma += 1,
                Some(DecimalMark::Point) => point += 1,
                None => {}
            }
        }
        ColumnStyle {
            date_order: if day_first > month_first {
                DateOrder::DayFirst
            } else if month_first > day_first {
                DateOrder::MonthFirst
            } else {
                default_order
            },
            decimal: if comma > point { DecimalMark::Comma } else { DecimalMark::Point },
        }
    }
}

/// The first two numbers of "d/m/y"-like text.
fn numeric_date_parts(v: &str) -> Option<(u32, u32)> {
    let mut it = v.trim().split(['/', '.', '-']);
    let a = it.next()?.trim().parse().ok()?;
    let b = it.next()?.trim().parse().ok()?;
    let y = it.next()?.trim();
    (y.len() == 2 || y.len() == 4 || y.split(' ').next().is_some_and(|y| y.len() == 4)).then_some((a, b))
}

/// Which mark is decimal in this one value, when the value alone tells.
fn decimal_hint(v: &str) -> Option<DecimalMark> {
    let s: String = v.chars().filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',').collect();
    let (dot, comma) = (s.rfind('.'), s.rfind(','));
    match (dot, comma) {
        (Some(d), Some(c)) => Some(if c > d { DecimalMark::Comma } else { DecimalMark::Point }),
        (None, Some(c)) => {
            let after = s.len() - c - 1;
            (after != 3 || s.matches(',').count() == 1 && s[..c].is_empty()).then_some(DecimalMark::Comma)
        }
        (Some(d), None) => {
            let after = s.len() - d - 1;
            (after != 3 || s.matches('.').count() > 1).then(|| {
                if s.matches('.').count() > 1 {
                    DecimalMark::Comma
                } else {
                    DecimalMark::Point
                }
            })
        }
        (None, None) => None,
    }
}

/// A number written with currency signs, spaces, thousands separators, a decimal comma or a trailing
/// percent sign (kept as the number before the sign: "45%" is 45). Accounting negatives "(1,200)" work.
pub fn number(cell: &Cell, style: ColumnStyle) -> Option<f64> {
    match cell {
        Cell::Number(n) => return Some(*n),
        Cell::Bool(_) | Cell::Date(_) | Cell::Empty => return None,
        Cell::Text(_) => {}
    }
    let raw = cell.text();
    let mut s = raw.trim();
    let negative_parens = s.starts_with('(') && s.ends_with(')');
    if negative_parens {
        s = &s[1..s.len() - 1];
    }
    let s = s.trim_end_matches('%').trim();
    // Currency signs and codes on either side.
    let s = s.trim_matches(|c: char| "$€£¥₹₽₩₺₪¢".contains(c) || c.is_whitespace());
    let s = strip_code(s);
    let mut cleaned = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '0'..='9' | '-' | '+' => cleaned.push(c),
            '.' | ',' => cleaned.push(c),
            ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’' => {}
            _ => return None,
        }
    }
    let (decimal, thousands) = match style.decimal {
        DecimalMark::Point => ('.', ','),
        DecimalMark::Comma => (',', '.'),
    };
    // A value that contradicts its column ("1.234,56" in a point column) still reads by its own marks.
    let (decimal, thousands) = match decimal_hint(&cleaned) {
        Some(DecimalMark::Comma) if cleaned.contains(',') && cleaned.contains('.') => (',', '.'),
        Some(DecimalMark::Point) if cleaned.contains(',') && cleaned.contains('.') => ('.', ','),
        _ => (decimal, thousands),
    };
    let normalized: String =
        cleaned.chars().filter(|&c| c != thousands).map(|c| if c == decimal { '.' } else { c }).collect();
    let n: f64 = normalized.parse().ok()?;
    n.is_finite().then_some(if negative_parens { -n } else { n })
}

fn strip_code(s: &str) -> &str {
    for code in ["USD", "EUR", "GBP", "CHF", "CAD", "AUD", "JPY", "SEK", "NOK", "DKK", "PLN", "INR", "BRL"] {
        if let Some(rest) = s.strip_prefix(code).or_else(|| s.strip_suffix(code)) {
            return rest.trim();
        }
    }
    s
}

/// A currency code written next to a money value, if any.
pub fn currency_of(text: &str) -> Option<&'static str> {
    let t = text.trim();
    for (sign, code) in [("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₹", "INR"), ("$", "USD")] {
        if t.contains(sign) {
            return Some(code);
        }
    }
    ["USD", "EUR", "GBP", "CHF", "CAD", "AUD", "JPY", "SEK", "NOK", "DKK", "PLN", "INR", "BRL"]
        .into_iter()
        .find(|c| t.to_ascii_uppercase().contains(c))
}

/// A date from a date cell, an Excel serial number, ISO text, "d/m/y" or "m/d/y" text (per the column),
/// or a written month ("21 Nov 2026", "Nov 21, 2026").
pub fn date(cell: &Cell, style: ColumnStyle) -> Option<NaiveDate> {
    match cell {
        Cell::Date(d) => return Some(d.date()),
        Cell::Number(n) => return serial(*n),
        Cell::Text(_) => {}
        _ => return None,
    }
    let text = cell.text();
    let s = text.trim();
    for f in ["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S%.fZ", "%Y/%m/%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return Some(d);
        }
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, f) {
            return Some(dt.date());
        }
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(dt.date_naive());
    }
    let date_part = s.split([' ', 'T']).next().unwrap_or(s);
    let orders: &[&str] = match style.date_order {
        DateOrder::DayFirst => &["%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%y", "%d.%m.%y"],
        DateOrder::MonthFirst => &["%m/%d/%Y", "%m-%d-%Y", "%m/%d/%y", "%m.%d.%Y"],
    };
    for f in orders {
        if let Ok(d) = NaiveDate::parse_from_str(date_part, f) {
            return Some(d);
        }
    }
    for f in ["%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%d-%b-%Y", "%d-%b-%y", "%a, %d %b %Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return Some(d);
        }
    }
    // Numbers stored as text: a serial the user formatted as text by accident.
    s.parse::<f64>().ok().filter(|n| (20_000.0..80_000.0).contains(n)).and_then(serial)
}

/// Excel's 1900 serial (with its fictional 29 Feb 1900) to a date.
pub fn serial(n: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&n) {
        return None;
    }
    let days = n.floor() as i64;
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let days = if days < 61 { days + 1 } else { days };
    base.checked_add_signed(chrono::Duration::days(days))
}

pub fn boolean(cell: &Cell) -> Option<bool> {
    match cell {
        Cell::Bool(b) => Some(*b),
        Cell::Number(n) if *n == 0.0 || *n == 1.0 => Some(*n == 1.0),
        _ => match cell.text().to_lowercase().as_str() {
            "true" | "yes" | "y" | "x" | "1" | "ja" | "oui" | "si" | "sí" | "sim" | "wahr" | "vrai" => Some(true),
            "false" | "no" | "n" | "0" | "nein" | "non" | "nao" | "não" | "falsch" | "faux" => Some(false),
            _ => None,
        },
    }
}

/// Several values in one cell: " ::: " (Google Contacts), newlines, semicolons; each trimmed, empty ones dropped.
pub fn split_multi(text: &str) -> MultiValues<'_> {
    // Most cells hold one value: a scan for the three separator bytes (memchr) spares them a split, a
    // substring search and a list of their own.
    if memchr::memchr3(b':', b'\n', b';', text.as_bytes()).is_none() {
        return MultiValues::One(kept(text));
    }
    if text.contains(":::") {
        MultiValues::Many(text.split(":::").filter_map(kept).collect::<Vec<_>>().into_iter())
    } else {
        MultiValues::Many(text.split(['\n', ';']).filter_map(kept).collect::<Vec<_>>().into_iter())
    }
}

fn kept(part: &str) -> Option<&str> {
    Some(part.trim()).filter(|p| !p.is_empty())
}

/// The values `split_multi` found.
pub enum MultiValues<'a> {
    One(Option<&'a str>),
    Many(std::vec::IntoIter<&'a str>),
}

impl<'a> Iterator for MultiValues<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match self {
            MultiValues::One(value) => value.take(),
            MultiValues::Many(values) => values.next(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }
    const POINT: ColumnStyle = ColumnStyle { date_order: DateOrder::DayFirst, decimal: DecimalMark::Point };
    const COMMA: ColumnStyle = ColumnStyle { date_order: DateOrder::DayFirst, decimal: DecimalMark::Comma };

    #[test]
    fn numbers_in_local_styles() {
        assert_eq!(number(&t("1,234.56"), POINT), Some(1234.56));
        assert_eq!(number(&t("1.234,56"), COMMA), Some(1234.56));
        assert_eq!(number(&t("1.234,56"), POINT), Some(1234.56), "a value's own marks win");
        assert_eq!(number(&t("12,5"), COMMA), Some(12.5));
        assert_eq!(number(&t("€ 1.200"), COMMA), Some(1200.0));
        assert_eq!(number(&t("$12,000"), POINT), Some(12000.0));
        assert_eq!(number(&t("45%"), POINT), Some(45.0));
        assert_eq!(number(&t("(1,200)"), POINT), Some(-1200.0));
        assert_eq!(number(&t("1 234 567"), POINT), Some(1234567.0));
        assert_eq!(number(&t("EUR 99"), POINT), Some(99.0));
        assert_eq!(number(&t("twelve"), POINT), None);
        assert_eq!(number(&t("12 apples"), POINT), None);
    }

    #[test]
    fn styles_inferred_from_columns() {
        let s = ColumnStyle::infer(["1.234,56", "12,5", "3"].into_iter(), DateOrder::DayFirst);
        assert_eq!(s.decimal, DecimalMark::Comma);
        let s = ColumnStyle::infer(["03/04/2026", "12/25/2026"].into_iter(), DateOrder::DayFirst);
        assert_eq!(s.date_order, DateOrder::MonthFirst);
        let s = ColumnStyle::infer(["03/04/2026", "25/12/2026"].into_iter(), DateOrder::MonthFirst);
        assert_eq!(s.date_order, DateOrder::DayFirst);
    }

    #[test]
    fn dates() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        assert_eq!(date(&t("2026-03-04"), POINT), d(2026, 3, 4));
        assert_eq!(date(&t("04/03/2026"), POINT), d(2026, 3, 4));
        let us = ColumnStyle { date_order: DateOrder::MonthFirst, ..POINT };
        assert_eq!(date(&t("04/03/2026"), us), d(2026, 4, 3));
        assert_eq!(date(&t("21 Nov 2026"), POINT), d(2026, 11, 21));
        assert_eq!(date(&t("Nov 21, 2026"), POINT), d(2026, 11, 21));
        assert_eq!(date(&Cell::Number(46000.0), POINT), d(2025, 12, 9));
        assert_eq!(date(&Cell::Number(59.0), POINT), d(1900, 2, 28));
        assert_eq!(date(&Cell::Number(1.0), POINT), d(1900, 1, 1));
        assert_eq!(date(&t("46000"), POINT), d(2025, 12, 9));
        assert_eq!(date(&t("soon"), POINT), None);
        assert_eq!(date(&t("31/02/2026"), POINT), None);
    }

    #[test]
    fn booleans_and_multi_values() {
        assert_eq!(boolean(&t("Ja")), Some(true));
        assert_eq!(boolean(&t("no")), Some(false));
        assert_eq!(boolean(&t("maybe")), None);
        let split = |s| split_multi(s).collect::<Vec<_>>();
        assert_eq!(split("a@x.com ::: b@x.com"), ["a@x.com", "b@x.com"]);
        assert_eq!(split("VIP; Partner\nNewsletter"), ["VIP", "Partner", "Newsletter"]);
        assert_eq!(split("  one value "), ["one value"]);
        assert_eq!(split("   "), Vec::<&str>::new());
        assert_eq!(split("10:30 ; ;"), ["10:30"]);
    }
}
