//! Mailbox connections against real servers (crates/testkit): aiosmtpd for SMTP, Dovecot for IMAP. One server
//! of each kind for the whole file; tests that break a server on purpose start their own.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use outpost_core::domain::{Mailbox, MailboxInput, Security};
use outpost_core::mail::imap::ImapSession;
use outpost_core::mail::smtp::SmtpSender;
use outpost_core::mail::MailErrorKind;
use outpost_core::secrets::MemoryStore;
use outpost_core::Outpost;
use outpost_testkit::{Dovecot, DovecotOptions, FakeSmtp, PASSWORD, USER};

const SHORT: Duration = Duration::from_secs(5);

fn smtp() -> &'static FakeSmtp {
    static S: OnceLock<FakeSmtp> = OnceLock::new();
    S.get_or_init(FakeSmtp::start)
}

fn dovecot() -> &'static Dovecot {
    static D: OnceLock<Dovecot> = OnceLock::new();
    D.get_or_init(Dovecot::start)
}

/// Settings for the shared servers; both certificates trusted unless a test takes them away.
fn input(smtp_security: Security, imap_security: Security) -> MailboxInput {
    let (s, d) = (smtp(), dovecot());
    MailboxInput {
        name: "Test".into(),
        email: USER.into(),
        display_name: Some("Alice Test".into()),
        smtp_host: "localhost".into(),
        smtp_port: if smtp_security == Security::Tls { s.tls_port } else { s.port },
        smtp_security,
        imap_host: "localhost".into(),
        imap_port: if imap_security == Security::Tls { d.imaps_port } else { d.imap_port },
        imap_security,
        username: USER.into(),
        ca_pem: Some(format!("{}\n{}", s.ca_pem(), d.ca_pem())),
        password: Some(PASSWORD.into()),
        ..Default::default()
    }
}

fn open_core() -> (tempfile::TempDir, Outpost) {
    let dir = tempfile::tempdir().unwrap();
    let core = Outpost::open(&dir.path().join("outpost.db"), Arc::new(MemoryStore::default())).unwrap();
    (dir, core)
}

fn mailbox(input: MailboxInput) -> (tempfile::TempDir, Outpost, Mailbox) {
    let (dir, core) = open_core();
    let mb = core.create_mailbox(input).unwrap();
    (dir, core, mb)
}

fn message(to: &str, message_id: &str) -> Vec<u8> {
    format!(
        "From: Alice Test <{USER}>\r\nTo: <{to}>\r\nSubject: Hello\r\nMessage-ID: {message_id}\r\n\
         Date: Mon, 1 Jan 2024 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         Hi there.\r\n"
    )
    .into_bytes()
}

async fn send(security: Security, to: &str) -> String {
    let (_dir, core, mb) = mailbox(input(security, Security::Tls));
    let password = core.mailbox_password(mb.id).unwrap();
    let sender = SmtpSender::new(&mb, &password).unwrap();
    sender.send_raw(USER, &[to.to_string()], &message(to, &format!("<{to}>"))).await.unwrap()
}

#[tokio::test]
async fn smtp_sends_over_starttls() {
    let reply = send(Security::Starttls, "starttls@example.org").await;
    assert!(reply.starts_with("250"), "{reply}");
    let got = smtp().received_by("starttls@example.org");
    assert_eq!(got.len(), 1);
    assert!(got[0].tls, "the message came over STARTTLS");
    assert_eq!(got[0].auth.as_deref(), Some(USER));
    assert_eq!(got[0].mail_from, USER);
    assert_eq!(got[0].header("Message-ID").as_deref(), Some("<starttls@example.org>"));
}

#[tokio::test]
async fn smtp_sends_over_implicit_tls() {
    let reply = send(Security::Tls, "implicit@example.org").await;
    assert!(reply.starts_with("250"), "{reply}");
    let got = smtp().received_by("implicit@example.org");
    assert_eq!(got.len(), 1);
    assert!(got[0].tls);
    assert!(got[0].text().contains("Hi there."));
}

#[tokio::test]
async fn smtp_reports_rejections_and_temporary_failures_with_the_servers_reply() {
    let (_dir, core, mb) = mailbox(input(Security::Starttls, Security::Tls));
    let sender = SmtpSender::new(&mb, &core.mailbox_password(mb.id).unwrap()).unwrap();
    let to = ["reject-me@example.org".to_string()];
    let e = sender.send_raw(USER, &to, &message(&to[0], "<r@x>")).await.unwrap_err();
    assert_eq!(e.kind, MailErrorKind::Permanent, "{e:?}");
    assert!(e.server_reply.as_deref().unwrap().starts_with("550"), "{e:?}");
    let to = ["tempfail-me@example.org".to_string()];
    let e = sender.send_raw(USER, &to, &message(&to[0], "<t@x>")).await.unwrap_err();
    assert_eq!(e.kind, MailErrorKind::Transient, "{e:?}");
    assert!(e.kind.is_retryable());
    assert!(smtp().received_by("reject-me@example.org").is_empty());
}

#[tokio::test]
async fn imap_connects_over_starttls_and_tls() {
    for security in [Security::Starttls, Security::Tls] {
        let (_dir, core, mb) = mailbox(input(Security::Starttls, security));
        let mut session = ImapSession::connect(&mb, &core.mailbox_password(mb.id).unwrap()).await.unwrap();
        assert_eq!(session.find_sent_folder().await.unwrap(), "Sent", "{security:?}");
        session.logout().await;
    }
}

#[tokio::test]
async fn append_then_find_by_message_id_in_sent() {
    let (_dir, core, mb) = mailbox(input(Security::Starttls, Security::Tls));
    let mut session = ImapSession::connect(&mb, &core.mailbox_password(mb.id).unwrap()).await.unwrap();
    let sent = session.find_sent_folder().await.unwrap();
    let id = format!("<append-{}@outpost.test>", std::process::id());
    assert!(!session.has_message_id(&sent, &id).await.unwrap());
    session.append(&sent, &message("bob@example.test", &id)).await.unwrap();
    assert!(session.has_message_id(&sent, &id).await.unwrap());
    // Angle brackets are optional; another id is not found.
    assert!(session.has_message_id(&sent, id.trim_matches(['<', '>'])).await.unwrap());
    assert!(!session.has_message_id(&sent, "<someone-else@outpost.test>").await.unwrap());
    session.logout().await;
}

#[tokio::test]
async fn the_sent_folder_is_found_by_special_use_or_created() {
    let german = Dovecot::start_with(DovecotOptions { sent_folder: Some("Gesendet".into()), ..Default::default() });
    let bare = Dovecot::start_with(DovecotOptions { sent_folder: None, ..Default::default() });
    for (server, expected) in [(&german, "Gesendet"), (&bare, "Sent")] {
        let mut i = input(Security::Starttls, Security::Tls);
        i.imap_port = server.imaps_port;
        i.ca_pem = Some(server.ca_pem().to_string());
        let (_dir, core, mb) = mailbox(i);
        let mut session = ImapSession::connect(&mb, &core.mailbox_password(mb.id).unwrap()).await.unwrap();
        assert_eq!(session.existing_sent_folder().await.unwrap().is_some(), expected == "Gesendet");
        assert_eq!(session.find_sent_folder().await.unwrap(), expected);
        assert_eq!(session.existing_sent_folder().await.unwrap().as_deref(), Some(expected));
        session.logout().await;
    }
}

#[tokio::test]
async fn test_connection_succeeds_for_both_protocols() {
    let (_dir, core, mb) = mailbox(input(Security::Starttls, Security::Starttls));
    let result = core.test_mailbox_within(mb.id, SHORT).await.unwrap();
    assert!(result.smtp.ok, "{:?}", result.smtp);
    assert!(result.imap.ok, "{:?}", result.imap);
    assert!(result.imap.message.contains("Sent"), "{}", result.imap.message);
}

#[tokio::test]
async fn a_wrong_password_is_mail_auth_for_both() {
    let mut i = input(Security::Tls, Security::Tls);
    i.password = Some("not-the-password".into());
    let (_dir, core, mb) = mailbox(i);
    let result = core.test_mailbox_within(mb.id, SHORT).await.unwrap();
    assert_eq!(result.smtp.code.as_deref(), Some("mail_auth"), "{:?}", result.smtp);
    assert_eq!(result.imap.code.as_deref(), Some("mail_auth"), "{:?}", result.imap);
    assert!(result.smtp.message.contains("app password"), "{}", result.smtp.message);
    for text in [&result.smtp.message, &result.imap.message] {
        assert!(!text.contains("not-the-password"));
    }
    // The sender used by the outbox says the same.
    let e = SmtpSender::new(&mb, "not-the-password")
        .unwrap()
        .send_raw(USER, &["x@example.org".into()], &message("x@example.org", "<a@x>"))
        .await
        .unwrap_err();
    assert_eq!(e.kind, MailErrorKind::Auth, "{e:?}");
    assert!(!format!("{e:?}").contains("not-the-password"));
}

#[tokio::test]
async fn a_closed_port_is_mail_refused() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut i = input(Security::Starttls, Security::Tls);
    i.smtp_port = closed;
    i.imap_port = closed;
    let (_dir, core, mb) = mailbox(i);
    let result = core.test_mailbox_within(mb.id, SHORT).await.unwrap();
    assert_eq!(result.smtp.code.as_deref(), Some("mail_refused"), "{:?}", result.smtp);
    assert_eq!(result.imap.code.as_deref(), Some("mail_refused"), "{:?}", result.imap);
    assert!(result.imap.message.contains(&closed.to_string()));
}

#[tokio::test]
async fn an_untrusted_certificate_is_mail_tls() {
    for (smtp_sec, imap_sec) in [(Security::Starttls, Security::Starttls), (Security::Tls, Security::Tls)] {
        let mut i = input(smtp_sec, imap_sec);
        i.ca_pem = None;
        let (_dir, core, mb) = mailbox(i);
        let result = core.test_mailbox_within(mb.id, SHORT).await.unwrap();
        assert_eq!(result.smtp.code.as_deref(), Some("mail_tls"), "{smtp_sec:?} {:?}", result.smtp);
        assert_eq!(result.imap.code.as_deref(), Some("mail_tls"), "{imap_sec:?} {:?}", result.imap);
        assert!(result.imap.message.contains("not trusted"), "{}", result.imap.message);
        assert!(result.smtp.message.contains("not trusted"), "{}", result.smtp.message);
    }
}

#[tokio::test]
async fn an_unknown_host_is_mail_dns_and_silence_is_mail_timeout() {
    let mut i = input(Security::Starttls, Security::Tls);
    i.smtp_host = "no-such-host.invalid".into();
    // A server that accepts and never says a word.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    i.imap_host = "127.0.0.1".into();
    i.imap_port = silent.local_addr().unwrap().port();
    let (_dir, core, mb) = mailbox(i);
    let result = core.test_mailbox_within(mb.id, Duration::from_millis(500)).await.unwrap();
    assert_eq!(result.smtp.code.as_deref(), Some("mail_dns"), "{:?}", result.smtp);
    assert_eq!(result.imap.code.as_deref(), Some("mail_timeout"), "{:?}", result.imap);
    drop(silent);
}

#[tokio::test]
async fn the_password_is_nowhere_in_the_database_file() {
    let mut i = input(Security::Starttls, Security::Tls);
    let secret = "pw-that-must-not-leak-7f3a";
    i.password = Some(secret.into());
    let (dir, core, mb) = mailbox(i.clone());
    // Edits, a failed test and a state change write more rows and pages.
    i.name = "Renamed".into();
    i.password = Some(format!("{secret}-2"));
    core.update_mailbox(mb.id, i).unwrap();
    let result = core.test_mailbox_within(mb.id, SHORT).await.unwrap();
    assert_eq!(result.smtp.code.as_deref(), Some("mail_auth"));
    assert!(!serde_json::to_string(&result).unwrap().contains(secret));
    assert!(!serde_json::to_string(&core.mailboxes().unwrap()).unwrap().contains(secret));
    drop(core);
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(!bytes.windows(secret.len()).any(|w| w == secret.as_bytes()), "found in the database files");
    }
}

#[tokio::test]
async fn security_none_connects_in_the_clear_and_says_so() {
    let mut i = input(Security::None, Security::None);
    i.smtp_port = smtp().port;
    i.imap_port = dovecot().imap_port;
    let (_dir, core, mb) = mailbox(i);
    let result = core.test_mailbox_within(mb.id, SHORT).await.unwrap();
    assert!(result.smtp.ok && result.imap.ok, "{result:?}");
    assert!(result.smtp.message.contains("not encrypted"), "{}", result.smtp.message);
    let sender = SmtpSender::new(&mb, PASSWORD).unwrap();
    sender.send_raw(USER, &["plain@example.org".into()], &message("plain@example.org", "<p@x>")).await.unwrap();
    assert!(!smtp().received_by("plain@example.org")[0].tls);
}
