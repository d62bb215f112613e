//! Duplicate matching: companies in memory by registrable domain and a normalized name (legal suffixes
//! and punctuation removed), then by fuzzy name; contacts by email, phone, then fuzzy name + company.
use rusqlite::Connection;
use rustc_hash::FxHashMap;

use crate::error::Result;
use crate::store::{self, contact_points::Kind};

use super::super::record::Parsed;
use super::people::People;
use super::points::PointIndex;

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
    let lower = crate::normalize::lowercase(name);
    let mut key = String::with_capacity(lower.len());
    for word in lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty() && !LEGAL_SUFFIXES.contains(w)) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    if key.is_empty() {
        lower.chars().filter(|c| c.is_alphanumeric()).collect()
    } else {
        key
    }
}

/// Companies in memory for matching. Fuzzy matching finds names one typo apart (an edit distance of 1:
/// "Globex Internationl") through a deletion index — every name and each of its one-character deletions,
/// hashed — so a lookup costs a few dozen hash probes however many companies there are.
#[derive(Default)]
pub struct CompanyIndex {
    by_domain: FxHashMap<String, i64>,
    by_key: FxHashMap<String, i64>,
    /// Each fuzzy-indexed company's key and the digits in it.
    keys: FxHashMap<i64, (String, String)>,
    deletions: FxHashMap<u64, Vec<i64>>,
    /// Display names, for the search entries of contacts linked to a company.
    names: FxHashMap<i64, String>,
}

/// Names shorter than this only match exactly: one letter changes too much of them.
const FUZZY_MIN_LEN: usize = 5;

fn hash(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

/// The name and every form of it with one letter (not a digit) removed. Digits must match exactly
/// ("Company 12" is not "Company 13"), so a one-typo pair always differs in a letter and shares a variant
/// made by deleting letters only; numbered names ("Company 1" … "Company 50000") then never crowd one bucket.
fn variants(key: &str) -> impl Iterator<Item = u64> + '_ {
    let chars: Vec<(usize, char)> = key.char_indices().filter(|(_, c)| !c.is_ascii_digit()).collect();
    std::iter::once(hash(key)).chain(chars.into_iter().map(move |(i, c)| {
        let mut v = String::with_capacity(key.len());
        v.push_str(&key[..i]);
        v.push_str(&key[i + c.len_utf8()..]);
        hash(&v)
    }))
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
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
        self.names.insert(id, name.to_string());
        if let Some(d) = domain {
            self.by_domain.entry(d.to_string()).or_insert(id);
        }
        let key = company_key(name);
        if key.is_empty() || self.by_key.contains_key(&key) {
            return;
        }
        if key.chars().count() >= FUZZY_MIN_LEN {
            for v in variants(&key) {
                self.deletions.entry(v).or_default().push(id);
            }
        }
        self.keys.insert(id, (key.clone(), digits(&key)));
        self.by_key.insert(key, id);
    }

    pub fn name(&self, id: i64) -> Option<&str> {
        self.names.get(&id).map(String::as_str)
    }

    /// By domain first, then the normalized name, then a name one typo away that is at least
    /// `threshold` alike (Jaro-Winkler) and has the same digits ("Company 12" is not "Company 13").
    pub fn find(&self, name: Option<&str>, domain: Option<&str>, threshold: f64) -> Option<i64> {
        self.find_key(name.map(company_key).as_deref(), domain, threshold)
    }

    /// `find` for a name's `company_key`, worked out already.
    pub fn find_key(&self, key: Option<&str>, domain: Option<&str>, threshold: f64) -> Option<i64> {
        if let Some(id) = domain.and_then(|d| self.by_domain.get(d)) {
            return Some(*id);
        }
        let key = key?;
        if let Some(id) = self.by_key.get(key) {
            return Some(*id);
        }
        if key.chars().count() < FUZZY_MIN_LEN || threshold >= 1.0 {
            return None;
        }
        let want_digits = digits(key);
        let mut best: Option<(f64, i64)> = None;
        for v in variants(key) {
            for &id in self.deletions.get(&v).into_iter().flatten() {
                let (theirs, their_digits) = &self.keys[&id];
                if *their_digits != want_digits {
                    continue;
                }
                let score = strsim::jaro_winkler(theirs, key);
                if score >= threshold && best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, id));
                }
            }
        }
        best.map(|(_, id)| id)
    }
}

/// An existing (or earlier in this file) contact the row describes.
/// `company_id` is the row's company when it already exists.
pub fn find_contact(
    conn: &Connection,
    points: &mut PointIndex,
    people: &mut People,
    p: &Parsed,
    threshold: f64,
    company_id: Option<i64>,
) -> Result<Option<i64>> {
    for (_, n) in &p.emails {
        if let Some(id) = points.owners(conn, Kind::Email, n)?.first() {
            return Ok(Some(*id));
        }
    }
    // A shared phone (a switchboard) or a similar name only means the same person when emails don't
    // say otherwise: one side must have no email.
    let compatible = |id: i64| -> Result<bool> {
        Ok(p.emails.is_empty() || !store::contact_points::has_any(conn, id, Kind::Email)?)
    };
    for (_, n) in &p.phones {
        for id in points.owners(conn, Kind::Phone, n)? {
            if compatible(id)? {
                return Ok(Some(id));
            }
        }
    }
    // Fuzzy only with a full name and a known company: candidates are that company's people, so the
    // comparison stays small however common the surname is.
    let (Some(first), Some(last), Some(company_id)) = (&p.first_name, &p.last_name, company_id) else {
        return Ok(None);
    };
    // With an email, only someone without one can match: none there, nothing to compare.
    if !p.emails.is_empty() && !points.may_have_emailless(conn, company_id)? {
        return Ok(None);
    }
    // Whether a candidate has an email is asked of the table.
    points.settle()?;
    let full = format!("{first} {last}").to_lowercase();
    let mut best: Option<(f64, i64)> = None;
    for (id, name) in people.names_at(conn, company_id)? {
        let score = strsim::jaro_winkler(&full, &name.to_lowercase());
        if score >= threshold && best.is_none_or(|(s, _)| score > s) && compatible(id)? {
            best = Some((score, id));
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
        index.add(3, "Initrode 12 Ltd", None);
        assert_eq!(index.find(Some("Initrode 13"), None, 0.92), None, "numbers must match");
        assert_eq!(index.find(Some("Intirode 12"), None, 0.92), Some(3), "a transposition is a typo");
        assert_eq!(index.find(Some("Intercom 12"), None, 0.92), None, "another name");
        assert_eq!(index.find(Some("Initode 12"), None, 0.92), Some(3));
    }
}
