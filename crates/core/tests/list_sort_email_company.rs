//! Contacts sort by email and by company (kept on contacts by triggers, migration 0010): paged by keyset with
//! NULLs, repeated and mixed-case values, in the order the rows show, with no record twice or missing, and the
//! order follows edits made anywhere (a new email, a company renamed, a contact linked).
mod support;

use outpost_core::domain::{CompanyInput, ContactInput, ContactRow, PageQuery};
use outpost_core::Outpost;

fn rows(core: &Outpost, sort: &str, desc: bool, limit: u32) -> Vec<ContactRow> {
    let mut out = Vec::new();
    let mut cursor = None;
    loop {
        let q = PageQuery {
            sort: Some(sort.into()),
            desc: Some(desc),
            cursor: cursor.clone(),
            limit: Some(limit),
            ..Default::default()
        };
        let page = core.contacts(&q).unwrap();
        out.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    out
}

/// Pages through both directions and checks them against the values the rows show.
fn check(core: &Outpost, sort: &str, value: fn(&ContactRow) -> Option<String>) {
    let total = core.stats().unwrap().contacts as usize;
    for desc in [false, true] {
        for limit in [1, 3, 7] {
            let got = rows(core, sort, desc, limit);
            let mut ids: Vec<i64> = got.iter().map(|r| r.id).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!((got.len(), ids.len()), (total, total), "{sort} desc={desc} limit={limit}: all, once each");
            let mut expected = got.clone();
            // NULLs first ascending (last descending), then by value ignoring case, then by id.
            expected.sort_by(|a, b| {
                let key = |r: &ContactRow| (value(r).map(|v| v.to_lowercase()), r.id);
                key(a).cmp(&key(b))
            });
            if desc {
                expected.reverse();
            }
            let order = |v: &[ContactRow]| v.iter().map(|r| (value(r), r.id)).collect::<Vec<_>>();
            assert_eq!(order(&got), order(&expected), "{sort} desc={desc} limit={limit}");
        }
    }
}

fn person(core: &Outpost, first: &str, emails: &[&str], company_id: Option<i64>, company_name: Option<&str>) -> i64 {
    core.create_contact(ContactInput {
        first_name: first.into(),
        last_name: "Test".into(),
        emails: emails.iter().map(|e| e.to_string()).collect(),
        company_id,
        company_name: company_name.map(Into::into),
        ..Default::default()
    })
    .unwrap()
    .id
}

#[test]
fn contacts_page_by_email_and_company_in_order_without_gaps() {
    let t = support::open();
    let c = &t.core;
    let acme = c.create_company(CompanyInput { name: "Acme".into(), ..Default::default() }).unwrap();
    let zeta = c.create_company(CompanyInput { name: "zeta labs".into(), ..Default::default() }).unwrap();
    person(c, "Ada", &["ada@acme.example"], Some(acme.id), None);
    person(c, "Bob", &["BOB@acme.example", "bob@home.example"], Some(acme.id), None);
    let cy = person(c, "Cy", &[], None, Some("Beta Free Text"));
    person(c, "Dee", &[], None, None);
    person(c, "Eve", &["Ada@acme.org"], Some(zeta.id), None);
    let fay = person(c, "Fay", &["fay@zeta.example"], Some(zeta.id), None);
    for i in 0..8 {
        person(
            c,
            &format!("Gen{i}"),
            &[&format!("gen{}@mid.example", i * 7 % 5 + i)],
            None,
            Some(["acme", "ACME", "Mid"][i % 3]),
        );
    }
    let email = |r: &ContactRow| r.email.clone();
    let company = |r: &ContactRow| r.company_name.clone();
    check(c, "email", email);
    check(c, "company", company);

    // Edits anywhere move rows: Fay's new email, a company renamed, Cy linked to a company.
    let mut fay_input = ContactInput { first_name: "Fay".into(), last_name: "Test".into(), ..Default::default() };
    fay_input.emails = vec!["aaa@first.example".into()];
    fay_input.company_id = Some(zeta.id);
    c.update_contact(fay, fay_input).unwrap();
    c.update_company(zeta.id, CompanyInput { name: "Aardvark".into(), ..Default::default() }).unwrap();
    let cy_row = rows(c, "name", false, 100).into_iter().find(|r| r.id == cy).unwrap();
    c.update_contact(
        cy,
        ContactInput {
            first_name: cy_row.first_name,
            last_name: cy_row.last_name,
            company_id: Some(acme.id),
            ..Default::default()
        },
    )
    .unwrap();
    let first = rows(c, "email", false, 5).into_iter().find(|r| r.email.is_some()).unwrap();
    assert_eq!(first.email.as_deref(), Some("aaa@first.example"));
    let by_company = rows(c, "company", false, 5);
    assert_eq!(by_company.iter().find(|r| r.company_name.is_some()).unwrap().company_name.as_deref(), Some("Aardvark"));
    check(c, "email", email);
    check(c, "company", company);
}
