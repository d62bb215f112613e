//! The scoring rules: points per status and source, engagement, recency decay, fit, and the grade and
//! temperature thresholds. Stored as one JSON value in `settings`; fields missing from a stored value (rules
//! saved by an older version) take their defaults when loaded.
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::domain::{LeadSource, LeadStatus};
use crate::error::{CoreError, Result};
use crate::store;

pub(crate) const RULES_KEY: &str = "lead_scoring.rules";
pub(crate) const RESCORED_AT_KEY: &str = "lead_scoring.rescored_at";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ScoringRules {
    pub status_points: StatusPoints,
    pub source_points: SourcePoints,
    pub engagement: EngagementRule,
    pub recency: RecencyRule,
    pub fit: FitRule,
    pub grades: GradeThresholds,
    pub temperature: TemperatureThresholds,
}

/// Points for each lead status (negative ones lower the score).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct StatusPoints {
    pub new: i64,
    pub contacted: i64,
    pub engaged: i64,
    pub qualified: i64,
    pub disqualified: i64,
    pub nurturing: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SourcePoints {
    pub website: i64,
    pub referral: i64,
    pub cold_call: i64,
    pub cold_email: i64,
    pub event: i64,
    pub social: i64,
    pub partner: i64,
    pub import: i64,
    pub other: i64,
}

/// Touches (calls, meetings, emails, notes, completed tasks) within the last `window_days` days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct EngagementRule {
    pub window_days: i64,
    pub points_per_touch: i64,
    pub max_points: i64,
}

/// `max_points` on the day of the last touch, halving every `half_life_days` of silence after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct RecencyRule {
    pub max_points: i64,
    pub half_life_days: i64,
}

/// How well the person and their company match the customers worth having.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct FitRule {
    /// Whole words or phrases in the job title ("VP", "Head of"), ignoring case; the best match counts.
    pub title_keywords: Vec<KeywordPoints>,
    /// Company industries that fit, ignoring case.
    pub industries: Vec<String>,
    pub industry_points: i64,
    /// Company sizes that fit, as the company records write them ("51-200", "1000+").
    pub company_sizes: Vec<String>,
    pub company_size_points: i64,
    /// Countries that fit (the contact's, else the company's), ignoring case.
    pub countries: Vec<String>,
    pub country_points: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct KeywordPoints {
    pub keyword: String,
    pub points: i64,
}

/// The lowest score of each grade; below `d` is F.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct GradeThresholds {
    pub a: i64,
    pub b: i64,
    pub c: i64,
    pub d: i64,
}

/// The lowest score that is hot, and warm; below `warm` is cold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct TemperatureThresholds {
    pub hot: i64,
    pub warm: i64,
}

impl Default for StatusPoints {
    fn default() -> Self {
        StatusPoints { new: 5, contacted: 10, engaged: 20, qualified: 30, disqualified: -50, nurturing: 0 }
    }
}

impl Default for SourcePoints {
    fn default() -> Self {
        SourcePoints {
            website: 10,
            referral: 20,
            cold_call: 4,
            cold_email: 3,
            event: 12,
            social: 6,
            partner: 15,
            import: 2,
            other: 0,
        }
    }
}

impl Default for EngagementRule {
    fn default() -> Self {
        EngagementRule { window_days: 30, points_per_touch: 5, max_points: 25 }
    }
}

impl Default for RecencyRule {
    fn default() -> Self {
        RecencyRule { max_points: 20, half_life_days: 14 }
    }
}

impl Default for FitRule {
    fn default() -> Self {
        let keywords = [
            ("CEO", 15),
            ("Founder", 15),
            ("Owner", 12),
            ("President", 12),
            ("Chief", 12),
            ("CTO", 12),
            ("CFO", 12),
            ("COO", 12),
            ("VP", 10),
            ("Vice President", 10),
            ("Head", 8),
            ("Director", 8),
            ("Manager", 4),
        ];
        FitRule {
            title_keywords: keywords.iter().map(|(k, p)| KeywordPoints { keyword: (*k).into(), points: *p }).collect(),
            industries: vec![],
            industry_points: 5,
            company_sizes: vec!["51-200".into(), "201-1000".into(), "1000+".into()],
            company_size_points: 5,
            countries: vec![],
            country_points: 5,
        }
    }
}

impl Default for GradeThresholds {
    fn default() -> Self {
        GradeThresholds { a: 80, b: 65, c: 50, d: 35 }
    }
}

impl Default for TemperatureThresholds {
    fn default() -> Self {
        TemperatureThresholds { hot: 70, warm: 40 }
    }
}

impl StatusPoints {
    pub fn of(&self, s: LeadStatus) -> i64 {
        match s {
            LeadStatus::New => self.new,
            LeadStatus::Contacted => self.contacted,
            LeadStatus::Engaged => self.engaged,
            LeadStatus::Qualified => self.qualified,
            LeadStatus::Disqualified => self.disqualified,
            LeadStatus::Nurturing => self.nurturing,
        }
    }

    fn all(&self) -> [(&'static str, i64); 6] {
        [
            ("new", self.new),
            ("contacted", self.contacted),
            ("engaged", self.engaged),
            ("qualified", self.qualified),
            ("disqualified", self.disqualified),
            ("nurturing", self.nurturing),
        ]
    }
}

impl SourcePoints {
    pub fn of(&self, s: LeadSource) -> i64 {
        match s {
            LeadSource::Website => self.website,
            LeadSource::Referral => self.referral,
            LeadSource::ColdCall => self.cold_call,
            LeadSource::ColdEmail => self.cold_email,
            LeadSource::Event => self.event,
            LeadSource::Social => self.social,
            LeadSource::Partner => self.partner,
            LeadSource::Import => self.import,
            LeadSource::Other => self.other,
        }
    }

    fn all(&self) -> [(&'static str, i64); 9] {
        [
            ("website", self.website),
            ("referral", self.referral),
            ("cold_call", self.cold_call),
            ("cold_email", self.cold_email),
            ("event", self.event),
            ("social", self.social),
            ("partner", self.partner),
            ("import", self.import),
            ("other", self.other),
        ]
    }
}

/// Points a single rule may give or take: more than the whole scale says nothing more.
const POINTS: std::ops::RangeInclusive<i64> = -100..=100;
const MAX_LIST: usize = 100;

impl ScoringRules {
    /// Trims the lists and checks every number; a failure names the setting it is about
    /// (`status_points.qualified`, `grades.b`, …) so the form can show it there.
    pub fn validated(mut self) -> Result<ScoringRules> {
        let points = |field: String, v: i64| -> Result<()> {
            if POINTS.contains(&v) {
                Ok(())
            } else {
                Err(CoreError::validation(field, format!("Use points from -100 to 100 (not {v}).")))
            }
        };
        for (k, v) in self.status_points.all() {
            points(format!("status_points.{k}"), v)?;
        }
        for (k, v) in self.source_points.all() {
            points(format!("source_points.{k}"), v)?;
        }
        let e = &self.engagement;
        if !(1..=365).contains(&e.window_days) {
            return Err(CoreError::validation("engagement.window_days", "The window is 1 to 365 days."));
        }
        for (field, v) in [
            ("engagement.points_per_touch", e.points_per_touch),
            ("engagement.max_points", e.max_points),
            ("recency.max_points", self.recency.max_points),
        ] {
            if !(0..=100).contains(&v) {
                return Err(CoreError::validation(field, format!("Use points from 0 to 100 (not {v}).")));
            }
        }
        if !(1..=365).contains(&self.recency.half_life_days) {
            return Err(CoreError::validation("recency.half_life_days", "The half-life is 1 to 365 days."));
        }

        let fit = &mut self.fit;
        let mut seen = std::collections::HashSet::new();
        let mut keywords = Vec::new();
        for k in fit.title_keywords.drain(..) {
            let keyword = k.keyword.split_whitespace().collect::<Vec<_>>().join(" ");
            if keyword.is_empty() {
                continue;
            }
            points("fit.title_keywords".into(), k.points)?;
            if seen.insert(keyword.to_lowercase()) {
                keywords.push(KeywordPoints { keyword, points: k.points });
            }
        }
        fit.title_keywords = keywords;
        for list in [&mut fit.industries, &mut fit.company_sizes, &mut fit.countries] {
            let mut seen = std::collections::HashSet::new();
            *list = list
                .iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty() && seen.insert(s.to_lowercase()))
                .collect();
        }
        for (field, len) in [
            ("fit.title_keywords", fit.title_keywords.len()),
            ("fit.industries", fit.industries.len()),
            ("fit.company_sizes", fit.company_sizes.len()),
            ("fit.countries", fit.countries.len()),
        ] {
            if len > MAX_LIST {
                return Err(CoreError::validation(field, format!("Keep it to {MAX_LIST} entries.")));
            }
        }
        points("fit.industry_points".into(), fit.industry_points)?;
        points("fit.company_size_points".into(), fit.company_size_points)?;
        points("fit.country_points".into(), fit.country_points)?;

        let g = &self.grades;
        for (field, v) in [("grades.a", g.a), ("grades.b", g.b), ("grades.c", g.c), ("grades.d", g.d)] {
            if !(1..=100).contains(&v) {
                return Err(CoreError::validation(field, "A grade starts at a score from 1 to 100."));
            }
        }
        if !(g.a > g.b && g.b > g.c && g.c > g.d) {
            return Err(CoreError::validation("grades.b", "Each grade must start above the next: A > B > C > D."));
        }
        let t = &self.temperature;
        if !(1..=100).contains(&t.hot) || !(1..=100).contains(&t.warm) {
            return Err(CoreError::validation("temperature.warm", "Temperatures start at a score from 1 to 100."));
        }
        if t.hot <= t.warm {
            return Err(CoreError::validation("temperature.hot", "Hot must start above warm."));
        }
        Ok(self)
    }
}

/// The rules in effect: the saved ones, or the defaults when none are saved (or the saved value is unreadable).
pub(crate) fn load(conn: &Connection) -> Result<ScoringRules> {
    let Some(saved) = store::settings::get(conn, RULES_KEY)? else {
        return Ok(ScoringRules::default());
    };
    let mut rules = serde_json::to_value(ScoringRules::default())?;
    merge(&mut rules, saved);
    Ok(serde_json::from_value(rules).unwrap_or_default())
}

/// Lays `saved` over `base`, object by object, so a field the saved value lacks keeps its default.
fn merge(base: &mut serde_json::Value, saved: serde_json::Value) {
    match (base, saved) {
        (serde_json::Value::Object(base), serde_json::Value::Object(saved)) => {
            for (k, v) in saved {
                match base.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        base.insert(k, v);
                    }
                }
            }
        }
        (slot, saved) => *slot = saved,
    }
}

pub(crate) fn save(conn: &Connection, rules: &ScoringRules) -> Result<()> {
    store::settings::set(conn, RULES_KEY, &serde_json::to_value(rules)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_saved_without_newer_fields_load_with_their_defaults() {
        let mut base = serde_json::to_value(ScoringRules::default()).unwrap();
        merge(&mut base, serde_json::json!({ "status_points": { "qualified": 44 }, "grades": { "a": 90 } }));
        let rules: ScoringRules = serde_json::from_value(base).unwrap();
        assert_eq!(rules.status_points.qualified, 44);
        assert_eq!(rules.status_points.engaged, StatusPoints::default().engaged);
        assert_eq!(rules.grades.a, 90);
        assert_eq!(rules.recency, RecencyRule::default());
    }
}
