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
    /// Import a spreadsheet (xlsx, xlsm, xlsb, xls, ods, csv, tsv, txt, vcf) in one all-or-nothing step.
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    Import {
        /// The file to import.
        #[arg(required = true)]
        file: Option<PathBuf>,
        /// The sheet to read (default: the first visible one).
        #[arg(long)]
        sheet: Option<String>,
        /// What the rows are.
        #[arg(long, value_enum, default_value_t = EntityArg::Contacts)]
        entity: EntityArg,
        /// A JSON object mapping column headers (or "#N" for the N-th column) to targets such as
        /// "first_name", "email", "company", "custom:tier" or "ignore"; other columns use suggestions.
        #[arg(long)]
        mapping: Option<PathBuf>,
        /// What to do with a row that matches an existing record.
        #[arg(long = "on-duplicate", value_enum, default_value_t = PolicyArg::Skip)]
        on_duplicate: PolicyArg,
        /// Do all the work and report the counts, then write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Read phone numbers without a country code as this country's (e.g. US, DE) and store them in E.164.
        #[arg(long)]
        default_country: Option<String>,
        #[command(subcommand)]
        command: Option<ImportCommand>,
    },
    /// Export contacts, companies or deals (custom fields included) to CSV or XLSX.
    Export {
        #[arg(value_enum)]
        what: ExportWhat,
        #[arg(long, value_enum, default_value_t = FormatArg::Csv)]
        format: FormatArg,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// A consistent copy of the database (safe while the app is running).
    Backup {
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Replace the database's content with a backup's. The current content is saved first as a
    /// "before_restore" backup in the backups folder beside the database.
    Restore { file: PathBuf },
    /// The import history, newest first.
    Imports {
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Contacts and leads.
    Contacts {
        #[command(subcommand)]
        command: ContactsCommand,
    },
    /// Mailboxes to send from. Passwords go to the OS keychain, never into the database.
    Mailbox {
        #[command(subcommand)]
        command: MailboxCommand,
    },
    /// Queue an email: free text (--subject and --body) or a template filled for a contact. Prints the
    /// outbound id and its Message-ID; `outbox run` (or the open app) sends it.
    Send {
        #[arg(long)]
        mailbox: i64,
        /// The recipient (default: the contact's primary email).
        #[arg(long)]
        to: Option<String>,
        #[arg(long, required_unless_present = "template", conflicts_with = "template")]
        subject: Option<String>,
        #[arg(long, required_unless_present = "template", conflicts_with = "template")]
        body: Option<String>,
        #[arg(long, requires = "contact")]
        template: Option<i64>,
        #[arg(long)]
        contact: Option<i64>,
    },
    /// The outbox: what waits, goes, went or failed.
    Outbox {
        #[command(subcommand)]
        command: OutboxCommand,
    },
    /// Fetch new mail over IMAP (INBOX, Sent and enabled folders), thread it onto records and classify it
    /// (reply, auto-reply, bounce, unsubscribe); prints the counts. Without --once it repeats until stopped.
    Sync {
        /// Only this mailbox (default: every active one).
        #[arg(long)]
        mailbox: Option<i64>,
        /// One pass, then exit.
        #[arg(long)]
        once: bool,
        /// Seconds between passes without --once.
        #[arg(long, default_value_t = 60)]
        interval: u64,
    },
    /// Synced conversations, newest first, with their linked records.
    Inbox {
        #[arg(long)]
        mailbox: Option<i64>,
        /// Only conversations linked to a contact, company or deal.
        #[arg(long)]
        linked: bool,
        #[arg(long, default_value_t = 100)]
        limit: usize,
    },
    /// Sequences and campaigns: create from a JSON file, list, enroll contacts, report.
    Sequence {
        #[command(subcommand)]
        command: SequenceCommand,
    },
    /// The sequences' scheduler.
    Scheduler {
        #[command(subcommand)]
        command: SchedulerCommand,
    },
}

#[derive(Subcommand)]
pub enum SequenceCommand {
    /// Create a sequence from a JSON file (format in the README); prints it with its step ids.
    Create {
        #[arg(long)]
        file: PathBuf,
    },
    /// Every sequence with its counts.
    List,
    /// Enroll the contacts of a saved contacts/leads view, or a list of ids; prints who was skipped and why.
    Enroll {
        sequence: i64,
        #[arg(long, conflicts_with = "contacts", required_unless_present = "contacts")]
        view: Option<i64>,
        /// Comma-separated contact ids.
        #[arg(long, value_delimiter = ',')]
        contacts: Option<Vec<i64>>,
        /// Only show who would be enrolled and who skipped.
        #[arg(long)]
        dry_run: bool,
    },
    /// Per sequence and step: enrolled, sent, replied, bounced, unsubscribed, reply rate, deals and meetings.
    Stats { sequence: i64 },
    /// Turn a replied enrollment into a deal (default pipeline, first stage) or an engaged lead.
    Convert {
        enrollment: i64,
        /// deal or lead
        #[arg(long)]
        to: String,
    },
}

#[derive(Subcommand)]
pub enum SchedulerCommand {
    /// Run the work due at one instant, once (default: now), and print what it did.
    Tick {
        /// RFC 3339, e.g. 2030-01-07T09:00:00Z.
        #[arg(long)]
        now: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum OutboxCommand {
    /// Messages (queued first, with when each will go) and each sending mailbox's state.
    List {
        /// queued, sending, sent, failed or cancelled
        #[arg(long)]
        status: Option<String>,
        #[arg(long, default_value_t = 200)]
        limit: usize,
    },
    /// Send what is due now, then print the counts (sent, failed, deferred). Refused while the app is sending.
    Run,
}

#[derive(Subcommand)]
pub enum MailboxCommand {
    /// Add a mailbox; prints its id. The password is read from stdin (one line), never from an argument.
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
        /// The From name.
        #[arg(long)]
        display_name: Option<String>,
        /// HOST:PORT of the SMTP server.
        #[arg(long, value_name = "HOST:PORT")]
        smtp: String,
        #[arg(long, value_enum)]
        smtp_security: SecurityArg,
        /// HOST:PORT of the IMAP server.
        #[arg(long, value_name = "HOST:PORT")]
        imap: String,
        #[arg(long, value_enum)]
        imap_security: SecurityArg,
        #[arg(long)]
        username: String,
        /// An extra trusted certificate (PEM) for a server with a private or self-signed certificate.
        #[arg(long, value_name = "PEM")]
        ca_file: Option<PathBuf>,
        /// Read the password from stdin (required: passwords on the command line end up in shell history).
        #[arg(long)]
        password_stdin: bool,
    },
    /// Every mailbox with its state.
    List,
    /// Sign in to the mailbox's SMTP and IMAP servers and report each; exits 1 when either fails.
    Test { id: i64 },
    /// Remove a mailbox and delete its password from the keychain.
    Remove { id: i64 },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum SecurityArg {
    Starttls,
    Tls,
    None,
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

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Remove what an import created and restore what it updated.
    Undo { import_id: i64 },
    /// Write an import's rejected rows, with the reason for each, to a CSV file.
    Rejects {
        import_id: i64,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum EntityArg {
    Contacts,
    Companies,
    Deals,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum PolicyArg {
    Skip,
    Update,
    Fill,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ExportWhat {
    Contacts,
    Leads,
    Companies,
    Deals,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    Csv,
    Xlsx,
}
