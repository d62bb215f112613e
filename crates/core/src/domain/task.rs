use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Task {
    pub id: i64,
    pub title: String,
    /// call, email, meeting, follow_up, demo, proposal, other
    pub kind: String,
    /// low, normal, high, urgent
    pub priority: String,
    /// open, done, cancelled
    pub status: String,
    /// UTC instant (RFC 3339).
    pub due_at: Option<String>,
    pub reminder_at: Option<String>,
    /// RFC 5545 recurrence rule, e.g. "FREQ=WEEKLY;BYDAY=MO".
    pub rrule: Option<String>,
    pub series_id: Option<i64>,
    pub notes: Option<String>,
    pub contact_id: Option<i64>,
    pub contact_name: Option<String>,
    pub company_id: Option<i64>,
    pub deal_id: Option<i64>,
    pub deal_title: Option<String>,
    pub completed_at: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct TaskInput {
    pub title: String,
    pub kind: Option<String>,
    pub priority: Option<String>,
    pub due_at: Option<String>,
    pub reminder_at: Option<String>,
    pub rrule: Option<String>,
    pub notes: Option<String>,
    pub contact_id: Option<i64>,
    pub company_id: Option<i64>,
    pub deal_id: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum TaskBucket {
    /// Open and due before now.
    Overdue,
    /// Open and due between now and the end of the local day.
    Today,
    /// Open and due after today, or with no due date.
    Upcoming,
    Done,
}

/// A completed task, and the next occurrence a recurring task created.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct TaskCompleted {
    pub task: Task,
    pub next: Option<Task>,
}
