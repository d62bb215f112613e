//! Attachments on demand: the sync stores only their names, types and sizes; when the rep asks for one, the
//! message is fetched from the server, the part picked out by the same parser that listed it, and written
//! into `<data dir>/attachments/<email id>/<part>/` under its sanitized name (never anywhere else, whatever the
//! sender called it). A second request for the same attachment uses that file.
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::domain::{AttachmentMeta, SavedAttachment};
use crate::error::{CoreError, Result};
use crate::mail::imap::ImapSession;
use crate::mail::sync::{attachment_name, fetch, parse};
use crate::store::{emails, mail_changes};
use crate::Outpost;

impl Outpost {
    /// The folder downloaded attachments go into: `attachments/` beside the database.
    pub fn attachments_dir(&self) -> PathBuf {
        self.db().path().parent().unwrap_or_else(|| Path::new(".")).join("attachments")
    }

    /// Downloads one attachment of a stored message (by its MIME part, as listed in the message's
    /// `attachments`) into the attachments folder, or finds it there from an earlier download.
    pub async fn fetch_attachment(&self, email_id: i64, part: u32) -> Result<SavedAttachment> {
        let (message, meta) = self.db().read(|conn| {
            let message = emails::message(conn, email_id)?;
            let meta = message.attachments.iter().find(|a| a.part == part).cloned();
            Ok((message, meta))
        })?;
        let meta = meta.ok_or_else(|| CoreError::validation("part", "That message has no such attachment."))?;
        // A folder per part: two attachments may well share a name ("image.png", or none at all).
        let dir = self.attachments_dir().join(email_id.to_string()).join(part.to_string());
        let path = attachment_name::path_inside(&dir, &meta.name);
        if let Ok(existing) = std::fs::symlink_metadata(&path) {
            if existing.is_file() && existing.len() == u64::from(meta.size) {
                return Ok(saved(email_id, &meta, meta.size, &path));
            }
        }
        let mailbox_id = message.mailbox_id.ok_or_else(|| {
            CoreError::Conflict("The mailbox this message came from was removed; its attachments are gone.".into())
        })?;
        let locations = self.db().read(|conn| mail_changes::present_locations(conn, email_id))?;
        if locations.is_empty() {
            return Err(gone());
        }
        let mailbox = self.mailbox(mailbox_id)?;
        let password = self.mailbox_password(mailbox_id)?;
        let mut session = ImapSession::connect(&mailbox, &password).await?;
        let mut raw = None;
        for (folder, uidvalidity, uid) in &locations {
            match fetch::fetch_whole(&mut session, folder, *uidvalidity, *uid).await {
                Ok(Some(found)) => {
                    raw = Some(found);
                    break;
                }
                Ok(None) => {}
                Err(e) => {
                    session.logout().await;
                    return Err(e.into());
                }
            }
        }
        session.logout().await;
        let raw = raw.ok_or_else(gone)?;
        let (name, content) = parse::attachment(&raw, part)
            .ok_or_else(|| CoreError::Conflict("The message on the server no longer has that attachment.".into()))?;
        if name != meta.name {
            return Err(CoreError::Conflict("The message on the server no longer has that attachment.".into()));
        }
        write_inside(&dir, &path, &content)?;
        Ok(saved(email_id, &meta, u32::try_from(content.len()).unwrap_or(u32::MAX), &path))
    }

    /// "Save as…": the attachment (downloaded first when needed) copied to where the rep chose.
    pub async fn save_attachment(&self, email_id: i64, part: u32, target: &str) -> Result<SavedAttachment> {
        let target = PathBuf::from(target.trim());
        if !target.is_absolute() || target.file_name().is_none() {
            return Err(CoreError::validation("target", "Choose where to save the file."));
        }
        if target.is_dir() {
            return Err(CoreError::validation("target", "That is a folder; choose a file name."));
        }
        let mut saved = self.fetch_attachment(email_id, part).await?;
        std::fs::copy(&saved.path, &target)
            .map_err(|e| CoreError::io(format!("cannot save to {}", target.display()), e))?;
        saved.path = target.display().to_string();
        Ok(saved)
    }
}

fn gone() -> CoreError {
    CoreError::Conflict(
        "This message is no longer on the server (deleted or moved), so its attachment cannot be downloaded.".into(),
    )
}

fn saved(email_id: i64, meta: &AttachmentMeta, size: u32, path: &Path) -> SavedAttachment {
    SavedAttachment {
        email_id,
        part: meta.part,
        name: meta.name.clone(),
        content_type: meta.content_type.clone(),
        size,
        path: path.display().to_string(),
    }
}

/// Writes a new file beside `path` and renames it into place, so a half-written download is never taken
/// for a finished one, and a link planted at `path` is replaced rather than followed.
fn write_inside(dir: &Path, path: &Path, content: &[u8]) -> Result<()> {
    debug_assert_eq!(path.parent(), Some(dir));
    std::fs::create_dir_all(dir).map_err(|e| CoreError::io(format!("cannot create {}", dir.display()), e))?;
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let tmp = dir.join(format!(".download-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed)));
    let write = || -> std::io::Result<()> {
        let _ = std::fs::remove_file(&tmp);
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        f.write_all(content)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        CoreError::io(format!("cannot write {}", path.display()), e)
    })
}
