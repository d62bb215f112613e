//! One file per subcommand; each opens the core and calls one use case.
mod backup;
mod contacts;
mod deals;
mod demo;
mod export;
mod import;
mod init;
mod mailbox;
mod outbox;
mod search;
mod sequence;
mod stats;
mod sync;

use std::sync::Arc;

use outpost_core::secrets::KeyringStore;
use outpost_core::Outpost;

use crate::cli::{Cli, Command};

pub struct Ctx {
    pub core: Outpost,
    pub json: bool,
}

pub fn run(cli: Cli) -> anyhow::Result<()> {
    let path = cli.db.unwrap_or_else(outpost_core::paths::default_db_path);
    let core = Outpost::open(&path, Arc::new(KeyringStore::default()))?;
    let ctx = Ctx { core, json: cli.json };
    match cli.command {
        Command::Init => init::run(&ctx),
        Command::Demo => demo::run(&ctx),
        Command::Stats => stats::run(&ctx),
        Command::Search { query, limit } => search::run(&ctx, &query, limit),
        Command::Contacts { command } => contacts::run(&ctx, command),
        Command::Import { file, sheet, entity, mapping, on_duplicate, dry_run, default_country, command } => {
            match command {
                Some(command) => import::subcommand(&ctx, command),
                None => import::run(
                    &ctx,
                    import::Args {
                        file: file.unwrap_or_default(),
                        sheet,
                        entity,
                        mapping,
                        on_duplicate,
                        dry_run,
                        default_country,
                    },
                ),
            }
        }
        Command::Imports { limit } => import::history(&ctx, limit),
        Command::Export { what, format, output } => export::run(&ctx, what, format, &output),
        Command::Backup { output } => backup::backup(&ctx, &output),
        Command::Restore { file } => backup::restore(&ctx, &file),
        Command::Deals { command } => deals::run(&ctx, command),
        Command::Mailbox { command } => mailbox::run(&ctx, command),
        Command::Send { mailbox, to, subject, body, template, contact } => {
            outbox::send(&ctx, outbox::SendArgs { mailbox, to, subject, body, template, contact })
        }
        Command::Outbox { command } => outbox::run(&ctx, command),
        Command::Sync { mailbox, once, interval } => sync::run(&ctx, mailbox, once, interval),
        Command::Inbox { mailbox, linked, limit } => sync::inbox(&ctx, mailbox, linked, limit),
        Command::Sequence { command } => sequence::run(&ctx, command),
        Command::Scheduler { command } => sequence::scheduler(&ctx, command),
    }
}
