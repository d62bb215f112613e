//! Moving deals on the board: history, timeline, won/lost, undo.
mod support;

use outpost_core::domain::{DealMove, DealStatus, StageKind};

fn setup() -> (support::TestDb, i64) {
    let t = support::open();
    t.core.load_sample_data().unwrap();
    let pipeline = t.core.pipelines().unwrap()[0].id;
    (t, pipeline)
}

#[test]
fn a_move_writes_stage_history_and_a_timeline_entry() {
    let (t, pipeline) = setup();
    let stages = &t.core.pipelines().unwrap()[0].stages;
    let deal = t.core.open_deals(pipeline).unwrap().into_iter().find(|d| d.stage_name == "Lead in").unwrap();
    let before_activities = t.core.stats().unwrap().activities;
    let demo = stages.iter().find(|s| s.name == "Demo").unwrap();

    let moved =
        t.core.move_deal(DealMove { deal_id: deal.id, stage_id: demo.id, position: None, reason: None }).unwrap();
    assert_eq!(moved.deal.stage_name, "Demo");
    assert_eq!(moved.deal.probability, 40, "probability follows the stage");
    assert_eq!(moved.from_stage_id, deal.stage_id);
    assert!(moved.deal.stage_changed_at > deal.stage_changed_at);
    let history = t.core.stage_history(deal.id).unwrap();
    assert_eq!(history.last().unwrap(), &(Some("Lead in".to_string()), "Demo".to_string()));
    assert_eq!(t.core.stats().unwrap().activities, before_activities + 1);

    // Reordering inside the column is not a stage change.
    let again =
        t.core.move_deal(DealMove { deal_id: deal.id, stage_id: demo.id, position: Some(0.5), reason: None }).unwrap();
    assert_eq!(again.deal.position, 0.5);
    assert_eq!(t.core.stage_history(deal.id).unwrap().len(), history.len());
    assert_eq!(t.core.stats().unwrap().activities, before_activities + 1);
}

#[test]
fn lost_needs_a_reason_and_closes_the_deal_and_undo_reopens_it() {
    let (t, pipeline) = setup();
    let stages = t.core.pipelines().unwrap()[0].stages.clone();
    let lost = stages.iter().find(|s| s.kind == StageKind::Lost).unwrap();
    let deal = t.core.open_deals(pipeline).unwrap().remove(0);

    let err = t
        .core
        .move_deal(DealMove { deal_id: deal.id, stage_id: lost.id, position: None, reason: Some(" ".into()) })
        .unwrap_err();
    assert_eq!((err.code(), err.field()), ("validation", Some("reason")));
    assert_eq!(t.core.deal(deal.id).unwrap().stage_id, deal.stage_id, "nothing changed");

    let moved = t
        .core
        .move_deal(DealMove {
            deal_id: deal.id,
            stage_id: lost.id,
            position: None,
            reason: Some("Went with a competitor".into()),
        })
        .unwrap();
    assert_eq!(moved.deal.status, DealStatus::Lost);
    assert_eq!(moved.deal.loss_reason.as_deref(), Some("Went with a competitor"));
    assert!(!t.core.open_deals(pipeline).unwrap().iter().any(|d| d.id == deal.id));

    // Undo: back where it was, open again, reason cleared.
    let back = t
        .core
        .move_deal(DealMove {
            deal_id: deal.id,
            stage_id: moved.from_stage_id,
            position: Some(moved.from_position),
            reason: moved.from_reason,
        })
        .unwrap();
    assert_eq!(back.deal.status, DealStatus::Open);
    assert_eq!(back.deal.stage_id, deal.stage_id);
    assert_eq!(back.deal.position, deal.position);
    assert_eq!(back.deal.loss_reason, None);
}

#[test]
fn a_stage_of_another_pipeline_or_unknown_name_is_refused() {
    let (t, pipeline) = setup();
    let deal = t.core.open_deals(pipeline).unwrap().remove(0);
    let err =
        t.core.move_deal(DealMove { deal_id: deal.id, stage_id: 9999, position: None, reason: None }).unwrap_err();
    assert_eq!(err.field(), Some("stage_id"));
    assert_eq!(t.core.resolve_stage(deal.id, "  negoTIATION ").unwrap(), {
        let stages = &t.core.pipelines().unwrap()[0].stages;
        stages.iter().find(|s| s.name == "Negotiation").unwrap().id
    });
    let err = t.core.resolve_stage(deal.id, "Signed").unwrap_err();
    assert!(err.to_string().contains("Lead in, Qualified"), "{err}");
}

#[test]
fn create_a_deal_in_the_first_stage_with_a_timeline_entry() {
    use outpost_core::domain::DealInput;
    let (t, pipeline) = setup();
    let before = t.core.stats().unwrap();
    let deal = t
        .core
        .create_deal(DealInput {
            title: "  Acme — 50 seats ".into(),
            value_cents: 1_250_000,
            currency: Some("eur".into()),
            expected_close: Some("2027-01-31".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(deal.title, "Acme — 50 seats");
    assert_eq!((deal.pipeline_id, deal.stage_name.as_str()), (pipeline, "Lead in"));
    assert_eq!((deal.currency.as_str(), deal.probability), ("EUR", 10));
    let after = t.core.stats().unwrap();
    assert_eq!((after.deals, after.activities), (before.deals + 1, before.activities + 1));
    assert_eq!(t.core.stage_history(deal.id).unwrap(), vec![(None, "Lead in".to_string())]);
    assert_eq!(t.core.search("acme seats", 5).unwrap()[0].id, deal.id);

    for (bad, field) in [
        (DealInput { title: " ".into(), ..Default::default() }, "title"),
        (DealInput { title: "x".into(), value_cents: -1, ..Default::default() }, "value_cents"),
        (DealInput { title: "x".into(), probability: Some(101), ..Default::default() }, "probability"),
        (DealInput { title: "x".into(), currency: Some("dollars".into()), ..Default::default() }, "currency"),
        (
            DealInput { title: "x".into(), expected_close: Some("31/01/2027".into()), ..Default::default() },
            "expected_close",
        ),
        (DealInput { title: "x".into(), stage_id: Some(9999), ..Default::default() }, "stage_id"),
        (DealInput { title: "x".into(), contact_id: Some(9999), ..Default::default() }, "contact_id"),
    ] {
        assert_eq!(t.core.create_deal(bad).unwrap_err().field(), Some(field));
    }
    assert_eq!(t.core.stats().unwrap().deals, after.deals, "nothing saved on bad input");
}
