//! `outpost-bench`: generates large deterministic databases and times the store paths the app uses.
//!
//!   cargo run --release -p outpost-bench -- generate --db /tmp/big.db          # 1M contacts, 100k companies, 200k deals
//!   cargo run --release -p outpost-bench -- store --db /tmp/big.db             # list pages, search, board, dashboard
//!   cargo run --release -p outpost-bench -- scoring --db /tmp/big.db           # full rescore, Leads view pages
//!   cargo run --release -p outpost-bench -- lists --db /tmp/big.db             # prefix search, filtered pages
//!   cargo run --release -p outpost-bench -- lists --db /tmp/big.db --filtered-only   # only the filtered pages
//!
//! Prints p50/p99/max per operation; BENCHMARKS.md records the figures.

/// mimalloc: see the workspace manifest.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod lists;
mod scoring;
mod stats;
mod store;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use clap::{Parser, Subcommand};
use outpost_core::sample::Scale;
use outpost_core::secrets::MemoryStore;
use outpost_core::Outpost;

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fill a new database with a deterministic data set.
    Generate {
        #[arg(long)]
        db: PathBuf,
        #[arg(long, default_value_t = 1_000_000)]
        contacts: usize,
        #[arg(long, default_value_t = 100_000)]
        companies: usize,
        #[arg(long, default_value_t = 200_000)]
        deals: usize,
        #[arg(long, default_value_t = 10_000)]
        open_deals: usize,
    },
    /// Time list pages, search, the pipeline board and the dashboard.
    Store {
        #[arg(long)]
        db: PathBuf,
        #[arg(long, default_value_t = 200)]
        iterations: usize,
    },
    /// Time the unranked prefix search and filtered list pages (tags leads and sets cities on first use).
    Lists {
        #[arg(long)]
        db: PathBuf,
        #[arg(long, default_value_t = 200)]
        iterations: usize,
        /// Only the filtered pages (city AND tag, title AND tag), not the search and the plain sorts.
        #[arg(long)]
        filtered_only: bool,
    },
    /// Time a full lead rescore (twice: the second finds nothing to write) and the Leads view's pages.
    Scoring {
        #[arg(long)]
        db: PathBuf,
        #[arg(long, default_value_t = 50)]
        iterations: usize,
    },
}

fn main() -> anyhow::Result<()> {
    // SAFETY: first thing in the process, before any thread or connection exists.
    unsafe { outpost_core::db::give_sqlite_mimalloc() };
    match Cli::parse().command {
        Command::Generate { db, contacts, companies, deals, open_deals } => {
            anyhow::ensure!(!db.exists(), "{} exists; generate into a new file", db.display());
            let core = Outpost::open(&db, Arc::new(MemoryStore::default()))?;
            let start = Instant::now();
            let mut last = Instant::now();
            core.generate_synthetic(Scale { companies, contacts, deals, open_deals }, |done, total| {
                if last.elapsed().as_secs() >= 5 || done == total {
                    eprintln!("{done}/{total} rows, {:.0} rows/s", done as f64 / start.elapsed().as_secs_f64());
                    last = Instant::now();
                }
            })?;
            println!("generated in {:.1} s: {}", start.elapsed().as_secs_f64(), serde_json::to_string(&core.stats()?)?);
            Ok(())
        }
        Command::Store { db, iterations } => {
            anyhow::ensure!(db.exists(), "{} does not exist; run `generate` first", db.display());
            let core = Outpost::open(&db, Arc::new(MemoryStore::default()))?;
            store::run(&core, iterations)
        }
        Command::Lists { db, iterations, filtered_only } => {
            anyhow::ensure!(db.exists(), "{} does not exist; run `generate` first", db.display());
            let core = Outpost::open(&db, Arc::new(MemoryStore::default()))?;
            lists::run(&core, iterations, filtered_only)
        }
        Command::Scoring { db, iterations } => {
            anyhow::ensure!(db.exists(), "{} does not exist; run `generate` first", db.display());
            let core = Outpost::open(&db, Arc::new(MemoryStore::default()))?;
            scoring::run(&core, iterations)
        }
    }
}
