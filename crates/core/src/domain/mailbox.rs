//! Mailboxes: where mail is sent from (SMTP) and filed/read (IMAP). A mailbox never carries its password:
//! that lives only in the `SecretStore` (the OS keychain), under a key the store keeps to itself.
use serde::{Deserialize, Serialize};
use specta::Type;

/// How a connection is protected. STARTTLS upgrades a plain connection (SMTP 587, IMAP 143); `tls` speaks TLS
/// from the first byte (SMTP 465, IMAP 993); `none` sends the password in the clear and is only for test
/// servers on a trusted network — the UI warns before saving it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Security {
    #[default]
    Starttls,
    Tls,
    None,
}

impl Security {
    pub fn as_str(self) -> &'static str {
        match self {
            Security::Starttls => "starttls",
            Security::Tls => "tls",
            Security::None => "none",
        }
    }

    pub fn parse(s: &str) -> Option<Security> {
        match s {
            "starttls" => Some(Security::Starttls),
            "tls" => Some(Security::Tls),
            "none" => Some(Security::None),
            _ => None,
        }
    }
}

/// Whether the outbox may send from a mailbox. `auth_failed` is set by the sender when the server refuses the
/// password; saving a new password (or resuming) makes it `active` again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum MailboxState {
    Active,
    Paused,
    AuthFailed,
}

impl MailboxState {
    pub fn as_str(self) -> &'static str {
        match self {
            MailboxState::Active => "active",
            MailboxState::Paused => "paused",
            MailboxState::AuthFailed => "auth_failed",
        }
    }

    pub fn parse(s: &str) -> Option<MailboxState> {
        match s {
            "active" => Some(MailboxState::Active),
            "paused" => Some(MailboxState::Paused),
            "auth_failed" => Some(MailboxState::AuthFailed),
            _ => None,
        }
    }
}

/// When mail may go out. Empty `days` means every day; no `start`/`end` means all day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SendWindow {
    /// ISO weekdays: 1 = Monday … 7 = Sunday.
    #[serde(default)]
    pub days: Vec<u8>,
    /// "HH:MM", inclusive.
    #[serde(default)]
    pub start: Option<String>,
    /// "HH:MM", exclusive.
    #[serde(default)]
    pub end: Option<String>,
    /// An IANA zone such as "Europe/Berlin"; the computer's own zone when absent.
    #[serde(default)]
    pub timezone: Option<String>,
}

/// A mailbox as stored. No password field, ever.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Mailbox {
    pub id: i64,
    /// What the user calls it ("Work Gmail").
    pub name: String,
    /// The From address.
    pub email: String,
    /// The From name ("Ada Lovelace").
    pub display_name: Option<String>,
    pub smtp_host: String,
    pub smtp_port: u16,
    pub smtp_security: Security,
    pub imap_host: String,
    pub imap_port: u16,
    pub imap_security: Security,
    pub username: String,
    /// An extra trusted certificate (PEM) for servers with a private or self-signed certificate. Public.
    pub ca_pem: Option<String>,
    /// Messages per day; 0 means no limit.
    pub daily_limit: i64,
    /// Seconds between two messages (jitter is added on top); 0 means none.
    pub min_spacing_secs: i64,
    pub send_window: SendWindow,
    pub state: MailboxState,
    /// Why it is paused or failing, in plain words.
    pub state_reason: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// What the add/edit form (and `outpost mailbox add`) sends. The password is write-only: it goes straight to the
/// keychain and is never returned. On edit, `None` keeps the stored password.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct MailboxInput {
    pub name: String,
    pub email: String,
    #[serde(default)]
    pub display_name: Option<String>,
    pub smtp_host: String,
    pub smtp_port: u16,
    pub smtp_security: Security,
    pub imap_host: String,
    pub imap_port: u16,
    pub imap_security: Security,
    pub username: String,
    #[serde(default)]
    pub ca_pem: Option<String>,
    #[serde(default)]
    pub daily_limit: Option<i64>,
    #[serde(default)]
    pub min_spacing_secs: Option<i64>,
    #[serde(default)]
    pub send_window: Option<SendWindow>,
    #[serde(default)]
    pub password: Option<String>,
}

/// The outcome of trying one protocol of a mailbox.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ProtocolCheck {
    pub ok: bool,
    /// A stable `mail_*` code when it failed (`mail_dns`, `mail_refused`, `mail_tls`, `mail_auth`,
    /// `mail_timeout`, …).
    pub code: Option<String>,
    /// Plain words: "Connected and signed in." or what went wrong and what to do.
    pub message: String,
    /// The server's own reply, when it gave one.
    pub server_reply: Option<String>,
    pub elapsed_ms: u32,
}

/// "Test connection": SMTP and IMAP, each checked on its own.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ConnectionTest {
    pub smtp: ProtocolCheck,
    pub imap: ProtocolCheck,
}

impl ConnectionTest {
    pub fn ok(&self) -> bool {
        self.smtp.ok && self.imap.ok
    }
}

/// Known providers' settings, so most people only type their address and an app password.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct MailboxPreset {
    /// "gmail", "google_workspace", "outlook", "icloud", "fastmail", "yahoo", "zoho", "custom".
    pub id: String,
    pub label: String,
    pub smtp_host: String,
    pub smtp_port: u16,
    pub smtp_security: Security,
    pub imap_host: String,
    pub imap_port: u16,
    pub imap_security: Security,
    /// What to type as the username.
    pub username_hint: String,
    /// How to get a password that works (app passwords, admin settings).
    pub password_help: String,
    /// Where to create an app password, when the provider has such a page.
    pub help_url: Option<String>,
}
