//! SQL for what changes on the server after a message was stored: its flags (read on the phone, answered,
//! flagged) and its removal from a folder (expunged or moved away). Addressed by where the message sits
//! (`email_locations`: folder, UIDVALIDITY, UID). A removal only marks the location: the message and its
//! CRM history (timeline, replies, bounces) stay.
use std::collections::BTreeSet;
use std::ops::RangeInclusive;

use rusqlite::{params, Connection};

use crate::error::Result;

/// The stored flags of the message at `uid`, when they differ from `flags` (sorted, `\Recent` left out):
/// replaced, with the read state following `\Seen` (our own sent mail always stays read). Returns the
/// message's thread when something changed, so its unread count can be recounted.
pub fn update_flags(
    conn: &Connection,
    folder_id: i64,
    uidvalidity: u32,
    uid: u32,
    flags: &[String],
) -> Result<Option<Option<i64>>> {
    let json = serde_json::to_string(flags)?;
    let seen = flags.iter().any(|f| f == "\\Seen");
    let mut stmt = conn.prepare_cached(
        "UPDATE email_messages SET flags = ?4, is_read = CASE WHEN direction = 'out' THEN 1 ELSE ?5 END
         WHERE id = (SELECT message_id FROM email_locations WHERE folder_id = ?1 AND uidvalidity = ?2 AND uid = ?3)
           AND flags IS NOT ?4
         RETURNING thread_id",
    )?;
    let mut rows = stmt.query(params![folder_id, uidvalidity, uid, json, seen])?;
    Ok(match rows.next()? {
        Some(r) => Some(r.get(0)?),
        None => None,
    })
}

/// Recounts the unread messages of these threads (after flags changed on the server).
pub fn recount_unread(conn: &Connection, threads: &BTreeSet<i64>) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE email_threads SET unread_count =
             (SELECT count(*) FROM email_messages WHERE thread_id = ?1 AND is_read = 0)
         WHERE id = ?1",
    )?;
    for t in threads {
        stmt.execute([t])?;
    }
    Ok(())
}

/// Marks the locations with these UIDs as gone from the folder. Returns how many were still present.
pub fn mark_vanished(
    conn: &Connection,
    folder_id: i64,
    uidvalidity: u32,
    uids: &[RangeInclusive<u32>],
    now: &str,
) -> Result<usize> {
    if uids.is_empty() {
        return Ok(0);
    }
    let mut stmt = conn.prepare_cached(
        "UPDATE email_locations SET vanished_at = ?5
         WHERE folder_id = ?1 AND uidvalidity = ?2 AND uid BETWEEN ?3 AND ?4 AND vanished_at IS NULL",
    )?;
    let mut n = 0;
    for r in uids {
        n += stmt.execute(params![folder_id, uidvalidity, r.start(), r.end(), now])?;
    }
    Ok(n)
}

/// The highest `limit` UIDs stored for the folder and still present, ascending: what a server without
/// CONDSTORE gets its flags re-read for.
pub fn recent_uids(conn: &Connection, folder_id: i64, uidvalidity: u32, limit: usize) -> Result<Vec<u32>> {
    let mut stmt = conn.prepare_cached(
        "SELECT uid FROM email_locations WHERE folder_id = ?1 AND uidvalidity = ?2 AND vanished_at IS NULL
         ORDER BY uid DESC LIMIT ?3",
    )?;
    let mut uids: Vec<u32> = stmt
        .query_map(params![folder_id, uidvalidity, limit as i64], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    uids.reverse();
    Ok(uids)
}

/// Where a stored message sits on the server and still is: (folder name, UIDVALIDITY, UID), INBOX first.
pub fn present_locations(conn: &Connection, message_id: i64) -> Result<Vec<(String, u32, u32)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT f.name, l.uidvalidity, l.uid FROM email_locations l JOIN mail_folders f ON f.id = l.folder_id
         WHERE l.message_id = ?1 AND l.vanished_at IS NULL AND l.uidvalidity = f.uidvalidity
         ORDER BY CASE f.role WHEN 'inbox' THEN 0 WHEN 'sent' THEN 1 ELSE 2 END, f.name",
    )?;
    let rows = stmt.query_map([message_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
