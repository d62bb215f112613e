//! The IMAP side of a sync: open a folder read-only, find the UIDs to fetch, fetch them in batches.
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
    Ok(FolderStatus { uidvalidity, uidnext: mailbox.uid_next, exists: mailbox.exists })
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
            Some(Fetched { uid, flags: f.flags().map(|fl| flag_name(&fl)).collect(), raw, size: f.size })
        })
        .filter(|f| uids.binary_search(&f.uid).is_ok())
        .collect();
    out.sort_by_key(|f| f.uid);
    out.dedup_by_key(|f| f.uid);
    Ok(out)
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
