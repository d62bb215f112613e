//! Dashboard aggregates agree with the deals they summarize.
mod support;

use chrono::Utc;
use outpost_core::domain::{DealMove, StageKind};

#[test]
fn dashboard_totals_match_the_board() {
    let t = support::open();
    t.core.load_sample_data().unwrap();
    let pipeline = t.core.pipelines().unwrap().remove(0);
    let open = t.core.open_deals(pipeline.id).unwrap();
    let d = t.core.dashboard(None, Utc::now()).unwrap();
    assert_eq!(d.by_stage.len(), 5, "one bar per open stage");
    assert_eq!(d.by_stage.iter().map(|s| s.count).sum::<i64>(), open.len() as i64);
    assert_eq!(d.by_stage.iter().map(|s| s.value_cents).sum::<i64>(), open.iter().map(|x| x.value_cents).sum::<i64>());
    let weighted: i64 = open.iter().map(|x| x.value_cents * x.probability / 100).sum();
    assert_eq!(d.by_stage.iter().map(|s| s.weighted_cents).sum::<i64>(), weighted);
    assert_eq!(d.forecast.iter().map(|m| m.weighted_cents).sum::<i64>(), weighted);
    assert!(d.forecast.windows(2).all(|w| w[0].month <= w[1].month || w[1].month == "none"));
    assert!(d.won_90d > 0 && d.lost_90d > 0, "the sample closes some deals each way recently");
    assert!(d.won_90d <= 6 && d.lost_90d <= 6, "the sample has 6 won and 6 lost deals in all");
    assert_eq!(d.win_rate, Some(d.won_90d as f64 / (d.won_90d + d.lost_90d) as f64));
    assert!(d.activity_week.iter().any(|k| k.kind == "call"));
    assert!(d.overdue_tasks > 0);

    // Winning a deal moves it out of the stage totals and into the win rate.
    let won = pipeline.stages.iter().find(|s| s.kind == StageKind::Won).unwrap();
    t.core.move_deal(DealMove { deal_id: open[0].id, stage_id: won.id, position: None, reason: None }).unwrap();
    let after = t.core.dashboard(None, Utc::now()).unwrap();
    assert_eq!(after.by_stage.iter().map(|s| s.count).sum::<i64>(), open.len() as i64 - 1);
    assert_eq!(after.won_90d, d.won_90d + 1);
    assert!(after.avg_cycle_days.is_some());
}
