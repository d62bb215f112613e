//! The unranked prefix search: first matches in index order, one entity or all, stopping at the limit.
mod support;

use outpost_core::domain::{CompanyInput, ContactInput, Entity};

#[test]
fn first_matches_of_one_entity_or_all() {
    let t = support::open();
    for i in 0..30 {
        t.core
            .create_contact(ContactInput {
                first_name: format!("Ada{i}"),
                last_name: "Byron".into(),
                ..Default::default()
            })
            .unwrap();
    }
    t.core.create_company(CompanyInput { name: "Adamant Steel".into(), ..Default::default() }).unwrap();
    let hits = t.core.search_prefix("ada", Some(Entity::Contact), 10).unwrap();
    assert_eq!(hits.len(), 10, "stops at the limit");
    assert!(hits.iter().all(|h| h.entity == Entity::Contact));
    let ids: Vec<i64> = hits.iter().map(|h| h.id).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "index order, not ranked");
    let companies = t.core.search_prefix("adam", Some(Entity::Company), 10).unwrap();
    assert_eq!(companies.iter().map(|h| h.title.as_str()).collect::<Vec<_>>(), ["Adamant Steel"]);
    assert_eq!(t.core.search_prefix("ada byr", None, 50).unwrap().len(), 30, "every word a prefix");
    assert!(t.core.search_prefix("ada", Some(Entity::Task), 10).unwrap().is_empty());
    assert!(t.core.search_prefix("  \" ", None, 10).unwrap().is_empty());
}
