//! SQL for synced mail: `email_messages` (one row per Message-ID, whatever folders hold it),
//! `email_locations` (where each sits on the server), `email_threads` (conversations with their linked
//! records), plus the lookups matching needs (our sent Message-IDs, contacts by address, companies by
//! domain) and the effects of a classified message (replied, bounced, unsubscribed).
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::domain::{AttachmentMeta, EmailMessage, InboxThread, MailClass};
use crate::error::{CoreError, Result};

pub struct NewEmail<'a> {
    pub thread_id: Option<i64>,
    pub mailbox_id: i64,
    pub message_id: &'a str,
    pub in_reply_to: Option<&'a str>,
    pub references: Option<&'a str>,
    pub outgoing: bool,
    pub from_addr: &'a str,
    pub from_name: Option<&'a str>,
    pub to_addrs: &'a [String],
    pub cc_addrs: &'a [String],
    pub subject: &'a str,
    pub sent_at: Option<&'a str>,
    pub body_text: Option<&'a str>,
    pub body_html: Option<&'a str>,
    pub snippet: &'a str,
    pub attachments: &'a [AttachmentMeta],
    pub flags: &'a [String],
    pub is_read: bool,
    pub classification: MailClass,
    pub classification_reason: &'a str,
    pub contact_id: Option<i64>,
    pub outbound_id: Option<i64>,
    pub parse_warning: Option<&'a str>,
}

pub fn insert(conn: &Connection, m: &NewEmail) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO email_messages (thread_id, mailbox_id, message_id, in_reply_to, \"references\", direction,
             from_addr, from_name, to_addrs, cc_addrs, subject, sent_at, body_text, body_html, snippet, attachments,
             flags, is_read, classification, classification_reason, contact_id, outbound_id, parse_warning)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)",
    )?
    .execute(params![
        m.thread_id,
        m.mailbox_id,
        m.message_id,
        m.in_reply_to,
        m.references,
        if m.outgoing { "out" } else { "in" },
        m.from_addr,
        m.from_name,
        serde_json::to_string(m.to_addrs)?,
        serde_json::to_string(m.cc_addrs)?,
        m.subject,
        m.sent_at,
        m.body_text,
        m.body_html,
        m.snippet,
        serde_json::to_string(m.attachments)?,
        serde_json::to_string(m.flags)?,
        m.is_read,
        m.classification.as_str(),
        m.classification_reason,
        m.contact_id,
        m.outbound_id,
        m.parse_warning,
    ])?;
    Ok(conn.last_insert_rowid())
}

/// The stored message with this Message-ID: (id, thread).
pub fn find(conn: &Connection, message_id: &str) -> Result<Option<(i64, Option<i64>)>> {
    Ok(conn
        .prepare_cached("SELECT id, thread_id FROM email_messages WHERE message_id = ?1")?
        .query_row([message_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Records that the message sits at `uid` in a folder. Idempotent.
pub fn add_location(conn: &Connection, message: i64, folder_id: i64, uidvalidity: u32, uid: u32) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO email_locations (message_id, folder_id, uidvalidity, uid) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![message, folder_id, uidvalidity, uid])?;
    Ok(())
}

/// Stored messages among `ids` (a JSON array of Message-IDs): (Message-ID, thread).
pub fn threads_of(conn: &Connection, ids_json: &str) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.message_id, m.thread_id FROM email_messages m
         WHERE m.message_id IN (SELECT value FROM json_each(?1)) AND m.thread_id IS NOT NULL",
    )?;
    let rows = stmt.query_map([ids_json], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A message we sent through the outbox.
#[derive(Debug, Clone)]
pub struct SentRef {
    pub id: i64,
    pub message_id: String,
    pub contact_id: Option<i64>,
    pub deal_id: Option<i64>,
    pub subject: String,
}

fn sent_ref(r: &Row) -> rusqlite::Result<SentRef> {
    Ok(SentRef { id: r.get(0)?, message_id: r.get(1)?, contact_id: r.get(2)?, deal_id: r.get(3)?, subject: r.get(4)? })
}

/// Outbox messages whose Message-ID is among `ids` (a JSON array).
pub fn sent_among(conn: &Connection, ids_json: &str) -> Result<Vec<SentRef>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, message_id, contact_id, deal_id, subject FROM outbound_messages
         WHERE message_id IN (SELECT value FROM json_each(?1))",
    )?;
    let rows = stmt.query_map([ids_json], sent_ref)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The newest message we sent to `addr` with this subject (compared without case) — the weak subject hint.
pub fn sent_to_with_subject(conn: &Connection, addr: &str, subject: &str) -> Result<Option<SentRef>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, message_id, contact_id, deal_id, subject FROM outbound_messages
             WHERE lower(to_addr) = ?1 AND lower(subject) = lower(?2) AND status = 'sent'
             ORDER BY sent_at DESC LIMIT 1",
        )?
        .query_row(params![addr, subject], sent_ref)
        .optional()?)
}

/// The thread holding the stored copy of an outbox message, if synced from Sent.
pub fn thread_of_sent(conn: &Connection, outbound_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT thread_id FROM email_messages WHERE outbound_id = ?1 AND thread_id IS NOT NULL LIMIT 1",
        )?
        .query_row([outbound_id], |r| r.get(0))
        .optional()?)
}

/// A thread of this mailbox with this subject (no prefixes, any case) where `addr` wrote or was written to.
pub fn thread_by_subject_and_party(
    conn: &Connection,
    mailbox_id: i64,
    subject: &str,
    addr: &str,
) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT t.id FROM email_threads t
             WHERE t.mailbox_id = ?1 AND lower(t.subject) = lower(?2)
               AND EXISTS (SELECT 1 FROM email_messages m WHERE m.thread_id = t.id
                           AND (m.from_addr = ?3 OR EXISTS (SELECT 1 FROM json_each(m.to_addrs) WHERE value = ?3)))
             ORDER BY t.last_message_at DESC LIMIT 1",
        )?
        .query_row(params![mailbox_id, subject, addr], |r| r.get(0))
        .optional()?)
}

pub fn mark_replied(conn: &Connection, outbound_id: i64, at: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "UPDATE outbound_messages SET replied_at = ?2, updated_at = ?2 WHERE id = ?1 AND replied_at IS NULL",
        )?
        .execute(params![outbound_id, at])?
        > 0)
}

/// The live contact using this address (the oldest when several do) and its company.
pub fn contact_by_email(conn: &Connection, addr: &str) -> Result<Option<(i64, Option<i64>)>> {
    Ok(conn
        .prepare_cached(
            "SELECT c.id, c.company_id FROM contact_points p JOIN contacts c ON c.id = p.contact_id
             WHERE p.kind = 'email' AND p.normalized = ?1 AND c.deleted_at IS NULL ORDER BY c.id LIMIT 1",
        )?
        .query_row([addr], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

pub fn company_of_contact(conn: &Connection, contact_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT company_id FROM contacts WHERE id = ?1")?
        .query_row([contact_id], |r| r.get(0))
        .optional()?
        .flatten())
}

pub fn company_by_domain(conn: &Connection, domain: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM companies WHERE domain = ?1 AND deleted_at IS NULL")?
        .query_row([domain], |r| r.get(0))
        .optional()?)
}

/// The one open deal of a contact (its own or through deal_contacts), else of its company; None when there
/// is no open deal or several (a guess would link the wrong one).
pub fn only_open_deal(conn: &Connection, contact_id: Option<i64>, company_id: Option<i64>) -> Result<Option<i64>> {
    let ids: Vec<i64> = conn
        .prepare_cached(
            "SELECT DISTINCT d.id FROM deals d
             WHERE d.status = 'open' AND d.deleted_at IS NULL AND (
                 (?1 IS NOT NULL AND (d.contact_id = ?1 OR d.id IN (SELECT deal_id FROM deal_contacts WHERE contact_id = ?1)))
                 OR (?1 IS NULL AND ?2 IS NOT NULL AND d.company_id = ?2))
             LIMIT 2",
        )?
        .query_map(params![contact_id, company_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(if ids.len() == 1 { Some(ids[0]) } else { None })
}

pub fn create_thread(
    conn: &Connection,
    mailbox_id: i64,
    subject: &str,
    contact_id: Option<i64>,
    company_id: Option<i64>,
    deal_id: Option<i64>,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO email_threads (mailbox_id, subject, contact_id, company_id, deal_id) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![mailbox_id, subject, contact_id, company_id, deal_id])?;
    Ok(conn.last_insert_rowid())
}

/// The thread's linked records (contact, company, deal).
pub fn thread_links(conn: &Connection, thread_id: i64) -> Result<(Option<i64>, Option<i64>, Option<i64>)> {
    Ok(conn
        .prepare_cached("SELECT contact_id, company_id, deal_id FROM email_threads WHERE id = ?1")?
        .query_row([thread_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?)
}

/// Fills the thread's empty links; never replaces one already set.
pub fn link_thread(
    conn: &Connection,
    thread_id: i64,
    contact_id: Option<i64>,
    company_id: Option<i64>,
    deal_id: Option<i64>,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE email_threads SET contact_id = COALESCE(contact_id, ?2), company_id = COALESCE(company_id, ?3),
             deal_id = COALESCE(deal_id, ?4) WHERE id = ?1",
    )?
    .execute(params![thread_id, contact_id, company_id, deal_id])?;
    Ok(())
}

/// A new message in the thread: newest time and snippet, one more unread when it is.
pub fn bump_thread(
    conn: &Connection,
    thread_id: i64,
    at: Option<&str>,
    snippet: &str,
    unread: bool,
    now: &str,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE email_threads SET
             snippet = CASE WHEN ?2 IS NULL OR last_message_at IS NULL OR ?2 >= last_message_at THEN ?3 ELSE snippet END,
             last_message_at = CASE WHEN last_message_at IS NULL OR ?2 > last_message_at THEN COALESCE(?2, ?5)
                                    ELSE last_message_at END,
             unread_count = unread_count + ?4, updated_at = ?5
         WHERE id = ?1",
    )?
    .execute(params![thread_id, at, snippet, i64::from(unread), now])?;
    Ok(())
}

pub fn flag_bounced(conn: &Connection, contact_id: i64, at: &str, reason: &str) -> Result<()> {
    conn.prepare_cached("UPDATE contacts SET bounced_at = ?2, bounce_reason = ?3, updated_at = ?2 WHERE id = ?1")?
        .execute(params![contact_id, at, reason])?;
    Ok(())
}

pub fn flag_unsubscribed(conn: &Connection, contact_id: i64, at: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE contacts SET unsubscribed_at = COALESCE(unsubscribed_at, ?2), updated_at = ?2 WHERE id = ?1",
    )?
    .execute(params![contact_id, at])?;
    Ok(())
}

/// A contact's deliverability as stored, with the address suppression is checked for.
pub struct MailStateRow {
    pub bounced_at: Option<String>,
    pub bounce_reason: Option<String>,
    pub unsubscribed_at: Option<String>,
    /// The primary email (normalized), if any.
    pub email: Option<String>,
}

pub fn mail_state(conn: &Connection, contact_id: i64) -> Result<MailStateRow> {
    conn.prepare_cached(
        "SELECT c.bounced_at, c.bounce_reason, c.unsubscribed_at,
             (SELECT normalized FROM contact_points WHERE contact_id = c.id AND kind = 'email'
              ORDER BY is_primary DESC, id LIMIT 1)
         FROM contacts c WHERE c.id = ?1",
    )?
    .query_row([contact_id], |r| {
        Ok(MailStateRow {
            bounced_at: r.get(0)?,
            bounce_reason: r.get(1)?,
            unsubscribed_at: r.get(2)?,
            email: r.get(3)?,
        })
    })
    .optional()?
    .ok_or(CoreError::NotFound { entity: "contact", id: contact_id })
}

const THREAD_SELECT: &str = "SELECT t.id, t.mailbox_id, t.subject, t.contact_id,
        NULLIF(trim(c.first_name || ' ' || c.last_name), ''), t.company_id, co.name, t.deal_id, d.title,
        t.last_message_at, t.unread_count,
        (SELECT count(*) FROM email_messages m WHERE m.thread_id = t.id), t.snippet,
        (SELECT COALESCE(m.from_name, m.from_addr) FROM email_messages m WHERE m.thread_id = t.id
             ORDER BY m.sent_at DESC, m.id DESC LIMIT 1),
        (SELECT m.classification FROM email_messages m WHERE m.thread_id = t.id
             ORDER BY m.sent_at DESC, m.id DESC LIMIT 1)
    FROM email_threads t
    LEFT JOIN contacts c ON c.id = t.contact_id
    LEFT JOIN companies co ON co.id = t.company_id
    LEFT JOIN deals d ON d.id = t.deal_id";

fn thread_row(r: &Row) -> rusqlite::Result<InboxThread> {
    Ok(InboxThread {
        id: r.get(0)?,
        mailbox_id: r.get(1)?,
        subject: r.get(2)?,
        contact_id: r.get(3)?,
        contact_name: r.get(4)?,
        company_id: r.get(5)?,
        company_name: r.get(6)?,
        deal_id: r.get(7)?,
        deal_title: r.get(8)?,
        last_message_at: r.get(9)?,
        unread_count: r.get(10)?,
        message_count: r.get(11)?,
        snippet: r.get(12)?,
        last_from: r.get(13)?,
        last_classification: r
            .get::<_, Option<String>>(14)?
            .as_deref()
            .and_then(MailClass::parse)
            .unwrap_or(MailClass::Unknown),
    })
}

/// Threads, newest first; `linked_only` leaves out mail the CRM does not know the sender of.
pub fn threads(
    conn: &Connection,
    mailbox_id: Option<i64>,
    linked_only: bool,
    limit: usize,
) -> Result<Vec<InboxThread>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{THREAD_SELECT}
         WHERE (?1 IS NULL OR t.mailbox_id = ?1)
           AND (?2 = 0 OR t.contact_id IS NOT NULL OR t.company_id IS NOT NULL OR t.deal_id IS NOT NULL)
         ORDER BY t.last_message_at DESC, t.id DESC LIMIT ?3"
    ))?;
    let rows = stmt.query_map(params![mailbox_id, linked_only, limit as i64], thread_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn thread(conn: &Connection, id: i64) -> Result<InboxThread> {
    conn.prepare_cached(&format!("{THREAD_SELECT} WHERE t.id = ?1"))?
        .query_row([id], thread_row)
        .optional()?
        .ok_or(CoreError::NotFound { entity: "email thread", id })
}

const MESSAGE_SELECT: &str = "SELECT id, thread_id, mailbox_id, message_id, direction, from_addr, from_name, to_addrs,
        cc_addrs, subject, sent_at, body_text, body_html, snippet, attachments, is_read, classification,
        classification_reason, contact_id, outbound_id, parse_warning, remote_images_allowed,
        (SELECT max(l.vanished_at) FROM email_locations l WHERE l.message_id = email_messages.id
         HAVING count(*) = count(l.vanished_at))
    FROM email_messages";

fn message_row(r: &Row) -> rusqlite::Result<EmailMessage> {
    let json_list = |i: usize| -> rusqlite::Result<Vec<String>> {
        Ok(serde_json::from_str(&r.get::<_, String>(i)?).unwrap_or_default())
    };
    Ok(EmailMessage {
        id: r.get(0)?,
        thread_id: r.get(1)?,
        mailbox_id: r.get(2)?,
        message_id: r.get(3)?,
        direction: r.get(4)?,
        from_addr: r.get(5)?,
        from_name: r.get(6)?,
        to_addrs: json_list(7)?,
        cc_addrs: json_list(8)?,
        subject: r.get(9)?,
        sent_at: r.get(10)?,
        body_text: r.get(11)?,
        body_html: r.get(12)?,
        snippet: r.get(13)?,
        attachments: serde_json::from_str(&r.get::<_, String>(14)?).unwrap_or_default(),
        is_read: r.get(15)?,
        classification: MailClass::parse(&r.get::<_, String>(16)?).unwrap_or(MailClass::Unknown),
        classification_reason: r.get(17)?,
        contact_id: r.get(18)?,
        outbound_id: r.get(19)?,
        parse_warning: r.get(20)?,
        remote_images_allowed: r.get(21)?,
        removed_at: r.get(22)?,
    })
}

/// A thread's messages, oldest first.
pub fn messages_of(conn: &Connection, thread_id: i64) -> Result<Vec<EmailMessage>> {
    let mut stmt = conn.prepare_cached(&format!("{MESSAGE_SELECT} WHERE thread_id = ?1 ORDER BY sent_at, id"))?;
    let rows = stmt.query_map([thread_id], message_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn message(conn: &Connection, id: i64) -> Result<EmailMessage> {
    conn.prepare_cached(&format!("{MESSAGE_SELECT} WHERE id = ?1"))?
        .query_row([id], message_row)
        .optional()?
        .ok_or(CoreError::NotFound { entity: "email", id })
}

/// Marks every message of a thread read.
pub fn mark_thread_read(conn: &Connection, thread_id: i64) -> Result<()> {
    conn.prepare_cached("UPDATE email_messages SET is_read = 1 WHERE thread_id = ?1")?.execute([thread_id])?;
    conn.prepare_cached("UPDATE email_threads SET unread_count = 0 WHERE id = ?1")?.execute([thread_id])?;
    Ok(())
}

/// Links every unlinked message from `addr` (and their threads, where empty) to a contact just created from
/// that sender. Returns the threads touched.
pub fn link_sender(conn: &Connection, addr: &str, contact_id: i64, company_id: Option<i64>) -> Result<Vec<i64>> {
    conn.prepare_cached(
        "UPDATE email_messages SET contact_id = ?2 WHERE from_addr = ?1 AND direction = 'in' AND contact_id IS NULL",
    )?
    .execute(params![addr, contact_id])?;
    let threads: Vec<i64> = conn
        .prepare_cached(
            "SELECT DISTINCT thread_id FROM email_messages WHERE contact_id = ?1 AND thread_id IS NOT NULL",
        )?
        .query_map([contact_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for t in &threads {
        link_thread(conn, *t, Some(contact_id), company_id, None)?;
    }
    Ok(threads)
}

/// The rep allowed remote images for one message.
pub fn allow_remote_images(conn: &Connection, id: i64) -> Result<()> {
    let n = conn.prepare_cached("UPDATE email_messages SET remote_images_allowed = 1 WHERE id = ?1")?.execute([id])?;
    if n == 0 {
        return Err(CoreError::NotFound { entity: "email", id });
    }
    Ok(())
}

/// The newest stored message's id (0 with none), a watermark for "what is new since".
pub fn last_message_id(conn: &Connection) -> Result<i64> {
    Ok(conn.prepare_cached("SELECT coalesce(max(id), 0) FROM email_messages")?.query_row([], |r| r.get(0))?)
}

/// A genuine reply from a known contact, stored after `after_id`, for the desktop notification.
pub struct NewReply {
    pub id: i64,
    pub thread_id: Option<i64>,
    /// The contact's name, else the From name, else the address.
    pub from: String,
    pub subject: String,
}

pub fn replies_after(conn: &Connection, after_id: i64, limit: usize) -> Result<Vec<NewReply>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.thread_id,
                coalesce(nullif(trim(c.first_name || ' ' || c.last_name), ''), m.from_name, m.from_addr), m.subject
         FROM email_messages m JOIN contacts c ON c.id = m.contact_id
         WHERE m.id > ?1 AND m.direction = 'in' AND m.classification = 'reply'
         ORDER BY m.id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![after_id, limit as i64], |r| {
        Ok(NewReply { id: r.get(0)?, thread_id: r.get(1)?, from: r.get(2)?, subject: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
