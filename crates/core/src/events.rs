//! The core's event bus: data changes and job progress, fanned out to whoever listens (the desktop shell
//! forwards them to the UI; the CLI prints progress).
use serde::{Deserialize, Serialize};
use specta::Type;
use tokio::sync::broadcast;

use crate::domain::Entity;
use crate::jobs::JobProgress;

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CoreEvent {
    /// Records of `entity` were created, changed or deleted; an empty `ids` means "many: reload".
    DataChanged {
        entity: Entity,
        ids: Vec<i64>,
    },
    JobProgress(JobProgress),
}

#[derive(Clone)]
pub struct EventBus {
    tx: broadcast::Sender<CoreEvent>,
}

impl Default for EventBus {
    fn default() -> Self {
        let (tx, _) = broadcast::channel(1024);
        EventBus { tx }
    }
}

impl EventBus {
    pub fn emit(&self, event: CoreEvent) {
        // No subscriber is fine (the CLI often has none).
        let _ = self.tx.send(event);
    }

    pub fn changed(&self, entity: Entity, ids: Vec<i64>) {
        self.emit(CoreEvent::DataChanged { entity, ids });
    }

    pub fn subscribe(&self) -> broadcast::Receiver<CoreEvent> {
        self.tx.subscribe()
    }
}
