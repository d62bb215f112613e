//! What a pipeline or stage field must look like. Each failure names its field.
use crate::error::{CoreError, Result};

const MAX_NAME: usize = 60;

/// Trimmed, not empty, not a paragraph.
pub fn name(field: &str, raw: &str) -> Result<String> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(CoreError::validation(field, "Give it a name."));
    }
    if name.chars().count() > MAX_NAME {
        return Err(CoreError::validation(field, format!("Keep the name to {MAX_NAME} characters.")));
    }
    Ok(name)
}

pub fn probability(p: i64) -> Result<i64> {
    if (0..=100).contains(&p) {
        Ok(p)
    } else {
        Err(CoreError::validation("probability", "Probability is a percentage from 0 to 100."))
    }
}

/// `#rrggbb`, lower case (the board and the settings swatches use it as is).
pub fn color(raw: &str) -> Result<String> {
    let c = raw.trim().to_ascii_lowercase();
    let hex = c.strip_prefix('#').unwrap_or("");
    if hex.len() == 6 && hex.chars().all(|ch| ch.is_ascii_hexdigit()) {
        Ok(c)
    } else {
        Err(CoreError::validation("color", format!("“{}” is not a color like #6366f1.", raw.trim())))
    }
}
