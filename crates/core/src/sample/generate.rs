//! Builds the sample database inside one transaction. Dates are relative to `now`, so the board, tasks
//! and dashboard look current whenever the sample is loaded; everything else is fixed by the seed.
use chrono::{DateTime, Duration, Utc};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;
use specta::Type;

use super::data::*;
use crate::domain::{ContactInput, DealStatus, Entity, LeadSource, LeadStatus, Lifecycle, StageKind};
use crate::error::Result;
use crate::store::{self, activities::NewActivity, companies::NewCompany, contact_points::Kind, deals::NewDeal};
use crate::time::to_iso;

const SEED: u64 = 0x005E_ED0F_0057;
const CONTACTS: usize = 120;
const DEALS: usize = 60;

#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct SampleSummary {
    pub companies: u32,
    pub contacts: u32,
    pub deals: u32,
    pub tasks: u32,
    pub notes: u32,
    pub activities: u32,
}

pub(crate) fn load(tx: &Connection, now: DateTime<Utc>) -> Result<SampleSummary> {
    let mut rng = SmallRng::seed_from_u64(SEED);
    let mut sum = SampleSummary::default();
    let ago = |days: i64| to_iso(now - Duration::days(days));

    let mut companies = Vec::new();
    for (name, domain, industry, city, country) in COMPANIES {
        let website = format!("https://www.{domain}");
        let id = store::companies::insert(
            tx,
            &NewCompany {
                name,
                domain: Some(domain),
                website: Some(&website),
                industry: Some(industry),
                size: Some(["1-10", "11-50", "51-200", "201-1000", "1000+"][rng.random_range(0..5)]),
                phone: None,
                city: Some(city),
                country: Some(country),
                description: None,
            },
        )?;
        companies.push((id, *name, *domain));
        sum.companies += 1;
    }

    let statuses =
        [LeadStatus::New, LeadStatus::Contacted, LeadStatus::Engaged, LeadStatus::Qualified, LeadStatus::Nurturing];
    let sources =
        [LeadSource::Website, LeadSource::Referral, LeadSource::Event, LeadSource::ColdEmail, LeadSource::Social];
    let mut contacts = Vec::new();
    for i in 0..CONTACTS {
        let first = FIRST_NAMES[i % FIRST_NAMES.len()];
        let last = LAST_NAMES[(i * 7 + i / FIRST_NAMES.len()) % LAST_NAMES.len()];
        let is_lead = i % 5 == 0;
        let (company_id, company_name, domain) = if is_lead && i % 2 == 0 {
            (None, Some(format!("{last} Consulting")), format!("{}.example", slug(last)))
        } else {
            let (id, name, domain) = companies[rng.random_range(0..companies.len())];
            (Some(id), Some(name.to_string()), domain.to_string())
        };
        let email = format!("{}.{}@{domain}", slug(first), slug(last));
        let input = ContactInput {
            first_name: first.into(),
            last_name: last.into(),
            title: Some(TITLES[rng.random_range(0..TITLES.len())].into()),
            company_id,
            company_name: if company_id.is_some() { None } else { company_name.clone() },
            lifecycle: Some(if is_lead { Lifecycle::Lead } else { Lifecycle::Contact }),
            lead_status: is_lead.then(|| statuses[rng.random_range(0..statuses.len())]),
            lead_source: is_lead.then(|| sources[rng.random_range(0..sources.len())]),
            emails: vec![email.clone()],
            phones: vec![format!("+1 555 01{:02} {:03}", i % 100, rng.random_range(100..999))],
            ..Default::default()
        };
        let channel = ["Email", "Phone", "LinkedIn"][i % 3];
        let custom = if i % 4 == 0 { "{}".to_string() } else { json!({ "preferred_channel": channel }).to_string() };
        let id = store::contacts::insert(tx, &input, &custom)?;
        store::contact_points::replace(tx, id, Kind::Email, &[(email.clone(), email.to_lowercase())])?;
        let phone = input.phones[0].clone();
        let normalized = crate::normalize::phone(&phone).unwrap_or_default();
        store::contact_points::replace(tx, id, Kind::Phone, &[(phone, normalized)])?;
        store::contacts::reindex(tx, id)?;
        contacts.push((id, company_id, format!("{first} {last}")));
        sum.contacts += 1;
    }

    let pipeline = store::pipelines::list(tx)?.into_iter().next().expect("default pipeline");
    let open: Vec<_> = pipeline.stages.iter().filter(|s| s.kind == StageKind::Open).collect();
    let won = pipeline.stages.iter().find(|s| s.kind == StageKind::Won).expect("won stage");
    let lost = pipeline.stages.iter().find(|s| s.kind == StageKind::Lost).expect("lost stage");
    let with_company: Vec<_> = contacts.iter().filter(|c| c.1.is_some()).collect();
    for i in 0..DEALS {
        let (contact_id, company_id, contact_name) = with_company[(i * 3) % with_company.len()];
        let company = companies.iter().find(|c| Some(c.0) == *company_id).expect("company");
        let (stage, status) = match i % 10 {
            8 => (won, DealStatus::Won),
            9 => (lost, DealStatus::Lost),
            _ => (open[i % open.len()], DealStatus::Open),
        };
        let created = ago(rng.random_range(5..120));
        let close = (now + Duration::days(rng.random_range(-20..150))).format("%Y-%m-%d").to_string();
        let title = format!("{} — {}", company.1, DEAL_KINDS[i % DEAL_KINDS.len()]);
        let deal_id = store::deals::insert(
            tx,
            &NewDeal {
                title: &title,
                pipeline_id: pipeline.id,
                stage_id: stage.id,
                company_id: *company_id,
                contact_id: Some(*contact_id),
                value_cents: rng.random_range(20..900) * 10_000, // $2,000 to $90,000, in cents
                currency: "USD",
                probability: None,
                expected_close: Some(&close),
                status,
                created_at: &created,
            },
        )?;
        store::activities::insert(
            tx,
            &NewActivity {
                kind: "stage_change",
                subject: &format!("Moved to {}", stage.name),
                body: None,
                occurred_at: &created,
                contact_id: Some(*contact_id),
                company_id: *company_id,
                deal_id: Some(deal_id),
                meta: json!({ "deal": title, "to_stage": stage.name, "contact": contact_name }),
            },
        )?;
        sum.deals += 1;
        sum.activities += 1;
    }

    for (i, (contact_id, company_id, name)) in contacts.iter().enumerate() {
        if i % 2 == 0 {
            let subject = CALL_SUBJECTS[i % CALL_SUBJECTS.len()];
            let kind = if i % 6 == 0 { "meeting" } else { "call" };
            store::activities::insert(
                tx,
                &NewActivity {
                    kind,
                    subject,
                    body: Some("Talked through current tools and next steps."),
                    occurred_at: &ago(rng.random_range(0..60)),
                    contact_id: Some(*contact_id),
                    company_id: *company_id,
                    deal_id: None,
                    meta: json!({ "contact": name }),
                },
            )?;
            sum.activities += 1;
        }
        if i % 3 == 0 {
            let body = NOTE_BODIES[i % NOTE_BODIES.len()];
            store::notes::insert(tx, body, Some(*contact_id), *company_id, None, &ago(rng.random_range(0..90)))?;
            sum.notes += 1;
        }
        if i % 4 == 0 {
            let due = to_iso(now + Duration::hours(rng.random_range(-72..240)));
            let task = store::tasks::insert_row(
                tx,
                &store::tasks::TaskRow {
                    title: &format!("{} — {name}", TASK_TITLES[i % TASK_TITLES.len()]),
                    kind: ["call", "email", "follow_up", "meeting", "proposal"][i % 5],
                    priority: ["normal", "high", "low", "urgent"][i % 4],
                    due_at: Some(&due),
                    reminder_at: None,
                    rrule: (i == 0).then_some("FREQ=WEEKLY;BYDAY=MO"),
                    series_id: None,
                    notes: None,
                    contact_id: Some(*contact_id),
                    company_id: None,
                    deal_id: None,
                    now: &to_iso(now),
                },
            )?;
            if i % 12 == 4 {
                store::tasks::set_status(tx, task, "done", Some(&due), &to_iso(now))?;
            }
            sum.tasks += 1;
        }
    }

    for (i, (name, color)) in
        [("VIP", "#eab308"), ("Partner", "#0ea5e9"), ("Newsletter", "#10b981"), ("Churn risk", "#ef4444")]
            .iter()
            .enumerate()
    {
        let tag = store::tags::ensure(tx, name, color)?;
        for (contact_id, _, _) in contacts.iter().skip(i).step_by(9) {
            store::tags::tag(tx, tag, Entity::Contact, *contact_id)?;
        }
    }

    store::custom_fields::insert(
        tx,
        "contact",
        "preferred_channel",
        "Preferred channel",
        "select",
        &json!(["Email", "Phone", "LinkedIn"]),
    )?;
    store::custom_fields::insert(tx, "company", "employees", "Employees", "number", &json!([]))?;
    store::custom_fields::insert(tx, "deal", "contract_months", "Contract length (months)", "number", &json!([]))?;

    store::saved_views::insert(
        tx,
        "lead",
        "Qualified leads",
        &json!({ "and": [{ "field": "lead_status", "op": "eq", "value": "qualified" }] }),
        &json!([{ "field": "updated_at", "dir": "desc" }]),
    )?;
    store::saved_views::insert(
        tx,
        "deal",
        "Closing this month",
        &json!({ "and": [{ "field": "expected_close", "op": "within_days", "value": 30 }] }),
        &json!([{ "field": "expected_close", "dir": "asc" }]),
    )?;

    store::templates::insert(
        tx,
        "Intro",
        "Quick question, {{ contact.first_name | default('there') }}",
        "Hi {{ contact.first_name | default('there') }},\n\nI work with teams like {{ company.name }} on …",
    )?;
    store::templates::insert(
        tx,
        "Follow-up",
        "Re: our conversation",
        "Hi {{ contact.first_name | default('there') }},\n\nFollowing up on my last note …",
    )?;
    Ok(sum)
}

fn slug(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            'á' | 'à' => Some('a'),
            'é' | 'è' => Some('e'),
            'í' => Some('i'),
            'ó' => Some('o'),
            'ú' => Some('u'),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}
