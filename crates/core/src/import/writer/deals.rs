//! Deal rows, and deals described on contact rows.
use serde_json::json;

use super::{matching, merge_custom, pick, RowResult, Writer};
use crate::domain::{DealInput, DuplicatePolicy, Entity, RowAction, Stage};
use crate::error::Result;
use crate::import::record::Parsed;
use crate::store;

impl Writer<'_> {
    pub(super) fn deal_row(&mut self, row: u32, p: &Parsed) -> Result<RowResult> {
        let stage = match self.stage_for(p) {
            Ok(s) => s,
            Err(reason) => return Ok(Err(reason)),
        };
        let Some(title) = p.deal_title.clone().or_else(|| p.company.as_ref().map(|c| format!("{c} deal"))) else {
            return Ok(Err("The row has no deal title or company.".into()));
        };
        let company_id = self.company_for(row, p)?;
        let contact_id = self.deal_contact(row, p, company_id)?;
        let existing = store::deals::find_by_title(self.conn, &title, company_id)?;
        let action = match existing {
            None => {
                self.create_deal(row, p, &title, &stage, company_id, contact_id)?;
                RowAction::Create
            }
            Some(id) if self.was_created(Entity::Deal, id) => {
                self.update_deal(id, row, p, self.policy == DuplicatePolicy::Update)?;
                RowAction::Merge
            }
            Some(_) if self.policy == DuplicatePolicy::Skip => RowAction::Skip,
            Some(id) => {
                self.update_deal(id, row, p, self.policy == DuplicatePolicy::Update)?;
                RowAction::Update
            }
        };
        Ok(Ok(action))
    }

    /// The deal's person: an existing contact by email, else a new one when the row names someone.
    fn deal_contact(&mut self, row: u32, p: &Parsed, company_id: Option<i64>) -> Result<Option<i64>> {
        if p.emails.is_empty() && p.first_name.is_none() && p.last_name.is_none() {
            return Ok(None);
        }
        if let Some(id) =
            matching::find_contact(self.conn, &mut self.points, &mut self.people, p, self.fuzzy_threshold, company_id)?
        {
            return Ok(Some(id));
        }
        let input = crate::domain::ContactInput {
            first_name: p.first_name.clone().unwrap_or_default(),
            last_name: p.last_name.clone().unwrap_or_default(),
            company_id,
            ..Default::default()
        };
        let id = store::contacts::insert(self.conn, &input, "{}")?;
        self.people.add(company_id, id);
        store::contacts::set_origin(self.conn, id, self.import_id, row)?;
        self.rescore.push(id);
        store::contact_points::replace(self.conn, id, store::contact_points::Kind::Email, &p.emails)?;
        store::contact_points::replace(self.conn, id, store::contact_points::Kind::Phone, &p.phones)?;
        for (kind, points) in
            [(store::contact_points::Kind::Email, &p.emails), (store::contact_points::Kind::Phone, &p.phones)]
        {
            for (_, normalized) in points {
                self.points.add(kind, normalized, id);
            }
        }
        if p.emails.is_empty() {
            self.points.emailless_at(company_id);
        }
        store::contacts::reindex(self.conn, id)?;
        Ok(Some(id))
    }

    pub(super) fn create_deal(
        &mut self,
        row: u32,
        p: &Parsed,
        title: &str,
        stage: &Stage,
        company_id: Option<i64>,
        contact_id: Option<i64>,
    ) -> Result<i64> {
        // Custom values, tags and notes on a contacts row belong to the contact, not its deal.
        let deals_import = self.entity == crate::domain::ImportEntity::Deals;
        let input = DealInput {
            title: title.to_string(),
            pipeline_id: Some(stage.pipeline_id),
            stage_id: Some(stage.id),
            company_id,
            contact_id,
            value_cents: p.deal_value_cents.unwrap_or(0),
            currency: p.currency.clone(),
            expected_close: p.expected_close.map(|d| d.to_string()),
            custom: if deals_import { p.custom.clone() } else { Default::default() },
            ..Default::default()
        };
        let id = crate::ops::deals::insert_deal(self.conn, &input, &self.now)?;
        store::deals::set_origin(self.conn, id, self.import_id, row)?;
        if deals_import {
            self.tag(Entity::Deal, id, &p.tags)?;
            self.notes(p, contact_id, company_id, Some(id))?;
            // A note is a touch on the person's score.
            if let (Some(contact), false) = (contact_id, p.notes.is_empty()) {
                self.rescore.push(contact);
            }
        }
        Ok(id)
    }

    fn update_deal(&mut self, id: i64, row: u32, p: &Parsed, update: bool) -> Result<()> {
        let before = store::deals::get(self.conn, id)?;
        let value = pick(update, &(before.value_cents != 0).then_some(before.value_cents), &p.deal_value_cents);
        let currency = pick(update, &Some(before.currency.clone()), &p.currency).unwrap_or(before.currency.clone());
        let close = pick(update, &before.expected_close, &p.expected_close.map(|d| d.to_string()));
        let custom = merge_custom(update, &before.custom, &p.custom).to_string();
        store::deals::update(
            self.conn,
            id,
            &store::deals::DealFields {
                title: &before.title,
                company_id: before.company_id,
                contact_id: before.contact_id,
                value_cents: value.unwrap_or(0),
                currency: &currency,
                probability: before.probability_set.then_some(before.probability),
                expected_close: close.as_deref(),
                custom: &custom,
            },
        )?;
        self.updated_by(Entity::Deal, id, row)?;
        if !self.was_created(Entity::Deal, id) {
            let image = json!({ "deal": before, "notes": [], "tags": [] });
            store::imports::add_updated(self.conn, self.import_id, "deal", id, row, &image.to_string())?;
        }
        Ok(())
    }
}
