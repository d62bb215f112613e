//! Scores for the contacts an import creates, computed as each is written: a new contact's facts are all on
//! hand (its row, its company, the notes it arrives with), so it is inserted scored instead of being read
//! back and rewritten by a rescore after the import (a tenth of a million-row import's time).
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::domain::ContactInput;
use crate::error::Result;
use crate::ops::scoring::{compute, rules, ScoringRules};
use crate::store::scoring::{ScoreFacts, StoredScore};

/// What a company adds to a contact's score.
#[derive(Clone, Default)]
struct CompanyFacts {
    country: Option<String>,
    industry: Option<String>,
    size: Option<String>,
}

pub struct Scorer {
    rules: ScoringRules,
    now: DateTime<Utc>,
    /// The companies seen so far, read once each (an import names the same companies again and again).
    companies: HashMap<i64, CompanyFacts>,
    /// Scores by the facts they came from: a file repeats the same titles, places and statuses, and matching
    /// a title's words against the rules' keywords costs more than the lookup.
    known: HashMap<String, StoredScore>,
}

/// Scores remembered at most (then forgotten all at once: a file of all-different facts gains nothing).
const KNOWN_SCORES: usize = 50_000;

impl Scorer {
    pub fn load(conn: &Connection) -> Result<Scorer> {
        Ok(Scorer { rules: rules::load(conn)?, now: Utc::now(), companies: HashMap::new(), known: HashMap::new() })
    }

    /// A company this import created from a row: only its industry can be known.
    pub fn company_created(&mut self, id: i64, industry: Option<&str>) {
        let facts = CompanyFacts { industry: industry.map(str::to_string), ..Default::default() };
        self.companies.insert(id, facts);
    }

    /// The score of a contact created with `notes` notes written at `now` (each one a touch).
    pub fn new_contact(&mut self, conn: &Connection, c: &ContactInput, notes: usize, now: &str) -> Result<StoredScore> {
        let company = match c.company_id {
            Some(id) => self.company(conn, id)?,
            None => CompanyFacts::default(),
        };
        let facts = ScoreFacts {
            id: 0,
            lead_status: c.lead_status,
            lead_source: c.lead_source,
            title: c.title.clone(),
            country: c.country.clone().or(company.country),
            industry: company.industry,
            company_size: company.size,
            recent_touches: notes as i64,
            last_touch: (notes > 0).then(|| now.to_string()),
            stored: None,
        };
        let key = format!(
            "{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{}",
            facts.lead_status,
            facts.lead_source,
            facts.title,
            facts.country,
            facts.industry,
            facts.company_size,
            facts.last_touch,
            facts.recent_touches
        );
        if let Some(score) = self.known.get(&key) {
            return Ok(score.clone());
        }
        let score = crate::store::scoring::to_stored(&compute(&self.rules, &facts, self.now));
        if self.known.len() >= KNOWN_SCORES {
            self.known.clear();
        }
        self.known.insert(key, score.clone());
        Ok(score)
    }

    fn company(&mut self, conn: &Connection, id: i64) -> Result<CompanyFacts> {
        if let Some(known) = self.companies.get(&id) {
            return Ok(known.clone());
        }
        let (country, industry, size) = crate::store::scoring::company_facts(conn, id)?;
        let facts = CompanyFacts { country, industry, size };
        self.companies.insert(id, facts.clone());
        Ok(facts)
    }
}
