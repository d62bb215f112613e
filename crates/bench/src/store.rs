//! The store paths the issue names: list pages at any sort and depth, search, the board, the dashboard.
use outpost_core::domain::PageQuery;
use outpost_core::Outpost;

use crate::stats::Samples;

pub(crate) const PREFIXES: &[&str] = &[
    "ad", "gr", "al", "kat", "lin", "mar", "tim", "bar", "den", "fra", "ken", "rad", "gui", "hed", "vin", "sha", "yuk",
    "sop", "bja", "ani", "ras", "jea", "les", "nik", "lyn", "eds", "car", "don", "ele", "mat", "pri", "kwa", "ing",
    "tom", "aik", "olu", "chl", "jon", "ama", "lov", "hop", "tur", "joh", "tor", "ham",
];

pub fn run(core: &Outpost, iterations: usize) -> anyhow::Result<()> {
    println!("database: {}", serde_json::to_string(&core.stats()?)?);

    for sort in ["name", "first_name", "created_at", "updated_at", "score"] {
        for desc in [false, true] {
            let q = |cursor: Option<String>, limit| PageQuery {
                cursor,
                limit: Some(limit),
                sort: Some(sort.to_string()),
                desc: Some(desc),
                ..Default::default()
            };
            let mut first = Samples::new(format!("contacts page 1 ({sort}{})", if desc { " desc" } else { "" }));
            for _ in 0..iterations.min(50) {
                first.time(|| core.contacts(&q(None, 100))).map_err(anyhow::Error::from)?;
            }
            first.report();
            // Walk half-way down with large pages, then time 100-row pages from there.
            let mut cursor = None;
            for _ in 0..(core.stats()?.contacts + core.stats()?.leads) as usize / 2 / 500 {
                cursor = core.contacts(&q(cursor, 500))?.next_cursor;
            }
            let mut deep =
                Samples::new(format!("contacts page at the middle ({sort}{})", if desc { " desc" } else { "" }));
            for _ in 0..iterations.min(50) {
                let page = deep.time(|| core.contacts(&q(cursor.clone(), 100)))?;
                anyhow::ensure!(page.items.len() == 100);
            }
            deep.report();
        }
    }

    let mut ranked = Samples::new("search ranked top 50 (palette)");
    let mut filtered = Samples::new("contacts page filtered by search");
    for i in 0..iterations {
        let p = PREFIXES[i % PREFIXES.len()];
        ranked.time(|| core.search(p, 50))?;
        filtered
            .time(|| core.contacts(&PageQuery { search: Some(p.into()), limit: Some(50), ..Default::default() }))?;
    }
    ranked.report();
    filtered.report();

    let pipeline = core.pipelines()?.remove(0).id;
    let mut board = Samples::new("pipeline board (open deals)");
    let mut n = 0;
    for _ in 0..iterations.min(30) {
        n = board.time(|| core.open_deals(pipeline))?.len();
    }
    board.name = format!("pipeline board ({n} open deals)");
    board.report();

    let mut dash = Samples::new("dashboard aggregates");
    for _ in 0..iterations.min(30) {
        dash.time(|| core.dashboard(None, chrono::Utc::now()))?;
    }
    dash.report();
    Ok(())
}
