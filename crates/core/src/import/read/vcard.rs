//! vCard 3 and 4 (.vcf): each card becomes one row under fixed, well-known headers, so the rest of the
//! import (mapping, dedup, preview) treats it like any spreadsheet.
use super::SheetRow;
use crate::import::cell::Cell;

pub const HEADERS: [&str; 12] = [
    "First Name",
    "Last Name",
    "Full Name",
    "E-mail Address",
    "E-mail 2 Address",
    "Phone",
    "Phone 2",
    "Company",
    "Job Title",
    "Website",
    "City",
    "Country",
];

/// Header row then one row per card.
pub fn rows(text: &str) -> Vec<SheetRow> {
    let mut out = vec![SheetRow { number: 1, cells: HEADERS.iter().map(|h| Cell::Text((*h).into())).collect() }];
    let mut card: Option<[Vec<String>; 12]> = None;
    for line in unfold(text) {
        let Some((name_params, value)) = line.split_once(':') else { continue };
        let mut parts = name_params.split(';');
        let name = parts.next().unwrap_or("").rsplit('.').next().unwrap_or("").to_ascii_uppercase();
        match name.as_str() {
            "BEGIN" if value.eq_ignore_ascii_case("VCARD") => card = Some(Default::default()),
            "END" => {
                if let Some(c) = card.take() {
                    let cells = c
                        .into_iter()
                        .map(|v| v.into_iter().next().map(|v| Cell::Text(v.into())).unwrap_or(Cell::Empty))
                        .collect();
                    out.push(SheetRow { number: out.len() + 1, cells });
                }
            }
            _ => {
                let Some(c) = card.as_mut() else { continue };
                let fields = split_escaped(value, ';');
                let field = |i: usize| fields.get(i).cloned().unwrap_or_default();
                match name.as_str() {
                    "N" => {
                        push(&mut c[1], field(0));
                        push(&mut c[0], field(1));
                    }
                    "FN" => push(&mut c[2], unescape(value)),
                    "EMAIL" => {
                        let v = unescape(value);
                        if c[3].is_empty() {
                            push(&mut c[3], v)
                        } else {
                            push(&mut c[4], v)
                        }
                    }
                    "TEL" => {
                        let v = unescape(value.trim_start_matches("tel:"));
                        if c[5].is_empty() {
                            push(&mut c[5], v)
                        } else {
                            push(&mut c[6], v)
                        }
                    }
                    "ORG" => push(&mut c[7], field(0)),
                    "TITLE" => push(&mut c[8], unescape(value)),
                    "URL" => push(&mut c[9], unescape(value)),
                    "ADR" => {
                        push(&mut c[10], field(3));
                        push(&mut c[11], field(6));
                    }
                    _ => {}
                }
            }
        }
    }
    out
}

fn push(slot: &mut Vec<String>, v: String) {
    let v = v.trim().to_string();
    if !v.is_empty() {
        slot.push(v);
    }
}

/// Long lines continue on lines that start with a space or tab (RFC 6350 §3.2).
fn unfold(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for raw in text.lines() {
        if let Some(rest) = raw.strip_prefix([' ', '\t']) {
            if let Some(last) = lines.last_mut() {
                last.push_str(rest);
                continue;
            }
        }
        lines.push(raw.to_string());
    }
    lines
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Splits on `sep` except where it is escaped, unescaping each part.
fn split_escaped(s: &str, sep: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    parts.last_mut().unwrap().push('\\');
                    parts.last_mut().unwrap().push(n);
                }
            }
            c if c == sep => parts.push(String::new()),
            c => parts.last_mut().unwrap().push(c),
        }
    }
    parts.iter().map(|p| unescape(p)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards_become_rows() {
        let vcf = "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Lovelace;Ada;;;\r\nFN:Ada Lovelace\r\nEMAIL;TYPE=work:ada@ex\r\n ample.com\r\n\
                   TEL;TYPE=cell:tel:+44 20 7946 0000\r\nORG:Analytical Engines\\, Ltd;R&D\r\nADR:;;1 St;London;;;UK\r\nEND:VCARD\r\n\
                   BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nitem1.EMAIL:grace@navy.mil\r\nEND:VCARD\r\n";
        let rows = rows(vcf);
        assert_eq!(rows.len(), 3);
        let text: Vec<String> = rows[1].cells.iter().map(Cell::text).collect();
        assert_eq!(text[0..4], ["Ada", "Lovelace", "Ada Lovelace", "ada@example.com"]);
        assert_eq!(text[5], "+44 20 7946 0000");
        assert_eq!(text[7], "Analytical Engines, Ltd");
        assert_eq!((text[10].as_str(), text[11].as_str()), ("London", "UK"));
        assert_eq!(rows[2].cells[3].text(), "grace@navy.mil");
    }
}
