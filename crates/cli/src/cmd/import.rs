use std::path::PathBuf;

use outpost_core::domain::{DuplicatePolicy, ImportEntity, ImportMapping, ImportRequest};
use outpost_core::CoreError;

use super::Ctx;
use crate::cli::{EntityArg, ImportCommand, PolicyArg};
use crate::output::{self, out};

pub struct Args {
    pub file: PathBuf,
    pub sheet: Option<String>,
    pub entity: EntityArg,
    pub mapping: Option<PathBuf>,
    pub on_duplicate: PolicyArg,
    pub dry_run: bool,
    pub default_country: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let mapping: ImportMapping = match &args.mapping {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| CoreError::io(format!("reading {}", path.display()), e))?;
            serde_json::from_str(&text).map_err(|e| {
                CoreError::validation(
                    "mapping",
                    format!("{} is not a JSON object of header → target: {e}", path.display()),
                )
            })?
        }
        None => ImportMapping::new(),
    };
    let req = ImportRequest {
        path: args.file.to_string_lossy().into_owned(),
        sheet: args.sheet,
        entity: match args.entity {
            EntityArg::Contacts => ImportEntity::Contacts,
            EntityArg::Companies => ImportEntity::Companies,
            EntityArg::Deals => ImportEntity::Deals,
        },
        mapping,
        policy: match args.on_duplicate {
            PolicyArg::Skip => DuplicatePolicy::Skip,
            PolicyArg::Update => DuplicatePolicy::Update,
            PolicyArg::Fill => DuplicatePolicy::Fill,
        },
        header_row: None,
        default_country: args.default_country,
    };
    let summary = ctx.core.run_import(&req, args.dry_run)?;
    // The app builds a large import's list indexes in the background; a script's next command should find
    // them built, so the command waits for them.
    ctx.core.db().settle();
    if ctx.json {
        return output::json(&summary);
    }
    let c = &summary.counts;
    let what = if summary.dry_run { "Dry run (nothing written)" } else { "Imported" };
    out!(
        "{what} {}: {} rows — {} created, {} updated, {} merged, {} skipped, {} rejected ({} ms).",
        summary.file_name,
        c.rows_in,
        c.created,
        c.updated,
        c.merged,
        c.skipped,
        c.rejected,
        summary.duration_ms
    );
    for e in summary.errors.iter().take(20) {
        out!("  row {}: {}", e.row, e.reason);
    }
    if summary.errors.len() > 20 {
        out!("  … and {} more (outpost import rejects {} -o FILE)", c.rejected as usize - 20, summary.import_id);
    }
    if !summary.dry_run {
        out!("Undo with: outpost import undo {}", summary.import_id);
    }
    Ok(())
}

pub fn subcommand(ctx: &Ctx, command: ImportCommand) -> anyhow::Result<()> {
    match command {
        ImportCommand::Undo { import_id } => {
            let undone = ctx.core.undo_import(import_id)?;
            if ctx.json {
                return output::json(&undone);
            }
            out!("Import {import_id} undone: {} removed, {} restored.", undone.removed, undone.restored);
            if undone.edited_since > 0 {
                out!("Note: {} of those records had been edited since the import.", undone.edited_since);
            }
            Ok(())
        }
        ImportCommand::Rejects { import_id, output: path } => {
            let n = ctx.core.export_import_rejects(import_id, &path)?;
            if ctx.json {
                return output::json(&serde_json::json!({ "import_id": import_id, "rows": n, "file": path }));
            }
            out!("Wrote {n} rejected rows to {}.", path.display());
            Ok(())
        }
    }
}

pub fn history(ctx: &Ctx, limit: usize) -> anyhow::Result<()> {
    let jobs = ctx.core.imports(limit)?;
    if ctx.json {
        return output::json(&jobs);
    }
    let rows = jobs
        .into_iter()
        .map(|j| {
            vec![
                j.id.to_string(),
                j.started_at.chars().take(16).collect(),
                j.file_name,
                j.status,
                j.counts.rows_in.to_string(),
                j.counts.created.to_string(),
                j.counts.updated.to_string(),
                j.counts.rejected.to_string(),
            ]
        })
        .collect();
    output::table(&["id", "started", "file", "status", "rows", "created", "updated", "rejected"], rows);
    Ok(())
}
