//! Custom fields: definitions, and values checked by type when a record is saved.
mod support;

use outpost_core::domain::{ContactInput, CustomFieldInput, CustomValues, FieldEntity, FieldType};
use serde_json::json;

fn field(label: &str, field_type: FieldType, options: &[&str], required: bool) -> CustomFieldInput {
    CustomFieldInput {
        entity: FieldEntity::Contact,
        label: label.into(),
        field_type,
        options: options.iter().map(|o| o.to_string()).collect(),
        required,
    }
}

fn contact(custom: serde_json::Value) -> ContactInput {
    let custom: CustomValues = serde_json::from_value(custom).unwrap();
    ContactInput { first_name: "Ada".into(), custom, ..Default::default() }
}

#[test]
fn keys_come_from_labels_and_stay_unique() {
    let t = support::open();
    let a = t.core.create_custom_field(field("Contract length (months)", FieldType::Number, &[], false)).unwrap();
    let b = t.core.create_custom_field(field("Contract length, months", FieldType::Number, &[], false)).unwrap();
    assert_eq!(a.key, "contract_length_months");
    assert_eq!(b.key, "contract_length_months_2");
    let listed = t.core.custom_fields(Some(FieldEntity::Contact)).unwrap();
    assert_eq!(listed.iter().map(|f| f.id).collect::<Vec<_>>(), vec![a.id, b.id]);
    assert!(t.core.custom_fields(Some(FieldEntity::Deal)).unwrap().is_empty());
}

#[test]
fn definitions_are_checked() {
    let t = support::open();
    let err = t.core.create_custom_field(field("  ", FieldType::Text, &[], false)).unwrap_err();
    assert_eq!(err.field(), Some("label"));
    let err = t.core.create_custom_field(field("Tier", FieldType::Select, &[" ", ""], false)).unwrap_err();
    assert_eq!(err.field(), Some("options"));
    let tier =
        t.core.create_custom_field(field("Tier", FieldType::Select, &["Gold", "gold", "Silver"], false)).unwrap();
    assert_eq!(tier.options, vec!["Gold", "Silver"], "blank and repeated choices dropped");
    let err = t.core.update_custom_field(tier.id, field("Tier", FieldType::Text, &[], false)).unwrap_err();
    assert_eq!(err.field(), Some("field_type"), "the type is fixed once created");
}

#[test]
fn values_are_checked_by_type_and_nothing_is_saved_on_error() {
    let t = support::open();
    t.core.create_custom_field(field("Seats", FieldType::Number, &[], true)).unwrap();
    t.core.create_custom_field(field("Renewal", FieldType::Date, &[], false)).unwrap();
    t.core.create_custom_field(field("Channel", FieldType::Select, &["Email", "Phone"], false)).unwrap();
    t.core.create_custom_field(field("Topics", FieldType::Multiselect, &["CRM", "Mail"], false)).unwrap();
    t.core.create_custom_field(field("Champion", FieldType::Bool, &[], false)).unwrap();
    let before = t.core.count_contacts(None).unwrap();

    let err = t.core.create_contact(contact(json!({}))).unwrap_err();
    assert_eq!((err.code(), err.field()), ("validation", Some("custom.seats")));
    assert!(err.to_string().contains("Seats is required"), "{err}");

    let err = t.core.create_contact(contact(json!({"seats": "twelve"}))).unwrap_err();
    assert_eq!(err.field(), Some("custom.seats"));
    assert!(err.to_string().contains("“twelve”"), "{err}");

    let err = t.core.create_contact(contact(json!({"seats": 3, "renewal": "31/12/2026"}))).unwrap_err();
    assert_eq!(err.field(), Some("custom.renewal"));
    let err = t.core.create_contact(contact(json!({"seats": 3, "channel": "Fax"}))).unwrap_err();
    assert_eq!(err.field(), Some("custom.channel"));
    let err = t.core.create_contact(contact(json!({"seats": 3, "topics": ["CRM", "Sales"]}))).unwrap_err();
    assert_eq!(err.field(), Some("custom.topics"));
    assert_eq!(t.core.count_contacts(None).unwrap(), before, "no contact saved by a failed attempt");

    let c = t
        .core
        .create_contact(contact(json!({
            "seats": " 12.5 ", "renewal": "2026-12-31", "channel": "phone",
            "topics": ["mail", "CRM", "Mail"], "champion": "yes", "unknown": "dropped"
        })))
        .unwrap();
    assert_eq!(
        c.custom,
        json!({"seats": 12.5, "renewal": "2026-12-31", "channel": "Phone", "topics": ["Mail", "CRM"], "champion": true})
    );
}

#[test]
fn hidden_fields_keep_their_values_through_an_edit() {
    let t = support::open();
    let note = t.core.create_custom_field(field("Note", FieldType::Text, &[], false)).unwrap();
    let c = t.core.create_contact(contact(json!({"note": "met at SaaStr"}))).unwrap();
    t.core.delete_custom_field(note.id).unwrap();
    let edited = t.core.update_contact(c.id, contact(json!({}))).unwrap();
    assert_eq!(edited.custom, json!({"note": "met at SaaStr"}));
    t.core.restore_custom_field(note.id).unwrap();
    let cleared = t.core.update_contact(c.id, contact(json!({"note": ""}))).unwrap();
    assert_eq!(cleared.custom, json!({}), "an emptied value is removed");
}
