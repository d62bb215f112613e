//! Email in against a real Dovecot (crates/testkit): messages from tests/fixtures/mail are APPENDed to a
//! fresh user's INBOX, then `mail::sync::run_once` fetches, matches and classifies them. One Dovecot for the
//! file; every test has its own IMAP user and database.
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};

use outpost_core::domain::{
    CompanyInput, ContactInput, EngagementStop, MailClass, Mailbox, MailboxInput, Security, SendInput, SyncCounts,
};
use outpost_core::mail::imap::ImapSession;
use outpost_core::mail::sync;
use outpost_core::secrets::MemoryStore;
use outpost_core::Outpost;
use outpost_testkit::Dovecot;

/// Users are added before anyone signs in: Dovecot notices a changed passwd file by its mtime (whole
/// seconds), so users appended in the same second as a login would be missed.
const USERS: u32 = 64;

fn dovecot() -> &'static Dovecot {
    static D: OnceLock<Dovecot> = OnceLock::new();
    D.get_or_init(|| {
        let d = Dovecot::start();
        for n in 0..USERS {
            d.add_user(&user(n), PW);
        }
        d
    })
}

fn user(n: u32) -> String {
    format!("sync{n}@example.test")
}

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/mail").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

struct Env {
    _dir: tempfile::TempDir,
    secrets: Arc<MemoryStore>,
    core: Outpost,
    mailbox: Mailbox,
    /// The Message-ID of "Proposal", sent to Bob through the outbox.
    out_id: String,
    outbound: i64,
    bob: i64,
    acme: i64,
}

const PW: &str = "syncpw";

/// A database with Acme (acme.example) and Bob Baker (bob@acme.example) at it, a mailbox for a fresh
/// Dovecot user, and one message "sent" to Bob.
fn env() -> Env {
    static N: AtomicU32 = AtomicU32::new(0);
    let d = dovecot();
    let n = N.fetch_add(1, Ordering::Relaxed);
    assert!(n < USERS, "raise USERS");
    let user = user(n);
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemoryStore::default());
    let core = Outpost::open(&dir.path().join("outpost.db"), secrets.clone()).unwrap();
    let mailbox = core
        .create_mailbox(MailboxInput {
            name: "Work".into(),
            email: user.clone(),
            smtp_host: "localhost".into(),
            smtp_port: 2525,
            smtp_security: Security::Starttls,
            imap_host: "localhost".into(),
            imap_port: d.imaps_port,
            imap_security: Security::Tls,
            username: user,
            ca_pem: Some(d.ca_pem().to_string()),
            password: Some(PW.into()),
            ..Default::default()
        })
        .unwrap();
    let acme = core
        .create_company(CompanyInput {
            name: "Acme".into(),
            website: Some("acme.example".into()),
            ..Default::default()
        })
        .unwrap()
        .id;
    let bob = core
        .create_contact(ContactInput {
            first_name: "Bob".into(),
            last_name: "Baker".into(),
            company_id: Some(acme),
            emails: vec!["bob@acme.example".into()],
            ..Default::default()
        })
        .unwrap()
        .id;
    let queued = core
        .outbox_queue(SendInput {
            mailbox_id: mailbox.id,
            to: Some("bob@acme.example".into()),
            subject: Some("Proposal".into()),
            body_text: Some("Here is our proposal.".into()),
            contact_id: Some(bob),
            ..Default::default()
        })
        .unwrap();
    sql(&core, "UPDATE outbound_messages SET status = 'sent', sent_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
    Env { _dir: dir, secrets, core, mailbox, out_id: queued.message_id, outbound: queued.id, bob, acme }
}

fn sql(core: &Outpost, statement: &str) {
    core.db().write(|tx| Ok(tx.execute_batch(statement)?)).unwrap();
}

fn one<T: rusqlite::types::FromSql>(core: &Outpost, query: &str) -> T {
    core.db().read(|conn| Ok(conn.query_row(query, [], |r| r.get(0))?)).unwrap()
}

impl Env {
    fn fill(&self, raw: &[u8]) -> Vec<u8> {
        let date = (chrono::Utc::now() - chrono::Duration::hours(1)).to_rfc2822();
        let mut text = raw.to_vec();
        for (k, v) in
            [("{{OUT_ID}}", self.out_id.as_str()), ("{{ME}}", self.mailbox.email.as_str()), ("{{DATE}}", &date)]
        {
            text = replace(&text, k.as_bytes(), v.as_bytes());
        }
        // IMAP wants CRLF line ends.
        replace(&replace(&text, b"\r\n", b"\n"), b"\n", b"\r\n")
    }

    async fn append(&self, folder: &str, messages: &[Vec<u8>]) {
        let mut s = ImapSession::connect(&self.mailbox, PW).await.unwrap();
        for m in messages {
            s.append(folder, m).await.unwrap();
        }
        s.logout().await;
    }

    async fn deliver(&self, fixtures: &[&str]) {
        let raws: Vec<Vec<u8>> = fixtures.iter().map(|f| self.fill(&fixture(f))).collect();
        self.append("INBOX", &raws).await;
    }

    async fn sync(&self) -> SyncCounts {
        sync::run_once(&self.core, Some(self.mailbox.id)).await.unwrap()
    }

    /// (classification, reason, contact, thread) of the stored message.
    fn stored(&self, message_id: &str) -> (MailClass, String, Option<i64>, i64) {
        self.core
            .db()
            .read(|conn| {
                Ok(conn.query_row(
                    "SELECT classification, classification_reason, contact_id, thread_id FROM email_messages
                     WHERE message_id = ?1",
                    [message_id],
                    |r| Ok((MailClass::parse(&r.get::<_, String>(0)?).unwrap(), r.get(1)?, r.get(2)?, r.get(3)?)),
                )?)
            })
            .unwrap_or_else(|e| panic!("{message_id} not stored: {e}"))
    }

    fn replied(&self) -> bool {
        one::<Option<String>>(
            &self.core,
            &format!("SELECT replied_at FROM outbound_messages WHERE id = {}", self.outbound),
        )
        .is_some()
    }

    fn enroll_bob(&self) {
        sql(
            &self.core,
            &format!(
                "INSERT INTO sequences (id, name, status) VALUES (1, 'Follow-up', 'active');
                 INSERT INTO sequence_enrollments (sequence_id, contact_id, status) VALUES (1, {}, 'active');",
                self.bob
            ),
        );
    }

    fn enrollment(&self) -> (String, Option<String>) {
        self.core
            .db()
            .read(|conn| {
                Ok(conn.query_row("SELECT status, stop_reason FROM sequence_enrollments", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?)
            })
            .unwrap()
    }
}

fn replace(hay: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(hay.len());
    let mut i = 0;
    while i < hay.len() {
        if hay[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(hay[i]);
            i += 1;
        }
    }
    out
}

#[tokio::test]
async fn a_reply_with_in_reply_to_joins_the_thread_marks_the_message_replied_and_stops_sequences() {
    let e = env();
    e.enroll_bob();
    e.deliver(&["reply_in_reply_to.eml"]).await;
    let counts = e.sync().await;
    assert_eq!((counts.fetched, counts.replies, counts.matched, counts.unmatched), (1, 1, 1, 0), "{counts:?}");
    let (class, reason, contact, thread) = e.stored("<reply-irt@acme.example>");
    assert_eq!(class, MailClass::Reply);
    assert!(reason.contains("In-Reply-To"), "{reason}");
    assert_eq!(contact, Some(e.bob));
    assert!(e.replied());
    let (status, why) = e.enrollment();
    assert_eq!(status, "stopped");
    assert_eq!(why.as_deref(), Some("The contact replied"));
    // On Bob's timeline, and the thread carries Bob and Acme.
    let view = e.core.email_thread(thread).unwrap();
    assert_eq!((view.thread.contact_id, view.thread.company_id), (Some(e.bob), Some(e.acme)));
    assert_eq!(view.thread.unread_count, 0, "APPENDed as seen");
    let activities: i64 =
        one(&e.core, &format!("SELECT count(*) FROM activities WHERE kind = 'email_in' AND contact_id = {}", e.bob));
    assert_eq!(activities, 1);
    // The quoted history is not the snippet.
    assert!(!view.messages[0].snippet.as_deref().unwrap().contains("Here is our proposal"));
    // Nothing new: nothing fetched.
    let again = e.sync().await;
    assert_eq!(again.fetched, 0, "{again:?}");
}

#[tokio::test]
async fn an_outlook_reply_with_only_references_is_matched() {
    let e = env();
    e.deliver(&["reply_references_only.eml"]).await;
    let counts = e.sync().await;
    assert_eq!(counts.replies, 1, "{counts:?}");
    let (class, reason, contact, _) = e.stored("<DM6PR01MB1234.namprd01.prod.outlook.com>");
    assert_eq!((class, contact), (MailClass::Reply, Some(e.bob)));
    assert!(reason.starts_with("References"), "{reason}");
    assert!(e.replied());
}

#[tokio::test]
async fn a_known_sender_without_thread_headers_is_matched_by_address_with_a_weak_subject_hint() {
    let e = env();
    e.deliver(&["reply_no_headers_known_sender.eml"]).await;
    let counts = e.sync().await;
    assert_eq!((counts.replies, counts.matched), (1, 1), "{counts:?}");
    let (class, reason, contact, _) = e.stored("<reply-noheaders@acme.example>");
    assert_eq!((class, contact), (MailClass::Reply, Some(e.bob)));
    assert!(reason.contains("weak"), "{reason}");
    assert!(e.replied());
}

#[tokio::test]
async fn an_html_only_reply_quoting_an_unsubscribe_link_is_a_reply() {
    let e = env();
    e.deliver(&["reply_html_only_quoted.eml", "reply_quoting_unsubscribe_footer.eml"]).await;
    let counts = e.sync().await;
    assert_eq!((counts.replies, counts.unsubscribes), (2, 0), "{counts:?}");
    let (class, _, _, thread) = e.stored("<reply-html@acme.example>");
    assert_eq!(class, MailClass::Reply);
    let view = e.core.email_thread(thread).unwrap();
    let html = view.messages.iter().find(|m| m.message_id == "<reply-html@acme.example>").unwrap();
    assert!(html.body_html.as_deref().unwrap().contains("count us in"));
    assert_eq!(html.snippet.as_deref(), Some("Great, count us in."));
    assert_eq!(e.core.is_suppressed("bob@acme.example").unwrap(), None);
}

#[tokio::test]
async fn an_unsubscribe_request_suppresses_the_sender() {
    let e = env();
    e.enroll_bob();
    e.deliver(&["unsubscribe_request.eml"]).await;
    let counts = e.sync().await;
    assert_eq!(counts.unsubscribes, 1, "{counts:?}");
    assert!(e.core.is_suppressed("bob@acme.example").unwrap().unwrap().contains("unsubscribed"));
    let state = e.core.contact_mail_state(e.bob).unwrap();
    assert!(state.unsubscribed_at.is_some() && state.suppressed.is_some(), "{state:?}");
    assert_eq!(e.enrollment().1.as_deref(), Some("The contact asked to unsubscribe"));
}

#[tokio::test]
async fn a_colleague_at_the_same_domain_links_to_the_company_only() {
    let e = env();
    e.deliver(&["colleague_same_domain.eml"]).await;
    let counts = e.sync().await;
    assert_eq!((counts.matched, counts.unmatched, counts.replies), (1, 0, 0), "{counts:?}");
    let (class, _, contact, thread) = e.stored("<colleague@acme.example>");
    assert_eq!((class, contact), (MailClass::Other, None));
    let view = e.core.email_thread(thread).unwrap();
    assert_eq!((view.thread.contact_id, view.thread.company_id), (None, Some(e.acme)));
    assert!(!e.replied());
    // "Create contact from sender" links it.
    let carol = e.core.create_contact_from_sender(view.messages[0].id).unwrap();
    assert_eq!(
        (carol.first_name.as_str(), carol.last_name.as_str(), carol.company_id),
        ("Carol", "Chen", Some(e.acme))
    );
    assert_eq!(e.stored("<colleague@acme.example>").2, Some(carol.id));
}

#[tokio::test]
async fn unknown_senders_stay_out_of_the_crm() {
    let e = env();
    let raw = b"From: Stranger <someone@nowhere.example>\r\nTo: x@example.test\r\nSubject: Hello\r\n\
        Message-ID: <stranger@nowhere.example>\r\n\r\nBuy now.\r\n";
    e.append("INBOX", &[e.fill(raw)]).await;
    let counts = e.sync().await;
    assert_eq!((counts.fetched, counts.matched, counts.unmatched), (1, 0, 1), "{counts:?}");
    let contacts: i64 = one(&e.core, "SELECT count(*) FROM contacts");
    assert_eq!(contacts, 1, "only Bob");
    assert!(e.core.inbox(None, true, 50).unwrap().is_empty());
    assert_eq!(e.core.inbox(None, false, 50).unwrap().len(), 1);
}

#[tokio::test]
async fn auto_replies_are_recognised_by_each_header_and_by_subject_but_not_a_reply_mentioning_absence() {
    let e = env();
    e.enroll_bob();
    e.deliver(&["auto_submitted.eml", "auto_x_autoreply.eml", "auto_precedence.eml", "auto_subject_only.eml"]).await;
    let counts = e.sync().await;
    assert_eq!((counts.auto_replies, counts.replies), (4, 0), "{counts:?}");
    for (id, why) in [
        ("<auto-submitted@acme.example>", "Auto-Submitted"),
        ("<auto-x-autoreply@acme.example>", "X-Autoreply"),
        ("<auto-precedence@acme.example>", "Precedence"),
        ("<auto-subject@acme.example>", "Subject"),
    ] {
        let (class, reason, contact, _) = e.stored(id);
        assert_eq!((class, contact), (MailClass::AutoReply, Some(e.bob)), "{id}");
        assert!(reason.starts_with(why), "{id}: {reason}");
    }
    assert!(!e.replied(), "an auto-reply is not a reply");
    assert_eq!(e.enrollment().0, "active", "an auto-reply does not stop the sequence");
    e.deliver(&["reply_mentions_out_of_office.eml"]).await;
    let counts = e.sync().await;
    assert_eq!((counts.auto_replies, counts.replies), (0, 1), "{counts:?}");
    assert!(e.replied());
}

/// (fixture, hard) for every bounce form; each in a database of its own.
#[tokio::test]
async fn bounces_in_every_form_flag_the_contact_and_hard_ones_suppress() {
    let cases = [
        ("bounce_dsn_hard.eml", true, Some("5.1.1")),
        ("bounce_dsn_soft.eml", false, Some("4.4.7")),
        ("bounce_exchange_hard.eml", true, Some("5.1.10")),
        ("bounce_gmail_hard.eml", true, Some("5.1.1")),
        ("bounce_gmail_soft.eml", false, None),
        ("bounce_plain_hard.eml", true, Some("5.1.1")),
        ("bounce_plain_soft.eml", false, Some("4.3.0")),
    ];
    for (fixture, hard, status) in cases {
        let e = env();
        e.enroll_bob();
        e.deliver(&[fixture]).await;
        let counts = e.sync().await;
        assert_eq!((counts.bounces, counts.replies, counts.auto_replies), (1, 0, 0), "{fixture}: {counts:?}");
        let id: String = one(&e.core, "SELECT message_id FROM email_messages");
        let (class, reason, contact, _) = e.stored(&id);
        assert_eq!((class, contact), (MailClass::Bounce, Some(e.bob)), "{fixture}: {reason}");
        let expected = if hard { "Hard bounce" } else { "Soft bounce" };
        assert!(reason.starts_with(expected), "{fixture}: {reason}");
        if let Some(s) = status {
            assert!(reason.contains(&format!("({s})")), "{fixture}: {reason}");
        }
        assert!(reason.contains("bob@acme.example"), "{fixture}: {reason}");
        let state = e.core.contact_mail_state(e.bob).unwrap();
        assert!(state.bounced, "{fixture}");
        assert!(state.bounce_reason.as_deref().unwrap().starts_with(expected), "{fixture}: {state:?}");
        assert_eq!(state.suppressed.is_some(), hard, "{fixture}: {state:?}");
        assert!(!e.replied(), "{fixture}");
        assert_eq!(e.enrollment().0, "stopped", "{fixture}");
    }
}

#[tokio::test]
async fn malformed_mime_is_stored_with_a_warning_and_the_sync_goes_on() {
    let e = env();
    e.deliver(&["malformed_mime.eml", "reply_in_reply_to.eml"]).await;
    let counts = e.sync().await;
    assert_eq!(counts.fetched, 2, "{counts:?}");
    assert!(counts.problems.is_empty(), "{counts:?}");
    assert_eq!(e.stored("<reply-irt@acme.example>").0, MailClass::Reply);
    let (_, _, contact, thread) = e.stored("<malformed@acme.example>");
    assert_eq!(contact, Some(e.bob));
    let view = e.core.email_thread(thread).unwrap();
    let m = &view.messages[0];
    assert!(m.attachments.iter().all(|a| !a.name.contains('/') && !a.name.starts_with('.')), "{:?}", m.attachments);
}

#[tokio::test]
async fn a_500_id_references_header_is_matched_quickly() {
    let e = env();
    let mut refs: Vec<String> = (0..499).map(|i| format!("<ref{i}@elsewhere.example>")).collect();
    refs.insert(250, e.out_id.clone());
    let raw = format!(
        "From: Bob <bob@acme.example>\nTo: x@example.test\nSubject: Re: Proposal\nMessage-ID: <long-refs@acme.example>\n\
         References: {}\n\nYes.\n",
        refs.join("\n ")
    );
    e.append("INBOX", &[e.fill(raw.as_bytes())]).await;
    let started = std::time::Instant::now();
    let counts = e.sync().await;
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert_eq!(counts.replies, 1, "{counts:?}");
    assert!(e.replied());
}

#[tokio::test]
async fn sent_mail_threads_with_replies_and_messages_in_two_folders_are_stored_once() {
    let e = env();
    let sent = format!(
        "From: {me}\nTo: Bob <bob@acme.example>\nSubject: Proposal\nMessage-ID: {id}\n\nHere is our proposal.\n",
        me = e.mailbox.email,
        id = e.out_id
    );
    e.append("Sent", &[e.fill(sent.as_bytes())]).await;
    e.deliver(&["reply_in_reply_to.eml"]).await;
    // The same reply copied into Sent as well (some clients do): one message, two locations.
    e.append("Sent", &[e.fill(&fixture("reply_in_reply_to.eml"))]).await;
    let counts = e.sync().await;
    assert_eq!((counts.fetched, counts.replies), (3, 1), "{counts:?}");
    let messages: i64 = one(&e.core, "SELECT count(*) FROM email_messages");
    let locations: i64 = one(&e.core, "SELECT count(*) FROM email_locations");
    assert_eq!((messages, locations), (2, 3));
    let (_, _, _, thread) = e.stored("<reply-irt@acme.example>");
    let view = e.core.email_thread(thread).unwrap();
    assert_eq!(view.messages.len(), 2, "our message and the reply in one thread");
    assert_eq!(view.messages.iter().find(|m| m.direction == "out").unwrap().outbound_id, Some(e.outbound));
}

#[tokio::test]
async fn a_uidvalidity_change_resyncs_without_duplicates() {
    let e = env();
    e.deliver(&["reply_in_reply_to.eml", "colleague_same_domain.eml", "auto_submitted.eml"]).await;
    assert_eq!(e.sync().await.fetched, 3);
    let before: i64 = one(&e.core, "SELECT uidvalidity FROM mail_folders WHERE name = 'INBOX'");
    let user = e.mailbox.email.clone();
    let conf = dovecot().dir().join("dovecot.conf");
    let out = std::process::Command::new("doveadm")
        .arg("-c")
        .arg(&conf)
        .args(["mailbox", "update", "-u", &user, "--uid-validity", &(before + 1000).to_string(), "INBOX"])
        .output()
        .unwrap();
    assert!(out.status.success(), "doveadm: {}", String::from_utf8_lossy(&out.stderr));
    let counts = e.sync().await;
    assert_eq!(counts.fetched, 3, "refetched after the reset: {counts:?}");
    assert_eq!((counts.replies, counts.auto_replies, counts.matched), (0, 0, 0), "nothing classified twice");
    let after: i64 = one(&e.core, "SELECT uidvalidity FROM mail_folders WHERE name = 'INBOX'");
    assert_eq!(after, before + 1000);
    let messages: i64 = one(&e.core, "SELECT count(*) FROM email_messages");
    let stale: i64 = one(&e.core, &format!("SELECT count(*) FROM email_locations WHERE uidvalidity = {before}"));
    let fresh: i64 = one(&e.core, &format!("SELECT count(*) FROM email_locations WHERE uidvalidity = {after}"));
    assert_eq!((messages, stale, fresh), (3, 0, 3));
    let activities: i64 = one(&e.core, "SELECT count(*) FROM activities WHERE kind = 'email_in'");
    assert_eq!(activities, 3, "no second timeline entry");
}

/// Changes a user's mailbox behind Outpost's back, as another mail client would (`doveadm` speaks to the
/// same Dovecot indexes, so mod-sequences move exactly as they would for an IMAP STORE or EXPUNGE).
fn doveadm(user: &str, args: &[&str]) {
    doveadm_on(dovecot(), user, args);
}

fn doveadm_on(d: &Dovecot, user: &str, args: &[&str]) {
    let conf = d.dir().join("dovecot.conf");
    let mut cmd = std::process::Command::new("doveadm");
    cmd.arg("-c").arg(&conf);
    match args.split_first() {
        Some((verb, rest)) if *verb == "flags" => cmd.args(["flags", rest[0], "-u", user]).args(&rest[1..]),
        Some((verb, rest)) => cmd.args([verb, "-u", user]).args(rest),
        None => unreachable!(),
    };
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "doveadm {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

impl Env {
    /// (flags JSON, is_read, the thread's unread count) of a stored message.
    fn read_state(&self, message_id: &str) -> (String, bool, i64) {
        self.core
            .db()
            .read(|conn| {
                Ok(conn.query_row(
                    "SELECT m.flags, m.is_read, t.unread_count FROM email_messages m
                     JOIN email_threads t ON t.id = m.thread_id WHERE m.message_id = ?1",
                    [message_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )?)
            })
            .unwrap()
    }
}

#[tokio::test]
async fn a_flag_change_by_another_client_reaches_the_stored_message() {
    let e = env();
    e.deliver(&["reply_in_reply_to.eml", "colleague_same_domain.eml"]).await;
    assert_eq!(e.sync().await.fetched, 2);
    let modseq: Option<i64> = one(&e.core, "SELECT highestmodseq FROM mail_folders WHERE name = 'INBOX'");
    assert!(modseq.is_some(), "Dovecot has CONDSTORE: the folder's HIGHESTMODSEQ is stored");
    let irt = "<reply-irt@acme.example>";
    assert!(e.read_state(irt).1, "APPENDed as seen");
    // Marked unread on the phone: unread in Outpost, the thread counts it.
    doveadm(&e.mailbox.email, &["flags", "remove", "\\Seen", "mailbox", "INBOX", "uid", "1"]);
    let counts = e.sync().await;
    assert_eq!((counts.fetched, counts.flags_updated, counts.vanished), (0, 1, 0), "{counts:?}");
    let (flags, read, unread) = e.read_state(irt);
    assert_eq!((flags.as_str(), read, unread), ("[]", false, 1));
    // Read and flagged there: read here, the flag kept.
    doveadm(&e.mailbox.email, &["flags", "add", "\\Seen \\Flagged", "mailbox", "INBOX", "uid", "1"]);
    let counts = e.sync().await;
    assert_eq!(counts.flags_updated, 1, "{counts:?}");
    let (flags, read, unread) = e.read_state(irt);
    assert_eq!((flags.as_str(), read, unread), (r#"["\\Flagged","\\Seen"]"#, true, 0));
    let newer: Option<i64> = one(&e.core, "SELECT highestmodseq FROM mail_folders WHERE name = 'INBOX'");
    assert!(newer > modseq, "the stored HIGHESTMODSEQ moves on: {modseq:?} -> {newer:?}");
    // Nothing changed since: nothing to update.
    assert_eq!(e.sync().await.flags_updated, 0);
}

#[tokio::test]
async fn a_message_expunged_on_the_server_is_marked_vanished_and_keeps_its_history() {
    let e = env();
    e.deliver(&["reply_in_reply_to.eml", "colleague_same_domain.eml", "auto_submitted.eml"]).await;
    assert_eq!(e.sync().await.fetched, 3);
    doveadm(&e.mailbox.email, &["expunge", "mailbox", "INBOX", "uid", "2"]);
    let counts = e.sync().await;
    assert_eq!((counts.fetched, counts.vanished), (0, 1), "{counts:?}");
    let gone: Vec<i64> = e
        .core
        .db()
        .read(|conn| {
            let mut stmt = conn.prepare("SELECT uid FROM email_locations WHERE vanished_at IS NOT NULL")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<Vec<i64>>>()?)
        })
        .unwrap();
    assert_eq!(gone, vec![2]);
    let (messages, activities): (i64, i64) = (
        one(&e.core, "SELECT count(*) FROM email_messages"),
        one(&e.core, "SELECT count(*) FROM activities WHERE kind = 'email_in'"),
    );
    assert_eq!((messages, activities), (3, 3), "the message and its timeline entry stay");
    assert_eq!(e.sync().await.vanished, 0, "reported once");
    // The thread view says which one is gone from the server, and only that one.
    let removed = |id: &str| {
        let thread = e.stored(id).3;
        let m = e.core.email_thread(thread).unwrap().messages.into_iter().find(|m| m.message_id == id).unwrap();
        m.removed_at
    };
    assert!(removed("<colleague@acme.example>").is_some());
    assert_eq!(removed("<reply-irt@acme.example>"), None);
}

#[tokio::test]
async fn the_stored_modseq_survives_a_restart_and_only_server_changes_are_applied() {
    let e = env();
    e.deliver(&["reply_in_reply_to.eml", "colleague_same_domain.eml"]).await;
    assert_eq!(e.sync().await.fetched, 2);
    let before: i64 = one(&e.core, "SELECT highestmodseq FROM mail_folders WHERE name = 'INBOX'");
    // A new process on the same database: the mod-sequence is read back from it.
    let core = Outpost::open(&e._dir.path().join("outpost.db"), e.secrets.clone()).unwrap();
    let after: i64 = one(&core, "SELECT highestmodseq FROM mail_folders WHERE name = 'INBOX'");
    assert_eq!(after, before);
    // A local difference the server never had (message 1) must stay as it is: only messages whose
    // mod-sequence moved are asked about (re-reading every message's flags would "fix" it too).
    sql(&core, "UPDATE email_messages SET flags = '[\"$local\"]' WHERE message_id = '<reply-irt@acme.example>'");
    doveadm(&e.mailbox.email, &["flags", "add", "\\Flagged", "mailbox", "INBOX", "uid", "2"]);
    let counts = sync::run_once(&core, Some(e.mailbox.id)).await.unwrap();
    assert_eq!(counts.flags_updated, 1, "{counts:?}");
    let local: String = one(&core, "SELECT flags FROM email_messages WHERE message_id = '<reply-irt@acme.example>'");
    assert_eq!(local, r#"["$local"]"#);
}

/// A server without CONDSTORE / QRESYNC: the newest stored messages' flags are re-read every pass, and one
/// missing from the answer is taken as removed.
#[tokio::test]
async fn without_condstore_recent_flags_are_reread_and_removals_noticed() {
    let d = Dovecot::start_with(outpost_testkit::DovecotOptions {
        imap_capability: Some("IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ UIDPLUS".into()),
        ..Default::default()
    });
    let user = "plain@example.test";
    d.add_user(user, PW);
    let dir = tempfile::tempdir().unwrap();
    let core = Outpost::open(&dir.path().join("outpost.db"), Arc::new(MemoryStore::default())).unwrap();
    let mailbox = core
        .create_mailbox(MailboxInput {
            name: "Plain".into(),
            email: user.into(),
            smtp_host: "localhost".into(),
            smtp_port: 2525,
            smtp_security: Security::Starttls,
            imap_host: "localhost".into(),
            imap_port: d.imaps_port,
            imap_security: Security::Tls,
            username: user.into(),
            ca_pem: Some(d.ca_pem().to_string()),
            password: Some(PW.into()),
            ..Default::default()
        })
        .unwrap();
    let mut s = ImapSession::connect(&mailbox, PW).await.unwrap();
    for i in 1..=3 {
        let raw =
            format!("From: x{i}@example.org\r\nSubject: Note {i}\r\nMessage-ID: <plain{i}@example.org>\r\n\r\nHi\r\n");
        s.append("INBOX", raw.as_bytes()).await.unwrap();
    }
    s.logout().await;
    let first = sync::run_once(&core, Some(mailbox.id)).await.unwrap();
    assert_eq!(first.fetched, 3, "{first:?}");
    let modseq: Option<i64> = one(&core, "SELECT highestmodseq FROM mail_folders WHERE name = 'INBOX'");
    assert_eq!(modseq, None, "no CONDSTORE, no mod-sequence");
    doveadm_on(&d, user, &["flags", "remove", "\\Seen", "mailbox", "INBOX", "uid", "3"]);
    doveadm_on(&d, user, &["expunge", "mailbox", "INBOX", "uid", "2"]);
    let counts = sync::run_once(&core, Some(mailbox.id)).await.unwrap();
    assert_eq!((counts.fetched, counts.flags_updated, counts.vanished), (0, 1, 1), "{counts:?}");
    let read: bool = one(&core, "SELECT is_read FROM email_messages WHERE message_id = '<plain3@example.org>'");
    assert!(!read);
    let vanished: i64 = one(&core, "SELECT uid FROM email_locations WHERE vanished_at IS NOT NULL");
    assert_eq!(vanished, 2);
}

#[tokio::test]
async fn an_attachment_is_downloaded_on_demand_inside_its_folder_whatever_its_name() {
    let e = env();
    let raw = e.fill(
        b"From: Bob <bob@acme.example>\nTo: {{ME}}\nSubject: The script\nDate: {{DATE}}\n\
          Message-ID: <att-1@acme.example>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=XX\n\n\
          --XX\nContent-Type: text/plain\n\nsee attached\n--XX\nContent-Type: application/x-sh\n\
          Content-Disposition: attachment; filename=\"../../evil.sh\"\nContent-Transfer-Encoding: base64\n\n\
          IyEvYmluL3NoCmVjaG8gcHduZWQK\n--XX--\n",
    );
    e.append("INBOX", &[raw]).await;
    assert_eq!(e.sync().await.fetched, 1);
    let (_, _, _, thread) = e.stored("<att-1@acme.example>");
    let message = e.core.email_thread(thread).unwrap().messages.remove(0);
    assert_eq!(message.attachments.len(), 1, "{:?}", message.attachments);
    let meta = message.attachments[0].clone();
    assert_eq!(meta.name, "evil.sh");
    assert!(std::fs::read_dir(e.core.attachments_dir()).is_err(), "nothing is downloaded until the rep asks");

    let saved = e.core.fetch_attachment(message.id, meta.part).await.unwrap();
    let path = std::path::PathBuf::from(&saved.path);
    assert!(path.starts_with(e.core.attachments_dir()), "{path:?}");
    assert_eq!(path.file_name().unwrap(), "evil.sh");
    assert_eq!(std::fs::read(&path).unwrap(), b"#!/bin/sh\necho pwned\n");
    assert_eq!(saved.size, 21);
    // Nothing called evil.sh anywhere else under the data folder (the name tried to climb two levels up).
    let mut found = vec![];
    let mut todo = vec![e._dir.path().to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else if p.file_name().is_some_and(|n| n == "evil.sh") {
                found.push(p);
            }
        }
    }
    assert_eq!(found, vec![path.clone()]);

    // "Save as…" copies it where the rep chose.
    let target = e._dir.path().join("chosen.sh");
    let copy = e.core.save_attachment(message.id, meta.part, target.to_str().unwrap()).await.unwrap();
    assert_eq!(
        (copy.path.as_str(), std::fs::read(&target).unwrap()),
        (target.to_str().unwrap(), b"#!/bin/sh\necho pwned\n".to_vec())
    );
    let relative = e.core.save_attachment(message.id, meta.part, "chosen.sh").await.unwrap_err();
    assert_eq!(relative.field(), Some("target"));
    let no_such = e.core.fetch_attachment(message.id, 99).await.unwrap_err();
    assert_eq!(no_such.field(), Some("part"));

    // Removed from the server: the copy already downloaded still opens; a fresh download says why not.
    doveadm(&e.mailbox.email, &["expunge", "mailbox", "INBOX", "uid", "1"]);
    assert_eq!(e.sync().await.vanished, 1);
    assert!(e.core.fetch_attachment(message.id, meta.part).await.is_ok(), "served from the folder");
    std::fs::remove_file(&path).unwrap();
    let gone = e.core.fetch_attachment(message.id, meta.part).await.unwrap_err();
    assert!(gone.to_string().contains("no longer on the server"), "{gone}");
}

#[tokio::test]
async fn a_connection_dropped_mid_fetch_resumes_where_the_commits_stopped() {
    let e = env();
    let body = "All work and no play makes Jack a dull boy. ".repeat(110); // ~5 KB
    let messages: Vec<Vec<u8>> = (0..450)
        .map(|i| {
            e.fill(
                format!(
                    "From: Bob <bob@acme.example>\nTo: x@example.test\nSubject: Note {i}\nMessage-ID: <bulk{i}@acme.example>\n\n{body}\n"
                )
                .as_bytes(),
            )
        })
        .collect();
    e.append("INBOX", &messages).await;
    // A proxy that cuts the connection after ~1.5 MB from the server: inside the second batch.
    let proxy = cutting_proxy(dovecot().imaps_port, 1_500_000).await;
    let mut through_proxy = e.mailbox.clone();
    through_proxy.imap_port = proxy;
    let first = sync::sync_mailbox(&e.core, &through_proxy, PW).await;
    assert_eq!(first.problems.len(), 1, "{first:?}");
    let stored: i64 = one(&e.core, "SELECT count(*) FROM email_messages");
    assert_eq!(stored, sync::BATCH as i64, "the first batch was committed, the cut one was not");
    let watermark: i64 = one(&e.core, "SELECT uidnext FROM mail_folders WHERE name = 'INBOX'");
    assert_eq!(watermark, sync::BATCH as i64 + 1, "the watermark stops at the last committed message");
    let second = e.sync().await;
    assert!(second.problems.is_empty(), "{second:?}");
    assert_eq!(second.fetched as usize, 450 - sync::BATCH);
    let stored: i64 = one(&e.core, "SELECT count(*) FROM email_messages");
    assert_eq!(stored, 450);
}

#[tokio::test]
async fn the_sequence_hook_stops_only_running_enrollments() {
    let e = env();
    e.enroll_bob();
    assert_eq!(e.core.on_reply_or_bounce(e.bob, EngagementStop::HardBounce).unwrap(), 1);
    assert_eq!(e.enrollment(), ("stopped".to_string(), Some("Mail to the contact bounced (hard)".to_string())));
    assert_eq!(e.core.on_reply_or_bounce(e.bob, EngagementStop::Reply).unwrap(), 0, "already stopped");
}

/// Forwards 127.0.0.1:<returned port> to `target`, cutting both directions once `limit` bytes came back.
async fn cutting_proxy(target: u16, limit: usize) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let server = tokio::net::TcpStream::connect(("127.0.0.1", target)).await.unwrap();
            let (mut cr, mut cw) = client.into_split();
            let (mut sr, mut sw) = server.into_split();
            let up = tokio::spawn(async move {
                let _ = tokio::io::copy(&mut cr, &mut sw).await;
            });
            tokio::spawn(async move {
                let mut sent = 0usize;
                let mut buf = vec![0u8; 16 * 1024];
                loop {
                    let n = match sr.read(&mut buf).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => n,
                    };
                    let n = n.min(limit - sent);
                    if cw.write_all(&buf[..n]).await.is_err() {
                        break;
                    }
                    sent += n;
                    if sent >= limit {
                        break;
                    }
                }
                up.abort();
                let _ = cw.shutdown().await;
            });
        }
    });
    port
}

/// The issue's number: an initial sync of 10,000 ~5 KB messages from loopback Dovecot in ≤ 5 s (release
/// build). Messages are written straight into the Maildir (APPEND would take ~17 s to load them).
#[tokio::test]
#[ignore = "a timing run: cargo test --release -p outpost-core --test mail_sync -- --ignored --nocapture"]
async fn initial_sync_of_10k_messages() {
    let e = env();
    assert_eq!(e.sync().await.fetched, 0); // Dovecot creates the Maildir
    let local = e.mailbox.email.split('@').next().unwrap().to_string();
    let maildir = dovecot().dir().join("mail/example.test").join(local).join("Maildir");
    let body = "All work and no play makes Jack a dull boy. ".repeat(110);
    let date = (chrono::Utc::now() - chrono::Duration::hours(1)).to_rfc2822();
    for i in 0..10_000 {
        let from = if i % 10 == 0 { "bob@acme.example" } else { "someone@nowhere.example" };
        let raw = format!(
            "From: {from}\r\nTo: {me}\r\nSubject: Note {i}\r\nDate: {date}\r\nMessage-ID: <bulk{i}@acme.example>\r\n\r\n{body}\r\n",
            me = e.mailbox.email
        );
        let tmp = maildir.join("tmp").join(format!("{i}.test"));
        std::fs::write(&tmp, raw).unwrap();
        #[cfg(unix)]
        if unsafe_is_root() {
            std::os::unix::fs::chown(&tmp, Some(65534), Some(65534)).unwrap();
        }
        std::fs::rename(&tmp, maildir.join("new").join(format!("{i}.test"))).unwrap();
    }
    let started = std::time::Instant::now();
    let counts = e.sync().await;
    let first = started.elapsed();
    assert_eq!(counts.fetched, 10_000, "{counts:?}");
    let started = std::time::Instant::now();
    assert_eq!(e.sync().await.fetched, 0);
    let again = started.elapsed();
    println!(
        "initial sync: 10000 messages in {first:?} ({:.0} msg/s); nothing new: {again:?}",
        10_000.0 / first.as_secs_f64()
    );
}

fn unsafe_is_root() -> bool {
    std::process::Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0"))
}

/// The app's background service waits on INBOX with IDLE: a reply delivered to the server is stored within
/// seconds, long before the next scheduled pass (an hour away here).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_delivery_is_synced_within_seconds() {
    use outpost_core::mail::sync::service::{Settings, SyncService};
    let e = env();
    let core = Arc::new(Outpost::open(&e._dir.path().join("outpost.db"), e.secrets.clone()).unwrap());
    let settings = Settings { every: std::time::Duration::from_secs(3600), ..Settings::default() };
    let service = SyncService::new(settings);
    let task = tokio::spawn(Arc::clone(&service).serve(Arc::clone(&core), |_| {}));
    // The first pass runs at once; then the service only waits (on IDLE, or an hour).
    let ready = std::time::Instant::now();
    while !service.status().iter().any(|s| s.last_synced_at.is_some()) {
        assert!(ready.elapsed().as_secs() < 20, "the first pass never finished: {:?}", service.status());
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let stored = |message_id: &str| {
        core.db()
            .read(|conn| {
                Ok(conn.query_row("SELECT count(*) FROM email_messages WHERE message_id = ?1", [message_id], |r| {
                    r.get::<_, i64>(0)
                })?)
            })
            .unwrap()
            == 1
    };
    // The second delivery comes after the watcher is surely idling (its first sync ran by then), so only
    // IDLE can bring it in before the hour is up.
    for (fixture, message_id) in
        [("reply_in_reply_to.eml", "<reply-irt@acme.example>"), ("reply_references_only.eml", "")]
    {
        let delivered = std::time::Instant::now();
        e.deliver(&[fixture]).await;
        let message_id = if message_id.is_empty() { message_id_in(fixture) } else { message_id.to_string() };
        while !stored(&message_id) {
            assert!(delivered.elapsed().as_secs() < 10, "{fixture} not synced 10 s after delivery");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        println!("IDLE delivery of {fixture} stored {:?} after the APPEND", delivered.elapsed());
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    task.abort();
}

/// The Message-ID header of a fixture, angle brackets included.
fn message_id_in(name: &str) -> String {
    let raw = String::from_utf8_lossy(&fixture(name)).into_owned();
    raw.lines()
        .find_map(|l| l.strip_prefix("Message-ID:").or_else(|| l.strip_prefix("Message-Id:")))
        .map(|v| v.trim().to_string())
        .unwrap_or_else(|| panic!("{name} has no Message-ID"))
}
