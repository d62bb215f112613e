//! Mailboxes: add, edit, remove, test. The password goes to the secret store (the OS keychain) and nowhere
//! else — not the database, not events, not results, not errors.
use std::time::Duration;

use crate::domain::{ConnectionTest, Entity, Mailbox, MailboxInput, MailboxPreset, MailboxState, SendWindow};
use crate::error::{CoreError, Result};
use crate::mail::connect_test;
use crate::store;
use crate::store::mailboxes::MailboxFields;
use crate::Outpost;

const MAX_NAME: usize = 80;

impl Outpost {
    /// Live mailboxes by name.
    pub fn mailboxes(&self) -> Result<Vec<Mailbox>> {
        self.db().read(store::mailboxes::list)
    }

    pub fn mailbox(&self, id: i64) -> Result<Mailbox> {
        self.db().read(|conn| store::mailboxes::get(conn, id))
    }

    /// Providers' settings for the add form.
    pub fn mailbox_presets(&self) -> Vec<MailboxPreset> {
        crate::mail::presets::presets()
    }

    /// Adds a mailbox. The password is stored in the keychain first: if the keychain cannot take it, nothing is
    /// written and the error says why and what to do.
    pub fn create_mailbox(&self, input: MailboxInput) -> Result<Mailbox> {
        let password = match input.password.as_deref() {
            Some(p) if !p.is_empty() => p,
            _ => {
                return Err(CoreError::validation("password", "Enter the password (or app password) of this mailbox."))
            }
        };
        let clean = Clean::from(&input)?;
        let keychain_ref = new_keychain_ref();
        self.secrets().set(&keychain_ref, password)?;
        let written = self.db().write(|tx| {
            clean.check_unique(tx, None)?;
            store::mailboxes::insert(tx, &clean.fields(), &keychain_ref)
        });
        let id = match written {
            Ok(id) => id,
            Err(e) => {
                let _ = self.secrets().delete(&keychain_ref);
                return Err(e);
            }
        };
        self.events().changed(Entity::Settings, vec![id]);
        self.mailbox(id)
    }

    /// Changes a mailbox's settings; a new password (when given) replaces the stored one and clears a
    /// "password refused" state.
    pub fn update_mailbox(&self, id: i64, input: MailboxInput) -> Result<Mailbox> {
        let clean = Clean::from(&input)?;
        let keychain_ref = self.db().read(|conn| store::mailboxes::keychain_ref(conn, id))?;
        let new_password = input.password.as_deref().filter(|p| !p.is_empty());
        if let Some(password) = new_password {
            self.secrets().set(&keychain_ref, password)?;
        }
        self.db().write(|tx| {
            clean.check_unique(tx, Some(id))?;
            store::mailboxes::update(tx, id, &clean.fields())?;
            if new_password.is_some() && store::mailboxes::get(tx, id)?.state == MailboxState::AuthFailed {
                store::mailboxes::set_state(tx, id, MailboxState::Active, None)?;
            }
            Ok(())
        })?;
        self.events().changed(Entity::Settings, vec![id]);
        self.mailbox(id)
    }

    /// Removes a mailbox and deletes its password from the keychain. Mail already sent keeps pointing at it.
    pub fn remove_mailbox(&self, id: i64) -> Result<()> {
        let keychain_ref = self.db().read(|conn| store::mailboxes::keychain_ref(conn, id))?;
        // The secret first: a mailbox that is gone must not leave its password behind.
        self.secrets().delete(&keychain_ref)?;
        self.db().write(|tx| store::mailboxes::remove(tx, id))?;
        self.events().changed(Entity::Settings, vec![id]);
        Ok(())
    }

    /// Pauses or resumes a mailbox, or records why it cannot send (`AuthFailed` with the server's words).
    pub fn set_mailbox_state(&self, id: i64, state: MailboxState, reason: Option<String>) -> Result<Mailbox> {
        self.db().write(|tx| store::mailboxes::set_state(tx, id, state, reason.as_deref()))?;
        self.events().changed(Entity::Settings, vec![id]);
        self.mailbox(id)
    }

    /// The mailbox's password from the keychain. Only for opening a connection; never store or show it.
    pub fn mailbox_password(&self, id: i64) -> Result<String> {
        let keychain_ref = self.db().read(|conn| store::mailboxes::keychain_ref(conn, id))?;
        self.secrets().get(&keychain_ref)?.ok_or_else(|| {
            CoreError::Secrets(format!(
                "the keychain holds no password for mailbox {id} (it may have been removed from the keychain, or \
                 this database was copied from another computer). Edit the mailbox and enter its password again"
            ))
        })
    }

    /// Signs in to the mailbox's SMTP and IMAP servers and says, for each, whether it worked.
    pub async fn test_mailbox(&self, id: i64) -> Result<ConnectionTest> {
        let mailbox = self.mailbox(id)?;
        let password = self.mailbox_password(id)?;
        Ok(connect_test::test_connection(&mailbox, &password, connect_test::TEST_TIMEOUT).await)
    }

    /// Tests settings before they are saved (the add/edit form). Without a password in `input`, the stored
    /// password of mailbox `id` is used.
    pub async fn test_mailbox_settings(&self, id: Option<i64>, input: MailboxInput) -> Result<ConnectionTest> {
        let clean = Clean::from(&input)?;
        let password = match (input.password.as_deref().filter(|p| !p.is_empty()), id) {
            (Some(p), _) => p.to_string(),
            (None, Some(id)) => self.mailbox_password(id)?,
            (None, None) => {
                return Err(CoreError::validation("password", "Enter the password to test the connection."))
            }
        };
        let mailbox = clean.preview(id.unwrap_or(0));
        Ok(connect_test::test_connection(&mailbox, &password, connect_test::TEST_TIMEOUT).await)
    }

    /// The same as `test_mailbox` with another timeout (tests use a short one).
    pub async fn test_mailbox_within(&self, id: i64, timeout: Duration) -> Result<ConnectionTest> {
        let mailbox = self.mailbox(id)?;
        let password = self.mailbox_password(id)?;
        Ok(connect_test::test_connection(&mailbox, &password, timeout).await)
    }
}

/// A key nobody can guess or collide with (two databases on one computer share the keychain).
fn new_keychain_ref() -> String {
    let mut bytes = [0u8; 16];
    let random = tokio_rustls::rustls::crypto::ring::default_provider().secure_random;
    if random.fill(&mut bytes).is_err() {
        // Unique is what matters; the OS random source failing is next to impossible.
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        bytes = (nanos.as_nanos() ^ u128::from(std::process::id())).to_le_bytes();
    }
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("mailbox-{hex}")
}

/// Validated, trimmed settings.
struct Clean {
    input: MailboxInput,
}

impl Clean {
    fn from(input: &MailboxInput) -> Result<Clean> {
        let mut c = input.clone();
        c.password = None;
        c.name = c.name.split_whitespace().collect::<Vec<_>>().join(" ");
        c.email = c.email.trim().to_string();
        c.smtp_host = c.smtp_host.trim().to_string();
        c.imap_host = c.imap_host.trim().to_string();
        c.username = c.username.trim().to_string();
        c.display_name = c.display_name.map(|d| d.trim().to_string()).filter(|d| !d.is_empty());
        c.ca_pem = c.ca_pem.map(|p| p.trim().to_string()).filter(|p| !p.is_empty());

        if !email_address::EmailAddress::is_valid(&c.email) {
            return Err(CoreError::validation("email", format!("“{}” is not an email address.", c.email)));
        }
        if c.name.is_empty() {
            c.name = c.email.clone();
        }
        if c.name.chars().count() > MAX_NAME {
            return Err(CoreError::validation("name", format!("Keep the name under {MAX_NAME} characters.")));
        }
        check_host("smtp_host", "SMTP", &c.smtp_host)?;
        check_host("imap_host", "IMAP", &c.imap_host)?;
        if c.smtp_port == 0 {
            return Err(CoreError::validation("smtp_port", "Enter the SMTP port (usually 587 or 465)."));
        }
        if c.imap_port == 0 {
            return Err(CoreError::validation("imap_port", "Enter the IMAP port (usually 993 or 143)."));
        }
        if c.username.is_empty() {
            return Err(CoreError::validation("username", "Enter the username (usually the email address)."));
        }
        if let Some(pem) = &c.ca_pem {
            crate::mail::tls::parse_pem(pem).map_err(|e| CoreError::validation("ca_pem", e.message))?;
        }
        if c.daily_limit.is_some_and(|n| n < 0) {
            return Err(CoreError::validation("daily_limit", "The daily limit cannot be negative (0 means none)."));
        }
        if c.min_spacing_secs.is_some_and(|n| n < 0) {
            return Err(CoreError::validation("min_spacing_secs", "The spacing cannot be negative."));
        }
        if let Some(w) = &c.send_window {
            check_window(w)?;
        }
        Ok(Clean { input: c })
    }

    fn check_unique(&self, conn: &rusqlite::Connection, id: Option<i64>) -> Result<()> {
        if store::mailboxes::find_by_email(conn, &self.input.email)?.is_some_and(|other| Some(other) != id) {
            return Err(CoreError::validation(
                "email",
                format!("There is already a mailbox for {}.", self.input.email),
            ));
        }
        Ok(())
    }

    fn fields(&self) -> MailboxFields<'_> {
        let c = &self.input;
        MailboxFields {
            name: &c.name,
            email: &c.email,
            display_name: c.display_name.as_deref(),
            smtp_host: &c.smtp_host,
            smtp_port: c.smtp_port,
            smtp_security: c.smtp_security,
            imap_host: &c.imap_host,
            imap_port: c.imap_port,
            imap_security: c.imap_security,
            username: &c.username,
            ca_pem: c.ca_pem.as_deref(),
            daily_limit: c.daily_limit.unwrap_or(200),
            min_spacing_secs: c.min_spacing_secs.unwrap_or(30),
            send_window: c.send_window.as_ref().unwrap_or(&EMPTY_WINDOW),
        }
    }

    /// The mailbox these settings would make, for a connection test before saving.
    fn preview(&self, id: i64) -> Mailbox {
        let c = &self.input;
        Mailbox {
            id,
            name: c.name.clone(),
            email: c.email.clone(),
            display_name: c.display_name.clone(),
            smtp_host: c.smtp_host.clone(),
            smtp_port: c.smtp_port,
            smtp_security: c.smtp_security,
            imap_host: c.imap_host.clone(),
            imap_port: c.imap_port,
            imap_security: c.imap_security,
            username: c.username.clone(),
            ca_pem: c.ca_pem.clone(),
            daily_limit: c.daily_limit.unwrap_or(200),
            min_spacing_secs: c.min_spacing_secs.unwrap_or(30),
            send_window: c.send_window.clone().unwrap_or_default(),
            state: MailboxState::Active,
            state_reason: None,
            created_at: String::new(),
            updated_at: String::new(),
        }
    }
}

static EMPTY_WINDOW: SendWindow = SendWindow { days: Vec::new(), start: None, end: None, timezone: None };

fn check_host(field: &str, what: &str, host: &str) -> Result<()> {
    if host.is_empty() {
        return Err(CoreError::validation(field, format!("Enter the {what} server (like mail.example.com).")));
    }
    let bad = host.contains(|c: char| c.is_whitespace() || c == '/' || c == '@') || host.contains("://");
    if bad {
        return Err(CoreError::validation(
            field,
            format!("“{host}” is not a server name; enter just the name, like mail.example.com."),
        ));
    }
    Ok(())
}

fn check_window(w: &SendWindow) -> Result<()> {
    if w.days.iter().any(|d| !(1..=7).contains(d)) {
        return Err(CoreError::validation("send_window", "Days are 1 (Monday) to 7 (Sunday)."));
    }
    for t in [&w.start, &w.end].into_iter().flatten() {
        if chrono::NaiveTime::parse_from_str(t, "%H:%M").is_err() {
            return Err(CoreError::validation("send_window", format!("“{t}” is not a time like 09:00.")));
        }
    }
    Ok(())
}
