//! Several pipelines with editable stages: create, rename, reorder, recolor, delete (moving deals first).
mod support;

use outpost_core::domain::{DealInput, PipelineDelete, RecordRef, StageDelete, StageInput, StageKind};

fn deal(t: &support::TestDb, title: &str, pipeline_id: i64, stage_id: i64) -> i64 {
    t.core
        .create_deal(DealInput {
            title: title.into(),
            pipeline_id: Some(pipeline_id),
            stage_id: Some(stage_id),
            value_cents: 100_000,
            ..Default::default()
        })
        .unwrap()
        .id
}

#[test]
fn pipelines_are_created_renamed_and_the_default_moves() {
    let t = support::open();
    let sales = t.core.pipelines().unwrap().remove(0);
    let partners = t.core.create_pipeline("  Partner   deals ").unwrap();
    assert_eq!(partners.name, "Partner deals");
    assert!(!partners.is_default);
    let kinds: Vec<StageKind> = partners.stages.iter().map(|s| s.kind).collect();
    assert_eq!(kinds.iter().filter(|k| **k == StageKind::Open).count(), 3);
    assert!(kinds.contains(&StageKind::Won) && kinds.contains(&StageKind::Lost));

    let dup = t.core.create_pipeline("partner DEALS").unwrap_err();
    assert_eq!((dup.code(), dup.field()), ("validation", Some("name")));
    assert_eq!(t.core.create_pipeline("  ").unwrap_err().field(), Some("name"));

    assert_eq!(t.core.rename_pipeline(partners.id, "Channel").unwrap().name, "Channel");
    assert_eq!(t.core.rename_pipeline(partners.id, "Sales").unwrap_err().field(), Some("name"));

    t.core.set_default_pipeline(partners.id).unwrap();
    let all = t.core.pipelines().unwrap();
    assert_eq!(all.iter().filter(|p| p.is_default).map(|p| p.id).collect::<Vec<_>>(), vec![partners.id]);
    // A deal with no pipeline named lands in the default one.
    let d = t.core.create_deal(DealInput { title: "Where?".into(), ..Default::default() }).unwrap();
    assert_eq!(d.pipeline_id, partners.id);
    assert_ne!(d.pipeline_id, sales.id);
}

#[test]
fn the_last_pipeline_stays_and_open_deals_move_before_a_pipeline_goes() {
    let t = support::open();
    let sales = t.core.pipelines().unwrap().remove(0);
    let last = t.core.delete_pipeline(PipelineDelete { pipeline_id: sales.id, move_open_deals_to: None }).unwrap_err();
    assert_eq!(last.code(), "conflict");

    let other = t.core.create_pipeline("Renewals").unwrap();
    let open_stage = other.stages.iter().find(|s| s.kind == StageKind::Open).unwrap().clone();
    let won = other.stages.iter().find(|s| s.kind == StageKind::Won).unwrap().clone();
    let a = deal(&t, "Open one", other.id, open_stage.id);
    let closed = deal(&t, "Closed one", other.id, won.id);

    let refused =
        t.core.delete_pipeline(PipelineDelete { pipeline_id: other.id, move_open_deals_to: None }).unwrap_err();
    assert_eq!((refused.code(), refused.field()), ("validation", Some("move_open_deals_to")));
    assert!(refused.to_string().contains("1 open deal"), "{refused}");
    let into_itself = t
        .core
        .delete_pipeline(PipelineDelete { pipeline_id: other.id, move_open_deals_to: Some(open_stage.id) })
        .unwrap_err();
    assert_eq!(into_itself.field(), Some("move_open_deals_to"));
    assert_eq!(t.core.pipelines().unwrap().len(), 2, "nothing deleted yet");

    let target = sales.stages.iter().find(|s| s.name == "Demo").unwrap();
    let removed =
        t.core.delete_pipeline(PipelineDelete { pipeline_id: other.id, move_open_deals_to: Some(target.id) }).unwrap();
    assert_eq!(removed.moved_deals, 1);
    let moved = t.core.deal(a).unwrap();
    assert_eq!((moved.pipeline_id, moved.stage_id), (sales.id, target.id));
    assert_eq!(t.core.stage_history(a).unwrap().last().unwrap(), &(Some("Qualified".to_string()), "Demo".to_string()));
    let timeline = t.core.timeline(RecordRef::Deal(a), None, 10).unwrap();
    assert!(timeline.iter().any(|i| i.kind == "stage_change" && i.meta["to_stage"] == "Demo"));
    assert_eq!(t.core.deal(closed).unwrap().pipeline_id, other.id, "won deals stay for the reports");
    let left = t.core.pipelines().unwrap();
    assert_eq!(left.len(), 1);
    assert!(left[0].is_default);
}

#[test]
fn stages_are_added_changed_and_checked() {
    let t = support::open();
    let sales = t.core.pipelines().unwrap().remove(0);
    let added = t
        .core
        .add_stage(
            sales.id,
            StageInput { name: Some("Trial".into()), probability: Some(35), color: Some("#0EA5E9".into()), kind: None },
        )
        .unwrap();
    assert_eq!((added.kind, added.color.as_str(), added.probability), (StageKind::Open, "#0ea5e9", 35));
    assert_eq!(added.position, sales.stages.iter().map(|s| s.position).max().unwrap() + 1);

    let bad = |input: StageInput| t.core.update_stage(added.id, input).unwrap_err().field().map(String::from);
    assert_eq!(bad(StageInput { color: Some("blue".into()), ..Default::default() }).as_deref(), Some("color"));
    assert_eq!(bad(StageInput { probability: Some(101), ..Default::default() }).as_deref(), Some("probability"));
    assert_eq!(bad(StageInput { name: Some("demo".into()), ..Default::default() }).as_deref(), Some("name"));

    let d = deal(&t, "Trial deal", sales.id, added.id);
    let renamed = t
        .core
        .update_stage(added.id, StageInput { name: Some("Pilot".into()), probability: Some(45), ..Default::default() })
        .unwrap();
    assert_eq!((renamed.name.as_str(), renamed.probability, renamed.color.as_str()), ("Pilot", 45, "#0ea5e9"));
    let deal_now = t.core.deal(d).unwrap();
    assert_eq!((deal_now.stage_name.as_str(), deal_now.probability), ("Pilot", 45));
    assert!(t.core.search("Pilot", 10).unwrap().iter().any(|h| h.id == d), "search knows the new stage name");

    // A stage holding deals keeps its kind.
    assert_eq!(bad(StageInput { kind: Some(StageKind::Won), ..Default::default() }).as_deref(), Some("kind"));
}

#[test]
fn a_pipeline_keeps_an_open_stage() {
    let t = support::open();
    let p = t.core.create_pipeline("Tiny").unwrap();
    let open: Vec<_> = p.stages.iter().filter(|s| s.kind == StageKind::Open).cloned().collect();
    for s in &open[1..] {
        t.core.delete_stage(StageDelete { stage_id: s.id, move_deals_to: None }).unwrap();
    }
    let only = &open[0];
    let err = t.core.delete_stage(StageDelete { stage_id: only.id, move_deals_to: None }).unwrap_err();
    assert_eq!(err.code(), "conflict");
    let err =
        t.core.update_stage(only.id, StageInput { kind: Some(StageKind::Lost), ..Default::default() }).unwrap_err();
    assert_eq!(err.field(), Some("kind"));
    assert_eq!(t.core.pipeline(p.id).unwrap().stages.len(), 3);
}

#[test]
fn stages_reorder_as_given() {
    let t = support::open();
    let sales = t.core.pipelines().unwrap().remove(0);
    let mut ids: Vec<i64> = sales.stages.iter().map(|s| s.id).collect();
    ids.swap(0, 1);
    let reordered = t.core.reorder_stages(sales.id, &ids).unwrap();
    assert_eq!(reordered.stages.iter().map(|s| s.id).collect::<Vec<_>>(), ids);
    assert_eq!(reordered.stages[0].name, "Qualified");
    assert_eq!(t.core.reorder_stages(sales.id, &ids[1..]).unwrap_err().field(), Some("stage_ids"));
}

#[test]
fn deleting_a_stage_moves_its_deals_with_history() {
    let t = support::open();
    let sales = t.core.pipelines().unwrap().remove(0);
    let demo = sales.stages.iter().find(|s| s.name == "Demo").unwrap().clone();
    let proposal = sales.stages.iter().find(|s| s.name == "Proposal").unwrap().clone();
    let a = deal(&t, "Alpha", sales.id, demo.id);
    let b = deal(&t, "Beta", sales.id, demo.id);
    let counts = t.core.stage_counts(sales.id).unwrap();
    assert_eq!(counts.iter().find(|c| c.stage_id == demo.id).unwrap().deals, 2);

    let err = t.core.delete_stage(StageDelete { stage_id: demo.id, move_deals_to: None }).unwrap_err();
    assert_eq!(err.field(), Some("move_deals_to"));
    let err = t.core.delete_stage(StageDelete { stage_id: demo.id, move_deals_to: Some(demo.id) }).unwrap_err();
    assert_eq!(err.field(), Some("move_deals_to"));

    let removed = t.core.delete_stage(StageDelete { stage_id: demo.id, move_deals_to: Some(proposal.id) }).unwrap();
    assert_eq!(removed.moved_deals, 2);
    for id in [a, b] {
        assert_eq!(t.core.deal(id).unwrap().stage_name, "Proposal");
        assert_eq!(t.core.stage_history(id).unwrap().last().unwrap(), &(Some("Demo".into()), "Proposal".into()));
        let timeline = t.core.timeline(RecordRef::Deal(id), None, 10).unwrap();
        assert!(timeline.iter().any(|i| i.kind == "stage_change" && i.meta["from_stage"] == "Demo"));
    }
    let after = t.core.pipeline(sales.id).unwrap();
    assert!(after.stages.iter().all(|s| s.id != demo.id));
    assert_eq!(t.core.open_deals(sales.id).unwrap().len(), 2);
}
