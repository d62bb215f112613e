//! What follows a sequence: a reply turned into a deal or a lead in one click (counted in the report and
//! written on the timeline), replies to a finished campaign counted, a lost deal stopping the steps, the
//! enrollment's own sent/waiting counts, and archiving. Real SQLite files, no servers (the reply is the sync's
//! hook, called as the sync calls it).
mod support;

use chrono::{Duration, Utc};
use outpost_core::domain::{
    CompanyInput, ContactInput, ConversionTarget, DealMove, EngagementStop, EnrollSource, EnrollmentStatus, LeadStatus,
    Lifecycle, RecordRef, SequenceInput, SequenceKind, SequenceStatus, StageKind, StepInput,
};
use outpost_core::{CoreError, Outpost};
use support::{any_time, email_step, mailbox, saved_steps, wait_step as wait};

fn person(core: &Outpost, first: &str, company_id: Option<i64>, lifecycle: Option<Lifecycle>) -> i64 {
    core.create_contact(ContactInput {
        first_name: first.into(),
        last_name: "Test".into(),
        emails: vec![format!("{}@acme.example", first.to_lowercase())],
        company_id,
        lifecycle,
        ..Default::default()
    })
    .unwrap()
    .id
}

fn email(subject: &str) -> StepInput {
    email_step(subject, "Hello.")
}

fn sequence(core: &Outpost, name: &str, kind: SequenceKind, steps: Vec<StepInput>) -> i64 {
    core.create_sequence(SequenceInput {
        name: name.into(),
        mailbox_id: Some(mailbox(core)),
        kind: Some(kind),
        status: Some(SequenceStatus::Active),
        settings: Some(any_time()),
        steps,
    })
    .unwrap()
    .id
}

fn enrollment_of(core: &Outpost, contact_id: i64) -> outpost_core::domain::Enrollment {
    core.contact_enrollments(contact_id).unwrap().remove(0)
}

#[test]
fn a_replied_enrollment_becomes_a_deal_once_counted_and_on_the_timeline() {
    let db = support::open();
    let core = &db.core;
    let acme = core.create_company(CompanyInput { name: "Acme".into(), ..Default::default() }).unwrap().id;
    let ada = person(core, "Ada", Some(acme), None);
    let bob = person(core, "Bob", Some(acme), None);
    let seq = sequence(core, "Q3 outreach", SequenceKind::Sequence, vec![email("One"), wait(2), email("Two")]);
    let t0 = Utc::now();
    core.sequence_enroll_at(seq, EnrollSource::Contacts(vec![ada, bob]), t0).unwrap();
    assert_eq!(core.scheduler_tick(t0).unwrap().queued, 2);

    // Bob hasn't replied: nothing to convert.
    let bob_e = enrollment_of(core, bob);
    assert!(matches!(core.convert_enrollment(bob_e.id, ConversionTarget::Deal), Err(CoreError::Conflict(_))));

    assert_eq!(core.on_reply_or_bounce(ada, EngagementStop::Reply).unwrap(), 1);
    let e = enrollment_of(core, ada);
    let converted = core.convert_enrollment(e.id, ConversionTarget::Deal).unwrap();
    assert_eq!(converted.converted_to, Some(ConversionTarget::Deal));
    let deal = core.deal(converted.converted_deal_id.expect("the deal is linked")).unwrap();
    assert_eq!(deal.title, "Acme — Q3 outreach");
    assert_eq!((deal.contact_id, deal.company_id), (Some(ada), Some(acme)));
    let pipeline = core.pipelines().unwrap().into_iter().find(|p| p.is_default).unwrap();
    let first_open = pipeline.stages.iter().find(|s| s.kind == StageKind::Open).unwrap();
    assert_eq!((deal.pipeline_id, deal.stage_id), (pipeline.id, first_open.id));

    // One click makes one deal.
    assert!(matches!(core.convert_enrollment(e.id, ConversionTarget::Deal), Err(CoreError::Conflict(_))));
    assert!(matches!(core.convert_enrollment(e.id, ConversionTarget::Lead), Err(CoreError::Conflict(_))));
    assert_eq!(core.deals(None, None, 100).unwrap().len(), 1);

    let timeline = core.timeline(RecordRef::Contact(ada), None, 20).unwrap();
    let entry = timeline.iter().find(|t| t.kind == "sequence").expect("a timeline entry");
    assert!(entry.subject.contains("Q3 outreach") && entry.subject.contains("Acme — Q3 outreach"), "{entry:?}");
    assert_eq!(entry.deal_id, Some(deal.id));

    let stats = core.sequence_stats(seq).unwrap();
    assert_eq!((stats.replied, stats.deals_created, stats.leads_created), (1, 1, 0));
    // The deal stays counted for the sequence even when someone moves it to another contact.
    core.db()
        .write(|tx| {
            tx.execute("UPDATE deals SET contact_id = ?1 WHERE id = ?2", [bob, deal.id])?;
            Ok(())
        })
        .unwrap();
    assert_eq!(core.sequence_stats(seq).unwrap().deals_created, 1);
    // A deal in the Trash isn't counted, and the reply stays converted (restoring it brings it back).
    core.delete_deals(&[deal.id]).unwrap();
    assert_eq!(core.sequence_stats(seq).unwrap().deals_created, 0);
    assert_eq!(enrollment_of(core, ada).converted_deal_id, Some(deal.id));
    assert!(matches!(core.convert_enrollment(e.id, ConversionTarget::Deal), Err(CoreError::Conflict(_))));
}

#[test]
fn a_replied_enrollment_becomes_an_engaged_lead_but_a_customer_does_not() {
    let db = support::open();
    let core = &db.core;
    let cara = person(core, "Cara", None, None);
    let lena = person(core, "Lena", None, Some(Lifecycle::Lead));
    let cust = person(core, "Cust", None, Some(Lifecycle::Customer));
    let seq = sequence(core, "Warm-up", SequenceKind::Sequence, vec![email("One"), wait(2), email("Two")]);
    let t0 = Utc::now();
    core.sequence_enroll_at(seq, EnrollSource::Contacts(vec![cara, lena, cust]), t0).unwrap();
    core.scheduler_tick(t0).unwrap();
    for c in [cara, lena, cust] {
        core.on_reply_or_bounce(c, EngagementStop::Reply).unwrap();
    }

    for c in [cara, lena] {
        let done = core.convert_enrollment(enrollment_of(core, c).id, ConversionTarget::Lead).unwrap();
        assert_eq!((done.converted_to, done.converted_deal_id), (Some(ConversionTarget::Lead), None));
        let contact = core.contact(c).unwrap();
        assert_eq!((contact.lifecycle, contact.lead_status), (Lifecycle::Lead, Some(LeadStatus::Engaged)));
    }
    let refused = core.convert_enrollment(enrollment_of(core, cust).id, ConversionTarget::Lead).unwrap_err();
    assert!(matches!(&refused, CoreError::Conflict(m) if m.contains("customer")), "{refused:?}");
    assert_eq!(core.contact(cust).unwrap().lifecycle, Lifecycle::Customer);
    // The customer can still get a deal.
    core.convert_enrollment(enrollment_of(core, cust).id, ConversionTarget::Deal).unwrap();

    let stats = core.sequence_stats(seq).unwrap();
    assert_eq!((stats.leads_created, stats.deals_created), (2, 1));
}

#[test]
fn a_reply_to_a_finished_campaign_is_counted_within_thirty_days() {
    let db = support::open();
    let core = &db.core;
    let ada = person(core, "Ada", None, None);
    let old = person(core, "Old", None, None);
    let campaign = sequence(core, "Launch", SequenceKind::Campaign, vec![email("We launched")]);
    let t0 = Utc::now();
    core.sequence_enroll_at(campaign, EnrollSource::Contacts(vec![ada, old]), t0).unwrap();
    let tick = core.scheduler_tick(t0).unwrap();
    assert_eq!((tick.queued, tick.completed), (2, 2));
    let e = enrollment_of(core, ada);
    assert_eq!((e.status, e.emails_sent, e.emails_waiting), (EnrollmentStatus::Completed, 0, 1));
    // The server accepted both; Old's campaign finished long ago.
    let long_ago = outpost_core::time::to_iso(t0 - Duration::days(40));
    core.db()
        .write(|tx| {
            tx.execute("UPDATE outbound_messages SET status = 'sent', sent_at = ?1", [&long_ago])?;
            tx.execute("UPDATE sequence_enrollments SET updated_at = ?1 WHERE contact_id = ?2", (&long_ago, old))?;
            Ok(())
        })
        .unwrap();
    assert_eq!(enrollment_of(core, ada).emails_sent, 1);

    assert_eq!(core.on_reply_or_bounce(ada, EngagementStop::Reply).unwrap(), 0, "nothing was running");
    core.on_reply_or_bounce(old, EngagementStop::Reply).unwrap();
    let e = enrollment_of(core, ada);
    assert_eq!((e.status, e.stop_code.as_deref()), (EnrollmentStatus::Completed, Some("reply")));
    assert_eq!(e.stop_reason.as_deref(), Some("The contact replied after the last step"));
    assert_eq!(enrollment_of(core, old).stop_code, None, "a reply 40 days on is not an answer to the campaign");

    let stats = core.sequence_stats(campaign).unwrap();
    assert_eq!((stats.enrolled, stats.sent, stats.replied), (2, 2, 1));
    assert!((stats.reply_rate - 0.5).abs() < 1e-9, "{}", stats.reply_rate);
    assert_eq!(stats.steps[0].replied, 1);
    // A replied campaign recipient converts like any other.
    core.convert_enrollment(e.id, ConversionTarget::Deal).unwrap();
    assert_eq!(core.sequence_stats(campaign).unwrap().deals_created, 1);
}

#[test]
fn a_lost_deal_stops_the_steps_unless_the_sequence_says_otherwise() {
    let db = support::open();
    let core = &db.core;
    let ada = person(core, "Ada", None, None);
    let bob = person(core, "Bob", None, None);
    let stops = sequence(core, "Stops", SequenceKind::Sequence, vec![email("One"), wait(2), email("Two")]);
    let keeps = sequence(core, "Keeps", SequenceKind::Sequence, vec![email("One"), wait(2), email("Two")]);
    let s = core.sequence(keeps).unwrap();
    let mut settings = s.settings.clone();
    settings.stop_on_deal_closed = false;
    core.update_sequence(
        keeps,
        SequenceInput { name: s.name.clone(), settings: Some(settings), steps: saved_steps(&s), ..Default::default() },
    )
    .unwrap();
    let t0 = Utc::now() - Duration::minutes(1);
    core.sequence_enroll_at(stops, EnrollSource::Contacts(vec![ada]), t0).unwrap();
    core.sequence_enroll_at(keeps, EnrollSource::Contacts(vec![bob]), t0).unwrap();
    assert_eq!(core.scheduler_tick(t0).unwrap().queued, 2);

    let pipeline = core.pipelines().unwrap().into_iter().find(|p| p.is_default).unwrap();
    let lost = pipeline.stages.iter().find(|s| s.kind == StageKind::Lost).unwrap().id;
    for (c, title) in [(ada, "Ada's deal"), (bob, "Bob's deal")] {
        let deal = core
            .create_deal(outpost_core::domain::DealInput {
                title: title.into(),
                contact_id: Some(c),
                ..Default::default()
            })
            .unwrap();
        core.move_deal(DealMove { deal_id: deal.id, stage_id: lost, position: None, reason: Some("Budget".into()) })
            .unwrap();
    }
    // Stopped by the move itself, not days later at the next due step.
    let ada_e = enrollment_of(core, ada);
    assert_eq!((ada_e.status, ada_e.stop_code.as_deref()), (EnrollmentStatus::Stopped, Some("deal_lost")));
    let report = core.scheduler_tick(Utc::now() + Duration::days(3)).unwrap();
    assert_eq!((report.stopped, report.queued), (0, 1), "{report:?}");
    let ada_e = enrollment_of(core, ada);
    assert_eq!((ada_e.status, ada_e.stop_code.as_deref()), (EnrollmentStatus::Stopped, Some("deal_lost")));
    assert_eq!(ada_e.stop_reason.as_deref(), Some("The deal “Ada's deal” was lost"));
    assert_eq!(enrollment_of(core, bob).status, EnrollmentStatus::Completed);
}

#[test]
fn an_archived_sequence_keeps_its_numbers_but_runs_nothing_and_takes_no_one() {
    let db = support::open();
    let core = &db.core;
    let ada = person(core, "Ada", None, None);
    let bob = person(core, "Bob", None, None);
    let seq = sequence(core, "Old one", SequenceKind::Sequence, vec![email("One"), wait(1), email("Two")]);
    let t0 = Utc::now();
    core.sequence_enroll_at(seq, EnrollSource::Contacts(vec![ada]), t0).unwrap();
    core.scheduler_tick(t0).unwrap();
    core.set_sequence_status(seq, SequenceStatus::Archived).unwrap();

    assert_eq!(core.scheduler_tick(t0 + Duration::days(2)).unwrap().queued, 0, "archived: nothing runs");
    let refused = core.sequence_enroll(seq, EnrollSource::Contacts(vec![bob])).unwrap_err();
    assert!(matches!(refused, CoreError::Validation { .. }), "{refused:?}");
    let listed = core.sequences().unwrap();
    assert_eq!(listed.iter().find(|s| s.id == seq).map(|s| s.status), Some(SequenceStatus::Archived));
    let stats = core.sequence_stats(seq).unwrap();
    assert_eq!((stats.enrolled, stats.steps[0].reached), (1, 1));

    // Back in use, it picks up where it was.
    core.set_sequence_status(seq, SequenceStatus::Active).unwrap();
    assert_eq!(core.scheduler_tick(t0 + Duration::days(2)).unwrap().queued, 1);
}
