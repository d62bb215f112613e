//! Duplicate matching: companies in memory by registrable domain and a normalized name (legal suffixes
//! and punctuation removed), then by fuzzy name; contacts by email, phone, then fuzzy name + company.
use std::collections::HashMap;

use rusqlite::Connection;

use crate::error::Result;
use crate::store::{self, contact_points::Kind};

use super::super::record::Parsed;

const LEGAL_SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "llc",
    "llp",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "sarl",
    "bv",
    "nv",
    "plc",
    "corp",
    "corporation",
    "co",
    "company",
    "the",
    "oy",
    "ab",
    "as",
    "srl",
    "spa",
    "kg",
    "pty",
    "pte",
];

/// "The Acme Company, Inc." -> "acme".
pub fn company_key(name: &str) -> String {
    let lower = name.to_lowercase();
    let words: Vec<&str> =
        lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty() && !LEGAL_SUFFIXES.contains(w)).collect();
    if words.is_empty() {
        lower.chars().filter(|c| c.is_alphanumeric()).collect()
    } else {
        words.join(" ")
    }
}

#[derive(Default)]
pub struct CompanyIndex {
    by_domain: HashMap<String, i64>,
    by_key: HashMap<String, i64>,
    /// Keys by their first three characters: the fuzzy comparison only looks inside one bucket.
    buckets: HashMap<String, Vec<String>>,
}

fn prefix(key: &str) -> String {
    key.chars().take(3).collect()
}

impl CompanyIndex {
    pub fn load(conn: &Connection) -> Result<Self> {
        let mut index = CompanyIndex::default();
        for (id, name, domain) in store::companies::all_keys(conn)? {
            index.add(id, &name, domain.as_deref());
        }
        Ok(index)
    }

    pub fn add(&mut self, id: i64, name: &str, domain: Option<&str>) {
        if let Some(d) = domain {
            self.by_domain.entry(d.to_string()).or_insert(id);
        }
        let key = company_key(name);
        if !key.is_empty() && !self.by_key.contains_key(&key) {
            self.buckets.entry(prefix(&key)).or_default().push(key.clone());
            self.by_key.insert(key, id);
        }
    }

    /// By domain first, then the normalized name, then a close fuzzy name (≥ `threshold`).
    pub fn find(&self, name: Option<&str>, domain: Option<&str>, threshold: f64) -> Option<i64> {
        if let Some(id) = domain.and_then(|d| self.by_domain.get(d)) {
            return Some(*id);
        }
        let key = company_key(name?);
        if let Some(id) = self.by_key.get(&key) {
            return Some(*id);
        }
        let candidates = self.buckets.get(&prefix(&key))?;
        candidates
            .iter()
            .map(|k| (strsim::jaro_winkler(k, &key), k))
            .filter(|(score, _)| *score >= threshold)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .and_then(|(_, k)| self.by_key.get(k).copied())
    }
}

/// An existing (or earlier in this file) contact the row describes.
pub fn find_contact(conn: &Connection, p: &Parsed, threshold: f64) -> Result<Option<i64>> {
    for (_, n) in &p.emails {
        if let Some(id) = store::contact_points::owners(conn, Kind::Email, n)?.first() {
            return Ok(Some(*id));
        }
    }
    for (_, n) in &p.phones {
        if let Some(id) = store::contact_points::owners(conn, Kind::Phone, n)?.first() {
            return Ok(Some(*id));
        }
    }
    // Fuzzy only with a full name and a company on both sides: a name alone is too weak.
    let (Some(first), Some(last), Some(company)) = (&p.first_name, &p.last_name, &p.company) else {
        return Ok(None);
    };
    let full = format!("{first} {last}").to_lowercase();
    let company = company_key(company);
    let mut best: Option<(f64, i64)> = None;
    for (id, name, their_company) in store::contacts::by_last_name(conn, last)? {
        let Some(theirs) = their_company else { continue };
        let name_score = strsim::jaro_winkler(&full, &name.to_lowercase());
        let company_score = strsim::jaro_winkler(&company, &company_key(&theirs));
        if name_score >= threshold && company_score >= threshold && best.is_none_or(|(s, _)| name_score > s) {
            best = Some((name_score, id));
        }
    }
    Ok(best.map(|(_, id)| id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_keys_ignore_legal_forms() {
        assert_eq!(company_key("The Acme Company, Inc."), "acme");
        assert_eq!(company_key("ACME GmbH"), "acme");
        assert_eq!(company_key("Müller & Söhne KG"), "müller söhne");
    }

    #[test]
    fn index_finds_by_domain_key_and_fuzzy_name() {
        let mut index = CompanyIndex::default();
        index.add(1, "Acme Corporation", Some("acme.com"));
        index.add(2, "Globex International", None);
        assert_eq!(index.find(Some("Other"), Some("acme.com"), 0.92), Some(1));
        assert_eq!(index.find(Some("ACME, Inc."), None, 0.92), Some(1));
        assert_eq!(index.find(Some("Globex Internationl"), None, 0.92), Some(2));
        assert_eq!(index.find(Some("Initech"), None, 0.92), None);
    }
}
