//! Attachment names come from strangers. Before one is ever used as a file name it goes through
//! [`sanitize`], and [`path_inside`] is the only way to turn it into a path: the result is always a direct
//! child of the given folder, whatever the sender wrote ("../../.bashrc", "C:\\evil", "/etc/passwd", NUL
//! bytes, reserved Windows names, a name that is only dots).
use std::path::{Path, PathBuf};

/// Longest name kept, in bytes (most file systems allow 255).
const MAX_BYTES: usize = 200;

const WINDOWS_RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2",
    "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// A plain file name (no folder part) made from `raw`; "attachment" when nothing usable is left.
pub fn sanitize(raw: &str) -> String {
    // Only the last path component counts, whichever separator the sender's system uses.
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let mut name: String = last
        .chars()
        .map(|c| match c {
            c if c.is_control() => '_',
            ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            // Bidirectional overrides make "exe.txt" display as "txt.exe".
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => '_',
            c => c,
        })
        .collect();
    name = name.trim().trim_end_matches(['.', ' ']).trim_start_matches('.').to_string();
    if name.len() > MAX_BYTES {
        name = truncate_keeping_extension(&name, MAX_BYTES);
    }
    let stem = name.split('.').next().unwrap_or("").to_ascii_uppercase();
    if WINDOWS_RESERVED.contains(&stem.as_str()) {
        name = format!("_{name}");
    }
    if name.is_empty() {
        "attachment".to_string()
    } else {
        name
    }
}

/// `dir` joined with the sanitized name: always a direct child of `dir`.
pub fn path_inside(dir: &Path, raw: &str) -> PathBuf {
    let path = dir.join(sanitize(raw));
    debug_assert_eq!(path.parent(), Some(dir));
    path
}

fn truncate_keeping_extension(name: &str, max: usize) -> String {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() && e.len() <= 16 => (s, format!(".{e}")),
        _ => (name, String::new()),
    };
    let mut cut = max.saturating_sub(ext.len());
    while !stem.is_char_boundary(cut.min(stem.len())) {
        cut -= 1;
    }
    format!("{}{ext}", &stem[..cut.min(stem.len())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_and_absolute_paths_keep_only_the_file_name() {
        assert_eq!(sanitize("../../etc/passwd"), "passwd");
        assert_eq!(sanitize("..\\..\\Windows\\system32\\evil.dll"), "evil.dll");
        assert_eq!(sanitize("/etc/shadow"), "shadow");
        assert_eq!(sanitize("C:\\Users\\x\\report.pdf"), "report.pdf");
        assert_eq!(sanitize("C:report.pdf"), "C_report.pdf");
    }

    #[test]
    fn nothing_usable_becomes_a_plain_default_name() {
        for raw in ["", "..", ".", "../..", "/", "   ", "...", "dir/"] {
            assert_eq!(sanitize(raw), "attachment", "{raw:?}");
        }
    }

    #[test]
    fn control_characters_reserved_names_and_bidi_tricks_are_defused() {
        assert_eq!(sanitize("a\0b\nc.txt"), "a_b_c.txt");
        assert_eq!(sanitize("CON.txt"), "_CON.txt");
        assert_eq!(sanitize("nul"), "_nul");
        assert_eq!(sanitize("invoice\u{202e}fdp.exe"), "invoice_fdp.exe");
        assert_eq!(sanitize(".bashrc"), "bashrc", "no hidden files");
        assert_eq!(sanitize("report.pdf. . "), "report.pdf");
    }

    #[test]
    fn long_names_are_cut_on_a_char_boundary_keeping_the_extension() {
        let long = format!("{}.pdf", "é".repeat(300));
        let s = sanitize(&long);
        assert!(s.len() <= MAX_BYTES && s.ends_with(".pdf"), "{s}");
    }

    #[test]
    fn the_path_is_always_a_direct_child_of_the_folder() {
        let dir = Path::new("/tmp/outpost-attachments/42");
        for raw in ["../../../../root/.ssh/authorized_keys", "..", "/abs", "a/../../b", "x\\..\\..\\y", "ok.txt"] {
            let p = path_inside(dir, raw);
            assert_eq!(p.parent(), Some(dir), "{raw:?} -> {p:?}");
            assert!(!p.file_name().unwrap().to_string_lossy().starts_with('.'));
        }
    }
}
