use super::Ctx;
use crate::output;

pub fn run(ctx: &Ctx, query: &str, limit: usize) -> anyhow::Result<()> {
    let hits = ctx.core.search(query, limit)?;
    if ctx.json {
        return output::json(&hits);
    }
    let rows =
        hits.into_iter().map(|h| vec![h.entity.as_str().to_string(), h.id.to_string(), h.title, h.subtitle]).collect();
    output::table(&["kind", "id", "title", "details"], rows);
    Ok(())
}
