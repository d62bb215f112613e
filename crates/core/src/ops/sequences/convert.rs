//! One click from a reply to the pipeline: a replied enrollment becomes an engaged lead, or a deal for the
//! contact and their company in the default pipeline's first stage. The timeline entry it writes on the
//! contact is the record of it: the enrollment reads what it became from there, and the report counts it. The
//! check that it was not converted before runs in the same write transaction, so two clicks make one deal.
use chrono::Utc;
use serde_json::json;

use crate::domain::{ConversionTarget, DealInput, Enrollment, Entity, Lifecycle};
use crate::error::{CoreError, Result};
use crate::ops::deals::insert_deal;
use crate::store::{self, activities::NewActivity, sequence_enrollments as enrollments, sequences};
use crate::time::to_iso;
use crate::Outpost;

impl Outpost {
    pub fn convert_enrollment(&self, id: i64, to: ConversionTarget) -> Result<Enrollment> {
        let at = to_iso(Utc::now());
        let (sequence_id, contact_id, deal_id) = self.db().write(|tx| {
            let e = enrollments::get(tx, id)?;
            if e.stop_code.as_deref() != Some("reply") {
                return Err(CoreError::Conflict(format!(
                    "{} has not replied to this sequence: only a reply can be turned into a lead or a deal.",
                    e.contact_name
                )));
            }
            if let Some(done) = e.converted_to {
                return Err(CoreError::Conflict(format!("This reply was already turned into a {}.", done.as_str())));
            }
            let sequence = sequences::get(tx, e.sequence_id)?;
            let contact = store::contacts::get(tx, e.contact_id)?;
            if contact.deleted_at.is_some() {
                return Err(CoreError::NotFound { entity: "contact", id: e.contact_id });
            }
            let name = e.contact_name.clone();
            let (subject, deal_id, deal_title) = match to {
                ConversionTarget::Lead => {
                    if !store::contacts::make_engaged_lead(tx, contact.id, &at)? {
                        let why = match contact.lifecycle {
                            Lifecycle::Customer => "is a customer already",
                            _ => "was converted from a lead already",
                        };
                        return Err(CoreError::Conflict(format!("{name} {why}: open a deal instead.")));
                    }
                    crate::ops::scoring::rescore_contact(tx, contact.id)?;
                    (format!("{name} replied to “{}” and became an engaged lead", sequence.name), None, None)
                }
                ConversionTarget::Deal => {
                    let who = contact.company_name.clone().filter(|c| !c.trim().is_empty()).unwrap_or(name.clone());
                    let title = format!("{who} — {}", sequence.name);
                    let input = DealInput {
                        title: title.clone(),
                        contact_id: Some(contact.id),
                        company_id: contact.company_id,
                        ..Default::default()
                    };
                    let deal_id = insert_deal(tx, &input, &at)?;
                    (format!("Deal “{title}” opened from a reply to “{}”", sequence.name), Some(deal_id), Some(title))
                }
            };
            store::activities::insert(
                tx,
                &NewActivity {
                    kind: "sequence",
                    subject: &subject,
                    body: None,
                    occurred_at: &at,
                    contact_id: Some(contact.id),
                    company_id: contact.company_id,
                    deal_id,
                    meta: json!({
                        "sequence": sequence.name,
                        "sequence_id": sequence.id,
                        "enrollment_id": id,
                        "converted_to": to.as_str(),
                        "deal": deal_title,
                    }),
                },
            )?;
            Ok((e.sequence_id, contact.id, deal_id))
        })?;
        self.events().changed(Entity::Sequence, vec![sequence_id]);
        self.events().changed(Entity::Contact, vec![contact_id]);
        if let Some(d) = deal_id {
            self.events().changed(Entity::Deal, vec![d]);
        }
        self.db().read(|conn| enrollments::get(conn, id))
    }
}
