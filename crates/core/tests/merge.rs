//! Finding likely duplicates across the database and merging them field by field.
mod support;

use outpost_core::domain::{CompanyInput, ContactInput, DealInput, FieldEntity, MergeRequest, RecordRef, TaskInput};

fn person(t: &support::TestDb, first: &str, email: &str, phone: &str, company: Option<i64>) -> i64 {
    t.core
        .create_contact(ContactInput {
            first_name: first.into(),
            last_name: "Lovelace".into(),
            emails: if email.is_empty() { vec![] } else { vec![email.into()] },
            phones: if phone.is_empty() { vec![] } else { vec![phone.into()] },
            company_id: company,
            ..Default::default()
        })
        .unwrap()
        .id
}

#[test]
fn finds_pairs_by_phone_and_by_name_at_a_company() {
    let t = support::open();
    let acme = t.core.create_company(CompanyInput { name: "Acme".into(), ..Default::default() }).unwrap();
    let a = person(&t, "Ada", "ada@acme.example", "+44 20 7946 0000", Some(acme.id));
    let b = person(&t, "Augusta", "countess@home.example", "+44 (20) 7946-0000", None);
    let c = person(&t, "Ada", "", "", Some(acme.id));
    person(&t, "Someone", "else@x.example", "+1 555 0100 999", None);
    let pairs = t.core.duplicates(FieldEntity::Contact, 50).unwrap();
    let got: Vec<(i64, i64, &str)> = pairs.iter().map(|p| (p.a_id, p.b_id, p.reason.as_str())).collect();
    assert!(got.contains(&(a, b, "same phone")), "{got:?}");
    assert!(got.contains(&(a, c, "same name at the same company")), "{got:?}");
    assert_eq!(got.len(), 2);

    t.core.create_company(CompanyInput { name: "ACME, Inc.".into(), ..Default::default() }).unwrap();
    let companies = t.core.duplicates(FieldEntity::Company, 50).unwrap();
    assert_eq!(companies.len(), 1);
    assert_eq!(companies[0].reason, "same company name");
}

#[test]
fn merging_contacts_moves_everything_and_keeps_chosen_fields() {
    let t = support::open();
    let keep = person(&t, "Ada", "ada@acme.example", "", None);
    let drop = person(&t, "Augusta Ada", "countess@home.example", "+44 20 7946 0000", None);
    t.core
        .update_contact(
            drop,
            ContactInput {
                first_name: "Augusta Ada".into(),
                last_name: "Lovelace".into(),
                title: Some("Countess".into()),
                city: Some("London".into()),
                emails: vec!["countess@home.example".into()],
                phones: vec!["+44 20 7946 0000".into()],
                ..Default::default()
            },
        )
        .unwrap();
    let deal = t
        .core
        .create_deal(DealInput { title: "Engines".into(), contact_id: Some(drop), ..Default::default() })
        .unwrap();
    t.core.create_task(TaskInput { title: "Call back".into(), contact_id: Some(drop), ..Default::default() }).unwrap();

    let before = (t.core.contact(keep).unwrap(), t.core.contact(drop).unwrap());
    let result = t
        .core
        .merge(&MergeRequest {
            entity: FieldEntity::Contact,
            keep_id: keep,
            drop_id: drop,
            take_from_drop: vec!["first_name".into()],
        })
        .unwrap();
    assert!(result.relinked >= 2, "{result:?}");
    let kept = t.core.contact(keep).unwrap();
    assert_eq!(kept.first_name, "Augusta Ada", "chosen from the dropped record");
    assert_eq!(kept.title.as_deref(), Some("Countess"), "empty on the kept record, so filled");
    assert_eq!(
        kept.emails.iter().map(|e| e.value.as_str()).collect::<Vec<_>>(),
        ["ada@acme.example", "countess@home.example"]
    );
    assert_eq!(kept.phones.len(), 1);
    assert!(kept.phones[0].is_primary);
    assert_eq!(t.core.deal(deal.id).unwrap().contact_id, Some(keep), "the deal follows");
    assert!(t.core.contact(drop).unwrap().deleted_at.is_some(), "the other one is in the Trash");
    let timeline = t.core.timeline(RecordRef::Contact(keep), None, 50).unwrap();
    assert!(timeline.iter().any(|i| i.kind == "merge"));
    assert!(t.core.duplicates(FieldEntity::Contact, 50).unwrap().is_empty());

    // Undo puts both back: fields, emails and phones, the deal and the task, no "merged" entry.
    t.core.undo_merge(result.undo_token).unwrap();
    let (kept, dropped) = (t.core.contact(keep).unwrap(), t.core.contact(drop).unwrap());
    let points = |c: &outpost_core::domain::ContactDetail| {
        (
            c.emails.iter().map(|e| e.value.clone()).collect::<Vec<_>>(),
            c.phones.iter().map(|e| e.value.clone()).collect::<Vec<_>>(),
        )
    };
    assert_eq!((kept.first_name.as_str(), kept.title.clone()), (before.0.first_name.as_str(), before.0.title.clone()));
    assert_eq!(points(&kept), points(&before.0));
    assert_eq!(points(&dropped), points(&before.1));
    assert!(dropped.deleted_at.is_none(), "out of the Trash");
    assert_eq!(t.core.deal(deal.id).unwrap().contact_id, Some(drop), "the deal goes back");
    let tasks = t.core.tasks(outpost_core::domain::TaskBucket::Upcoming, chrono::Utc::now(), 50).unwrap();
    assert_eq!(tasks.iter().find(|k| k.title == "Call back").unwrap().contact_id, Some(drop), "the task goes back");
    let timeline = t.core.timeline(RecordRef::Contact(keep), None, 50).unwrap();
    assert!(!timeline.iter().any(|i| i.kind == "merge"));
    assert!(matches!(t.core.undo_merge(result.undo_token), Err(outpost_core::CoreError::Conflict(_))), "only once");
}

#[test]
fn merging_companies_moves_their_people_and_deals() {
    let t = support::open();
    let keep = t.core.create_company(CompanyInput { name: "Acme".into(), ..Default::default() }).unwrap();
    let drop = t
        .core
        .create_company(CompanyInput {
            name: "ACME Inc".into(),
            website: Some("acme.example".into()),
            ..Default::default()
        })
        .unwrap();
    let ada = person(&t, "Ada", "ada@acme.example", "", Some(drop.id));
    let deal =
        t.core.create_deal(DealInput { title: "Big".into(), company_id: Some(drop.id), ..Default::default() }).unwrap();
    let merged = t
        .core
        .merge(&MergeRequest {
            entity: FieldEntity::Company,
            keep_id: keep.id,
            drop_id: drop.id,
            take_from_drop: vec![],
        })
        .unwrap();
    let kept = t.core.company(keep.id).unwrap();
    assert_eq!((kept.name.as_str(), kept.domain.as_deref()), ("Acme", Some("acme.example")), "the domain moves over");
    assert_eq!(t.core.contact(ada).unwrap().company_id, Some(keep.id));
    assert_eq!(t.core.deal(deal.id).unwrap().company_id, Some(keep.id));
    assert!(t.core.search("Acme", 10).unwrap().iter().any(|h| h.id == ada));

    t.core.undo_merge(merged.undo_token).unwrap();
    let (kept, dropped) = (t.core.company(keep.id).unwrap(), t.core.company(drop.id).unwrap());
    assert_eq!(kept.domain, None, "the domain goes back with its company");
    assert_eq!(dropped.domain.as_deref(), Some("acme.example"));
    assert_eq!(t.core.stats().unwrap().companies, 2, "out of the Trash");
    assert_eq!(t.core.contact(ada).unwrap().company_id, Some(drop.id));
    assert_eq!(t.core.deal(deal.id).unwrap().company_id, Some(drop.id));
}
