//! Who already uses an email or phone, answered from memory during an import. Asking the database once
//! per row (an index probe for each email and phone) was a tenth of a large import, and keeping the
//! `(kind, normalized)` index up to date while a million random keys go into it was more: with the answers
//! in memory that index can be set aside and rebuilt once at the end (`store::indexes`).
//!
//! Keys are hashes (64-bit for the points already there, 32-bit for this import's own), so memory stays small
//! (~16 and ~9 bytes a point); every hit is confirmed against the contact's own points in the database before
//! it counts, so a hash collision can never merge two people.
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

use rusqlite::Connection;

use crate::error::Result;
use crate::store::{self, contact_points::Kind, contact_points::NewPoint, contact_points::NewPointWriter};

/// Live points before the import held in memory up to this many; past it the database answers for them.
const BEFORE_IN_MEMORY: i64 = 4_000_000;

/// The keys are already hashes: only spread over the 64 bits the table reads (it takes the top seven for
/// its control bytes).
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// This import's points by a 32-bit fold of their key: half the memory of the full key (the map of a
/// million-row import's two million points was 68 MB), and a collision only costs a look at the table,
/// since every hit is confirmed there.
type KeyMap<V> = HashMap<u32, V, BuildHasherDefault<KeyHasher>>;

fn short(key: u64) -> u32 {
    (key >> 32) as u32 ^ key as u32
}

fn key(kind: Kind, normalized: &str) -> u64 {
    // The same on every run, and well spread (rustc-hash 2 mixes string bytes properly).
    let mut h = rustc_hash::FxHasher::default();
    (kind as u8).hash(&mut h);
    normalized.hash(&mut h);
    h.finish()
}

pub struct PointIndex<'c> {
    /// (key, contact) of every live point written before the import, by key and then in the order written;
    /// None when there were too many, and then the database is asked about points up to `before_last`.
    before: Option<Vec<(u64, i64)>>,
    before_last: i64,
    /// The first contact each key was given to by this import (as u32, to keep a million-row import's map
    /// small), and any later ones (a shared switchboard) or ids too large for that.
    first: KeyMap<u32>,
    more: KeyMap<Vec<i64>>,
    /// How many people without an email each company may have (counted generously: a count never goes
    /// down). A row with an email can only fuzzily match such a person, so at other companies the name match
    /// needn't read anyone — at a million rows that was ten random reads of the contacts table a row, and
    /// a few thousand rows naming one company compared each with everyone before it. Counted for every
    /// company when the import goes bulk, before that for each company the first time a row names it.
    emailless: rustc_hash::FxHashMap<i64, u32>,
    all_counted: bool,
    /// Points of contacts this import created, not written yet: they go many to a statement, and before
    /// anything reads them from the table (`settle`, `settle_for`: by the writer before it reads or updates a
    /// contact, or compares the people at a company); a hit is confirmed among them first (`holds`).
    pending: Vec<NewPoint>,
    writer: NewPointWriter<'c>,
    /// The write's timestamp, each new point's `created_at`.
    now: String,
}

/// Points held before they are written.
const PENDING: usize = 512;

impl<'c> PointIndex<'c> {
    /// Points already in the database are looked up there (by index) until `go_bulk`.
    pub fn start(conn: &'c Connection, now: &str) -> Result<Self> {
        Ok(PointIndex {
            before: None,
            before_last: store::contact_points::last_id(conn)?,
            first: KeyMap::default(),
            more: KeyMap::default(),
            emailless: Default::default(),
            all_counted: false,
            pending: Vec::new(),
            writer: NewPointWriter::new(conn),
            now: now.to_string(),
        })
    }

    /// A large import (about as many rows as the database holds) reads the database's points and who lacks
    /// an email into memory once; a small one into a big database never pays for that.
    pub fn go_bulk(&mut self, conn: &Connection) -> Result<()> {
        let count = store::contact_points::live_count_up_to(conn, self.before_last)?;
        if count <= BEFORE_IN_MEMORY {
            let mut keys = Vec::with_capacity(count as usize);
            store::contact_points::each_live_up_to(conn, self.before_last, |kind, normalized, contact| {
                keys.push((key(kind, normalized), contact));
            })?;
            // Stable: equal keys keep the order they were written in, as the index would list them.
            keys.sort_by_key(|k| k.0);
            self.before = Some(keys);
        }
        // Counted now, over everyone written so far, then kept up by `emailless_at`.
        self.emailless = store::contact_points::emailless_by_company(conn)?.into_iter().collect();
        self.all_counted = true;
        Ok(())
    }

    /// For imports that never look contacts up (companies).
    pub fn empty(conn: &'c Connection) -> Self {
        PointIndex {
            before: Some(Vec::new()),
            before_last: 0,
            first: KeyMap::default(),
            more: KeyMap::default(),
            emailless: Default::default(),
            all_counted: false,
            pending: Vec::new(),
            writer: NewPointWriter::new(conn),
            now: String::new(),
        }
    }

    /// A point of a contact this import created: known at once, written with the next batch.
    pub fn add_new(&mut self, point: NewPoint) -> Result<()> {
        self.add(point.kind, &point.normalized, point.contact_id);
        self.pending.push(point);
        if self.pending.len() >= PENDING {
            self.settle()?;
        }
        Ok(())
    }

    /// Writes the points held back, so that the table holds every point this import made.
    pub fn settle(&mut self) -> Result<()> {
        if !self.pending.is_empty() {
            self.writer.write(&self.pending, &self.now)?;
            self.pending.clear();
        }
        Ok(())
    }

    /// `settle`, when some of `contact`'s points are still held back: what a read of that one contact needs.
    /// A row that repeats an earlier one mostly names someone whose points went out long before.
    pub fn settle_for(&mut self, contact: i64) -> Result<()> {
        if self.pending.iter().any(|p| p.contact_id == contact) {
            self.settle()?;
        }
        Ok(())
    }

    /// Whether the contact holds this point: among those held back, else in the table (where all its others
    /// are).
    fn holds(&self, conn: &Connection, contact: i64, kind: Kind, normalized: &str) -> Result<bool> {
        if self.pending.iter().any(|p| p.contact_id == contact && p.kind == kind && p.normalized == normalized) {
            return Ok(true);
        }
        store::contact_points::has_point(conn, contact, kind, normalized)
    }

    /// Whether every question can be answered without the database's `(kind, normalized)` index, which can
    /// then be set aside for the import.
    pub fn in_memory(&self) -> bool {
        self.before.is_some()
    }

    /// Records that a contact who may have no email now works at `company` (a company not counted yet counts
    /// them from the table when it is).
    pub fn emailless_at(&mut self, company: Option<i64>) {
        if let Some(c) = company {
            if self.all_counted {
                *self.emailless.entry(c).or_default() += 1;
            } else if let Some(n) = self.emailless.get_mut(&c) {
                *n += 1;
            }
        }
    }

    /// Whether someone at `company` may have no email.
    pub fn may_have_emailless(&mut self, conn: &Connection, company: i64) -> Result<bool> {
        let n = match self.emailless.get(&company) {
            Some(n) => *n,
            None if self.all_counted => 0,
            None => {
                // The table holds everyone this import wrote at that company once its points are there.
                self.settle()?;
                let n = store::contact_points::emailless_at_company(conn, company)?;
                self.emailless.insert(company, n);
                n
            }
        };
        Ok(n > 0)
    }

    /// Records a point this import wrote.
    pub fn add(&mut self, kind: Kind, normalized: &str, contact: i64) {
        let k = short(key(kind, normalized));
        let first = self.first.get(&k).map(|&c| i64::from(c));
        if first == Some(contact) {
            return;
        }
        match u32::try_from(contact) {
            // `more` only ever follows `first`, so owners keep the order they were written in.
            Ok(small) if first.is_none() && !self.more.contains_key(&k) => {
                self.first.insert(k, small);
            }
            _ => {
                let more = self.more.entry(k).or_default();
                if !more.contains(&contact) {
                    more.push(contact);
                }
            }
        }
    }

    /// Live contacts using this normalized email or phone, oldest point first (what
    /// `store::contact_points::owners` answers).
    pub fn owners(&mut self, conn: &Connection, kind: Kind, normalized: &str) -> Result<Vec<i64>> {
        let k = key(kind, normalized);
        let mut out = Vec::new();

        match &self.before {
            Some(keys) => {
                let start = keys.partition_point(|e| e.0 < k);
                for &(_, contact) in keys[start..].iter().take_while(|e| e.0 == k) {
                    if store::contact_points::has_point(conn, contact, kind, normalized)? {
                        out.push(contact);
                    }
                }
            }
            None => out.extend(store::contact_points::owners_up_to(conn, kind, normalized, self.before_last)?),
        }
        let this_import = short(k);
        let first = self.first.get(&this_import).map(|&c| i64::from(c));
        let added: Vec<i64> =
            first.into_iter().chain(self.more.get(&this_import).into_iter().flatten().copied()).collect();
        // Confirmed without writing what is held back: settling at each repeated email wrote the points a few
        // dozen at a time, through statements of every length (2.5% of the writer's instructions).
        for contact in added {
            if !out.contains(&contact) && self.holds(conn, contact, kind, normalized)? {
                out.push(contact);
            }
        }
        Ok(out)
    }
}
