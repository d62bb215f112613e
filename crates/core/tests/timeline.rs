//! The timeline: logged calls and notes, stage changes, newest first, with snapshot labels.
mod support;

use outpost_core::domain::{CompanyInput, ContactInput, DealInput, DealMove, RecordRef};
use outpost_core::ops::activities::LogInput;

#[test]
fn calls_notes_and_stage_changes_land_on_the_right_timelines() {
    let t = support::open();
    let acme = t.core.create_company(CompanyInput { name: "Acme".into(), ..Default::default() }).unwrap();
    let ada = t
        .core
        .create_contact(ContactInput { first_name: "Ada".into(), company_id: Some(acme.id), ..Default::default() })
        .unwrap();
    let log = |kind: &str, body: &str, at: &str| {
        t.core
            .log_activity(LogInput {
                record: RecordRef::Contact(ada.id),
                kind: kind.into(),
                subject: None,
                body: Some(body.into()),
                occurred_at: Some(at.into()),
            })
            .unwrap()
    };
    let call = log("call", "Discussed pricing", "2026-11-01T10:00:00Z");
    assert_eq!((call.kind.as_str(), call.subject.as_str()), ("call", "Call"));
    log("note", "Prefers email", "2026-11-02T09:00:00Z");

    let deal = t
        .core
        .create_deal(DealInput {
            title: "Acme pilot".into(),
            contact_id: Some(ada.id),
            company_id: Some(acme.id),
            ..Default::default()
        })
        .unwrap();
    let demo = t.core.pipelines().unwrap()[0].stages.iter().find(|s| s.name == "Demo").unwrap().id;
    t.core.move_deal(DealMove { deal_id: deal.id, stage_id: demo, position: None, reason: None }).unwrap();

    let contact_tl = t.core.timeline(RecordRef::Contact(ada.id), None, 50).unwrap();
    let kinds: Vec<&str> = contact_tl.iter().map(|i| i.kind.as_str()).collect();
    assert_eq!(kinds, ["stage_change", "stage_change", "note", "call"], "newest first");
    assert_eq!(contact_tl[0].meta["from_stage"], "Lead in");
    assert_eq!(contact_tl[0].meta["to_stage"], "Demo");

    let company_tl = t.core.timeline(RecordRef::Company(acme.id), None, 50).unwrap();
    assert_eq!(company_tl.len(), 4, "a company's timeline includes its people's entries");
    let deal_tl = t.core.timeline(RecordRef::Deal(deal.id), None, 50).unwrap();
    assert_eq!(deal_tl.len(), 2);

    // Paging with `before`.
    let older = t.core.timeline(RecordRef::Contact(ada.id), Some(contact_tl[1].occurred_at.clone()), 50).unwrap();
    assert_eq!(older.iter().map(|i| i.kind.as_str()).collect::<Vec<_>>(), ["note", "call"]);
}

#[test]
fn logging_rejects_bad_input_without_writing() {
    let t = support::open();
    let ada = t.core.create_contact(ContactInput { first_name: "Ada".into(), ..Default::default() }).unwrap();
    let bad = |kind: &str, body: Option<&str>, at: Option<&str>| LogInput {
        record: RecordRef::Contact(ada.id),
        kind: kind.into(),
        subject: None,
        body: body.map(Into::into),
        occurred_at: at.map(Into::into),
    };
    assert_eq!(t.core.log_activity(bad("tweet", Some("x"), None)).unwrap_err().field(), Some("kind"));
    assert_eq!(t.core.log_activity(bad("note", Some("  "), None)).unwrap_err().field(), Some("body"));
    assert_eq!(t.core.log_activity(bad("call", None, Some("yesterday"))).unwrap_err().field(), Some("occurred_at"));
    let missing = LogInput { record: RecordRef::Deal(4242), ..bad("call", None, None) };
    assert_eq!(t.core.log_activity(missing).unwrap_err().code(), "not_found");
    assert!(t.core.timeline(RecordRef::Contact(ada.id), None, 10).unwrap().is_empty());
}
