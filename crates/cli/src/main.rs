//! `outpost`: Outpost's core from a terminal. Scriptable: `--json` prints one JSON document on stdout;
//! failures exit non-zero with one clear message (and, with `--json`, an `{"error": {code, message}}` object).

/// mimalloc: see the workspace manifest.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cli;
mod cmd;
mod output;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // SAFETY: first thing in the process, before any thread or connection exists.
    unsafe { outpost_core::db::give_sqlite_mimalloc() };
    let cli = cli::Cli::parse();
    let json = cli.json;
    match cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            output::error(&e, json);
            ExitCode::from(1)
        }
    }
}
