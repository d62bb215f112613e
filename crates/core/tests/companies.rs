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
