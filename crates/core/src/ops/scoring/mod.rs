//! Lead scoring: rules kept in settings, a 0–100 score per contact with its grade, temperature and factor
//! breakdown, recomputed when a contact or its timeline changes, and decayed by a full rescore (daily, and
//! whenever the rules change).
mod compute;
pub(crate) use compute::compute;
mod rescore;
pub mod rules;

pub use rescore::RescoreSummary;
pub(crate) use rescore::{rescore_contact, rescore_everyone, rescore_ids};
pub use rules::ScoringRules;
