//! Lists: the filter compiler (every operator, AND/OR, custom fields, tags, hostile input), sorts on any indexed
//! column paged by keyset, and the deals list.
mod support;

use chrono::{Days, Utc};
use outpost_core::domain::{
    ContactInput, CustomFieldInput, CustomValues, DealInput, DealStatus, Entity, FieldEntity, FieldType, FilterGroup,
    FilterNode, FilterOp, FilterRule, Lifecycle, ListEntity, PageQuery, RecordRef, TagInput,
};
use outpost_core::Outpost;
use serde_json::{json, Value};

fn rule(field: &str, op: FilterOp, value: Value) -> FilterNode {
    FilterNode::Rule(FilterRule { field: field.into(), op, value })
}

fn and(nodes: Vec<FilterNode>) -> FilterGroup {
    FilterGroup::And(nodes)
}

fn person(first: &str, city: Option<&str>, title: Option<&str>) -> ContactInput {
    ContactInput {
        first_name: first.into(),
        last_name: "Test".into(),
        city: city.map(Into::into),
        title: title.map(Into::into),
        ..Default::default()
    }
}

/// First names of the contacts a filter matches, by name.
fn names(core: &Outpost, filter: FilterGroup) -> Vec<String> {
    let q = PageQuery { filter: Some(filter), limit: Some(500), sort: Some("first_name".into()), ..Default::default() };
    let page = core.contacts(&q).unwrap();
    assert_eq!(core.list_count(ListEntity::Contact, &q).unwrap(), page.items.len() as i64, "count agrees");
    page.items.into_iter().map(|c| c.first_name).collect()
}

fn filter_error(core: &Outpost, filter: FilterGroup) -> String {
    let q = PageQuery { filter: Some(filter), ..Default::default() };
    let err = core.contacts(&q).unwrap_err();
    assert_eq!((err.code(), err.field()), ("validation", Some("filter")), "{err}");
    err.to_string()
}

/// Ada and Bob in Berlin (spelled two ways), Cy in Paris, Dee with no city; Ada is a lead.
fn four() -> support::TestDb {
    let t = support::open();
    let c = &t.core;
    c.create_contact(ContactInput { lifecycle: Some(Lifecycle::Lead), ..person("Ada", Some("Berlin"), Some("CEO")) })
        .unwrap();
    c.create_contact(person("Bob", Some("berlin"), Some("100% sure_thing"))).unwrap();
    c.create_contact(ContactInput { lifecycle: Some(Lifecycle::Customer), ..person("Cy", Some("Paris"), Some("CEO")) })
        .unwrap();
    c.create_contact(person("Dee", None, None)).unwrap();
    t
}

#[test]
fn text_operators() {
    let t = four();
    let c = &t.core;
    let city = |op, v| names(c, and(vec![rule("city", op, v)]));
    assert_eq!(city(FilterOp::Is, json!("BERLIN")), ["Ada", "Bob"], "is ignores case");
    assert_eq!(city(FilterOp::IsNot, json!("Berlin")), ["Cy", "Dee"], "is not includes the empty");
    assert_eq!(city(FilterOp::Contains, json!("ar")), ["Cy"]);
    assert_eq!(city(FilterOp::NotContains, json!("ar")), ["Ada", "Bob", "Dee"]);
    assert_eq!(city(FilterOp::StartsWith, json!("be")), ["Ada", "Bob"]);
    assert_eq!(city(FilterOp::IsEmpty, Value::Null), ["Dee"]);
    assert_eq!(city(FilterOp::IsNotEmpty, Value::Null), ["Ada", "Bob", "Cy"]);
    assert_eq!(city(FilterOp::AnyOf, json!(["paris", "Rome"])), ["Cy"]);
    // LIKE wildcards in the value are plain characters.
    let title = |op, v| names(c, and(vec![rule("title", op, v)]));
    assert_eq!(title(FilterOp::Contains, json!("%")), ["Bob"]);
    assert_eq!(title(FilterOp::Contains, json!("_")), ["Bob"]);
    assert_eq!(title(FilterOp::StartsWith, json!("C_O")), Vec::<String>::new());
    assert!(filter_error(c, and(vec![rule("city", FilterOp::Gt, json!("B"))])).contains("can't be filtered"));
    assert!(filter_error(c, and(vec![rule("city", FilterOp::Contains, json!(""))])).contains("City"));
}

#[test]
fn choice_number_and_date_operators() {
    let t = four();
    let c = &t.core;
    let lifecycle = |op, v| names(c, and(vec![rule("lifecycle", op, v)]));
    assert_eq!(lifecycle(FilterOp::Is, json!("lead")), ["Ada"]);
    assert_eq!(lifecycle(FilterOp::IsNot, json!("contact")), ["Ada", "Cy"]);
    assert_eq!(lifecycle(FilterOp::AnyOf, json!(["lead", "customer"])), ["Ada", "Cy"]);
    assert_eq!(lifecycle(FilterOp::NoneOf, json!(["lead"])), ["Bob", "Cy", "Dee"]);
    assert!(filter_error(c, and(vec![rule("lifecycle", FilterOp::Is, json!("boss"))])).contains("not one of"));
    assert_eq!(names(c, and(vec![rule("lead_status", FilterOp::Is, json!("new"))])), ["Ada"], "leads start new");

    let size = c
        .create_custom_field(CustomFieldInput {
            entity: FieldEntity::Contact,
            label: "Team size".into(),
            field_type: FieldType::Number,
            options: vec![],
            required: false,
        })
        .unwrap();
    let renewal = c
        .create_custom_field(CustomFieldInput {
            entity: FieldEntity::Contact,
            label: "Renewal".into(),
            field_type: FieldType::Date,
            options: vec![],
            required: false,
        })
        .unwrap();
    let today = Utc::now().date_naive();
    let soon = today.checked_add_days(Days::new(10)).unwrap().to_string();
    let past = today.checked_sub_days(Days::new(5)).unwrap().to_string();
    set_custom(c, "Ada", json!({ "team_size": 12, "renewal": soon }));
    set_custom(c, "Bob", json!({ "team_size": "3", "renewal": past }));
    set_custom(c, "Cy", json!({ "team_size": 40 }));
    let key = |k: &str| format!("custom.{k}");
    let n = |op, v| names(c, and(vec![rule(&key(&size.key), op, v)]));
    assert_eq!(n(FilterOp::Gt, json!(10)), ["Ada", "Cy"], "numbers compare as numbers, not text");
    assert_eq!(n(FilterOp::Lt, json!("12")), ["Bob"]);
    assert_eq!(n(FilterOp::Is, json!(40)), ["Cy"]);
    assert_eq!(n(FilterOp::IsNot, json!(40)), ["Ada", "Bob", "Dee"]);
    assert_eq!(n(FilterOp::IsEmpty, Value::Null), ["Dee"]);
    assert!(filter_error(c, and(vec![rule(&key(&size.key), FilterOp::Gt, json!("lots"))])).contains("number"));

    let d = |op, v| names(c, and(vec![rule(&key(&renewal.key), op, v)]));
    assert_eq!(d(FilterOp::Is, json!(soon)), ["Ada"]);
    assert_eq!(d(FilterOp::Before, json!(today.to_string())), ["Bob"]);
    assert_eq!(d(FilterOp::After, json!(today.to_string())), ["Ada"]);
    assert_eq!(d(FilterOp::InNextDays, json!(30)), ["Ada"]);
    assert_eq!(d(FilterOp::InLastDays, json!(7)), ["Bob"]);
    assert_eq!(d(FilterOp::InLastDays, json!(3)), Vec::<String>::new());
    assert!(filter_error(c, and(vec![rule(&key(&renewal.key), FilterOp::Before, json!("soon"))])).contains("date"));

    // Instants (created_at) compare by UTC day.
    let created = |op, v: String| names(c, and(vec![rule("created_at", op, json!(v))]));
    assert_eq!(created(FilterOp::Is, today.to_string()).len(), 4);
    assert_eq!(created(FilterOp::After, today.to_string()).len(), 0);
    assert_eq!(created(FilterOp::Before, today.checked_add_days(Days::new(1)).unwrap().to_string()).len(), 4);
}

fn set_custom(core: &Outpost, first: &str, custom: Value) {
    let page = core.contacts(&PageQuery { search: Some(first.into()), ..Default::default() }).unwrap();
    let id = page.items[0].id;
    let current = core.contact(id).unwrap();
    let custom: CustomValues = serde_json::from_value(custom).unwrap();
    core.update_contact(
        id,
        ContactInput {
            first_name: current.first_name,
            last_name: current.last_name,
            title: current.title,
            lifecycle: Some(current.lifecycle),
            lead_status: current.lead_status,
            city: current.city,
            custom,
            ..Default::default()
        },
    )
    .unwrap();
}

#[test]
fn and_or_groups_nest() {
    let t = four();
    let c = &t.core;
    let berlin_ceo = FilterNode::Group(and(vec![
        rule("city", FilterOp::Is, json!("Berlin")),
        rule("title", FilterOp::Is, json!("ceo")),
    ]));
    let either = FilterGroup::Or(vec![berlin_ceo.clone(), rule("city", FilterOp::Is, json!("Paris"))]);
    assert_eq!(names(c, either), ["Ada", "Cy"]);
    assert_eq!(names(c, and(vec![berlin_ceo])), ["Ada"]);
    assert_eq!(names(c, and(vec![])), ["Ada", "Bob", "Cy", "Dee"], "an empty filter keeps everything");
    assert_eq!(names(c, FilterGroup::Or(vec![FilterNode::Group(FilterGroup::And(vec![]))])).len(), 4);
    let mut deep = and(vec![rule("city", FilterOp::IsEmpty, Value::Null)]);
    for _ in 0..10 {
        deep = and(vec![FilterNode::Group(deep)]);
    }
    assert!(filter_error(c, deep).contains("deeply"));
}

#[test]
fn custom_choice_fields_filter_by_their_definition() {
    let t = four();
    let c = &t.core;
    let field = |label: &str, field_type, options: &[&str]| {
        c.create_custom_field(CustomFieldInput {
            entity: FieldEntity::Contact,
            label: label.into(),
            field_type,
            options: options.iter().map(|o| o.to_string()).collect(),
            required: false,
        })
        .unwrap()
    };
    let tier = field("Tier", FieldType::Select, &["Gold", "Silver"]);
    let langs = field("Languages", FieldType::Multiselect, &["German", "French", "English"]);
    let vip = field("VIP", FieldType::Bool, &[]);
    set_custom(c, "Ada", json!({ "tier": "gold", "languages": ["German", "English"], "vip": true }));
    set_custom(c, "Bob", json!({ "tier": "Silver", "languages": ["German"], "vip": false }));
    set_custom(c, "Cy", json!({ "languages": ["French"] }));
    let k = |f: &outpost_core::domain::CustomField| format!("custom.{}", f.key);
    let q = |f, op, v| names(c, and(vec![rule(&k(f), op, v)]));
    assert_eq!(q(&tier, FilterOp::Is, json!("GOLD")), ["Ada"]);
    assert_eq!(q(&tier, FilterOp::AnyOf, json!(["Gold", "Silver"])), ["Ada", "Bob"]);
    assert_eq!(q(&tier, FilterOp::IsEmpty, Value::Null), ["Cy", "Dee"]);
    assert!(filter_error(c, and(vec![rule(&k(&tier), FilterOp::Is, json!("Bronze"))])).contains("Bronze"));
    assert_eq!(q(&langs, FilterOp::Is, json!("german")), ["Ada", "Bob"]);
    assert_eq!(q(&langs, FilterOp::AnyOf, json!(["English", "French"])), ["Ada", "Cy"]);
    assert_eq!(q(&langs, FilterOp::NoneOf, json!(["German"])), ["Cy", "Dee"]);
    assert_eq!(q(&langs, FilterOp::IsEmpty, Value::Null), ["Dee"]);
    assert_eq!(q(&langs, FilterOp::IsNotEmpty, Value::Null), ["Ada", "Bob", "Cy"]);
    assert_eq!(q(&vip, FilterOp::Is, json!(true)), ["Ada"]);
    assert_eq!(q(&vip, FilterOp::Is, json!(false)), ["Bob"]);
    // A field of another entity, or one deleted, is not a field of this list.
    let other = c
        .create_custom_field(CustomFieldInput {
            entity: FieldEntity::Deal,
            label: "Tier".into(),
            field_type: FieldType::Text,
            options: vec![],
            required: false,
        })
        .unwrap();
    assert_eq!(other.key, "tier");
    c.delete_custom_field(tier.id).unwrap();
    assert!(filter_error(c, and(vec![rule("custom.tier", FilterOp::Is, json!("Gold"))])).contains("custom.tier"));
}

#[test]
fn tag_rules() {
    let t = four();
    let c = &t.core;
    let vip = c.create_tag(TagInput { name: "VIP".into(), color: None }).unwrap();
    let cold = c.create_tag(TagInput { name: "Cold".into(), color: Some("#0EA5E9".into()) }).unwrap();
    let id =
        |first: &str| c.contacts(&PageQuery { search: Some(first.into()), ..Default::default() }).unwrap().items[0].id;
    c.set_record_tags(RecordRef::Contact(id("Ada")), vec![vip.id]).unwrap();
    c.set_record_tags(RecordRef::Contact(id("Bob")), vec![vip.id, cold.id]).unwrap();
    c.set_record_tags(RecordRef::Contact(id("Cy")), vec![cold.id]).unwrap();
    let tags = |op, v| names(c, and(vec![rule("tags", op, v)]));
    assert_eq!(tags(FilterOp::Is, json!(vip.id)), ["Ada", "Bob"]);
    assert_eq!(tags(FilterOp::IsNot, json!(vip.id)), ["Cy", "Dee"]);
    assert_eq!(tags(FilterOp::AnyOf, json!([cold.id, 9999])), ["Bob", "Cy"]);
    assert_eq!(tags(FilterOp::NoneOf, json!([cold.id])), ["Ada", "Dee"]);
    assert_eq!(tags(FilterOp::IsEmpty, Value::Null), ["Dee"]);
    assert_eq!(tags(FilterOp::IsNotEmpty, Value::Null), ["Ada", "Bob", "Cy"]);
    let both = and(vec![rule("tags", FilterOp::Is, json!(vip.id)), rule("tags", FilterOp::Is, json!(cold.id))]);
    assert_eq!(names(c, both), ["Bob"]);
    // Rows carry their tags as chips, by name.
    let bob = c.contacts(&PageQuery { search: Some("Bob".into()), ..Default::default() }).unwrap().items.remove(0);
    assert_eq!(bob.tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["Cold", "VIP"]);
    assert_eq!(bob.tags[0].color, "#0ea5e9");
    assert!(filter_error(c, and(vec![rule("tags", FilterOp::Is, json!("VIP"))])).contains("tag"));
}

#[test]
fn hostile_input_is_rejected_or_inert() {
    let t = four();
    let c = &t.core;
    for field in ["city; DROP TABLE contacts", "c.city", "1=1) OR (1", "custom.x') OR 1=1 --", "custom.", ""] {
        let msg = filter_error(c, and(vec![rule(field, FilterOp::Is, json!("x"))]));
        assert!(msg.contains("no field"), "{field}: {msg}");
    }
    for value in ["' OR 1=1 --", "Berlin' OR 'a'='a", "\"); DROP TABLE contacts; --", "%"] {
        assert_eq!(names(c, and(vec![rule("city", FilterOp::Is, json!(value))])), Vec::<String>::new(), "{value}");
    }
    assert_eq!(names(c, and(vec![rule("city", FilterOp::Contains, json!("' OR 1=1 --"))])), Vec::<String>::new());
    let err = c.contacts(&PageQuery { sort: Some("city DESC; DROP TABLE contacts".into()), ..Default::default() });
    assert_eq!(err.unwrap_err().field(), Some("sort"));
    let err = c.contacts(&PageQuery { sort: Some("phone".into()), ..Default::default() }).unwrap_err();
    assert_eq!(err.field(), Some("sort"), "only indexed columns sort: {err}");
    // A filter arriving as JSON from the UI or a saved view goes through the same whitelist.
    let parsed: FilterGroup =
        serde_json::from_value(json!({ "or": [{ "field": "city", "op": "is", "value": "Paris" }] })).unwrap();
    assert_eq!(names(c, parsed), ["Cy"]);
    assert!(serde_json::from_value::<FilterGroup>(json!({ "and": [{ "field": "city", "op": "drop" }] })).is_err());
    assert_eq!(c.stats().unwrap().contacts + c.stats().unwrap().leads, 4, "the table is intact");
}

/// Pages of `limit` through a whole sorted, filtered list: every match once, in the one-page order.
fn walk(core: &Outpost, entity: ListEntity, q: PageQuery, limit: u32) -> Vec<i64> {
    let page = |q: &PageQuery| -> (Vec<i64>, Option<String>) {
        match entity {
            ListEntity::Deal => {
                let p = core.deals_page(q).unwrap();
                (p.items.iter().map(|r| r.id).collect(), p.next_cursor)
            }
            ListEntity::Company => {
                let p = core.companies(q).unwrap();
                (p.items.iter().map(|r| r.id).collect(), p.next_cursor)
            }
            _ => {
                let p = core.contacts(q).unwrap();
                (p.items.iter().map(|r| r.id).collect(), p.next_cursor)
            }
        }
    };
    let mut ids = Vec::new();
    let mut cursor = None;
    loop {
        let (items, next) = page(&PageQuery { cursor: cursor.clone(), limit: Some(limit), ..q.clone() });
        ids.extend(items);
        match next {
            Some(n) => cursor = Some(n),
            None => break,
        }
    }
    let (all, _) = page(&PageQuery { limit: Some(500), ..q.clone() });
    assert_eq!(ids, all, "{:?} {:?} desc={:?}: pages agree with one page", q.sort, q.filter, q.desc);
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "each record once");
    ids
}

#[test]
fn every_sortable_column_pages_by_keyset_with_nulls_and_filters() {
    let t = support::open();
    t.core.load_sample_data().unwrap();
    // Give some contacts a city and blank some titles, so NULLs and repeated values sit among the keys.
    let page = t.core.contacts(&PageQuery { limit: Some(500), ..Default::default() }).unwrap();
    let set = |ids: Vec<i64>, field: &str, value: Value| {
        t.core
            .bulk_edit(outpost_core::domain::BulkEdit {
                entity: FieldEntity::Contact,
                ids,
                change: outpost_core::domain::BulkChange::SetField { field: field.into(), value },
            })
            .unwrap()
    };
    let every =
        |n: usize, r: usize| page.items.iter().enumerate().filter(|(i, _)| i % n == r).map(|(_, c)| c.id).collect();
    set(every(3, 0), "city", json!("Berlin"));
    set(every(5, 1), "city", json!("paris"));
    set(every(4, 2), "title", Value::Null);
    let total = t.core.list_count(ListEntity::Contact, &PageQuery::default()).unwrap();
    let sortable: Vec<String> = t
        .core
        .list_fields(ListEntity::Contact)
        .unwrap()
        .into_iter()
        .filter(|f| f.sortable && !f.custom)
        .map(|f| f.key)
        .collect();
    for key in
        ["title", "city", "country", "lifecycle", "lead_status", "lead_source", "name", "score", "email", "company"]
    {
        assert!(sortable.contains(&key.to_string()), "{key} sorts");
    }
    for sort in &sortable {
        for desc in [false, true] {
            let q = PageQuery { sort: Some(sort.clone()), desc: Some(desc), ..Default::default() };
            assert_eq!(walk(&t.core, ListEntity::Contact, q, 7).len() as i64, total, "{sort}");
        }
    }
    let berlin_or_none = FilterGroup::Or(vec![
        rule("city", FilterOp::IsEmpty, Value::Null),
        rule("lifecycle", FilterOp::Is, json!("lead")),
    ]);
    let q = PageQuery { filter: Some(berlin_or_none), sort: Some("title".into()), ..Default::default() };
    let n = t.core.list_count(ListEntity::Contact, &q).unwrap();
    assert!(n > 10 && n < total, "{n} of {total}");
    assert_eq!(walk(&t.core, ListEntity::Contact, q.clone(), 4).len() as i64, n);
    assert_eq!(walk(&t.core, ListEntity::Contact, PageQuery { desc: Some(true), ..q }, 4).len() as i64, n);
    assert_eq!(
        t.core.list_ids(ListEntity::Lead, &PageQuery::default()).unwrap().len() as i64,
        t.core.stats().unwrap().leads
    );
    for sort in ["name", "industry", "city", "country", "created_at", "updated_at"] {
        let q = PageQuery { sort: Some(sort.into()), desc: Some(true), ..Default::default() };
        assert_eq!(walk(&t.core, ListEntity::Company, q, 5).len() as i64, t.core.stats().unwrap().companies);
    }
}

#[test]
fn the_deals_list_narrows_by_pipeline_and_status_and_sorts() {
    let t = support::open();
    t.core.load_sample_data().unwrap();
    let pipeline = t.core.pipelines().unwrap().remove(0).id;
    let all = t.core.stats().unwrap().deals;
    for sort in ["title", "value", "expected_close", "status", "created_at", "updated_at"] {
        for desc in [false, true] {
            let q = PageQuery { sort: Some(sort.into()), desc: Some(desc), ..Default::default() };
            assert_eq!(walk(&t.core, ListEntity::Deal, q, 9).len() as i64, all, "{sort}");
        }
    }
    let open = PageQuery { deal_status: Some(DealStatus::Open), pipeline_id: Some(pipeline), ..Default::default() };
    let n = t.core.list_count(ListEntity::Deal, &open).unwrap();
    assert_eq!(n as usize, t.core.open_deals(pipeline).unwrap().len());
    let page = t.core.deals_page(&PageQuery { sort: Some("value".into()), desc: Some(true), ..open.clone() }).unwrap();
    assert!(page.items.iter().all(|d| d.status == DealStatus::Open));
    assert!(page.items.windows(2).all(|w| w[0].value_cents >= w[1].value_cents), "by value, largest first");
    let none = PageQuery { pipeline_id: Some(pipeline + 1000), ..Default::default() };
    assert_eq!(t.core.list_count(ListEntity::Deal, &none).unwrap(), 0);
    // A new deal shows its stage, pipeline and value; "value > 1000" filters in cents.
    let d =
        t.core.create_deal(DealInput { title: "Zeppelin".into(), value_cents: 250_000, ..Default::default() }).unwrap();
    let big = and(vec![rule("value", FilterOp::Gt, json!(200_000)), rule("title", FilterOp::StartsWith, json!("zep"))]);
    let rows = t.core.deals_page(&PageQuery { filter: Some(big), ..Default::default() }).unwrap().items;
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].id, rows[0].stage_name.as_str(), rows[0].pipeline_id), (d.id, d.stage_name.as_str(), pipeline));
    let stage = and(vec![rule("stage", FilterOp::Is, json!(d.stage_id.to_string()))]);
    assert!(t
        .core
        .deals_page(&PageQuery { filter: Some(stage), ..Default::default() })
        .unwrap()
        .items
        .iter()
        .any(|r| r.id == d.id));
}

#[test]
fn list_fields_describe_builtins_and_custom_fields() {
    let t = support::open();
    let tier = t
        .core
        .create_custom_field(CustomFieldInput {
            entity: FieldEntity::Company,
            label: "Tier".into(),
            field_type: FieldType::Select,
            options: vec!["Gold".into()],
            required: false,
        })
        .unwrap();
    let fields = t.core.list_fields(ListEntity::Company).unwrap();
    let custom = fields.iter().find(|f| f.key == format!("custom.{}", tier.key)).unwrap();
    assert!(custom.custom && custom.editable && custom.sortable);
    assert_eq!(custom.options[0].value, "Gold");
    assert!(custom.operators.contains(&FilterOp::AnyOf));
    let name = fields.iter().find(|f| f.key == "name").unwrap();
    assert!(name.sortable && name.editable && name.operators.contains(&FilterOp::Contains));
    let contacts = fields.iter().find(|f| f.key == "contacts").unwrap();
    assert!(!contacts.sortable && !contacts.editable);
    let deal_fields = t.core.list_fields(ListEntity::Deal).unwrap();
    let stage = deal_fields.iter().find(|f| f.key == "stage").unwrap();
    assert!(!stage.options.is_empty(), "stages are the choices");
    assert_eq!(
        t.core.list_fields(ListEntity::Lead).unwrap().len(),
        t.core.list_fields(ListEntity::Contact).unwrap().len()
    );
    let _ = Entity::Contact;
}

/// A filtered list keeps its matches between its count and its pages (`store::lists::matches`); every write,
/// from this process or another, must show on the next page and count all the same.
#[test]
fn filtered_pages_and_counts_follow_every_write() {
    let t = four();
    let berlin = and(vec![rule("city", FilterOp::Is, json!("Berlin"))]);
    let q = PageQuery { filter: Some(berlin.clone()), sort: Some("first_name".into()), ..Default::default() };
    assert_eq!(names(&t.core, berlin.clone()), ["Ada", "Bob"]);

    // Written through this process's pool.
    let eve = t.core.create_contact(person("Eve", Some("Berlin"), None)).unwrap();
    assert_eq!(names(&t.core, berlin.clone()), ["Ada", "Bob", "Eve"]);

    // Written by another process: a second handle on the same file.
    let other = support::reopen(&t.path()).unwrap();
    other.create_contact(person("Fay", Some("BERLIN"), None)).unwrap();
    other.delete_contacts(&[eve.id]).unwrap();
    assert_eq!(names(&t.core, berlin.clone()), ["Ada", "Bob", "Fay"]);

    // Pages of one row walk the same kept set in order, and the count agrees, across many filters in turn
    // (more than the sets kept per connection).
    for city in ["Paris", "Rome", "Oslo", "Lima", "Berlin"] {
        let q = PageQuery { filter: Some(and(vec![rule("city", FilterOp::Is, json!(city))])), ..q.clone() };
        let n = t.core.list_count(ListEntity::Contact, &q).unwrap();
        assert_eq!(walk(&t.core, ListEntity::Contact, q, 1).len() as i64, n, "{city}");
    }
    assert_eq!(t.core.list_count(ListEntity::Contact, &q).unwrap(), 3);
}
