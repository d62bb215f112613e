//! Custom fields: definitions (Settings) and the values records carry.
mod values;

pub(crate) use values::check_values;

use crate::domain::{CustomField, CustomFieldInput, Entity, FieldEntity, FieldType};
use crate::error::{CoreError, Result};
use crate::store;
use crate::Outpost;

impl Outpost {
    pub fn custom_fields(&self, entity: Option<FieldEntity>) -> Result<Vec<CustomField>> {
        self.db().read(|conn| store::custom_fields::list(conn, entity))
    }

    pub fn create_custom_field(&self, input: CustomFieldInput) -> Result<CustomField> {
        let (label, options) = check_definition(&input)?;
        let id = self.db().write(|tx| {
            let key = unique_key(tx, input.entity, &label)?;
            store::custom_fields::insert_full(
                tx,
                input.entity.as_str(),
                &key,
                &label,
                input.field_type.as_str(),
                &serde_json::to_value(&options)?,
                input.required,
            )
        })?;
        self.events().changed(Entity::Settings, vec![id]);
        self.db().read(|conn| store::custom_fields::get(conn, id))
    }

    /// Renames a field or changes its options or whether it is required. Entity and type are fixed once
    /// created, so values already stored keep their meaning.
    pub fn update_custom_field(&self, id: i64, input: CustomFieldInput) -> Result<CustomField> {
        let (label, options) = check_definition(&input)?;
        self.db().write(|tx| {
            let current = store::custom_fields::get(tx, id)?;
            if current.field_type != input.field_type || current.entity != input.entity {
                return Err(CoreError::validation(
                    "field_type",
                    "A field's type can't change once created; add a new field instead.",
                ));
            }
            store::custom_fields::update(tx, id, &label, &options, input.required)
        })?;
        self.events().changed(Entity::Settings, vec![id]);
        self.db().read(|conn| store::custom_fields::get(conn, id))
    }

    /// Hides a field from forms and tables; `restore_custom_field` brings it back with its values.
    pub fn delete_custom_field(&self, id: i64) -> Result<()> {
        self.db().write(|tx| store::custom_fields::set_deleted(tx, id, true))?;
        self.events().changed(Entity::Settings, vec![id]);
        Ok(())
    }

    pub fn restore_custom_field(&self, id: i64) -> Result<()> {
        self.db().write(|tx| store::custom_fields::set_deleted(tx, id, false))?;
        self.events().changed(Entity::Settings, vec![id]);
        Ok(())
    }

    /// Puts one entity's fields in the order given.
    pub fn reorder_custom_fields(&self, ids: Vec<i64>) -> Result<()> {
        self.db().write(|tx| store::custom_fields::reorder(tx, &ids))?;
        self.events().changed(Entity::Settings, ids);
        Ok(())
    }
}

fn check_definition(input: &CustomFieldInput) -> Result<(String, Vec<String>)> {
    let label = input.label.trim().to_string();
    if label.is_empty() {
        return Err(CoreError::validation("label", "Give the field a name."));
    }
    let mut options: Vec<String> = Vec::new();
    for o in input.options.iter().map(|o| o.trim()).filter(|o| !o.is_empty()) {
        if !options.iter().any(|x| x.eq_ignore_ascii_case(o)) {
            options.push(o.to_string());
        }
    }
    let choice = matches!(input.field_type, FieldType::Select | FieldType::Multiselect);
    if choice && options.is_empty() {
        return Err(CoreError::validation("options", "List at least one choice."));
    }
    if !choice {
        options.clear();
    }
    Ok((label, options))
}

/// "Contract length (months)" -> "contract_length_months", suffixed when taken.
fn unique_key(conn: &rusqlite::Connection, entity: FieldEntity, label: &str) -> Result<String> {
    let mut base = String::new();
    for c in label.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            base.push(c);
        } else if !base.ends_with('_') {
            base.push('_');
        }
    }
    let base = base.trim_matches('_');
    let base = if base.is_empty() { "field" } else { base };
    let mut key = base.to_string();
    let mut n = 2;
    while store::custom_fields::key_exists(conn, entity, &key)? {
        key = format!("{base}_{n}");
        n += 1;
    }
    Ok(key)
}
