//! Contact rows (leads included), with their company, tags, notes and an optional deal.
use serde_json::json;

use super::{matching, merge_custom, pick, RowResult, Writer};
use crate::domain::{ContactDetail, ContactInput, Entity, LeadStatus, Lifecycle, RowAction};
use crate::error::Result;
use crate::import::record::Parsed;
use crate::store::contact_points::{Kind, NewPoint};
use crate::store::{self, companies::NewCompany};

impl Writer<'_> {
    pub(super) fn contact_row(&mut self, row: u32, p: &Parsed) -> Result<RowResult> {
        if p.first_name.is_none() && p.last_name.is_none() && p.emails.is_empty() {
            return Ok(Err("The row has no name and no email address.".into()));
        }
        // Decide the deal's stage before writing anything, so a bad stage rejects the whole row.
        let stage = if p.has_deal() {
            match self.stage_for(p) {
                Ok(s) => Some(s),
                Err(reason) => return Ok(Err(reason)),
            }
        } else {
            None
        };
        // Looked up once per row: it narrows the fuzzy match and is the contact's company unless new.
        let known = self.known_company(p);
        let (id, action) = match matching::find_contact(
            self.conn,
            &mut self.points,
            &mut self.people,
            p,
            self.fuzzy_threshold,
            known,
        )? {
            None => (self.create_contact(row, p, known)?, RowAction::Create),
            Some(id) if self.was_created(Entity::Contact, id) => {
                self.update_contact(id, row, p, known, self.policy == crate::domain::DuplicatePolicy::Update)?;
                (id, RowAction::Merge)
            }
            Some(id) => match self.policy {
                crate::domain::DuplicatePolicy::Skip => return Ok(Ok(RowAction::Skip)),
                policy => {
                    self.update_contact(id, row, p, known, policy == crate::domain::DuplicatePolicy::Update)?;
                    (id, RowAction::Update)
                }
            },
        };
        if let Some(stage) = stage {
            self.contact_deal(id, row, p, &stage)?;
        }
        Ok(Ok(action))
    }

    /// The existing company a row names (by website domain, then name).
    fn known_company(&self, p: &Parsed) -> Option<i64> {
        self.companies.find_key(
            p.company_key.as_deref(),
            p.website.as_ref().map(|w| w.1.as_str()),
            self.fuzzy_threshold,
        )
    }

    /// The company a row names, created when new.
    pub(super) fn company_for(&mut self, row: u32, p: &Parsed) -> Result<Option<i64>> {
        let known = self.known_company(p);
        self.company_or_new(row, p, known)
    }

    /// `known` (the row's existing company, already looked up), else a new company from the row.
    fn company_or_new(&mut self, row: u32, p: &Parsed, known: Option<i64>) -> Result<Option<i64>> {
        if known.is_some() {
            return Ok(known);
        }
        let domain = p.website.as_ref().map(|w| w.1.as_str());
        let Some(name) = p.company.clone().or_else(|| domain.map(str::to_string)) else { return Ok(None) };
        let id = self.insert_company(
            &NewCompany {
                name: &name,
                domain,
                website: p.website.as_ref().map(|w| w.0.as_str()),
                industry: p.industry.as_deref(),
                size: None,
                phone: None,
                city: None,
                country: None,
                description: None,
            },
            row,
        )?;
        self.companies.add(id, &name, domain);
        self.scorer.company_created(id, p.industry.as_deref());
        Ok(Some(id))
    }

    fn create_contact(&mut self, row: u32, p: &Parsed, known: Option<i64>) -> Result<i64> {
        let company_id = self.company_or_new(row, p, known)?;
        let lifecycle = p.lifecycle.or((p.lead_status.is_some() || p.lead_source.is_some()).then_some(Lifecycle::Lead));
        let input = ContactInput {
            first_name: p.first_name.clone().unwrap_or_default(),
            last_name: p.last_name.clone().unwrap_or_default(),
            title: p.title.clone(),
            company_id,
            company_name: if company_id.is_some() { None } else { p.company.clone() },
            lifecycle,
            lead_status: p.lead_status.or((lifecycle == Some(Lifecycle::Lead)).then_some(LeadStatus::New)),
            lead_source: p.lead_source,
            emails: vec![],
            phones: vec![],
            city: p.city.clone(),
            country: p.country.clone(),
            linkedin: p.linkedin.clone(),
            custom: Default::default(),
        };
        // Most rows have no custom values: the empty object needs no serializer.
        let custom =
            if p.custom.is_empty() { "{}".into() } else { std::borrow::Cow::Owned(serde_json::to_string(&p.custom)?) };
        let score = self.scorer.new_contact(self.conn, &input, p.notes.len(), &self.now)?;
        let company = company_id.and_then(|c| self.companies.name(c)).or(input.company_name.as_deref());
        let inserter = match &mut self.contacts {
            Some(inserter) => inserter,
            None => self.contacts.insert(store::contacts::ImportedInserter::new(self.conn, self.import_id, &self.now)?),
        };
        let id = inserter.insert(&store::contacts::Imported {
            input: &input,
            custom: &custom,
            primary_email: p.emails.first().map(|e| e.0.as_str()),
            company_display: company,
            row,
            score: &score,
        })?;
        let (title, body) = search_entry(p, company);
        for (kind, points) in [(Kind::Email, &p.emails), (Kind::Phone, &p.phones)] {
            for (i, (value, normalized)) in points.iter().enumerate() {
                let point = NewPoint {
                    contact_id: id,
                    kind,
                    value: value.clone(),
                    normalized: normalized.clone(),
                    primary: i == 0,
                };
                self.points.add_new(point)?;
            }
        }
        if p.emails.is_empty() {
            self.points.emailless_at(company_id);
        }
        self.people.add(company_id, id);
        self.tag(Entity::Contact, id, &p.tags)?;
        self.notes(p, Some(id), company_id, None)?;
        store::search_index::put_new(self.conn, Entity::Contact, id, title, body)?;
        Ok(id)
    }

    /// Applies the row to an existing contact: `update` overwrites with the row's values, otherwise only
    /// empty fields are filled. The first touch stores the contact's before-image for undo.
    fn update_contact(&mut self, id: i64, row: u32, p: &Parsed, known: Option<i64>, update: bool) -> Result<()> {
        self.points.settle_for(id)?;
        let before = store::contacts::get(self.conn, id)?;
        let company_id = match self.company_or_new(row, p, known)? {
            Some(c) => pick(update, &before.company_id, &Some(c)),
            None => before.company_id,
        };
        let input = ContactInput {
            first_name: pick_text(update, &before.first_name, &p.first_name),
            last_name: pick_text(update, &before.last_name, &p.last_name),
            title: pick(update, &before.title, &p.title),
            company_id,
            company_name: if company_id.is_some() { None } else { pick(update, &before.company_name, &p.company) },
            lifecycle: Some(if update { p.lifecycle.unwrap_or(before.lifecycle) } else { before.lifecycle }),
            lead_status: pick(update, &before.lead_status, &p.lead_status),
            lead_source: pick(update, &before.lead_source, &p.lead_source),
            emails: vec![],
            phones: vec![],
            city: pick(update, &before.city, &p.city),
            country: pick(update, &before.country, &p.country),
            linkedin: pick(update, &before.linkedin, &p.linkedin),
            custom: Default::default(),
        };
        let custom = merge_custom(update, &before.custom, &p.custom);
        // A row that repeats what the contact has leaves its record untouched, updated_at included: nothing
        // changed, and the write would dirty a page of a contact written long before (a file's duplicates).
        if fields_changed(&before, &input, &custom) {
            store::contacts::update(self.conn, id, &input, &custom.to_string())?;
        }
        self.people.moved(id, before.company_id, company_id);
        self.updated_by(Entity::Contact, id, row)?;
        let mut points_added = false;
        for (points, kind, have) in [(&p.emails, Kind::Email, &before.emails), (&p.phones, Kind::Phone, &before.phones)]
        {
            let mut primary = have.is_empty();
            for (value, normalized) in points {
                let known = have.iter().any(|h| normalized_of(kind, &h.value).as_deref() == Some(normalized));
                if !known && self.points.owners(self.conn, kind, normalized)?.is_empty() {
                    store::contact_points::add(self.conn, id, kind, value, normalized, primary)?;
                    self.points.add(kind, normalized, id);
                    primary = false;
                    points_added = true;
                }
            }
        }
        if before.emails.is_empty() {
            self.points.emailless_at(company_id);
        }
        let tags = self.tag(Entity::Contact, id, &p.tags)?;
        let notes = self.notes(p, Some(id), company_id, None)?;
        // A row repeating what the contact has (a duplicate in the file, most often) leaves its entry and its
        // score as they are: both are worked out again from the database at the end, which cost a merged
        // duplicate as much as writing it.
        if points_added || search_entry_changed(&before, &input) {
            store::contacts::reindex(self.conn, id)?;
        }
        if !notes.is_empty() || score_changed(&before, &input) {
            self.rescore.push(id);
        }
        if !self.was_created(Entity::Contact, id) {
            self.remember_before(id, row, &before, &tags, &notes)?;
        }
        Ok(())
    }

    /// The before-image is kept from the first touch; later rows only add to the lists of added notes/tags.
    fn remember_before(&self, id: i64, row: u32, before: &ContactDetail, tags: &[i64], notes: &[i64]) -> Result<()> {
        let existing = store::imports::before(self.conn, self.import_id, "contact", id)?;
        match existing.and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok()) {
            None => {
                let image = json!({ "contact": before, "tags": tags, "notes": notes });
                store::imports::add_updated(self.conn, self.import_id, "contact", id, row, &image.to_string())
            }
            Some(mut image) => {
                for (key, more) in [("tags", tags), ("notes", notes)] {
                    if let Some(list) = image[key].as_array_mut() {
                        list.extend(more.iter().map(|v| json!(v)));
                    }
                }
                store::imports::set_before(self.conn, self.import_id, "contact", id, &image.to_string())
            }
        }
    }

    /// A deal described on a contact row, unless that contact already has a deal with the same title.
    fn contact_deal(&mut self, contact_id: i64, row: u32, p: &Parsed, stage: &crate::domain::Stage) -> Result<()> {
        self.points.settle_for(contact_id)?;
        let contact = store::contacts::get(self.conn, contact_id)?;
        let who = format!("{} {}", contact.first_name, contact.last_name).trim().to_string();
        let title = p.deal_title.clone().unwrap_or_else(|| match &contact.company_name {
            Some(company) => format!("{company} – {who}"),
            None => format!("{who} deal"),
        });
        if store::deals::find_by_title(self.conn, &title, contact.company_id)?.is_some() {
            return Ok(());
        }
        self.create_deal(row, p, &title, stage, contact.company_id, Some(contact_id))?;
        Ok(())
    }
}

/// A new contact's search entry, the same text `store::contacts::reindex` reads back: the name, then its
/// emails and phones in the order written, company, title, city and country.
fn search_entry(p: &Parsed, company: Option<&str>) -> (String, String) {
    let parts = [p.entry.points.as_deref(), company, p.entry.tail.as_deref()];
    (p.entry.title.clone(), store::search_index::joined(parts.into_iter().flatten()))
}

/// Whether an update changes what a contact's search entry is made of (`store::contacts::reindex`): its name,
/// company, title and place (its emails and phones are the caller's to tell).
fn search_entry_changed(before: &ContactDetail, after: &ContactInput) -> bool {
    before.first_name != after.first_name
        || before.last_name != after.last_name
        || before.company_id != after.company_id
        // `company_name` reads as the linked company's name when there is one.
        || (after.company_id.is_none() && before.company_name != after.company_name)
        || before.title != after.title
        || before.city != after.city
        || before.country != after.country
}

/// Whether an update changes any field of the contact's own record (`store::contacts::update` writes them all).
fn fields_changed(before: &ContactDetail, after: &ContactInput, custom: &serde_json::Value) -> bool {
    let no_custom = |v: &serde_json::Value| v.is_null() || v.as_object().is_some_and(|m| m.is_empty());
    search_entry_changed(before, after)
        || Some(before.lifecycle) != after.lifecycle
        || before.lead_status != after.lead_status
        || before.lead_source != after.lead_source
        || before.linkedin != after.linkedin
        || (*custom != before.custom && !(no_custom(custom) && no_custom(&before.custom)))
}

/// Whether an update changes a fact the contact's score reads (`store::scoring::ScoreFacts`), notes aside;
/// a contact never scored is scored now.
fn score_changed(before: &ContactDetail, after: &ContactInput) -> bool {
    before.score.is_none()
        || before.lead_status != after.lead_status
        || before.lead_source != after.lead_source
        || before.title != after.title
        || before.country != after.country
        || before.company_id != after.company_id
}

fn pick_text(update: bool, existing: &str, incoming: &Option<String>) -> String {
    let existing = (!existing.is_empty()).then(|| existing.to_string());
    pick(update, &existing, incoming).unwrap_or_default()
}

fn normalized_of(kind: Kind, value: &str) -> Option<String> {
    match kind {
        Kind::Email => crate::normalize::email(value),
        Kind::Phone => crate::normalize::phone(value),
    }
}
