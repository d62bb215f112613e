//! What can go wrong talking to a mail server, sorted by what the user (or the outbox) should do about it.
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum MailErrorKind {
    /// The host name did not resolve.
    Dns,
    /// Nothing listens on that host and port (or a firewall refused).
    Refused,
    /// The TLS handshake failed: certificate not trusted, wrong host name, or the port speaks plain text.
    Tls,
    /// The server refused the username or password.
    Auth,
    /// No answer in time.
    Timeout,
    /// The connection dropped mid-conversation. Retry: the server may or may not have the message.
    Dropped,
    /// A 4xx reply: try again later.
    Transient,
    /// A 5xx reply: retrying will not help; the server's reply says why.
    Permanent,
    /// The server said something we did not understand.
    Protocol,
}

impl MailErrorKind {
    /// Whether a send that failed this way should be retried later (with backoff).
    pub fn is_retryable(self) -> bool {
        matches!(self, Self::Dns | Self::Refused | Self::Timeout | Self::Dropped | Self::Transient)
    }
}

#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct MailError {
    pub kind: MailErrorKind,
    /// Plain words for the user: what happened and what to do. Never contains a password.
    pub message: String,
    /// The server's own reply line(s), when there was one (e.g. "550 5.1.1 user unknown").
    pub server_reply: Option<String>,
}

impl MailError {
    pub fn new(kind: MailErrorKind, message: impl Into<String>) -> Self {
        MailError { kind, message: message.into(), server_reply: None }
    }

    pub fn with_reply(mut self, reply: impl Into<String>) -> Self {
        self.server_reply = Some(reply.into());
        self
    }

    /// Stable codes for the UI and scripts (`CoreError::code`).
    pub fn code(&self) -> &'static str {
        match self.kind {
            MailErrorKind::Dns => "mail_dns",
            MailErrorKind::Refused => "mail_refused",
            MailErrorKind::Tls => "mail_tls",
            MailErrorKind::Auth => "mail_auth",
            MailErrorKind::Timeout => "mail_timeout",
            MailErrorKind::Dropped => "mail_dropped",
            MailErrorKind::Transient => "mail_transient",
            MailErrorKind::Permanent => "mail_rejected",
            MailErrorKind::Protocol => "mail_protocol",
        }
    }
}
