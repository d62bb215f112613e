//! Email in: the Inbox (threads and their messages), linking an unknown sender to a new contact, a
//! contact's deliverability, and the reply/bounce hook sequences use. Syncing itself is `mail::sync`.
use crate::domain::{
    ContactDetail, ContactInput, ContactMailState, EmailThreadView, EngagementStop, Entity, InboxThread,
    MailFolderInfo, MailSyncSettings, ShownMessage, ShownThread,
};
use crate::error::{CoreError, Result};
use crate::mail::imap::ImapSession;
use crate::mail::sanitize::sanitize_email_html;
use crate::mail::sync::ingest;
use crate::store::{self, emails, mail_folders};
use crate::time::now_iso;
use crate::Outpost;

impl Outpost {
    /// Threads, newest first. `linked_only` hides mail from senders the CRM does not know.
    pub fn inbox(&self, mailbox_id: Option<i64>, linked_only: bool, limit: usize) -> Result<Vec<InboxThread>> {
        self.db().read(|conn| emails::threads(conn, mailbox_id, linked_only, limit.clamp(1, 10_000)))
    }

    /// A thread with its messages, oldest first.
    pub fn email_thread(&self, id: i64) -> Result<EmailThreadView> {
        self.db().read(|conn| {
            Ok(EmailThreadView { thread: emails::thread(conn, id)?, messages: emails::messages_of(conn, id)? })
        })
    }

    /// A thread for the Inbox's viewer: each HTML body sanitized into a `srcdoc` document (remote images
    /// blocked unless allowed for that message); the HTML as received never leaves the core.
    pub fn shown_thread(&self, id: i64) -> Result<ShownThread> {
        let view = self.email_thread(id)?;
        let messages = view
            .messages
            .into_iter()
            .map(|mut message| {
                let safe = message.body_html.take().map(|h| sanitize_email_html(&h, message.remote_images_allowed));
                ShownMessage {
                    blocked_images: safe.as_ref().map_or(0, |s| s.blocked_images),
                    html_document: safe.map(|s| s.document),
                    message,
                }
            })
            .collect();
        Ok(ShownThread { thread: view.thread, messages })
    }

    /// Shows the remote images of one message from now on (the rep trusts it).
    pub fn allow_remote_images(&self, email_id: i64) -> Result<()> {
        self.db().write(|tx| emails::allow_remote_images(tx, email_id))?;
        self.events().changed(Entity::Inbox, vec![]);
        Ok(())
    }

    /// Marks a thread read in Outpost (the server's flags are left alone).
    pub fn mark_thread_read(&self, id: i64) -> Result<()> {
        self.db().write(|tx| {
            emails::thread(tx, id)?;
            emails::mark_thread_read(tx, id)
        })?;
        self.events().changed(Entity::Activity, vec![]);
        self.events().changed(Entity::Inbox, vec![id]);
        Ok(())
    }

    /// "Create contact from sender": a contact for the sender of an unlinked message (name from the From
    /// header, company by the address's domain when one has it), and every message from that address linked.
    pub fn create_contact_from_sender(&self, email_id: i64) -> Result<ContactDetail> {
        let message = self.db().read(|conn| emails::message(conn, email_id))?;
        if message.direction != "in" {
            return Err(CoreError::validation("email_id", "That message was sent from this mailbox, not received."));
        }
        if let Some(id) = message.contact_id {
            return Err(CoreError::Conflict(format!("The sender is already contact {id}.")));
        }
        let addr = crate::normalize::email(&message.from_addr).ok_or_else(|| {
            CoreError::validation("email_id", format!("“{}” is not an email address.", message.from_addr))
        })?;
        let (first_name, last_name) = split_name(message.from_name.as_deref(), &addr);
        let domain = addr.rsplit_once('@').map(|(_, d)| d.to_string()).unwrap_or_default();
        let company_id = self.db().read(|conn| emails::company_by_domain(conn, &domain))?;
        let contact = self.create_contact(ContactInput {
            first_name,
            last_name,
            company_id,
            emails: vec![addr.clone()],
            ..Default::default()
        })?;
        self.db().write(|tx| emails::link_sender(tx, &addr, contact.id, company_id))?;
        self.events().changed(Entity::Activity, vec![]);
        self.events().changed(Entity::Inbox, vec![]);
        Ok(contact)
    }

    /// Bounced / unsubscribed / suppressed, for the record and `outpost contacts show`.
    pub fn contact_mail_state(&self, contact_id: i64) -> Result<ContactMailState> {
        self.db().read(|conn| {
            let row = emails::mail_state(conn, contact_id)?;
            let suppressed = match &row.email {
                Some(e) => crate::ops::suppressions::suppression_reason(conn, e)?,
                None => None,
            };
            Ok(ContactMailState {
                bounced: row.bounced_at.is_some(),
                bounced_at: row.bounced_at,
                bounce_reason: row.bounce_reason,
                unsubscribed_at: row.unsubscribed_at,
                suppressed,
            })
        })
    }

    /// A reply, bounce or unsubscribe from the contact: stops every sequence still running for them (the
    /// sync calls the same hook inside its own transaction). Returns how many enrollments stopped.
    pub fn on_reply_or_bounce(&self, contact_id: i64, kind: EngagementStop) -> Result<usize> {
        let stopped = self.db().write(|tx| {
            store::contacts::get(tx, contact_id)?;
            ingest::on_reply_or_bounce(tx, contact_id, kind, &now_iso())
        })?;
        if stopped > 0 {
            self.events().changed(Entity::Contact, vec![contact_id]);
        }
        Ok(stopped)
    }

    /// Syncs (or stops syncing) a folder besides INBOX and Sent.
    pub fn set_mail_folder_enabled(&self, mailbox_id: i64, folder: &str, enabled: bool) -> Result<()> {
        self.mailbox(mailbox_id)?;
        let folder = folder.trim();
        if folder.is_empty() || folder.contains(['\r', '\n']) {
            return Err(CoreError::validation("folder", "Give the folder's name as the server shows it."));
        }
        self.db().write(|tx| mail_folders::set_enabled(tx, mailbox_id, folder, enabled))?;
        // The background sync wakes on settings changes.
        self.events().changed(Entity::Settings, vec![mailbox_id]);
        Ok(())
    }

    /// How many days back the first sync of a mailbox reaches (1..=3650).
    pub fn set_mail_sync_days(&self, mailbox_id: i64, days: i64) -> Result<()> {
        self.mailbox(mailbox_id)?;
        if !(1..=3650).contains(&days) {
            return Err(CoreError::validation("sync_days", "Choose between 1 and 3650 days."));
        }
        self.db().write(|tx| mail_folders::set_sync_days(tx, mailbox_id, days))?;
        self.events().changed(Entity::Settings, vec![mailbox_id]);
        Ok(())
    }

    /// How far back a folder's first sync reaches and the folders known so far (INBOX even before the
    /// first sync). The server is not asked: see [`Outpost::mail_server_folders`].
    pub fn mail_sync_settings(&self, mailbox_id: i64) -> Result<MailSyncSettings> {
        self.mailbox(mailbox_id)?;
        self.db().read(|conn| {
            let mut folders: Vec<MailFolderInfo> =
                mail_folders::list(conn, mailbox_id)?.into_iter().map(info).collect();
            if !folders.iter().any(|f| f.role == "inbox") {
                folders.insert(
                    0,
                    MailFolderInfo { name: "INBOX".into(), role: "inbox".into(), enabled: true, last_synced_at: None },
                );
            }
            Ok(MailSyncSettings { mailbox_id, sync_days: mail_folders::sync_days(conn, mailbox_id)?, folders })
        })
    }

    /// Every selectable folder on the server, with what is stored about it: INBOX and the Sent folder are
    /// synced unless turned off, any other folder only once turned on.
    pub async fn mail_server_folders(&self, mailbox_id: i64) -> Result<Vec<MailFolderInfo>> {
        let mailbox = self.mailbox(mailbox_id)?;
        let password = self.mailbox_password(mailbox_id)?;
        let mut session = ImapSession::connect(&mailbox, &password).await?;
        let listed = async {
            let sent = session.existing_sent_folder().await?;
            let names = crate::mail::sync::fetch::folders(&mut session).await?;
            Ok::<_, crate::mail::MailError>((sent, names))
        }
        .await;
        session.logout().await;
        let (sent, names) = listed?;
        let stored = self.db().read(|conn| mail_folders::list(conn, mailbox_id))?;
        let mut out: Vec<MailFolderInfo> = names
            .into_iter()
            .map(|name| {
                let role = if name.eq_ignore_ascii_case("INBOX") {
                    "inbox"
                } else if sent.as_deref() == Some(name.as_str()) {
                    "sent"
                } else {
                    "other"
                };
                match stored.iter().find(|f| f.name == name) {
                    Some(f) => MailFolderInfo { role: role.into(), ..info(f.clone()) },
                    None => MailFolderInfo { enabled: role != "other", role: role.into(), name, last_synced_at: None },
                }
            })
            .collect();
        out.sort_by_key(|f| (role_rank(&f.role), f.name.to_lowercase()));
        Ok(out)
    }
}

fn info(f: mail_folders::FolderRow) -> MailFolderInfo {
    MailFolderInfo { name: f.name, role: f.role, enabled: f.enabled, last_synced_at: f.last_synced_at }
}

fn role_rank(role: &str) -> u8 {
    match role {
        "inbox" => 0,
        "sent" => 1,
        _ => 2,
    }
}

/// "Ada Lovelace" → ("Ada", "Lovelace"); no name → the address's local part as the first name.
fn split_name(name: Option<&str>, addr: &str) -> (String, String) {
    let name = name.map(|n| n.trim().trim_matches('"').trim()).filter(|n| !n.is_empty() && !n.contains('@'));
    match name {
        Some(n) => match n.rsplit_once(' ') {
            Some((first, last)) => (first.trim().to_string(), last.trim().to_string()),
            None => (n.to_string(), String::new()),
        },
        None => (addr.split('@').next().unwrap_or(addr).to_string(), String::new()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sender_names_split_into_first_and_last() {
        assert_eq!(super::split_name(Some("Ada King Lovelace"), "a@x.example"), ("Ada King".into(), "Lovelace".into()));
        assert_eq!(super::split_name(Some("\"Bob\""), "b@x.example"), ("Bob".into(), String::new()));
        assert_eq!(super::split_name(None, "carol@x.example"), ("carol".into(), String::new()));
    }
}
