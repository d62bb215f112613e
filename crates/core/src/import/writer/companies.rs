//! Company rows.
use serde_json::json;

use super::{merge_custom, pick, RowResult, Writer};
use crate::domain::{DuplicatePolicy, Entity, RowAction};
use crate::error::Result;
use crate::import::record::Parsed;
use crate::store::{self, companies::NewCompany};

impl Writer<'_> {
    pub(super) fn company_row(&mut self, row: u32, p: &Parsed) -> Result<RowResult> {
        let domain = p.website.as_ref().map(|w| w.1.clone());
        let Some(name) = p.company.clone().or_else(|| domain.clone()) else {
            return Ok(Err("The row has no company name or website.".into()));
        };
        let existing = self.companies.find(Some(&name), domain.as_deref(), self.fuzzy_threshold);
        let (id, action) = match existing {
            None => {
                let id = self.insert_company(
                    &NewCompany {
                        name: &name,
                        domain: domain.as_deref(),
                        website: p.website.as_ref().map(|w| w.0.as_str()),
                        industry: p.industry.as_deref(),
                        size: p.size.as_deref(),
                        phone: p.phones.first().map(|ph| ph.0.as_str()),
                        city: p.city.as_deref(),
                        country: p.country.as_deref(),
                        description: p.description.as_deref(),
                    },
                    row,
                )?;
                if !p.custom.is_empty() {
                    store::companies::set_custom(self.conn, id, &serde_json::to_string(&p.custom)?)?;
                }
                self.companies.add(id, &name, domain.as_deref());
                (id, RowAction::Create)
            }
            Some(id) if self.was_created(Entity::Company, id) => {
                self.update_company(id, row, p, self.policy == DuplicatePolicy::Update)?;
                (id, RowAction::Merge)
            }
            Some(_) if self.policy == DuplicatePolicy::Skip => return Ok(Ok(RowAction::Skip)),
            Some(id) => {
                self.update_company(id, row, p, self.policy == DuplicatePolicy::Update)?;
                (id, RowAction::Update)
            }
        };
        self.tag(Entity::Company, id, &p.tags)?;
        if action != RowAction::Update {
            self.notes(p, None, Some(id), None)?;
        }
        Ok(Ok(action))
    }

    fn update_company(&mut self, id: i64, row: u32, p: &Parsed, update: bool) -> Result<()> {
        let before = store::companies::get(self.conn, id)?;
        // Another company may own the row's domain; then the domain is left as it is.
        let incoming_domain = p
            .website
            .as_ref()
            .map(|w| w.1.clone())
            .filter(|d| self.companies.find(None, Some(d), 1.0).is_none_or(|owner| owner == id));
        let domain = pick(update, &before.domain, &incoming_domain);
        let website =
            if domain == before.domain { before.website.clone() } else { p.website.as_ref().map(|w| w.0.clone()) };
        let name = if update { p.company.clone().unwrap_or(before.name.clone()) } else { before.name.clone() };
        let phone = p.phones.first().map(|ph| ph.0.clone());
        let fields = [
            pick(update, &before.industry, &p.industry),
            pick(update, &before.size, &p.size),
            pick(update, &before.phone, &phone),
            pick(update, &before.city, &p.city),
            pick(update, &before.country, &p.country),
            pick(update, &before.description, &p.description),
        ];
        let custom = merge_custom(update, &before.custom, &p.custom).to_string();
        store::companies::update(
            self.conn,
            id,
            &NewCompany {
                name: &name,
                domain: domain.as_deref(),
                website: website.as_deref(),
                industry: fields[0].as_deref(),
                size: fields[1].as_deref(),
                phone: fields[2].as_deref(),
                city: fields[3].as_deref(),
                country: fields[4].as_deref(),
                description: fields[5].as_deref(),
            },
            &custom,
        )?;
        self.updated_by(Entity::Company, id, row)?;
        if let Some(d) = &domain {
            self.companies.add(id, &name, Some(d));
        }
        if !self.was_created(Entity::Company, id) {
            let notes = self.notes(p, None, Some(id), None)?;
            let image = json!({ "company": before, "notes": notes, "tags": [] });
            store::imports::add_updated(self.conn, self.import_id, "company", id, row, &image.to_string())?;
        }
        Ok(())
    }
}
