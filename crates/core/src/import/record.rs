//! One data row read through the plan: typed values, or the reason the row can't be imported (naming the
//! column and the value, never silently blank or zero).
use chrono::NaiveDate;

use super::cell::Cell;
use super::plan::{Plan, Target};
use super::values;
use crate::domain::{CustomValues, FieldType, LeadSource, LeadStatus, Lifecycle};
use crate::normalize;

#[derive(Debug, Default, Clone)]
pub struct Parsed {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    /// (as written, normalized)
    pub emails: Vec<(String, String)>,
    pub phones: Vec<(String, String)>,
    pub title: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub linkedin: Option<String>,
    pub lifecycle: Option<Lifecycle>,
    pub lead_status: Option<LeadStatus>,
    pub lead_source: Option<LeadSource>,
    pub company: Option<String>,
    /// (website as written, registrable domain)
    pub website: Option<(String, String)>,
    pub industry: Option<String>,
    pub size: Option<String>,
    pub description: Option<String>,
    pub deal_title: Option<String>,
    pub deal_value_cents: Option<i64>,
    pub currency: Option<String>,
    pub stage: Option<String>,
    pub pipeline: Option<String>,
    pub expected_close: Option<NaiveDate>,
    pub tags: Vec<String>,
    pub notes: Vec<String>,
    pub custom: CustomValues,
    /// Worked out on the parser's thread to spare the writer's: the company's matching key, and (in a contacts
    /// import) the parts of a new contact's search entry that come from the row alone (`entry_parts`).
    pub company_key: Option<String>,
    pub entry: EntryParts,
}

/// A new contact's search entry as far as the row tells it: the name, the emails and phones, and title, city
/// and country. The writer adds the company between them (`writer::contacts::search_entry`), since an existing
/// company's stored name may be written differently from the row's.
#[derive(Debug, Default, Clone)]
pub struct EntryParts {
    pub title: String,
    pub points: Option<String>,
    pub tail: Option<String>,
}

impl Parsed {
    pub fn has_deal(&self) -> bool {
        self.deal_title.is_some() || self.deal_value_cents.is_some() || self.stage.is_some()
    }

    /// For the preview: (target, value as stored) pairs.
    pub fn display(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut put = |k: &str, v: Option<String>| {
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                out.push((k.to_string(), v));
            }
        };
        put("first_name", self.first_name.clone());
        put("last_name", self.last_name.clone());
        put("email", Some(self.emails.iter().map(|e| e.0.clone()).collect::<Vec<_>>().join(", ")));
        put("phone", Some(self.phones.iter().map(|e| e.0.clone()).collect::<Vec<_>>().join(", ")));
        put("title", self.title.clone());
        put("company", self.company.clone());
        put("website", self.website.as_ref().map(|w| w.1.clone()));
        put("industry", self.industry.clone());
        put("size", self.size.clone());
        put("city", self.city.clone());
        put("country", self.country.clone());
        put("linkedin", self.linkedin.clone());
        put("lifecycle", self.lifecycle.map(|l| l.as_str().to_string()));
        put("lead_status", self.lead_status.map(|l| l.as_str().to_string()));
        put("lead_source", self.lead_source.map(|l| l.as_str().to_string()));
        put("deal_title", self.deal_title.clone());
        put("deal_value", self.deal_value_cents.map(|c| format!("{:.2}", c as f64 / 100.0)));
        put("currency", self.currency.clone());
        put("stage", self.stage.clone());
        put("pipeline", self.pipeline.clone());
        put("expected_close", self.expected_close.map(|d| d.to_string()));
        put("description", self.description.clone());
        put("tags", Some(self.tags.join(", ")));
        put("note", Some(self.notes.join(" / ")));
        for (k, v) in &self.custom {
            put(&format!("custom:{k}"), Some(v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())));
        }
        out
    }
}

/// Reads one row. Err is the reason it is rejected.
pub fn parse(plan: &Plan, cells: &[Cell]) -> Result<Parsed, String> {
    let mut p = Parsed::default();
    for (i, target) in plan.targets.iter().enumerate() {
        if matches!(target, Target::Ignore) {
            continue;
        }
        let Some((cell, text)) = cells.get(i).and_then(|c| Some((c, c.shown()?))) else { continue };
        let header = &plan.headers[i];
        let bad = |what: &str| format!("Column “{header}”: “{text}” is not {what}.");
        match target {
            Target::Ignore => {}
            Target::Custom(f) => {
                let v = custom_value(f.field_type, &f.options, cell, plan.styles[i])
                    .ok_or_else(|| bad(&custom_expectation(f.field_type, &f.options)))?;
                p.custom.insert(f.key.clone(), v);
            }
            Target::Field(name) => match *name {
                "first_name" => p.first_name = Some(text),
                "last_name" => p.last_name = Some(text),
                "full_name" => {
                    let (first, last) = split_name(&text);
                    p.first_name = p.first_name.take().or(first);
                    p.last_name = p.last_name.take().or(last);
                }
                "email" => {
                    for e in values::split_multi(&text) {
                        let n = normalize::email(e)
                            .ok_or_else(|| format!("Column “{header}”: “{e}” is not a valid email address."))?;
                        if !p.emails.iter().any(|(_, x)| *x == n) {
                            p.emails.push((e.to_string(), n));
                        }
                    }
                }
                "phone" if plan.entity == crate::domain::ImportEntity::Companies => {
                    p.phones.push(phone(&text, header, plan.default_country.as_deref())?)
                }
                "phone" => {
                    for ph in values::split_multi(&text) {
                        let pair = phone(ph, header, plan.default_country.as_deref())?;
                        if !p.phones.iter().any(|(_, x)| *x == pair.1) {
                            p.phones.push(pair);
                        }
                    }
                }
                "title" => p.title = Some(text),
                "company" => p.company = Some(text),
                "website" => {
                    let d = normalize::domain(&text).ok_or_else(|| bad("a website or domain"))?;
                    p.website = Some((text, d));
                }
                "industry" => p.industry = Some(text),
                "size" => p.size = Some(text),
                "description" => p.description = Some(text),
                "city" => p.city = Some(text),
                "country" => p.country = Some(text),
                "linkedin" => p.linkedin = Some(text),
                "lifecycle" => p.lifecycle = Some(lifecycle(&text)),
                "lead_status" => {
                    p.lead_status = Some(lead_status(&text).ok_or_else(|| {
                        bad("a lead status (new, contacted, engaged, qualified, disqualified, nurturing)")
                    })?)
                }
                "lead_source" => p.lead_source = Some(lead_source(&text)),
                "deal_title" => p.deal_title = Some(text),
                "deal_value" => {
                    let n = values::number(cell, plan.styles[i]).ok_or_else(|| bad("an amount"))?;
                    if n < 0.0 {
                        return Err(bad("a positive amount"));
                    }
                    p.deal_value_cents = Some((n * 100.0).round() as i64);
                    if p.currency.is_none() {
                        p.currency = values::currency_of(&text).map(str::to_string);
                    }
                }
                "currency" => {
                    let code = text.trim().to_ascii_uppercase();
                    let code = values::currency_of(&code).map(str::to_string).unwrap_or(code);
                    if code.len() != 3 || !code.chars().all(|c| c.is_ascii_alphabetic()) {
                        return Err(bad("a currency code like USD or EUR"));
                    }
                    p.currency = Some(code);
                }
                "stage" => p.stage = Some(text),
                "pipeline" => p.pipeline = Some(text),
                "expected_close" => {
                    p.expected_close = Some(values::date(cell, plan.styles[i]).ok_or_else(|| bad("a date"))?)
                }
                "tags" => {
                    for t in values::split_multi(&text.replace(',', ";")) {
                        // Google Contacts adds "* myContacts" to every row; it is not a tag anyone chose.
                        let t = t.trim_start_matches("* ").to_string();
                        if t != "myContacts" && !p.tags.contains(&t) {
                            p.tags.push(t);
                        }
                    }
                }
                "note" => p.notes.push(text),
                _ => {}
            },
        }
    }
    p.company_key = p.company.as_deref().map(crate::import::writer::company_key);
    // Only a contacts import creates contacts from its rows.
    if plan.entity == crate::domain::ImportEntity::Contacts {
        p.entry = entry_parts(&p);
    }
    Ok(p)
}

fn entry_parts(p: &Parsed) -> EntryParts {
    let names = [&p.first_name, &p.last_name].into_iter().flatten().map(|n| n.trim()).filter(|n| !n.is_empty());
    let title = crate::store::search_index::joined(names);
    let points = crate::store::search_index::joined(p.emails.iter().chain(&p.phones).map(|(value, _)| value.as_str()));
    let tail =
        crate::store::search_index::joined([&p.title, &p.city, &p.country].into_iter().flatten().map(String::as_str));
    EntryParts { title, points: (!points.is_empty()).then_some(points), tail: (!tail.is_empty()).then_some(tail) }
}

/// (as stored, dedup key). With a default country the number is checked and both are E.164.
fn phone(text: &str, header: &str, country: Option<&str>) -> Result<(String, String), String> {
    let bad = || format!("Column “{header}”: “{text}” is not a phone number.");
    match country {
        Some(c) => {
            let e164 = normalize::phone_e164(text, c).ok_or_else(|| format!("{} (read as a number in {c})", bad()))?;
            Ok((e164.clone(), e164))
        }
        None => Ok((text.trim().to_string(), normalize::phone(text).ok_or_else(bad)?)),
    }
}

/// "Ada Lovelace" -> (Ada, Lovelace); "Lovelace, Ada" -> (Ada, Lovelace); "Cher" -> (Cher, -).
pub fn split_name(full: &str) -> (Option<String>, Option<String>) {
    let full = full.trim();
    if let Some((last, first)) = full.split_once(',') {
        return (Some(first.trim().to_string()).filter(|s| !s.is_empty()), Some(last.trim().to_string()));
    }
    match full.rsplit_once(' ') {
        Some((first, last)) => (Some(first.trim().to_string()), Some(last.trim().to_string())),
        None => (Some(full.to_string()), None),
    }
}

fn key(text: &str) -> String {
    text.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect()
}

fn lifecycle(text: &str) -> Lifecycle {
    match key(text).as_str() {
        "lead" | "subscriber" | "marketingqualifiedlead" | "salesqualifiedlead" | "mql" | "sql" | "prospect" => {
            Lifecycle::Lead
        }
        "customer" | "evangelist" | "client" | "kunde" => Lifecycle::Customer,
        _ => Lifecycle::Contact,
    }
}

fn lead_status(text: &str) -> Option<LeadStatus> {
    Some(match key(text).as_str() {
        "new" | "open" | "neu" | "nouveau" | "nuevo" => LeadStatus::New,
        "contacted" | "attemptedtocontact" | "inprogress" | "working" | "workingcontacted" => LeadStatus::Contacted,
        "engaged" | "connected" | "openedeal" | "opendeal" => LeadStatus::Engaged,
        "qualified" | "salesqualified" | "closedconverted" | "converted" => LeadStatus::Qualified,
        "disqualified" | "unqualified" | "badtiming" | "closednotconverted" | "junk" => LeadStatus::Disqualified,
        "nurturing" | "nurture" => LeadStatus::Nurturing,
        _ => return None,
    })
}

/// Sources outside the known list are kept as "other" rather than rejecting the row.
fn lead_source(text: &str) -> LeadSource {
    match key(text).as_str() {
        "website" | "web" | "organic" | "organicsearch" | "direct" | "directtraffic" | "webform" | "inbound" => {
            LeadSource::Website
        }
        "referral" | "referrals" | "employeereferral" | "customerreferral" | "wordofmouth" => LeadSource::Referral,
        "coldcall" | "phone" | "phoneinquiry" | "call" => LeadSource::ColdCall,
        "coldemail" | "email" | "outbound" | "emailmarketing" => LeadSource::ColdEmail,
        "event" | "events" | "tradeshow" | "conference" | "webinar" | "seminar" => LeadSource::Event,
        "social" | "socialmedia" | "linkedin" | "twitter" | "facebook" | "instagram" | "organicsocial" => {
            LeadSource::Social
        }
        "partner" | "partnerreferral" | "reseller" => LeadSource::Partner,
        "import" | "offlinesources" => LeadSource::Import,
        _ => LeadSource::Other,
    }
}

fn custom_expectation(t: FieldType, options: &[String]) -> String {
    match t {
        FieldType::Text => "text".into(),
        FieldType::Number => "a number".into(),
        FieldType::Date => "a date".into(),
        FieldType::Bool => "yes or no".into(),
        FieldType::Select | FieldType::Multiselect => format!("one of: {}", options.join(", ")),
    }
}

fn custom_value(
    t: FieldType,
    options: &[String],
    cell: &Cell,
    style: values::ColumnStyle,
) -> Option<serde_json::Value> {
    use serde_json::Value;
    let choice = |s: &str| options.iter().find(|o| o.eq_ignore_ascii_case(s.trim())).cloned();
    Some(match t {
        FieldType::Text => Value::String(cell.text()),
        FieldType::Number => serde_json::Number::from_f64(values::number(cell, style)?).map(Value::Number)?,
        FieldType::Date => Value::String(values::date(cell, style)?.to_string()),
        FieldType::Bool => Value::Bool(values::boolean(cell)?),
        FieldType::Select => Value::String(choice(&cell.text())?),
        FieldType::Multiselect => {
            let mut out = Vec::new();
            for part in values::split_multi(&cell.text().replace(',', ";")) {
                out.push(Value::String(choice(part)?));
            }
            Value::Array(out)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split() {
        assert_eq!(split_name("Ada King Lovelace"), (Some("Ada King".into()), Some("Lovelace".into())));
        assert_eq!(split_name("Lovelace, Ada"), (Some("Ada".into()), Some("Lovelace".into())));
        assert_eq!(split_name("Cher"), (Some("Cher".into()), None));
    }

    #[test]
    fn statuses_and_sources() {
        assert_eq!(lead_status("Attempted to Contact"), Some(LeadStatus::Contacted));
        assert_eq!(lead_status("banana"), None);
        assert_eq!(lead_source("Trade Show"), LeadSource::Event);
        assert_eq!(lead_source("Google Ads"), LeadSource::Other);
        assert_eq!(lifecycle("marketingqualifiedlead"), Lifecycle::Lead);
    }
}
