//! CSV, TSV and text exports: encoding and delimiter are guessed from the first bytes, then the file is
//! decoded and parsed as a stream so a million rows never sit in memory at once.
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use super::SheetRow;
use crate::error::{CoreError, Result};
use crate::import::cell::Cell;

const SAMPLE: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextFormat {
    pub encoding: &'static Encoding,
    pub delimiter: u8,
}

/// Guesses encoding (BOM, then UTF-8 validity, then a statistical detector) and delimiter.
pub fn sniff(path: &Path) -> Result<TextFormat> {
    let mut sample = Vec::with_capacity(SAMPLE);
    File::open(path)
        .map_err(|e| CoreError::io(format!("reading {}", path.display()), e))?
        .take(SAMPLE as u64)
        .read_to_end(&mut sample)
        .map_err(|e| CoreError::io(format!("reading {}", path.display()), e))?;
    let encoding = encoding_of(&sample);
    let (text, _, _) = encoding.decode(&sample);
    let tab_default = matches!(path.extension().and_then(|e| e.to_str()), Some(e) if e.eq_ignore_ascii_case("tsv"));
    Ok(TextFormat { encoding, delimiter: delimiter_of(&text, tab_default) })
}

pub fn encoding_of(sample: &[u8]) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(sample) {
        return enc;
    }
    // UTF-16 without a BOM: ASCII text has a zero in every other byte.
    let pairs = sample.len() / 2;
    if pairs >= 8 {
        let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
        let odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
        if odd * 10 > pairs * 4 && even * 10 < pairs {
            return UTF_16LE;
        }
        if even * 10 > pairs * 4 && odd * 10 < pairs {
            return UTF_16BE;
        }
    }
    // A sample cut mid-character is still UTF-8 if only its tail fails.
    match std::str::from_utf8(sample) {
        Ok(_) => return UTF_8,
        Err(e) if e.error_len().is_none() => return UTF_8,
        Err(_) => {}
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(sample, sample.len() < SAMPLE);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// The candidate that splits the most lines into the same number (> 0) of fields. Quoted fields are
/// skipped so commas inside "Acme, Inc." don't count.
pub fn delimiter_of(text: &str, tab_default: bool) -> u8 {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(100).collect();
    let mut best = (if tab_default { b'\t' } else { b',' }, 0usize);
    for candidate in [b',', b';', b'\t', b'|'] {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, candidate)).collect();
        let mut freq = std::collections::HashMap::new();
        for &c in counts.iter().filter(|&&c| c > 0) {
            *freq.entry(c).or_insert(0usize) += 1;
        }
        // Lines agreeing on the field count, weighted a little by how many fields that is.
        let score = freq.iter().map(|(&fields, &lines)| lines * 100 + fields).max().unwrap_or(0);
        if score > best.1 {
            best = (candidate, score);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, delimiter: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delimiter && !quoted {
            n += 1;
        }
    }
    n
}

/// Rows of the file, numbered from 1 as a spreadsheet app would show them.
pub fn rows(path: &Path, format: TextFormat) -> Result<impl Iterator<Item = Result<SheetRow>>> {
    let file = File::open(path).map_err(|e| CoreError::io(format!("reading {}", path.display()), e))?;
    let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(Some(format.encoding))
        .bom_override(true)
        .build(BufReader::with_capacity(256 * 1024, file));
    let lines = Lines::default();
    let decoded = LineCounter { inner: decoded, lines: lines.clone(), offset: 0 };
    let reader = csv::ReaderBuilder::new()
        .delimiter(format.delimiter)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(256 * 1024)
        .from_reader(decoded);
    let mut record = csv::StringRecord::new();
    let mut reader = reader;
    let mut failed = false;
    Ok(std::iter::from_fn(move || {
        if failed {
            return None;
        }
        match reader.read_record(&mut record) {
            Ok(false) => None,
            Ok(true) => {
                let number = record.position().map(|p| lines.line_at(p.byte())).unwrap_or(0);
                let cells =
                    record.iter().map(|s| if s.is_empty() { Cell::Empty } else { Cell::Text(s.into()) }).collect();
                Some(Ok(SheetRow { number, cells }))
            }
            Err(e) => {
                failed = true;
                Some(Err(CoreError::BadFile(format!("the file could not be read as text: {e}"))))
            }
        }
    }))
}

/// Where each newline is in the decoded text, so a record's byte offset gives the line a text editor shows
/// (the csv parser's own line count skips blank lines).
#[derive(Clone, Default)]
struct Lines(std::sync::Arc<std::sync::Mutex<LineState>>);

#[derive(Default)]
struct LineState {
    /// Offsets of line-break bytes (\r, \n) not yet passed by the parser; true for \n.
    ahead: std::collections::VecDeque<(u64, bool)>,
    /// Newlines already passed.
    passed: usize,
}

impl Lines {
    /// The line a record starting at `byte` is on. The parser may report a record as starting on the line
    /// break before it (the \n of a CRLF, or blank lines it skipped), so breaks right at the start are passed.
    fn line_at(&self, byte: u64) -> usize {
        let mut s = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let mut at = byte;
        while let Some(&(offset, newline)) = s.ahead.front() {
            if offset < byte || offset == at {
                if offset == at {
                    at += 1;
                }
                s.ahead.pop_front();
                s.passed += usize::from(newline);
            } else {
                break;
            }
        }
        s.passed + 1
    }
}

struct LineCounter<R> {
    inner: R,
    lines: Lines,
    offset: u64,
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut s = self.lines.0.lock().unwrap_or_else(|p| p.into_inner());
        for (i, b) in buf[..n].iter().enumerate().filter(|(_, b)| **b == b'\n' || **b == b'\r') {
            s.ahead.push_back((self.offset + i as u64, *b == b'\n'));
        }
        self.offset += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters() {
        assert_eq!(delimiter_of("a,b,c\n1,2,3\n", false), b',');
        assert_eq!(delimiter_of("Name;Amount\n\"Acme, Inc.\";1.234,56\nBeta;2\n", false), b';');
        assert_eq!(delimiter_of("a\tb\n1\t2\n", false), b'\t');
        // A preamble line with commas doesn't outvote the table.
        let linkedin =
            "Notes:\n\"When exporting, some emails may be missing, sorry\"\n\nFirst Name,Last Name,URL\nA,B,C\nD,E,F\n";
        assert_eq!(delimiter_of(linkedin, false), b',');
    }

    #[test]
    fn encodings() {
        assert_eq!(encoding_of(b"\xEF\xBB\xBFName\n"), UTF_8);
        assert_eq!(encoding_of(b"\xFF\xFEN\0a\0"), UTF_16LE);
        assert_eq!(encoding_of(b"\xFE\xFF\0N\0a"), UTF_16BE);
        assert_eq!(encoding_of("Zoë;Müller\n".as_bytes()), UTF_8);
        let latin = b"Name;Stadt\nZo\xEB;M\xFCnchen\nRen\xE9;Caf\xE9 \x80 Stra\xDFe\n";
        assert_eq!(encoding_of(latin).name(), "windows-1252");
        let utf16: Vec<u8> = "Name\tCity\nAda\tLondon\n".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(encoding_of(&utf16), UTF_16LE);
    }
}

#[cfg(test)]
mod line_numbers {
    use super::*;

    fn numbers(text: &[u8]) -> Vec<usize> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.csv");
        std::fs::write(&p, text).unwrap();
        rows(&p, sniff(&p).unwrap()).unwrap().map(|r| r.unwrap().number).collect()
    }

    #[test]
    fn rows_are_numbered_like_an_editor_shows_them() {
        assert_eq!(numbers(b"a,b\n1,2\n3,4\n"), [1, 2, 3]);
        assert_eq!(numbers(b"a,b\r\n1,2\r\n\r\n3,4\r\n"), [1, 2, 4]);
        assert_eq!(numbers(b"Notes:\r\n\"x, y\"\r\n\r\na,b\r\n1,2\r\n"), [1, 2, 4, 5]);
        assert_eq!(numbers(b"a,b\n\"multi\nline\",2\n3,4\n"), [1, 2, 4]);
        assert_eq!(numbers(b"a,b\n\n\n1,2\n"), [1, 4]);
    }
}
