//! Converting leads: company found or created, deal opened, timeline written, all or nothing.
mod support;

use outpost_core::domain::{
    CompanyInput, ContactInput, DealInput, LeadConversion, LeadSource, LeadStatus, Lifecycle, RecordRef,
};

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
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("value_cents"));
    assert_eq!(t.core.stats().unwrap(), before, "nothing half-applied");
    assert_eq!(t.core.contact(id).unwrap().lifecycle, Lifecycle::Lead);

    let out = t.core.convert_lead(LeadConversion { contact_id: id, ..Default::default() }).unwrap();
    assert_eq!(out.company.unwrap().id, cobol.id);
    assert!(out.deal.is_none());
}
