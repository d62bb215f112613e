//! Contacts: create, validate, edit, Trash, paging, search.
mod support;

use outpost_core::domain::{ContactInput, Entity, Lifecycle, PageQuery};
use outpost_core::events::CoreEvent;

fn input(first: &str, last: &str, email: &str) -> ContactInput {
    ContactInput { first_name: first.into(), last_name: last.into(), emails: vec![email.into()], ..Default::default() }
}

#[test]
fn create_normalizes_and_reads_back() {
    let t = support::open();
    let mut rx = t.core.events().subscribe();
    let c = t
        .core
        .create_contact(ContactInput {
            phones: vec!["+1 (415) 555-0100".into()],
            title: Some("  ".into()),
            ..input("  Ada ", "Lovelace", " Ada@Example.COM ")
        })
        .unwrap();
    assert_eq!(c.first_name, "Ada");
    assert_eq!(c.emails[0].value, "Ada@Example.COM");
    assert!(c.emails[0].is_primary);
    assert_eq!(c.phones[0].value, "+1 (415) 555-0100");
    assert_eq!(c.title, None, "blank text is stored as nothing");
    assert_eq!(c.lifecycle, Lifecycle::Contact);
    match rx.try_recv().unwrap() {
        CoreEvent::DataChanged { entity: Entity::Contact, ids } => assert_eq!(ids, vec![c.id]),
        other => panic!("unexpected event {other:?}"),
    }
}

#[test]
fn invalid_input_names_the_field_and_saves_nothing() {
    let t = support::open();
    let cases = [
        (input("Ada", "L", "not-an-email"), "emails"),
        (ContactInput { phones: vec!["12".into()], ..input("Ada", "L", "") }, "phones"),
        (input("", "", ""), "first_name"),
        (ContactInput { company_id: Some(999), ..input("Ada", "L", "") }, "company_id"),
    ];
    for (bad, field) in cases {
        let err = t.core.create_contact(bad).unwrap_err();
        assert_eq!(err.code(), "validation");
        assert_eq!(err.field(), Some(field), "{err}");
    }
    assert_eq!(t.core.stats().unwrap().contacts, 0);
}

#[test]
fn an_email_belongs_to_one_contact() {
    let t = support::open();
    let ada = t.core.create_contact(input("Ada", "Lovelace", "ada@example.com")).unwrap();
    let err = t.core.create_contact(input("Other", "Person", "ADA@example.com ")).unwrap_err();
    assert_eq!(err.field(), Some("emails"));
    assert!(err.to_string().contains("Ada Lovelace"), "{err}");
    // Editing Ada with her own email is fine.
    let edited = t.core.update_contact(ada.id, input("Ada", "King", "ada@example.com")).unwrap();
    assert_eq!(edited.last_name, "King");
}

#[test]
fn trash_and_restore() {
    let t = support::open();
    let c = t.core.create_contact(input("Grace", "Hopper", "grace@navy.example")).unwrap();
    t.core.delete_contacts(&[c.id]).unwrap();
    assert_eq!(t.core.count_contacts(None).unwrap(), 0);
    assert!(t.core.search("grace", 10).unwrap().is_empty(), "deleted contacts leave search");
    // The email is free again while the contact is in the Trash.
    assert!(t.core.update_contact(c.id, input("Grace", "H", "x@y.example")).is_err(), "cannot edit a trashed contact");
    t.core.restore_contacts(&[c.id]).unwrap();
    assert_eq!(t.core.count_contacts(None).unwrap(), 1);
    assert_eq!(t.core.search("grace", 10).unwrap()[0].id, c.id);
    assert_eq!(t.core.restore_contacts(&[c.id]).unwrap_err().code(), "not_found", "restoring twice");
}

#[test]
fn keyset_pages_cover_every_contact_once_in_order() {
    let t = support::open();
    t.core.load_sample_data().unwrap();
    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let page = t.core.contacts(&PageQuery { cursor, limit: Some(7), ..Default::default() }).unwrap();
        assert_eq!(page.total, None, "pages never wait for a count");
        seen.extend(page.items.iter().map(|c| (c.last_name.to_lowercase(), c.first_name.to_lowercase(), c.id)));
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(seen.len(), 120);
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted, "pages come in (last, first, id) order");
    sorted.dedup_by_key(|r| r.2);
    assert_eq!(sorted.len(), 120, "no contact appears twice");
}

#[test]
fn search_finds_contacts_by_name_email_and_company_prefix() {
    let t = support::open();
    let c = t
        .core
        .create_contact(ContactInput {
            company_name: Some("Analytical Engines".into()),
            ..input("Ada", "Lovelace", "ada@engines.example")
        })
        .unwrap();
    t.core.create_contact(input("Charles", "Babbage", "charles@engines.example")).unwrap();
    for q in ["ada", "LOVE", "ada@eng", "analyt", "ada lov"] {
        let hits = t.core.search(q, 10).unwrap();
        assert_eq!(hits.len(), 1, "{q}");
        assert_eq!((hits[0].entity, hits[0].id), (Entity::Contact, c.id), "{q}");
    }
    let page = t.core.contacts(&PageQuery { search: Some("engines".into()), ..Default::default() }).unwrap();
    assert_eq!((page.items.len(), t.core.count_contacts(Some("engines")).unwrap()), (2, 2));
    assert!(t.core.search("\"unbalanced OR (", 10).is_ok(), "FTS syntax in input is harmless");
}

#[test]
fn every_sort_pages_through_all_contacts_in_order_both_ways() {
    let t = support::open();
    t.core.load_sample_data().unwrap();
    for sort in ["name", "first_name", "created_at", "updated_at", "score"] {
        for desc in [false, true] {
            let mut ids = Vec::new();
            let mut cursor = None;
            loop {
                let page = t
                    .core
                    .contacts(&PageQuery {
                        cursor,
                        limit: Some(11),
                        sort: Some(sort.into()),
                        desc: Some(desc),
                        ..Default::default()
                    })
                    .unwrap();
                ids.extend(page.items.iter().map(|c| c.id));
                match page.next_cursor {
                    Some(next) => cursor = Some(next),
                    None => break,
                }
            }
            let mut unique = ids.clone();
            unique.sort();
            unique.dedup();
            assert_eq!((ids.len(), unique.len()), (120, 120), "{sort} desc={desc}: each contact once");
            let all = t
                .core
                .contacts(&PageQuery {
                    limit: Some(500),
                    sort: Some(sort.into()),
                    desc: Some(desc),
                    ..Default::default()
                })
                .unwrap();
            assert_eq!(ids, all.items.iter().map(|c| c.id).collect::<Vec<_>>(), "{sort} desc={desc}: same order");
        }
    }
    let err = t.core.contacts(&PageQuery { sort: Some("password".into()), ..Default::default() }).unwrap_err();
    assert_eq!(err.field(), Some("sort"));
}
