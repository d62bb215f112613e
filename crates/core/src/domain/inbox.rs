//! Mail that came in (and went out) over IMAP: threads, messages, what each was classified as and why, and
//! the counts a sync reports.
use serde::{Deserialize, Serialize};
use specta::Type;

use super::contact::text_enum;

/// What a received message is, decided by local rules (`mail::sync::classify`); the reason is stored beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum MailClass {
    /// A person answering (a thread we are in, or a known contact writing back).
    Reply,
    /// Out-of-office and other automatic answers.
    AutoReply,
    /// A delivery failure report.
    Bounce,
    /// "Please take me off your list."
    Unsubscribe,
    /// Anything else (our own sent mail, newsletters, strangers).
    Other,
    Unknown,
}
text_enum!(MailClass {
    Reply = "reply", AutoReply = "auto_reply", Bounce = "bounce", Unsubscribe = "unsubscribe", Other = "other",
    Unknown = "unknown",
});

/// Why a sequence stops for a contact (`Outpost::on_reply_or_bounce`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum EngagementStop {
    Reply,
    HardBounce,
    SoftBounce,
    Unsubscribe,
}
text_enum!(EngagementStop {
    Reply = "reply", HardBounce = "hard_bounce", SoftBounce = "soft_bounce", Unsubscribe = "unsubscribe",
});

/// What one `sync` pass did, summed over the mailboxes and folders it visited. Only newly stored inbound
/// messages are matched and classified (a message seen again in another folder or after a resync is not).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SyncCounts {
    /// Messages downloaded from the server.
    pub fetched: u32,
    /// New inbound messages linked to a thread, contact or company.
    pub matched: u32,
    pub replies: u32,
    pub auto_replies: u32,
    pub bounces: u32,
    pub unsubscribes: u32,
    /// New inbound messages from senders the CRM does not know (stored, linked to nothing).
    pub unmatched: u32,
    /// Stored messages whose flags changed on the server (read on the phone, answered, flagged).
    pub flags_updated: u32,
    /// Stored messages found removed from a folder on the server (their CRM history stays).
    pub vanished: u32,
    /// Mailboxes or folders that could not be synced, in plain words (the others still were).
    pub problems: Vec<String>,
}

impl SyncCounts {
    pub fn add(&mut self, other: &SyncCounts) {
        self.fetched += other.fetched;
        self.matched += other.matched;
        self.replies += other.replies;
        self.auto_replies += other.auto_replies;
        self.bounces += other.bounces;
        self.unsubscribes += other.unsubscribes;
        self.unmatched += other.unmatched;
        self.flags_updated += other.flags_updated;
        self.vanished += other.vanished;
        self.problems.extend(other.problems.iter().cloned());
    }
}

/// One row of the Inbox: a conversation with its linked records.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct InboxThread {
    pub id: i64,
    pub mailbox_id: Option<i64>,
    pub subject: String,
    pub contact_id: Option<i64>,
    pub contact_name: Option<String>,
    pub company_id: Option<i64>,
    pub company_name: Option<String>,
    pub deal_id: Option<i64>,
    pub deal_title: Option<String>,
    pub last_message_at: Option<String>,
    pub unread_count: i64,
    pub message_count: i64,
    pub snippet: Option<String>,
    /// Who wrote the newest message (name, else address).
    pub last_from: Option<String>,
    pub last_classification: MailClass,
}

/// An attachment as listed; its content stays on the server until asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AttachmentMeta {
    /// Sanitized: a plain file name, safe to create inside a folder.
    pub name: String,
    pub content_type: String,
    pub size: u32,
    /// The MIME part index, to fetch the content later.
    pub part: u32,
}

/// One IMAP folder of a mailbox as Settings → Mailboxes → Sync shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct MailFolderInfo {
    pub name: String,
    /// "inbox", "sent" or "other".
    pub role: String,
    pub enabled: bool,
    pub last_synced_at: Option<String>,
}

/// A mailbox's sync settings: how far back a folder's first sync reaches, and which folders are synced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct MailSyncSettings {
    pub mailbox_id: i64,
    pub sync_days: i64,
    /// INBOX first, then Sent, then the rest by name.
    pub folders: Vec<MailFolderInfo>,
}

/// An attachment downloaded from the server into the app's attachments folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SavedAttachment {
    pub email_id: i64,
    pub part: u32,
    /// The sanitized file name.
    pub name: String,
    pub content_type: String,
    pub size: u32,
    /// Where the file is: inside the attachments folder, or where the rep chose to save it.
    pub path: String,
}

/// A stored message. `body_html` is as received: sanitize before showing it.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct EmailMessage {
    pub id: i64,
    pub thread_id: Option<i64>,
    pub mailbox_id: Option<i64>,
    pub message_id: String,
    /// "in" or "out".
    pub direction: String,
    pub from_addr: String,
    pub from_name: Option<String>,
    pub to_addrs: Vec<String>,
    pub cc_addrs: Vec<String>,
    pub subject: String,
    pub sent_at: Option<String>,
    pub body_text: Option<String>,
    pub body_html: Option<String>,
    pub snippet: Option<String>,
    pub attachments: Vec<AttachmentMeta>,
    pub is_read: bool,
    pub classification: MailClass,
    pub classification_reason: Option<String>,
    pub contact_id: Option<i64>,
    pub outbound_id: Option<i64>,
    /// What could not be read (malformed MIME, a truncated body…); what parsed is still stored.
    pub parse_warning: Option<String>,
    pub remote_images_allowed: bool,
    /// When the sync found it gone from every folder it was seen in on the server (deleted, or moved to a
    /// folder Outpost does not sync). It stays here with its CRM history; None while it is still there, or
    /// for mail that was never on the server (sent before the Sent folder was synced).
    pub removed_at: Option<String>,
}

/// A conversation and its messages, oldest first.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct EmailThreadView {
    pub thread: InboxThread,
    pub messages: Vec<EmailMessage>,
}

/// A contact's deliverability: shown on the record and by `outpost contacts show`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ContactMailState {
    pub bounced: bool,
    pub bounced_at: Option<String>,
    /// "Hard bounce: 5.1.1 …" / "Soft bounce: 4.2.2 …".
    pub bounce_reason: Option<String>,
    pub unsubscribed_at: Option<String>,
    /// Why mail to the contact's primary address is not sent, when it is on the suppression list.
    pub suppressed: Option<String>,
}

/// A message as the Inbox shows it: `message.body_html` is left out (never sent to the webview as received);
/// `html_document` is the sanitized `srcdoc` for a sandboxed iframe.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ShownMessage {
    pub message: EmailMessage,
    pub html_document: Option<String>,
    /// Remote images replaced by a placeholder; the rep may allow them for this message.
    pub blocked_images: u32,
}

/// A thread ready for the Inbox's thread view.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ShownThread {
    pub thread: InboxThread,
    pub messages: Vec<ShownMessage>,
}

/// What the app's background sync is doing for a mailbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SyncPhase {
    /// Waiting for the next pass.
    Idle,
    Syncing,
    /// The last pass failed; it is retried with backoff.
    Failed,
    /// Another process (e.g. `outpost sync`) is syncing this database.
    Elsewhere,
}

/// The background sync's state for one mailbox (the Inbox's "Sync now" status).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct MailSyncStatus {
    pub mailbox_id: i64,
    pub name: String,
    pub phase: SyncPhase,
    pub last_synced_at: Option<String>,
    /// New messages stored by the last pass.
    pub last_fetched: u32,
    pub last_error: Option<String>,
    /// When the next pass is due.
    pub next_at: Option<String>,
}
