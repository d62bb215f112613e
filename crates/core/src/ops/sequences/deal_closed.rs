//! The "deal won or lost" stop rule, applied the moment a deal closes (the scheduler only checks it when a step
//! comes due, which can be days later — long enough for a follow-up to go out to a customer who just signed).
//! A deal that is reopened — the board's undo, or a move back by hand — does not restart what its close
//! stopped: those emails were already called off once, and a contact runs a sequence once; the reason says so.
use rusqlite::Connection;

use crate::domain::{Deal, DealStatus, SequenceSettings};
use crate::error::Result;
use crate::store::sequence_enrollments as enrollments;

/// The stop code and the explained reason for a deal that closed with `status` (None for open).
fn stop_of(title: &str, status: DealStatus) -> Option<(&'static str, String)> {
    let (code, verb) = match status {
        DealStatus::Won => ("deal_won", "won"),
        DealStatus::Lost => ("deal_lost", "lost"),
        DealStatus::Open => return None,
    };
    Some((code, format!("The deal “{title}” was {verb}")))
}

/// Inside the transaction that moved `deal` (as it was before the move) to a stage with status `to`: closing it
/// stops the running enrollments of its people; reopening it notes on the enrollments its close stopped that
/// they stay stopped. Returns how many enrollments changed.
pub(crate) fn on_deal_status_change(tx: &Connection, deal: &Deal, to: DealStatus, now: &str) -> Result<usize> {
    if to == deal.status {
        return Ok(0);
    }
    if to != DealStatus::Open {
        return stop_for_closed_deal(tx, deal.id, &deal.title, to, now);
    }
    // Reopened. The deal arrived in its closed stage at `stage_changed_at`; what its close stopped came then
    // (at once) or later (a due step, for an enrollment that began after the close).
    let Some((code, reason)) = stop_of(&deal.title, deal.status) else { return Ok(0) };
    let note = format!("{reason}, then reopened; the enrollment stays stopped");
    enrollments::renote_deal_stops(tx, deal.id, code, &reason, &deal.stage_changed_at, &note, now)
}

/// Stops every active or paused enrollment of the people of a deal that just closed with `status`, unless its
/// sequence turned the rule off. Returns how many stopped.
pub(crate) fn stop_for_closed_deal(
    tx: &Connection,
    deal_id: i64,
    title: &str,
    status: DealStatus,
    now: &str,
) -> Result<usize> {
    let Some((code, reason)) = stop_of(title, status) else { return Ok(0) };
    let mut stopped = 0;
    for (id, settings) in enrollments::running_for_deal(tx, deal_id)? {
        let settings: SequenceSettings = serde_json::from_str(&settings).unwrap_or_default();
        if settings.stop_on_deal_closed && enrollments::stop(tx, id, code, &reason, now)? {
            stopped += 1;
        }
    }
    Ok(stopped)
}
