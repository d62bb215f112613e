use super::Ctx;
use crate::output;
use crate::output::out;

pub fn run(ctx: &Ctx) -> anyhow::Result<()> {
    let result = ctx.core.load_sample_data()?;
    if ctx.json {
        return output::json(&result);
    }
    if result.loaded {
        let s = &result.summary;
        out!(
            "Loaded sample data: {} companies, {} contacts, {} deals, {} tasks, {} notes, {} activities.",
            s.companies,
            s.contacts,
            s.deals,
            s.tasks,
            s.notes,
            s.activities
        );
    } else {
        out!("The sample data is already in this database; nothing was added.");
    }
    Ok(())
}
