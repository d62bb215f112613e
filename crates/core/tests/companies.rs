//! Companies: domains are normalized and unique.
mod support;

use outpost_core::domain::{CompanyInput, PageQuery};

#[test]
fn website_becomes_a_unique_domain() {
    let t = support::open();
    let acme = t
        .core
        .create_company(CompanyInput {
            name: "Acme".into(),
            website: Some("https://www.Acme.com/about".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(acme.domain.as_deref(), Some("acme.com"));
    let dup = t
        .core
        .create_company(CompanyInput {
            name: "ACME Inc".into(),
            website: Some("ACME.COM".into()),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!((dup.code(), dup.field()), ("validation", Some("website")));
    let bad = t
        .core
        .create_company(CompanyInput { name: "X".into(), website: Some("not a site".into()), ..Default::default() })
        .unwrap_err();
    assert_eq!(bad.field(), Some("website"));
    assert_eq!(t.core.create_company(CompanyInput::default()).unwrap_err().field(), Some("name"));
    let page = t.core.companies(&PageQuery::default()).unwrap();
    assert_eq!(page.total, Some(1));
    assert_eq!(t.core.search("acme", 5).unwrap()[0].id, acme.id);
}

fn custom(v: serde_json::Value) -> outpost_core::domain::CustomValues {
    serde_json::from_value(v).unwrap()
}

#[test]
fn edit_keeps_its_own_domain_but_not_another_companys() {
    let t = support::open();
    let acme = t
        .core
        .create_company(CompanyInput { name: "Acme".into(), website: Some("acme.com".into()), ..Default::default() })
        .unwrap();
    t.core
        .create_company(CompanyInput {
            name: "Globex".into(),
            website: Some("globex.com".into()),
            ..Default::default()
        })
        .unwrap();

    let edited = t
        .core
        .update_company(
            acme.id,
            CompanyInput {
                name: " Acme Corp ".into(),
                website: Some("https://acme.com".into()),
                industry: Some("Anvils".into()),
                city: Some("  ".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!((edited.name.as_str(), edited.domain.as_deref()), ("Acme Corp", Some("acme.com")));
    assert_eq!((edited.industry.as_deref(), edited.city.as_deref()), (Some("Anvils"), None));
    assert!(edited.updated_at >= acme.updated_at);
    assert_eq!(t.core.search("corp", 5).unwrap()[0].id, acme.id, "search follows the new name");

    let err = t
        .core
        .update_company(
            acme.id,
            CompanyInput { name: "Acme".into(), website: Some("globex.com".into()), ..Default::default() },
        )
        .unwrap_err();
    assert_eq!((err.code(), err.field()), ("validation", Some("website")));
    assert_eq!(t.core.company(acme.id).unwrap().domain.as_deref(), Some("acme.com"), "nothing saved");
    let err = t.core.update_company(9999, CompanyInput { name: "X".into(), ..Default::default() }).unwrap_err();
    assert_eq!(err.code(), "not_found");
}

#[test]
fn custom_values_are_checked_and_kept() {
    use outpost_core::domain::{CustomFieldInput, FieldEntity, FieldType};
    let t = support::open();
    t.core
        .create_custom_field(CustomFieldInput {
            entity: FieldEntity::Company,
            label: "Employees".into(),
            field_type: FieldType::Number,
            options: vec![],
            required: true,
        })
        .unwrap();
    let err = t.core.create_company(CompanyInput { name: "Acme".into(), ..Default::default() }).unwrap_err();
    assert_eq!(err.field(), Some("custom.employees"));
    let err = t
        .core
        .create_company(CompanyInput {
            name: "Acme".into(),
            custom: custom(serde_json::json!({ "employees": "lots" })),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("custom.employees"));
    assert_eq!(t.core.companies(&PageQuery::default()).unwrap().total, Some(0), "nothing saved");

    let acme = t
        .core
        .create_company(CompanyInput {
            name: "Acme".into(),
            custom: custom(serde_json::json!({ "employees": "1 200" })),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(acme.custom["employees"], 1200.0);
    let row = &t.core.companies(&PageQuery::default()).unwrap().items[0];
    assert_eq!(row.custom["employees"], 1200.0, "the list carries custom values");

    let err = t
        .core
        .update_company(
            acme.id,
            CompanyInput { name: "Acme".into(), custom: custom(serde_json::json!({})), ..Default::default() },
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("custom.employees"), "a required value can't be cleared");
    let edited = t
        .core
        .update_company(
            acme.id,
            CompanyInput {
                name: "Acme".into(),
                custom: custom(serde_json::json!({ "employees": 80 })),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(edited.custom["employees"], 80.0);
}

#[test]
fn delete_keeps_contacts_and_deals_and_restore_brings_it_back() {
    use outpost_core::domain::{ContactInput, DealInput};
    let t = support::open();
    let acme = t
        .core
        .create_company(CompanyInput { name: "Acme".into(), website: Some("acme.com".into()), ..Default::default() })
        .unwrap();
    let ada = t
        .core
        .create_contact(ContactInput { first_name: "Ada".into(), company_id: Some(acme.id), ..Default::default() })
        .unwrap();
    let deal = t
        .core
        .create_deal(DealInput { title: "Anvils".into(), company_id: Some(acme.id), ..Default::default() })
        .unwrap();
    let related = t.core.company_related(acme.id).unwrap();
    assert_eq!((related.contacts_total, related.deals_total), (1, 1));
    assert_eq!((related.contacts[0].name.as_str(), related.deals[0].id), ("Ada", deal.id));

    t.core.delete_companies(&[acme.id]).unwrap();
    assert_eq!(t.core.company(acme.id).unwrap_err().code(), "not_found");
    assert_eq!(t.core.companies(&PageQuery::default()).unwrap().total, Some(0));
    assert!(t.core.search("acme", 5).unwrap().iter().all(|h| h.id != acme.id || h.entity.as_str() != "company"));
    assert_eq!(t.core.contact(ada.id).unwrap().company_id, Some(acme.id), "contacts stay linked");
    assert_eq!(t.core.deal(deal.id).unwrap().company_id, Some(acme.id), "deals stay linked");
    // Editing the contact keeps its link to the company in the Trash.
    let ada_input = ContactInput {
        first_name: "Ada".into(),
        last_name: "Lovelace".into(),
        company_id: Some(acme.id),
        ..Default::default()
    };
    t.core.update_contact(ada.id, ada_input).unwrap();
    // A deleted company frees its domain.
    let other = t
        .core
        .create_company(CompanyInput {
            name: "New Acme".into(),
            website: Some("acme.com".into()),
            ..Default::default()
        })
        .unwrap();
    let err = t.core.restore_companies(&[acme.id]).unwrap_err();
    assert_eq!(err.code(), "conflict", "{err}");
    assert!(err.to_string().contains("acme.com"), "{err}");

    t.core.delete_companies(&[other.id]).unwrap();
    t.core.restore_companies(&[acme.id]).unwrap();
    assert_eq!(t.core.company(acme.id).unwrap().name, "Acme");
    assert_eq!(t.core.search("acme", 5).unwrap()[0].id, acme.id, "back in search");
    assert_eq!(t.core.restore_companies(&[acme.id]).unwrap_err().code(), "not_found", "not in the Trash");
}
