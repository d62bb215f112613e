//! The merged regions of one xlsx sheet, found without parsing the sheet. They are listed after its last
//! row (`<mergeCells>` follows `<sheetData>`), and calamine finds them by reading the whole sheet as XML
//! events: a second full parse, before the first row could go (2.2 s of a million-row sheet, 0.2 s of
//! 100,000 rows). Here the sheet is only inflated and searched for the element's bytes (a tenth of that),
//! and quick-xml parses what follows it. Anything unexpected answers `None`, and the caller asks calamine.
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

type Archive = zip::ZipArchive<BufReader<File>>;

/// `sheet`'s merged regions, or None when the workbook isn't laid out as expected.
pub fn find(path: &Path, sheet: &str) -> Option<Vec<Dimensions>> {
    let mut zip = zip::ZipArchive::new(BufReader::new(File::open(path).ok()?)).ok()?;
    // Part names are matched ignoring case and slash direction, as Excel does.
    let names: HashMap<String, String> =
        zip.file_names().flatten().map(|n| (n.to_ascii_lowercase().replace('\\', "/"), n.into_owned())).collect();
    let package_rels = read(&mut zip, &names, "_rels/.rels")?;
    let office_document = |t: &str| t.ends_with("/officeDocument");
    let workbook = resolve("", &find_attr(&package_rels, "Relationship", "Type", office_document, "Target")?);
    let (dir, file) = workbook.rsplit_once('/').unwrap_or(("", workbook.as_str()));
    let rels = read(&mut zip, &names, &format!("{dir}/_rels/{file}.rels"))?;
    // The sheet's relationship id (`r:id` in workbook.xml), then that relationship's target.
    let id = find_attr(&read(&mut zip, &names, &workbook)?, "sheet", "name", |n| n == sheet, "id")?;
    let target = find_attr(&rels, "Relationship", "Id", |i| i == id, "Target")?;
    let part = resolve(dir, &target);
    let entry = zip.by_name(names.get(&part.to_ascii_lowercase())?).ok()?;
    regions(&tail_from_merge_cells(entry)?)
}

fn read(zip: &mut Archive, names: &HashMap<String, String>, part: &str) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    zip.by_name(names.get(&part.to_ascii_lowercase())?).ok()?.read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// A relationship's target as a part name: absolute ("/xl/worksheets/sheet1.xml") or relative to `dir`.
fn resolve(dir: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None if dir.is_empty() => target.to_string(),
        None => format!("{dir}/{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for p in joined.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// Calls `visit` with every start or empty element of `xml` until it returns Some.
fn each_element<T>(xml: &[u8], mut visit: impl FnMut(&BytesStart) -> Option<T>) -> Option<T> {
    let mut reader = Reader::from_reader(xml);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) => {
                if let Some(found) = visit(&e) {
                    return Some(found);
                }
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// An attribute's unescaped value, by local name (any namespace prefix).
fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// The `wanted` attribute of the first `element` whose `key` attribute passes `matches`.
fn find_attr(xml: &[u8], element: &str, key: &str, matches: impl Fn(&str) -> bool, wanted: &str) -> Option<String> {
    each_element(xml, |e| {
        (e.local_name().as_ref() == element && attr(e, key).is_some_and(|v| matches(&v)))
            .then(|| attr(e, wanted))
            .flatten()
    })
}

/// Inflates the sheet and keeps what follows its `<mergeCells` start tag (with any namespace prefix); an
/// empty tail when there is none. Text can't hold a literal `<`, so only markup matches.
fn tail_from_merge_cells(mut sheet: impl Read) -> Option<Vec<u8>> {
    const NAME: &[u8] = b"mergeCells";
    let finder = memchr::memmem::Finder::new(NAME);
    let mut buf = vec![0u8; 1 << 20];
    // Bytes kept from the previous read: a tag split across two reads is still found.
    let mut kept = 0;
    loop {
        let n = sheet.read(&mut buf[kept..]).ok()?;
        if n == 0 {
            return Some(Vec::new());
        }
        let end = kept + n;
        let mut from = 0;
        while let Some(at) = finder.find(&buf[from..end]).map(|i| from + i) {
            if let Some(open) = tag_start(&buf[..at]) {
                let mut tail = buf[open..end].to_vec();
                sheet.read_to_end(&mut tail).ok()?;
                return Some(tail);
            }
            from = at + 1;
        }
        // Enough for "<" + a prefix + ":" + the name to straddle the next read.
        let keep = 64.min(end);
        buf.copy_within(end - keep..end, 0);
        kept = keep;
    }
}

/// Where the start tag ending in `before` opens: `before` ends in "<" or "<prefix:".
fn tag_start(before: &[u8]) -> Option<usize> {
    match before.last()? {
        b'<' => Some(before.len() - 1),
        b':' => {
            let prefix = before[..before.len() - 1]
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
            let lt = before.len() - 2 - prefix.count();
            (before.get(lt) == Some(&b'<')).then_some(lt)
        }
        _ => None,
    }
}

/// The `ref` of each `<mergeCell>` inside `<mergeCells>`, which `tail` starts with.
fn regions(tail: &[u8]) -> Option<Vec<Dimensions>> {
    let mut out = Vec::new();
    let mut reader = Reader::from_reader(tail);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "mergeCell" => {
                out.push(range(&attr(&e, "ref")?)?);
            }
            Event::End(e) if e.local_name().as_ref() == "mergeCells" => return Some(out),
            Event::Eof => return if tail.is_empty() { Some(out) } else { None },
            _ => {}
        }
    }
}

/// "B2:C5" as 0-based (row, column) corners.
fn range(r: &str) -> Option<Dimensions> {
    let (a, b) = r.split_once(':').unwrap_or((r, r));
    Some(Dimensions { start: cell(a)?, end: cell(b)? })
}

/// "C5" as (4, 2).
fn cell(c: &str) -> Option<(u32, u32)> {
    let c = c.trim().trim_start_matches('$');
    let split = c.find(|ch: char| ch.is_ascii_digit())?;
    let (letters, digits) = c.split_at(split);
    let col = letters.trim_end_matches('$').bytes().try_fold(0u32, |n, b| {
        b.is_ascii_alphabetic().then(|| n * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1)
    })?;
    let row: u32 = digits.parse().ok()?;
    (col > 0 && row > 0).then(|| (row - 1, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references() {
        assert_eq!(cell("A1"), Some((0, 0)));
        assert_eq!(cell("C5"), Some((4, 2)));
        assert_eq!(cell("AA10"), Some((9, 26)));
        assert_eq!(cell("$B$2"), Some((1, 1)));
        assert_eq!(cell("5"), None);
        assert_eq!(range("B2:C5").map(|d| (d.start, d.end)), Some(((1, 1), (4, 2))));
    }

    #[test]
    fn targets_resolve_against_the_workbook_folder() {
        assert_eq!(resolve("xl", "worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
        assert_eq!(resolve("xl", "/xl/worksheets/sheet2.xml"), "xl/worksheets/sheet2.xml");
        assert_eq!(resolve("xl", "./worksheets/../worksheets/s.xml"), "xl/worksheets/s.xml");
        assert_eq!(resolve("", "xl/workbook.xml"), "xl/workbook.xml");
    }

    /// The element is found across read boundaries and behind a namespace prefix; text that merely names
    /// it is not markup.
    #[test]
    fn finds_only_the_element() {
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(out.len()).min(7);
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let sheet = br#"<x:worksheet><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>a:mergeCells &lt;mergeCells</x:t></x:is></x:c></x:row></x:sheetData><x:mergeCells count="2"><x:mergeCell ref="A2:A4"/><x:mergeCell ref="B1:C1"/></x:mergeCells><x:pageMargins/></x:worksheet>"#;
        let tail = tail_from_merge_cells(Trickle(sheet)).unwrap();
        assert!(tail.starts_with(b"<x:mergeCells"));
        let found: Vec<_> = regions(&tail).unwrap().into_iter().map(|d| (d.start, d.end)).collect();
        assert_eq!(found, vec![((1, 0), (3, 0)), ((0, 1), (0, 2))]);
        assert_eq!(regions(&tail_from_merge_cells(&b"<worksheet><sheetData/></worksheet>"[..]).unwrap()), Some(vec![]));
    }

    /// On a real workbook, the regions of each sheet are calamine's, found the fast way.
    #[test]
    fn same_regions_as_calamine() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("merged.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        let plain = rust_xlsxwriter::Format::new();
        book.add_worksheet().set_name("Plain").unwrap().write(0, 0, "x").unwrap();
        let sheet = book.add_worksheet().set_name("Merged & more").unwrap();
        sheet.merge_range(0, 0, 0, 5, "Title", &plain).unwrap();
        sheet.merge_range(3, 2, 40, 2, "Initech", &plain).unwrap();
        for row in 1..2000 {
            sheet.write(row, 0, format!("row {row} <mergeCells>")).unwrap();
        }
        book.save(&path).unwrap();
        let mut xlsx: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
        for name in ["Plain", "Merged & more"] {
            let corners = |v: Vec<Dimensions>| v.into_iter().map(|d| (d.start, d.end)).collect::<Vec<_>>();
            let slow = corners(xlsx.merge_cells_by_sheet_name(name).unwrap());
            assert_eq!(find(&path, name).map(corners), Some(slow), "{name}");
        }
        assert_eq!(find(&path, "Merged & more").unwrap().len(), 2);
        assert_eq!(find(&path, "No such sheet"), None);
    }
}
