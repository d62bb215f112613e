//! Bulk and inline edits: one change applied to many records through the same edit path a form uses, with the
//! replaced values kept so one undo puts back exactly those.
use rusqlite::Connection;
use serde_json::{json, Map, Value};

use super::{companies::edit_company, contacts::edit_contact, deal_edit::edit_deal};
use crate::domain::{
    BulkChange, BulkEdit, BulkEdited, CompanyInput, ContactInput, CustomValues, DealEdit, Entity, FieldEntity,
    LeadSource, LeadStatus, Lifecycle, ListEntity,
};
use crate::error::{CoreError, Result};
use crate::store::{self, bulk_edits, lists::fields::CUSTOM_PREFIX, lists::keyset::Binds};
use crate::Outpost;

/// More ids than this in one event and the UI reloads the lists instead of looking for each.
const EVENT_IDS: usize = 500;

impl Outpost {
    /// Applies one change to every record in `edit.ids` in one transaction: all of them, or (on the first
    /// record that fails validation) none. The result's token undoes it.
    pub fn bulk_edit(&self, edit: BulkEdit) -> Result<BulkEdited> {
        let mut ids = edit.ids.clone();
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() {
            return Err(CoreError::validation("ids", "Select at least one record."));
        }
        let entity = edit.entity;
        let (token, changed) = self.db().write(|tx| {
            let token = bulk_edits::insert(tx, entity, &serde_json::to_value(&edit.change)?)?;
            let mut changed = 0;
            for &id in &ids {
                let before = match &edit.change {
                    BulkChange::SetField { field, value } => set_field(tx, entity, id, field, value),
                    BulkChange::AddTag { tag_id } => set_tag(tx, entity, id, *tag_id, true),
                    BulkChange::RemoveTag { tag_id } => set_tag(tx, entity, id, *tag_id, false),
                }
                .map_err(|e| about(tx, entity, id, ids.len(), e))?;
                if let Some(before) = before {
                    bulk_edits::insert_change(tx, token, id, &before)?;
                    changed += 1;
                }
            }
            Ok((token, changed))
        })?;
        self.bulk_changed(entity, &ids, matches!(edit.change, BulkChange::SetField { .. }));
        Ok(BulkEdited { token, changed })
    }

    /// Puts back what the bulk edit `token` replaced, on the records it changed; later edits of other fields
    /// stay. An edit can be undone once.
    pub fn undo_bulk_edit(&self, token: i64) -> Result<()> {
        let (entity, ids, tags_only) = self.db().write(|tx| {
            let (entity, undone) = bulk_edits::get(tx, token)?;
            if undone {
                return Err(CoreError::Conflict("That edit was already undone.".into()));
            }
            let changes = bulk_edits::changes(tx, token)?;
            let mut tags_only = true;
            for (id, before) in &changes {
                match before.get("tag") {
                    Some(tag) => {
                        let tag_id = tag["id"].as_i64().unwrap_or(-1);
                        if tag["had"].as_bool().unwrap_or(false) {
                            store::tags::tag(tx, tag_id, entity_of(entity), *id)?;
                        } else {
                            store::tags::untag(tx, tag_id, entity_of(entity), *id)?;
                        }
                    }
                    None => {
                        tags_only = false;
                        // A record since moved to the Trash keeps its edit.
                        if bulk_edits::snapshot(tx, entity, *id).is_ok() {
                            bulk_edits::restore(tx, entity, *id, before)?;
                            reindex(tx, entity, *id)?;
                        }
                    }
                }
            }
            bulk_edits::mark_undone(tx, token)?;
            Ok((entity, changes.into_iter().map(|(id, _)| id).collect::<Vec<_>>(), tags_only))
        })?;
        self.bulk_changed(entity, &ids, !tags_only);
        Ok(())
    }

    fn bulk_changed(&self, entity: FieldEntity, ids: &[i64], fields: bool) {
        let ids = if ids.len() > EVENT_IDS { vec![] } else { ids.to_vec() };
        self.events().changed(entity_of(entity), ids);
        if !fields {
            // Tag counts changed.
            self.events().changed(Entity::Settings, vec![]);
        }
    }
}

fn entity_of(entity: FieldEntity) -> Entity {
    match entity {
        FieldEntity::Contact => Entity::Contact,
        FieldEntity::Company => Entity::Company,
        FieldEntity::Deal => Entity::Deal,
    }
}

fn list_of(entity: FieldEntity) -> ListEntity {
    match entity {
        FieldEntity::Contact => ListEntity::Contact,
        FieldEntity::Company => ListEntity::Company,
        FieldEntity::Deal => ListEntity::Deal,
    }
}

/// Adds or removes a tag; the before-image says whether the record had it, None when nothing changed.
fn set_tag(conn: &Connection, entity: FieldEntity, id: i64, tag_id: i64, add: bool) -> Result<Option<Value>> {
    store::tags::get(conn, tag_id).map_err(|_| CoreError::validation("tag_id", "That tag no longer exists."))?;
    bulk_edits::snapshot(conn, entity, id)?;
    let e = entity_of(entity);
    let had = store::tags::has(conn, tag_id, e, id)?;
    if had == add {
        return Ok(None);
    }
    if add {
        store::tags::tag(conn, tag_id, e, id)?;
    } else {
        store::tags::untag(conn, tag_id, e, id)?;
    }
    Ok(Some(json!({ "tag": { "id": tag_id, "had": had } })))
}

/// Sets one field through the record's own edit path (so it is checked exactly as a form save is) and returns
/// the before-image of what changed: columns and custom keys, None when nothing did.
fn set_field(conn: &Connection, entity: FieldEntity, id: i64, field: &str, value: &Value) -> Result<Option<Value>> {
    let f = store::lists::fields::resolve(conn, list_of(entity), field, &mut Binds::default(), "field")?;
    if !f.editable {
        return Err(CoreError::validation(field, format!("{} can't be edited here.", f.label)));
    }
    let before = bulk_edits::snapshot(conn, entity, id)?;
    let custom_key = field.strip_prefix(CUSTOM_PREFIX);
    match entity {
        FieldEntity::Contact => edit_contact(conn, id, contact_input(conn, id, &before, field, custom_key, value)?)?,
        FieldEntity::Company => edit_company(conn, id, &company_input(conn, id, field, custom_key, value)?)?,
        FieldEntity::Deal => edit_deal(conn, id, &deal_input(conn, id, field, custom_key, value)?)?,
    }
    let after = bulk_edits::snapshot(conn, entity, id)?;
    Ok(diff(&before, &after))
}

/// The columns and custom keys whose values differ, with their values from `before`.
fn diff(before: &Map<String, Value>, after: &Map<String, Value>) -> Option<Value> {
    let mut columns = Map::new();
    let mut custom = Map::new();
    for (k, old) in before {
        let new = after.get(k).unwrap_or(&Value::Null);
        if k == "custom" {
            let (old, new) =
                (old.as_object().cloned().unwrap_or_default(), new.as_object().cloned().unwrap_or_default());
            for key in old.keys().chain(new.keys()) {
                if old.get(key) != new.get(key) {
                    custom.insert(key.clone(), old.get(key).cloned().unwrap_or(Value::Null));
                }
            }
        } else if old != new {
            columns.insert(k.clone(), old.clone());
        }
    }
    (!columns.is_empty() || !custom.is_empty()).then(|| json!({ "columns": columns, "custom": custom }))
}

fn text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

fn choice<T>(field: &str, value: &Value, parse: fn(&str) -> Option<T>, what: &str) -> Result<Option<T>> {
    match text(value).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => parse(&s).map(Some).ok_or_else(|| CoreError::validation(field, format!("“{s}” is not a {what}."))),
    }
}

fn with_custom(mut custom: CustomValues, key: &str, value: &Value) -> CustomValues {
    custom.insert(key.to_string(), value.clone());
    custom
}

fn custom_of(v: &Value) -> CustomValues {
    v.as_object().map(|o| o.clone().into_iter().collect()).unwrap_or_default()
}

/// The contact as its form would send it, with one field changed. The free-text company is the stored one
/// (the detail shows the linked company's name in its place).
fn contact_input(
    conn: &Connection,
    id: i64,
    raw: &Map<String, Value>,
    field: &str,
    custom_key: Option<&str>,
    value: &Value,
) -> Result<ContactInput> {
    let c = store::contacts::get(conn, id)?;
    let mut input = ContactInput {
        first_name: c.first_name,
        last_name: c.last_name,
        title: c.title,
        company_id: c.company_id,
        company_name: raw.get("company_name").and_then(Value::as_str).map(str::to_string),
        lifecycle: Some(c.lifecycle),
        lead_status: c.lead_status,
        lead_source: c.lead_source,
        emails: c.emails.into_iter().map(|p| p.value).collect(),
        phones: c.phones.into_iter().map(|p| p.value).collect(),
        city: c.city,
        country: c.country,
        linkedin: c.linkedin,
        custom: custom_of(&c.custom),
    };
    match (field, custom_key) {
        (_, Some(key)) => input.custom = with_custom(input.custom, key, value),
        ("first_name", _) => input.first_name = text(value).unwrap_or_default(),
        ("last_name", _) => input.last_name = text(value).unwrap_or_default(),
        ("title", _) => input.title = text(value),
        ("city", _) => input.city = text(value),
        ("country", _) => input.country = text(value),
        ("lifecycle", _) => {
            input.lifecycle = Some(
                choice(field, value, Lifecycle::parse, "lifecycle stage (lead, contact, customer)")?
                    .ok_or_else(|| CoreError::validation(field, "Choose a lifecycle stage."))?,
            );
            // Leads carry a status; other stages keep theirs only when they are leads again.
            if input.lifecycle == Some(Lifecycle::Lead) && input.lead_status.is_none() {
                input.lead_status = Some(LeadStatus::New);
            }
        }
        ("lead_status", _) => input.lead_status = choice(field, value, LeadStatus::parse, "lead status")?,
        ("lead_source", _) => input.lead_source = choice(field, value, LeadSource::parse, "lead source")?,
        _ => return Err(CoreError::validation(field, "That field can't be edited here.")),
    }
    Ok(input)
}

fn company_input(
    conn: &Connection,
    id: i64,
    field: &str,
    custom_key: Option<&str>,
    value: &Value,
) -> Result<CompanyInput> {
    let c = store::companies::get(conn, id)?;
    let mut input = CompanyInput {
        name: c.name,
        // A company known by its domain alone (imports, generated data) keeps it.
        website: c.website.or(c.domain),
        industry: c.industry,
        size: c.size,
        phone: c.phone,
        city: c.city,
        country: c.country,
        description: c.description,
        custom: custom_of(&c.custom),
    };
    match (field, custom_key) {
        (_, Some(key)) => input.custom = with_custom(input.custom, key, value),
        ("name", _) => input.name = text(value).unwrap_or_default(),
        ("industry", _) => input.industry = text(value),
        ("size", _) => input.size = text(value),
        ("phone", _) => input.phone = text(value),
        ("city", _) => input.city = text(value),
        ("country", _) => input.country = text(value),
        _ => return Err(CoreError::validation(field, "That field can't be edited here.")),
    }
    Ok(input)
}

fn deal_input(conn: &Connection, id: i64, field: &str, custom_key: Option<&str>, value: &Value) -> Result<DealEdit> {
    let d = store::deals::get(conn, id)?;
    let mut input = DealEdit {
        title: d.title,
        company_id: d.company_id,
        contact_id: d.contact_id,
        value_cents: d.value_cents,
        currency: Some(d.currency),
        probability: d.probability_set.then_some(d.probability),
        expected_close: d.expected_close,
        custom: custom_of(&d.custom),
    };
    let whole =
        |what: &str| -> Result<Option<i64>> {
            match value {
                Value::Null => Ok(None),
                Value::String(s) if s.trim().is_empty() => Ok(None),
                Value::Number(n) if n.is_i64() => Ok(n.as_i64()),
                Value::Number(n) => n
                    .as_f64()
                    .filter(|f| f.fract() == 0.0)
                    .map(|f| Some(f as i64))
                    .ok_or_else(|| CoreError::validation(field, format!("{what} must be a whole number."))),
                Value::String(s) => s.trim().parse::<i64>().map(Some).map_err(|_| {
                    CoreError::validation(field, format!("{what} must be a whole number; “{s}” is not one."))
                }),
                _ => Err(CoreError::validation(field, format!("{what} must be a whole number."))),
            }
        };
    match (field, custom_key) {
        (_, Some(key)) => input.custom = with_custom(input.custom, key, value),
        ("title", _) => input.title = text(value).unwrap_or_default(),
        ("value", _) => input.value_cents = whole("The value (in cents)")?.unwrap_or(0),
        ("currency", _) => input.currency = text(value),
        ("probability", _) => input.probability = whole("Probability")?,
        ("expected_close", _) => input.expected_close = text(value),
        _ => return Err(CoreError::validation(field, "That field can't be edited here.")),
    }
    Ok(input)
}

fn reindex(conn: &Connection, entity: FieldEntity, id: i64) -> Result<()> {
    match entity {
        FieldEntity::Contact => {
            store::contacts::reindex(conn, id)?;
            crate::ops::scoring::rescore_contact(conn, id)
        }
        FieldEntity::Company => store::companies::reindex(conn, id),
        FieldEntity::Deal => store::deals::reindex(conn, id),
    }
}

/// With several records, a failure says which one it was about.
fn about(conn: &Connection, entity: FieldEntity, id: i64, count: usize, e: CoreError) -> CoreError {
    let CoreError::Validation { field, message } = e else { return e };
    if count == 1 {
        return CoreError::Validation { field, message };
    }
    let name = match entity {
        FieldEntity::Contact => store::contacts::get(conn, id)
            .map(|c| format!("{} {}", c.first_name, c.last_name).trim().to_string())
            .unwrap_or_default(),
        FieldEntity::Company => store::companies::get(conn, id).map(|c| c.name).unwrap_or_default(),
        FieldEntity::Deal => store::deals::get(conn, id).map(|d| d.title).unwrap_or_default(),
    };
    let who = if name.is_empty() { format!("{} {id}", entity.as_str()) } else { name };
    CoreError::Validation { field, message: format!("{who}: {message} Nothing was changed.") }
}
