//! Backups: now, daily with retention, list, restore.
use std::path::{Path, PathBuf};

use crate::backup;
use crate::domain::{BackupInfo, Entity};
use crate::error::Result;
use crate::Outpost;

impl Outpost {
    pub fn backups_dir(&self) -> PathBuf {
        backup::dir_for(self.db().path())
    }

    /// A consistent copy of the database at `to`, made while everything keeps running.
    pub fn backup_to(&self, to: &Path) -> Result<()> {
        backup::copy(self.db(), to)
    }

    /// "Back up now": a manual backup in the backups folder (never pruned).
    pub fn backup_now(&self) -> Result<BackupInfo> {
        let path = backup::new_path(&self.backups_dir(), "manual");
        backup::copy(self.db(), &path)?;
        self.backup_info(&path)
    }

    /// Today's automatic backup unless it exists, then retention (7 daily, 4 weekly).
    pub fn backup_daily(&self) -> Result<Option<PathBuf>> {
        backup::daily(self.db(), &self.backups_dir(), chrono::Local::now().date_naive())
    }

    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        backup::list(&self.backups_dir())
    }

    /// Replaces everything with the backup's content. The current database is first saved as a
    /// "before-restore" backup, so this can be undone by restoring that one.
    pub fn restore_backup(&self, from: &Path) -> Result<BackupInfo> {
        backup::verify(from)?;
        let safety = backup::new_path(&self.backups_dir(), "before_restore");
        backup::copy(self.db(), &safety)?;
        backup::restore_into(self.db(), from)?;
        // A backup taken while a large import's list indexes were still queued brings that queue along.
        if self.db().read(crate::store::indexes::pending)? {
            self.db().build_indexes_in_background();
        }
        for entity in [Entity::Contact, Entity::Company, Entity::Deal, Entity::Task, Entity::Settings, Entity::Pipeline]
        {
            self.events().changed(entity, vec![]);
        }
        self.backup_info(&safety)
    }

    fn backup_info(&self, path: &Path) -> Result<BackupInfo> {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Ok(backup::list(&self.backups_dir())?.into_iter().find(|b| b.file_name == name).unwrap_or(BackupInfo {
            path: path.to_string_lossy().into_owned(),
            file_name: name,
            kind: "manual".into(),
            created_at: crate::time::now_iso(),
            bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        }))
    }
}
