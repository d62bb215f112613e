use super::Ctx;
use crate::output;

pub fn run(ctx: &Ctx) -> anyhow::Result<()> {
    let stats = ctx.core.stats()?;
    if ctx.json {
        return output::json(&stats);
    }
    let value = serde_json::to_value(&stats)?;
    let rows = value.as_object().into_iter().flatten().map(|(k, v)| vec![k.replace('_', " "), v.to_string()]).collect();
    output::table(&["entity", "count"], rows);
    Ok(())
}
