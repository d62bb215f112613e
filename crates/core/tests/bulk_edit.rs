//! Bulk and inline edits: the single-edit checks apply, all or nothing, and undo restores exactly what changed.
mod support;

use outpost_core::domain::{
    BulkChange, BulkEdit, CompanyInput, ContactInput, CustomFieldInput, DealInput, FieldEntity, FieldType, Lifecycle,
    RecordRef, TagInput,
};
use outpost_core::Outpost;
use serde_json::{json, Value};

fn people(core: &Outpost, n: usize) -> Vec<i64> {
    (0..n)
        .map(|i| {
            core.create_contact(ContactInput {
                first_name: format!("P{i}"),
                last_name: "Test".into(),
                city: (i % 2 == 0).then(|| "Berlin".to_string()),
                emails: vec![format!("p{i}@example.com")],
                ..Default::default()
            })
            .unwrap()
            .id
        })
        .collect()
}

fn set(entity: FieldEntity, ids: &[i64], field: &str, value: Value) -> BulkEdit {
    BulkEdit { entity, ids: ids.to_vec(), change: BulkChange::SetField { field: field.into(), value } }
}

#[test]
fn set_a_field_then_undo_puts_back_exactly_those_values() {
    let t = support::open();
    let c = &t.core;
    let ids = people(c, 4);
    let done = c.bulk_edit(set(FieldEntity::Contact, &ids, "city", json!("  Paris "))).unwrap();
    assert_eq!(done.changed, 4);
    assert!(ids.iter().all(|&id| c.contact(id).unwrap().city.as_deref() == Some("Paris")), "trimmed, like a form");
    // Later, someone edits another field of one of them: the undo leaves that alone.
    c.bulk_edit(set(FieldEntity::Contact, &ids[..1], "title", json!("CTO"))).unwrap();
    c.undo_bulk_edit(done.token).unwrap();
    let cities: Vec<Option<String>> = ids.iter().map(|&id| c.contact(id).unwrap().city).collect();
    assert_eq!(cities, [Some("Berlin".into()), None, Some("Berlin".into()), None]);
    assert_eq!(c.contact(ids[0]).unwrap().title.as_deref(), Some("CTO"));
    assert_eq!(c.undo_bulk_edit(done.token).unwrap_err().code(), "conflict", "once");
    // Setting a value a record already has changes nothing for it.
    let again = c.bulk_edit(set(FieldEntity::Contact, &ids, "city", json!("Berlin"))).unwrap();
    assert_eq!(again.changed, 2);
}

#[test]
fn a_bad_value_fails_like_a_single_edit_and_saves_nothing() {
    let t = support::open();
    let c = &t.core;
    let ids = people(c, 3);
    let e = c.bulk_edit(set(FieldEntity::Contact, &ids, "lifecycle", json!("boss"))).unwrap_err();
    assert_eq!((e.code(), e.field()), ("validation", Some("lifecycle")));
    let e = c.bulk_edit(set(FieldEntity::Contact, &ids, "email", json!("x@y.z"))).unwrap_err();
    assert_eq!(e.field(), Some("email"), "not an editable field: {e}");
    let e = c.bulk_edit(set(FieldEntity::Contact, &ids, "salary", json!(1))).unwrap_err();
    assert_eq!(e.field(), Some("field"));
    // A contact with no email can't lose its name; the one without is named in the message.
    let nameless = c.create_contact(ContactInput { first_name: "Solo".into(), ..Default::default() }).unwrap();
    let mut all = ids.clone();
    all.push(nameless.id);
    let e = c.bulk_edit(set(FieldEntity::Contact, &all, "first_name", json!(""))).unwrap_err();
    assert_eq!(e.field(), Some("first_name"));
    assert!(e.to_string().contains("Solo") && e.to_string().contains("Nothing was changed"), "{e}");
    assert_eq!(c.contact(ids[0]).unwrap().first_name, "P0", "all or nothing");
    assert_eq!(c.bulk_edit(set(FieldEntity::Contact, &[], "city", json!("X"))).unwrap_err().field(), Some("ids"));
}

#[test]
fn lifecycle_and_custom_fields() {
    let t = support::open();
    let c = &t.core;
    let ids = people(c, 2);
    let done = c.bulk_edit(set(FieldEntity::Contact, &ids, "lifecycle", json!("lead"))).unwrap();
    let lead = c.contact(ids[0]).unwrap();
    assert_eq!((lead.lifecycle, lead.lead_status.map(|s| s.as_str())), (Lifecycle::Lead, Some("new")));
    c.undo_bulk_edit(done.token).unwrap();
    let back = c.contact(ids[0]).unwrap();
    assert_eq!((back.lifecycle, back.lead_status), (Lifecycle::Contact, None), "both columns restored");

    let size = c
        .create_custom_field(CustomFieldInput {
            entity: FieldEntity::Contact,
            label: "Team size".into(),
            field_type: FieldType::Number,
            options: vec![],
            required: false,
        })
        .unwrap();
    let key = format!("custom.{}", size.key);
    let e = c.bulk_edit(set(FieldEntity::Contact, &ids, &key, json!("many"))).unwrap_err();
    assert_eq!(e.field(), Some(format!("custom.{}", size.key).as_str()));
    let done = c.bulk_edit(set(FieldEntity::Contact, &ids, &key, json!("12"))).unwrap();
    assert_eq!(c.contact(ids[1]).unwrap().custom[&size.key], json!(12.0));
    c.undo_bulk_edit(done.token).unwrap();
    assert!(c.contact(ids[1]).unwrap().custom.get(&size.key).is_none(), "the key was absent before");
}

#[test]
fn add_and_remove_a_tag_with_undo() {
    let t = support::open();
    let c = &t.core;
    let ids = people(c, 3);
    let vip = c.create_tag(TagInput { name: "VIP".into(), color: None }).unwrap();
    c.set_record_tags(RecordRef::Contact(ids[0]), vec![vip.id]).unwrap();
    let added = c
        .bulk_edit(BulkEdit {
            entity: FieldEntity::Contact,
            ids: ids.clone(),
            change: BulkChange::AddTag { tag_id: vip.id },
        })
        .unwrap();
    assert_eq!(added.changed, 2, "one had it already");
    let tagged = |id| !c.record_tags(RecordRef::Contact(id)).unwrap().is_empty();
    assert!(ids.iter().all(|&id| tagged(id)));
    c.undo_bulk_edit(added.token).unwrap();
    assert_eq!(ids.iter().map(|&id| tagged(id)).collect::<Vec<_>>(), [true, false, false], "only the added ones go");
    let removed = c
        .bulk_edit(BulkEdit {
            entity: FieldEntity::Contact,
            ids: ids.clone(),
            change: BulkChange::RemoveTag { tag_id: vip.id },
        })
        .unwrap();
    assert_eq!(removed.changed, 1);
    c.undo_bulk_edit(removed.token).unwrap();
    assert!(tagged(ids[0]));
    let e = c
        .bulk_edit(BulkEdit { entity: FieldEntity::Contact, ids, change: BulkChange::AddTag { tag_id: 999 } })
        .unwrap_err();
    assert_eq!(e.field(), Some("tag_id"));
}

#[test]
fn companies_and_deals() {
    let t = support::open();
    let c = &t.core;
    let acme = c
        .create_company(CompanyInput {
            name: "Acme".into(),
            website: Some("acme.example".into()),
            ..Default::default()
        })
        .unwrap();
    let globex = c.create_company(CompanyInput { name: "Globex".into(), ..Default::default() }).unwrap();
    let done = c.bulk_edit(set(FieldEntity::Company, &[acme.id, globex.id], "industry", json!("Robotics"))).unwrap();
    let acme_now = c.company(acme.id).unwrap();
    assert_eq!((acme_now.industry.as_deref(), acme_now.domain.as_deref()), (Some("Robotics"), Some("acme.example")));
    let e = c.bulk_edit(set(FieldEntity::Company, &[acme.id], "name", json!(" "))).unwrap_err();
    assert_eq!(e.field(), Some("name"));
    c.undo_bulk_edit(done.token).unwrap();
    assert_eq!(c.company(globex.id).unwrap().industry, None);

    let d1 = c.create_deal(DealInput { title: "One".into(), value_cents: 100, ..Default::default() }).unwrap();
    let d2 = c
        .create_deal(DealInput { title: "Two".into(), value_cents: 200, probability: Some(30), ..Default::default() })
        .unwrap();
    let both = [d1.id, d2.id];
    let done = c.bulk_edit(set(FieldEntity::Deal, &both, "value", json!(5000))).unwrap();
    assert_eq!(c.deal(d1.id).unwrap().value_cents, 5000);
    for (field, value) in [
        ("value", json!(-5)),
        ("probability", json!(120)),
        ("expected_close", json!("soon")),
        ("currency", json!("dollars")),
        ("value", json!("abc")),
    ] {
        let e = c.bulk_edit(set(FieldEntity::Deal, &both, field, value)).unwrap_err();
        assert_eq!(e.code(), "validation", "{field}: {e}");
    }
    assert_eq!(c.bulk_edit(set(FieldEntity::Deal, &both, "stage", json!(1))).unwrap_err().field(), Some("stage"));
    c.bulk_edit(set(FieldEntity::Deal, &both, "probability", Value::Null)).unwrap();
    assert_eq!(c.deal(d2.id).unwrap().probability, c.deal(d2.id).unwrap().stage_probability, "back to the stage's");
    c.undo_bulk_edit(done.token).unwrap();
    assert_eq!((c.deal(d1.id).unwrap().value_cents, c.deal(d2.id).unwrap().value_cents), (100, 200));
    assert_eq!(c.deal(d2.id).unwrap().probability, c.deal(d2.id).unwrap().stage_probability, "a later edit stays");
}
