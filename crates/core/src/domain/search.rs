use serde::{Deserialize, Serialize};
use specta::Type;

use super::Entity;

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SearchHit {
    pub entity: Entity,
    pub id: i64,
    pub title: String,
    pub subtitle: String,
}
