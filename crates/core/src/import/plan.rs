//! The resolved mapping: for each column, what it feeds and how its values are written.
use rusqlite::Connection;

use super::cell::Cell;
use super::mapping::{self, normalize_header, IGNORE};
use super::read::SheetRow;
use super::values::{ColumnStyle, DateOrder};
use crate::domain::{CustomField, FieldEntity, ImportEntity, ImportMapping};
use crate::error::{CoreError, Result};
use crate::store;

#[derive(Debug, Clone)]
pub enum Target {
    Ignore,
    Field(&'static str),
    Custom(CustomField),
}

pub struct Plan {
    pub entity: ImportEntity,
    pub headers: Vec<String>,
    pub targets: Vec<Target>,
    pub styles: Vec<ColumnStyle>,
    /// Phones without a country code are read as this country's and stored in E.164.
    pub default_country: Option<String>,
}

pub fn field_entity(entity: ImportEntity) -> FieldEntity {
    match entity {
        ImportEntity::Contacts => FieldEntity::Contact,
        ImportEntity::Companies => FieldEntity::Company,
        ImportEntity::Deals => FieldEntity::Deal,
    }
}

/// Every target name this kind of import accepts, custom fields as "custom:key".
pub fn target_names(conn: &Connection, entity: ImportEntity) -> Result<Vec<String>> {
    let mut names: Vec<String> = mapping::targets(entity).iter().map(|t| t.to_string()).collect();
    for f in store::custom_fields::list(conn, Some(field_entity(entity)))? {
        names.push(format!("custom:{}", f.key));
    }
    names.push(IGNORE.into());
    Ok(names)
}

/// Suggested targets, overridden by `explicit` (header or "#N" keys). Custom fields are suggested when a
/// header equals their label.
pub fn resolve(
    conn: &Connection,
    entity: ImportEntity,
    headers: &[String],
    samples: &[SheetRow],
    explicit: &ImportMapping,
) -> Result<Plan> {
    let sample_cells: Vec<Vec<Cell>> = samples.iter().take(50).map(|r| r.cells.clone()).collect();
    let mut names = mapping::suggest(entity, headers, &sample_cells);
    let customs = store::custom_fields::list(conn, Some(field_entity(entity)))?;
    for (i, h) in headers.iter().enumerate() {
        if names[i] == IGNORE {
            if let Some(f) = customs.iter().find(|f| normalize_header(&f.label) == normalize_header(h)) {
                names[i] = format!("custom:{}", f.key);
            }
        }
    }
    for (key, target) in explicit {
        let columns: Vec<usize> = match key.strip_prefix('#').and_then(|n| n.parse::<usize>().ok()) {
            Some(n) if n >= 1 && n <= headers.len() => vec![n - 1],
            Some(n) => return Err(CoreError::validation("mapping", format!("There is no column #{n}."))),
            None => headers.iter().enumerate().filter(|(_, h)| *h == key).map(|(i, _)| i).collect(),
        };
        if columns.is_empty() {
            let known = headers.join(", ");
            return Err(CoreError::validation(
                "mapping",
                format!("The mapping names a column “{key}” the file doesn't have (its columns: {known})."),
            ));
        }
        for i in columns {
            names[i] = target.trim().to_string();
        }
    }

    let allowed = target_names(conn, entity)?;
    let mut targets = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        if !allowed.contains(name) {
            return Err(CoreError::validation(
                "mapping",
                format!(
                    "Column “{}” is mapped to “{name}”, which a {} import can't fill. Choose one of: {}.",
                    headers[i],
                    entity.as_str(),
                    allowed.join(", ")
                ),
            ));
        }
        let single = !mapping::is_multi(name) && name != IGNORE;
        if single && names[..i].contains(name) {
            return Err(CoreError::validation(
                "mapping",
                format!("Two columns are mapped to “{name}”; map one of them to ignore."),
            ));
        }
        targets.push(if name == IGNORE {
            Target::Ignore
        } else if let Some(key) = name.strip_prefix("custom:") {
            Target::Custom(
                customs
                    .iter()
                    .find(|f| f.key == key)
                    .cloned()
                    .ok_or_else(|| CoreError::validation("mapping", format!("There is no custom field “{key}”.")))?,
            )
        } else {
            Target::Field(mapping::targets(entity).iter().copied().find(|t| t == name).unwrap_or(IGNORE))
        });
    }
    let styles = (0..headers.len())
        .map(|i| {
            let texts: Vec<String> = samples.iter().filter_map(|r| r.cells.get(i)).map(Cell::text).collect();
            ColumnStyle::infer(texts.iter().map(String::as_str), DateOrder::DayFirst)
        })
        .collect();
    Ok(Plan { entity, headers: headers.to_vec(), targets, styles, default_country: None })
}

impl Plan {
    /// The mapping as target names, the way presets store it.
    pub fn names(&self) -> Vec<String> {
        self.targets
            .iter()
            .map(|t| match t {
                Target::Ignore => IGNORE.to_string(),
                Target::Field(f) => f.to_string(),
                Target::Custom(c) => format!("custom:{}", c.key),
            })
            .collect()
    }

    /// The mapping keyed by header, for history and presets ("#N" where a header repeats).
    pub fn as_mapping(&self) -> ImportMapping {
        let names = self.names();
        let mut out = ImportMapping::new();
        for (i, h) in self.headers.iter().enumerate() {
            let repeated = self.headers.iter().filter(|x| *x == h).count() > 1;
            let key = if repeated { format!("#{}", i + 1) } else { h.clone() };
            out.insert(key, names[i].clone());
        }
        out
    }

    /// Normalized, sorted header set: the same export format gets the same key.
    pub fn header_key(&self) -> String {
        let mut h: Vec<String> = self.headers.iter().map(|h| normalize_header(h)).collect();
        h.sort();
        h.join("|")
    }
}
