//! The outbox: messages waiting to go, going, and gone.
use serde::{Deserialize, Serialize};
use specta::Type;

use super::MailboxState;

/// queued → sending → sent | failed | cancelled. A `sending` message with `sent_at` set was accepted by the
/// server and is being filed in the Sent folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum OutboundStatus {
    Queued,
    Sending,
    Sent,
    Failed,
    Cancelled,
}

impl OutboundStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OutboundStatus::Queued => "queued",
            OutboundStatus::Sending => "sending",
            OutboundStatus::Sent => "sent",
            OutboundStatus::Failed => "failed",
            OutboundStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<OutboundStatus> {
        Some(match s {
            "queued" => OutboundStatus::Queued,
            "sending" => OutboundStatus::Sending,
            "sent" => OutboundStatus::Sent,
            "failed" => OutboundStatus::Failed,
            "cancelled" => OutboundStatus::Cancelled,
            _ => return None,
        })
    }
}

/// One message in the outbox, as the list shows it (bodies left out; `outbox_get` has them).
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct OutboxItem {
    pub id: i64,
    pub mailbox_id: i64,
    pub mailbox_name: String,
    /// `<…@…>`: minted when queued, the same for every attempt.
    pub message_id: String,
    pub to_addr: String,
    pub subject: String,
    pub status: OutboundStatus,
    pub attempts: i64,
    /// Not before this (retry backoff or a scheduled send).
    pub not_before: String,
    /// For a queued message: when it is expected to go, pacing and send window included. `None` when the
    /// mailbox cannot send (paused, password refused).
    pub goes_at: Option<String>,
    /// Why a queued message waits, in plain words ("Daily limit of 50 reached", "Outside the send window").
    pub waiting_reason: Option<String>,
    /// What went wrong last, in plain words.
    pub last_error: Option<String>,
    /// The server's own reply (a rejection's "550 5.1.1 …", or the "250 …" that accepted it).
    pub server_reply: Option<String>,
    pub contact_id: Option<i64>,
    pub contact_name: Option<String>,
    pub deal_id: Option<i64>,
    pub template_id: Option<i64>,
    pub is_bulk: bool,
    pub sent_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// One message with its bodies and threading headers.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct OutboundMessage {
    pub item: OutboxItem,
    pub cc: Option<String>,
    pub body_text: String,
    pub body_html: Option<String>,
    pub in_reply_to: Option<String>,
    pub references: Option<String>,
}

/// What to send: free text (`subject` + `body_text`), or a template rendered for `contact_id` (and
/// `deal_id`). `to` defaults to the contact's primary email when a contact is given.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct SendInput {
    pub mailbox_id: i64,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub cc: Option<String>,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub body_text: Option<String>,
    #[serde(default)]
    pub body_html: Option<String>,
    #[serde(default)]
    pub template_id: Option<i64>,
    #[serde(default)]
    pub contact_id: Option<i64>,
    #[serde(default)]
    pub deal_id: Option<i64>,
    /// The Message-ID this replies to; `references` is the thread so far (space-separated).
    #[serde(default)]
    pub in_reply_to: Option<String>,
    #[serde(default)]
    pub references: Option<String>,
    /// Bulk mail (a campaign) carries List-Unsubscribe.
    #[serde(default)]
    pub is_bulk: bool,
    /// Send no earlier than this (RFC 3339); now when absent.
    #[serde(default)]
    pub send_at: Option<String>,
}

/// A message put in the outbox.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Queued {
    pub id: i64,
    pub message_id: String,
    /// When it is expected to go.
    pub goes_at: Option<String>,
    /// Merge fields the template asked for that the record does not have (the fallback was used).
    pub missing_fields: Vec<String>,
}

/// What the compose dialog shows before sending: the rendered message, its warnings.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ComposePreview {
    pub to: Option<String>,
    pub subject: String,
    pub body_text: String,
    pub body_html: Option<String>,
    pub missing_fields: Vec<String>,
    /// Why this address would not be sent to (it is on the suppression list), if it is.
    pub suppressed: Option<String>,
}

/// One pass over the outbox (`outpost outbox run`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct OutboxRun {
    pub sent: u32,
    pub failed: u32,
    /// Still queued afterwards: waiting for a retry, the pacing, the send window or a paused mailbox.
    pub deferred: u32,
    /// Not sent because the address is on the suppression list.
    pub suppressed: u32,
    /// Left `sending` by an earlier run that stopped mid-way, and resolved (found in Sent, or re-queued).
    pub recovered: u32,
    /// Mailboxes that could not be tried at all, and why (no password in the keychain, …).
    pub problems: Vec<String>,
}

/// A sending mailbox at a glance.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SenderStatus {
    pub mailbox_id: i64,
    pub name: String,
    pub email: String,
    pub state: MailboxState,
    pub state_reason: Option<String>,
    pub queued: i64,
    pub failed: i64,
    pub sent_today: i64,
    /// 0 means no limit.
    pub daily_limit: i64,
    /// When its next queued message is expected to go.
    pub next_at: Option<String>,
}

/// The Outbox view's data: messages (newest activity first) and the senders.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Outbox {
    pub items: Vec<OutboxItem>,
    pub senders: Vec<SenderStatus>,
}
