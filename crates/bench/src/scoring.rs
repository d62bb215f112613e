//! Lead scoring at scale: a full rescore (what saving the rules costs), and the Leads view's pages.
use std::time::Instant;

use outpost_core::domain::{LeadSource, LeadStatus, Lifecycle, PageQuery};
use outpost_core::Outpost;

use crate::stats::Samples;

pub fn run(core: &Outpost, iterations: usize) -> anyhow::Result<()> {
    for round in ["first (or after a rules change)", "again (nothing changed)"] {
        let start = Instant::now();
        let s = core.rescore_all()?;
        println!(
            "rescore all, {round}: {:.1} s, {} contacts scored, {} written",
            start.elapsed().as_secs_f64(),
            s.scored,
            s.changed
        );
    }

    let leads = |status: Option<LeadStatus>, source: Option<LeadSource>, cursor: Option<String>, limit| PageQuery {
        lifecycle: Some(Lifecycle::Lead),
        lead_status: status,
        lead_source: source,
        sort: Some("score".into()),
        desc: Some(true),
        limit: Some(limit),
        cursor,
        ..Default::default()
    };
    let filters: [(&str, Option<LeadStatus>, Option<LeadSource>); 3] = [
        ("all leads", None, None),
        ("status qualified", Some(LeadStatus::Qualified), None),
        ("qualified from referral", Some(LeadStatus::Qualified), Some(LeadSource::Referral)),
    ];
    for (name, status, source) in filters {
        let mut first = Samples::new(format!("leads page 1 by score, {name}"));
        for _ in 0..iterations.min(50) {
            first.time(|| core.contacts(&leads(status, source, None, 100)))?;
        }
        first.report();
        let total = core.count_contacts_where(&leads(status, source, None, 100))?;
        let mut cursor = None;
        for _ in 0..(total as usize / 2 / 500) {
            cursor = core.contacts(&leads(status, source, cursor, 500))?.next_cursor;
        }
        let mut deep = Samples::new(format!("leads page at the middle by score, {name} ({total} match)"));
        for _ in 0..iterations.min(50) {
            deep.time(|| core.contacts(&leads(status, source, cursor.clone(), 100)))?;
        }
        deep.report();
        let mut count = Samples::new(format!("leads count, {name}"));
        for _ in 0..iterations.min(20) {
            count.time(|| core.count_contacts_where(&leads(status, source, None, 100)))?;
        }
        count.report();
    }
    Ok(())
}
