//! Scores for the contacts an import creates, computed as each is written: a new contact's facts are all on
//! hand (its row, its company, the notes it arrives with), so it is inserted scored instead of being read
//! back and rewritten by a rescore after the import (a tenth of a million-row import's time).
use std::rc::Rc;

use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;

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
    companies: FxHashMap<i64, CompanyFacts>,
    /// Scores by the facts they came from: a file repeats the same titles, places and statuses, and matching
    /// a title's words against the rules' keywords costs more than the lookup.
    /// Shared, not copied: a score's grade, temperature and factors are three strings.
    known: FxHashMap<Vec<u8>, Rc<StoredScore>>,
    /// The buffer a contact's facts are written into to look them up (`known`).
    key: Vec<u8>,
}

/// Scores remembered at most (then forgotten all at once: a file of all-different facts gains nothing).
const KNOWN_SCORES: usize = 50_000;

impl Scorer {
    pub fn load(conn: &Connection) -> Result<Scorer> {
        Ok(Scorer {
            rules: rules::load(conn)?,
            now: Utc::now(),
            companies: FxHashMap::default(),
            known: FxHashMap::default(),
            key: Vec::new(),
        })
    }

    /// A company this import created from a row: only its industry can be known.
    pub fn company_created(&mut self, id: i64, industry: Option<&str>) {
        let facts = CompanyFacts { industry: industry.map(str::to_string), ..Default::default() };
        self.companies.insert(id, facts);
    }

    /// The score of a contact created with `notes` notes written at `now` (each one a touch).
    pub fn new_contact(
        &mut self,
        conn: &Connection,
        c: &ContactInput,
        notes: usize,
        now: &str,
    ) -> Result<Rc<StoredScore>> {
        let none = CompanyFacts::default();
        // One probe of the map a row (it was two: load, then read).
        let company = match c.company_id {
            Some(id) => &*match self.companies.entry(id) {
                Entry::Occupied(known) => known.into_mut(),
                // Read the first time a row names it.
                Entry::Vacant(slot) => {
                    let (country, industry, size) = crate::store::scoring::company_facts(conn, id)?;
                    slot.insert(CompanyFacts { country, industry, size })
                }
            },
            None => &none,
        };
        let country = c.country.as_ref().or(company.country.as_ref());
        let last_touch = (notes > 0).then_some(now);
        // The facts as bytes, each part marked and with its length so that no two sets of facts read the same.
        let mut key = std::mem::take(&mut self.key);
        key.clear();
        let parts = [
            c.lead_status.map(|s| s.as_str()),
            c.lead_source.map(|s| s.as_str()),
            c.title.as_deref(),
            country.map(String::as_str),
            company.industry.as_deref(),
            company.size.as_deref(),
            last_touch,
        ];
        for part in parts {
            match part {
                Some(text) => {
                    key.push(1);
                    key.extend_from_slice(&(text.len() as u64).to_le_bytes());
                    key.extend_from_slice(text.as_bytes());
                }
                None => key.push(0),
            }
        }
        key.extend_from_slice(&(notes as u64).to_le_bytes());
        if let Some(score) = self.known.get(&key) {
            let score = Rc::clone(score);
            self.key = key;
            return Ok(score);
        }
        let facts = ScoreFacts {
            id: 0,
            lead_status: c.lead_status,
            lead_source: c.lead_source,
            title: c.title.clone(),
            country: country.cloned(),
            industry: company.industry.clone(),
            company_size: company.size.clone(),
            recent_touches: notes as i64,
            last_touch: last_touch.map(str::to_string),
            stored: None,
        };
        let score = Rc::new(crate::store::scoring::to_stored(&compute(&self.rules, &facts, self.now)));
        if self.known.len() >= KNOWN_SCORES {
            self.known.clear();
        }
        self.known.insert(key, Rc::clone(&score));
        Ok(score)
    }
}
