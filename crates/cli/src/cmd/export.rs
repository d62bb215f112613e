use std::path::Path;

use outpost_core::domain::{ExportFormat, ListEntity, PageQuery};

use super::Ctx;
use crate::cli::{ExportWhat, FormatArg};
use crate::output::{self, out};

pub fn run(ctx: &Ctx, what: ExportWhat, format: FormatArg, output: &Path) -> anyhow::Result<()> {
    let entity = match what {
        ExportWhat::Contacts => ListEntity::Contact,
        ExportWhat::Leads => ListEntity::Lead,
        ExportWhat::Companies => ListEntity::Company,
        ExportWhat::Deals => ListEntity::Deal,
    };
    let format = match format {
        FormatArg::Csv => ExportFormat::Csv,
        FormatArg::Xlsx => ExportFormat::Xlsx,
    };
    let summary = ctx.core.export_list(entity, &PageQuery::default(), format, output)?;
    if ctx.json {
        return output::json(&summary);
    }
    out!("Exported {} rows to {}.", summary.rows, summary.path);
    Ok(())
}
