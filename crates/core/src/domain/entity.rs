use serde::{Deserialize, Serialize};
use specta::Type;

/// The kinds of record that events, search and links talk about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Contact,
    Company,
    Deal,
    Note,
    Task,
    Activity,
    Pipeline,
    Settings,
    /// Email templates.
    Template,
    /// Outgoing mail: the queue, its statuses and the senders' state.
    Outbox,
    /// Sequences and campaigns: definitions, enrollments, the scheduler's progress.
    Sequence,
    /// Synced mail: threads, messages, and the background sync's status.
    Inbox,
}

impl Entity {
    pub fn as_str(self) -> &'static str {
        match self {
            Entity::Contact => "contact",
            Entity::Company => "company",
            Entity::Deal => "deal",
            Entity::Note => "note",
            Entity::Task => "task",
            Entity::Activity => "activity",
            Entity::Pipeline => "pipeline",
            Entity::Settings => "settings",
            Entity::Outbox => "outbox",
            Entity::Template => "template",
            Entity::Sequence => "sequence",
            Entity::Inbox => "inbox",
        }
    }
}
