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

fn edit_of(deal: &outpost_core::domain::Deal) -> outpost_core::domain::DealEdit {
    outpost_core::domain::DealEdit {
        title: deal.title.clone(),
        company_id: deal.company_id,
        contact_id: deal.contact_id,
        value_cents: deal.value_cents,
        currency: Some(deal.currency.clone()),
        probability: deal.probability_set.then_some(deal.probability),
        expected_close: deal.expected_close.clone(),
        custom: serde_json::from_value(deal.custom.clone()).unwrap(),
    }
}

#[test]
fn edit_a_deal_without_touching_its_stage() {
    let (t, pipeline) = setup();
    let deal = t.core.open_deals(pipeline).unwrap().remove(0);
    let history = t.core.deal_stage_history(deal.id).unwrap();
    assert_eq!(history.last().unwrap().to_stage, deal.stage_name);

    let edited = t
        .core
        .update_deal(
            deal.id,
            outpost_core::domain::DealEdit {
                title: " Bigger deal ".into(),
                value_cents: 9_900_000,
                currency: Some("eur".into()),
                probability: Some(75),
                expected_close: Some("2027-03-31".into()),
                contact_id: None,
                ..edit_of(&deal)
            },
        )
        .unwrap();
    assert_eq!(
        (edited.title.as_str(), edited.value_cents, edited.currency.as_str()),
        ("Bigger deal", 9_900_000, "EUR")
    );
    assert_eq!((edited.probability, edited.probability_set), (75, true));
    assert_eq!((edited.stage_id, edited.contact_id), (deal.stage_id, None));
    assert_eq!(edited.expected_close.as_deref(), Some("2027-03-31"));
    assert_eq!(t.core.deal_stage_history(deal.id).unwrap().len(), history.len(), "no stage change");
    assert_eq!(t.core.search("bigger", 5).unwrap()[0].id, deal.id);

    // Clearing the override falls back to the stage's probability.
    let back =
        t.core.update_deal(deal.id, outpost_core::domain::DealEdit { probability: None, ..edit_of(&edited) }).unwrap();
    assert_eq!((back.probability, back.probability_set), (back.stage_probability, false));

    for (bad, field) in [
        (outpost_core::domain::DealEdit { title: "".into(), ..edit_of(&back) }, "title"),
        (outpost_core::domain::DealEdit { value_cents: -5, ..edit_of(&back) }, "value_cents"),
        (outpost_core::domain::DealEdit { probability: Some(140), ..edit_of(&back) }, "probability"),
        (outpost_core::domain::DealEdit { expected_close: Some("soon".into()), ..edit_of(&back) }, "expected_close"),
        (outpost_core::domain::DealEdit { company_id: Some(99_999), ..edit_of(&back) }, "company_id"),
    ] {
        assert_eq!(t.core.update_deal(deal.id, bad).unwrap_err().field(), Some(field));
    }
    assert_eq!(t.core.deal(deal.id).unwrap().title, "Bigger deal", "nothing saved on bad input");
}

#[test]
fn deal_custom_values_are_checked_on_create_and_edit() {
    use outpost_core::domain::{CustomFieldInput, DealInput, FieldEntity, FieldType};
    let (t, _) = setup();
    t.core
        .create_custom_field(CustomFieldInput {
            entity: FieldEntity::Deal,
            label: "Seats".into(),
            field_type: FieldType::Number,
            options: vec![],
            required: true,
        })
        .unwrap();
    let before = t.core.stats().unwrap().deals;
    let err = t.core.create_deal(DealInput { title: "x".into(), ..Default::default() }).unwrap_err();
    assert_eq!(err.field(), Some("custom.seats"));
    let deal = t
        .core
        .create_deal(DealInput {
            title: "x".into(),
            custom: serde_json::from_value(serde_json::json!({ "seats": "25" })).unwrap(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(deal.custom["seats"], 25.0);
    assert_eq!(t.core.stats().unwrap().deals, before + 1);

    let mut edit = edit_of(&deal);
    edit.custom.insert("seats".into(), "many".into());
    assert_eq!(t.core.update_deal(deal.id, edit).unwrap_err().field(), Some("custom.seats"));
    let mut edit = edit_of(&deal);
    edit.custom.insert("seats".into(), 30.into());
    assert_eq!(t.core.update_deal(deal.id, edit).unwrap().custom["seats"], 30.0);
}

#[test]
fn deleted_deals_leave_the_board_and_dashboard_until_restored() {
    let (t, pipeline) = setup();
    let board = t.core.open_deals(pipeline).unwrap();
    let deal = board[0].clone();
    let open_value = |t: &support::TestDb| -> i64 {
        t.core.dashboard(Some(pipeline), chrono::Utc::now()).unwrap().by_stage.iter().map(|s| s.value_cents).sum()
    };
    let value_before = open_value(&t);

    t.core.delete_deals(&[deal.id]).unwrap();
    assert!(t.core.open_deals(pipeline).unwrap().iter().all(|d| d.id != deal.id), "off the board");
    assert_eq!(open_value(&t), value_before - deal.value_cents, "off the dashboard");
    assert_eq!(t.core.deal(deal.id).unwrap_err().code(), "not_found");
    assert!(t.core.search(&deal.title, 50).unwrap().iter().all(|h| h.id != deal.id || h.entity.as_str() != "deal"));
    assert_eq!(t.core.update_deal(deal.id, edit_of(&deal)).unwrap_err().code(), "not_found");
    assert_eq!(t.core.delete_deals(&[deal.id]).unwrap_err().code(), "not_found", "already in the Trash");

    t.core.restore_deals(&[deal.id]).unwrap();
    assert_eq!(t.core.open_deals(pipeline).unwrap().len(), board.len());
    assert_eq!(open_value(&t), value_before);
}
