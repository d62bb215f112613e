//! The Trash: deleted contacts, companies and deals listed newest first, restored, or deleted for good
//! without breaking what pointed at them.
mod support;

use outpost_core::domain::{CompanyInput, ContactInput, DealInput, RecordRef};
use outpost_core::ops::activities::LogInput;

struct World {
    t: support::TestDb,
    acme: i64,
    ada: i64,
    deal: i64,
}

/// A company with a contact and a deal of both, and a call logged on each record.
fn world() -> World {
    let t = support::open();
    let acme = t
        .core
        .create_company(CompanyInput { name: "Acme".into(), website: Some("acme.com".into()), ..Default::default() })
        .unwrap()
        .id;
    let ada = t
        .core
        .create_contact(ContactInput {
            first_name: "Ada".into(),
            last_name: "Lovelace".into(),
            emails: vec!["ada@acme.com".into()],
            company_id: Some(acme),
            ..Default::default()
        })
        .unwrap()
        .id;
    let deal = t
        .core
        .create_deal(DealInput {
            title: "Anvils".into(),
            company_id: Some(acme),
            contact_id: Some(ada),
            ..Default::default()
        })
        .unwrap()
        .id;
    for record in [RecordRef::Company(acme), RecordRef::Contact(ada), RecordRef::Deal(deal)] {
        t.core
            .log_activity(LogInput {
                record,
                kind: "call".into(),
                subject: Some(format!("Call about {record:?}")),
                body: None,
                occurred_at: None,
            })
            .unwrap();
    }
    World { t, acme, ada, deal }
}

fn pause() {
    // Deletion times are kept to the millisecond; keep them apart so the order is certain.
    std::thread::sleep(std::time::Duration::from_millis(5));
}

fn subjects(w: &World, record: RecordRef) -> Vec<String> {
    w.t.core.timeline(record, None, 100).unwrap().into_iter().map(|i| i.subject).collect()
}

#[test]
fn lists_deleted_records_newest_first_and_restores_them() {
    let w = world();
    assert_eq!(w.t.core.trash(50).unwrap().total, 0);
    w.t.core.delete_contacts(&[w.ada]).unwrap();
    pause();
    w.t.core.delete_deals(&[w.deal]).unwrap();
    pause();
    w.t.core.delete_companies(&[w.acme]).unwrap();

    let trash = w.t.core.trash(50).unwrap();
    assert_eq!(trash.total, 3);
    let order: Vec<String> = trash.items.iter().map(|i| i.title.clone()).collect();
    assert_eq!(order, ["Acme", "Anvils", "Ada Lovelace"]);
    assert_eq!(trash.items[0].subtitle.as_deref(), Some("acme.com"));
    assert_eq!(trash.items[2].subtitle.as_deref(), Some("ada@acme.com"));
    assert!(matches!(trash.items[1].record, RecordRef::Deal(id) if id == w.deal));
    let two = w.t.core.trash(2).unwrap();
    assert_eq!((two.items.len(), two.total), (2, 3), "a limit keeps the newest");

    w.t.core.restore_from_trash(&[RecordRef::Deal(w.deal), RecordRef::Contact(w.ada)]).unwrap();
    assert_eq!(w.t.core.trash(50).unwrap().total, 1);
    assert_eq!(w.t.core.deal(w.deal).unwrap().title, "Anvils");
    assert_eq!(w.t.core.contact(w.ada).unwrap().deleted_at, None);
}

#[test]
fn only_records_in_the_trash_can_be_deleted_forever_and_all_or_none_go() {
    let w = world();
    w.t.core.delete_deals(&[w.deal]).unwrap();
    let err = w.t.core.delete_forever(&[RecordRef::Deal(w.deal), RecordRef::Contact(w.ada)]).unwrap_err();
    assert_eq!(err.code(), "conflict", "{err}");
    assert_eq!(w.t.core.trash(50).unwrap().total, 1, "the deal is still in the Trash");
    w.t.core.restore_deals(&[w.deal]).unwrap();
    assert_eq!(w.t.core.deal(w.deal).unwrap().id, w.deal);
    assert_eq!(w.t.core.delete_forever(&[RecordRef::Company(424242)]).unwrap_err().code(), "not_found");
}

#[test]
fn a_company_deleted_forever_leaves_its_people_and_deals_unlinked_but_intact() {
    let w = world();
    w.t.core.delete_companies(&[w.acme]).unwrap();
    w.t.core.delete_forever(&[RecordRef::Company(w.acme)]).unwrap();

    let ada = w.t.core.contact(w.ada).unwrap();
    assert_eq!((ada.company_id, ada.company_name.as_deref()), (None, Some("Acme")), "keeps the name as text");
    assert_eq!(w.t.core.deal(w.deal).unwrap().company_id, None);
    // The contact's and deal's calls stay on their timelines; the company's own call went with it.
    assert!(subjects(&w, RecordRef::Contact(w.ada)).iter().any(|s| s.contains("Contact")));
    assert!(subjects(&w, RecordRef::Deal(w.deal)).iter().any(|s| s.contains("Deal")));
    assert_eq!(w.t.core.stats().unwrap().companies, 0);
    assert_eq!(w.t.core.trash(50).unwrap().total, 0);
    // The domain is free again.
    w.t.core
        .create_company(CompanyInput { name: "Acme 2".into(), website: Some("acme.com".into()), ..Default::default() })
        .unwrap();
}

#[test]
fn a_contact_or_deal_deleted_forever_keeps_the_shared_history_elsewhere() {
    let w = world();
    w.t.core.delete_contacts(&[w.ada]).unwrap();
    w.t.core.delete_forever(&[RecordRef::Contact(w.ada)]).unwrap();
    assert_eq!(w.t.core.contact(w.ada).unwrap_err().code(), "not_found");
    assert_eq!(w.t.core.deal(w.deal).unwrap().contact_id, None);
    let company = subjects(&w, RecordRef::Company(w.acme));
    assert!(company.iter().any(|s| s.contains("Contact")), "the contact's call stays on its company: {company:?}");
    // Ada's email can be used again.
    w.t.core.create_contact(ContactInput { emails: vec!["ada@acme.com".into()], ..Default::default() }).unwrap();

    let history_before = w.t.core.deal_stage_history(w.deal).unwrap().len();
    assert!(history_before > 0);
    w.t.core.delete_deals(&[w.deal]).unwrap();
    w.t.core.delete_forever(&[RecordRef::Deal(w.deal)]).unwrap();
    assert_eq!(w.t.core.deal_stage_history(w.deal).unwrap_err().code(), "not_found");
    let company = subjects(&w, RecordRef::Company(w.acme));
    assert!(company.iter().any(|s| s.contains("Deal")), "the deal's call stays on its company: {company:?}");
    assert!(company.iter().any(|s| s.contains("Anvils created")), "so does its creation: {company:?}");
    assert_eq!(w.t.core.stats().unwrap().deals, 0);
}

#[test]
fn each_kind_is_listed_counted_and_guarded_the_same_way() {
    let w = world();
    // A contact saved with only an email is listed by it.
    let bare =
        w.t.core.create_contact(ContactInput { emails: vec!["bare@x.io".into()], ..Default::default() }).unwrap();
    w.t.core.delete_contacts(&[bare.id]).unwrap();
    let trash = w.t.core.trash(50).unwrap();
    assert_eq!(trash.total, 1);
    assert_eq!((trash.items[0].title.as_str(), trash.items[0].subtitle.as_deref()), ("bare@x.io", Some("bare@x.io")));

    // Live records of every kind are refused by name; a missing one is not found.
    for (record, kind) in [
        (RecordRef::Contact(w.ada), "contact"),
        (RecordRef::Company(w.acme), "company"),
        (RecordRef::Deal(w.deal), "deal"),
    ] {
        let err = w.t.core.delete_forever(&[record]).unwrap_err();
        assert_eq!(err.code(), "conflict");
        assert!(err.to_string().contains(&format!("Only a {kind} in the Trash")), "{err}");
    }
    assert_eq!(w.t.core.delete_forever(&[RecordRef::Deal(424242)]).unwrap_err().code(), "not_found");
    assert_eq!(w.t.core.delete_forever(&[RecordRef::Contact(424242)]).unwrap_err().code(), "not_found");
}
