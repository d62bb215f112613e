//! SQL for `mailboxes`. No password column exists: `keychain_ref` names the mailbox's entry in the keychain.
use rusqlite::{params, Connection, OptionalExtension, Row, ToSql};

use crate::domain::{Mailbox, MailboxState, Security, SendWindow};
use crate::error::{CoreError, Result};

/// The settings a mailbox is written with (validated by the use case).
pub struct MailboxFields<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub display_name: Option<&'a str>,
    pub smtp_host: &'a str,
    pub smtp_port: u16,
    pub smtp_security: Security,
    pub imap_host: &'a str,
    pub imap_port: u16,
    pub imap_security: Security,
    pub username: &'a str,
    pub ca_pem: Option<&'a str>,
    pub daily_limit: i64,
    pub min_spacing_secs: i64,
    pub send_window: &'a SendWindow,
}

const COLUMNS: &str = "id, name, email, display_name, smtp_host, smtp_port, smtp_security, imap_host, imap_port,
    imap_security, username, ca_pem, daily_limit, min_spacing_secs, send_window, state, state_reason, created_at,
    updated_at";

fn from_row(r: &Row) -> rusqlite::Result<Mailbox> {
    let security = |i: usize| -> rusqlite::Result<Security> {
        let s: String = r.get(i)?;
        Ok(Security::parse(&s).unwrap_or(Security::Tls))
    };
    let window: String = r.get(14)?;
    let state: String = r.get(15)?;
    Ok(Mailbox {
        id: r.get(0)?,
        name: r.get(1)?,
        email: r.get(2)?,
        display_name: r.get(3)?,
        smtp_host: r.get(4)?,
        smtp_port: r.get(5)?,
        smtp_security: security(6)?,
        imap_host: r.get(7)?,
        imap_port: r.get(8)?,
        imap_security: security(9)?,
        username: r.get(10)?,
        ca_pem: r.get(11)?,
        daily_limit: r.get(12)?,
        min_spacing_secs: r.get(13)?,
        send_window: serde_json::from_str(&window).unwrap_or_default(),
        state: MailboxState::parse(&state).unwrap_or(MailboxState::Paused),
        state_reason: r.get(16)?,
        created_at: r.get(17)?,
        updated_at: r.get(18)?,
    })
}

pub fn insert(conn: &Connection, f: &MailboxFields, keychain_ref: &str) -> Result<i64> {
    execute_with_fields(
        conn,
        "INSERT INTO mailboxes (name, email, display_name, smtp_host, smtp_port, smtp_security, imap_host, imap_port,
             imap_security, username, ca_pem, daily_limit, min_spacing_secs, send_window, keychain_ref)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        f,
        &keychain_ref,
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, id: i64, f: &MailboxFields) -> Result<()> {
    let changed = execute_with_fields(
        conn,
        "UPDATE mailboxes SET name = ?1, email = ?2, display_name = ?3, smtp_host = ?4, smtp_port = ?5,
             smtp_security = ?6, imap_host = ?7, imap_port = ?8, imap_security = ?9, username = ?10,
             ca_pem = ?11, daily_limit = ?12, min_spacing_secs = ?13, send_window = ?14,
             updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE id = ?15 AND deleted_at IS NULL",
        f,
        &id,
    )?;
    if changed == 0 {
        return Err(CoreError::NotFound { entity: "mailbox", id });
    }
    Ok(())
}

/// Runs `sql` with the settings bound to ?1..?14 (in `MailboxFields` order) and `last` to ?15.
fn execute_with_fields(conn: &Connection, sql: &str, f: &MailboxFields, last: &dyn ToSql) -> Result<usize> {
    Ok(conn.prepare_cached(sql)?.execute(params![
        f.name,
        f.email,
        f.display_name,
        f.smtp_host,
        f.smtp_port,
        f.smtp_security.as_str(),
        f.imap_host,
        f.imap_port,
        f.imap_security.as_str(),
        f.username,
        f.ca_pem,
        f.daily_limit,
        f.min_spacing_secs,
        serde_json::to_string(f.send_window)?,
        last,
    ])?)
}

/// A live (not removed) mailbox.
pub fn get(conn: &Connection, id: i64) -> Result<Mailbox> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM mailboxes WHERE id = ?1 AND deleted_at IS NULL"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(CoreError::NotFound { entity: "mailbox", id })
}

/// Live mailboxes by name.
pub fn list(conn: &Connection) -> Result<Vec<Mailbox>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM mailboxes WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The key of the mailbox's password in the secret store.
pub fn keychain_ref(conn: &Connection, id: i64) -> Result<String> {
    conn.prepare_cached("SELECT keychain_ref FROM mailboxes WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or(CoreError::NotFound { entity: "mailbox", id })
}

/// Another live mailbox with this address (ignoring case), if any.
pub fn find_by_email(conn: &Connection, email: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM mailboxes WHERE lower(email) = lower(?1) AND deleted_at IS NULL")?
        .query_row([email], |r| r.get(0))
        .optional()?)
}

pub fn set_state(conn: &Connection, id: i64, state: MailboxState, reason: Option<&str>) -> Result<()> {
    let changed = conn
        .prepare_cached(
            "UPDATE mailboxes SET state = ?2, state_reason = ?3, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
             WHERE id = ?1 AND deleted_at IS NULL",
        )?
        .execute(params![id, state.as_str(), reason])?;
    if changed == 0 {
        return Err(CoreError::NotFound { entity: "mailbox", id });
    }
    Ok(())
}

/// Marks a mailbox removed. The row stays (sent mail in the outbox still points at it) but is never listed,
/// read or sent from again.
pub fn remove(conn: &Connection, id: i64) -> Result<()> {
    let changed = conn
        .prepare_cached(
            "UPDATE mailboxes SET deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), state = 'paused',
                 state_reason = 'Removed'
             WHERE id = ?1 AND deleted_at IS NULL",
        )?
        .execute([id])?;
    if changed == 0 {
        return Err(CoreError::NotFound { entity: "mailbox", id });
    }
    Ok(())
}
