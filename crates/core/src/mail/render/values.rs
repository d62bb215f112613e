//! Records as template values. An empty field is left out (undefined to the template), so
//! `default("there")` covers both a missing and a blank first name.
use std::collections::{BTreeMap, HashMap};

use minijinja::Value;
use rusqlite::Connection;

use super::fields;
use crate::domain::{CustomField, FieldEntity, FieldType, MergeScope, RenderContext};
use crate::error::{CoreError, Result};
use crate::store::merge_data::{self, MergeCompany, MergeContact, MergeDeal};

/// One record's fields and custom fields.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    fields: BTreeMap<&'static str, Value>,
    custom: BTreeMap<String, Value>,
}

impl Scope {
    fn text(&mut self, name: &'static str, value: Option<&str>) {
        if let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) {
            self.fields.insert(name, Value::from(v));
        }
    }

    fn custom_json(&mut self, json: &str) {
        let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(json) else { return };
        for (key, v) in map {
            if let Some(v) = json_value(&v) {
                self.custom.insert(key, v);
            }
        }
    }

    fn value(&self) -> Value {
        let mut map: BTreeMap<&str, Value> = self.fields.iter().map(|(k, v)| (*k, v.clone())).collect();
        map.insert("custom", Value::from(self.custom.clone()));
        Value::from(map)
    }
}

/// Custom values as the template sees them: multiselects as "a, b", blanks left out.
fn json_value(v: &serde_json::Value) -> Option<Value> {
    match v {
        serde_json::Value::String(s) => Some(s.trim()).filter(|s| !s.is_empty()).map(Value::from),
        // Numbers come back from JSON as 40.0: a whole number prints as "40".
        serde_json::Value::Number(n) => n.as_i64().map(Value::from).or_else(|| {
            let f = n.as_f64()?;
            Some(if f.fract() == 0.0 && f.abs() < 1e15 { Value::from(f as i64) } else { Value::from(f) })
        }),
        serde_json::Value::Bool(b) => Some(Value::from(*b)),
        serde_json::Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .filter_map(|i| match i {
                    serde_json::Value::String(s) => Some(s.trim().to_string()),
                    serde_json::Value::Null => None,
                    other => Some(other.to_string()),
                })
                .filter(|s| !s.is_empty())
                .collect();
            (!parts.is_empty()).then(|| Value::from(parts.join(", ")))
        }
        serde_json::Value::Null | serde_json::Value::Object(_) => None,
    }
}

/// What one message merges in: its contact, company and deal (any may be empty).
#[derive(Debug, Clone, Default)]
pub struct MergeValues {
    pub contact: Scope,
    pub company: Scope,
    pub deal: Scope,
}

impl MergeValues {
    pub fn context(&self) -> Value {
        Value::from(BTreeMap::from([
            ("contact", self.contact.value()),
            ("company", self.company.value()),
            ("deal", self.deal.value()),
        ]))
    }

    fn scope(&self, name: &str) -> Option<&Scope> {
        match name {
            "contact" => Some(&self.contact),
            "company" => Some(&self.company),
            "deal" => Some(&self.deal),
            _ => None,
        }
    }

    fn scope_mut(&mut self, name: &str) -> Option<&mut Scope> {
        match name {
            "contact" => Some(&mut self.contact),
            "company" => Some(&mut self.company),
            "deal" => Some(&mut self.deal),
            _ => None,
        }
    }

    /// Whether a known field ("contact.title", "deal.custom.tier") has no value here. Names that are not
    /// fields ("contact", "contact.custom") never count as missing.
    pub fn is_missing(&self, path: &str) -> bool {
        let mut parts = path.splitn(3, '.');
        let (Some(scope), Some(field)) = (parts.next(), parts.next()) else { return false };
        let Some(s) = self.scope(scope) else { return false };
        match (field, parts.next()) {
            ("custom", Some(key)) => !s.custom.contains_key(key),
            ("custom", None) => false,
            (field, None) => {
                let known = MergeScopeName::parse(scope)
                    .is_some_and(|sc| fields::standard(sc).iter().any(|(f, _)| *f == field));
                known && !s.fields.keys().any(|k| *k == field)
            }
            _ => false,
        }
    }

    /// A copy with `path` given a value, to see whether the template printed it.
    pub fn with_filled(&self, path: &str) -> MergeValues {
        let mut out = self.clone();
        let mut parts = path.splitn(3, '.');
        if let (Some(scope), Some(field)) = (parts.next(), parts.next()) {
            let probe = Value::from("x");
            if let Some(s) = out.scope_mut(scope) {
                match (field, parts.next()) {
                    ("custom", Some(key)) => {
                        s.custom.insert(key.to_string(), probe);
                    }
                    (field, None) => {
                        if let Some(name) = static_name(scope, field) {
                            s.fields.insert(name, probe);
                        }
                    }
                    _ => {}
                }
            }
        }
        out
    }

    /// Every field filled with an example of its kind, for checking a template renders at all.
    pub fn sample(custom: &[CustomField]) -> MergeValues {
        let mut out = MergeValues::default();
        for (scope, name) in
            [(MergeScope::Contact, "contact"), (MergeScope::Company, "company"), (MergeScope::Deal, "deal")]
        {
            let s = out.scope_mut(name).expect("known scope");
            for (field, label) in fields::standard(scope) {
                s.fields.insert(field, Value::from(*label));
            }
        }
        for f in custom {
            let v = match f.field_type {
                FieldType::Number => Value::from(42),
                FieldType::Bool => Value::from(true),
                FieldType::Date => Value::from("2025-01-31"),
                _ => Value::from(f.label.as_str()),
            };
            let name = match f.entity {
                FieldEntity::Contact => "contact",
                FieldEntity::Company => "company",
                FieldEntity::Deal => "deal",
            };
            out.scope_mut(name).expect("known scope").custom.insert(f.key.clone(), v);
        }
        out
    }
}

struct MergeScopeName;
impl MergeScopeName {
    fn parse(s: &str) -> Option<MergeScope> {
        match s {
            "contact" => Some(MergeScope::Contact),
            "company" => Some(MergeScope::Company),
            "deal" => Some(MergeScope::Deal),
            _ => None,
        }
    }
}

fn static_name(scope: &str, field: &str) -> Option<&'static str> {
    let scope = MergeScopeName::parse(scope)?;
    fields::standard(scope).iter().find(|(f, _)| *f == field).map(|(f, _)| *f)
}

fn contact_scope(c: &MergeContact) -> Scope {
    let mut s = Scope::default();
    let full = format!("{} {}", c.first_name.trim(), c.last_name.trim());
    s.text("first_name", Some(&c.first_name));
    s.text("last_name", Some(&c.last_name));
    s.text("full_name", Some(&full));
    s.text("email", c.email.as_deref());
    s.text("phone", c.phone.as_deref());
    s.text("title", c.title.as_deref());
    s.text("city", c.city.as_deref());
    s.text("country", c.country.as_deref());
    s.text("linkedin", c.linkedin.as_deref());
    s.custom_json(&c.custom);
    s
}

fn company_scope(c: &MergeCompany) -> Scope {
    let mut s = Scope::default();
    s.text("name", Some(&c.name));
    s.text("domain", c.domain.as_deref());
    s.text("website", c.website.as_deref());
    s.text("industry", c.industry.as_deref());
    s.text("size", c.size.as_deref());
    s.text("phone", c.phone.as_deref());
    s.text("city", c.city.as_deref());
    s.text("country", c.country.as_deref());
    s.custom_json(&c.custom);
    s
}

fn deal_scope(d: &MergeDeal) -> Scope {
    let mut s = Scope::default();
    s.text("title", Some(&d.title));
    s.text("value", Some(&money(d.value_cents, &d.currency)));
    s.text("currency", Some(&d.currency));
    s.text("stage", Some(&d.stage));
    s.text("status", Some(&d.status));
    s.text("expected_close", d.expected_close.as_deref());
    s.custom_json(&d.custom);
    s
}

/// "$12,500", "€1,234.50", "CHF 900": how a rep would write the amount in an email.
pub fn money(cents: i64, currency: &str) -> String {
    let negative = cents < 0;
    let cents = cents.unsigned_abs();
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if !cents.is_multiple_of(100) {
        grouped.push_str(&format!(".{:02}", cents % 100));
    }
    let sign = if negative { "-" } else { "" };
    match currency {
        "USD" => format!("{sign}${grouped}"),
        "EUR" => format!("{sign}€{grouped}"),
        "GBP" => format!("{sign}£{grouped}"),
        "JPY" => format!("{sign}¥{grouped}"),
        other => format!("{sign}{other} {grouped}"),
    }
}

/// The merge values of each context, in order, with three queries whatever their number: contacts (and
/// the deals' contacts), deals, then all their companies. A context naming a deleted or unknown record
/// is NotFound.
pub fn load(conn: &Connection, contexts: &[RenderContext]) -> Result<Vec<MergeValues>> {
    let deal_ids: Vec<i64> = contexts.iter().filter_map(|c| c.deal_id).collect();
    let deals: HashMap<i64, MergeDeal> =
        merge_data::deals(conn, &dedup(deal_ids))?.into_iter().map(|d| (d.id, d)).collect();

    let contact_of = |c: &RenderContext| c.contact_id.or_else(|| c.deal_id.and_then(|d| deals.get(&d)?.contact_id));
    let contact_ids: Vec<i64> = contexts.iter().filter_map(contact_of).collect();
    let contacts: HashMap<i64, MergeContact> =
        merge_data::contacts(conn, &dedup(contact_ids))?.into_iter().map(|c| (c.id, c)).collect();

    let company_of = |c: &RenderContext| {
        let from_contact = contact_of(c).and_then(|id| contacts.get(&id)?.company_id);
        from_contact.or_else(|| c.deal_id.and_then(|d| deals.get(&d)?.company_id))
    };
    let company_ids: Vec<i64> = contexts.iter().filter_map(company_of).collect();
    let companies: HashMap<i64, Scope> =
        merge_data::companies(conn, &dedup(company_ids))?.into_iter().map(|c| (c.id, company_scope(&c))).collect();

    // Scopes shared by many messages (a company, a deal) are built once.
    let mut deal_scopes: HashMap<i64, Scope> = HashMap::new();
    let mut out = Vec::with_capacity(contexts.len());
    for ctx in contexts {
        let mut values = MergeValues::default();
        if let Some(id) = ctx.deal_id {
            let deal = deals.get(&id).ok_or(CoreError::NotFound { entity: "deal", id })?;
            values.deal = deal_scopes.entry(id).or_insert_with(|| deal_scope(deal)).clone();
        }
        if let Some(id) = contact_of(ctx) {
            let contact = contacts.get(&id);
            match (contact, ctx.contact_id) {
                (Some(c), _) => values.contact = contact_scope(c),
                // Asked for by id: it must exist. A deal's deleted contact just leaves the fields empty.
                (None, Some(id)) => return Err(CoreError::NotFound { entity: "contact", id }),
                (None, None) => {}
            }
            if let Some(c) = contact.filter(|c| c.company_id.is_none()) {
                // A fresh lead's employer is free text until it is linked: still the company's name.
                values.company.text("name", c.company_name.as_deref());
            }
        }
        if let Some(company) = company_of(ctx).and_then(|id| companies.get(&id)) {
            values.company = company.clone();
        }
        out.push(values);
    }
    Ok(out)
}

fn dedup(mut ids: Vec<i64>) -> Vec<i64> {
    ids.sort_unstable();
    ids.dedup();
    ids
}
