//! Opening TCP connections to mail servers, with failures sorted into DNS / refused / timeout.
use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::TcpStream;

use super::error::{MailError, MailErrorKind};

/// Resolves `host` (a name or an IP address).
pub async fn resolve(host: &str, port: u16, timeout: Duration) -> Result<Vec<SocketAddr>, MailError> {
    let lookup = tokio::time::timeout(timeout, tokio::net::lookup_host((host, port)))
        .await
        .map_err(|_| timed_out(host, port))?;
    let addrs: Vec<SocketAddr> = lookup.map_err(|_| not_found(host))?.collect();
    if addrs.is_empty() {
        return Err(not_found(host));
    }
    Ok(addrs)
}

/// Connects to the first address of `host` that answers.
pub async fn connect(host: &str, port: u16, timeout: Duration) -> Result<TcpStream, MailError> {
    let addrs = resolve(host, port, timeout).await?;
    let mut last = None;
    for addr in addrs {
        match tokio::time::timeout(timeout, TcpStream::connect(addr)).await {
            Ok(Ok(stream)) => {
                let _ = stream.set_nodelay(true);
                return Ok(stream);
            }
            Ok(Err(e)) => last = Some(classify_io(host, port, &e)),
            Err(_) => last = Some(timed_out(host, port)),
        }
    }
    Err(last.unwrap_or_else(|| not_found(host)))
}

pub fn not_found(host: &str) -> MailError {
    MailError::new(
        MailErrorKind::Dns,
        format!("The server name “{host}” could not be found. Check the spelling and your internet connection."),
    )
}

pub fn timed_out(host: &str, port: u16) -> MailError {
    MailError::new(
        MailErrorKind::Timeout,
        format!(
            "{host}:{port} did not answer in time. Check the host and port, your connection, or a firewall \
             blocking mail ports."
        ),
    )
}

pub fn refused(host: &str, port: u16) -> MailError {
    MailError::new(
        MailErrorKind::Refused,
        format!("{host} refused the connection on port {port}. Check the port number (and that the server is up)."),
    )
}

pub fn dropped(host: &str) -> MailError {
    MailError::new(
        MailErrorKind::Dropped,
        format!("The connection to {host} dropped in the middle of the conversation. It will be retried."),
    )
}

/// Sorts an I/O error from connecting or talking to a server.
pub fn classify_io(host: &str, port: u16, e: &io::Error) -> MailError {
    use io::ErrorKind::*;
    match e.kind() {
        ConnectionRefused => refused(host, port),
        TimedOut | WouldBlock => timed_out(host, port),
        ConnectionReset | ConnectionAborted | BrokenPipe | UnexpectedEof | NotConnected => dropped(host),
        HostUnreachable | NetworkUnreachable | AddrNotAvailable => {
            MailError::new(MailErrorKind::Refused, format!("{host}:{port} cannot be reached from this network ({e})."))
        }
        _ if looks_like_dns(&e.to_string()) => not_found(host),
        _ => MailError::new(MailErrorKind::Dropped, format!("Talking to {host} failed: {e}")),
    }
}

/// The resolver's errors carry no kind of their own; their text is the only hint.
pub fn looks_like_dns(text: &str) -> bool {
    let t = text.to_lowercase();
    t.contains("lookup address")
        || t.contains("name or service not known")
        || t.contains("nodename nor servname")
        || t.contains("no such host")
        || t.contains("temporary failure in name resolution")
        || t.contains("no address associated")
}
