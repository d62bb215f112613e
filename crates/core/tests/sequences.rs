//! Sequences without servers: definitions and their checks, the enrollment preview's skip reasons, editing a
//! running sequence, and stops the scheduler decides itself (manual, deal won). Real SQLite files.
mod support;

use chrono::{DateTime, Duration, Utc};
use outpost_core::domain::{
    ContactInput, DealInput, EnrollSource, EnrollmentStatus, ListEntity, MailboxInput, SavedViewInput, SendInput,
    SendWindow, SequenceInput, SequenceStatus, StepInput, StepKind, SuppressionInput, TaskStepKind,
};
use outpost_core::{CoreError, Outpost};
use support::{any_time, email_step as email, mailbox, saved_steps};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn contact(core: &Outpost, first: &str, email: Option<&str>) -> i64 {
    core.create_contact(ContactInput {
        first_name: first.into(),
        last_name: "Test".into(),
        emails: email.into_iter().map(str::to_string).collect(),
        ..Default::default()
    })
    .unwrap()
    .id
}

fn input(mailbox_id: i64, steps: Vec<StepInput>) -> SequenceInput {
    SequenceInput {
        name: "Outreach".into(),
        mailbox_id: Some(mailbox_id),
        status: Some(SequenceStatus::Active),
        settings: Some(any_time()),
        steps,
        ..Default::default()
    }
}

#[test]
fn a_sequence_file_is_checked_field_by_field() {
    let db = support::open();
    let mb = mailbox(&db.core);
    let json = r#"{"name": "Intro", "mailbox_id": MB, "status": "active",
        "settings": {"send_days": [1,2,3,4,5], "send_start": "09:00", "send_end": "17:00", "timezone_mode": "contact"},
        "steps": [
          {"kind": "email", "subject": "Hi {{ contact.first_name | default(\"there\") }}", "body_text": "Hello."},
          {"kind": "wait", "days": 2, "business_days": true},
          {"kind": "task", "task": "call"},
          {"kind": "email", "subject": "Again", "body_text": "Following up.", "thread_mode": "same"}
        ]}"#
    .replace("MB", &mb.to_string());
    let s = db.core.create_sequence(serde_json::from_str(&json).unwrap()).unwrap();
    assert_eq!(s.steps.len(), 4);
    assert!(s.steps[0].template_id.is_some(), "an inline email became a template");
    assert_eq!(db.core.sequences().unwrap()[0].steps, 4);

    let bad = |steps: Vec<StepInput>| match db.core.create_sequence(input(mb, steps)) {
        Err(CoreError::Validation { field, .. }) => field.unwrap(),
        other => panic!("{other:?}"),
    };
    assert_eq!(bad(vec![]), "steps");
    assert_eq!(
        bad(vec![StepInput { kind: Some(StepKind::Wait), days: Some(0), ..Default::default() }]),
        "steps[0].days"
    );
    assert_eq!(bad(vec![StepInput { kind: Some(StepKind::Email), ..Default::default() }]), "steps[0].template_id");
    assert_eq!(bad(vec![email("Hi", "{{ contact.nope }}")]), "steps[0].body_text");
}

#[test]
fn the_preview_lists_who_is_skipped_and_why_and_a_view_enrolls_its_contacts() {
    let db = support::open();
    let core = &db.core;
    let mb = mailbox(core);
    let seq = core
        .create_sequence(input(mb, vec![email("Hi {{ contact.first_name }}", "About {{ company.name }}.")]))
        .unwrap()
        .id;
    let no_email = contact(core, "Nomail", None);
    let suppressed = contact(core, "Supp", Some("supp@blocked.example"));
    core.add_suppression(SuppressionInput { value: "blocked.example".into(), ..Default::default() }).unwrap();
    let missing = contact(core, "Missing", Some("missing@ok.example"));
    let preview = core
        .sequence_enroll_preview(seq, EnrollSource::Contacts(vec![no_email, suppressed, missing, 999_999]))
        .unwrap();
    let reasons: Vec<(&str, i64)> = preview.skipped.iter().map(|s| (s.reason.as_str(), s.contact_id)).collect();
    assert_eq!(
        reasons,
        vec![
            ("no_email", no_email),
            ("suppressed", suppressed),
            ("missing_merge_fields", missing),
            ("not_found", 999_999)
        ]
    );
    assert!(preview.skipped[2].detail.contains("company.name"), "{:?}", preview.skipped[2]);
    assert!(preview.dry_run && core.sequence_enrollments(seq, 10).unwrap().is_empty(), "a preview writes nothing");

    // A view of the contacts list: everyone it shows that passes the checks, once.
    let plain = core.create_sequence(input(mb, vec![email("Hello", "A note.")])).unwrap().id;
    let view = core
        .create_saved_view(SavedViewInput {
            entity: ListEntity::Contact,
            name: "All".into(),
            filter: None,
            sort: None,
            columns: vec![],
        })
        .unwrap()
        .id;
    let first = core.sequence_enroll(plain, EnrollSource::View(view)).unwrap();
    assert_eq!(first.enrolled, 1, "{first:?}");
    let again = core.sequence_enroll(plain, EnrollSource::View(view)).unwrap();
    assert_eq!(again.enrolled, 0);
    assert!(again.skipped.iter().any(|s| s.reason.as_str() == "already_enrolled"));
}

#[test]
fn editing_a_running_sequence_changes_future_steps_only_and_nothing_runs_twice() {
    let db = support::open();
    let core = &db.core;
    let mb = mailbox(core);
    let ada = contact(core, "Ada", Some("ada@x.example"));
    let wait = StepInput { kind: Some(StepKind::Wait), days: Some(1), ..Default::default() };
    let s =
        core.create_sequence(input(mb, vec![email("One", "First."), wait.clone(), email("Two", "Second.")])).unwrap();
    let t0 = at("2030-03-04T10:00:00Z");
    core.sequence_enroll_at(s.id, EnrollSource::Contacts(vec![ada]), t0).unwrap();
    assert_eq!(core.scheduler_tick(t0).unwrap().queued, 1);
    assert_eq!(core.scheduler_tick(t0).unwrap().queued, 0, "the same instant twice runs nothing twice");

    // Edit while Ada waits: step 1 rewritten (already sent: unchanged), a task added before "Two".
    let mut steps = saved_steps(&s);
    steps[0] = StepInput { id: Some(s.steps[0].id), ..email("One, edited", "Edited.") };
    steps.insert(2, StepInput { kind: Some(StepKind::Task), task: Some(TaskStepKind::Call), ..Default::default() });
    core.update_sequence(s.id, SequenceInput { steps, ..input(mb, vec![]) }).unwrap();

    // The new task runs, then (at the next tick) the email after it; the edited first step doesn't run again.
    let report = core.scheduler_tick(t0 + Duration::days(1)).unwrap();
    assert_eq!((report.tasks_created, report.queued), (1, 0), "{report:?}");
    let report = core.scheduler_tick(t0 + Duration::days(1) + Duration::minutes(1)).unwrap();
    assert_eq!((report.tasks_created, report.queued, report.completed), (0, 1, 1), "{report:?}");
    let subjects: Vec<String> = core.outbox(None, 10).unwrap().items.iter().map(|i| i.subject.clone()).collect();
    assert!(subjects.contains(&"One".to_string()) && !subjects.iter().any(|s| s.contains("edited")), "{subjects:?}");
    assert_eq!(subjects.len(), 2);
    let stats = core.sequence_stats(s.id).unwrap();
    assert_eq!(stats.steps.iter().map(|s| s.reached).collect::<Vec<_>>(), vec![1, 1, 1, 1]);
}

#[test]
fn a_won_deal_and_a_manual_stop_end_enrollments_with_their_reasons() {
    let db = support::open();
    let core = &db.core;
    let mb = mailbox(core);
    let ada = contact(core, "Ada", Some("ada@x.example"));
    let bob = contact(core, "Bob", Some("bob@x.example"));
    let wait = StepInput { kind: Some(StepKind::Wait), days: Some(2), ..Default::default() };
    let s = core.create_sequence(input(mb, vec![email("One", "First."), wait, email("Two", "Second.")])).unwrap();
    let t0 = Utc::now();
    core.sequence_enroll_at(s.id, EnrollSource::Contacts(vec![ada, bob]), t0).unwrap();
    assert_eq!(core.scheduler_tick(t0).unwrap().queued, 2);

    let deal = core
        .create_deal(DealInput { title: "Ada's deal".into(), contact_id: Some(ada), ..Default::default() })
        .unwrap();
    // Won (as a move to a won stage records it): closed now, after Ada was enrolled.
    core.db()
        .write(|tx| {
            tx.execute(
                "UPDATE deals SET status = 'won', closed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1",
                [deal.id],
            )?;
            Ok(())
        })
        .unwrap();
    let bob_enrollment = core.contact_enrollments(bob).unwrap().remove(0);
    let stopped = core.stop_enrollment(bob_enrollment.id, Some("Met at the fair".into())).unwrap();
    assert_eq!((stopped.status, stopped.stop_code.as_deref()), (EnrollmentStatus::Stopped, Some("manual")));
    assert_eq!(stopped.stop_reason.as_deref(), Some("Stopped by hand: Met at the fair"));
    assert!(matches!(core.stop_enrollment(bob_enrollment.id, None), Err(CoreError::Conflict(_))));

    let report = core.scheduler_tick(t0 + Duration::days(3)).unwrap();
    let ada_enrollment = core.contact_enrollments(ada).unwrap().remove(0);
    assert_eq!((report.queued, report.stopped), (0, 1), "{report:?}");
    assert_eq!(ada_enrollment.stop_code.as_deref(), Some("deal_won"));
    assert_eq!(ada_enrollment.stop_reason.as_deref(), Some("The deal “Ada's deal” was won"));
}

#[test]
fn the_daily_cap_counts_what_waits_to_go_today_not_what_is_held_for_a_later_day() {
    let db = support::open();
    let core = &db.core;
    let mb = core
        .create_mailbox(MailboxInput {
            name: "Capped".into(),
            email: "capped@example.test".into(),
            smtp_host: "localhost".into(),
            smtp_port: 2525,
            imap_host: "localhost".into(),
            imap_port: 993,
            username: "capped".into(),
            password: Some("x".into()),
            daily_limit: Some(2),
            send_window: Some(SendWindow { timezone: Some("UTC".into()), ..Default::default() }),
            ..Default::default()
        })
        .unwrap()
        .id;
    let t0 = at("2030-03-04T10:00:00Z");
    let later = SendInput {
        mailbox_id: mb,
        to: Some("later@x.example".into()),
        subject: Some("Next week".into()),
        body_text: Some("See you then.".into()),
        send_at: Some("2030-03-11T09:00:00.000Z".into()),
        ..Default::default()
    };
    core.outbox_queue_at(later, t0).unwrap();
    let s = core.create_sequence(input(mb, vec![email("One", "First.")])).unwrap();
    let people: Vec<i64> =
        ["Ada", "Bob", "Cy"].iter().map(|n| contact(core, n, Some(&format!("{n}@x.example")))).collect();
    core.sequence_enroll_at(s.id, EnrollSource::Contacts(people), t0).unwrap();

    // The message held for next week takes none of today's two places.
    let report = core.scheduler_tick(t0).unwrap();
    assert_eq!((report.queued, report.deferred_by_cap), (2, 1), "{report:?}");
    // Nothing went out yet: tomorrow the two still waiting fill the day, so the third keeps waiting.
    let report = core.scheduler_tick(t0 + Duration::days(1)).unwrap();
    assert_eq!(report.queued, 0, "{report:?}");
}
