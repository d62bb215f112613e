//! Sending over SMTP (lettre, rustls). The outbox's only way out.
//!
//! API (stable; the outbox builds on it):
//! - `SmtpSender::new(&Mailbox, password) -> Result<SmtpSender, MailError>` — no connection yet; connections
//!   are opened on demand, kept in a small pool and reused. `&self` methods may run concurrently. Create and
//!   drop it inside a tokio runtime: the pool runs a cleanup task.
//! - `SmtpSender::with_timeout(&Mailbox, password, Duration)` — the same with another I/O timeout.
//! - `async fn send_raw(&self, envelope_from, to: &[String], raw: &[u8]) -> Result<String, MailError>` —
//!   sends a complete RFC 5322 message; `Ok` carries the server's reply ("250 2.0.0 OK queued as …").
//! - `async fn check(&self) -> Result<(), MailError>` — connects, signs in and says NOOP (used by "test
//!   connection").
//!
//! Errors map onto `MailErrorKind`: 5xx → `Permanent` (reply kept), 4xx → `Transient`, 530/534/535/538 →
//! `Auth`, refused / DNS / timeout / dropped connections → `Refused` / `Dns` / `Timeout` / `Dropped`,
//! certificate and handshake problems → `Tls`.
use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::transport::smtp::PoolConfig;
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::error::{MailError, MailErrorKind};
use super::net;
use crate::domain::{Mailbox, Security};

/// How long one read or write may wait before the attempt counts as timed out.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Connections kept open per mailbox: one connection manages ~20 messages a second; a handful more.
const POOL_SIZE: u32 = 8;

pub struct SmtpSender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    host: String,
    port: u16,
}

impl std::fmt::Debug for SmtpSender {
    // The transport holds the credentials: never print it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSender").field("host", &self.host).field("port", &self.port).finish_non_exhaustive()
    }
}

impl SmtpSender {
    pub fn new(mailbox: &Mailbox, password: &str) -> Result<SmtpSender, MailError> {
        Self::with_timeout(mailbox, password, DEFAULT_TIMEOUT)
    }

    pub fn with_timeout(mailbox: &Mailbox, password: &str, timeout: Duration) -> Result<SmtpSender, MailError> {
        let host = mailbox.smtp_host.trim().to_string();
        let port = mailbox.smtp_port;
        let builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host.clone()).port(port);
        let builder = match mailbox.smtp_security {
            Security::Starttls => builder.tls(Tls::Required(tls_parameters(&host, mailbox.ca_pem.as_deref())?)),
            Security::Tls => builder.tls(Tls::Wrapper(tls_parameters(&host, mailbox.ca_pem.as_deref())?)),
            Security::None => builder.tls(Tls::None),
        };
        let transport = builder
            .credentials(Credentials::new(mailbox.username.clone(), password.to_string()))
            .authentication(vec![Mechanism::Plain, Mechanism::Login])
            .timeout(Some(timeout))
            .pool_config(PoolConfig::new().max_size(POOL_SIZE).idle_timeout(Duration::from_secs(60)))
            .build();
        Ok(SmtpSender { transport, host, port })
    }

    /// Sends `raw` (a complete message, headers and body) to `to`, with `envelope_from` as the return path.
    pub async fn send_raw(&self, envelope_from: &str, to: &[String], raw: &[u8]) -> Result<String, MailError> {
        let from = parse_address(envelope_from)?;
        let to = to.iter().map(|a| parse_address(a)).collect::<Result<Vec<_>, _>>()?;
        let envelope = Envelope::new(Some(from), to)
            .map_err(|e| MailError::new(MailErrorKind::Permanent, format!("The message has no recipient ({e}).")))?;
        let response = self.transport.send_raw(&envelope, raw).await.map_err(|e| self.explain(&e))?;
        let text: Vec<&str> = response.message().collect();
        Ok(format!("{} {}", response.code(), text.join(" ")).trim_end().to_string())
    }

    /// Connects, signs in and checks the server answers.
    pub async fn check(&self) -> Result<(), MailError> {
        // Resolve first: lettre's own resolver error says little.
        net::resolve(&self.host, self.port, DEFAULT_TIMEOUT).await?;
        match self.transport.test_connection().await {
            Ok(true) => Ok(()),
            Ok(false) => Err(MailError::new(
                MailErrorKind::Protocol,
                format!("{} accepted the connection but did not answer as a mail server.", self.host),
            )),
            Err(e) => Err(self.explain(&e)),
        }
    }

    /// Sorts a lettre error into a `MailError` with plain words (never the password: lettre does not echo it).
    fn explain(&self, e: &lettre::transport::smtp::Error) -> MailError {
        let (host, port) = (self.host.as_str(), self.port);
        let chain = chain_text(e);
        if let Some(code) = e.status() {
            let reply = reply_text(&code.to_string(), &chain);
            let numeric: u16 = code.to_string().parse().unwrap_or(0);
            if matches!(numeric, 530 | 534 | 535 | 538) {
                return auth_failed(host).with_reply(reply);
            }
            if e.is_permanent() {
                return MailError::new(MailErrorKind::Permanent, format!("{host} refused the message: {reply}"))
                    .with_reply(reply);
            }
            return MailError::new(MailErrorKind::Transient, format!("{host} asked to try again later: {reply}"))
                .with_reply(reply);
        }
        if e.is_timeout() {
            return net::timed_out(host, port);
        }
        if e.is_tls() || looks_like_tls(&chain) {
            return super::tls::explain_handshake(host, &std::io::Error::other(chain));
        }
        if let Some(io) = find_io(e) {
            return net::classify_io(host, port, io);
        }
        if net::looks_like_dns(&chain) {
            return net::not_found(host);
        }
        if e.is_transport_shutdown() || chain.contains("incomplete response") {
            return net::dropped(host);
        }
        if chain.contains("No compatible authentication mechanism") {
            return MailError::new(
                MailErrorKind::Auth,
                format!(
                    "{host} offers no way to sign in that Outpost supports on this connection. Most servers only \
                     allow signing in over STARTTLS or TLS."
                ),
            );
        }
        MailError::new(MailErrorKind::Protocol, format!("{host} answered unexpectedly: {chain}"))
    }
}

pub(crate) fn auth_failed(host: &str) -> MailError {
    MailError::new(
        MailErrorKind::Auth,
        format!(
            "{host} refused the username or password. Check them; many providers (Gmail, iCloud, Yahoo, Outlook) \
             need an app password instead of your normal one."
        ),
    )
}

fn tls_parameters(host: &str, ca_pem: Option<&str>) -> Result<TlsParameters, MailError> {
    let mut builder = TlsParameters::builder(host.to_string());
    if let Some(pem) = ca_pem.map(str::trim).filter(|p| !p.is_empty()) {
        super::tls::parse_pem(pem)?; // the same checks and words as IMAP
        let cert = Certificate::from_pem(pem.as_bytes())
            .map_err(|e| MailError::new(MailErrorKind::Tls, format!("The extra certificate is not usable: {e}")))?;
        builder = builder.add_root_certificate(cert);
    }
    builder
        .build_rustls()
        .map_err(|e| MailError::new(MailErrorKind::Tls, format!("Could not set up TLS for {host}: {e}")))
}

fn parse_address(a: &str) -> Result<Address, MailError> {
    a.trim().parse::<Address>().map_err(|_| {
        MailError::new(MailErrorKind::Permanent, format!("“{a}” is not an email address this server can take."))
    })
}

fn chain_text(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let more = s.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = s.source();
    }
    text
}

fn find_io<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a std::io::Error> {
    let mut source = e.source();
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            return Some(io);
        }
        source = s.source();
    }
    None
}

fn looks_like_tls(text: &str) -> bool {
    let t = text.to_lowercase();
    t.contains("certificate") || t.contains("handshake") || t.contains("corrupt message") || t.contains("tls")
}

/// "550" + "permanent error (550): 5.1.1 <x>: rejected" → "550 5.1.1 <x>: rejected".
fn reply_text(code: &str, chain: &str) -> String {
    let rest = chain.split_once("): ").map(|(_, r)| r).unwrap_or("").trim();
    if rest.is_empty() {
        code.to_string()
    } else {
        format!("{code} {rest}")
    }
}
