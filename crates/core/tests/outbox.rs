//! The outbox against a scripted courier and a driven clock: statuses, retries, pacing, recovery after a
//! stop mid-send, suppression, the timeline. `outbox_servers.rs` repeats the essentials against real servers.
mod support;

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use outpost_core::domain::{
    ContactInput, MailboxInput, MailboxState, OutboundStatus, RecordRef, Security, SendInput, SendWindow,
    SuppressionInput,
};
use outpost_core::mail::outbox::{run_once, Clock, Connector, Courier, Settings};
use outpost_core::mail::{MailError, MailErrorKind};
use outpost_core::Outpost;

// ---- a scripted mail server -------------------------------------------------------------------------------

/// Where a fake send stops, to play a process that dies mid-way.
#[derive(Clone, Copy, PartialEq)]
enum Hang {
    Never,
    /// Before the server gets the message.
    BeforeSend,
    /// After the server accepted it and (like Gmail) filed it in Sent itself, before we hear back.
    AfterSendAutoFiled,
    /// After we heard "250", while filing in Sent.
    WhileFiling,
}

#[derive(Default)]
struct Server {
    /// Every accepted message: (recipients, raw).
    delivered: Mutex<Vec<(Vec<String>, String)>>,
    /// Message-IDs in the Sent folder.
    sent_folder: Mutex<HashSet<String>>,
    /// Attempts seen per recipient.
    tries: Mutex<HashMap<String, u32>>,
    hang: Mutex<Option<Hang>>,
    sent_folder_down: Mutex<bool>,
}

impl Server {
    fn delivered_to(&self, rcpt: &str) -> usize {
        self.delivered.lock().unwrap().iter().filter(|(to, _)| to.iter().any(|t| t == rcpt)).count()
    }

    fn hang(&self) -> Hang {
        self.hang.lock().unwrap().unwrap_or(Hang::Never)
    }
}

fn message_id_of(raw: &str) -> String {
    raw.lines().find_map(|l| l.strip_prefix("Message-ID: ")).unwrap().trim().to_string()
}

struct FakeCourier(Arc<Server>);

impl Courier for FakeCourier {
    async fn send(&self, _from: &str, to: &[String], raw: &[u8]) -> Result<String, MailError> {
        let rcpt = to[0].clone();
        let n = {
            let mut tries = self.0.tries.lock().unwrap();
            let n = tries.entry(rcpt.clone()).or_default();
            *n += 1;
            *n
        };
        if self.0.hang() == Hang::BeforeSend {
            std::future::pending::<()>().await;
        }
        let local = rcpt.split('@').next().unwrap();
        if local.starts_with("reject") {
            return Err(MailError::new(MailErrorKind::Permanent, "The server refused the recipient.")
                .with_reply("550 5.1.1 <reject@example.test>: Recipient address rejected"));
        }
        if local.starts_with("tempfail") || (local.starts_with("flaky") && n == 1) {
            return Err(MailError::new(MailErrorKind::Transient, "The server asked to try later.")
                .with_reply("451 4.7.1 Try again later"));
        }
        if local.starts_with("badauth") {
            return Err(MailError::new(MailErrorKind::Auth, "The server refused the username or password.")
                .with_reply("535 5.7.8 Authentication failed"));
        }
        let raw = String::from_utf8_lossy(raw).into_owned();
        self.0.delivered.lock().unwrap().push((to.to_vec(), raw.clone()));
        if self.0.hang() == Hang::AfterSendAutoFiled {
            self.0.sent_folder.lock().unwrap().insert(message_id_of(&raw));
            std::future::pending::<()>().await;
        }
        Ok("250 2.0.0 OK queued".into())
    }

    async fn file_sent(&self, raw: &[u8]) -> Result<(), MailError> {
        if self.0.hang() == Hang::WhileFiling {
            std::future::pending::<()>().await;
        }
        self.0.sent_folder.lock().unwrap().insert(message_id_of(&String::from_utf8_lossy(raw)));
        Ok(())
    }

    async fn in_sent(&self, message_id: &str) -> Result<bool, MailError> {
        if *self.0.sent_folder_down.lock().unwrap() {
            return Err(MailError::new(MailErrorKind::Refused, "IMAP is down"));
        }
        Ok(self.0.sent_folder.lock().unwrap().contains(message_id))
    }
}

struct FakeConnector(Arc<Server>);

impl Connector for FakeConnector {
    type Courier = FakeCourier;
    fn connect(&self, _core: &Outpost, _mailbox: &outpost_core::domain::Mailbox) -> outpost_core::Result<FakeCourier> {
        Ok(FakeCourier(self.0.clone()))
    }
}

struct TestClock(Mutex<DateTime<Utc>>);

impl TestClock {
    fn at(s: &str) -> TestClock {
        TestClock(Mutex::new(DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)))
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

// ---- helpers ----------------------------------------------------------------------------------------------

fn mailbox(core: &Outpost, daily_limit: i64, spacing: i64) -> i64 {
    core.create_mailbox(MailboxInput {
        name: "Work".into(),
        email: "ada@example.test".into(),
        display_name: Some("Ada Lovelace".into()),
        smtp_host: "127.0.0.1".into(),
        smtp_port: 2525,
        smtp_security: Security::Starttls,
        imap_host: "127.0.0.1".into(),
        imap_port: 1143,
        imap_security: Security::Starttls,
        username: "ada@example.test".into(),
        daily_limit: Some(daily_limit),
        min_spacing_secs: Some(spacing),
        send_window: Some(SendWindow { timezone: Some("UTC".into()), ..Default::default() }),
        password: Some("secret".into()),
        ..Default::default()
    })
    .unwrap()
    .id
}

fn text(mailbox_id: i64, to: &str) -> SendInput {
    SendInput {
        mailbox_id,
        to: Some(to.into()),
        subject: Some("Hello".into()),
        body_text: Some("Hi there,\nshall we talk?".into()),
        ..Default::default()
    }
}

fn run(core: &Outpost, server: &Arc<Server>, clock: &TestClock) -> outpost_core::domain::OutboxRun {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(run_once(core, &FakeConnector(server.clone()), clock, &Settings::default())).unwrap()
}

/// Runs until the fake server hangs, then drops the run: what a killed process leaves behind.
fn run_and_die(core: &Outpost, server: &Arc<Server>, clock: &TestClock) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let connector = FakeConnector(server.clone());
    let cut = rt.block_on(async {
        tokio::time::timeout(StdDuration::from_millis(300), run_once(core, &connector, clock, &Settings::default()))
            .await
    });
    assert!(cut.is_err(), "the run was expected to hang and be cut off");
}

fn status(core: &Outpost, id: i64) -> OutboundStatus {
    core.outbox_message(id).unwrap().item.status
}

const T0: &str = "2024-05-15T10:00:00Z";

// ---- tests ------------------------------------------------------------------------------------------------

#[test]
fn a_queued_message_is_sent_once_filed_in_sent_and_on_the_contacts_timeline() {
    let t = support::open();
    let core = &t.core;
    let mb = mailbox(core, 0, 0);
    let grace = core
        .create_contact(ContactInput {
            first_name: "Grace".into(),
            emails: vec!["grace@example.test".into()],
            ..Default::default()
        })
        .unwrap();
    let clock = TestClock::at(T0);
    let queued =
        core.outbox_queue_at(SendInput { to: None, contact_id: Some(grace.id), ..text(mb, "") }, clock.now()).unwrap();
    assert!(queued.message_id.ends_with("@example.test>"));
    // The Message-ID is stored before any attempt.
    let stored = core.outbox_message(queued.id).unwrap();
    assert_eq!(stored.item.message_id, queued.message_id);
    assert_eq!(stored.item.to_addr, "grace@example.test", "the contact's email is used");
    assert_eq!(stored.item.status, OutboundStatus::Queued);

    let server = Arc::new(Server::default());
    let counts = run(core, &server, &clock);
    assert_eq!((counts.sent, counts.failed, counts.deferred), (1, 0, 0));
    assert_eq!(server.delivered_to("grace@example.test"), 1);
    let raw = server.delivered.lock().unwrap()[0].1.clone();
    assert_eq!(message_id_of(&raw), queued.message_id);
    assert!(server.sent_folder.lock().unwrap().contains(&queued.message_id));
    let sent = core.outbox_message(queued.id).unwrap().item;
    assert_eq!(sent.status, OutboundStatus::Sent);
    assert_eq!(sent.server_reply.as_deref(), Some("250 2.0.0 OK queued"));
    assert_eq!(sent.attempts, 1);

    let timeline = core.timeline(RecordRef::Contact(grace.id), None, 10).unwrap();
    let email = timeline.iter().find(|i| i.kind == "email_out").expect("the email is on the timeline");
    assert_eq!(email.subject, "Hello");
    assert_eq!(email.meta["message_id"], queued.message_id);

    // Nothing left: a second run sends nothing again.
    assert_eq!(run(core, &server, &clock).sent, 0);
    assert_eq!(server.delivered_to("grace@example.test"), 1);
}

#[test]
fn a_permanent_rejection_fails_with_the_servers_reply() {
    let t = support::open();
    let mb = mailbox(&t.core, 0, 0);
    let clock = TestClock::at(T0);
    let q = t.core.outbox_queue_at(text(mb, "reject@example.test"), clock.now()).unwrap();
    let server = Arc::new(Server::default());
    let counts = run(&t.core, &server, &clock);
    assert_eq!((counts.sent, counts.failed), (0, 1));
    let item = t.core.outbox_message(q.id).unwrap().item;
    assert_eq!(item.status, OutboundStatus::Failed);
    assert!(item.server_reply.unwrap().starts_with("550 5.1.1"));
    assert!(item.last_error.is_some());
    // Retry puts it back; cancel takes it out.
    t.core.outbox_retry(q.id).unwrap();
    assert_eq!(status(&t.core, q.id), OutboundStatus::Queued);
    t.core.outbox_cancel(q.id).unwrap();
    assert_eq!(status(&t.core, q.id), OutboundStatus::Cancelled);
    assert_eq!(t.core.outbox_cancel(q.id).unwrap_err().code(), "conflict");
}

#[test]
fn a_temporary_failure_is_retried_after_a_backoff_and_delivered_once() {
    let t = support::open();
    let mb = mailbox(&t.core, 0, 0);
    let clock = TestClock::at(T0);
    let q = t.core.outbox_queue_at(text(mb, "flaky@example.test"), clock.now()).unwrap();
    let server = Arc::new(Server::default());
    let first = run(&t.core, &server, &clock);
    assert_eq!((first.sent, first.failed, first.deferred), (0, 0, 1));
    let waiting = t.core.outbox_message(q.id).unwrap().item;
    assert_eq!(waiting.status, OutboundStatus::Queued);
    assert_eq!(waiting.attempts, 1);
    assert!(waiting.server_reply.unwrap().starts_with("451"));
    let retry_at = DateTime::parse_from_rfc3339(&waiting.not_before).unwrap().with_timezone(&Utc);
    let delay = retry_at - clock.now();
    assert!(delay >= Duration::seconds(30) && delay <= Duration::seconds(60), "{delay}");
    // The outbox says when and why.
    let listed = t.core.outbox_at(None, 50, clock.now()).unwrap();
    let item = listed.items.iter().find(|i| i.id == q.id).unwrap();
    assert_eq!(item.goes_at.as_deref(), Some(waiting.not_before.as_str()));
    assert!(item.waiting_reason.as_deref().unwrap().starts_with("Retrying"), "{:?}", item.waiting_reason);

    // Not yet due: nothing happens.
    assert_eq!(run(&t.core, &server, &clock).deferred, 1);
    clock.advance(Duration::seconds(61));
    let second = run(&t.core, &server, &clock);
    assert_eq!((second.sent, second.deferred), (1, 0));
    assert_eq!(server.delivered_to("flaky@example.test"), 1);
    assert_eq!(t.core.outbox_message(q.id).unwrap().item.attempts, 2);
}

#[test]
fn transient_failures_give_up_after_the_last_attempt() {
    let t = support::open();
    let mb = mailbox(&t.core, 0, 0);
    let clock = TestClock::at(T0);
    let q = t.core.outbox_queue_at(text(mb, "tempfail@example.test"), clock.now()).unwrap();
    let server = Arc::new(Server::default());
    for _ in 0..8 {
        run(&t.core, &server, &clock);
        clock.advance(Duration::hours(3));
    }
    let item = t.core.outbox_message(q.id).unwrap().item;
    assert_eq!(item.status, OutboundStatus::Failed);
    assert_eq!(item.attempts, 8);
    assert!(item.last_error.unwrap().starts_with("Gave up after 8 attempts"));
}

#[test]
fn a_refused_password_pauses_the_mailbox_and_keeps_the_message() {
    let t = support::open();
    let mb = mailbox(&t.core, 0, 0);
    let clock = TestClock::at(T0);
    let q = t.core.outbox_queue_at(text(mb, "badauth@example.test"), clock.now()).unwrap();
    let server = Arc::new(Server::default());
    let counts = run(&t.core, &server, &clock);
    assert_eq!((counts.sent, counts.failed, counts.deferred), (0, 0, 1));
    let m = t.core.mailbox(mb).unwrap();
    assert_eq!(m.state, MailboxState::AuthFailed);
    assert!(m.state_reason.unwrap().contains("password"));
    let item = t.core.outbox_message(q.id).unwrap().item;
    assert_eq!((item.status, item.attempts), (OutboundStatus::Queued, 0));
    // While paused nothing is tried, and the outbox says why.
    run(&t.core, &server, &clock);
    assert_eq!(*server.tries.lock().unwrap().get("badauth@example.test").unwrap(), 1);
    let listed = t.core.outbox_at(None, 50, clock.now()).unwrap();
    assert!(listed.items[0].goes_at.is_none());
    assert!(listed.items[0].waiting_reason.as_deref().unwrap().contains("refused the password"));
    assert_eq!(listed.senders[0].state, MailboxState::AuthFailed);
}

#[test]
fn the_daily_limit_holds_across_restarts_and_the_rest_goes_the_next_day() {
    let t = support::open();
    let mb = mailbox(&t.core, 2, 0);
    let clock = TestClock::at(T0);
    let ids: Vec<i64> = (0..3)
        .map(|i| t.core.outbox_queue_at(text(mb, &format!("p{i}@example.test")), clock.now()).unwrap().id)
        .collect();
    let server = Arc::new(Server::default());
    let counts = run(&t.core, &server, &clock);
    assert_eq!((counts.sent, counts.deferred), (2, 1));

    // A new process: the count comes from the database.
    let path = t.path();
    let core = support::reopen(&path).unwrap();
    clock.advance(Duration::hours(3));
    let again = run(&core, &server, &clock);
    assert_eq!((again.sent, again.deferred), (0, 1));
    assert_eq!(server.delivered.lock().unwrap().len(), 2);
    let listed = core.outbox_at(None, 50, clock.now()).unwrap();
    let waiting = listed.items.iter().find(|i| i.id == ids[2]).unwrap();
    assert_eq!(waiting.goes_at.as_deref(), Some("2024-05-16T00:00:00.000Z"));
    assert_eq!(waiting.waiting_reason.as_deref(), Some("Daily limit of 2 reached"));
    assert_eq!(listed.senders[0].sent_today, 2);

    clock.advance(Duration::hours(11));
    assert_eq!(run(&core, &server, &clock).sent, 1);
}

#[test]
fn spacing_sends_one_at_a_time() {
    let t = support::open();
    let mb = mailbox(&t.core, 0, 60);
    let clock = TestClock::at(T0);
    for i in 0..3 {
        t.core.outbox_queue_at(text(mb, &format!("s{i}@example.test")), clock.now()).unwrap();
    }
    let server = Arc::new(Server::default());
    assert_eq!(run(&t.core, &server, &clock).sent, 1);
    clock.advance(Duration::seconds(59));
    assert_eq!(run(&t.core, &server, &clock).sent, 0);
    clock.advance(Duration::seconds(32));
    assert_eq!(run(&t.core, &server, &clock).sent, 1);
}

#[test]
fn a_suppressed_address_is_refused_when_queued_and_skipped_when_sending() {
    let t = support::open();
    let mb = mailbox(&t.core, 0, 0);
    let clock = TestClock::at(T0);
    let q = t.core.outbox_queue_at(text(mb, "gone@example.test"), clock.now()).unwrap();
    t.core.add_suppression(SuppressionInput { value: "gone@example.test".into(), ..Default::default() }).unwrap();
    let server = Arc::new(Server::default());
    let counts = run(&t.core, &server, &clock);
    assert_eq!((counts.sent, counts.suppressed), (0, 1));
    assert_eq!(server.delivered.lock().unwrap().len(), 0);
    let item = t.core.outbox_message(q.id).unwrap().item;
    assert_eq!(item.status, OutboundStatus::Cancelled);
    assert!(item.last_error.unwrap().contains("suppression list"));
    let refused = t.core.outbox_queue_at(text(mb, "gone@example.test"), clock.now()).unwrap_err();
    assert_eq!(refused.field(), Some("to"));
}

#[test]
fn a_run_stopped_mid_send_is_resolved_from_the_sent_folder_never_sending_twice() {
    let t = support::open();
    let mb = mailbox(&t.core, 0, 0);
    let clock = TestClock::at(T0);
    let server = Arc::new(Server::default());

    // 1. Stopped after the server took it and filed it itself, before we heard back.
    let a = t.core.outbox_queue_at(text(mb, "a@example.test"), clock.now()).unwrap();
    *server.hang.lock().unwrap() = Some(Hang::AfterSendAutoFiled);
    run_and_die(&t.core, &server, &clock);
    assert_eq!(status(&t.core, a.id), OutboundStatus::Sending);
    *server.hang.lock().unwrap() = None;
    let counts = run(&t.core, &server, &clock);
    assert_eq!((counts.recovered, counts.sent), (1, 0));
    assert_eq!(status(&t.core, a.id), OutboundStatus::Sent);
    assert_eq!(server.delivered_to("a@example.test"), 1);

    // 2. Stopped while filing in Sent, after the server's "250": filed now, not resent.
    let b = t.core.outbox_queue_at(text(mb, "b@example.test"), clock.now()).unwrap();
    *server.hang.lock().unwrap() = Some(Hang::WhileFiling);
    run_and_die(&t.core, &server, &clock);
    let left = t.core.outbox_message(b.id).unwrap().item;
    assert_eq!(left.status, OutboundStatus::Sending);
    assert!(left.sent_at.is_some());
    *server.hang.lock().unwrap() = None;
    run(&t.core, &server, &clock);
    assert_eq!(status(&t.core, b.id), OutboundStatus::Sent);
    assert_eq!(server.delivered_to("b@example.test"), 1);
    assert!(server.sent_folder.lock().unwrap().contains(&b.message_id));

    // 3. Stopped before the server had it: sent (once) on the next run.
    let c = t.core.outbox_queue_at(text(mb, "c@example.test"), clock.now()).unwrap();
    *server.hang.lock().unwrap() = Some(Hang::BeforeSend);
    run_and_die(&t.core, &server, &clock);
    assert_eq!(server.delivered_to("c@example.test"), 0);
    *server.hang.lock().unwrap() = None;
    // While the Sent folder cannot be read, nothing is guessed: it stays `sending`.
    *server.sent_folder_down.lock().unwrap() = true;
    let blind = run(&t.core, &server, &clock);
    assert_eq!((blind.sent, blind.recovered, blind.deferred), (0, 0, 1));
    assert_eq!(status(&t.core, c.id), OutboundStatus::Sending);
    *server.sent_folder_down.lock().unwrap() = false;
    let counts = run(&t.core, &server, &clock);
    assert_eq!((counts.recovered, counts.sent), (1, 1));
    assert_eq!(server.delivered_to("c@example.test"), 1);
}

#[test]
fn only_one_sender_at_a_time() {
    let t = support::open();
    let _held = outpost_core::mail::outbox::OutboxLock::try_acquire(&t.path()).unwrap().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let server = Arc::new(Server::default());
    let clock = TestClock::at(T0);
    let refused = rt.block_on(run_once(&t.core, &FakeConnector(server), &clock, &Settings::default())).unwrap_err();
    assert_eq!(refused.code(), "conflict");
}

#[test]
fn free_text_needs_a_subject_body_and_a_valid_address() {
    let t = support::open();
    let mb = mailbox(&t.core, 0, 0);
    let err = |input: SendInput| t.core.outbox_queue(input).unwrap_err().field().map(str::to_string);
    assert_eq!(err(SendInput { subject: None, ..text(mb, "x@example.test") }).as_deref(), Some("subject"));
    assert_eq!(
        err(SendInput { body_text: Some(" ".into()), ..text(mb, "x@example.test") }).as_deref(),
        Some("body_text")
    );
    assert_eq!(err(text(mb, "not an address")).as_deref(), Some("to"));
    assert_eq!(err(SendInput { to: None, ..text(mb, "") }).as_deref(), Some("to"));
    assert_eq!(t.core.outbox_queue(text(9999, "x@example.test")).unwrap_err().code(), "not_found");
}
