//! The command line, as clap sees it.
use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "outpost", version, about = "Outpost CRM from the terminal")]
pub struct Cli {
    /// The database file (default: the app's own, in the OS app-data dir).
    #[arg(long, global = true, env = "OUTPOST_DB")]
    pub db: Option<PathBuf>,

    /// Print one JSON document instead of text.
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Create the database (or bring it up to date) and print where it is.
    Init,
    /// Load the sample companies, contacts, deals, tasks and notes (once per database).
    Demo,
    /// Count the records of each kind.
    Stats,
    /// Full-text search across contacts, companies, deals and notes.
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Deals in pipelines.
    Deals {
        #[command(subcommand)]
        command: DealsCommand,
    },
    /// Contacts and leads.
    Contacts {
        #[command(subcommand)]
        command: ContactsCommand,
    },
}

#[derive(Subcommand)]
pub enum ContactsCommand {
    /// One page of contacts, sorted by last name.
    List {
        #[arg(long, default_value_t = 100)]
        limit: u32,
        /// Only contacts matching this text.
        #[arg(long)]
        search: Option<String>,
        /// The `next_cursor` of the previous page.
        #[arg(long)]
        cursor: Option<String>,
        /// name, first_name, created_at, updated_at or score
        #[arg(long)]
        sort: Option<String>,
        /// Sort descending.
        #[arg(long)]
        desc: bool,
    },
    /// One contact with its emails and phones.
    Show { id: i64 },
    /// Add a contact.
    Add {
        #[arg(long, default_value = "")]
        first_name: String,
        #[arg(long, default_value = "")]
        last_name: String,
        #[arg(long)]
        email: Vec<String>,
        #[arg(long)]
        phone: Vec<String>,
        #[arg(long)]
        company: Option<String>,
        #[arg(long)]
        title: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum DealsCommand {
    /// Deals in board order (pipeline, stage, position).
    List {
        #[arg(long)]
        pipeline: Option<i64>,
        /// open, won or lost
        #[arg(long)]
        status: Option<String>,
        #[arg(long, default_value_t = 1000)]
        limit: usize,
    },
    /// Move a deal to another stage of its pipeline (by stage id or name); writes stage history and the timeline.
    Move {
        deal_id: i64,
        stage: String,
        /// Why it was lost (required when moving to a lost stage).
        #[arg(long)]
        reason: Option<String>,
    },
}
