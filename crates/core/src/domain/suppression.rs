use serde::{Deserialize, Serialize};
use specta::Type;

use super::contact::text_enum;

/// What a suppression matches: one address, every address at a domain (and its subdomains), or everyone at
/// a company (its contacts' addresses and its domain).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SuppressionKind {
    Email,
    Domain,
    Company,
}
text_enum!(SuppressionKind { Email = "email", Domain = "domain", Company = "company" });

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SuppressionReason {
    #[default]
    Manual,
    HardBounce,
    Unsubscribe,
    Complaint,
}
text_enum!(SuppressionReason {
    Manual = "manual", HardBounce = "hard_bounce", Unsubscribe = "unsubscribe", Complaint = "complaint",
});

impl SuppressionReason {
    pub fn label(self) -> &'static str {
        match self {
            SuppressionReason::Manual => "added by hand",
            SuppressionReason::HardBounce => "hard bounce",
            SuppressionReason::Unsubscribe => "unsubscribed",
            SuppressionReason::Complaint => "spam complaint",
        }
    }
}

/// An entry on the suppression list: mail to what it matches is never sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Suppression {
    pub id: i64,
    pub kind: SuppressionKind,
    /// The lower-cased email or domain, or the company's id.
    pub value: String,
    /// What to show: the address, the domain, or the company's name.
    pub label: String,
    pub reason: SuppressionReason,
    pub note: Option<String>,
    pub created_at: String,
}

/// What Settings → Suppression adds. `value` is an email or a domain; a company is chosen by `company_id`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct SuppressionInput {
    pub kind: Option<SuppressionKind>,
    pub value: String,
    pub company_id: Option<i64>,
    pub reason: Option<SuppressionReason>,
    pub note: Option<String>,
}
