//! Sequences end to end against real servers (crates/testkit) and an injected clock: the scheduler queues,
//! the outbox sends to aiosmtpd and files in Dovecot's Sent, replies/bounces/auto-replies come back through
//! Dovecot's INBOX and `mail::sync`. What counts is what the SMTP server received.
mod support;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Timelike, Utc};
use chrono_tz::Tz;
use outpost_core::domain::{
    ContactInput, EnrollSource, EnrollmentStatus, Mailbox, MailboxInput, Security, SendWindow, SequenceInput,
    SequenceSettings, SequenceStatus, StepInput, StepKind, TemplateInput,
};
use outpost_core::mail::imap::ImapSession;
use outpost_core::mail::outbox::{run_once, Clock, LiveConnector, Settings};
use outpost_core::mail::sync;
use outpost_core::secrets::MemoryStore;
use outpost_core::Outpost;
use outpost_testkit::{Dovecot, FakeSmtp, PASSWORD, USER};
use support::{any_time, email_step, wait_step as wait};

struct TestClock(Mutex<DateTime<Utc>>);

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

impl TestClock {
    fn set(&self, t: DateTime<Utc>) {
        *self.0.lock().unwrap() = t;
    }
}

struct Env {
    _dir: tempfile::TempDir,
    core: Outpost,
    smtp: FakeSmtp,
    _imap: Dovecot,
    mailbox: Mailbox,
    clock: TestClock,
}

fn env(daily_limit: i64, start: DateTime<Utc>) -> Env {
    // Servers of its own: the INBOX is the test's alone (a bounce for Bob elsewhere must not reach this Bob).
    let d = Dovecot::start();
    let smtp = FakeSmtp::start();
    let dir = tempfile::tempdir().unwrap();
    let core = Outpost::open(&dir.path().join("outpost.db"), Arc::new(MemoryStore::default())).unwrap();
    let mailbox = core
        .create_mailbox(MailboxInput {
            name: "Work".into(),
            email: USER.into(),
            display_name: Some("Alice Rep".into()),
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
            // Days for the cap are UTC days, whatever the machine's zone.
            send_window: Some(SendWindow { timezone: Some("UTC".into()), ..Default::default() }),
        })
        .unwrap();
    Env { _dir: dir, core, smtp, _imap: d, mailbox, clock: TestClock(Mutex::new(start)) }
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn email(subject: &str) -> StepInput {
    email_step(
        subject,
        "Hi {{ contact.first_name | default(\"there\") }}, a word about {{ company.name | default(\"your team\") }}.",
    )
}

impl Env {
    fn contact(&self, first: &str, email: &str) -> i64 {
        self.core
            .create_contact(ContactInput { first_name: first.into(), emails: vec![email.into()], ..Default::default() })
            .unwrap()
            .id
    }

    fn sequence(&self, settings: SequenceSettings, steps: Vec<StepInput>) -> i64 {
        self.core
            .create_sequence(SequenceInput {
                name: "Follow-up".into(),
                mailbox_id: Some(self.mailbox.id),
                status: Some(SequenceStatus::Active),
                settings: Some(settings),
                steps,
                ..Default::default()
            })
            .unwrap()
            .id
    }

    /// A scheduler tick then an outbox pass at `t`.
    fn step(&self, t: DateTime<Utc>) -> (u32, u32) {
        self.clock.set(t);
        let tick = self.core.scheduler_tick(t).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        // The previous pass's sender lock is released as its runtime shuts down; under load that can lag a moment.
        let mut tries = 0;
        let run = loop {
            match rt.block_on(run_once(&self.core, &LiveConnector, &self.clock, &Settings::default())) {
                Err(outpost_core::CoreError::Conflict(_)) if tries < 50 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
                other => break other.unwrap(),
            }
        };
        assert!(run.problems.is_empty() && run.failed == 0, "{run:?}");
        (tick.queued, run.sent)
    }

    /// Ticks every `every` from `from` to `to`; returns (queued, sent) in total.
    fn run(&self, from: DateTime<Utc>, to: DateTime<Utc>, every: Duration) -> (u32, u32) {
        let (mut q, mut s) = (0, 0);
        let mut t = from;
        while t <= to {
            let (a, b) = self.step(t);
            q += a;
            s += b;
            t += every;
        }
        (q, s)
    }

    fn step_message_id(&self, contact_id: i64, position: i64) -> String {
        self.core
            .db()
            .read(|c| {
                Ok(c.query_row(
                    "SELECT o.message_id FROM outbound_messages o JOIN sequence_steps st ON st.id = o.step_id
                     WHERE o.contact_id = ?1 AND st.position = ?2",
                    [contact_id, position],
                    |r| r.get(0),
                )?)
            })
            .unwrap()
    }

    /// Puts a fixture from tests/fixtures/mail in the mailbox's INBOX (as if Bob's server delivered it), then syncs.
    fn receive(&self, fixture: &str, out_id: &str) {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/mail").join(fixture);
        let date = (Utc::now() - Duration::hours(1)).to_rfc2822();
        let text = std::fs::read_to_string(path)
            .unwrap()
            .replace("{{OUT_ID}}", out_id)
            .replace("{{ME}}", &self.mailbox.email)
            .replace("{{DATE}}", &date)
            .replace("\r\n", "\n")
            .replace('\n', "\r\n");
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let mut s = ImapSession::connect(&self.mailbox, PASSWORD).await.unwrap();
            s.append("INBOX", text.as_bytes()).await.unwrap();
            s.logout().await;
            sync::run_once(&self.core, Some(self.mailbox.id)).await.unwrap();
        });
    }

    fn enrollment(&self, sequence_id: i64) -> outpost_core::domain::Enrollment {
        self.core.sequence_enrollments(sequence_id, 10).unwrap().remove(0)
    }
}

fn three_steps() -> Vec<StepInput> {
    vec![email("Quick question"), wait(2), email("Following up"), wait(3), email("Last note")]
}

#[test]
fn a_three_step_sequence_over_simulated_days_sends_each_step_once() {
    let start = Utc::now();
    let e = env(0, start);
    let bob = e.contact("Bob", "bob@acme.example");
    let seq = e.sequence(any_time(), three_steps());
    let enrolled = e.core.sequence_enroll_at(seq, EnrollSource::Contacts(vec![bob]), start).unwrap();
    assert_eq!(enrolled.enrolled, 1, "{enrolled:?}");
    // Ticking every 4 hours for 8 days (and each instant twice) sends each step exactly once.
    let (queued, sent) = e.run(start, start + Duration::days(8), Duration::hours(4));
    let again = e.core.scheduler_tick(start + Duration::days(8)).unwrap();
    assert_eq!((queued, sent, again.queued), (3, 3, 0));
    let got = e.smtp.received_by("bob@acme.example");
    assert_eq!(got.len(), 3);
    let subjects: Vec<String> = got.iter().map(|m| m.header("Subject").unwrap()).collect();
    assert_eq!(subjects, vec!["Quick question", "Re: Quick question", "Re: Quick question"]);
    let first = got[0].header("Message-ID").unwrap();
    assert_eq!(got[1].header("In-Reply-To").as_deref(), Some(first.as_str()), "follow-ups reply in the thread");
    assert!(got[0].text().contains("Hi Bob,"));
    let e1 = e.enrollment(seq);
    assert_eq!(e1.status, EnrollmentStatus::Completed);
    let stats = e.core.sequence_stats(seq).unwrap();
    assert_eq!((stats.enrolled, stats.sent, stats.completed), (1, 3, 1));
    assert_eq!(stats.steps.iter().map(|s| s.reached).collect::<Vec<_>>(), vec![1, 1, 1, 1, 1]);
}

#[test]
fn a_reply_after_step_one_stops_steps_two_and_three() {
    let start = Utc::now();
    let e = env(0, start);
    let bob = e.contact("Bob", "bob@acme.example");
    let seq = e.sequence(any_time(), three_steps());
    e.core.sequence_enroll_at(seq, EnrollSource::Contacts(vec![bob]), start).unwrap();
    assert_eq!(e.step(start), (1, 1));
    e.receive("reply_in_reply_to.eml", &e.step_message_id(bob, 0));
    let stopped = e.enrollment(seq);
    assert_eq!(stopped.status, EnrollmentStatus::Stopped);
    assert_eq!(stopped.stop_code.as_deref(), Some("reply"));
    assert_eq!(stopped.stop_reason.as_deref(), Some("The contact replied"));
    let (queued, _) = e.run(start + Duration::hours(1), start + Duration::days(8), Duration::hours(6));
    assert_eq!(queued, 0);
    assert_eq!(e.smtp.received_by("bob@acme.example").len(), 1);
    let stats = e.core.sequence_stats(seq).unwrap();
    assert_eq!((stats.replied, stats.reply_rate), (1, 1.0));
    assert_eq!(stats.steps[0].replied, 1);
}

#[test]
fn a_hard_bounce_stops_the_sequence_and_suppresses_the_address() {
    let start = Utc::now();
    let e = env(0, start);
    let bob = e.contact("Bob", "bob@acme.example");
    let seq = e.sequence(any_time(), three_steps());
    e.core.sequence_enroll_at(seq, EnrollSource::Contacts(vec![bob]), start).unwrap();
    assert_eq!(e.step(start), (1, 1));
    e.receive("bounce_dsn_hard.eml", &e.step_message_id(bob, 0));
    let stopped = e.enrollment(seq);
    assert_eq!((stopped.status, stopped.stop_code.as_deref()), (EnrollmentStatus::Stopped, Some("hard_bounce")));
    assert!(e.core.is_suppressed("bob@acme.example").unwrap().is_some());
    let (queued, _) = e.run(start + Duration::hours(1), start + Duration::days(8), Duration::hours(6));
    assert_eq!(queued, 0);
    // A new enrollment elsewhere is refused with the reason.
    let other = e.sequence(any_time(), vec![email("Another")]);
    let preview = e.core.sequence_enroll_preview(other, EnrollSource::Contacts(vec![bob])).unwrap();
    assert_eq!(preview.enrolled, 0);
    assert_eq!(preview.skipped[0].reason.as_str(), "bounced");
}

#[test]
fn an_auto_reply_does_not_stop_but_delays_the_next_step() {
    let start = Utc::now();
    let e = env(0, start);
    let bob = e.contact("Bob", "bob@acme.example");
    // Email, wait 1 day, email; an out-of-office pushes the follow-up to at least 2 days out.
    let seq = e.sequence(any_time(), vec![email("Quick question"), wait(1), email("Following up")]);
    e.core.sequence_enroll_at(seq, EnrollSource::Contacts(vec![bob]), start).unwrap();
    assert_eq!(e.step(start), (1, 1));
    e.receive("auto_submitted.eml", &e.step_message_id(bob, 0));
    let running = e.enrollment(seq);
    assert_eq!(running.status, EnrollmentStatus::Active, "{running:?}");
    let next = DateTime::parse_from_rfc3339(running.next_run_at.as_deref().unwrap()).unwrap();
    assert!(next >= Utc::now() + Duration::days(2) - Duration::minutes(5), "{next}");
    assert_eq!(e.step(start + Duration::days(1) + Duration::hours(1)).0, 0, "delayed past the 1-day wait");
    let (queued, _) = e.run(Utc::now() + Duration::days(2), Utc::now() + Duration::days(3), Duration::hours(6));
    assert_eq!(queued, 1);
    assert_eq!(e.smtp.received_by("bob@acme.example").len(), 2);
}

/// Messages the server got per UTC day.
fn per_day(e: &Env) -> Vec<(String, usize)> {
    let rows: Vec<String> = e
        .core
        .db()
        .read(|c| {
            let mut s = c.prepare("SELECT substr(sent_at, 1, 10) FROM outbound_messages WHERE sent_at IS NOT NULL")?;
            let rows = s.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
            Ok(rows)
        })
        .unwrap();
    let mut days: std::collections::BTreeMap<String, usize> = Default::default();
    for d in rows {
        *days.entry(d).or_default() += 1;
    }
    days.into_iter().collect()
}

fn enroll_many(e: &Env, seq: i64, n: usize, start: DateTime<Utc>) -> Vec<i64> {
    let ids: Vec<i64> = (0..n).map(|i| e.contact(&format!("P{i}"), &format!("p{i}@bulk.example"))).collect();
    let r = e.core.sequence_enroll_at(seq, EnrollSource::Contacts(ids.clone()), start).unwrap();
    assert_eq!(r.enrolled as usize, n, "{:?}", r.skipped.first());
    ids
}

#[test]
fn daily_caps_hold_with_500_enrolled() {
    let start = at("2030-01-07T00:00:00Z");
    let e = env(40, start);
    let seq = e.sequence(any_time(), three_steps());
    enroll_many(&e, seq, 500, start);
    let (queued, sent) = e.run(start, start + Duration::days(3) - Duration::minutes(1), Duration::hours(2));
    assert_eq!((queued, sent), (120, 120));
    let days = per_day(&e);
    assert_eq!(days.len(), 3, "{days:?}");
    assert!(days.iter().all(|(_, n)| *n == 40), "never past the cap: {days:?}");
}

#[test]
fn after_five_days_closed_a_tick_sends_what_is_due_within_the_cap() {
    let start = at("2030-01-07T08:00:00Z");
    let e = env(30, start);
    let seq = e.sequence(any_time(), three_steps());
    enroll_many(&e, seq, 60, start);
    assert_eq!(e.run(start, start + Duration::hours(12), Duration::hours(1)), (30, 30));
    // Closed for five days: 30 first emails and 30 follow-ups are overdue. The first tick back queues 30.
    let back = start + Duration::days(5);
    let tick = e.core.scheduler_tick(back).unwrap();
    assert_eq!(tick.queued, 30);
    assert!(tick.deferred_by_cap > 0, "{tick:?}");
    assert_eq!(e.core.scheduler_tick(back + Duration::minutes(1)).unwrap().queued, 0, "no burst");
    let (_, sent) = e.run(back + Duration::minutes(2), back + Duration::days(3), Duration::hours(3));
    assert_eq!(sent, 90);
    let days = per_day(&e);
    assert!(days.iter().all(|(_, n)| *n <= 30), "{days:?}");
    // Every contact got each of its steps at most once.
    let dupes: i64 = e
        .core
        .db()
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM (SELECT enrollment_id, step_id FROM outbound_messages
                 GROUP BY enrollment_id, step_id HAVING count(*) > 1)",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(dupes, 0);
}

fn dst_case(start: &str) {
    let ny: Tz = "America/New_York".parse().unwrap();
    let start = at(start);
    let e = env(0, start);
    let bob = e.contact("Bob", "bob@acme.example");
    let settings = SequenceSettings {
        send_days: vec![],
        send_start: Some("09:00".into()),
        send_end: Some("17:00".into()),
        rep_timezone: Some("America/New_York".into()),
        ..Default::default()
    };
    let seq = e.sequence(settings, vec![email("One"), wait(1), email("Two"), wait(1), email("Three")]);
    e.core.sequence_enroll_at(seq, EnrollSource::Contacts(vec![bob]), start).unwrap();
    // Every 30 minutes across the night the clocks change.
    let (queued, sent) = e.run(start, start + Duration::days(4), Duration::minutes(30));
    assert_eq!((queued, sent), (3, 3));
    let sent_at: Vec<DateTime<Tz>> = e
        .core
        .db()
        .read(|c| {
            let mut s = c.prepare("SELECT sent_at FROM outbound_messages ORDER BY id")?;
            let rows = s.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        })
        .unwrap()
        .iter()
        .map(|s| at(s).with_timezone(&ny))
        .collect();
    for t in &sent_at {
        assert!((9..17).contains(&t.hour()), "inside the window in New York: {t}");
    }
    let days: Vec<String> = sent_at.iter().map(|t| t.date_naive().to_string()).collect();
    assert_eq!(days.len(), 3);
    assert!(days.windows(2).all(|w| w[0] < w[1]), "one a day: {days:?}");
}

#[test]
fn a_dst_change_neither_doubles_nor_skips_a_step() {
    // Saturday 2024-03-09 13:00 UTC = 08:00 EST, the night before clocks spring forward.
    dst_case("2024-03-09T13:00:00Z");
    // Saturday 2024-11-02 12:00 UTC = 08:00 EDT, the night before clocks fall back.
    dst_case("2024-11-02T12:00:00Z");
}

#[test]
fn templates_edited_after_enrolling_do_not_change_what_was_promised() {
    let start = Utc::now();
    let e = env(0, start);
    let bob = e.contact("Bob", "bob@acme.example");
    let t = e
        .core
        .create_template(TemplateInput {
            name: "Intro".into(),
            subject: "Promised subject".into(),
            body_text: "Promised text".into(),
            body_html: None,
        })
        .unwrap();
    let seq = e.sequence(
        any_time(),
        vec![StepInput { kind: Some(StepKind::Email), template_id: Some(t.id), ..Default::default() }],
    );
    e.core.sequence_enroll_at(seq, EnrollSource::Contacts(vec![bob]), start).unwrap();
    e.core
        .update_template(
            t.id,
            TemplateInput {
                name: "Intro".into(),
                subject: "Changed".into(),
                body_text: "Changed".into(),
                body_html: None,
            },
        )
        .unwrap();
    assert_eq!(e.step(start), (1, 1));
    let got = e.smtp.received_by("bob@acme.example");
    assert_eq!(got[0].header("Subject").as_deref(), Some("Promised subject"));
}
