//! SQL for `outbound_messages`, the durable outbox. Every status change is a guarded UPDATE (`WHERE status =
//! …`), so two writers can never both move the same message.
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::domain::{OutboundMessage, OutboundStatus, OutboxItem};
use crate::error::{CoreError, Result};

pub struct NewOutbound<'a> {
    pub mailbox_id: i64,
    pub message_id: &'a str,
    pub to_addr: &'a str,
    pub cc: Option<&'a str>,
    pub subject: &'a str,
    pub body_text: &'a str,
    pub body_html: Option<&'a str>,
    pub in_reply_to: Option<&'a str>,
    pub references: Option<&'a str>,
    pub is_bulk: bool,
    pub not_before: &'a str,
    pub contact_id: Option<i64>,
    pub deal_id: Option<i64>,
    pub template_id: Option<i64>,
    pub now: &'a str,
}

pub fn insert(conn: &Connection, m: &NewOutbound) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO outbound_messages (mailbox_id, message_id, to_addr, cc, subject, body_text, body_html,
             in_reply_to, \"references\", is_bulk, not_before, contact_id, deal_id, template_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
    )?
    .execute(params![
        m.mailbox_id,
        m.message_id,
        m.to_addr,
        m.cc,
        m.subject,
        m.body_text,
        m.body_html,
        m.in_reply_to,
        m.references,
        m.is_bulk,
        m.not_before,
        m.contact_id,
        m.deal_id,
        m.template_id,
        m.now,
    ])?;
    Ok(conn.last_insert_rowid())
}

const ITEM_COLUMNS: &str = "o.id, o.mailbox_id, COALESCE(mb.name, ''), o.message_id, o.to_addr, o.subject, o.status,
    o.attempts, o.not_before, o.last_error, o.server_reply, o.contact_id,
    NULLIF(trim(COALESCE(c.first_name, '') || ' ' || COALESCE(c.last_name, '')), ''), o.deal_id, o.template_id,
    o.is_bulk, o.sent_at, o.created_at, o.updated_at";
const ITEM_FROM: &str = "outbound_messages o LEFT JOIN mailboxes mb ON mb.id = o.mailbox_id
    LEFT JOIN contacts c ON c.id = o.contact_id";

fn item(r: &Row) -> rusqlite::Result<OutboxItem> {
    let status: String = r.get(6)?;
    Ok(OutboxItem {
        id: r.get(0)?,
        mailbox_id: r.get(1)?,
        mailbox_name: r.get(2)?,
        message_id: r.get(3)?,
        to_addr: r.get(4)?,
        subject: r.get(5)?,
        status: OutboundStatus::parse(&status).unwrap_or(OutboundStatus::Failed),
        attempts: r.get(7)?,
        not_before: r.get(8)?,
        goes_at: None,
        waiting_reason: None,
        last_error: r.get(9)?,
        server_reply: r.get(10)?,
        contact_id: r.get(11)?,
        contact_name: r.get(12)?,
        deal_id: r.get(13)?,
        template_id: r.get(14)?,
        is_bulk: r.get(15)?,
        sent_at: r.get(16)?,
        created_at: r.get(17)?,
        updated_at: r.get(18)?,
    })
}

/// The outbox, most recently changed first; `status` narrows it.
pub fn list(conn: &Connection, status: Option<OutboundStatus>, limit: usize) -> Result<Vec<OutboxItem>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ITEM_COLUMNS} FROM {ITEM_FROM} WHERE (?1 IS NULL OR o.status = ?1)
         ORDER BY o.status <> 'queued', o.updated_at DESC, o.id DESC LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![status.map(|s| s.as_str()), limit as i64], item)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<OutboundMessage> {
    conn.prepare_cached(&format!(
        "SELECT {ITEM_COLUMNS}, o.cc, o.body_text, o.body_html, o.in_reply_to, o.\"references\"
         FROM {ITEM_FROM} WHERE o.id = ?1"
    ))?
    .query_row([id], |r| {
        Ok(OutboundMessage {
            item: item(r)?,
            cc: r.get(19)?,
            body_text: r.get(20)?,
            body_html: r.get(21)?,
            in_reply_to: r.get(22)?,
            references: r.get(23)?,
        })
    })
    .optional()?
    .ok_or(CoreError::NotFound { entity: "outbound message", id })
}

/// A mailbox's queued messages in the order they go: (id, not_before).
pub fn queued(conn: &Connection, mailbox_id: i64, limit: usize) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, not_before FROM outbound_messages WHERE mailbox_id = ?1 AND status = 'queued'
         ORDER BY not_before, id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![mailbox_id, limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Messages left `sending` (id, sent_at): either in flight in this process or left by one that stopped.
pub fn sending(conn: &Connection, mailbox_id: i64) -> Result<Vec<(i64, Option<String>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, sent_at FROM outbound_messages WHERE mailbox_id = ?1 AND status = 'sending' ORDER BY id",
    )?;
    let rows = stmt.query_map([mailbox_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Mailboxes with something queued or in flight.
pub fn mailboxes_with_work(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT mailbox_id FROM outbound_messages WHERE status IN ('queued', 'sending') ORDER BY mailbox_id",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many messages the mailbox handed to its server since `since` (any status: a message accepted and
/// still being filed counts), and when the last one went. Counted from the table, so limits survive restarts.
pub fn sent_since(conn: &Connection, mailbox_id: i64, since: &str) -> Result<(u32, Option<String>)> {
    let count: i64 = conn
        .prepare_cached("SELECT count(*) FROM outbound_messages WHERE mailbox_id = ?1 AND sent_at >= ?2")?
        .query_row(params![mailbox_id, since], |r| r.get(0))?;
    let last: Option<String> = conn
        .prepare_cached("SELECT max(sent_at) FROM outbound_messages WHERE mailbox_id = ?1 AND sent_at IS NOT NULL")?
        .query_row([mailbox_id], |r| r.get(0))?;
    Ok((count as u32, last))
}

/// The mailbox's messages waiting to go (queued, or `sending` and not yet accepted) that may go before
/// `until`: overdue ones included, ones held for later (a scheduled send, a retry's backoff) not.
pub fn waiting_before(conn: &Connection, mailbox_id: i64, until: &str) -> Result<u32> {
    let n: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM outbound_messages WHERE mailbox_id = ?1 AND status IN ('queued', 'sending')
                 AND sent_at IS NULL AND not_before < ?2",
        )?
        .query_row(params![mailbox_id, until], |r| r.get(0))?;
    Ok(n as u32)
}

/// Messages still waiting to go (queued, or left `sending`), over all mailboxes.
pub fn waiting(conn: &Connection) -> Result<u32> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM outbound_messages WHERE status IN ('queued', 'sending')")?
        .query_row([], |r| r.get(0))?;
    Ok(n as u32)
}

/// (queued, failed) per mailbox.
pub fn counts(conn: &Connection, mailbox_id: i64) -> Result<(i64, i64)> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FILTER (WHERE status IN ('queued', 'sending')), count(*) FILTER (WHERE status = 'failed')
             FROM outbound_messages WHERE mailbox_id = ?1",
        )?
        .query_row([mailbox_id], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// queued → sending, counting the attempt. False when someone else moved it first.
pub fn claim(conn: &Connection, id: i64, now: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "UPDATE outbound_messages SET status = 'sending', attempts = attempts + 1, updated_at = ?2
             WHERE id = ?1 AND status = 'queued'",
        )?
        .execute(params![id, now])?
        == 1)
}

/// The server accepted it: from here on it counts as sent, whatever happens while filing it in Sent.
pub fn mark_accepted(conn: &Connection, id: i64, sent_at: &str, reply: Option<&str>) -> Result<()> {
    conn.prepare_cached(
        "UPDATE outbound_messages SET sent_at = ?2, server_reply = ?3, last_error = NULL, updated_at = ?2
         WHERE id = ?1 AND status = 'sending'",
    )?
    .execute(params![id, sent_at, reply])?;
    Ok(())
}

/// sending → sent. `note` says what did not work out while filing it (it was sent all the same).
pub fn mark_sent(conn: &Connection, id: i64, sent_at: &str, note: Option<&str>, now: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "UPDATE outbound_messages SET status = 'sent', sent_at = COALESCE(sent_at, ?2), last_error = ?3,
                 updated_at = ?4
             WHERE id = ?1 AND status = 'sending'",
        )?
        .execute(params![id, sent_at, note, now])?
        == 1)
}

/// sending → queued, to go again at `not_before`. `refund` gives the attempt back (the message was never
/// tried: the mailbox's password was refused, or a crash left it before it reached the server).
pub fn requeue(
    conn: &Connection,
    id: i64,
    not_before: &str,
    error: Option<&str>,
    reply: Option<&str>,
    refund: bool,
    now: &str,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE outbound_messages SET status = 'queued', not_before = ?2, last_error = ?3, server_reply = ?4,
             attempts = attempts - ?5, updated_at = ?6
         WHERE id = ?1 AND status = 'sending'",
    )?
    .execute(params![id, not_before, error, reply, i64::from(refund), now])?;
    Ok(())
}

/// sending → failed, with why and the server's words.
pub fn fail(conn: &Connection, id: i64, error: &str, reply: Option<&str>, now: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE outbound_messages SET status = 'failed', last_error = ?2, server_reply = ?3, updated_at = ?4
         WHERE id = ?1 AND status = 'sending'",
    )?
    .execute(params![id, error, reply, now])?;
    Ok(())
}

/// queued or sending (before it reached the server) → cancelled, with why. False when it had moved on.
pub fn cancel(conn: &Connection, id: i64, from: OutboundStatus, reason: Option<&str>, now: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "UPDATE outbound_messages SET status = 'cancelled', last_error = COALESCE(?3, last_error), updated_at = ?4
             WHERE id = ?1 AND status = ?2 AND sent_at IS NULL",
        )?
        .execute(params![id, from.as_str(), reason, now])?
        == 1)
}

/// failed or cancelled → queued now, with a fresh count of attempts. False when it is not in either state.
pub fn retry(conn: &Connection, id: i64, now: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "UPDATE outbound_messages SET status = 'queued', attempts = 0, not_before = ?2, last_error = NULL,
                 server_reply = NULL, updated_at = ?2
             WHERE id = ?1 AND status IN ('failed', 'cancelled') AND sent_at IS NULL",
        )?
        .execute(params![id, now])?
        == 1)
}
