//! Leads: converting a lead into a contact at a company, with a deal, in one transaction.
use chrono::Utc;
use serde_json::json;

use super::{companies::insert_company, deals::insert_deal};
use crate::domain::{CompanyInput, ContactDetail, Entity, LeadConversion, LeadConverted, LeadStatus, Lifecycle};
use crate::error::{CoreError, Result};
use crate::store::{self, activities::NewActivity};
use crate::time::to_iso;
use crate::Outpost;

/// Mail domains that say nothing about where someone works.
const FREEMAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "hotmail.com",
    "outlook.com",
    "live.com",
    "icloud.com",
    "me.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "mail.ru",
    "yandex.ru",
    "qq.com",
];

/// A custom-field error from the company or deal a conversion creates, renamed so the dialog (which shows both
/// records' fields) can put it at the right one, and worded so it says which record it is about.
fn for_record(e: CoreError, prefix: &str, what: &str) -> CoreError {
    match e {
        CoreError::Validation { field: Some(field), message } if field.starts_with("custom.") => {
            CoreError::Validation {
                field: Some(format!("{prefix}.{field}")),
                message: format!("{} (for the {what})", message.trim_end_matches('.')),
            }
        }
        other => other,
    }
}

impl Outpost {
    pub fn convert_lead(&self, c: LeadConversion) -> Result<LeadConverted> {
        let at = to_iso(Utc::now());
        let (company_id, created, deal_id) = self.db().write(|tx| {
            let lead = store::contacts::get(tx, c.contact_id)?;
            if lead.deleted_at.is_some() {
                return Err(CoreError::NotFound { entity: "contact", id: c.contact_id });
            }
            if lead.lifecycle != Lifecycle::Lead {
                return Err(CoreError::Conflict(format!(
                    "{} {} is not a lead (already a {}).",
                    lead.first_name,
                    lead.last_name,
                    lead.lifecycle.as_str()
                )));
            }
            let domain = lead
                .emails
                .first()
                .and_then(|e| e.value.rsplit('@').next())
                .map(str::to_lowercase)
                .filter(|d| !FREEMAIL.contains(&d.as_str()));
            let mut created = false;
            let company_id = match c.company_id.or(lead.company_id) {
                Some(id) => Some(store::companies::get(tx, id)?.id),
                None => {
                    let by_domain = match &domain {
                        Some(d) => store::companies::find_by_domain(tx, d)?,
                        None => None,
                    };
                    let by_name = match (&by_domain, &lead.company_name) {
                        (None, Some(name)) => store::companies::find_by_name(tx, name)?,
                        _ => None,
                    };
                    match by_domain.or(by_name) {
                        Some(id) => Some(id),
                        None => match lead.company_name.clone().or_else(|| domain.clone()) {
                            Some(name) => {
                                created = true;
                                let input = CompanyInput {
                                    name,
                                    website: domain.clone(),
                                    custom: c.company_custom.clone(),
                                    ..Default::default()
                                };
                                Some(insert_company(tx, &input).map_err(|e| for_record(e, "company", "new company"))?)
                            }
                            None => None,
                        },
                    }
                }
            };
            store::contacts::convert(tx, lead.id, company_id, &at)?;
            store::contacts::reindex(tx, lead.id)?;
            crate::ops::scoring::rescore_contact(tx, lead.id)?;
            let deal_id = match &c.deal {
                Some(d) => {
                    let mut d = d.clone();
                    d.contact_id = Some(lead.id);
                    d.company_id = d.company_id.or(company_id);
                    Some(insert_deal(tx, &d, &at).map_err(|e| for_record(e, "deal", "deal"))?)
                }
                None => None,
            };
            let name = format!("{} {}", lead.first_name, lead.last_name).trim().to_string();
            let company_name = company_id.map(|id| store::companies::get(tx, id).map(|c| c.name)).transpose()?;
            store::activities::insert(
                tx,
                &NewActivity {
                    kind: "lead_converted",
                    subject: &format!("{name} converted from lead"),
                    body: None,
                    occurred_at: &at,
                    contact_id: Some(lead.id),
                    company_id,
                    deal_id,
                    meta: json!({ "contact": name, "company": company_name, "company_created": created }),
                },
            )?;
            Ok((company_id, created, deal_id))
        })?;
        self.events().changed(Entity::Contact, vec![c.contact_id]);
        if let Some(id) = company_id {
            self.events().changed(Entity::Company, vec![id]);
        }
        if let Some(id) = deal_id {
            self.events().changed(Entity::Deal, vec![id]);
        }
        Ok(LeadConverted {
            contact: self.contact(c.contact_id)?,
            company: company_id.map(|id| self.company(id)).transpose()?,
            company_created: created,
            deal: deal_id.map(|id| self.deal(id)).transpose()?,
        })
    }

    /// Changes a lead's status (the Leads view's inline select) and rescores it.
    pub fn set_lead_status(&self, id: i64, status: LeadStatus) -> Result<ContactDetail> {
        self.db().write(|tx| {
            let lead = store::contacts::get(tx, id)?;
            if lead.deleted_at.is_some() {
                return Err(CoreError::NotFound { entity: "contact", id });
            }
            if lead.lifecycle != Lifecycle::Lead {
                return Err(CoreError::Conflict(format!(
                    "{} {} is a {}, not a lead: only leads have a lead status to change.",
                    lead.first_name,
                    lead.last_name,
                    lead.lifecycle.as_str()
                )));
            }
            store::contacts::set_lead_status(tx, id, status)?;
            crate::ops::scoring::rescore_contact(tx, id)
        })?;
        self.events().changed(Entity::Contact, vec![id]);
        self.contact(id)
    }
}
