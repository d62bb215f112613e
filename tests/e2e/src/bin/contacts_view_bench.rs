//! The Contacts view at 100k contacts in the real app: time from clicking "Contacts" to the first rows, then a
//! scripted scroll through the whole virtualized table, counting frames that took longer than 50 ms.
//!
//!   xvfb-run -a -s "-screen 0 1280x800x24" cargo run --release -p outpost-e2e --bin contacts-view-bench -- [CONTACTS]
//!
//! The database is generated once per run with the same synthetic generator as `outpost-bench generate`.
use std::sync::Arc;
use std::time::Instant;

use outpost_core::sample::Scale;
use outpost_core::secrets::MemoryStore;
use outpost_e2e::App;

/// Scrolls the table's scroll container from top to bottom over `ms`, one step per animation frame, then
/// reports frame gaps and how many rows were rendered at the end (pages load as the view reaches them).
const SCROLL: &str = r#"
const [ms, done] = [arguments[0], arguments[arguments.length - 1]];
const el = document.querySelector('[data-testid=data-table]');
const gaps = [];
let last = performance.now();
const start = last;
function step(now) {
  gaps.push(now - last);
  last = now;
  const t = Math.min(1, (now - start) / ms);
  el.scrollTop = t * (el.scrollHeight - el.clientHeight);
  if (t < 1) { requestAnimationFrame(step); return; }
  setTimeout(() => {
    const rows = document.querySelectorAll('[data-testid=contact-row]').length;
    gaps.sort((a, b) => a - b);
    done({ frames: gaps.length, p50: gaps[Math.floor(gaps.length / 2)], p95: gaps[Math.floor(gaps.length * 0.95)],
           max: gaps[gaps.length - 1], long: gaps.filter(g => g > 50).length, rows, top: el.scrollTop });
  }, 500);
}
requestAnimationFrame(step);
"#;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let contacts: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let home = tempfile::tempdir()?;
    let db = App::data_dir(home.path()).join(outpost_core::paths::DB_FILE_NAME);
    let started = Instant::now();
    let core = outpost_core::Outpost::open(&db, Arc::new(MemoryStore::default()))?;
    core.generate_synthetic(
        Scale { companies: contacts / 10, contacts, deals: contacts / 5, open_deals: 1000 },
        |_, _| {},
    )?;
    drop(core);
    println!("generated {contacts} contacts in {:.1} s", started.elapsed().as_secs_f64());

    let app = App::launch_in(home).await?;
    app.wait_for("[data-testid=nav-contacts]", 60).await?;
    let mut opens = Vec::new();
    for _ in 0..3 {
        app.click("[data-testid=nav-pipeline]").await?;
        app.wait_for("[data-testid=nav-contacts]", 30).await?;
        let t = Instant::now();
        app.click("[data-testid=nav-contacts]").await?;
        app.wait_for("[data-testid=contact-row]", 30).await?;
        opens.push(t.elapsed().as_millis());
    }
    println!("Contacts view: first rows {opens:?} ms after the click (includes one WebDriver round trip each)");
    // For a look at the layout (target/e2e-screenshots/): the top of the table, and where the scroll ended.
    app.screenshot("contacts-view-bench-top").await;
    for ms in [3000, 10000] {
        let r = app.driver.execute_async(SCROLL, vec![serde_json::json!(ms)]).await?;
        println!("scroll top→bottom in {} s: {}", ms / 1000, r.json());
    }
    app.screenshot("contacts-view-bench-scrolled").await;
    app.close().await?;
    Ok(())
}
