//! What makes a contact acceptable. Each failure names the form field it belongs to.
use rusqlite::Connection;

use crate::domain::{ContactInput, FieldEntity, Lifecycle};
use crate::error::{CoreError, Result};
use crate::normalize;
use crate::ops::custom_fields::check_values;
use crate::store::{self, contact_points::Kind};

pub struct Valid {
    pub input: ContactInput,
    /// (as typed, normalized), primary first.
    pub emails: Vec<(String, String)>,
    pub phones: Vec<(String, String)>,
    /// The custom-values object to store, as JSON.
    pub custom: String,
}

impl Valid {
    /// `id` is the contact being edited, so its own email is not a duplicate of itself.
    pub fn check(conn: &Connection, mut input: ContactInput, id: Option<i64>) -> Result<Valid> {
        input.first_name = input.first_name.trim().to_string();
        input.last_name = input.last_name.trim().to_string();
        for field in
            [&mut input.title, &mut input.company_name, &mut input.city, &mut input.country, &mut input.linkedin]
        {
            *field = normalize::text(field.as_deref());
        }

        let mut emails: Vec<(String, String)> = Vec::new();
        for raw in input.emails.iter().map(|e| e.trim()).filter(|e| !e.is_empty()) {
            let normalized = normalize::email(raw)
                .ok_or_else(|| CoreError::validation("emails", format!("“{raw}” is not a valid email address.")))?;
            if emails.iter().any(|(_, n)| *n == normalized) {
                continue;
            }
            if let Some(owner) =
                store::contact_points::owners(conn, Kind::Email, &normalized)?.into_iter().find(|o| Some(*o) != id)
            {
                let who = store::contacts::get(conn, owner)?;
                let name = format!("{} {}", who.first_name, who.last_name);
                return Err(CoreError::validation(
                    "emails",
                    format!("{raw} already belongs to {} (contact {owner}).", name.trim()),
                ));
            }
            emails.push((raw.to_string(), normalized));
        }

        let mut phones = Vec::new();
        for raw in input.phones.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
            let normalized = normalize::phone(raw)
                .ok_or_else(|| CoreError::validation("phones", format!("“{raw}” is not a phone number.")))?;
            phones.push((raw.to_string(), normalized));
        }

        if input.first_name.is_empty() && input.last_name.is_empty() && emails.is_empty() {
            return Err(CoreError::validation("first_name", "Give the contact a name or an email address."));
        }
        let current = match id {
            Some(id) => Some(store::contacts::get(conn, id)?),
            None => None,
        };
        // A company already linked may sit in the Trash now: editing the contact keeps that link.
        if let Some(company_id) = input.company_id.filter(|&c| Some(c) != current.as_ref().and_then(|p| p.company_id)) {
            store::companies::get(conn, company_id)
                .map_err(|_| CoreError::validation("company_id", "That company no longer exists."))?;
        }
        if input.lifecycle == Some(Lifecycle::Lead) && input.lead_status.is_none() {
            input.lead_status = Some(crate::domain::LeadStatus::New);
        }
        let previous = current.map(|c| c.custom);
        let custom = check_values(conn, FieldEntity::Contact, &input.custom, previous.as_ref())?.to_string();
        Ok(Valid { input, emails, phones, custom })
    }
}
