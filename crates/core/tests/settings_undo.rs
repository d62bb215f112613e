//! Undo for the deletes of Settings items: a tag comes back on its records, a stage or pipeline comes back with
//! the deals its delete moved, whose history then reads as if they had never moved.
mod support;

use outpost_core::domain::{
    ContactInput, Deal, DealInput, DealMove, Entity, PipelineDelete, RecordRef, StageDelete, StageKind, TagInput,
};

fn deal(t: &support::TestDb, title: &str, pipeline_id: i64, stage_id: i64) -> i64 {
    let input = DealInput {
        title: title.into(),
        pipeline_id: Some(pipeline_id),
        stage_id: Some(stage_id),
        value_cents: 100_000,
        ..Default::default()
    };
    t.core.create_deal(input).unwrap().id
}

/// A deal, its stage history (from, to) and its timeline's kinds.
type DealState = (Deal, Vec<(Option<String>, String)>, Vec<String>);

/// What a deal's place and history look like, to compare before a delete and after its undo.
fn state(t: &support::TestDb, id: i64) -> DealState {
    let timeline = t.core.timeline(RecordRef::Deal(id), None, 50).unwrap();
    (t.core.deal(id).unwrap(), t.core.stage_history(id).unwrap(), timeline.into_iter().map(|i| i.kind).collect())
}

fn same_place(a: &Deal, b: &Deal) {
    assert_eq!(
        (a.pipeline_id, a.stage_id, &a.stage_name, a.position, &a.stage_changed_at, a.status),
        (b.pipeline_id, b.stage_id, &b.stage_name, b.position, &b.stage_changed_at, b.status),
        "deal {}",
        a.title
    );
}

#[test]
fn a_deleted_tag_comes_back_on_its_records_once() {
    let t = support::open();
    let c = &t.core;
    let vip = c.create_tag(TagInput { name: "VIP".into(), color: Some("#eab308".into()) }).unwrap();
    let ada = c.create_contact(ContactInput { first_name: "Ada".into(), ..Default::default() }).unwrap();
    let bob = c.create_contact(ContactInput { first_name: "Bob".into(), ..Default::default() }).unwrap();
    c.set_record_tags(RecordRef::Contact(ada.id), vec![vip.id]).unwrap();
    c.set_record_tags(RecordRef::Contact(bob.id), vec![vip.id]).unwrap();
    c.delete_contacts(&[bob.id]).unwrap();

    let deleted = c.delete_tag(vip.id).unwrap();
    assert_eq!(deleted.untagged, 2, "the record in the Trash loses it too");
    assert!(c.tags(None).unwrap().is_empty());

    c.undo_settings_delete(deleted.undo_token).unwrap();
    let back = c.tags(Some(Entity::Contact)).unwrap();
    assert_eq!(
        back.iter().map(|t| (t.id, t.name.as_str(), t.color.as_str(), t.count)).collect::<Vec<_>>(),
        [(vip.id, "VIP", "#eab308", 1)],
        "same id (saved views name it), one live record"
    );
    assert_eq!(c.record_tags(RecordRef::Contact(ada.id)).unwrap()[0].id, vip.id);
    c.restore_from_trash(&[RecordRef::Contact(bob.id)]).unwrap();
    assert_eq!(c.record_tags(RecordRef::Contact(bob.id)).unwrap()[0].id, vip.id);
    assert_eq!(c.undo_settings_delete(deleted.undo_token).unwrap_err().code(), "conflict", "undone once");

    // A tag of the same name made in between blocks the undo, saying why.
    let again = c.delete_tag(vip.id).unwrap();
    c.create_tag(TagInput { name: "vip".into(), color: None }).unwrap();
    let err = c.undo_settings_delete(again.undo_token).unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert!(err.to_string().contains("vip") || err.to_string().contains("VIP"), "{err}");
    assert_eq!(c.undo_settings_delete(9999).unwrap_err().code(), "not_found");
}

#[test]
fn undoing_a_stage_delete_puts_its_deals_back_with_their_history() {
    let t = support::open();
    let sales = t.core.pipelines().unwrap().remove(0);
    let stage = |name: &str| sales.stages.iter().find(|s| s.name == name).unwrap().clone();
    let (demo, proposal, lead_in) = (stage("Demo"), stage("Proposal"), stage("Lead in"));
    let a = deal(&t, "Alpha", sales.id, demo.id);
    let b = deal(&t, "Beta", sales.id, demo.id);
    let c = deal(&t, "Gamma", sales.id, demo.id);
    let trashed = deal(&t, "Trashed", sales.id, demo.id);
    let stays = deal(&t, "Already in Proposal", sales.id, proposal.id);
    // Beta goes first in the column, so positions matter.
    t.core.move_deal(DealMove { deal_id: b, stage_id: demo.id, position: Some(-10.0), reason: None }).unwrap();
    t.core.delete_deals(&[trashed]).unwrap();
    let before: Vec<_> = [a, b, c, stays].iter().map(|&id| state(&t, id)).collect();

    let removed = t.core.delete_stage(StageDelete { stage_id: demo.id, move_deals_to: Some(proposal.id) }).unwrap();
    assert_eq!(removed.moved_deals, 3);
    // The rep moves Gamma on before undoing: it stays where they put it.
    t.core.move_deal(DealMove { deal_id: c, stage_id: lead_in.id, position: None, reason: None }).unwrap();
    let gamma_moved = state(&t, c);

    let restored = t.core.undo_settings_delete(removed.undo_token).unwrap();
    assert_eq!((restored.moved_back, restored.stayed), (2, 1));
    let pipeline = t.core.pipeline(sales.id).unwrap();
    assert_eq!(pipeline.stages.iter().map(|s| s.name.as_str()).collect::<Vec<_>>()[2], "Demo", "back in its place");
    for (i, id) in [a, b, stays].into_iter().enumerate() {
        let now = state(&t, id);
        let then = &before[if i == 2 { 3 } else { i }];
        same_place(&now.0, &then.0);
        assert_eq!(now.1, then.1, "stage history of {id} as before the delete");
        assert_eq!(now.2, then.2, "timeline of {id} as before the delete");
    }
    let gamma = state(&t, c);
    same_place(&gamma.0, &gamma_moved.0);
    assert_eq!(gamma.1, gamma_moved.1, "a deal moved since keeps its history");
    let board: Vec<i64> =
        t.core.open_deals(sales.id).unwrap().into_iter().filter(|d| d.stage_id == demo.id).map(|d| d.id).collect();
    assert_eq!(board, [b, a], "column order kept");
    t.core.restore_from_trash(&[RecordRef::Deal(trashed)]).unwrap();
    assert_eq!(t.core.deal(trashed).unwrap().stage_id, demo.id, "the deal in the Trash followed its stage back");
    assert_eq!(t.core.undo_settings_delete(removed.undo_token).unwrap_err().code(), "conflict");
}

#[test]
fn undoing_a_pipeline_delete_brings_back_the_default_and_its_open_deals() {
    let t = support::open();
    let sales = t.core.pipelines().unwrap().remove(0);
    let renewals = t.core.create_pipeline("Renewals").unwrap();
    t.core.set_default_pipeline(renewals.id).unwrap();
    let open = renewals.stages.iter().find(|s| s.kind == StageKind::Open).unwrap().clone();
    let won = renewals.stages.iter().find(|s| s.kind == StageKind::Won).unwrap().clone();
    let a = deal(&t, "Open renewal", renewals.id, open.id);
    let closed = deal(&t, "Won renewal", renewals.id, won.id);
    let before = state(&t, a);

    let target = sales.stages.iter().find(|s| s.kind == StageKind::Open).unwrap().id;
    let removed =
        t.core.delete_pipeline(PipelineDelete { pipeline_id: renewals.id, move_open_deals_to: Some(target) }).unwrap();
    assert_eq!(removed.moved_deals, 1);
    assert_eq!(t.core.deal(a).unwrap().pipeline_id, sales.id);
    assert!(t.core.pipelines().unwrap().iter().find(|p| p.id == sales.id).unwrap().is_default);

    let restored = t.core.undo_settings_delete(removed.undo_token).unwrap();
    assert_eq!(restored.moved_back, 1);
    let all = t.core.pipelines().unwrap();
    assert_eq!(all.iter().filter(|p| p.is_default).map(|p| p.id).collect::<Vec<_>>(), [renewals.id]);
    let after = state(&t, a);
    same_place(&after.0, &before.0);
    assert_eq!((after.1, after.2), (before.1, before.2));
    assert_eq!(t.core.deal(closed).unwrap().pipeline_id, renewals.id);
    assert_eq!(t.core.open_deals(sales.id).unwrap().len(), 0);
}
