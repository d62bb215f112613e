//! `import-bench`: times spreadsheet import on generated files against a ceiling measured in the same run.
//!
//!   cargo run --release -p outpost-bench --bin import-bench -- files --rows 1000000 --dir /tmp/imp
//!   cargo run --release -p outpost-bench --bin import-bench -- ceiling --file /tmp/imp/contacts_1000000.xlsx
//!   cargo run --release -p outpost-bench --bin import-bench -- run --db /tmp/imp.db --file /tmp/imp/contacts_1000000.xlsx
//!   cargo run --release -p outpost-bench --bin import-bench -- ratio --db /tmp/imp.db --file /tmp/imp/contacts_1000000.xlsx
//!
//! `run` imports through the same core call the app and the CLI use, then undoes it, printing seconds, rows/s
//! and peak RSS (VmHWM). Run each step as its own process so peak RSS is the step's own.

/// mimalloc: see the workspace manifest.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use clap::{Parser, Subcommand};
use outpost_core::domain::{ImportEntity, ImportRequest};
use outpost_core::secrets::MemoryStore;
use outpost_core::Outpost;

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write contacts_N.xlsx and contacts_N.csv (deterministic; ~5% repeated emails).
    Files {
        #[arg(long, default_value_t = 1_000_000)]
        rows: usize,
        #[arg(long)]
        dir: PathBuf,
    },
    /// The floor: calamine's lazy parse of the file alone, then a plain prepared insert of its cells.
    Ceiling {
        #[arg(long)]
        file: PathBuf,
        /// Also write the seconds to this file (for `ratio`).
        #[arg(long, hide = true)]
        secs_to: Option<PathBuf>,
    },
    /// Import the file into a fresh database (deleted first), then undo the import.
    Run {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        file: PathBuf,
        /// Skip the undo.
        #[arg(long)]
        no_undo: bool,
        /// Also write the import's seconds to this file (for `ratio`).
        #[arg(long, hide = true)]
        secs_to: Option<PathBuf>,
    },
    /// The ceiling and the import by turns, each import right after its own ceiling and each in a process of its
    /// own (run in one process, the import came after the ceiling's 600 MB of rows and ran slower); prints
    /// every pair's ratio and their median. This machine's speed drifts by a third from one minute to the next,
    /// so one ceiling and one import measured minutes apart can tell a ratio off by as much.
    Ratio {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        file: PathBuf,
        #[arg(long, default_value_t = 5)]
        rounds: usize,
    },
}

const FIRST: [&str; 24] = [
    "Ada",
    "Grace",
    "Alan",
    "Katherine",
    "Linus",
    "Margaret",
    "Barbara",
    "Edsger",
    "Frances",
    "John",
    "Hedy",
    "Radia",
    "Tim",
    "Donald",
    "Claude",
    "Niklaus",
    "Ken",
    "Dennis",
    "Bjarne",
    "Guido",
    "Anders",
    "Yukihiro",
    "Sophie",
    "Mary",
];
const LAST: [&str; 24] = [
    "Lovelace",
    "Hopper",
    "Turing",
    "Johnson",
    "Torvalds",
    "Hamilton",
    "Liskov",
    "Dijkstra",
    "Allen",
    "Backus",
    "Lamarr",
    "Perlman",
    "Lee",
    "Knuth",
    "Shannon",
    "Wirth",
    "Thompson",
    "Ritchie",
    "Stroustrup",
    "Rossum",
    "Hejlsberg",
    "Matsumoto",
    "Wilson",
    "Keller",
];
const CITIES: [&str; 8] = ["London", "Berlin", "Paris", "Austin", "Toronto", "Sydney", "Madrid", "Tokyo"];
const HEADERS: [&str; 10] =
    ["First Name", "Last Name", "Email", "Phone", "Company", "Title", "City", "Country", "Notes", "Created"];

fn row(i: usize) -> [String; 10] {
    // Every 20th row repeats an earlier person's email (in another case): a duplicate to find.
    let person = if i % 20 == 19 { i / 2 } else { i };
    let first = FIRST[person % FIRST.len()];
    let last = LAST[(person / FIRST.len()) % LAST.len()];
    let email = format!("{}.{}.{person}@company{}.example", first.to_lowercase(), last.to_lowercase(), person % 50_000);
    let email = if person != i { email.to_uppercase() } else { email };
    [
        first.into(),
        last.into(),
        email,
        format!("+1 {:03} {:03} {:04}", 200 + person / 10_000_000, (person / 10_000) % 1000, person % 10_000),
        format!("Company {} Ltd", person % 50_000),
        ["CEO", "CTO", "VP Sales", "Engineer", "Buyer"][person % 5].into(),
        CITIES[person % CITIES.len()].into(),
        ["UK", "DE", "FR", "US", "CA", "AU", "ES", "JP"][person % 8].into(),
        if i.is_multiple_of(10) { format!("Met at event {}", i % 97) } else { String::new() },
        format!("2026-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
    ]
}

fn files(rows: usize, dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let started = Instant::now();
    let csv_path = dir.join(format!("contacts_{rows}.csv"));
    let mut w = csv::Writer::from_path(&csv_path)?;
    w.write_record(HEADERS)?;
    for i in 0..rows {
        w.write_record(row(i))?;
    }
    w.flush()?;
    let xlsx_path = dir.join(format!("contacts_{rows}.xlsx"));
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet_with_constant_memory()?;
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h)?;
    }
    for i in 0..rows {
        for (c, v) in row(i).iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(i as u32 + 1, c as u16, v)?;
            }
        }
    }
    book.save(&xlsx_path)?;
    println!("wrote {} and {} in {:.1} s", csv_path.display(), xlsx_path.display(), started.elapsed().as_secs_f64());
    Ok(())
}

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

/// CPU seconds (user + system) used so far by `/proc/<stat>`: `self/stat` for the whole process, `thread-self/stat`
/// for the calling thread. The machine's speed varies from run to run; the CPU each part used varies less.
fn cpu_secs(stat: &str) -> f64 {
    let text = std::fs::read_to_string(format!("/proc/{stat}")).unwrap_or_default();
    // Fields after the command name (which may hold spaces), from the third: utime and stime are 14 and 15.
    let rest = text.rsplit_once(')').map(|(_, r)| r).unwrap_or_default();
    let fields: Vec<f64> = rest.split_whitespace().map(|f| f.parse().unwrap_or(0.0)).collect();
    fields.get(11).zip(fields.get(12)).map(|(u, s)| (u + s) / 100.0).unwrap_or(0.0)
}

/// The ceiling's time in seconds (parse + insert).
fn ceiling(file: &Path) -> anyhow::Result<f64> {
    use calamine::{Reader, Xlsx};
    let started = Instant::now();
    let mut rows: Vec<Vec<String>> = Vec::new();
    if file.extension().is_some_and(|e| e == "xlsx") {
        let mut book: Xlsx<_> = calamine::open_workbook(file)?;
        let name = book.sheet_names()[0].clone();
        let mut cells = book.worksheet_cells_reader(&name)?;
        let mut current: Vec<String> = Vec::new();
        let mut at = 0;
        while let Some(cell) = cells.next_cell()? {
            if cell.get_position().0 != at {
                rows.push(std::mem::take(&mut current));
                at = cell.get_position().0;
            }
            current.push(match cell.get_value() {
                calamine::DataRef::SharedString(s) => s.to_string(),
                calamine::DataRef::String(s) => s.clone(),
                other => format!("{other:?}"),
            });
        }
        rows.push(current);
    } else {
        let mut r = csv::Reader::from_path(file)?;
        for rec in r.records() {
            rows.push(rec?.iter().map(str::to_string).collect());
        }
    }
    let parse = started.elapsed().as_secs_f64();
    let db = std::env::temp_dir().join("outpost-ceiling.db");
    let _ = std::fs::remove_file(&db);
    let mut conn = rusqlite::Connection::open(&db)?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE t (a, b, c, d, e, f, g, h, i, j);",
    )?;
    let insert_started = Instant::now();
    let tx = conn.transaction()?;
    {
        let mut stmt = tx.prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")?;
        for r in rows.iter().skip(1) {
            let v = |i: usize| r.get(i).map(String::as_str).unwrap_or("");
            stmt.execute(rusqlite::params![v(0), v(1), v(2), v(3), v(4), v(5), v(6), v(7), v(8), v(9)])?;
        }
    }
    tx.commit()?;
    let insert = insert_started.elapsed().as_secs_f64();
    let _ = std::fs::remove_file(&db);
    println!(
        "ceiling {}: parse {parse:.2} s + plain insert {insert:.2} s = {:.2} s ({} rows)",
        file.display(),
        parse + insert,
        rows.len().saturating_sub(1)
    );
    Ok(parse + insert)
}

/// The import's time in seconds (to its commit).
fn run(db: &Path, file: &Path, no_undo: bool) -> anyhow::Result<f64> {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let core = Outpost::open(db, Arc::new(MemoryStore::default()))?;
    let req = ImportRequest {
        path: file.to_string_lossy().into_owned(),
        entity: ImportEntity::Contacts,
        ..Default::default()
    };
    let started = Instant::now();
    let (cpu, writer_cpu) = (cpu_secs("self/stat"), cpu_secs("thread-self/stat"));
    let s = core.run_import(&req, false)?;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "import {}: {:.2} s, {:.0} rows/s, peak RSS {:.0} MiB — {} rows: {} created, {} merged, {} rejected",
        file.display(),
        secs,
        s.counts.rows_in as f64 / secs,
        peak_rss_mib(),
        s.counts.rows_in,
        s.counts.created,
        s.counts.merged,
        s.counts.rejected
    );
    println!(
        "import CPU: {:.2} s in all, {:.2} s on the writer's thread",
        cpu_secs("self/stat") - cpu,
        cpu_secs("thread-self/stat") - writer_cpu
    );
    // After its commit the import's WAL is folded into the file and its list indexes are built, on threads of
    // their own while the app goes on; waited for here so that the undo is measured on its own.
    let started = Instant::now();
    core.db().settle();
    println!(
        "then in the background: checkpoint, list indexes and full-text merge done in {:.2} s, peak RSS {:.0} MiB",
        started.elapsed().as_secs_f64(),
        peak_rss_mib()
    );
    if !no_undo {
        let started = Instant::now();
        let u = core.undo_import(s.import_id)?;
        println!(
            "undo: {:.2} s — {} removed, peak RSS {:.0} MiB",
            started.elapsed().as_secs_f64(),
            u.removed,
            peak_rss_mib()
        );
    }
    Ok(secs)
}

fn ratio(db: &Path, file: &Path, rounds: usize) -> anyhow::Result<()> {
    let secs = std::env::temp_dir().join(format!("import-bench-secs-{}", std::process::id()));
    let step = |args: &[&std::ffi::OsStr]| -> anyhow::Result<f64> {
        let status =
            std::process::Command::new(std::env::current_exe()?).args(args).arg("--secs-to").arg(&secs).status()?;
        anyhow::ensure!(status.success(), "import-bench {:?} failed", args);
        Ok(std::fs::read_to_string(&secs)?.trim().parse()?)
    };
    let mut ratios = Vec::with_capacity(rounds);
    for round in 1..=rounds {
        let floor = step(&["ceiling".as_ref(), "--file".as_ref(), file.as_os_str()])?;
        let import = step(&[
            "run".as_ref(),
            "--no-undo".as_ref(),
            "--db".as_ref(),
            db.as_os_str(),
            "--file".as_ref(),
            file.as_os_str(),
        ])?;
        println!("round {round}: ratio {:.2}", import / floor);
        ratios.push(import / floor);
    }
    let _ = std::fs::remove_file(&secs);
    ratios.sort_by(f64::total_cmp);
    let median = ratios[ratios.len() / 2];
    println!(
        "ratio to the ceiling over {rounds} rounds: median {median:.2} (from {:.2} to {:.2})",
        ratios[0],
        ratios[ratios.len() - 1]
    );
    Ok(())
}

/// Writes a step's seconds where `ratio` reads them.
fn report(secs: f64, to: Option<PathBuf>) -> anyhow::Result<()> {
    if let Some(path) = to {
        std::fs::write(path, secs.to_string())?;
    }
    Ok(())
}

fn main() -> anyhow::Result<()> {
    // SAFETY: first thing in the process, before any thread or connection exists.
    unsafe { outpost_core::db::give_sqlite_mimalloc() };
    // `OUTPOST_LOG=outpost_core=debug` prints where an import spends its time.
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("OUTPOST_LOG").unwrap_or_else(|_| "warn".into()))
        .with_writer(std::io::stderr)
        .init();
    match Cli::parse().command {
        Command::Files { rows, dir } => files(rows, &dir),
        Command::Ceiling { file, secs_to } => report(ceiling(&file)?, secs_to),
        Command::Run { db, file, no_undo, secs_to } => report(run(&db, &file, no_undo)?, secs_to),
        Command::Ratio { db, file, rounds } => ratio(&db, &file, rounds.max(1)),
    }
}
