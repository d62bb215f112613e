//! Storing one fetched message inside the sync's transaction: dedup by Message-ID, matching, classification
//! and what follows from it (replied, bounced, suppressed, unsubscribed, timeline, sequences stopped).
//!
//! Matching order: In-Reply-To / References against Message-IDs we sent or stored → that thread; the
//! sender's address → contact (its company, its one open deal); the sender's domain → company (never our own
//! domain); a reply prefix on a subject we sent to that address → only a weak hint, said so in the reason.
//! Unknown senders are stored but linked to nothing.
use rusqlite::Connection;

use super::bounce;
use super::classify::{classify, has_reply_prefix, strip_reply_prefixes, Facts};
use super::parse::ParsedMail;
use crate::domain::{EngagementStop, MailClass, SuppressionKind, SuppressionReason};
use crate::error::Result;
use crate::store::activities::{self, NewActivity};
use crate::store::emails::{self, NewEmail, SentRef};
use crate::store::{self, sequence_enrollments};

/// Where the message was found.
pub struct Place<'a> {
    pub mailbox_id: i64,
    /// The mailbox's own address, lower case.
    pub own: &'a str,
    pub folder_id: i64,
    /// "inbox", "sent" or "other".
    pub role: &'a str,
    pub uidvalidity: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Already stored (another folder, or a resync): only its location was recorded.
    Known,
    New {
        class: MailClass,
        outgoing: bool,
        linked: bool,
    },
}

pub fn ingest(
    tx: &Connection,
    place: &Place,
    p: &ParsedMail,
    uid: u32,
    flags: &[String],
    now: &str,
) -> Result<Outcome> {
    if let Some((id, _)) = emails::find(tx, &p.message_id)? {
        emails::add_location(tx, id, place.folder_id, place.uidvalidity, uid)?;
        return Ok(Outcome::Known);
    }
    let outgoing = place.role == "sent" || (!p.from_addr.is_empty() && p.from_addr == place.own);
    let bounce = if outgoing { None } else { bounce::detect(p, place.own) };

    // 1. Thread headers (In-Reply-To first, then References newest first; a bounce's original message last).
    let mut header_ids: Vec<&str> = p.in_reply_to.iter().map(String::as_str).collect();
    header_ids.extend(p.references.iter().rev().map(String::as_str));
    if bounce.is_some() {
        header_ids.extend(p.original_message_id.as_deref());
    }
    let ids_json = serde_json::to_string(&header_ids)?;
    let (sent, stored) = if header_ids.is_empty() {
        (vec![], vec![])
    } else {
        (emails::sent_among(tx, &ids_json)?, emails::threads_of(tx, &ids_json)?)
    };
    let mut sent_ref: Option<SentRef> = None;
    let mut thread_id: Option<i64> = None;
    let mut thread_reason: Option<String> = None;
    for id in &header_ids {
        if sent_ref.is_none() {
            if let Some(s) = sent.iter().find(|s| s.message_id == *id) {
                sent_ref = Some(s.clone());
                thread_reason.get_or_insert_with(|| format!("{} {id} is a message we sent", which(p, id)));
            }
        }
        if thread_id.is_none() {
            if let Some((_, t)) = stored.iter().find(|(m, _)| m == id) {
                thread_id = Some(*t);
                thread_reason.get_or_insert_with(|| format!("{} {id} is in this conversation", which(p, id)));
            }
        }
    }
    let party = if outgoing {
        p.to_addrs.first().cloned().unwrap_or_default()
    } else if let Some(b) = &bounce {
        b.recipient.clone().unwrap_or_default()
    } else {
        p.from_addr.clone()
    };

    // 4. The subject as a weak hint, only when the headers found nothing.
    let bare_subject = strip_reply_prefixes(&p.subject);
    if !outgoing && bounce.is_none() && thread_id.is_none() && sent_ref.is_none() && has_reply_prefix(&p.subject) {
        if let Some(s) = emails::sent_to_with_subject(tx, &party, &bare_subject)? {
            thread_reason = Some(format!(
                "No thread headers; the subject answers “{}”, which we sent to {party} (a weak match)",
                s.subject
            ));
            sent_ref = Some(s);
        } else if let Some(t) = emails::thread_by_subject_and_party(tx, place.mailbox_id, &bare_subject, &party)? {
            thread_id = Some(t);
            thread_reason =
                Some("No thread headers; same subject and correspondent as this conversation (a weak match)".into());
        }
    }
    // Our own copy of an outbox message (synced from Sent) points at its outbox row.
    let own_outbound = if outgoing {
        emails::sent_among(tx, &serde_json::to_string(&[&p.message_id])?)?.into_iter().next()
    } else {
        None
    };
    // A reply synced before the message it answers already holds the outbox row's thread.
    if thread_id.is_none() {
        if let Some(s) = sent_ref.as_ref().or(own_outbound.as_ref()) {
            thread_id = emails::thread_of_sent(tx, s.id)?;
        }
    }

    // 2–3. The correspondent: contact by address, else company by domain (not our own domain).
    let contact = if party.is_empty() { None } else { emails::contact_by_email(tx, &party)? };
    let mut contact_id = contact.map(|(id, _)| id);
    if contact_id.is_none() {
        contact_id = sent_ref.as_ref().and_then(|s| s.contact_id).filter(|_| bounce.is_some());
    }
    let own_domain = place.own.rsplit_once('@').map_or("", |(_, d)| d);
    let party_domain = party.rsplit_once('@').map_or("", |(_, d)| d).to_string();
    let company_id = match contact {
        Some((_, company)) => company,
        None if !party_domain.is_empty() && party_domain != own_domain => emails::company_by_domain(tx, &party_domain)?,
        None => None,
    };
    let thread_contact = sent_ref.as_ref().and_then(|s| s.contact_id).or(contact_id);
    let thread_company = match (company_id, thread_contact) {
        (Some(c), _) => Some(c),
        (None, Some(c)) => emails::company_of_contact(tx, c)?,
        (None, None) => None,
    };
    let deal_id = match sent_ref.as_ref().and_then(|s| s.deal_id) {
        Some(d) => Some(d),
        None if thread_contact.is_some() || thread_company.is_some() => {
            emails::only_open_deal(tx, thread_contact, thread_company)?
        }
        None => None,
    };

    let verdict = classify(
        p,
        &Facts { own: place.own, outgoing, thread_reason: thread_reason.clone(), known_sender: contact.is_some() },
    );
    let thread_id = match thread_id {
        Some(t) => {
            emails::link_thread(tx, t, thread_contact, thread_company, deal_id)?;
            t
        }
        None => emails::create_thread(tx, place.mailbox_id, &bare_subject, thread_contact, thread_company, deal_id)?,
    };
    let is_read = outgoing || flags.iter().any(|f| f == "\\Seen");
    let references = (!p.references.is_empty()).then(|| p.references.join(" "));
    let warning = p.parse_warning();
    let email_id = emails::insert(
        tx,
        &NewEmail {
            thread_id: Some(thread_id),
            mailbox_id: place.mailbox_id,
            message_id: &p.message_id,
            in_reply_to: p.in_reply_to.as_deref(),
            references: references.as_deref(),
            outgoing,
            from_addr: &p.from_addr,
            from_name: p.from_name.as_deref(),
            to_addrs: &p.to_addrs,
            cc_addrs: &p.cc_addrs,
            subject: &p.subject,
            sent_at: p.sent_at.as_deref(),
            body_text: p.body_text.as_deref(),
            body_html: p.body_html.as_deref(),
            snippet: &p.snippet,
            attachments: &p.attachments,
            flags,
            is_read,
            classification: verdict.class,
            classification_reason: &verdict.reason,
            contact_id,
            outbound_id: if outgoing { own_outbound.as_ref().map(|s| s.id) } else { sent_ref.as_ref().map(|s| s.id) },
            parse_warning: warning.as_deref(),
        },
    )?;
    emails::add_location(tx, email_id, place.folder_id, place.uidvalidity, uid)?;
    emails::bump_thread(tx, thread_id, p.sent_at.as_deref(), &p.snippet, !is_read, now)?;

    let at = p.sent_at.as_deref().unwrap_or(now);
    let (link_contact, link_company, link_deal) = emails::thread_links(tx, thread_id)?;
    let linked = link_contact.is_some() || link_company.is_some() || link_deal.is_some();
    if outgoing {
        if own_outbound.is_none() && contact_id.is_some() {
            timeline(
                tx,
                "email_out",
                p,
                email_id,
                thread_id,
                contact_id,
                company_id,
                deal_id,
                &verdict.reason,
                verdict.class,
            )?;
        }
        return Ok(Outcome::New { class: verdict.class, outgoing, linked });
    }
    let stop_contact = contact_id.or(thread_contact);
    match verdict.class {
        MailClass::Reply | MailClass::Unsubscribe => {
            if let Some(s) = &sent_ref {
                emails::mark_replied(tx, s.id, at)?;
            }
            if verdict.class == MailClass::Unsubscribe {
                suppress(tx, &p.from_addr, SuppressionReason::Unsubscribe, &verdict.reason)?;
                if let Some(c) = contact_id {
                    emails::flag_unsubscribed(tx, c, at)?;
                }
            }
            if let Some(c) = stop_contact {
                let kind =
                    if verdict.class == MailClass::Reply { EngagementStop::Reply } else { EngagementStop::Unsubscribe };
                on_reply_or_bounce(tx, c, kind, now)?;
            }
        }
        MailClass::Bounce => {
            let b = verdict.bounce.as_ref().expect("a bounce verdict carries its bounce");
            if let Some(c) = contact_id {
                emails::flag_bounced(tx, c, at, &b.describe())?;
                on_reply_or_bounce(
                    tx,
                    c,
                    if b.hard { EngagementStop::HardBounce } else { EngagementStop::SoftBounce },
                    now,
                )?;
            }
            if b.hard {
                if let Some(r) = &b.recipient {
                    suppress(tx, r, SuppressionReason::HardBounce, &b.describe())?;
                }
            }
        }
        MailClass::AutoReply => {
            // Out of office doesn't stop a sequence; it may push the next step out (the sequence's setting).
            if let Some(c) = stop_contact {
                crate::ops::sequences::delay_for_auto_reply(tx, c, now)?;
            }
        }
        MailClass::Other | MailClass::Unknown => {}
    }
    if linked && (contact_id.is_some() || company_id.is_some() || thread_contact.is_some()) {
        timeline(
            tx,
            "email_in",
            p,
            email_id,
            thread_id,
            contact_id.or(thread_contact),
            thread_company,
            deal_id,
            &verdict.reason,
            verdict.class,
        )?;
    }
    Ok(Outcome::New { class: verdict.class, outgoing, linked })
}

/// The hook the sequences feature builds on: a reply, bounce or unsubscribe stops every sequence still
/// running for the contact, with the reason stored on the enrollment. Returns how many were stopped.
pub fn on_reply_or_bounce(tx: &Connection, contact_id: i64, kind: EngagementStop, now: &str) -> Result<usize> {
    let reason = match kind {
        EngagementStop::Reply => "The contact replied",
        EngagementStop::HardBounce => "Mail to the contact bounced (hard)",
        EngagementStop::SoftBounce => "Mail to the contact bounced (soft)",
        EngagementStop::Unsubscribe => "The contact asked to unsubscribe",
    };
    sequence_enrollments::stop_for_contact(tx, contact_id, kind.as_str(), reason, now)
}

fn which(p: &ParsedMail, id: &str) -> &'static str {
    if p.in_reply_to.as_deref() == Some(id) {
        "In-Reply-To"
    } else if p.references.iter().any(|r| r == id) {
        "References"
    } else {
        "The bounced message"
    }
}

fn suppress(tx: &Connection, email: &str, reason: SuppressionReason, note: &str) -> Result<()> {
    let Some(email) = crate::normalize::email(email) else { return Ok(()) };
    if store::suppressions::find(tx, SuppressionKind::Email, &email)?.is_none() {
        store::suppressions::insert(tx, SuppressionKind::Email, &email, reason, Some(note))?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn timeline(
    tx: &Connection,
    kind: &str,
    p: &ParsedMail,
    email_id: i64,
    thread_id: i64,
    contact_id: Option<i64>,
    company_id: Option<i64>,
    deal_id: Option<i64>,
    reason: &str,
    class: MailClass,
) -> Result<()> {
    activities::insert(
        tx,
        &NewActivity {
            kind,
            subject: if p.subject.is_empty() { "(no subject)" } else { &p.subject },
            body: Some(&p.snippet),
            occurred_at: p.sent_at.as_deref().unwrap_or(&crate::time::now_iso()),
            contact_id,
            company_id,
            deal_id,
            meta: serde_json::json!({
                "email_id": email_id,
                "thread_id": thread_id,
                "from": p.from_addr,
                "classification": class.as_str(),
                "reason": reason,
            }),
        },
    )?;
    Ok(())
}
