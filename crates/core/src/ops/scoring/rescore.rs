//! Writing scores: one contact inside the caller's transaction, or every contact in id batches.
use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use specta::Type;

use super::compute::compute;
use super::rules::{self, ScoringRules, RESCORED_AT_KEY};
use crate::domain::Entity;
use crate::error::Result;
use crate::store;
use crate::time::{parse_iso, to_iso};
use crate::Outpost;

/// Contacts per batch: big enough that per-batch overhead vanishes, small enough to keep memory flat.
const BATCH: i64 = 20_000;

#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct RescoreSummary {
    /// Live contacts scored.
    pub scored: u32,
    /// Of those, how many scores changed (only those rows are written).
    pub changed: u32,
    pub millis: u32,
}

impl Outpost {
    /// The rules in effect (the defaults until the rep saves their own).
    pub fn scoring_rules(&self) -> Result<ScoringRules> {
        self.db().read(rules::load)
    }

    /// Checks and saves the rules, then rescores every contact with them, all in one transaction: the scores
    /// never disagree with the saved rules.
    pub fn save_scoring_rules(&self, rules: ScoringRules) -> Result<(ScoringRules, RescoreSummary)> {
        let rules = rules.validated()?;
        let job = self.jobs().start("rescore", self.events());
        let started = std::time::Instant::now();
        let result = self.db().write(|tx| {
            rules::save(tx, &rules)?;
            rescore_everyone(tx, &rules, Utc::now(), |done, total| job.progress(done, Some(total)))
        });
        let result = result.map(|s| RescoreSummary { millis: started.elapsed().as_millis() as u32, ..s });
        job.finish(result.as_ref().map_or(0, |s| s.scored), &result);
        let summary = result?;
        self.events().changed(Entity::Settings, vec![]);
        self.events().changed(Entity::Contact, vec![]);
        Ok((rules, summary))
    }

    /// Recomputes every contact's score as of now (recency decays with each day of silence).
    pub fn rescore_all(&self) -> Result<RescoreSummary> {
        let job = self.jobs().start("rescore", self.events());
        let started = std::time::Instant::now();
        let result = self.db().write(|tx| {
            let rules = rules::load(tx)?;
            rescore_everyone(tx, &rules, Utc::now(), |done, total| job.progress(done, Some(total)))
        });
        let result = result.map(|s| RescoreSummary { millis: started.elapsed().as_millis() as u32, ..s });
        job.finish(result.as_ref().map_or(0, |s| s.scored), &result);
        let summary = result?;
        if summary.changed > 0 {
            self.events().changed(Entity::Contact, vec![]);
        }
        Ok(summary)
    }

    /// When every contact was last rescored; None when never.
    pub fn last_rescore(&self) -> Result<Option<DateTime<Utc>>> {
        self.db()
            .read(|conn| Ok(store::settings::get(conn, RESCORED_AT_KEY)?.and_then(|v| v.as_str().and_then(parse_iso))))
    }

    /// Rescores everyone when the last full rescore is older than `max_age` (or never ran). The desktop shell
    /// calls this at start-up and now and then, off the UI's path.
    pub fn rescore_if_stale(&self, max_age: Duration) -> Result<Option<RescoreSummary>> {
        match self.last_rescore()? {
            Some(at) if Utc::now() - at < max_age => Ok(None),
            _ => self.rescore_all().map(Some),
        }
    }
}

/// Rescores one contact with the saved rules, inside the caller's transaction (after a create, an edit or a
/// new entry on its timeline).
pub(crate) fn rescore_contact(tx: &Connection, id: i64) -> Result<()> {
    let rules = rules::load(tx)?;
    rescore_range(tx, &rules, Utc::now(), id, id, None)?;
    Ok(())
}

/// Rescores the contacts an import updated or merged, inside its transaction (those it created were inserted
/// scored). Ids close together and dense enough are rescored as one range; the others one by one, so scattered
/// merges do not read every contact in between.
pub(crate) fn rescore_ids(tx: &Connection, ids: &[i64]) -> Result<()> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let rules = rules::load(tx)?;
    let now = Utc::now();
    let mut rest = ids.as_slice();
    while let Some(&lo) = rest.first() {
        let run = 1 + rest.windows(2).take_while(|w| w[1] - w[0] <= NEAR && w[1] - lo < BATCH).count();
        let (ids, more) = rest.split_at(run);
        let span = (ids[run - 1] - lo + 1) as usize;
        if ids.len() * RANGE_DENSITY < span {
            for &id in ids {
                rescore_range(tx, &rules, now, id, id, None)?;
            }
        } else {
            rescore_range(tx, &rules, now, lo, ids[run - 1], Some(ids))?;
        }
        rest = more;
    }
    Ok(())
}

/// Ids at most this far apart are rescored in one range (reading the few in between costs less than a query).
const NEAR: i64 = 32;

/// A run is read as a range only when at least one id in this many of its span is asked for; otherwise each
/// contact is read alone (`store::scoring::facts_of`). Reading a range costs about an eighth of a lone read
/// per contact in it: an import merging every tenth row's person spent four times as long reading the
/// ranges of its merges as it now does reading them one by one.
const RANGE_DENSITY: usize = 8;

/// Rescores every live contact in id batches and records when. `progress(done, total)` runs between batches.
pub(crate) fn rescore_everyone(
    tx: &Connection,
    rules: &ScoringRules,
    now: DateTime<Utc>,
    mut progress: impl FnMut(u32, u32),
) -> Result<RescoreSummary> {
    let max = store::scoring::max_contact_id(tx)?;
    let mut summary = RescoreSummary::default();
    let mut lo = 0;
    while lo <= max {
        let hi = lo.saturating_add(BATCH - 1);
        let (scored, changed) = rescore_range(tx, rules, now, lo, hi, None)?;
        summary.scored += scored;
        summary.changed += changed;
        progress(hi.min(max) as u32, max as u32);
        lo = hi + 1;
    }
    store::settings::set(tx, RESCORED_AT_KEY, &serde_json::json!(to_iso(now)))?;
    Ok(summary)
}

/// (scored, changed) for the live contacts with ids in `lo..=hi`, or only those of them in `only` (sorted): the
/// range is read whole, but a score is computed only for a contact asked for.
fn rescore_range(
    tx: &Connection,
    rules: &ScoringRules,
    now: DateTime<Utc>,
    lo: i64,
    hi: i64,
    only: Option<&[i64]>,
) -> Result<(u32, u32)> {
    let since = to_iso(now - Duration::days(rules.engagement.window_days));
    let mut facts = if lo == hi {
        store::scoring::facts_of(tx, lo, &since)?.into_iter().collect()
    } else {
        store::scoring::facts(tx, lo, hi, &since)?
    };
    if let Some(only) = only {
        facts.retain(|f| only.binary_search(&f.id).is_ok());
    }
    let mut changed = 0;
    for f in &facts {
        let score = store::scoring::to_stored(&compute(rules, f, now));
        if f.stored.as_ref() != Some(&score) {
            store::scoring::write(tx, f.id, &score)?;
            changed += 1;
        }
    }
    Ok((facts.len() as u32, changed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    /// Straight at the columns: a contact written without a score gets one, with its factors as JSON, and the
    /// time of the rescore is kept.
    #[test]
    fn a_rescore_writes_score_grade_temperature_and_factors() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("t.db")).unwrap();
        let now = Utc::now();
        db.write(|tx| {
            tx.execute(
                "INSERT INTO contacts (first_name, title, lifecycle, lead_status, lead_source)
                 VALUES ('Ada', 'CEO', 'lead', 'qualified', 'referral')",
                [],
            )?;
            let id = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO activities (kind, subject, occurred_at, contact_id) VALUES ('call', 'Call', ?1, ?2)",
                rusqlite::params![to_iso(now - Duration::days(1)), id],
            )?;
            let summary = rescore_everyone(tx, &ScoringRules::default(), now, |_, _| {})?;
            assert_eq!((summary.scored, summary.changed), (1, 1));
            let (score, grade, temperature, factors): (i64, String, String, String) = tx.query_row(
                "SELECT score, score_grade, score_temperature, score_factors FROM contacts WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;
            // 30 + 20 + one touch 5 + recency 20 × 0.5^(1/14) = 19 + “CEO” 15 = 89.
            assert_eq!((score, grade.as_str(), temperature.as_str()), (89, "A", "hot"));
            let factors: serde_json::Value = serde_json::from_str(&factors)?;
            let keys: Vec<&str> = factors.as_array().unwrap().iter().map(|f| f["key"].as_str().unwrap()).collect();
            assert_eq!(keys, ["status", "source", "engagement", "recency", "fit"]);
            assert_eq!(factors[3]["detail"], "last touch yesterday");
            assert!(store::settings::get(tx, RESCORED_AT_KEY)?.is_some());
            Ok(())
        })
        .unwrap();
    }

    /// One contact's facts read by index (`facts_of`) are those the range query aggregates, for contacts with
    /// every kind of touch: old and recent, deleted, not a touch, tasks open and done, a company's country.
    #[test]
    fn one_contacts_facts_are_the_ranges_facts() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("t.db")).unwrap();
        let now = Utc::now();
        let at = |days: i64| to_iso(now - Duration::days(days));
        db.write(|tx| {
            tx.execute(
                "INSERT INTO companies (name, country, industry, size) VALUES ('Acme', 'FR', 'SaaS', '11-50')",
                [],
            )?;
            let acme = tx.last_insert_rowid();
            for i in 0..12_i64 {
                tx.execute(
                    "INSERT INTO contacts (first_name, title, company_id, country, lead_status, lead_source, deleted_at)
                     VALUES ('P', ?1, ?2, ?3, ?4, 'referral', ?5)",
                    rusqlite::params![
                        (i % 2 == 0).then_some("CEO"),
                        (i % 3 == 0).then_some(acme),
                        (i % 4 == 0).then_some("DE"),
                        (i % 5 == 0).then_some("qualified"),
                        (i == 7).then(|| at(0)),
                    ],
                )?;
                let id = tx.last_insert_rowid();
                // Contact 11 was last touched long ago.
                let old = if id == 11 { 100 } else { 0 };
                for (n, kind) in ["call", "stage_change", "email_in", "meeting"].iter().enumerate().take(i as usize % 5)
                {
                    tx.execute(
                        "INSERT INTO activities (kind, occurred_at, contact_id, deleted_at) VALUES (?1, ?2, ?3, ?4)",
                        rusqlite::params![kind, at(n as i64 * 40 + i + old), id, (n == 2 && i > 8).then(|| at(0))],
                    )?;
                }
                for n in 0..(i % 3) {
                    tx.execute(
                        "INSERT INTO notes (body, contact_id, created_at, deleted_at) VALUES ('n', ?1, ?2, ?3)",
                        rusqlite::params![id, at(n * 50 + i + old), (n == 1 && i == 5).then(|| at(0))],
                    )?;
                }
                for (n, status) in ["done", "open", "done"].iter().enumerate().take(i as usize % 4) {
                    tx.execute(
                        "INSERT INTO tasks (title, status, completed_at, contact_id) VALUES ('t', ?1, ?2, ?3)",
                        rusqlite::params![status, (*status == "done").then(|| at(n as i64 * 70 + 3 + old)), id],
                    )?;
                }
            }
            let since = at(30);
            let ranged = store::scoring::facts(tx, 1, 12, &since)?;
            assert_eq!(ranged.len(), 11, "the deleted contact is left out");
            assert!(ranged.iter().any(|f| f.recent_touches > 1), "some contacts have several recent touches");
            assert!(ranged.iter().any(|f| f.recent_touches == 0 && f.last_touch.is_some()), "and some only old ones");
            for id in 1..=12 {
                let one = store::scoring::facts_of(tx, id, &since)?;
                let from_range = ranged.iter().find(|f| f.id == id);
                assert_eq!(format!("{one:?}"), format!("{from_range:?}"), "contact {id}");
            }
            Ok(())
        })
        .unwrap();
    }
}
