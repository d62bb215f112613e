//! Tags: the shared list (with counts), and the tags of each contact, company and deal.
use rusqlite::Connection;
use serde_json::{json, Value};

use crate::domain::{Entity, RecordRef, RowTag, SettingsRestored, Tag, TagDeleted, TagInput};
use crate::error::{CoreError, Result};
use crate::store;
use crate::Outpost;

const DEFAULT_COLOR: &str = "#64748b";
const MAX_NAME: usize = 40;

impl Outpost {
    /// Every tag by name, with how many live records of `entity` carry it (all kinds when None).
    pub fn tags(&self, entity: Option<Entity>) -> Result<Vec<Tag>> {
        self.db().read(|conn| store::tags::list(conn, entity))
    }

    pub fn create_tag(&self, input: TagInput) -> Result<RowTag> {
        let id = self.db().write(|tx| {
            let (name, color) = check(tx, &input, None)?;
            store::tags::insert(tx, &name, &color)
        })?;
        self.events().changed(Entity::Settings, vec![id]);
        self.db().read(|conn| store::tags::get(conn, id))
    }

    /// Renames or recolors a tag; every record carrying it shows the change.
    pub fn update_tag(&self, id: i64, input: TagInput) -> Result<RowTag> {
        self.db().write(|tx| {
            store::tags::get(tx, id)?;
            let (name, color) = check(tx, &input, Some(id))?;
            store::tags::update(tx, id, &name, &color)
        })?;
        self.tags_changed(vec![id]);
        self.db().read(|conn| store::tags::get(conn, id))
    }

    /// Deletes a tag and takes it off every record; the result's token undoes it.
    pub fn delete_tag(&self, id: i64) -> Result<TagDeleted> {
        let deleted = self.db().write(|tx| {
            let (id, name, color, created_at) = store::tags::row(tx, id)?;
            let taggings = store::tags::taggings(tx, id)?;
            let before =
                json!({ "id": id, "name": name, "color": color, "created_at": created_at, "taggings": taggings });
            let undo_token = store::settings_undo::insert(tx, "tag", &before)?;
            store::tags::delete(tx, id)?;
            Ok(TagDeleted { untagged: taggings.len() as u32, undo_token })
        })?;
        self.tags_changed(vec![id]);
        Ok(deleted)
    }

    pub fn record_tags(&self, record: RecordRef) -> Result<Vec<RowTag>> {
        let (entity, id) = parts(record);
        self.db().read(|conn| store::tags::of_record(conn, entity, id))
    }

    /// Sets a record's tags to exactly `tag_ids`.
    pub fn set_record_tags(&self, record: RecordRef, tag_ids: Vec<i64>) -> Result<Vec<RowTag>> {
        let (entity, id) = parts(record);
        self.db().write(|tx| {
            require_live(tx, record)?;
            for &tag in &tag_ids {
                store::tags::get(tx, tag).map_err(|_| CoreError::validation("tags", "That tag no longer exists."))?;
            }
            for current in store::tags::of_record(tx, entity, id)? {
                if !tag_ids.contains(&current.id) {
                    store::tags::untag(tx, current.id, entity, id)?;
                }
            }
            for &tag in &tag_ids {
                store::tags::tag(tx, tag, entity, id)?;
            }
            Ok(())
        })?;
        self.events().changed(entity, vec![id]);
        self.events().changed(Entity::Settings, vec![]);
        self.record_tags(record)
    }

    /// Lists of every kind show tag chips: a renamed or deleted tag reloads them all.
    pub(crate) fn tags_changed(&self, ids: Vec<i64>) {
        for entity in [Entity::Contact, Entity::Company, Entity::Deal] {
            self.events().changed(entity, vec![]);
        }
        self.events().changed(Entity::Settings, ids);
    }
}

/// Puts a deleted tag back, under its old id and on the records it was on (those still in the database).
pub(crate) fn undo_delete(tx: &Connection, before: &Value) -> Result<SettingsRestored> {
    let id = before["id"].as_i64().unwrap_or(-1);
    let name = before["name"].as_str().unwrap_or_default();
    if store::tags::find(tx, name)?.is_some() {
        return Err(CoreError::Conflict(format!(
            "A new tag called “{name}” was added since; rename or delete it, then undo again."
        )));
    }
    store::tags::reinsert(
        tx,
        id,
        name,
        before["color"].as_str().unwrap_or(DEFAULT_COLOR),
        before["created_at"].as_str().unwrap_or_default(),
    )?;
    let taggings: Vec<(String, i64)> = serde_json::from_value(before["taggings"].clone())?;
    store::tags::retag(tx, id, &taggings)?;
    Ok(SettingsRestored { moved_back: 0, stayed: 0 })
}

fn parts(record: RecordRef) -> (Entity, i64) {
    match record {
        RecordRef::Contact(id) => (Entity::Contact, id),
        RecordRef::Company(id) => (Entity::Company, id),
        RecordRef::Deal(id) => (Entity::Deal, id),
    }
}

fn require_live(conn: &Connection, record: RecordRef) -> Result<()> {
    let field_entity = match record {
        RecordRef::Contact(_) => crate::domain::FieldEntity::Contact,
        RecordRef::Company(_) => crate::domain::FieldEntity::Company,
        RecordRef::Deal(_) => crate::domain::FieldEntity::Deal,
    };
    store::bulk_edits::snapshot(conn, field_entity, parts(record).1).map(|_| ())
}

/// A tag needs a name no other tag has (ignoring case) and a #rrggbb color.
fn check(conn: &Connection, input: &TagInput, id: Option<i64>) -> Result<(String, String)> {
    let name = input.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(CoreError::validation("name", "Give the tag a name."));
    }
    if name.chars().count() > MAX_NAME {
        return Err(CoreError::validation("name", format!("Keep tag names under {MAX_NAME} characters.")));
    }
    if store::tags::find(conn, &name)?.is_some_and(|other| Some(other) != id) {
        return Err(CoreError::validation("name", format!("There is already a tag called “{name}”.")));
    }
    let color = input.color.as_deref().map(str::trim).filter(|c| !c.is_empty()).unwrap_or(DEFAULT_COLOR);
    let valid = color.len() == 7 && color.starts_with('#') && color[1..].chars().all(|c| c.is_ascii_hexdigit());
    if !valid {
        return Err(CoreError::validation("color", format!("“{color}” is not a color like #64748b.")));
    }
    Ok((name, color.to_ascii_lowercase()))
}
