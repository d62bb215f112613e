//! Who works at each company, for the fuzzy name match (`matching::find_contact`). The database answers
//! through its `contacts_company` index until the import goes bulk; from then on the answer is kept here, so
//! that the index can be set aside with the list indexes: a million new contacts going into it at random
//! places was a twentieth of the writer's work, to serve a match most rows never reach.
use rustc_hash::FxHashMap;

use rusqlite::Connection;

use crate::error::Result;
use crate::store;

/// Candidates compared at most per company (as `store::contacts::names_at_company`).
const CANDIDATES: usize = 1000;

/// New contacts held before they are filed under their companies, to bound the memory of a file no match
/// ever asks about.
const RECENT: usize = 8192;

#[derive(Default)]
pub struct People {
    /// Live contacts by company, in id order; None while the database answers. Ids are kept as u32 (half
    /// the memory: a million-row import's peak is near its budget); one that does not fit hands the
    /// question back to the database.
    by_company: Option<FxHashMap<i64, Vec<u32>>>,
    /// (company, contact) of contacts created since `by_company` was last brought up to date: filed when a
    /// match asks or `RECENT` are held, not one by one as they come (a company looked up per new contact).
    recent: Vec<(i64, i64)>,
}

impl People {
    /// Reads who works where once, before the index is set aside.
    pub fn go_bulk(&mut self, conn: &Connection) -> Result<()> {
        let mut by_company: FxHashMap<i64, Vec<u32>> = FxHashMap::default();
        let mut fits = true;
        store::contacts::each_live_at_a_company(conn, |company, id| match u32::try_from(id) {
            Ok(id) => by_company.entry(company).or_default().push(id),
            Err(_) => fits = false,
        })?;
        self.by_company = fits.then_some(by_company);
        Ok(())
    }

    /// A contact the import created at `company`.
    pub fn add(&mut self, company: Option<i64>, id: i64) {
        if let (Some(_), Some(company)) = (&self.by_company, company) {
            self.recent.push((company, id));
            if self.recent.len() == RECENT {
                self.file_recent();
            }
        }
    }

    /// A contact the import moved from one company to another.
    pub fn moved(&mut self, id: i64, from: Option<i64>, to: Option<i64>) {
        if from == to {
            return;
        }
        self.file_recent();
        if let (Some(map), Some(from)) = (self.by_company.as_mut(), from) {
            if let Some(ids) = map.get_mut(&from) {
                ids.retain(|&x| i64::from(x) != id);
            }
        }
        self.add(to, id);
    }

    fn file_recent(&mut self) {
        let Some(map) = self.by_company.as_mut() else { return };
        for (company, id) in std::mem::take(&mut self.recent) {
            let Ok(id) = u32::try_from(id) else {
                self.by_company = None;
                return;
            };
            let ids = map.entry(company).or_default();
            // New ids come in order; a contact moving in from another company may not.
            let at = ids.partition_point(|&x| x < id);
            if ids.get(at) != Some(&id) {
                ids.insert(at, id);
            }
        }
    }

    /// (id, full name) of the company's live people, lowest ids first.
    pub fn names_at(&mut self, conn: &Connection, company: i64) -> Result<Vec<(i64, String)>> {
        self.file_recent();
        let Some(map) = &self.by_company else { return store::contacts::names_at_company(conn, company) };
        let mut out = Vec::new();
        for id in map.get(&company).into_iter().flatten().take(CANDIDATES).map(|&id| i64::from(id)) {
            out.extend(store::contacts::name_of(conn, id)?.map(|name| (id, name)));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_follow_their_company_in_id_order() {
        let mut people = People { by_company: Some(FxHashMap::default()), recent: Vec::new() };
        people.add(Some(1), 5);
        people.add(Some(1), 9);
        people.add(None, 10);
        people.add(Some(2), 11);
        people.moved(11, Some(2), Some(1));
        people.moved(5, Some(1), None);
        people.add(Some(1), 12);
        people.file_recent();
        let map = people.by_company.as_ref().unwrap();
        assert_eq!(map[&1], [9, 11, 12]);
        assert!(map[&2].is_empty());
        // An id too large to keep: the database answers from then on.
        people.add(Some(1), 1 << 33);
        people.file_recent();
        assert!(people.by_company.is_none());
    }
}
