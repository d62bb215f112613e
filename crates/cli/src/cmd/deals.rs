use outpost_core::domain::{DealMove, DealStatus};
use outpost_core::CoreError;

use super::Ctx;
use crate::cli::DealsCommand;
use crate::output::{self, out};

pub fn run(ctx: &Ctx, command: DealsCommand) -> anyhow::Result<()> {
    match command {
        DealsCommand::List { pipeline, status, limit } => {
            let status = status
                .map(|s| {
                    DealStatus::parse(&s.to_lowercase())
                        .ok_or_else(|| CoreError::validation("status", format!("“{s}” is not open, won or lost.")))
                })
                .transpose()?;
            let deals = ctx.core.deals(pipeline, status, limit)?;
            if ctx.json {
                return output::json(&deals);
            }
            let rows = deals
                .into_iter()
                .map(|d| {
                    vec![
                        d.id.to_string(),
                        d.title,
                        d.stage_name,
                        format!("{} {:.2}", d.currency, d.value_cents as f64 / 100.0),
                        d.status.as_str().to_string(),
                        d.company_name.unwrap_or_default(),
                    ]
                })
                .collect();
            output::table(&["id", "title", "stage", "value", "status", "company"], rows);
            Ok(())
        }
        DealsCommand::Move { deal_id, stage, reason } => {
            let stage_id = ctx.core.resolve_stage(deal_id, &stage)?;
            let moved = ctx.core.move_deal(DealMove { deal_id, stage_id, position: None, reason })?;
            if ctx.json {
                return output::json(&moved);
            }
            out!("Deal {} is now in {} ({}).", moved.deal.id, moved.deal.stage_name, moved.deal.status.as_str());
            Ok(())
        }
    }
}
