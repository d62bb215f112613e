//! A deal won or lost stops its people's sequence enrollments in the move's own transaction (not days later
//! at the next due step), with the reason on each; a sequence can turn the rule off; an undo of the move (a
//! move back) leaves them stopped and says so. Real SQLite files, no servers.
mod support;

use chrono::{Duration, Utc};
use outpost_core::domain::{
    ContactInput, DealInput, DealMove, EnrollSource, Enrollment, EnrollmentStatus, SequenceInput, SequenceKind,
    SequenceSettings, SequenceStatus, StageDelete, StageInput, StageKind,
};
use outpost_core::Outpost;

fn person(core: &Outpost, first: &str) -> i64 {
    core.create_contact(ContactInput {
        first_name: first.into(),
        last_name: "Test".into(),
        emails: vec![format!("{}@acme.example", first.to_lowercase())],
        ..Default::default()
    })
    .unwrap()
    .id
}

/// An active sequence: email, wait 2 days, email. `stop_on_deal_closed` as given.
fn sequence(core: &Outpost, name: &str, stop_on_deal_closed: bool) -> i64 {
    core.create_sequence(SequenceInput {
        name: name.into(),
        mailbox_id: Some(support::mailbox(core)),
        kind: Some(SequenceKind::Sequence),
        status: Some(SequenceStatus::Active),
        settings: Some(SequenceSettings { stop_on_deal_closed, ..support::any_time() }),
        steps: vec![support::email_step("One", "Hello."), support::wait_step(2), support::email_step("Two", "Hello.")],
    })
    .unwrap()
    .id
}

fn enroll(core: &Outpost, seq: i64, contacts: Vec<i64>) {
    let t0 = Utc::now() - Duration::minutes(1);
    assert_eq!(
        core.sequence_enroll_at(seq, EnrollSource::Contacts(contacts.clone()), t0).unwrap().enrolled as usize,
        contacts.len()
    );
}

fn in_sequence(core: &Outpost, contact: i64, seq: i64) -> Enrollment {
    core.contact_enrollments(contact).unwrap().into_iter().find(|e| e.sequence_id == seq).unwrap()
}

fn stage(core: &Outpost, kind: StageKind) -> i64 {
    let p = core.pipelines().unwrap().into_iter().find(|p| p.is_default).unwrap();
    p.stages.iter().find(|s| s.kind == kind).unwrap().id
}

fn deal(core: &Outpost, title: &str, contact: i64) -> i64 {
    core.create_deal(DealInput { title: title.into(), contact_id: Some(contact), ..Default::default() }).unwrap().id
}

#[test]
fn winning_a_deal_stops_its_people_at_once_unless_their_sequence_says_otherwise() {
    let db = support::open();
    let core = &db.core;
    let (ada, cy, bob) = (person(core, "Ada"), person(core, "Cy"), person(core, "Bob"));
    let outreach = sequence(core, "Outreach", true);
    let nurture = sequence(core, "Nurture", true);
    let keeps = sequence(core, "Keeps going", false);
    enroll(core, outreach, vec![ada, cy, bob]);
    enroll(core, nurture, vec![ada]);
    enroll(core, keeps, vec![ada]);
    core.pause_enrollment(in_sequence(core, ada, nurture).id).unwrap();
    let renewal = deal(core, "Acme renewal", ada);
    // Cy is on the deal too, as a linked contact (the deal page's people).
    rusqlite::Connection::open(db.path())
        .unwrap()
        .execute("INSERT INTO deal_contacts (deal_id, contact_id, role) VALUES (?1, ?2, 'champion')", [renewal, cy])
        .unwrap();

    let moved = core
        .move_deal(DealMove { deal_id: renewal, stage_id: stage(core, StageKind::Won), position: None, reason: None })
        .unwrap();
    assert_eq!(moved.enrollments_stopped, 3, "Ada's active and paused ones, and Cy's");

    for (who, seq) in [(ada, outreach), (ada, nurture), (cy, outreach)] {
        let e = in_sequence(core, who, seq);
        assert_eq!((e.status, e.stop_code.as_deref()), (EnrollmentStatus::Stopped, Some("deal_won")), "{e:?}");
        assert_eq!(e.stop_reason.as_deref(), Some("The deal “Acme renewal” was won"));
        assert_eq!(e.next_run_at, None);
        assert!(e.stopped_at.is_some());
    }
    assert_eq!(in_sequence(core, ada, keeps).status, EnrollmentStatus::Active, "the rule is off for this one");
    assert_eq!(in_sequence(core, bob, outreach).status, EnrollmentStatus::Active, "Bob is not on the deal");

    // Only Bob and "Keeps going" send.
    let report = core.scheduler_tick(Utc::now()).unwrap();
    assert_eq!((report.queued, report.stopped), (2, 0), "{report:?}");

    // Reordering it within the Won column stops nothing more.
    let again = core
        .move_deal(DealMove { deal_id: renewal, stage_id: moved.deal.stage_id, position: Some(5.0), reason: None })
        .unwrap();
    assert_eq!(again.enrollments_stopped, 0);
}

#[test]
fn undoing_a_lost_move_leaves_the_enrollments_stopped_and_says_so() {
    let db = support::open();
    let core = &db.core;
    let ada = person(core, "Ada");
    let outreach = sequence(core, "Outreach", true);
    let other = sequence(core, "Other", true);
    enroll(core, outreach, vec![ada]);
    enroll(core, other, vec![ada]);
    core.stop_enrollment(in_sequence(core, ada, other).id, None).unwrap();
    let d = deal(core, "Acme renewal", ada);

    // A move to Lost that the core refuses stops nothing.
    let lost = stage(core, StageKind::Lost);
    core.move_deal(DealMove { deal_id: d, stage_id: lost, position: None, reason: None }).unwrap_err();
    assert_eq!(in_sequence(core, ada, outreach).status, EnrollmentStatus::Active);

    let moved =
        core.move_deal(DealMove { deal_id: d, stage_id: lost, position: None, reason: Some("Budget".into()) }).unwrap();
    assert_eq!(moved.enrollments_stopped, 1);
    assert_eq!(in_sequence(core, ada, outreach).stop_reason.as_deref(), Some("The deal “Acme renewal” was lost"));

    // The board's undo: back to where it was.
    let back = core
        .move_deal(DealMove {
            deal_id: d,
            stage_id: moved.from_stage_id,
            position: Some(moved.from_position),
            reason: moved.from_reason.clone(),
        })
        .unwrap();
    assert_eq!(back.enrollments_stopped, 0);
    let e = in_sequence(core, ada, outreach);
    assert_eq!((e.status, e.stop_code.as_deref()), (EnrollmentStatus::Stopped, Some("deal_lost")));
    assert_eq!(
        e.stop_reason.as_deref(),
        Some("The deal “Acme renewal” was lost, then reopened; the enrollment stays stopped")
    );
    assert_eq!(e.next_run_at, None);
    assert_eq!(
        in_sequence(core, ada, other).stop_reason.as_deref(),
        Some("Stopped by hand"),
        "another stop is left as it was"
    );
    // Nothing goes out for it, now or later.
    assert_eq!(core.scheduler_tick(Utc::now() + Duration::days(5)).unwrap().queued, 0);

    // Lost again and reopened again: nothing new to stop, and the note is not written twice.
    core.move_deal(DealMove { deal_id: d, stage_id: lost, position: None, reason: Some("Budget".into()) }).unwrap();
    core.move_deal(DealMove { deal_id: d, stage_id: moved.from_stage_id, position: None, reason: None }).unwrap();
    assert_eq!(
        in_sequence(core, ada, outreach).stop_reason.as_deref(),
        Some("The deal “Acme renewal” was lost, then reopened; the enrollment stays stopped")
    );
}

#[test]
fn a_deleted_stage_that_moves_its_deals_into_won_stops_them_too() {
    let db = support::open();
    let core = &db.core;
    let ada = person(core, "Ada");
    let outreach = sequence(core, "Outreach", true);
    enroll(core, outreach, vec![ada]);
    let pipeline = core.pipelines().unwrap().into_iter().find(|p| p.is_default).unwrap();
    let trial = core.add_stage(pipeline.id, StageInput { name: Some("Trial".into()), ..Default::default() }).unwrap();
    let d = deal(core, "Acme trial", ada);
    core.move_deal(DealMove { deal_id: d, stage_id: trial.id, position: None, reason: None }).unwrap();
    assert_eq!(in_sequence(core, ada, outreach).status, EnrollmentStatus::Active, "an open stage stops nothing");

    core.delete_stage(StageDelete { stage_id: trial.id, move_deals_to: Some(stage(core, StageKind::Won)) }).unwrap();
    let e = in_sequence(core, ada, outreach);
    assert_eq!(
        (e.status, e.stop_reason.as_deref()),
        (EnrollmentStatus::Stopped, Some("The deal “Acme trial” was won"))
    );
}

#[test]
fn a_deal_recorded_as_won_stops_them_when_it_is_created() {
    let db = support::open();
    let core = &db.core;
    let ada = person(core, "Ada");
    let outreach = sequence(core, "Outreach", true);
    enroll(core, outreach, vec![ada]);
    core.create_deal(DealInput {
        title: "Signed at the fair".into(),
        contact_id: Some(ada),
        stage_id: Some(stage(core, StageKind::Won)),
        ..Default::default()
    })
    .unwrap();
    let e = in_sequence(core, ada, outreach);
    assert_eq!((e.status, e.stop_code.as_deref()), (EnrollmentStatus::Stopped, Some("deal_won")));
}
