//! The sample data: complete, deterministic, loaded once.
mod support;

use outpost_core::domain::PageQuery;

#[test]
fn sample_fills_every_entity_once() {
    let t = support::open();
    let first = t.core.load_sample_data().unwrap();
    assert!(first.loaded);
    let stats = t.core.stats().unwrap();
    let counts = serde_json::to_value(&stats).unwrap();
    for (entity, n) in counts.as_object().unwrap() {
        assert!(n.as_i64().unwrap() > 0, "{entity} is empty after loading the sample");
    }
    assert!(!t.core.info().unwrap().is_empty);
    let again = t.core.load_sample_data().unwrap();
    assert!(!again.loaded);
    assert_eq!(t.core.stats().unwrap(), stats, "loading twice adds nothing");

    let board = t.core.open_deals(t.core.pipelines().unwrap()[0].id).unwrap();
    assert!(board.len() >= 40, "most sample deals are open");
    assert!(board.iter().all(|d| d.value_cents > 0 && d.company_name.is_some()));
}

#[test]
fn sample_is_deterministic() {
    let names = |t: &support::TestDb| -> Vec<String> {
        let page = t.core.contacts(&PageQuery { limit: Some(500), ..Default::default() }).unwrap();
        page.items.into_iter().map(|c| format!("{} {} {:?}", c.first_name, c.last_name, c.email)).collect()
    };
    let (a, b) = (support::open(), support::open());
    a.core.load_sample_data().unwrap();
    b.core.load_sample_data().unwrap();
    assert_eq!(names(&a), names(&b));
    assert_eq!(a.core.stats().unwrap(), b.core.stats().unwrap());
}
