//! The columns each list exports, named so a re-import maps them back by itself.
use super::ExportValue;
use crate::domain::{CompanyRow, ContactRow, CustomField, DealRow, ListEntity, RowTag};

pub struct Column {
    pub header: String,
}

// Each list's own columns; every list starts with the record's id and ends with `TRAILING`, then its custom fields.
const CONTACT: &[&str] = &[
    "First Name",
    "Last Name",
    "Email",
    "Phone",
    "Title",
    "Company",
    "Lifecycle",
    "Lead Status",
    "Lead Source",
    "Score",
    "Grade",
    "City",
    "Country",
];
const COMPANY: &[&str] = &["Company", "Website", "Industry", "Size", "Phone", "City", "Country"];
const DEAL: &[&str] =
    &["Deal", "Pipeline", "Stage", "Status", "Amount", "Currency", "Probability", "Close Date", "Company", "Contact"];
const TRAILING: &[&str] = &["Tags", "Created", "Updated"];

/// ID, the list's own columns, tags and timestamps, then one per custom field (by its label).
pub fn columns_for(entity: ListEntity, custom: &[CustomField]) -> Vec<Column> {
    let own = match entity {
        ListEntity::Contact | ListEntity::Lead => CONTACT,
        ListEntity::Company => COMPANY,
        ListEntity::Deal => DEAL,
    };
    std::iter::once(&"ID")
        .chain(own)
        .chain(TRAILING)
        .map(|h| Column { header: h.to_string() })
        .chain(custom.iter().map(|f| Column { header: f.label.clone() }))
        .collect()
}

/// What every exported record has besides its own columns, in the order of `columns_for`.
struct Shared<'a> {
    id: i64,
    tags: &'a [RowTag],
    created_at: &'a str,
    updated_at: &'a str,
    custom: &'a serde_json::Value,
}

/// A whole row: the id, the record's own values, its tags and timestamps, its custom values.
fn row(shared: Shared, own: Vec<ExportValue>, fields: &[CustomField]) -> Vec<ExportValue> {
    let mut v = Vec::with_capacity(own.len() + 4 + fields.len());
    v.push(ExportValue::Number(shared.id as f64));
    v.extend(own);
    v.push(tags(shared.tags));
    v.push(ExportValue::Text(shared.created_at.to_string()));
    v.push(ExportValue::Text(shared.updated_at.to_string()));
    v.extend(custom_values(shared.custom, fields));
    v
}

fn text(v: &Option<String>) -> ExportValue {
    v.clone().into()
}

fn tags(t: &[RowTag]) -> ExportValue {
    if t.is_empty() {
        ExportValue::Empty
    } else {
        ExportValue::Text(t.iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join("; "))
    }
}

fn custom_values(custom: &serde_json::Value, fields: &[CustomField]) -> Vec<ExportValue> {
    fields
        .iter()
        .map(|f| match custom.get(&f.key) {
            None | Some(serde_json::Value::Null) => ExportValue::Empty,
            Some(serde_json::Value::Number(n)) => ExportValue::Number(n.as_f64().unwrap_or(0.0)),
            Some(serde_json::Value::String(s)) => ExportValue::Text(s.clone()),
            Some(serde_json::Value::Bool(b)) => ExportValue::Text(if *b { "yes" } else { "no" }.into()),
            Some(serde_json::Value::Array(a)) => ExportValue::Text(
                a.iter()
                    .map(|v| v.as_str().map(str::to_string).unwrap_or(v.to_string()))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            Some(other) => ExportValue::Text(other.to_string()),
        })
        .collect()
}

pub fn contact(r: &ContactRow, fields: &[CustomField]) -> Vec<ExportValue> {
    let own = vec![
        ExportValue::Text(r.first_name.clone()),
        ExportValue::Text(r.last_name.clone()),
        text(&r.email),
        text(&r.phone),
        text(&r.title),
        text(&r.company_name),
        ExportValue::Text(r.lifecycle.as_str().into()),
        text(&r.lead_status.map(|s| s.as_str().to_string())),
        text(&r.lead_source.map(|s| s.as_str().to_string())),
        r.score.map(|s| ExportValue::Number(s as f64)).unwrap_or(ExportValue::Empty),
        text(&r.score_grade),
        text(&r.city),
        text(&r.country),
    ];
    let shared =
        Shared { id: r.id, tags: &r.tags, created_at: &r.created_at, updated_at: &r.updated_at, custom: &r.custom };
    row(shared, own, fields)
}

pub fn company(r: &CompanyRow, fields: &[CustomField]) -> Vec<ExportValue> {
    let own = vec![
        ExportValue::Text(r.name.clone()),
        text(&r.domain),
        text(&r.industry),
        text(&r.size),
        text(&r.phone),
        text(&r.city),
        text(&r.country),
    ];
    let shared =
        Shared { id: r.id, tags: &r.tags, created_at: &r.created_at, updated_at: &r.updated_at, custom: &r.custom };
    row(shared, own, fields)
}

pub fn deal(r: &DealRow, fields: &[CustomField]) -> Vec<ExportValue> {
    let own = vec![
        ExportValue::Text(r.title.clone()),
        ExportValue::Text(r.pipeline_name.clone()),
        ExportValue::Text(r.stage_name.clone()),
        ExportValue::Text(r.status.as_str().into()),
        ExportValue::Number(r.value_cents as f64 / 100.0),
        ExportValue::Text(r.currency.clone()),
        ExportValue::Number(r.probability as f64),
        text(&r.expected_close),
        text(&r.company_name),
        text(&r.contact_name),
    ];
    let shared =
        Shared { id: r.id, tags: &r.tags, created_at: &r.created_at, updated_at: &r.updated_at, custom: &r.custom };
    row(shared, own, fields)
}
