//! Saved views: a filter, sort and columns per list, checked against the list's fields.
mod support;

use outpost_core::domain::{
    FilterGroup, FilterNode, FilterOp, FilterRule, ListEntity, PageQuery, SavedViewInput, ViewSort,
};
use serde_json::json;

fn view(entity: ListEntity, name: &str) -> SavedViewInput {
    SavedViewInput {
        entity,
        name: name.into(),
        filter: Some(FilterGroup::And(vec![FilterNode::Rule(FilterRule {
            field: "city".into(),
            op: FilterOp::Is,
            value: json!("Berlin"),
        })])),
        sort: Some(ViewSort { field: "updated_at".into(), desc: true }),
        columns: vec!["name".into(), "email".into(), "city".into(), "name".into()],
    }
}

#[test]
fn create_list_rename_and_reorder() {
    let t = support::open();
    let a = t.core.create_saved_view(view(ListEntity::Contact, "  Berlin  ")).unwrap();
    assert_eq!(a.name, "Berlin");
    assert_eq!(a.columns, ["name", "email", "city"], "repeated columns dropped");
    assert_eq!(a.sort, Some(ViewSort { field: "updated_at".into(), desc: true }));
    let b = t
        .core
        .create_saved_view(SavedViewInput { filter: None, sort: None, ..view(ListEntity::Contact, "All mine") })
        .unwrap();
    assert_eq!((b.filter.clone(), b.sort.clone()), (None, None));
    t.core.create_saved_view(view(ListEntity::Deal, "Berlin deals")).unwrap_err();
    let listed: Vec<String> = t.core.saved_views(ListEntity::Contact).unwrap().into_iter().map(|v| v.name).collect();
    assert_eq!(listed, ["Berlin", "All mine"]);
    assert!(t.core.saved_views(ListEntity::Lead).unwrap().is_empty(), "each list has its own views");

    let renamed = t
        .core
        .update_saved_view(a.id, SavedViewInput { name: "Berliners".into(), ..view(ListEntity::Contact, "") })
        .unwrap();
    assert_eq!(renamed.name, "Berliners");
    assert_eq!(renamed.filter, a.filter);
    t.core.reorder_saved_views(vec![b.id, a.id]).unwrap();
    let listed: Vec<i64> = t.core.saved_views(ListEntity::Contact).unwrap().into_iter().map(|v| v.id).collect();
    assert_eq!(listed, [b.id, a.id]);
    // The stored filter runs as a list query.
    let q = PageQuery { filter: renamed.filter, ..Default::default() };
    assert_eq!(t.core.list_count(ListEntity::Contact, &q).unwrap(), 0);
}

#[test]
fn views_are_checked_against_their_list() {
    let t = support::open();
    let err = |input: SavedViewInput| {
        let e = t.core.create_saved_view(input).unwrap_err();
        assert_eq!(e.code(), "validation");
        e.field().unwrap_or_default().to_string()
    };
    assert_eq!(err(view(ListEntity::Contact, " ")), "name");
    t.core.create_saved_view(view(ListEntity::Contact, "Berlin")).unwrap();
    assert_eq!(err(view(ListEntity::Contact, "BERLIN")), "name", "names are unique per list, ignoring case");
    let bad_field = FilterGroup::Or(vec![FilterNode::Rule(FilterRule {
        field: "salary".into(),
        op: FilterOp::Gt,
        value: json!(1),
    })]);
    assert_eq!(err(SavedViewInput { filter: Some(bad_field), ..view(ListEntity::Contact, "x") }), "filter");
    let bad_sort = Some(ViewSort { field: "tags".into(), desc: false });
    assert_eq!(err(SavedViewInput { sort: bad_sort, ..view(ListEntity::Contact, "x") }), "sort");
    assert_eq!(err(SavedViewInput { columns: vec!["password".into()], ..view(ListEntity::Contact, "x") }), "columns");
    // Deals have no city, companies have no email.
    assert_eq!(err(view(ListEntity::Deal, "x")), "filter");
    assert_eq!(err(SavedViewInput { filter: None, ..view(ListEntity::Company, "x") }), "columns");
    assert_eq!(t.core.saved_views(ListEntity::Contact).unwrap().len(), 1, "nothing else saved");
}

#[test]
fn delete_and_restore() {
    let t = support::open();
    let v = t.core.create_saved_view(view(ListEntity::Lead, "Berlin leads")).unwrap();
    t.core.delete_saved_view(v.id).unwrap();
    assert!(t.core.saved_views(ListEntity::Lead).unwrap().is_empty());
    // Undo brings the view back as it was.
    let back = t.core.restore_saved_view(v.id).unwrap();
    assert_eq!((back.name, back.columns), (v.name, v.columns));
    assert_eq!(t.core.delete_saved_view(9999).unwrap_err().code(), "not_found");
}

#[test]
fn the_sample_views_read_back_as_filters() {
    let t = support::open();
    t.core.load_sample_data().unwrap();
    for entity in [ListEntity::Lead, ListEntity::Deal] {
        for v in t.core.saved_views(entity).unwrap() {
            let filter = v.filter.clone().expect("the sample's filter parses");
            let q = PageQuery {
                filter: Some(filter),
                sort: v.sort.as_ref().map(|s| s.field.clone()),
                ..Default::default()
            };
            t.core.list_count(entity, &q).unwrap_or_else(|e| panic!("{}: {e}", v.name));
        }
    }
    let qualified =
        t.core.saved_views(ListEntity::Lead).unwrap().into_iter().find(|v| v.name == "Qualified leads").unwrap();
    let q = PageQuery { filter: qualified.filter, ..Default::default() };
    let n = t.core.list_count(ListEntity::Lead, &q).unwrap();
    let all = t.core.contacts(&PageQuery { limit: Some(500), ..Default::default() }).unwrap().items;
    let expected = all
        .iter()
        .filter(|c| c.lead_status.map(|s| s.as_str()) == Some("qualified") && c.lifecycle.as_str() == "lead")
        .count();
    assert_eq!(n as usize, expected);
}
