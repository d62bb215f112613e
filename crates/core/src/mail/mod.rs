//! Email: mailboxes and their connections (SMTP via lettre, IMAP via async-imap over rustls), templates,
//! the durable outbox and its sender, and (later) IMAP sync.
//!
//! Who owns what while this area is being built: `error.rs` is shared; connections (`smtp`, `imap`, `tls`,
//! `connect_test`) and mailboxes belong to the connection work; `message`, `outbox/`, `pacing` to the outbox
//! work; `render` / templates and suppression to the template work.
pub mod connect_test;
pub mod error;
pub mod imap;
pub mod message;
pub mod net;
pub mod outbox;
pub mod pacing;
pub mod presets;
pub mod render;
pub mod sanitize;
pub mod smtp;
pub mod sync;
pub mod tls;
pub mod worker_lock;

pub use error::{MailError, MailErrorKind};
