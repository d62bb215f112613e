use std::path::Path;

use super::Ctx;
use crate::output::{self, out};

pub fn backup(ctx: &Ctx, output: &Path) -> anyhow::Result<()> {
    ctx.core.backup_to(output)?;
    let bytes = std::fs::metadata(output).map(|m| m.len()).unwrap_or(0);
    if ctx.json {
        return output::json(&serde_json::json!({ "path": output, "bytes": bytes }));
    }
    out!("Backed up to {} ({} KB).", output.display(), bytes / 1024);
    Ok(())
}

pub fn restore(ctx: &Ctx, file: &Path) -> anyhow::Result<()> {
    let safety = ctx.core.restore_backup(file)?;
    if ctx.json {
        return output::json(&serde_json::json!({ "restored_from": file, "previous_saved_as": safety.path }));
    }
    out!("Restored from {}. The previous content was saved as {}.", file.display(), safety.path);
    Ok(())
}
