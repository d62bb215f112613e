//! Mailboxes as records: validation, the password kept only in the secret store, state, removal.
use std::sync::{Arc, Mutex};

use outpost_core::domain::{MailboxInput, MailboxState, Security, SendWindow};
use outpost_core::secrets::{MemoryStore, SecretStore};
use outpost_core::Outpost;

/// A memory store that remembers which keys were written (the keys themselves are the core's business).
#[derive(Default)]
struct Recording {
    inner: MemoryStore,
    keys: Mutex<Vec<String>>,
}

impl SecretStore for Recording {
    fn get(&self, key: &str) -> outpost_core::Result<Option<String>> {
        self.inner.get(key)
    }
    fn set(&self, key: &str, secret: &str) -> outpost_core::Result<()> {
        self.keys.lock().unwrap().push(key.to_string());
        self.inner.set(key, secret)
    }
    fn delete(&self, key: &str) -> outpost_core::Result<()> {
        self.inner.delete(key)
    }
}

impl Recording {
    fn live(&self) -> Vec<String> {
        let mut keys: Vec<String> =
            self.keys.lock().unwrap().iter().filter(|k| self.inner.get(k).unwrap().is_some()).cloned().collect();
        keys.dedup();
        keys
    }
}

fn open() -> (tempfile::TempDir, Outpost, Arc<Recording>) {
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(Recording::default());
    let core = Outpost::open(&dir.path().join("outpost.db"), secrets.clone()).unwrap();
    (dir, core, secrets)
}

fn input() -> MailboxInput {
    MailboxInput {
        name: "Work".into(),
        email: "ada@example.com".into(),
        smtp_host: "smtp.example.com".into(),
        smtp_port: 587,
        smtp_security: Security::Starttls,
        imap_host: "imap.example.com".into(),
        imap_port: 993,
        imap_security: Security::Tls,
        username: "ada@example.com".into(),
        password: Some("app-password".into()),
        ..Default::default()
    }
}

#[test]
fn a_mailbox_keeps_its_settings_and_its_password_only_in_the_secret_store() {
    let (_dir, core, secrets) = open();
    let mb = core.create_mailbox(input()).unwrap();
    assert_eq!(mb.name, "Work");
    assert_eq!(mb.smtp_security, Security::Starttls);
    assert_eq!(mb.state, MailboxState::Active);
    assert_eq!((mb.daily_limit, mb.min_spacing_secs), (200, 30));
    assert_eq!(core.mailbox_password(mb.id).unwrap(), "app-password");
    assert!(!serde_json::to_string(&mb).unwrap().contains("app-password"));
    assert_eq!(core.mailboxes().unwrap().len(), 1);

    // Editing without a password keeps it; with one replaces it.
    let mut edit = input();
    edit.password = None;
    edit.send_window = Some(SendWindow {
        days: vec![1, 2, 3, 4, 5],
        start: Some("09:00".into()),
        end: Some("17:30".into()),
        timezone: Some("Europe/Berlin".into()),
    });
    let mb = core.update_mailbox(mb.id, edit).unwrap();
    assert_eq!(mb.send_window.days, vec![1, 2, 3, 4, 5]);
    assert_eq!(core.mailbox_password(mb.id).unwrap(), "app-password");
    let mut edit = input();
    edit.password = Some("rotated".into());
    core.update_mailbox(mb.id, edit).unwrap();
    assert_eq!(core.mailbox_password(mb.id).unwrap(), "rotated");

    // Removing deletes the secret too.
    assert_eq!(secrets.live().len(), 1);
    core.remove_mailbox(mb.id).unwrap();
    assert!(core.mailboxes().unwrap().is_empty());
    assert_eq!(core.mailbox(mb.id).unwrap_err().code(), "not_found");
    assert!(secrets.live().is_empty());
}

/// A field name and how to break that field.
type Breakage = (&'static str, Box<dyn Fn(&mut MailboxInput)>);

#[test]
fn settings_are_checked_field_by_field() {
    let (_dir, core, _) = open();
    let cases: Vec<Breakage> = vec![
        ("email", Box::new(|i| i.email = "not an address".into())),
        ("smtp_host", Box::new(|i| i.smtp_host = "".into())),
        ("imap_host", Box::new(|i| i.imap_host = "https://imap.example.com".into())),
        ("smtp_port", Box::new(|i| i.smtp_port = 0)),
        ("username", Box::new(|i| i.username = " ".into())),
        ("password", Box::new(|i| i.password = None)),
        ("ca_pem", Box::new(|i| i.ca_pem = Some("not a certificate".into()))),
        ("daily_limit", Box::new(|i| i.daily_limit = Some(-1))),
        ("send_window", Box::new(|i| i.send_window = Some(SendWindow { days: vec![8], ..Default::default() }))),
    ];
    for (field, change) in cases {
        let mut i = input();
        change(&mut i);
        let e = core.create_mailbox(i).unwrap_err();
        assert_eq!(e.field(), Some(field), "{e}");
    }
    assert!(core.mailboxes().unwrap().is_empty());
    core.create_mailbox(input()).unwrap();
    let e = core.create_mailbox(input()).unwrap_err();
    assert_eq!(e.field(), Some("email"), "one mailbox per address: {e}");
}

#[test]
fn a_new_password_clears_a_refused_password_state() {
    let (_dir, core, _) = open();
    let mb = core.create_mailbox(input()).unwrap();
    let mb = core.set_mailbox_state(mb.id, MailboxState::AuthFailed, Some("535 Authentication failed".into())).unwrap();
    assert_eq!(mb.state, MailboxState::AuthFailed);
    let mut same = input();
    same.password = None;
    assert_eq!(core.update_mailbox(mb.id, same).unwrap().state, MailboxState::AuthFailed);
    let mb = core.update_mailbox(mb.id, input()).unwrap();
    assert_eq!(mb.state, MailboxState::Active);
    assert_eq!(mb.state_reason, None);
}

#[test]
fn a_missing_keychain_entry_is_a_clear_secrets_error() {
    let (_dir, core, secrets) = open();
    let mb = core.create_mailbox(input()).unwrap();
    for key in secrets.live() {
        secrets.delete(&key).unwrap(); // someone cleaned up the keychain by hand
    }
    let e = core.mailbox_password(mb.id).unwrap_err();
    assert_eq!(e.code(), "secrets");
    assert!(e.to_string().contains("enter its password again"), "{e}");
}

#[test]
fn a_failed_save_leaves_no_secret_behind() {
    let (_dir, core, secrets) = open();
    core.create_mailbox(input()).unwrap();
    // Same address again: refused after the keychain write, which is then undone.
    assert!(core.create_mailbox(input()).is_err());
    assert_eq!(secrets.live().len(), 1);
}
