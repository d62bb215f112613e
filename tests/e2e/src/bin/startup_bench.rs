//! Start-up benchmark: launches the real app on a database holding the sample data, under Xvfb, and
//! measures the time to the first painted screen with data, and the memory of the whole process tree.
//!
//!   xvfb-run -a -s "-screen 0 1280x800x24" cargo run -p outpost-e2e --bin startup-bench -- [RUNS]
//!
//! Times include the WebDriver session set-up (tauri-driver starting the app), so they are upper bounds.
use std::sync::Arc;
use std::time::{Duration, Instant};

use outpost_core::secrets::MemoryStore;
use outpost_e2e::{memory_kib, App};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(5);
    println!("app: {}", outpost_e2e::app_binary()?.display());
    let (mut shell, mut data, mut rss, mut pss) = (vec![], vec![], vec![], vec![]);
    for run in 1..=runs {
        let home = tempfile::tempdir()?;
        let db = App::data_dir(home.path()).join(outpost_core::paths::DB_FILE_NAME);
        outpost_core::Outpost::open(&db, Arc::new(MemoryStore::default()))?.load_sample_data()?;

        let start = Instant::now();
        let app = App::launch_in(home).await?;
        app.wait_for("[data-testid=nav-contacts]", 30).await?;
        let t_shell = start.elapsed();
        app.wait_for("[data-testid=contact-row]", 30).await?;
        let t_data = start.elapsed();

        tokio::time::sleep(Duration::from_secs(2)).await; // let the page settle before reading memory
        let (mut r, mut p) = (0, 0);
        for pid in app.process_tree() {
            let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            if comm.trim() == "WebKitWebDriver" {
                continue; // test tooling, not part of the app
            }
            let (pr, pp) = memory_kib(pid);
            r += pr;
            p += pp;
        }
        app.close().await?;
        println!(
            "run {run}: shell painted {:>5} ms, contacts shown {:>5} ms, RSS {:>4} MiB, PSS {:>4} MiB",
            t_shell.as_millis(),
            t_data.as_millis(),
            r / 1024,
            p / 1024
        );
        shell.push(t_shell.as_millis());
        data.push(t_data.as_millis());
        rss.push(r / 1024);
        pss.push(p / 1024);
    }
    println!(
        "median of {runs}: shell painted {} ms, contacts shown {} ms, RSS {} MiB, PSS {} MiB",
        median(&mut shell),
        median(&mut data),
        median(&mut rss),
        median(&mut pss)
    );
    Ok(())
}

fn median<T: Ord + Copy>(v: &mut [T]) -> T {
    v.sort();
    v[v.len() / 2]
}
