//! The IMAP side of a sync: open a folder read-only, find the UIDs to fetch, fetch them in batches, and
//! learn what changed on messages already stored (flags, removals) — by CONDSTORE / QRESYNC (RFC 7162)
//! where the server has them, else by re-reading the flags of the newest messages.
use std::ops::RangeInclusive;

use chrono::NaiveDate;
use futures_util::TryStreamExt;

use crate::mail::error::{MailError, MailErrorKind};
use crate::mail::imap::{explain, within, ImapSession};

/// At most this much of a message is downloaded; the rest (big attachments) stays on the server.
pub const MAX_FETCH_BYTES: u32 = 4 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FolderStatus {
    pub uidvalidity: u32,
    /// None when the server does not say (then every sync searches).
    pub uidnext: Option<u32>,
    pub exists: u32,
    /// HIGHESTMODSEQ, when change tracking is on and the folder has mod-sequences.
    pub highest_modseq: Option<u64>,
}

/// How a server lets us learn what changed on messages we already have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tracking {
    /// Neither extension: the flags of the newest stored messages are re-read every pass.
    None,
    /// CONDSTORE: FETCH … (CHANGEDSINCE modseq) returns the messages whose flags changed.
    CondStore,
    /// QRESYNC too: the same FETCH also reports removed UIDs (VANISHED).
    QResync,
}

/// What changed in a folder since a mod-sequence (or among the UIDs asked about).
#[derive(Debug, Clone, Default)]
pub struct Changes {
    /// (UID, flags as stored: sorted, `\Recent` left out).
    pub flags: Vec<(u32, Vec<String>)>,
    pub vanished: Vec<RangeInclusive<u32>>,
}

#[derive(Debug, Clone)]
pub struct Fetched {
    pub uid: u32,
    pub flags: Vec<String>,
    pub raw: Vec<u8>,
    /// The full size on the server (more than `raw` when cut at [`MAX_FETCH_BYTES`]).
    pub size: Option<u32>,
}

/// EXAMINE: read-only, so syncing never marks anything read on the server.
pub async fn examine(session: &mut ImapSession, folder: &str) -> Result<FolderStatus, MailError> {
    let (s, host, port, timeout) = session.raw();
    let host = host.to_string();
    let mailbox = within(timeout, &host, port, s.examine(folder)).await?.map_err(|e| explain(&host, port, e))?;
    let uidvalidity = mailbox.uid_validity.ok_or_else(|| {
        MailError::new(
            MailErrorKind::Protocol,
            format!("{host} gave no UIDVALIDITY for “{folder}”; it cannot be synced."),
        )
    })?;
    Ok(FolderStatus {
        uidvalidity,
        uidnext: mailbox.uid_next,
        exists: mailbox.exists,
        highest_modseq: mailbox.highest_modseq,
    })
}

/// Turns on QRESYNC (else CONDSTORE) when the server offers it, for the rest of the session: from then on
/// EXAMINE reports HIGHESTMODSEQ. The outbox's sessions never call this, so their responses stay plain.
pub async fn enable_tracking(session: &mut ImapSession) -> Result<Tracking, MailError> {
    let (s, host, port, timeout) = session.raw();
    let host = host.to_string();
    let caps = within(timeout, &host, port, s.capabilities()).await?.map_err(|e| explain(&host, port, e))?;
    let wanted = if caps.has_str("QRESYNC") {
        Tracking::QResync
    } else if caps.has_str("CONDSTORE") {
        Tracking::CondStore
    } else {
        return Ok(Tracking::None);
    };
    let command = if wanted == Tracking::QResync { "ENABLE QRESYNC" } else { "ENABLE CONDSTORE" };
    match within(timeout, &host, port, s.run_command_and_check_ok(command)).await? {
        Ok(()) => {
            drain(s);
            Ok(wanted)
        }
        // A server that lists the extension but refuses to enable it still syncs, the plain way.
        Err(async_imap::error::Error::No(_) | async_imap::error::Error::Bad(_)) => Ok(Tracking::None),
        Err(e) => Err(explain(&host, port, e)),
    }
}

/// Flags changed since `modseq` among UIDs `1..=upto` (the ones stored so far), and with QRESYNC the UIDs
/// removed since then (`VANISHED (EARLIER)`).
pub async fn changes_since(
    session: &mut ImapSession,
    upto: u32,
    modseq: u64,
    tracking: Tracking,
) -> Result<Changes, MailError> {
    let modifier = match tracking {
        Tracking::QResync => format!("(CHANGEDSINCE {modseq} VANISHED)"),
        Tracking::CondStore => format!("(CHANGEDSINCE {modseq})"),
        Tracking::None => return Ok(Changes::default()),
    };
    flag_fetch(session, &format!("1:{}", upto.max(1)), &format!("(UID FLAGS) {modifier}"), None).await
}

/// The flags of these UIDs now; UIDs the server no longer has are reported vanished (a UID FETCH simply
/// leaves them out).
pub async fn flags_of(session: &mut ImapSession, uids: &[u32]) -> Result<Changes, MailError> {
    if uids.is_empty() {
        return Ok(Changes::default());
    }
    flag_fetch(session, &uid_set(uids), "(UID FLAGS)", Some(uids)).await
}

async fn flag_fetch(
    session: &mut ImapSession,
    set: &str,
    query: &str,
    asked: Option<&[u32]>,
) -> Result<Changes, MailError> {
    let (s, host, port, timeout) = session.raw();
    let host = host.to_string();
    // What is queued from earlier commands is not about this FETCH; VANISHED arrives on the same channel.
    drain(s);
    let fetches = within(timeout * 4, &host, port, async {
        let stream = s.uid_fetch(set, query).await?;
        stream.try_collect::<Vec<_>>().await
    })
    .await?
    .map_err(|e| explain(&host, port, e))?;
    let mut changes = Changes::default();
    while let Ok(response) = s.unsolicited_responses.try_recv() {
        if let async_imap::types::UnsolicitedResponse::Other(data) = response {
            if let async_imap::imap_proto::Response::Vanished { uids, .. } = data.parsed() {
                changes.vanished.extend(uids.iter().cloned());
            }
        }
    }
    for f in &fetches {
        if let Some(uid) = f.uid {
            changes.flags.push((uid, stored_flags(f)));
        }
    }
    changes.flags.sort_by_key(|(uid, _)| *uid);
    changes.flags.dedup_by_key(|(uid, _)| *uid);
    if let Some(asked) = asked {
        let gone: Vec<RangeInclusive<u32>> = asked
            .iter()
            .filter(|u| changes.flags.binary_search_by_key(*u, |(x, _)| *x).is_err())
            .map(|u| *u..=*u)
            .collect();
        changes.vanished.extend(gone);
    }
    Ok(changes)
}

/// Drops the unsolicited responses queued so far (async-imap keeps at most 100, then drops new ones).
fn drain(s: &mut async_imap::Session<crate::mail::imap::Stream>) {
    while s.unsolicited_responses.try_recv().is_ok() {}
}

/// A message's flags as stored: sorted, without `\Recent` (it only says which session saw it first).
fn stored_flags(f: &async_imap::types::Fetch) -> Vec<String> {
    let mut flags: Vec<String> =
        f.flags().filter(|fl| !matches!(fl, async_imap::types::Flag::Recent)).map(|fl| flag_name(&fl)).collect();
    flags.sort();
    flags.dedup();
    flags
}

/// UIDs from `from_uid` on whose arrival date is on or after `since`, ascending.
pub async fn search(session: &mut ImapSession, from_uid: u32, since: NaiveDate) -> Result<Vec<u32>, MailError> {
    let (s, host, port, timeout) = session.raw();
    let host = host.to_string();
    let query = format!("UID {}:* SINCE {}", from_uid.max(1), since.format("%-d-%b-%Y"));
    let found = within(timeout, &host, port, s.uid_search(&query)).await?.map_err(|e| explain(&host, port, e))?;
    // "n:*" always includes the highest UID, even below n.
    let mut uids: Vec<u32> = found.into_iter().filter(|u| *u >= from_uid).collect();
    uids.sort_unstable();
    Ok(uids)
}

/// The messages with these UIDs (in the selected folder), ascending by UID.
pub async fn fetch(session: &mut ImapSession, uids: &[u32]) -> Result<Vec<Fetched>, MailError> {
    if uids.is_empty() {
        return Ok(vec![]);
    }
    let set = uid_set(uids);
    let query = format!("(UID FLAGS RFC822.SIZE BODY.PEEK[]<0.{MAX_FETCH_BYTES}>)");
    let (s, host, port, timeout) = session.raw();
    let host = host.to_string();
    // A batch gets more time than one command: it may carry megabytes.
    let fetches = within(timeout * 4, &host, port, async {
        let stream = s.uid_fetch(&set, &query).await?;
        stream.try_collect::<Vec<_>>().await
    })
    .await?
    .map_err(|e| explain(&host, port, e))?;
    let mut out: Vec<Fetched> = fetches
        .iter()
        .filter_map(|f| {
            let uid = f.uid?;
            // Unsolicited FETCH responses (flag changes) carry no body: not ours to store.
            let raw = f.body()?.to_vec();
            Some(Fetched { uid, flags: stored_flags(f), raw, size: f.size })
        })
        .filter(|f| uids.binary_search(&f.uid).is_ok())
        .collect();
    out.sort_by_key(|f| f.uid);
    out.dedup_by_key(|f| f.uid);
    Ok(out)
}

/// A message downloaded whole for its attachments is refused past this size.
pub const MAX_WHOLE_BYTES: u32 = 64 * 1024 * 1024;

/// The whole message at `uid` in `folder`, if the folder still has the same UIDVALIDITY and that UID.
pub async fn fetch_whole(
    session: &mut ImapSession,
    folder: &str,
    uidvalidity: u32,
    uid: u32,
) -> Result<Option<Vec<u8>>, MailError> {
    if examine(session, folder).await?.uidvalidity != uidvalidity {
        return Ok(None);
    }
    let (s, host, port, timeout) = session.raw();
    let host = host.to_string();
    let query = format!("(UID RFC822.SIZE BODY.PEEK[]<0.{}>)", MAX_WHOLE_BYTES + 1);
    let fetches = within(timeout * 4, &host, port, async {
        let stream = s.uid_fetch(uid.to_string(), &query).await?;
        stream.try_collect::<Vec<_>>().await
    })
    .await?
    .map_err(|e| explain(&host, port, e))?;
    let Some(found) = fetches.iter().find(|f| f.uid == Some(uid) && f.body().is_some()) else { return Ok(None) };
    if found.size.is_some_and(|n| n > MAX_WHOLE_BYTES) {
        return Err(MailError::new(
            MailErrorKind::Permanent,
            format!("That message is larger than {} MiB; open it in your mail program.", MAX_WHOLE_BYTES >> 20),
        ));
    }
    Ok(found.body().map(<[u8]>::to_vec))
}

/// Folder names the server lists (selectable ones), for choosing extra folders to sync.
pub async fn folders(session: &mut ImapSession) -> Result<Vec<String>, MailError> {
    let (s, host, port, timeout) = session.raw();
    let host = host.to_string();
    let names = within(timeout, &host, port, async {
        let stream = s.list(Some(""), Some("*")).await?;
        stream.try_collect::<Vec<_>>().await
    })
    .await?
    .map_err(|e| explain(&host, port, e))?;
    Ok(names
        .iter()
        .filter(|n| !n.attributes().contains(&async_imap::types::NameAttribute::NoSelect))
        .map(|n| n.name().to_string())
        .collect())
}

fn flag_name(flag: &async_imap::types::Flag) -> String {
    use async_imap::types::Flag;
    match flag {
        Flag::Seen => "\\Seen".into(),
        Flag::Answered => "\\Answered".into(),
        Flag::Flagged => "\\Flagged".into(),
        Flag::Deleted => "\\Deleted".into(),
        Flag::Draft => "\\Draft".into(),
        Flag::Recent => "\\Recent".into(),
        Flag::MayCreate => "\\*".into(),
        Flag::Custom(c) => c.to_string(),
    }
}

/// "1:3,7,9:10" from ascending UIDs.
pub fn uid_set(uids: &[u32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < uids.len() {
        let start = uids[i];
        let mut end = start;
        while i + 1 < uids.len() && uids[i + 1] == end + 1 {
            end = uids[i + 1];
            i += 1;
        }
        parts.push(if start == end { start.to_string() } else { format!("{start}:{end}") });
        i += 1;
    }
    parts.join(",")
}

#[cfg(test)]
mod tests {
    #[test]
    fn uid_sets_are_compact() {
        assert_eq!(super::uid_set(&[1, 2, 3, 7, 9, 10]), "1:3,7,9:10");
        assert_eq!(super::uid_set(&[5]), "5");
    }
}
