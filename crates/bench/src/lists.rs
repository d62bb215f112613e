//! The lists at scale: the unranked prefix search (top 50), filtered list pages (city AND tag) first and deep,
//! and the bulk edits that set the data up (a tag on every lead, a city on every 20th contact) through the same
//! edit path as the app.
use std::time::Instant;

use outpost_core::domain::{
    BulkChange, BulkEdit, Entity, FieldEntity, FilterGroup, FilterNode, FilterOp, FilterRule, ListEntity, PageQuery,
    TagInput,
};
use outpost_core::Outpost;
use serde_json::json;

use crate::stats::Samples;
use crate::store::PREFIXES;

const TAG: &str = "Bench VIP";
const CITY: &str = "Berlin";

pub fn run(core: &Outpost, iterations: usize, filtered_only: bool) -> anyhow::Result<()> {
    println!("database: {}", serde_json::to_string(&core.stats()?)?);
    let tag = prepare(core)?;
    if !filtered_only {
        search_and_sorts(core, iterations)?;
    }
    filtered(core, iterations, tag)
}

fn search_and_sorts(core: &Outpost, iterations: usize) -> anyhow::Result<()> {
    let mut contacts = Samples::new("prefix search top 50, contacts (unranked)");
    let mut all = Samples::new("prefix search top 50, all records (unranked)");
    for i in 0..iterations {
        let p = PREFIXES[i % PREFIXES.len()];
        let hits = contacts.time(|| core.search_prefix(p, Some(Entity::Contact), 50))?;
        anyhow::ensure!(!hits.is_empty(), "no contact matches {p}");
        all.time(|| core.search_prefix(p, None, 50))?;
    }
    contacts.report();
    all.report();

    // Sorts added with the list engine, NULL keys included (most contacts have no city).
    let total = core.list_count(ListEntity::Contact, &PageQuery::default())? as usize;
    for sort in ["title", "city", "country", "lifecycle", "lead_source", "email", "company"] {
        for desc in [false, true] {
            let q = |cursor: Option<String>, limit| PageQuery {
                cursor,
                limit: Some(limit),
                sort: Some(sort.into()),
                desc: Some(desc),
                ..Default::default()
            };
            let dir = if desc { " desc" } else { "" };
            let mut first = Samples::new(format!("contacts page 1 ({sort}{dir})"));
            for _ in 0..iterations.min(50) {
                first.time(|| core.contacts(&q(None, 100)))?;
            }
            first.report();
            let mut cursor = None;
            for _ in 0..total / 2 / 500 {
                cursor = core.contacts(&q(cursor, 500))?.next_cursor;
            }
            let mut deep = Samples::new(format!("contacts page at the middle ({sort}{dir})"));
            for _ in 0..iterations.min(50) {
                let page = deep.time(|| core.contacts(&q(cursor.clone(), 100)))?;
                anyhow::ensure!(page.items.len() == 100);
            }
            deep.report();
        }
    }
    let deals = core.list_count(ListEntity::Deal, &PageQuery::default())? as usize;
    for sort in ["value", "expected_close", "title", "status"] {
        let q = |cursor: Option<String>, limit| PageQuery {
            cursor,
            limit: Some(limit),
            sort: Some(sort.into()),
            desc: Some(true),
            ..Default::default()
        };
        let mut first = Samples::new(format!("deals page 1 ({sort} desc)"));
        for _ in 0..iterations.min(50) {
            first.time(|| core.deals_page(&q(None, 100)))?;
        }
        first.report();
        let mut cursor = None;
        for _ in 0..deals / 2 / 500 {
            cursor = core.deals_page(&q(cursor, 500))?.next_cursor;
        }
        let mut deep = Samples::new(format!("deals page at the middle ({sort} desc)"));
        for _ in 0..iterations.min(50) {
            let page = deep.time(|| core.deals_page(&q(cursor.clone(), 100)))?;
            anyhow::ensure!(page.items.len() == 100);
        }
        deep.report();
    }
    Ok(())
}

fn filtered(core: &Outpost, iterations: usize, tag: i64) -> anyhow::Result<()> {
    let rule = |field: &str, value: serde_json::Value| {
        FilterNode::Rule(FilterRule { field: field.into(), op: FilterOp::Is, value })
    };
    let filters = [
        ("city is Berlin AND tag is VIP", FilterGroup::And(vec![rule("city", json!(CITY)), rule("tags", json!(tag))])),
        ("title is CTO AND tag is VIP", FilterGroup::And(vec![rule("title", json!("CTO")), rule("tags", json!(tag))])),
    ];
    for (label, filter) in filters {
        let base = PageQuery { filter: Some(filter), ..Default::default() };
        let start = Instant::now();
        let n = core.list_count(ListEntity::Contact, &base)?;
        println!("{label}: {n} contacts match (count: {:.1} ms)", start.elapsed().as_secs_f64() * 1000.0);
        for (sort, desc) in [("name", false), ("updated_at", true), ("city", false)] {
            let q = |cursor: Option<String>, limit| PageQuery {
                cursor,
                limit: Some(limit),
                sort: Some(sort.into()),
                desc: Some(desc),
                ..base.clone()
            };
            let mut first = Samples::new(format!("  page 1, 100 rows, by {sort}"));
            for _ in 0..iterations.min(50) {
                first.time(|| core.contacts(&q(None, 100)))?;
            }
            first.report();
            // Half-way down the matches with large pages, then 100-row pages from there.
            let mut cursor = None;
            for _ in 0..(n as usize / 2 / 500) {
                cursor = core.contacts(&q(cursor, 500))?.next_cursor;
            }
            let mut deep = Samples::new(format!("  page at the middle, 100 rows, by {sort}"));
            for _ in 0..iterations.min(50) {
                let page = deep.time(|| core.contacts(&q(cursor.clone(), 100)))?;
                anyhow::ensure!(page.items.len() == 100 || n < 200);
            }
            deep.report();
        }
        // The kept matches go stale with any write: what the list costs again right after an edit (a contact
        // elsewhere moved to the Trash and back, then the count and page 1 the view asks for).
        let mut again = Samples::new("  after an edit: count + page 1 by name");
        let page1 = PageQuery { limit: Some(100), sort: Some("name".into()), ..base.clone() };
        for _ in 0..iterations.min(20) {
            core.delete_contacts(&[1])?;
            core.restore_contacts(&[1])?;
            again.time(|| -> anyhow::Result<()> {
                core.list_count(ListEntity::Contact, &base)?;
                core.contacts(&page1)?;
                Ok(())
            })?;
        }
        again.report();
    }
    Ok(())
}

/// Tags every lead and gives every 20th contact a city, once per database (through bulk edits, timed).
fn prepare(core: &Outpost) -> anyhow::Result<i64> {
    if let Some(t) = core.tags(None)?.into_iter().find(|t| t.name == TAG) {
        return Ok(t.id);
    }
    let tag = core.create_tag(TagInput { name: TAG.into(), color: None })?.id;
    let leads = core.list_ids(ListEntity::Lead, &PageQuery::default())?;
    let start = Instant::now();
    let done = core.bulk_edit(BulkEdit {
        entity: FieldEntity::Contact,
        ids: leads.clone(),
        change: BulkChange::AddTag { tag_id: tag },
    })?;
    println!("bulk add tag to {} leads: {:.1} s", done.changed, start.elapsed().as_secs_f64());
    let every: Vec<i64> = core.list_ids(ListEntity::Contact, &PageQuery::default())?.into_iter().step_by(20).collect();
    let start = Instant::now();
    let done = core.bulk_edit(BulkEdit {
        entity: FieldEntity::Contact,
        ids: every,
        change: BulkChange::SetField { field: "city".into(), value: json!(CITY) },
    })?;
    println!(
        "bulk set city on {} contacts (the form's edit path): {:.1} s",
        done.changed,
        start.elapsed().as_secs_f64()
    );
    Ok(tag)
}
