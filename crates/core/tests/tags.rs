//! Tags: names unique ignoring case, counts per entity over live records, a record's tags, rename and delete.
mod support;

use outpost_core::domain::{CompanyInput, ContactInput, Entity, PageQuery, RecordRef, TagInput};

fn tag(name: &str, color: Option<&str>) -> TagInput {
    TagInput { name: name.into(), color: color.map(Into::into) }
}

#[test]
fn names_and_colors_are_checked() {
    let t = support::open();
    let vip = t.core.create_tag(tag("  VIP   customer ", None)).unwrap();
    assert_eq!((vip.name.as_str(), vip.color.as_str()), ("VIP customer", "#64748b"));
    for (bad, field) in
        [(tag(" ", None), "name"), (tag("vip CUSTOMER", None), "name"), (tag("Hot", Some("red")), "color")]
    {
        let e = t.core.create_tag(bad).unwrap_err();
        assert_eq!(e.field(), Some(field), "{e}");
    }
    let renamed = t.core.update_tag(vip.id, tag("VIP", Some("#EAB308"))).unwrap();
    assert_eq!((renamed.name.as_str(), renamed.color.as_str()), ("VIP", "#eab308"));
    assert_eq!(t.core.tags(None).unwrap().len(), 1);
    assert_eq!(t.core.update_tag(999, tag("x", None)).unwrap_err().code(), "not_found");
}

#[test]
fn record_tags_counts_and_delete() {
    let t = support::open();
    let c = &t.core;
    let vip = c.create_tag(tag("VIP", None)).unwrap();
    let hot = c.create_tag(tag("Hot", Some("#ef4444"))).unwrap();
    let ada = c.create_contact(ContactInput { first_name: "Ada".into(), ..Default::default() }).unwrap();
    let bob = c.create_contact(ContactInput { first_name: "Bob".into(), ..Default::default() }).unwrap();
    let acme = c.create_company(CompanyInput { name: "Acme".into(), ..Default::default() }).unwrap();
    let tags = c.set_record_tags(RecordRef::Contact(ada.id), vec![vip.id, hot.id, vip.id]).unwrap();
    assert_eq!(tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["Hot", "VIP"]);
    c.set_record_tags(RecordRef::Contact(bob.id), vec![vip.id]).unwrap();
    c.set_record_tags(RecordRef::Company(acme.id), vec![vip.id]).unwrap();
    let count = |entity, id| c.tags(entity).unwrap().into_iter().find(|t| t.id == id).unwrap().count;
    assert_eq!(count(Some(Entity::Contact), vip.id), 2);
    assert_eq!(count(Some(Entity::Company), vip.id), 1);
    assert_eq!(count(None, vip.id), 3);
    c.delete_contacts(&[bob.id]).unwrap();
    assert_eq!(count(Some(Entity::Contact), vip.id), 1, "the Trash does not count");
    // Setting replaces: Ada keeps only Hot.
    c.set_record_tags(RecordRef::Contact(ada.id), vec![hot.id]).unwrap();
    assert_eq!(c.record_tags(RecordRef::Contact(ada.id)).unwrap().iter().map(|t| t.id).collect::<Vec<_>>(), [hot.id]);
    let e = c.set_record_tags(RecordRef::Contact(ada.id), vec![4242]).unwrap_err();
    assert_eq!(e.field(), Some("tags"));
    assert_eq!(c.set_record_tags(RecordRef::Deal(4242), vec![]).unwrap_err().code(), "not_found");
    // A rename shows in the list rows; a delete takes the tag off every record.
    c.update_tag(hot.id, tag("Warm", None)).unwrap();
    let row = c.contacts(&PageQuery::default()).unwrap().items.into_iter().find(|r| r.id == ada.id).unwrap();
    assert_eq!(row.tags[0].name, "Warm");
    c.delete_tag(hot.id).unwrap();
    assert!(c.record_tags(RecordRef::Contact(ada.id)).unwrap().is_empty());
    assert_eq!(c.tags(None).unwrap().len(), 1);
}
