//! Sequences and campaigns: ordered steps (email, wait, manual task) run per enrolled contact by the
//! scheduler, stopped by replies, bounces, unsubscribes, a manual stop or a closed deal.
use serde::{Deserialize, Serialize};
use specta::Type;

use super::contact::text_enum;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SequenceStatus {
    /// Being written: enrollments wait, nothing runs.
    #[default]
    Draft,
    Active,
    /// Nothing runs until resumed; due steps then go (within the caps).
    Paused,
    /// Retired: no new enrollments, nothing runs.
    Archived,
}
text_enum!(SequenceStatus { Draft = "draft", Active = "active", Paused = "paused", Archived = "archived" });

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SequenceKind {
    #[default]
    Sequence,
    /// A one-off send to many: a one-step sequence, sent as bulk mail (List-Unsubscribe).
    Campaign,
}
text_enum!(SequenceKind { Sequence = "sequence", Campaign = "campaign" });

/// Whose clock the send window is read in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum TimezoneMode {
    /// The contact's own zone when the record has one, else the rep's.
    #[default]
    Contact,
    Rep,
}

/// A follow-up email: a reply in the first email's thread, or a thread of its own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ThreadMode {
    #[default]
    Same,
    New,
}
text_enum!(ThreadMode { Same = "same", New = "new" });

/// How a sequence runs. Every field has a default, so `{}` is valid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(default)]
pub struct SequenceSettings {
    /// ISO weekdays emails may go on: 1 = Monday … 7 = Sunday.
    pub send_days: Vec<u8>,
    /// "HH:MM", inclusive; with `send_end` absent too, any time of day.
    pub send_start: Option<String>,
    /// "HH:MM", exclusive.
    pub send_end: Option<String>,
    pub timezone_mode: TimezoneMode,
    /// The rep's IANA zone ("Europe/Berlin"); the mailbox's send-window zone, else the computer's, when absent.
    pub rep_timezone: Option<String>,
    /// The default for email steps that don't choose.
    pub thread_mode: ThreadMode,
    /// An automatic reply (out of office) doesn't stop the sequence; it pushes the next step this many days
    /// out (0: no delay).
    pub auto_reply_delay_days: u32,
    /// Stop when a deal of the contact is won or lost.
    pub stop_on_deal_closed: bool,
}

impl Default for SequenceSettings {
    fn default() -> Self {
        SequenceSettings {
            send_days: vec![1, 2, 3, 4, 5],
            send_start: Some("09:00".into()),
            send_end: Some("17:00".into()),
            timezone_mode: TimezoneMode::Contact,
            rep_timezone: None,
            thread_mode: ThreadMode::Same,
            auto_reply_delay_days: 2,
            stop_on_deal_closed: true,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    Email,
    Wait,
    Task,
}
text_enum!(StepKind { Email = "email", Wait = "wait", Task = "task" });

/// What a manual step asks the rep to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum TaskStepKind {
    Call,
    Linkedin,
    Custom,
}
text_enum!(TaskStepKind { Call = "call", Linkedin = "linkedin", Custom = "custom" });

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SequenceStep {
    pub id: i64,
    /// 0-based order.
    pub position: i64,
    pub kind: StepKind,
    pub template_id: Option<i64>,
    pub template_name: Option<String>,
    pub wait_days: Option<i64>,
    pub business_days: bool,
    pub task_kind: Option<TaskStepKind>,
    pub task_title: Option<String>,
    pub thread_mode: ThreadMode,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Sequence {
    pub id: i64,
    pub name: String,
    pub mailbox_id: Option<i64>,
    pub status: SequenceStatus,
    pub kind: SequenceKind,
    pub settings: SequenceSettings,
    pub steps: Vec<SequenceStep>,
    pub created_at: String,
    pub updated_at: String,
}

/// One row of the sequences list.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SequenceSummary {
    pub id: i64,
    pub name: String,
    pub kind: SequenceKind,
    pub status: SequenceStatus,
    pub mailbox_id: Option<i64>,
    pub steps: i64,
    pub enrolled: i64,
    pub active: i64,
    pub sent: i64,
    pub replied: i64,
    pub updated_at: String,
}

/// One step as written in the editor or a `sequence create --file` JSON file. `id` keeps an existing step
/// when editing (sent steps stay as they were sent; the rest change for everyone still before them).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
#[serde(default)]
pub struct StepInput {
    pub id: Option<i64>,
    /// "email", "wait" or "task".
    pub kind: Option<StepKind>,
    /// Email: a saved template…
    pub template_id: Option<i64>,
    /// …or one written inline (saved as a template named after the sequence and step).
    pub subject: Option<String>,
    pub body_text: Option<String>,
    pub body_html: Option<String>,
    /// Email: "same" (reply in the thread) or "new"; the sequence's setting when absent.
    pub thread_mode: Option<ThreadMode>,
    /// Wait: days (1..=365).
    pub days: Option<i64>,
    /// Wait: count Monday–Friday only.
    pub business_days: bool,
    /// Task: call, linkedin or custom.
    pub task: Option<TaskStepKind>,
    /// Task: what the task says; a default per kind when absent.
    pub title: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
#[serde(default)]
pub struct SequenceInput {
    pub name: String,
    pub mailbox_id: Option<i64>,
    pub kind: Option<SequenceKind>,
    pub status: Option<SequenceStatus>,
    pub settings: Option<SequenceSettings>,
    pub steps: Vec<StepInput>,
}

/// Who to enroll: the contacts a saved contacts/leads view shows, or a list of ids.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum EnrollSource {
    View(i64),
    Contacts(Vec<i64>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    NotFound,
    NoEmail,
    Suppressed,
    Bounced,
    Unsubscribed,
    AlreadyEnrolled,
    MissingMergeFields,
}
text_enum!(SkipReason {
    NotFound = "not_found", NoEmail = "no_email", Suppressed = "suppressed", Bounced = "bounced",
    Unsubscribed = "unsubscribed", AlreadyEnrolled = "already_enrolled", MissingMergeFields = "missing_merge_fields",
});

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SkippedContact {
    pub contact_id: i64,
    pub name: String,
    pub email: Option<String>,
    pub reason: SkipReason,
    /// In plain words ("Left empty: contact.first_name", "acme.com is on the suppression list (…)").
    pub detail: String,
}

/// The enrollment preview, or what an enrollment did (`dry_run` says which).
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct EnrollResult {
    pub sequence_id: i64,
    pub dry_run: bool,
    /// Enrolled (or, in a preview, would be).
    pub enrolled: u32,
    pub contact_ids: Vec<i64>,
    pub skipped: Vec<SkippedContact>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum EnrollmentStatus {
    Active,
    Paused,
    Completed,
    Stopped,
}
text_enum!(EnrollmentStatus { Active = "active", Paused = "paused", Completed = "completed", Stopped = "stopped" });

/// One contact in one sequence.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Enrollment {
    pub id: i64,
    pub sequence_id: i64,
    pub contact_id: i64,
    pub contact_name: String,
    pub status: EnrollmentStatus,
    /// The 0-based position of the next step to run.
    pub current_step: i64,
    /// When the next step is due (UTC).
    pub next_run_at: Option<String>,
    /// A stable code: reply, hard_bounce, soft_bounce, unsubscribe, manual, deal_won, deal_lost,
    /// suppressed, no_email, bounced, unsubscribed.
    pub stop_code: Option<String>,
    /// Why it stopped, in plain words.
    pub stop_reason: Option<String>,
    pub stopped_at: Option<String>,
    pub enrolled_at: String,
    /// Emails of this enrollment the server accepted.
    pub emails_sent: i64,
    /// Emails of this enrollment still in the outbox.
    pub emails_waiting: i64,
    /// What a replied enrollment was turned into (one click in the Sequences view).
    pub converted_to: Option<ConversionTarget>,
    /// The deal the conversion opened (absent for a lead). A deal purged from the Trash takes the conversion
    /// with it: the reply can be converted again.
    pub converted_deal_id: Option<i64>,
}

/// What a replied enrollment becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ConversionTarget {
    /// The contact becomes (or stays) a lead, marked engaged, to qualify in the Leads view.
    Lead,
    /// A deal for the contact and their company, in the default pipeline's first stage.
    Deal,
}
text_enum!(ConversionTarget { Lead = "lead", Deal = "deal" });

/// What one scheduler tick did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct TickReport {
    pub now: String,
    /// Due enrollments looked at.
    pub due: u32,
    /// Emails put in the outbox.
    pub queued: u32,
    pub tasks_created: u32,
    /// Waits started (the next step gets a due time).
    pub waits_started: u32,
    pub completed: u32,
    pub stopped: u32,
    /// Due emails held back because the mailbox's daily cap is used up (they go on a later day).
    pub deferred_by_cap: u32,
    /// Due emails moved to the next opening of the send window.
    pub deferred_by_window: u32,
    /// Sequences that could not send at all, and why (no mailbox, mailbox paused).
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct StepStats {
    pub step_id: i64,
    pub position: i64,
    pub kind: StepKind,
    pub label: String,
    /// Enrollments that got to this step (ran it or are past it).
    pub reached: i64,
    /// Emails of this step the server accepted.
    pub sent: i64,
    /// Emails of this step still in the outbox.
    pub queued: i64,
    /// Enrollments that replied with this as their last email.
    pub replied: i64,
    pub bounced: i64,
    pub unsubscribed: i64,
    pub tasks_created: i64,
}

/// Per sequence and step reporting; the funnel is `steps[*].reached`.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SequenceStats {
    pub sequence_id: i64,
    pub name: String,
    pub enrolled: i64,
    pub active: i64,
    pub paused: i64,
    pub completed: i64,
    pub stopped: i64,
    pub sent: i64,
    pub replied: i64,
    pub bounced: i64,
    pub unsubscribed: i64,
    /// replied / enrollments with at least one email sent (0 when none).
    pub reply_rate: f64,
    /// Deals of enrolled contacts created after they were enrolled (a conversion's deal among them).
    pub deals_created: i64,
    /// Replied enrollments turned into leads.
    pub leads_created: i64,
    /// Meetings logged with enrolled contacts after they were enrolled.
    pub meetings: i64,
    pub steps: Vec<StepStats>,
}
