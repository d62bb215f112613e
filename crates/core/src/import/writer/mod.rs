//! Applies parsed rows inside the import's one transaction: finds duplicates, creates or updates records,
//! and leaves the trail an undo needs (origin on each record, before-images, what was added).
mod companies;
mod contacts;
mod deals;
mod matching;
mod people;
mod points;
mod scores;

use std::collections::{BTreeSet, HashMap};

use rusqlite::Connection;

use super::record::Parsed;
use crate::domain::{DuplicatePolicy, Entity, ImportCounts, ImportEntity, Pipeline, RowAction, Stage, StageKind};
use crate::error::Result;
use crate::store;

pub use matching::company_key;

/// A row's outcome: what happened, or why it was rejected.
pub type RowResult = std::result::Result<RowAction, String>;

pub struct Writer<'c> {
    conn: &'c Connection,
    entity: ImportEntity,
    pub import_id: i64,
    policy: DuplicatePolicy,
    now: String,
    companies: matching::CompanyIndex,
    points: points::PointIndex<'c>,
    people: people::People,
    /// The highest contact, company and deal ids before the import: every id above them is a record this
    /// import created (it holds the write lock). `finish` stores them as its runs of created ids.
    existed_up_to: [i64; 3],
    pipelines: Vec<Pipeline>,
    fuzzy_threshold: f64,
    tags: HashMap<String, i64>,
    scorer: scores::Scorer,
    /// Inserts the contacts the import creates (prepared at the first).
    contacts: Option<store::contacts::ImportedInserter<'c>>,
    /// Inserts the companies it creates (prepared at the first).
    new_companies: Option<store::companies::ImportedCompanies<'c>>,
    /// Inserts the notes it creates (prepared at the first).
    notes: Option<store::notes::ImportedNotes<'c>>,
    /// Existing contacts the import changed (and those it created unscored): rescored at its end.
    pub rescore: Vec<i64>,
    pub counts: ImportCounts,
    pub unknown_stages: BTreeSet<String>,
}

impl<'c> Writer<'c> {
    pub fn new(
        conn: &'c Connection,
        entity: ImportEntity,
        import_id: i64,
        policy: DuplicatePolicy,
        fuzzy_threshold: f64,
    ) -> Result<Self> {
        let now = crate::time::now_iso();
        Ok(Writer {
            conn,
            entity,
            import_id,
            policy,
            companies: matching::CompanyIndex::load(conn)?,
            points: match entity {
                ImportEntity::Companies => points::PointIndex::empty(conn),
                _ => points::PointIndex::start(conn, &now)?,
            },
            people: people::People::default(),
            existed_up_to: store::imports::highest_ids(conn)?,
            pipelines: store::pipelines::list(conn)?,
            fuzzy_threshold,
            tags: HashMap::new(),
            scorer: scores::Scorer::load(conn)?,
            contacts: None,
            new_companies: None,
            notes: None,
            rescore: Vec::new(),
            counts: ImportCounts::default(),
            unknown_stages: BTreeSet::new(),
            now,
        })
    }

    /// Writes one row and counts it.
    pub fn apply(&mut self, row: u32, p: &Parsed) -> Result<RowResult> {
        self.counts.rows_in += 1;
        let result = match self.entity {
            ImportEntity::Contacts => self.contact_row(row, p)?,
            ImportEntity::Companies => self.company_row(row, p)?,
            ImportEntity::Deals => self.deal_row(row, p)?,
        };
        self.count(&result);
        Ok(result)
    }

    /// Counts a row rejected before it reached the writer (a value that didn't parse).
    pub fn reject(&mut self) {
        self.counts.rows_in += 1;
        self.counts.rejected += 1;
    }

    fn count(&mut self, r: &RowResult) {
        let c = &mut self.counts;
        match r {
            Ok(RowAction::Create) => c.created += 1,
            Ok(RowAction::Update) => c.updated += 1,
            Ok(RowAction::Merge) => c.merged += 1,
            Ok(RowAction::Skip) => c.skipped += 1,
            Ok(RowAction::Reject) | Err(_) => c.rejected += 1,
        }
    }

    /// Switches duplicate finding to memory for a bulk import; true when it then no longer reads the contact
    /// points' `(kind, normalized)` index, which can be set aside.
    pub fn go_bulk(&mut self) -> Result<bool> {
        if self.entity == ImportEntity::Companies {
            return Ok(false);
        }
        // It counts who lacks an email from the table.
        self.points.settle()?;
        self.points.go_bulk(self.conn)?;
        self.people.go_bulk(self.conn)?;
        Ok(self.points.in_memory())
    }

    fn was_created(&self, entity: Entity, id: i64) -> bool {
        let slot = match entity {
            Entity::Contact => 0,
            Entity::Company => 1,
            _ => 2,
        };
        id > self.existed_up_to[slot]
    }

    /// Traces a record to the row that updated it, unless this import created it: then it keeps the row that
    /// did (`import_created` holds runs of ids, so the record is where its row is kept).
    fn updated_by(&self, entity: Entity, id: i64, row: u32) -> Result<()> {
        if self.was_created(entity, id) {
            return Ok(());
        }
        match entity {
            Entity::Contact => store::contacts::set_origin(self.conn, id, self.import_id, row),
            Entity::Company => store::companies::set_origin(self.conn, id, self.import_id, row),
            _ => store::deals::set_origin(self.conn, id, self.import_id, row),
        }
    }

    /// Records what the import created: every id above those it found, in each table (it has held the
    /// write lock since). Called once, after the last row.
    pub fn finish(&mut self) -> Result<()> {
        self.points.settle()?;
        let last = store::imports::highest_ids(self.conn)?;
        for (i, entity) in ["contact", "company", "deal"].into_iter().enumerate() {
            if last[i] > self.existed_up_to[i] {
                store::imports::add_created(self.conn, self.import_id, entity, self.existed_up_to[i] + 1, last[i])?;
            }
        }
        Ok(())
    }

    fn tag(&mut self, entity: Entity, id: i64, names: &[String]) -> Result<Vec<i64>> {
        let mut added = Vec::new();
        for name in names {
            let tag = match self.tags.get(&name.to_lowercase()) {
                Some(t) => *t,
                None => {
                    let t = store::tags::ensure(self.conn, name, "#64748b")?;
                    self.tags.insert(name.to_lowercase(), t);
                    t
                }
            };
            if !store::tags::has(self.conn, tag, entity, id)? {
                store::tags::tag(self.conn, tag, entity, id)?;
                added.push(tag);
            }
        }
        Ok(added)
    }

    /// The stage a row's deal goes to: its pipeline (by name, else the default) and stage (by name,
    /// ignoring case and spacing, else the first open stage).
    fn stage_for(&mut self, p: &Parsed) -> std::result::Result<Stage, String> {
        let key = |s: &str| s.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect::<String>();
        let pipeline = match &p.pipeline {
            Some(name) => self.pipelines.iter().find(|pl| key(&pl.name) == key(name)).ok_or_else(|| {
                let names: Vec<&str> = self.pipelines.iter().map(|pl| pl.name.as_str()).collect();
                format!("Pipeline “{name}” doesn't exist (pipelines: {}).", names.join(", "))
            })?,
            None => self
                .pipelines
                .iter()
                .find(|pl| pl.is_default)
                .or(self.pipelines.first())
                .ok_or("There is no pipeline to put the deal in.")?,
        };
        match &p.stage {
            Some(name) => match pipeline.stages.iter().find(|s| key(&s.name) == key(name)) {
                Some(s) => Ok(s.clone()),
                None => {
                    self.unknown_stages.insert(name.clone());
                    let names: Vec<&str> = pipeline.stages.iter().map(|s| s.name.as_str()).collect();
                    Err(format!(
                        "Stage “{name}” is not a stage of the {} pipeline (stages: {}).",
                        pipeline.name,
                        names.join(", ")
                    ))
                }
            },
            None => pipeline
                .stages
                .iter()
                .find(|s| s.kind == StageKind::Open)
                .cloned()
                .ok_or_else(|| format!("The {} pipeline has no open stage.", pipeline.name)),
        }
    }

    /// Creates a company from the file's `row`.
    fn insert_company(&mut self, c: &store::companies::NewCompany, row: u32) -> Result<i64> {
        let companies = match &mut self.new_companies {
            Some(companies) => companies,
            None => self.new_companies.insert(store::companies::ImportedCompanies::new(
                self.conn,
                self.import_id,
                &self.now,
            )?),
        };
        companies.insert(c, row)
    }

    /// Notes from the row, attached to the record; returns their ids (an undo of an update removes them).
    fn notes(&mut self, p: &Parsed, contact: Option<i64>, company: Option<i64>, deal: Option<i64>) -> Result<Vec<i64>> {
        if p.notes.is_empty() {
            return Ok(Vec::new());
        }
        let notes = match &mut self.notes {
            Some(notes) => notes,
            None => self.notes.insert(store::notes::ImportedNotes::new(self.conn)?),
        };
        p.notes.iter().map(|body| notes.insert(body, [contact, company, deal], &self.now)).collect()
    }
}

/// Picks a value under the import's policy: update prefers the row, fill keeps what is there.
fn pick<T: Clone>(update: bool, existing: &Option<T>, incoming: &Option<T>) -> Option<T> {
    if update {
        incoming.clone().or_else(|| existing.clone())
    } else {
        existing.clone().or_else(|| incoming.clone())
    }
}

/// Custom values merged under the policy.
fn merge_custom(
    update: bool,
    existing: &serde_json::Value,
    incoming: &crate::domain::CustomValues,
) -> serde_json::Value {
    let mut out = existing.as_object().cloned().unwrap_or_default();
    for (k, v) in incoming {
        if update || !out.contains_key(k) {
            out.insert(k.clone(), v.clone());
        }
    }
    serde_json::Value::Object(out)
}
