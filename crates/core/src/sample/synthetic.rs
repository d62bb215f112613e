//! Large deterministic databases for benchmarks: many companies, contacts and deals with realistic shapes,
//! written through the same store functions the app uses.
use chrono::{Duration, TimeZone, Utc};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::data::{COMPANIES, FIRST_NAMES, LAST_NAMES, TITLES};
use crate::domain::{ContactInput, DealStatus, LeadSource, LeadStatus, Lifecycle, StageKind};
use crate::error::Result;
use crate::store::{self, companies::NewCompany, contact_points::Kind, deals::NewDeal};
use crate::time::to_iso;

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Scale {
    pub companies: usize,
    pub contacts: usize,
    pub deals: usize,
    /// How many of the deals are open in the default pipeline (the rest are won or lost).
    pub open_deals: usize,
}

const BATCH: usize = 20_000;

const LEAD_STATUSES: [LeadStatus; 6] = [
    LeadStatus::New,
    LeadStatus::Contacted,
    LeadStatus::Engaged,
    LeadStatus::Qualified,
    LeadStatus::Disqualified,
    LeadStatus::Nurturing,
];
const LEAD_SOURCES: [LeadSource; 9] = [
    LeadSource::Website,
    LeadSource::Referral,
    LeadSource::ColdCall,
    LeadSource::ColdEmail,
    LeadSource::Event,
    LeadSource::Social,
    LeadSource::Partner,
    LeadSource::Import,
    LeadSource::Other,
];

/// Fills an empty database. `progress(done, total)` is called between batches.
pub(crate) fn generate(conn: &mut Connection, scale: Scale, mut progress: impl FnMut(usize, usize)) -> Result<()> {
    let mut rng = SmallRng::seed_from_u64(0x0BE4_C0DE);
    let base = Utc.with_ymd_and_hms(2024, 1, 1, 9, 0, 0).unwrap();
    let total = scale.companies + scale.contacts + scale.deals;
    let mut done = 0;

    for chunk in (0..scale.companies).collect::<Vec<_>>().chunks(BATCH) {
        let tx = conn.transaction()?;
        for &i in chunk {
            let (name, _, industry, city, country) = COMPANIES[i % COMPANIES.len()];
            let name = format!("{name} {}", i / COMPANIES.len() + 1);
            let domain = format!("company{i}.example");
            store::companies::insert(
                &tx,
                &NewCompany {
                    name: &name,
                    domain: Some(&domain),
                    website: None,
                    industry: Some(industry),
                    size: None,
                    phone: None,
                    city: Some(city),
                    country: Some(country),
                    description: None,
                },
            )?;
        }
        tx.commit()?;
        done += chunk.len();
        progress(done, total);
    }

    for chunk in (0..scale.contacts).collect::<Vec<_>>().chunks(BATCH) {
        let tx = conn.transaction()?;
        for &i in chunk {
            let first = FIRST_NAMES[rng.random_range(0..FIRST_NAMES.len())];
            let last = LAST_NAMES[rng.random_range(0..LAST_NAMES.len())];
            let company = (scale.companies > 0 && i % 10 != 0).then(|| (i % scale.companies) as i64 + 1);
            let input = ContactInput {
                first_name: first.into(),
                last_name: last.into(),
                title: Some(TITLES[i % TITLES.len()].into()),
                company_id: company,
                lifecycle: Some(if i % 7 == 0 { Lifecycle::Lead } else { Lifecycle::Contact }),
                // Leads carry a status and a source, so the Leads view's filters have realistic selectivity.
                lead_status: (i % 7 == 0).then(|| LEAD_STATUSES[(i / 7) % LEAD_STATUSES.len()]),
                lead_source: (i % 7 == 0).then(|| LEAD_SOURCES[(i / 11) % LEAD_SOURCES.len()]),
                ..Default::default()
            };
            let id = store::contacts::insert(&tx, &input, "{}")?;
            let email = format!(
                "{}.{}.{i}@company{}.example",
                first.to_lowercase(),
                last.to_lowercase().replace(' ', ""),
                i % scale.companies.max(1)
            );
            store::contact_points::replace(&tx, id, Kind::Email, &[(email.clone(), email)])?;
            store::contacts::reindex(&tx, id)?;
        }
        tx.commit()?;
        done += chunk.len();
        progress(done, total);
    }

    let pipeline = store::pipelines::list(conn)?.into_iter().next().expect("default pipeline");
    let open: Vec<_> = pipeline.stages.iter().filter(|s| s.kind == StageKind::Open).map(|s| s.id).collect();
    let won = pipeline.stages.iter().find(|s| s.kind == StageKind::Won).map(|s| s.id).expect("won");
    let lost = pipeline.stages.iter().find(|s| s.kind == StageKind::Lost).map(|s| s.id).expect("lost");
    for chunk in (0..scale.deals).collect::<Vec<_>>().chunks(BATCH) {
        let tx = conn.transaction()?;
        for &i in chunk {
            let (stage, status) = if i < scale.open_deals {
                (open[i % open.len()], DealStatus::Open)
            } else if i % 3 == 0 {
                (won, DealStatus::Won)
            } else {
                (lost, DealStatus::Lost)
            };
            let created = to_iso(base + Duration::hours(rng.random_range(0..24 * 680)));
            let close = (base + Duration::days(rng.random_range(300..900))).format("%Y-%m-%d").to_string();
            let company_id = (scale.companies > 0).then(|| (i % scale.companies) as i64 + 1);
            let contact_id = (scale.contacts > 0).then(|| (i % scale.contacts) as i64 + 1);
            store::deals::insert(
                &tx,
                &NewDeal {
                    title: &format!("Deal {i}"),
                    pipeline_id: pipeline.id,
                    stage_id: stage,
                    company_id,
                    contact_id,
                    value_cents: rng.random_range(1_000..500_000) * 100,
                    currency: "USD",
                    probability: None,
                    expected_close: Some(&close),
                    status,
                    created_at: &created,
                },
            )?;
        }
        tx.commit()?;
        done += chunk.len();
        progress(done, total);
    }
    conn.execute_batch("INSERT INTO search_index (search_index) VALUES ('optimize'); ANALYZE;")?;
    Ok(())
}
