//! Checking and normalizing the custom values a form sends. Errors name the field as `custom.<key>`.
use rusqlite::Connection;
use serde_json::{Map, Value};

use crate::domain::{CustomField, CustomValues, FieldEntity, FieldType};
use crate::error::{CoreError, Result};
use crate::store;

const MAX_TEXT: usize = 10_000;

/// The `custom` object to store: the defined fields' values from `input`, normalized, over the record's
/// `previous` object (so values of hidden fields survive an edit). Fails on the first bad or missing value.
pub(crate) fn check_values(
    conn: &Connection,
    entity: FieldEntity,
    input: &CustomValues,
    previous: Option<&Value>,
) -> Result<Value> {
    let defs = store::custom_fields::list(conn, Some(entity))?;
    let mut out: Map<String, Value> = previous.and_then(Value::as_object).cloned().unwrap_or_default();
    for def in &defs {
        match normalize(def, input.get(&def.key))? {
            Some(v) => {
                out.insert(def.key.clone(), v);
            }
            None if def.required => {
                return Err(CoreError::validation(field(def), format!("{} is required.", def.label)));
            }
            None => {
                out.remove(&def.key);
            }
        }
    }
    Ok(Value::Object(out))
}

fn field(def: &CustomField) -> String {
    format!("custom.{}", def.key)
}

fn bad(def: &CustomField, message: String) -> CoreError {
    CoreError::validation(field(def), message)
}

/// The stored form of one value, or None when it is empty.
fn normalize(def: &CustomField, value: Option<&Value>) -> Result<Option<Value>> {
    let value = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => return Ok(None),
        Some(Value::Array(a)) if a.is_empty() => return Ok(None),
        Some(v) => v,
    };
    let text = || match value {
        Value::String(s) => s.trim().to_string(),
        other => other.to_string(),
    };
    Ok(Some(match def.field_type {
        FieldType::Text => {
            let s = text();
            if s.chars().count() > MAX_TEXT {
                return Err(bad(def, format!("{} is longer than {MAX_TEXT} characters.", def.label)));
            }
            Value::String(s)
        }
        FieldType::Number => {
            let n = match value {
                Value::Number(n) => n.as_f64(),
                _ => text().replace([' ', '\u{a0}'], "").parse::<f64>().ok().filter(|n| n.is_finite()),
            }
            .ok_or_else(|| bad(def, format!("{} must be a number; “{}” is not one.", def.label, text())))?;
            serde_json::Number::from_f64(n).map(Value::Number).unwrap_or(Value::Null)
        }
        FieldType::Date => {
            let s = text();
            let date = chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                .map_err(|_| bad(def, format!("{} must be a date (YYYY-MM-DD); “{s}” is not one.", def.label)))?;
            Value::String(date.format("%Y-%m-%d").to_string())
        }
        FieldType::Bool => match value {
            Value::Bool(b) => Value::Bool(*b),
            _ => match text().to_lowercase().as_str() {
                "true" | "yes" | "1" => Value::Bool(true),
                "false" | "no" | "0" => Value::Bool(false),
                other => return Err(bad(def, format!("{} must be yes or no; “{other}” is neither.", def.label))),
            },
        },
        FieldType::Select => Value::String(choice(def, &text())?),
        FieldType::Multiselect => {
            let items: Vec<String> = match value {
                Value::Array(a) => a.iter().map(|v| v.as_str().map(str::to_string).unwrap_or(v.to_string())).collect(),
                _ => text().split(',').map(str::to_string).collect(),
            };
            let mut chosen: Vec<Value> = Vec::new();
            for item in items.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
                let c = Value::String(choice(def, item)?);
                if !chosen.contains(&c) {
                    chosen.push(c);
                }
            }
            if chosen.is_empty() {
                return Ok(None);
            }
            Value::Array(chosen)
        }
    }))
}

/// The option matching `s` (ignoring case), spelled as defined.
fn choice(def: &CustomField, s: &str) -> Result<String> {
    def.options.iter().find(|o| o.eq_ignore_ascii_case(s)).cloned().ok_or_else(|| {
        bad(def, format!("“{s}” is not one of the choices for {}: {}.", def.label, def.options.join(", ")))
    })
}
