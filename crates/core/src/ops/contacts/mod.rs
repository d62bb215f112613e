//! Contacts (and leads): create, edit, list, Trash.
mod validate;

use crate::domain::{ContactDetail, ContactInput, ContactRow, Entity, Page, PageQuery};
use crate::error::Result;
use crate::store::{self, contact_points::Kind};
use crate::Outpost;

use validate::Valid;

impl Outpost {
    pub fn create_contact(&self, input: ContactInput) -> Result<ContactDetail> {
        let id = self.db().write(|tx| {
            let valid = Valid::check(tx, input, None)?;
            let id = store::contacts::insert(tx, &valid.input, &valid.custom)?;
            write_points(tx, id, &valid)?;
            store::contacts::reindex(tx, id)?;
            crate::ops::scoring::rescore_contact(tx, id)?;
            Ok(id)
        })?;
        self.events().changed(Entity::Contact, vec![id]);
        self.contact(id)
    }

    pub fn update_contact(&self, id: i64, input: ContactInput) -> Result<ContactDetail> {
        self.db().write(|tx| edit_contact(tx, id, input))?;
        self.events().changed(Entity::Contact, vec![id]);
        self.contact(id)
    }

    pub fn contact(&self, id: i64) -> Result<ContactDetail> {
        self.db().read(|conn| store::contacts::get(conn, id))
    }

    pub fn contacts(&self, query: &PageQuery) -> Result<Page<ContactRow>> {
        self.read_list(query, |conn| store::contacts::list(conn, query))
    }

    /// How many live contacts a list query matches: its search and its lifecycle, status and source filters.
    pub fn count_contacts_where(&self, query: &PageQuery) -> Result<i64> {
        self.read_list(query, |conn| store::contacts::count_where(conn, query))
    }

    /// How many live contacts match `search` (all when None).
    pub fn count_contacts(&self, search: Option<&str>) -> Result<i64> {
        let query = PageQuery { search: search.map(Into::into), ..Default::default() };
        self.count_contacts_where(&query)
    }

    /// Moves contacts to the Trash; `restore_contacts` undoes it.
    pub fn delete_contacts(&self, ids: &[i64]) -> Result<()> {
        self.set_contacts_deleted(ids, true)
    }

    pub fn restore_contacts(&self, ids: &[i64]) -> Result<()> {
        self.set_contacts_deleted(ids, false)
    }

    fn set_contacts_deleted(&self, ids: &[i64], deleted: bool) -> Result<()> {
        self.db().write(|tx| {
            for &id in ids {
                store::contacts::set_deleted(tx, id, deleted)?;
                store::contacts::reindex(tx, id)?;
            }
            Ok(())
        })?;
        self.events().changed(Entity::Contact, ids.to_vec());
        Ok(())
    }
}

/// A contact edit inside the caller's transaction: the one path a form, a bulk edit and an inline edit share.
pub(crate) fn edit_contact(tx: &rusqlite::Connection, id: i64, input: ContactInput) -> Result<()> {
    let valid = Valid::check(tx, input, Some(id))?;
    store::contacts::update(tx, id, &valid.input, &valid.custom)?;
    write_points(tx, id, &valid)?;
    store::contacts::reindex(tx, id)?;
    crate::ops::scoring::rescore_contact(tx, id)
}

fn write_points(tx: &rusqlite::Connection, id: i64, valid: &Valid) -> Result<()> {
    store::contact_points::replace(tx, id, Kind::Email, &valid.emails)?;
    store::contact_points::replace(tx, id, Kind::Phone, &valid.phones)
}
