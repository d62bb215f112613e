//! IMAP sessions (async-imap over tokio-rustls): filing sent mail and finding it again.
//!
//! API (stable; the outbox builds on it):
//! - `ImapSession::connect(&Mailbox, password) -> Result<ImapSession, MailError>` — TCP, TLS (implicit or
//!   STARTTLS, per the mailbox), greeting, LOGIN. `connect_with_timeout` takes another timeout.
//! - `async fn find_sent_folder(&mut self) -> Result<String, MailError>` — the folder marked `\Sent`
//!   (RFC 6154 SPECIAL-USE), else a folder with a usual name ("Sent", "Sent Items", "[Gmail]/Sent Mail", …),
//!   else a new "Sent" folder, created.
//! - `async fn append(&mut self, folder, raw: &[u8]) -> Result<(), MailError>` — files a message, marked seen.
//! - `async fn has_message_id(&mut self, folder, message_id) -> Result<bool, MailError>` — SEARCH HEADER
//!   Message-ID; true when the folder holds a message with that Message-ID (angle brackets optional).
//! - `async fn logout(self)`.
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use async_imap::types::NameAttribute;
use futures_util::TryStreamExt;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;
use tokio_rustls::rustls::pki_types::ServerName;
use tokio_rustls::TlsConnector;

use super::error::{MailError, MailErrorKind};
use super::net;
use crate::domain::{Mailbox, Security};

pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Names servers give the sent folder when they do not mark it `\Sent`.
const SENT_NAMES: &[&str] =
    &["Sent", "Sent Items", "Sent Messages", "Sent Mail", "[Gmail]/Sent Mail", "INBOX.Sent", "INBOX/Sent"];

/// A plain or TLS connection, so one session type serves every security setting.
pub enum Stream {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

impl fmt::Debug for Stream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Stream::Plain(_) => "Stream::Plain",
            Stream::Tls(_) => "Stream::Tls",
        })
    }
}

impl AsyncRead for Stream {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Stream {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_flush(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

pub struct ImapSession {
    session: async_imap::Session<Stream>,
    host: String,
    port: u16,
    timeout: Duration,
}

impl fmt::Debug for ImapSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImapSession").field("host", &self.host).field("port", &self.port).finish_non_exhaustive()
    }
}

impl ImapSession {
    pub async fn connect(mailbox: &Mailbox, password: &str) -> Result<ImapSession, MailError> {
        Self::connect_with_timeout(mailbox, password, DEFAULT_TIMEOUT).await
    }

    pub async fn connect_with_timeout(
        mailbox: &Mailbox,
        password: &str,
        timeout: Duration,
    ) -> Result<ImapSession, MailError> {
        let host = mailbox.imap_host.trim().to_string();
        let port = mailbox.imap_port;
        let tcp = net::connect(&host, port, timeout).await?;
        let tls = || async {
            let config = super::tls::client_config(mailbox.ca_pem.as_deref())?;
            Ok::<_, MailError>(TlsConnector::from(config))
        };
        let stream = match mailbox.imap_security {
            Security::Tls => Stream::Tls(Box::new(handshake(&tls().await?, &host, port, tcp, timeout).await?)),
            Security::Starttls | Security::None => Stream::Plain(tcp),
        };
        let mut client = async_imap::Client::new(stream);
        // async-imap does not read the greeting itself.
        let greeting = within(timeout, &host, port, client.read_response()).await?;
        match greeting {
            Ok(Some(_)) => {}
            Ok(None) => return Err(net::dropped(&host)),
            Err(e) => return Err(net::classify_io(&host, port, &e)),
        }
        if mailbox.imap_security == Security::Starttls {
            within(timeout, &host, port, client.run_command_and_check_ok("STARTTLS", None)).await?.map_err(
                |e| match e {
                    async_imap::error::Error::No(_) | async_imap::error::Error::Bad(_) => MailError::new(
                        MailErrorKind::Tls,
                        format!("{host} does not offer STARTTLS on port {port}. Try TLS (usually port 993)."),
                    ),
                    other => explain(&host, port, other),
                },
            )?;
            let Stream::Plain(tcp) = client.into_inner() else { unreachable!("STARTTLS starts on a plain stream") };
            let upgraded = handshake(&tls().await?, &host, port, tcp, timeout).await?;
            client = async_imap::Client::new(Stream::Tls(Box::new(upgraded)));
        }
        let login = within(timeout, &host, port, client.login(&mailbox.username, password)).await?;
        let session = match login {
            Ok(session) => session,
            Err((async_imap::error::Error::No(reply), _)) => {
                return Err(super::smtp::auth_failed(&host).with_reply(reply));
            }
            Err((e, _)) => return Err(explain(&host, port, e)),
        };
        Ok(ImapSession { session, host, port, timeout })
    }

    /// The folder sent mail is filed in (see the module docs for the order of preference), created when the
    /// server has none.
    pub async fn find_sent_folder(&mut self) -> Result<String, MailError> {
        if let Some(found) = self.existing_sent_folder().await? {
            return Ok(found);
        }
        let (host, port, timeout) = (self.host.clone(), self.port, self.timeout);
        within(timeout, &host, port, self.session.create("Sent")).await?.map_err(|e| explain(&host, port, e))?;
        Ok("Sent".to_string())
    }

    /// The sent folder when the server has one; creates nothing.
    pub async fn existing_sent_folder(&mut self) -> Result<Option<String>, MailError> {
        let (host, port, timeout) = (self.host.clone(), self.port, self.timeout);
        let names = within(timeout, &host, port, async {
            let stream = self.session.list(Some(""), Some("*")).await?;
            stream.try_collect::<Vec<_>>().await
        })
        .await?
        .map_err(|e| explain(&host, port, e))?;
        let selectable = |n: &&async_imap::types::Name| !n.attributes().contains(&NameAttribute::NoSelect);
        if let Some(sent) =
            names.iter().filter(selectable).find(|n| n.attributes().iter().any(|a| matches!(a, NameAttribute::Sent)))
        {
            return Ok(Some(sent.name().to_string()));
        }
        for wanted in SENT_NAMES {
            if let Some(n) = names.iter().filter(selectable).find(|n| n.name().eq_ignore_ascii_case(wanted)) {
                return Ok(Some(n.name().to_string()));
            }
        }
        Ok(None)
    }

    /// Files `raw` in `folder`, marked as read.
    pub async fn append(&mut self, folder: &str, raw: &[u8]) -> Result<(), MailError> {
        let (host, port, timeout) = (self.host.clone(), self.port, self.timeout);
        within(timeout, &host, port, self.session.append(folder, Some("(\\Seen)"), None, raw))
            .await?
            .map_err(|e| explain(&host, port, e))
    }

    /// Whether `folder` holds a message whose Message-ID header is `message_id`.
    pub async fn has_message_id(&mut self, folder: &str, message_id: &str) -> Result<bool, MailError> {
        let (host, port, timeout) = (self.host.clone(), self.port, self.timeout);
        let bare = message_id.trim().trim_start_matches('<').trim_end_matches('>');
        if bare.is_empty() {
            return Ok(false);
        }
        let query = format!("HEADER Message-ID {}", quote(&format!("<{bare}>"))?);
        let found = within(timeout, &host, port, async {
            self.session.examine(folder).await?;
            self.session.uid_search(&query).await
        })
        .await?
        .map_err(|e| explain(&host, port, e))?;
        Ok(!found.is_empty())
    }

    /// The raw session with its host, port and timeout, for the mail sync's SELECT / SEARCH / FETCH
    /// (`mail/sync/fetch.rs`), which speaks more IMAP than filing sent mail needs.
    pub(crate) fn raw(&mut self) -> (&mut async_imap::Session<Stream>, &str, u16, Duration) {
        (&mut self.session, &self.host, self.port, self.timeout)
    }

    /// Waits in IMAP IDLE on `folder` until the server announces a change there (true) or `max` passes
    /// (false), then ends the IDLE so the session can be used or idle again. `on_idling` runs once the
    /// server has accepted the IDLE: from then on no delivery can go unannounced. A connection that drops
    /// while idling is an error (`mail_dropped`): the caller reconnects.
    pub async fn idle_wait(
        self,
        folder: &str,
        max: Duration,
        on_idling: impl FnOnce(),
    ) -> Result<(ImapSession, bool), MailError> {
        let ImapSession { mut session, host, port, timeout } = self;
        within(timeout, &host, port, session.select(folder)).await?.map_err(|e| explain(&host, port, e))?;
        let mut handle = session.idle();
        within(timeout, &host, port, handle.init()).await?.map_err(|e| explain(&host, port, e))?;
        on_idling();
        let (wait, stop) = handle.wait_with_timeout(max);
        let response = wait.await.map_err(|e| explain(&host, port, e))?;
        drop(stop);
        let changed = match response {
            async_imap::extensions::idle::IdleResponse::NewData(_) => true,
            async_imap::extensions::idle::IdleResponse::Timeout => false,
            // The stream ended: the server (or the network) closed the connection.
            async_imap::extensions::idle::IdleResponse::ManualInterrupt => return Err(net::dropped(&host)),
        };
        let session = within(timeout, &host, port, handle.done()).await?.map_err(|e| explain(&host, port, e))?;
        Ok((ImapSession { session, host, port, timeout }, changed))
    }

    pub async fn logout(mut self) {
        let _ = tokio::time::timeout(Duration::from_secs(5), self.session.logout()).await;
    }
}

async fn handshake(
    connector: &TlsConnector,
    host: &str,
    port: u16,
    tcp: TcpStream,
    timeout: Duration,
) -> Result<TlsStream<TcpStream>, MailError> {
    let name = ServerName::try_from(host.to_string())
        .map_err(|_| MailError::new(MailErrorKind::Tls, format!("“{host}” is not a valid server name for TLS.")))?;
    match tokio::time::timeout(timeout, connector.connect(name, tcp)).await {
        Err(_) => Err(net::timed_out(host, port)),
        Ok(Ok(stream)) => Ok(stream),
        Ok(Err(e)) if matches!(e.kind(), std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::ConnectionReset) => {
            Err(MailError::new(
                MailErrorKind::Tls,
                format!("{host} closed the connection during the TLS handshake. Check the port and security setting."),
            ))
        }
        Ok(Err(e)) => Err(super::tls::explain_handshake(host, &e)),
    }
}

pub(crate) async fn within<T>(
    timeout: Duration,
    host: &str,
    port: u16,
    fut: impl std::future::Future<Output = T>,
) -> Result<T, MailError> {
    tokio::time::timeout(timeout, fut).await.map_err(|_| net::timed_out(host, port))
}

pub(crate) fn explain(host: &str, port: u16, e: async_imap::error::Error) -> MailError {
    use async_imap::error::Error;
    match e {
        Error::Io(io) => net::classify_io(host, port, &io),
        Error::ConnectionLost => net::dropped(host),
        Error::No(reply) => MailError::new(MailErrorKind::Permanent, format!("{host} refused: {reply}"))
            .with_reply(format!("NO {reply}")),
        Error::Bad(reply) => MailError::new(MailErrorKind::Protocol, format!("{host} did not understand: {reply}"))
            .with_reply(format!("BAD {reply}")),
        other => MailError::new(MailErrorKind::Protocol, format!("{host} answered unexpectedly: {other}")),
    }
}

/// An IMAP quoted string.
fn quote(s: &str) -> Result<String, MailError> {
    if s.contains(['\r', '\n']) {
        return Err(MailError::new(MailErrorKind::Protocol, "A Message-ID cannot contain line breaks."));
    }
    Ok(format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"")))
}
