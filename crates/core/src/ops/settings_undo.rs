//! One undo for the deletes of Settings items: tags, stages and pipelines. The delete returns a token; undoing
//! it puts the item back from what the delete kept (`store::settings_undo`).
use crate::domain::{Entity, SettingsRestored};
use crate::error::{CoreError, Result};
use crate::{store, Outpost};

impl Outpost {
    pub fn undo_settings_delete(&self, token: i64) -> Result<SettingsRestored> {
        let (kind, changed, restored) = self.db().write(|tx| {
            let (kind, before) = store::settings_undo::get(tx, token)?;
            let (changed, restored) = match kind.as_str() {
                "tag" => (before["id"].as_i64().unwrap_or(-1), super::tags::undo_delete(tx, &before)?),
                "stage" => super::pipelines::undo_stage_delete(tx, &before)?,
                "pipeline" => super::pipelines::undo_pipeline_delete(tx, &before)?,
                other => return Err(CoreError::Conflict(format!("Nothing to undo for “{other}”."))),
            };
            store::settings_undo::mark_undone(tx, token)?;
            Ok((kind, changed, restored))
        })?;
        if kind == "tag" {
            self.tags_changed(vec![changed]);
        } else {
            self.events().changed(Entity::Pipeline, vec![changed]);
            if restored.moved_back > 0 {
                self.events().changed(Entity::Deal, vec![]);
            }
        }
        Ok(restored)
    }
}
