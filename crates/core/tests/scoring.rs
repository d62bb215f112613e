//! Lead scoring through the core: scores written with their factors, kept current by edits and touches,
//! rescored when the rules change, and the Leads list's filters.
mod support;

use chrono::{Duration, Utc};
use outpost_core::domain::{ContactInput, LeadSource, LeadStatus, Lifecycle, PageQuery, RecordRef, Temperature};
use outpost_core::ops::activities::LogInput;
use outpost_core::ops::scoring::ScoringRules;
use outpost_core::time::to_iso;

fn lead(t: &support::TestDb, first: &str, status: LeadStatus, source: LeadSource, title: &str) -> i64 {
    t.core
        .create_contact(ContactInput {
            first_name: first.into(),
            last_name: "Lead".into(),
            title: Some(title.into()),
            lifecycle: Some(Lifecycle::Lead),
            lead_status: Some(status),
            lead_source: Some(source),
            ..Default::default()
        })
        .unwrap()
        .id
}

fn factor(t: &support::TestDb, id: i64, key: &str) -> Option<i64> {
    let detail = t.core.contact(id).unwrap().score_detail.expect("scored");
    detail.factors.iter().find(|f| f.key == key).map(|f| f.points)
}

#[test]
fn a_new_lead_is_scored_with_its_factors_stored() {
    let t = support::open();
    let id = lead(&t, "Ada", LeadStatus::Qualified, LeadSource::Referral, "VP Engineering");
    let c = t.core.contact(id).unwrap();
    let detail = c.score_detail.expect("scored on create");
    assert_eq!(c.score, Some(60), "qualified 30 + referral 20 + “VP” 10");
    assert_eq!(detail.score, 60);
    assert_eq!(detail.grade, "C");
    assert_eq!(detail.temperature, Temperature::Warm);
    let keys: Vec<&str> = detail.factors.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["status", "source", "fit"]);
    assert_eq!(detail.factors[2].detail, "title has “VP”");

    // An edit rescored it.
    let mut input = ContactInput {
        first_name: "Ada".into(),
        last_name: "Lead".into(),
        title: Some("VP Engineering".into()),
        lifecycle: Some(Lifecycle::Lead),
        lead_status: Some(LeadStatus::Disqualified),
        lead_source: Some(LeadSource::Referral),
        ..Default::default()
    };
    t.core.update_contact(id, input.clone()).unwrap();
    assert_eq!(t.core.contact(id).unwrap().score, Some(0), "-50 + 20 + 10 is held at 0");
    input.lead_status = Some(LeadStatus::Engaged);
    assert_eq!(t.core.update_contact(id, input).unwrap().score, Some(50));
}

#[test]
fn touches_lift_engagement_and_recency_and_old_ones_decay() {
    let t = support::open();
    let id = lead(&t, "Grace", LeadStatus::New, LeadSource::Website, "Analyst");
    assert_eq!(t.core.contact(id).unwrap().score, Some(15));
    assert_eq!(factor(&t, id, "engagement"), None);

    let log = |kind: &str, days_ago: i64| {
        t.core
            .log_activity(LogInput {
                record: RecordRef::Contact(id),
                kind: kind.into(),
                subject: None,
                body: Some("Talked".into()),
                occurred_at: Some(to_iso(Utc::now() - Duration::days(days_ago))),
            })
            .unwrap();
    };
    log("call", 28);
    assert_eq!(factor(&t, id, "engagement"), Some(5), "one touch in the 30-day window");
    assert_eq!(factor(&t, id, "recency"), Some(5), "20 points halved twice over 28 days");
    log("note", 0);
    assert_eq!(factor(&t, id, "engagement"), Some(10), "notes count as touches");
    assert_eq!(factor(&t, id, "recency"), Some(20), "the newest touch sets recency");
    assert_eq!(t.core.contact(id).unwrap().score, Some(5 + 10 + 10 + 20));

    log("meeting", 45);
    assert_eq!(factor(&t, id, "engagement"), Some(10), "a touch outside the window does not count");
}

#[test]
fn saving_rules_rescores_everyone_and_bad_rules_change_nothing() {
    let t = support::open();
    let a = lead(&t, "A", LeadStatus::Engaged, LeadSource::Event, "Analyst");
    let b = lead(&t, "B", LeadStatus::Engaged, LeadSource::Partner, "Analyst");
    assert_eq!(t.core.contact(a).unwrap().score, Some(32));

    let mut rules = ScoringRules::default();
    rules.grades.a = 10;
    rules.grades.b = 20;
    let err = t.core.save_scoring_rules(rules).unwrap_err();
    assert_eq!((err.code(), err.field()), ("validation", Some("grades.b")));
    assert_eq!(t.core.scoring_rules().unwrap(), ScoringRules::default(), "nothing saved");

    let mut rules = ScoringRules::default();
    rules.status_points.engaged = 50;
    rules.temperature.hot = 60;
    let (saved, summary) = t.core.save_scoring_rules(rules.clone()).unwrap();
    assert_eq!(saved, rules);
    assert_eq!((summary.scored, summary.changed), (2, 2));
    assert_eq!(t.core.scoring_rules().unwrap(), rules, "the rules are stored");
    let a = t.core.contact(a).unwrap().score_detail.unwrap();
    assert_eq!((a.score, a.temperature), (62, Temperature::Hot));
    assert_eq!(t.core.contact(b).unwrap().score, Some(65));

    // Nothing changed since: a rescore writes no row.
    let again = t.core.rescore_all().unwrap();
    assert_eq!((again.scored, again.changed), (2, 0));
}

#[test]
fn a_stale_rescore_runs_once_a_day() {
    let t = support::open();
    lead(&t, "A", LeadStatus::New, LeadSource::Other, "Analyst");
    assert!(t.core.last_rescore().unwrap().is_none());
    assert!(t.core.rescore_if_stale(Duration::days(1)).unwrap().is_some(), "never rescored: it runs");
    assert!(t.core.last_rescore().unwrap().is_some());
    assert!(t.core.rescore_if_stale(Duration::days(1)).unwrap().is_none(), "fresh: it waits");
    assert!(t.core.rescore_if_stale(Duration::zero()).unwrap().is_some());
}

#[test]
fn the_sample_data_arrives_scored() {
    let t = support::open();
    t.core.load_sample_data().unwrap();
    let page = t.core.contacts(&PageQuery { limit: Some(500), ..Default::default() }).unwrap();
    assert!(page.items.len() >= 100);
    assert!(page.items.iter().all(|c| c.score.is_some() && c.score_grade.is_some() && c.temperature.is_some()));
    let hottest = t
        .core
        .contacts(&PageQuery { sort: Some("score".into()), desc: Some(true), limit: Some(1), ..Default::default() })
        .unwrap();
    let top = t.core.contact(hottest.items[0].id).unwrap();
    assert!(top.score.unwrap() > 40, "some sample contact is warm or hot: {:?}", top.score_detail);
    assert!(top.score_detail.unwrap().factors.iter().any(|f| f.key == "engagement"));
}

#[test]
fn the_leads_list_filters_by_lifecycle_status_and_source_and_pages_by_score() {
    let t = support::open();
    t.core
        .create_contact(ContactInput { first_name: "Not".into(), last_name: "Alead".into(), ..Default::default() })
        .unwrap();
    let statuses = [LeadStatus::New, LeadStatus::Engaged, LeadStatus::Qualified];
    for i in 0..9 {
        let source = if i % 2 == 0 { LeadSource::Website } else { LeadSource::Referral };
        lead(&t, &format!("L{i}"), statuses[i % 3], source, "Analyst");
    }
    let leads = |status: Option<LeadStatus>, source: Option<LeadSource>, cursor: Option<String>| PageQuery {
        lifecycle: Some(Lifecycle::Lead),
        lead_status: status,
        lead_source: source,
        sort: Some("score".into()),
        desc: Some(true),
        limit: Some(4),
        cursor,
        ..Default::default()
    };
    let first = t.core.contacts(&leads(None, None, None)).unwrap();
    let second = t.core.contacts(&leads(None, None, first.next_cursor.clone())).unwrap();
    let third = t.core.contacts(&leads(None, None, second.next_cursor.clone())).unwrap();
    assert!(third.next_cursor.is_none());
    let all: Vec<_> = [first.items, second.items, third.items].concat();
    assert_eq!(all.len(), 9, "every lead once, and not the contact");
    assert!(all.iter().all(|c| c.lifecycle == Lifecycle::Lead));
    assert!(all.windows(2).all(|w| w[0].score >= w[1].score), "highest score first");
    assert_eq!(t.core.count_contacts_where(&leads(None, None, None)).unwrap(), 9);

    let q = leads(Some(LeadStatus::Qualified), Some(LeadSource::Referral), None);
    let narrowed = t.core.contacts(&q).unwrap();
    assert!(!narrowed.items.is_empty());
    assert!(narrowed
        .items
        .iter()
        .all(|c| c.lead_status == Some(LeadStatus::Qualified) && c.lead_source == Some(LeadSource::Referral)));
    assert_eq!(t.core.count_contacts_where(&q).unwrap(), narrowed.items.len() as i64);
    assert_eq!(t.core.count_contacts(None).unwrap(), 10, "the plain count is unchanged");
}

#[test]
fn a_leads_status_changes_inline_and_rescores() {
    let t = support::open();
    let id = lead(&t, "Ann", LeadStatus::New, LeadSource::Website, "Analyst");
    let changed = t.core.set_lead_status(id, LeadStatus::Qualified).unwrap();
    assert_eq!(changed.lead_status, Some(LeadStatus::Qualified));
    assert_eq!(changed.score, Some(40));

    let contact = t.core.create_contact(ContactInput { first_name: "Plain".into(), ..Default::default() }).unwrap().id;
    assert_eq!(t.core.set_lead_status(contact, LeadStatus::Engaged).unwrap_err().code(), "conflict");
}

#[test]
fn imported_contacts_arrive_scored() {
    use outpost_core::domain::{ImportEntity, ImportRequest};
    let t = support::open();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/import/linkedin_connections.csv");
    let request = ImportRequest {
        path: path.to_string_lossy().into_owned(),
        entity: ImportEntity::Contacts,
        ..Default::default()
    };
    t.core.run_import(&request, false).unwrap();
    let page = t.core.contacts(&PageQuery { limit: Some(50), ..Default::default() }).unwrap();
    assert_eq!(page.items.len(), 4);
    assert!(page.items.iter().all(|c| c.score.is_some()), "every imported contact is scored");
    let ada = page.items.iter().find(|c| c.first_name == "Ada").unwrap();
    assert_eq!(factor(&t, ada.id, "fit"), Some(12), "“CTO” in her title counts");
}
