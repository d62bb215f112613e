//! The outbox against real servers (crates/testkit): aiosmtpd for SMTP, Dovecot for the Sent folder. What
//! counts is what the SMTP server received. Tests that break the SMTP server start their own.
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use outpost_core::domain::{
    MailboxInput, OutboundStatus, OutboxRun, Security, SendInput, SuppressionInput, SuppressionKind,
};
use outpost_core::mail::imap::ImapSession;
use outpost_core::mail::outbox::{run_once, Clock, Connector, Courier, LiveConnector, LiveCourier, Settings};
use outpost_core::mail::MailError;
use outpost_core::secrets::MemoryStore;
use outpost_core::Outpost;
use outpost_testkit::{Dovecot, FakeSmtp, PASSWORD, USER};

fn shared_smtp() -> &'static FakeSmtp {
    static S: OnceLock<FakeSmtp> = OnceLock::new();
    S.get_or_init(FakeSmtp::start)
}

fn dovecot() -> &'static Dovecot {
    static D: OnceLock<Dovecot> = OnceLock::new();
    D.get_or_init(Dovecot::start)
}

struct TestClock(Mutex<DateTime<Utc>>);

impl TestClock {
    fn now_real() -> TestClock {
        TestClock(Mutex::new(Utc::now()))
    }
    fn advance(&self, d: Duration) {
        *self.0.lock().unwrap() += d;
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

struct Setup {
    dir: tempfile::TempDir,
    secrets: Arc<MemoryStore>,
    core: Outpost,
    mailbox_id: i64,
}

impl Setup {
    /// The same database (and keychain) opened again, as a restarted app would.
    fn reopen(&self) -> Outpost {
        Outpost::open(&self.dir.path().join("outpost.db"), self.secrets.clone()).unwrap()
    }
}

/// A mailbox on `smtp` (STARTTLS) and the shared Dovecot (implicit TLS), both certificates trusted.
fn setup(smtp: &FakeSmtp, daily_limit: i64) -> Setup {
    let d = dovecot();
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemoryStore::default());
    let core = Outpost::open(&dir.path().join("outpost.db"), secrets.clone()).unwrap();
    let mailbox_id = core
        .create_mailbox(MailboxInput {
            name: "Test".into(),
            email: USER.into(),
            display_name: Some("Alice Test".into()),
            smtp_host: "localhost".into(),
            smtp_port: smtp.port,
            smtp_security: Security::Starttls,
            imap_host: "localhost".into(),
            imap_port: d.imaps_port,
            imap_security: Security::Tls,
            username: USER.into(),
            ca_pem: Some(format!("{}\n{}", smtp.ca_pem(), d.ca_pem())),
            password: Some(PASSWORD.into()),
            daily_limit: Some(daily_limit),
            min_spacing_secs: Some(0),
            ..Default::default()
        })
        .unwrap()
        .id;
    Setup { dir, secrets, core, mailbox_id }
}

fn queue(s: &Setup, to: &str, clock: &TestClock) -> (i64, String) {
    let q = s
        .core
        .outbox_queue_at(
            SendInput {
                mailbox_id: s.mailbox_id,
                to: Some(to.into()),
                subject: Some(format!("Hello {to}")),
                body_text: Some("Hi there.".into()),
                ..Default::default()
            },
            clock.now(),
        )
        .unwrap();
    (q.id, q.message_id)
}

fn run_with<K: Connector>(core: &Outpost, connector: &K, clock: &TestClock) -> OutboxRun {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(run_once(core, connector, clock, &Settings::default())).unwrap()
}

fn run(core: &Outpost, clock: &TestClock) -> OutboxRun {
    run_with(core, &LiveConnector, clock)
}

fn in_sent_folder(core: &Outpost, mailbox_id: i64, message_id: &str) -> bool {
    let mb = core.mailbox(mailbox_id).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let mut s = ImapSession::connect(&mb, PASSWORD).await.unwrap();
        let folder = s.find_sent_folder().await.unwrap();
        s.has_message_id(&folder, message_id).await.unwrap()
    })
}

fn item(core: &Outpost, id: i64) -> outpost_core::domain::OutboxItem {
    core.outbox_message(id).unwrap().item
}

#[test]
fn a_message_reaches_the_server_once_and_is_filed_in_sent() {
    let smtp = shared_smtp();
    let s = setup(smtp, 0);
    let clock = TestClock::now_real();
    let (id, message_id) = queue(&s, "first@example.org", &clock);
    let counts = run(&s.core, &clock);
    assert_eq!((counts.sent, counts.failed, counts.deferred), (1, 0, 0), "{counts:?}");
    let got = smtp.received_by("first@example.org");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].header("Message-ID").as_deref(), Some(message_id.as_str()));
    assert!(got[0].tls, "STARTTLS was used");
    let sent = item(&s.core, id);
    assert_eq!(sent.status, OutboundStatus::Sent);
    assert!(sent.server_reply.unwrap().starts_with("250"));
    assert!(sent.last_error.is_none(), "{:?}", sent.last_error);
    assert!(in_sent_folder(&s.core, s.mailbox_id, &message_id));
}

#[test]
fn a_550_fails_with_the_servers_reason() {
    let s = setup(shared_smtp(), 0);
    let clock = TestClock::now_real();
    let (id, _) = queue(&s, "reject-me@example.org", &clock);
    let counts = run(&s.core, &clock);
    assert_eq!((counts.sent, counts.failed), (0, 1));
    let failed = item(&s.core, id);
    assert_eq!(failed.status, OutboundStatus::Failed);
    assert!(failed.server_reply.as_deref().unwrap_or_default().contains("550"), "{failed:?}");
    assert!(shared_smtp().received_by("reject-me@example.org").is_empty());
}

#[test]
fn a_451_is_retried_later_and_delivered_once() {
    let smtp = FakeSmtp::start();
    let s = setup(&smtp, 0);
    let clock = TestClock::now_real();
    let (id, _) = queue(&s, "later@example.org", &clock);
    smtp.set_fault(Some("data451"));
    let first = run(&s.core, &clock);
    assert_eq!((first.sent, first.failed, first.deferred), (0, 0, 1), "{first:?}");
    let waiting = item(&s.core, id);
    assert_eq!((waiting.status, waiting.attempts), (OutboundStatus::Queued, 1));
    assert!(waiting.server_reply.as_deref().unwrap_or_default().contains("451"), "{waiting:?}");
    smtp.set_fault(None);
    clock.advance(Duration::minutes(2));
    let second = run(&s.core, &clock);
    assert_eq!((second.sent, second.deferred), (1, 0));
    assert_eq!(smtp.received_by("later@example.org").len(), 1);
    assert_eq!(item(&s.core, id).status, OutboundStatus::Sent);
}

#[test]
fn a_connection_dropped_during_data_is_retried_and_delivered_once() {
    let smtp = FakeSmtp::start();
    let s = setup(&smtp, 0);
    let clock = TestClock::now_real();
    let (id, _) = queue(&s, "cut-in-data@example.org", &clock);
    smtp.set_fault(Some("data-drop"));
    let first = run(&s.core, &clock);
    assert_eq!((first.sent, first.failed, first.deferred), (0, 0, 1), "{first:?}");
    assert!(smtp.received_by("cut-in-data@example.org").is_empty());
    let after_drop = item(&s.core, id);
    assert!(after_drop.last_error.is_some());
    smtp.set_fault(None);
    clock.advance(Duration::minutes(2));
    let second = run(&s.core, &clock);
    assert_eq!(second.sent, 1, "{second:?} {:?}", item(&s.core, id));
    assert_eq!(smtp.received_by("cut-in-data@example.org").len(), 1);
}

/// Delivers and files for real, then never returns: a process killed right after the server took the message.
struct DiesAfterDelivery;
struct Dying(LiveCourier);

impl Connector for DiesAfterDelivery {
    type Courier = Dying;
    fn connect(&self, core: &Outpost, mailbox: &outpost_core::domain::Mailbox) -> outpost_core::Result<Dying> {
        Ok(Dying(LiveConnector.connect(core, mailbox)?))
    }
}

impl Courier for Dying {
    async fn send(&self, from: &str, to: &[String], raw: &[u8]) -> Result<String, MailError> {
        self.0.send(from, to, raw).await?;
        self.0.file_sent(raw).await?;
        std::future::pending().await
    }
    async fn file_sent(&self, raw: &[u8]) -> Result<(), MailError> {
        self.0.file_sent(raw).await
    }
    async fn in_sent(&self, message_id: &str) -> Result<bool, MailError> {
        self.0.in_sent(message_id).await
    }
}

#[test]
fn a_run_killed_after_delivery_is_resolved_from_sent_and_never_resent() {
    let smtp = shared_smtp();
    let s = setup(smtp, 0);
    let clock = TestClock::now_real();
    let (id, message_id) = queue(&s, "killed@example.org", &clock);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let cut = rt.block_on(async {
        tokio::time::timeout(
            StdDuration::from_secs(10),
            run_once(&s.core, &DiesAfterDelivery, &clock, &Settings::default()),
        )
        .await
    });
    assert!(cut.is_err(), "the dying run must not finish");
    drop(rt);
    assert_eq!(item(&s.core, id).status, OutboundStatus::Sending);
    assert_eq!(smtp.received_by("killed@example.org").len(), 1);

    // Restarted: the Message-ID is in Sent, so it is marked sent, not sent again.
    let core = s.reopen();
    let counts = run(&core, &clock);
    assert_eq!((counts.recovered, counts.sent, counts.deferred), (1, 0, 0), "{counts:?}");
    assert_eq!(item(&core, id).status, OutboundStatus::Sent);
    assert_eq!(smtp.received_by("killed@example.org").len(), 1);
    assert!(in_sent_folder(&core, s.mailbox_id, &message_id));
}

#[test]
fn the_daily_limit_is_kept_across_restarts() {
    let smtp = shared_smtp();
    let s = setup(smtp, 1);
    let clock = TestClock::now_real();
    let (first, _) = queue(&s, "limit1@example.org", &clock);
    let (second, _) = queue(&s, "limit2@example.org", &clock);
    let counts = run(&s.core, &clock);
    assert_eq!((counts.sent, counts.deferred), (1, 1));
    let core = s.reopen();
    assert_eq!(run(&core, &clock).sent, 0);
    assert_eq!(item(&core, first).status, OutboundStatus::Sent);
    let waiting = core.outbox_at(None, 10, clock.now()).unwrap();
    let w = waiting.items.iter().find(|i| i.id == second).unwrap();
    assert!(w.goes_at.as_deref().unwrap() > clock.now().to_rfc3339().as_str());
    assert_eq!(smtp.received_by("limit1@example.org").len() + smtp.received_by("limit2@example.org").len(), 1);
}

#[test]
fn a_suppressed_address_is_never_sent() {
    let smtp = shared_smtp();
    let s = setup(smtp, 0);
    let clock = TestClock::now_real();
    let (id, _) = queue(&s, "someone@suppressed.example.org", &clock);
    s.core
        .add_suppression(SuppressionInput {
            kind: Some(SuppressionKind::Domain),
            value: "suppressed.example.org".into(),
            ..Default::default()
        })
        .unwrap();
    let counts = run(&s.core, &clock);
    assert_eq!((counts.sent, counts.suppressed), (0, 1));
    assert_eq!(item(&s.core, id).status, OutboundStatus::Cancelled);
    assert!(smtp.received_by("someone@suppressed.example.org").is_empty());
}
