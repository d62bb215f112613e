//! "Test connection": sign in to SMTP and IMAP side by side and say, for each, what worked or what to fix.
use std::time::{Duration, Instant};

use super::error::MailError;
use super::imap::ImapSession;
use super::smtp::SmtpSender;
use crate::domain::{ConnectionTest, Mailbox, ProtocolCheck, Security};

/// Long enough for a slow server, short enough that a dead one does not leave the user waiting.
pub const TEST_TIMEOUT: Duration = Duration::from_secs(15);

pub async fn test_connection(mailbox: &Mailbox, password: &str, timeout: Duration) -> ConnectionTest {
    let smtp = async {
        let started = Instant::now();
        let result = async { SmtpSender::with_timeout(mailbox, password, timeout)?.check().await }.await;
        check(result, started, mailbox.smtp_security, "Sent a test greeting and signed in to SMTP.")
    };
    let imap = async {
        let started = Instant::now();
        let result = async {
            let mut session = ImapSession::connect_with_timeout(mailbox, password, timeout).await?;
            let sent = session.existing_sent_folder().await;
            session.logout().await;
            sent
        }
        .await;
        let ok_text = match &result {
            Ok(Some(folder)) => format!("Signed in to IMAP; sent mail will be filed in “{folder}”."),
            _ => "Signed in to IMAP; a “Sent” folder will be created for sent mail.".to_string(),
        };
        check(result.map(|_| ()), started, mailbox.imap_security, &ok_text)
    };
    let (smtp, imap) = tokio::join!(smtp, imap);
    ConnectionTest { smtp, imap }
}

fn check(result: Result<(), MailError>, started: Instant, security: Security, ok_text: &str) -> ProtocolCheck {
    let elapsed_ms = started.elapsed().as_millis().min(u32::MAX as u128) as u32;
    match result {
        Ok(()) => {
            let mut message = ok_text.to_string();
            if security == Security::None {
                message.push_str(" Warning: this connection is not encrypted; the password travels in the clear.");
            }
            ProtocolCheck { ok: true, code: None, message, server_reply: None, elapsed_ms }
        }
        Err(e) => ProtocolCheck {
            ok: false,
            code: Some(e.code().to_string()),
            message: e.message,
            server_reply: e.server_reply,
            elapsed_ms,
        },
    }
}
