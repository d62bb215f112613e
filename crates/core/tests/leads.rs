//! Converting leads: company found or created, deal opened, timeline written, all or nothing.
mod support;

use outpost_core::domain::{
    CompanyInput, ContactInput, CustomFieldInput, CustomValues, DealInput, FieldEntity, FieldType, LeadConversion,
    LeadSource, LeadStatus, Lifecycle, RecordRef,
};
use serde_json::json;

fn lead(t: &support::TestDb, email: &str, company: Option<&str>) -> i64 {
    t.core
        .create_contact(ContactInput {
            first_name: "Grace".into(),
            last_name: "Hopper".into(),
            emails: vec![email.into()],
            company_name: company.map(Into::into),
            lifecycle: Some(Lifecycle::Lead),
            lead_source: Some(LeadSource::Event),
            ..Default::default()
        })
        .unwrap()
        .id
}

#[test]
fn converting_creates_the_company_and_a_deal_and_logs_it() {
    let t = support::open();
    let id = lead(&t, "grace@cobol.example", Some("Cobol Systems"));
    assert_eq!(t.core.contact(id).unwrap().lead_status, Some(LeadStatus::New));
    let out = t
        .core
        .convert_lead(LeadConversion {
            contact_id: id,
            company_id: None,
            deal: Some(DealInput { title: "Cobol pilot".into(), value_cents: 500_000, ..Default::default() }),
            ..Default::default()
        })
        .unwrap();
    assert!(out.company_created);
    let company = out.company.unwrap();
    assert_eq!((company.name.as_str(), company.domain.as_deref()), ("Cobol Systems", Some("cobol.example")));
    assert_eq!(out.contact.lifecycle, Lifecycle::Contact);
    assert_eq!(out.contact.company_id, Some(company.id));
    let deal = out.deal.unwrap();
    assert_eq!((deal.contact_id, deal.company_id), (Some(id), Some(company.id)));
    let timeline = t.core.timeline(RecordRef::Contact(id), None, 10).unwrap();
    assert!(timeline.iter().any(|i| i.kind == "lead_converted" && i.meta["company"] == "Cobol Systems"));
    assert_eq!(
        t.core.convert_lead(LeadConversion { contact_id: id, ..Default::default() }).unwrap_err().code(),
        "conflict"
    );
}

#[test]
fn an_existing_company_is_found_by_email_domain() {
    let t = support::open();
    let acme = t
        .core
        .create_company(CompanyInput {
            name: "Acme Corp".into(),
            website: Some("acme.com".into()),
            ..Default::default()
        })
        .unwrap();
    let id = lead(&t, "grace@ACME.com", Some("ACME (typo)"));
    let out = t.core.convert_lead(LeadConversion { contact_id: id, ..Default::default() }).unwrap();
    assert!(!out.company_created);
    assert_eq!(out.company.unwrap().id, acme.id);
    assert_eq!(t.core.stats().unwrap().companies, 1);
}

#[test]
fn freemail_leads_are_matched_by_name_and_a_bad_deal_undoes_everything() {
    let t = support::open();
    let cobol = t.core.create_company(CompanyInput { name: "Cobol Systems".into(), ..Default::default() }).unwrap();
    let id = lead(&t, "grace@gmail.com", Some("cobol systems"));
    let before = t.core.stats().unwrap();
    let err = t
        .core
        .convert_lead(LeadConversion {
            contact_id: id,
            company_id: None,
            deal: Some(DealInput { title: "x".into(), value_cents: -5, ..Default::default() }),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("value_cents"));
    assert_eq!(t.core.stats().unwrap(), before, "nothing half-applied");
    assert_eq!(t.core.contact(id).unwrap().lifecycle, Lifecycle::Lead);

    let out = t.core.convert_lead(LeadConversion { contact_id: id, ..Default::default() }).unwrap();
    assert_eq!(out.company.unwrap().id, cobol.id);
    assert!(out.deal.is_none());
}

fn required(t: &support::TestDb, entity: FieldEntity, label: &str, field_type: FieldType) {
    t.core
        .create_custom_field(CustomFieldInput {
            entity,
            label: label.into(),
            field_type,
            options: vec![],
            required: true,
        })
        .unwrap();
}

fn values(v: serde_json::Value) -> CustomValues {
    serde_json::from_value(v).unwrap()
}

#[test]
fn required_company_and_deal_fields_are_asked_for_named_and_saved() {
    let t = support::open();
    required(&t, FieldEntity::Company, "Employees", FieldType::Number);
    required(&t, FieldEntity::Deal, "Budget owner", FieldType::Text);
    let id = lead(&t, "grace@cobol.example", Some("Cobol Systems"));
    let before = t.core.stats().unwrap();
    let convert = |company_custom: serde_json::Value, deal_custom: serde_json::Value| {
        t.core.convert_lead(LeadConversion {
            contact_id: id,
            company_id: None,
            deal: Some(DealInput { title: "Pilot".into(), custom: values(deal_custom), ..Default::default() }),
            company_custom: values(company_custom),
        })
    };

    let err = convert(json!({}), json!({ "budget_owner": "Grace" })).unwrap_err();
    assert_eq!((err.code(), err.field()), ("validation", Some("company.custom.employees")));
    assert!(err.to_string().contains("Employees is required"), "{err}");
    assert!(err.to_string().contains("company"), "{err}");
    let err = convert(json!({ "employees": "lots" }), json!({ "budget_owner": "Grace" })).unwrap_err();
    assert_eq!(err.field(), Some("company.custom.employees"));
    let err = convert(json!({ "employees": "40" }), json!({})).unwrap_err();
    assert_eq!(err.field(), Some("deal.custom.budget_owner"));
    assert!(err.to_string().contains("Budget owner is required"), "{err}");
    assert_eq!(t.core.stats().unwrap(), before, "a refused conversion saves nothing");
    assert_eq!(t.core.contact(id).unwrap().lifecycle, Lifecycle::Lead);

    let out = convert(json!({ "employees": "40" }), json!({ "budget_owner": "Grace" })).unwrap();
    assert!(out.company_created);
    assert_eq!(out.company.unwrap().custom["employees"], json!(40.0));
    assert_eq!(out.deal.unwrap().custom["budget_owner"], json!("Grace"));
}

#[test]
fn company_values_are_not_needed_when_the_company_already_exists() {
    let t = support::open();
    t.core
        .create_company(CompanyInput {
            name: "Acme Corp".into(),
            website: Some("acme.com".into()),
            ..Default::default()
        })
        .unwrap();
    required(&t, FieldEntity::Company, "Employees", FieldType::Number);
    let id = lead(&t, "grace@acme.com", None);
    let out = t.core.convert_lead(LeadConversion { contact_id: id, ..Default::default() }).unwrap();
    assert!(!out.company_created);
    assert_eq!(out.company.unwrap().name, "Acme Corp");
}
