//! The Trash: deleted contacts, companies and deals, to restore or delete for good.
use crate::domain::{Entity, RecordRef, Trash};
use crate::error::Result;
use crate::store;
use crate::store::trash::Trashable;
use crate::Outpost;

impl Outpost {
    /// The `limit` most recently deleted records of all kinds, newest first, and how many there are in all.
    pub fn trash(&self, limit: usize) -> Result<Trash> {
        let limit = limit.clamp(1, 1000);
        self.db().read(|conn| {
            let (mut items, mut total) = (vec![], 0);
            for kind in Trashable::ALL {
                items.extend(store::trash::deleted(conn, kind, limit)?);
                total += store::trash::count(conn, kind)?;
            }
            items.sort_by(|a, b| b.deleted_at.cmp(&a.deleted_at));
            items.truncate(limit);
            Ok(Trash { items, total })
        })
    }

    /// Takes records out of the Trash, each kind the way its own restore does.
    pub fn restore_from_trash(&self, records: &[RecordRef]) -> Result<()> {
        let (contacts, companies, deals) = split(records);
        if !companies.is_empty() {
            self.restore_companies(&companies)?;
        }
        if !contacts.is_empty() {
            self.restore_contacts(&contacts)?;
        }
        if !deals.is_empty() {
            self.restore_deals(&deals)?;
        }
        Ok(())
    }

    /// Deletes records in the Trash for good, all or none. What pointed at them is unlinked, not broken: a
    /// company's contacts keep its name as text, and shared timeline entries stay with the other records.
    pub fn delete_forever(&self, records: &[RecordRef]) -> Result<()> {
        let (contacts, companies, deals) = split(records);
        self.db().write(|tx| {
            deals.iter().try_for_each(|&id| store::deals::purge(tx, id))?;
            contacts.iter().try_for_each(|&id| store::contacts::purge(tx, id))?;
            companies.iter().try_for_each(|&id| store::companies::purge(tx, id))
        })?;
        for (entity, ids) in [(Entity::Contact, contacts), (Entity::Company, companies), (Entity::Deal, deals)] {
            if !ids.is_empty() {
                self.events().changed(entity, ids);
            }
        }
        Ok(())
    }
}

/// Contact, company and deal ids.
fn split(records: &[RecordRef]) -> (Vec<i64>, Vec<i64>, Vec<i64>) {
    let (mut contacts, mut companies, mut deals) = (vec![], vec![], vec![]);
    for r in records {
        match *r {
            RecordRef::Contact(id) => contacts.push(id),
            RecordRef::Company(id) => companies.push(id),
            RecordRef::Deal(id) => deals.push(id),
        }
    }
    (contacts, companies, deals)
}
