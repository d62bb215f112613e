use super::Ctx;
use crate::output;
use crate::output::out;

pub fn run(ctx: &Ctx) -> anyhow::Result<()> {
    let info = ctx.core.info()?;
    if ctx.json {
        output::json(&info)
    } else {
        out!("Database ready at {} (schema {}).", info.db_path, info.schema_version);
        Ok(())
    }
}
