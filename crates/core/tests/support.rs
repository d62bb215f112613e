//! Shared setup for the core's integration tests: a real SQLite file in a temp dir.
#![allow(dead_code)]
use std::path::PathBuf;
use std::sync::Arc;

use outpost_core::domain::{MailboxInput, Security, Sequence, SequenceSettings, StepInput, StepKind};
use outpost_core::secrets::MemoryStore;
use outpost_core::Outpost;

pub struct TestDb {
    pub dir: tempfile::TempDir,
    pub core: Outpost,
}

impl TestDb {
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("outpost.db")
    }
}

pub fn open() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let core = Outpost::open(&dir.path().join("outpost.db"), Arc::new(MemoryStore::default())).unwrap();
    TestDb { dir, core }
}

pub fn reopen(path: &std::path::Path) -> outpost_core::Result<Outpost> {
    Outpost::open(path, Arc::new(MemoryStore::default()))
}

/// The database's mailbox, made on first use; never connected to (tests without servers only name it).
pub fn mailbox(core: &Outpost) -> i64 {
    if let Some(m) = core.mailboxes().unwrap().first() {
        return m.id;
    }
    core.create_mailbox(MailboxInput {
        name: "Work".into(),
        email: "me@example.test".into(),
        smtp_host: "localhost".into(),
        smtp_port: 2525,
        smtp_security: Security::Starttls,
        imap_host: "localhost".into(),
        imap_port: 993,
        imap_security: Security::Tls,
        username: "me".into(),
        password: Some("x".into()),
        ..Default::default()
    })
    .unwrap()
    .id
}

/// Any day, any hour, UTC: for sequence tests that are not about send windows.
pub fn any_time() -> SequenceSettings {
    SequenceSettings {
        send_days: vec![],
        send_start: None,
        send_end: None,
        rep_timezone: Some("UTC".into()),
        ..Default::default()
    }
}

/// A sequence's email step written inline, without a template.
pub fn email_step(subject: &str, body: &str) -> StepInput {
    StepInput {
        kind: Some(StepKind::Email),
        subject: Some(subject.into()),
        body_text: Some(body.into()),
        ..Default::default()
    }
}

/// A sequence's wait of `days` days.
pub fn wait_step(days: i64) -> StepInput {
    StepInput { kind: Some(StepKind::Wait), days: Some(days), ..Default::default() }
}

/// A saved sequence's steps as input again, as they are (emails by template, waits): for an update that
/// changes something else, or edits one step.
pub fn saved_steps(s: &Sequence) -> Vec<StepInput> {
    s.steps
        .iter()
        .map(|st| StepInput {
            id: Some(st.id),
            kind: Some(st.kind),
            template_id: st.template_id,
            days: st.wait_days,
            ..Default::default()
        })
        .collect()
}
