//! A score from the rules and one contact's facts: no database, so every rule is tested here directly.
use chrono::{DateTime, Utc};

use super::rules::ScoringRules;
use crate::domain::{LeadScore, LeadSource, LeadStatus, ScoreFactor, Temperature};
use crate::store::scoring::ScoreFacts;
use crate::time::parse_iso;

pub fn compute(rules: &ScoringRules, f: &ScoreFacts, now: DateTime<Utc>) -> LeadScore {
    let mut factors = Vec::new();
    let mut add = |key: &str, points: i64, detail: String| {
        if points != 0 {
            factors.push(ScoreFactor { key: key.into(), points, detail });
        }
    };

    if let Some(s) = f.lead_status {
        add("status", rules.status_points.of(s), status_label(s).into());
    }
    if let Some(s) = f.lead_source {
        add("source", rules.source_points.of(s), source_label(s).into());
    }

    let e = &rules.engagement;
    if f.recent_touches > 0 {
        let points = f.recent_touches.saturating_mul(e.points_per_touch).min(e.max_points);
        let touches = if f.recent_touches == 1 { "touch" } else { "touches" };
        add("engagement", points, format!("{} {touches} in {} days", f.recent_touches, e.window_days));
    }

    if let Some(last) = f.last_touch.as_deref().and_then(parse_iso) {
        let days = ((now - last).num_seconds().max(0) as f64) / 86_400.0;
        add("recency", decayed(rules.recency.max_points, days, rules.recency.half_life_days), touch_age(days));
    }

    let (fit, matched) = fit(rules, f);
    add("fit", fit, matched.join(", "));

    let total: i64 = factors.iter().map(|x| x.points).sum();
    let score = total.clamp(0, 100);
    LeadScore { score, grade: grade(rules, score).into(), temperature: temperature(rules, score), factors }
}

/// `max` points at day 0, half as many every `half_life` days after.
pub fn decayed(max: i64, days: f64, half_life: i64) -> i64 {
    let half_life = half_life.max(1) as f64;
    (max as f64 * 0.5_f64.powf(days / half_life)).round() as i64
}

pub fn grade(rules: &ScoringRules, score: i64) -> &'static str {
    let g = &rules.grades;
    match score {
        s if s >= g.a => "A",
        s if s >= g.b => "B",
        s if s >= g.c => "C",
        s if s >= g.d => "D",
        _ => "F",
    }
}

pub fn temperature(rules: &ScoringRules, score: i64) -> Temperature {
    match score {
        s if s >= rules.temperature.hot => Temperature::Hot,
        s if s >= rules.temperature.warm => Temperature::Warm,
        _ => Temperature::Cold,
    }
}

/// Fit points and what earned them: the best title keyword, then industry, company size and country.
fn fit(rules: &ScoringRules, f: &ScoreFacts) -> (i64, Vec<String>) {
    let fit = &rules.fit;
    let mut points = 0;
    let mut matched = Vec::new();
    if let Some(title) = f.title.as_deref() {
        let words = words(title);
        let best = fit
            .title_keywords
            .iter()
            .filter(|k| {
                let k = words_of(&k.keyword);
                !k.trim().is_empty() && words.contains(&k)
            })
            .max_by_key(|k| k.points);
        if let Some(k) = best {
            points += k.points;
            matched.push(format!("title has “{}”", k.keyword));
        }
    }
    let listed = |list: &[String], value: Option<&str>| {
        value.is_some_and(|v| list.iter().any(|x| x.trim().eq_ignore_ascii_case(v.trim())))
    };
    if listed(&fit.industries, f.industry.as_deref()) {
        points += fit.industry_points;
        matched.push(format!("industry {}", f.industry.as_deref().unwrap_or_default()));
    }
    if listed(&fit.company_sizes, f.company_size.as_deref()) {
        points += fit.company_size_points;
        matched.push(format!("company size {}", f.company_size.as_deref().unwrap_or_default()));
    }
    if listed(&fit.countries, f.country.as_deref()) {
        points += fit.country_points;
        matched.push(format!("country {}", f.country.as_deref().unwrap_or_default()));
    }
    (points, matched)
}

/// " vp of sales " for "VP of Sales": lower case, words between single spaces, so a keyword matches whole words
/// ("VP" is in "VP, Sales" but not in "MVP").
fn words(text: &str) -> String {
    format!(" {} ", words_of(text).trim())
}

fn words_of(text: &str) -> String {
    let spaced: String =
        text.chars().map(|c| if c.is_alphanumeric() { c.to_lowercase().next().unwrap_or(c) } else { ' ' }).collect();
    format!(" {} ", spaced.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn touch_age(days: f64) -> String {
    match days.floor() as i64 {
        0 => "last touch today".into(),
        1 => "last touch yesterday".into(),
        n => format!("last touch {n} days ago"),
    }
}

fn status_label(s: LeadStatus) -> &'static str {
    match s {
        LeadStatus::New => "New",
        LeadStatus::Contacted => "Contacted",
        LeadStatus::Engaged => "Engaged",
        LeadStatus::Qualified => "Qualified",
        LeadStatus::Disqualified => "Disqualified",
        LeadStatus::Nurturing => "Nurturing",
    }
}

fn source_label(s: LeadSource) -> &'static str {
    match s {
        LeadSource::Website => "Website",
        LeadSource::Referral => "Referral",
        LeadSource::ColdCall => "Cold call",
        LeadSource::ColdEmail => "Cold email",
        LeadSource::Event => "Event",
        LeadSource::Social => "Social",
        LeadSource::Partner => "Partner",
        LeadSource::Import => "Import",
        LeadSource::Other => "Other",
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;
    use crate::ops::scoring::rules::KeywordPoints;
    use crate::time::to_iso;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap()
    }

    fn facts() -> ScoreFacts {
        ScoreFacts::default()
    }

    fn points(s: &LeadScore, key: &str) -> i64 {
        s.factors.iter().find(|f| f.key == key).map_or(0, |f| f.points)
    }

    #[test]
    fn status_and_source_add_their_weights() {
        let rules = ScoringRules::default();
        let f =
            ScoreFacts { lead_status: Some(LeadStatus::Qualified), lead_source: Some(LeadSource::Referral), ..facts() };
        let s = compute(&rules, &f, now());
        assert_eq!(points(&s, "status"), 30);
        assert_eq!(points(&s, "source"), 20);
        assert_eq!(s.score, 50);
        assert_eq!(s.factors[0].detail, "Qualified");
        assert_eq!(s.factors[1].detail, "Referral");

        let mut rules = rules;
        rules.source_points.referral = 7;
        assert_eq!(compute(&rules, &f, now()).score, 37, "edited weights count, not the defaults");
    }

    #[test]
    fn a_disqualified_lead_bottoms_out_at_zero_and_zero_factors_are_left_out() {
        let rules = ScoringRules::default();
        let f =
            ScoreFacts { lead_status: Some(LeadStatus::Disqualified), lead_source: Some(LeadSource::Other), ..facts() };
        let s = compute(&rules, &f, now());
        assert_eq!(s.score, 0);
        assert_eq!(s.grade, "F");
        assert_eq!(s.factors.len(), 1, "the source gives 0 points and is not listed: {:?}", s.factors);
        assert_eq!(s.factors[0].points, -50);
    }

    #[test]
    fn engagement_counts_touches_up_to_its_cap() {
        let rules = ScoringRules::default();
        let two = compute(&rules, &ScoreFacts { recent_touches: 2, ..facts() }, now());
        assert_eq!(points(&two, "engagement"), 10);
        assert_eq!(two.factors[0].detail, "2 touches in 30 days");
        let many = compute(&rules, &ScoreFacts { recent_touches: 40, ..facts() }, now());
        assert_eq!(points(&many, "engagement"), 25);
    }

    #[test]
    fn recency_halves_every_half_life() {
        let rules = ScoringRules::default(); // 20 points, half-life 14 days
        let at = |days: i64| {
            let f = ScoreFacts { last_touch: Some(to_iso(now() - Duration::days(days))), ..facts() };
            points(&compute(&rules, &f, now()), "recency")
        };
        assert_eq!(at(0), 20);
        assert_eq!(at(14), 10);
        assert_eq!(at(28), 5);
        assert_eq!(at(7), 14); // 20 × 0.5^0.5 = 14.1
        assert_eq!(at(200), 0, "a long silence decays to nothing");
        assert!(at(3) > at(4), "every day of silence costs");
        assert_eq!(decayed(20, 14.0, 7), 5, "a shorter half-life decays faster");
        let f = ScoreFacts { last_touch: Some(to_iso(now() - Duration::days(3))), ..facts() };
        assert_eq!(compute(&rules, &f, now()).factors[0].detail, "last touch 3 days ago");
    }

    #[test]
    fn grade_boundaries_are_inclusive_lower_bounds() {
        let rules = ScoringRules::default(); // A 80, B 65, C 50, D 35
        let cases =
            [(100, "A"), (80, "A"), (79, "B"), (65, "B"), (64, "C"), (50, "C"), (49, "D"), (35, "D"), (34, "F")];
        for (score, expected) in cases {
            assert_eq!(grade(&rules, score), expected, "score {score}");
        }
        assert_eq!(grade(&rules, 0), "F");
        assert_eq!(temperature(&rules, 70), Temperature::Hot);
        assert_eq!(temperature(&rules, 69), Temperature::Warm);
        assert_eq!(temperature(&rules, 40), Temperature::Warm);
        assert_eq!(temperature(&rules, 39), Temperature::Cold);
    }

    #[test]
    fn the_score_is_held_to_100() {
        let mut rules = ScoringRules::default();
        rules.status_points.qualified = 100;
        let f =
            ScoreFacts { lead_status: Some(LeadStatus::Qualified), lead_source: Some(LeadSource::Referral), ..facts() };
        let s = compute(&rules, &f, now());
        assert_eq!(s.score, 100);
        assert_eq!((s.grade.as_str(), s.temperature), ("A", Temperature::Hot));
    }

    #[test]
    fn title_keywords_match_whole_words_and_the_best_one_counts() {
        let rules = ScoringRules::default();
        let fit =
            |title: &str| points(&compute(&rules, &ScoreFacts { title: Some(title.into()), ..facts() }, now()), "fit");
        assert_eq!(fit("VP, Sales"), 10);
        assert_eq!(fit("vp of sales"), 10, "case does not matter");
        assert_eq!(fit("MVP Programme Lead"), 0, "VP inside a word does not count");
        assert_eq!(fit("CEO & Founder"), 15, "the best keyword counts once, not both");
        assert_eq!(fit("Senior Vice President"), 12, "“President” (12) outranks “Vice President” (10)");
        let mut rules = rules;
        rules.fit.title_keywords = vec![KeywordPoints { keyword: "Head of".into(), points: 9 }];
        let s = compute(&rules, &ScoreFacts { title: Some("Head of Operations".into()), ..facts() }, now());
        assert_eq!(points(&s, "fit"), 9);
        assert_eq!(s.factors[0].detail, "title has “Head of”");
    }

    #[test]
    fn company_and_country_lists_add_fit() {
        let mut rules = ScoringRules::default();
        rules.fit.industries = vec!["Software".into()];
        rules.fit.countries = vec!["de".into()];
        let f = ScoreFacts {
            industry: Some("software".into()),
            company_size: Some("201-1000".into()),
            country: Some("DE".into()),
            ..facts()
        };
        let s = compute(&rules, &f, now());
        assert_eq!(points(&s, "fit"), 15);
        assert_eq!(s.factors[0].detail, "industry software, company size 201-1000, country DE");
        let elsewhere = ScoreFacts { country: Some("FR".into()), company_size: Some("1-10".into()), ..f };
        assert_eq!(points(&compute(&rules, &elsewhere, now()), "fit"), 5);
    }

    #[test]
    fn saved_rules_are_checked_field_by_field() {
        let mut rules = ScoringRules::default();
        rules.grades.b = 90;
        let err = rules.validated().unwrap_err();
        assert_eq!(err.field(), Some("grades.b"));

        let mut rules = ScoringRules::default();
        rules.status_points.engaged = 500;
        assert_eq!(rules.validated().unwrap_err().field(), Some("status_points.engaged"));

        let mut rules = ScoringRules::default();
        rules.recency.half_life_days = 0;
        assert_eq!(rules.validated().unwrap_err().field(), Some("recency.half_life_days"));

        let mut rules = ScoringRules::default();
        rules.fit.title_keywords = vec![
            KeywordPoints { keyword: "  Head   of ".into(), points: 5 },
            KeywordPoints { keyword: "head of".into(), points: 7 },
            KeywordPoints { keyword: " ".into(), points: 1 },
        ];
        rules.fit.countries = vec![" US ".into(), "us".into(), "".into()];
        let clean = rules.validated().unwrap();
        assert_eq!(clean.fit.title_keywords, vec![KeywordPoints { keyword: "Head of".into(), points: 5 }]);
        assert_eq!(clean.fit.countries, vec!["US".to_string()]);
    }
}
