//! What the outbox needs from a mailbox's servers, as a trait (tests swap in a scripted fake), and the real
//! one: SMTP through `SmtpSender`, the Sent folder through one `ImapSession`.
use std::future::Future;

use chrono::{DateTime, Utc};
use tokio::sync::Mutex;

use crate::domain::Mailbox;
use crate::error::Result;
use crate::mail::imap::ImapSession;
use crate::mail::smtp::SmtpSender;
use crate::mail::MailError;
use crate::Outpost;

/// The time, injectable: tests step it past backoffs and across days.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// One mailbox's way out. `send` may run several at once (the SMTP pool); the Sent-folder calls are
/// serialized by the implementation.
pub trait Courier: Send + Sync {
    /// Hands a complete message to the SMTP server; `Ok` is its accepting reply.
    fn send(
        &self,
        envelope_from: &str,
        to: &[String],
        raw: &[u8],
    ) -> impl Future<Output = Result<String, MailError>> + Send;
    /// Files a sent message in the Sent folder.
    fn file_sent(&self, raw: &[u8]) -> impl Future<Output = Result<(), MailError>> + Send;
    /// Whether the Sent folder already holds a message with this Message-ID (crash recovery).
    fn in_sent(&self, message_id: &str) -> impl Future<Output = Result<bool, MailError>> + Send;
}

/// Makes a courier for a mailbox (reads its password from the keychain for the real one).
pub trait Connector: Send + Sync {
    type Courier: Courier;
    fn connect(&self, core: &Outpost, mailbox: &Mailbox) -> Result<Self::Courier>;
}

/// The real servers.
pub struct LiveConnector;

impl Connector for LiveConnector {
    type Courier = LiveCourier;

    fn connect(&self, core: &Outpost, mailbox: &Mailbox) -> Result<LiveCourier> {
        let password = core.mailbox_password(mailbox.id)?;
        let smtp = SmtpSender::new(mailbox, &password)?;
        Ok(LiveCourier { smtp, mailbox: mailbox.clone(), password, imap: Mutex::new(None) })
    }
}

pub struct LiveCourier {
    smtp: SmtpSender,
    mailbox: Mailbox,
    password: String,
    /// Opened on first use and kept; dropped after an error so the next call reconnects.
    imap: Mutex<Option<(ImapSession, String)>>,
}

impl std::fmt::Debug for LiveCourier {
    // Holds the password: never print it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveCourier").field("mailbox", &self.mailbox.id).finish_non_exhaustive()
    }
}

impl LiveCourier {
    /// Runs `f` on the open IMAP session (opening it and finding the Sent folder first when needed).
    async fn with_sent<T>(
        &self,
        f: impl AsyncFnOnce(&mut ImapSession, &str) -> Result<T, MailError>,
    ) -> Result<T, MailError> {
        let mut guard = self.imap.lock().await;
        if guard.is_none() {
            let mut session = ImapSession::connect(&self.mailbox, &self.password).await?;
            let folder = session.find_sent_folder().await?;
            *guard = Some((session, folder));
        }
        let (session, folder) = guard.as_mut().expect("just opened");
        let folder = folder.clone();
        let out = f(session, &folder).await;
        if out.is_err() {
            *guard = None;
        }
        out
    }
}

impl Courier for LiveCourier {
    async fn send(&self, envelope_from: &str, to: &[String], raw: &[u8]) -> Result<String, MailError> {
        self.smtp.send_raw(envelope_from, to, raw).await
    }

    async fn file_sent(&self, raw: &[u8]) -> Result<(), MailError> {
        self.with_sent(async |s, folder| s.append(folder, raw).await).await
    }

    async fn in_sent(&self, message_id: &str) -> Result<bool, MailError> {
        self.with_sent(async |s, folder| s.has_message_id(folder, message_id).await).await
    }
}
