//! Refusing hostile archives before a parser inflates them: xlsx and ods are zip files, and a few
//! kilobytes can unpack to gigabytes.
use std::io::{Read, Seek};

use crate::error::{CoreError, Result};

/// Everything unpacked together, and the most one entry may grow over its packed size.
pub const MAX_UNPACKED_BYTES: u64 = 2 << 30;
pub const MAX_RATIO: u64 = 200;
/// Cells across the sheet being imported (1M rows × 50 columns).
pub const MAX_CELLS: u64 = 50_000_000;

/// Checks the zip's directory (no inflation happens): total declared size and per-entry ratio.
pub fn check_zip<R: Read + Seek>(reader: R) -> Result<()> {
    let mut archive = zip::ZipArchive::new(reader).map_err(|e| bad(format!("the file is a damaged archive ({e})")))?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| bad(format!("the file is a damaged archive ({e})")))?;
        let (packed, unpacked) = (entry.compressed_size(), entry.size());
        total = total.saturating_add(unpacked);
        if unpacked > 10 << 20 && unpacked / packed.max(1) > MAX_RATIO {
            return Err(bomb(format!(
                "{} unpacks {}× its size",
                entry.name().unwrap_or_default(),
                unpacked / packed.max(1)
            )));
        }
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(bomb(format!("it unpacks to {} MB", total >> 20)));
    }
    Ok(())
}

fn bad(detail: String) -> CoreError {
    CoreError::BadFile(detail)
}

fn bomb(detail: String) -> CoreError {
    CoreError::BadFile(format!(
        "the file is built to exhaust memory ({detail}); nothing was imported. Open it in a spreadsheet app and \
         save a normal copy if you trust it"
    ))
}
