//! SQL for `mail_folders`: which IMAP folders of a mailbox are synced, and each one's watermark
//! (UIDVALIDITY + the next UID to fetch). The watermark is written in the same transaction as the messages
//! it covers, so it never runs ahead of what is stored.
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderRow {
    pub id: i64,
    pub mailbox_id: i64,
    pub name: String,
    /// "inbox", "sent" or "other".
    pub role: String,
    pub enabled: bool,
    pub uidvalidity: Option<u32>,
    pub uidnext: Option<u32>,
    /// CONDSTORE's HIGHESTMODSEQ as of the last completed pass: flag changes and removals after it are
    /// asked for on the next one.
    pub highestmodseq: Option<u64>,
    pub last_synced_at: Option<String>,
}

const COLUMNS: &str =
    "id, mailbox_id, name, COALESCE(role, 'other'), enabled, uidvalidity, uidnext, last_synced_at, highestmodseq";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<FolderRow> {
    Ok(FolderRow {
        id: r.get(0)?,
        mailbox_id: r.get(1)?,
        name: r.get(2)?,
        role: r.get(3)?,
        enabled: r.get(4)?,
        uidvalidity: r.get::<_, Option<i64>>(5)?.and_then(|v| u32::try_from(v).ok()),
        uidnext: r.get::<_, Option<i64>>(6)?.and_then(|v| u32::try_from(v).ok()),
        last_synced_at: r.get(7)?,
        highestmodseq: r.get::<_, Option<i64>>(8)?.and_then(|v| u64::try_from(v).ok()),
    })
}

/// The folder row, created (enabled) when missing. An existing row keeps its enabled flag.
pub fn ensure(conn: &Connection, mailbox_id: i64, name: &str, role: &str) -> Result<FolderRow> {
    conn.prepare_cached(
        "INSERT INTO mail_folders (mailbox_id, name, role) VALUES (?1, ?2, ?3)
         ON CONFLICT (mailbox_id, name) DO UPDATE SET role = excluded.role WHERE mail_folders.role IS NOT excluded.role",
    )?
    .execute(params![mailbox_id, name, role])?;
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM mail_folders WHERE mailbox_id = ?1 AND name = ?2"))?
        .query_row(params![mailbox_id, name], from_row)?)
}

/// Turns syncing of a folder on or off (creating its row as "other" when new).
pub fn set_enabled(conn: &Connection, mailbox_id: i64, name: &str, enabled: bool) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO mail_folders (mailbox_id, name, role, enabled) VALUES (?1, ?2, 'other', ?3)
         ON CONFLICT (mailbox_id, name) DO UPDATE SET enabled = excluded.enabled",
    )?
    .execute(params![mailbox_id, name, enabled])?;
    Ok(())
}

pub fn list(conn: &Connection, mailbox_id: i64) -> Result<Vec<FolderRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM mail_folders WHERE mailbox_id = ?1
         ORDER BY CASE role WHEN 'inbox' THEN 0 WHEN 'sent' THEN 1 ELSE 2 END, name"
    ))?;
    let rows = stmt.query_map([mailbox_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A new UIDVALIDITY: the old UIDs mean nothing any more. Forget where messages sat in this folder and start
/// the folder over (the messages themselves stay; a resync finds them again by Message-ID).
pub fn reset(conn: &Connection, folder_id: i64, uidvalidity: u32) -> Result<()> {
    conn.prepare_cached("DELETE FROM email_locations WHERE folder_id = ?1")?.execute([folder_id])?;
    conn.prepare_cached(
        "UPDATE mail_folders SET uidvalidity = ?2, uidnext = NULL, highestmodseq = NULL WHERE id = ?1",
    )?
    .execute(params![folder_id, uidvalidity])?;
    Ok(())
}

/// Moves the watermark forward (never back).
pub fn advance(conn: &Connection, folder_id: i64, uidnext: u32) -> Result<()> {
    conn.prepare_cached("UPDATE mail_folders SET uidnext = max(COALESCE(uidnext, 0), ?2) WHERE id = ?1")?
        .execute(params![folder_id, uidnext])?;
    Ok(())
}

/// The folder's HIGHESTMODSEQ once a pass has taken in every change up to it (None: the server has none).
pub fn set_modseq(conn: &Connection, folder_id: i64, modseq: Option<u64>) -> Result<()> {
    let modseq = modseq.and_then(|m| i64::try_from(m).ok());
    conn.prepare_cached("UPDATE mail_folders SET highestmodseq = ?2 WHERE id = ?1")?
        .execute(params![folder_id, modseq])?;
    Ok(())
}

pub fn touch(conn: &Connection, folder_id: i64, now: &str) -> Result<()> {
    conn.prepare_cached("UPDATE mail_folders SET last_synced_at = ?2 WHERE id = ?1")?
        .execute(params![folder_id, now])?;
    Ok(())
}

/// How many days back the first sync of a mailbox reaches.
pub fn sync_days(conn: &Connection, mailbox_id: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT sync_days FROM mailboxes WHERE id = ?1")?
        .query_row([mailbox_id], |r| r.get(0))
        .optional()?
        .unwrap_or(90))
}

pub fn set_sync_days(conn: &Connection, mailbox_id: i64, days: i64) -> Result<()> {
    conn.prepare_cached("UPDATE mailboxes SET sync_days = ?2 WHERE id = ?1")?.execute(params![mailbox_id, days])?;
    Ok(())
}
