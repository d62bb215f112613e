//! Saved views: a named filter, sort and set of columns per list, shown as tabs above it.
use rusqlite::Connection;

use crate::domain::{Entity, ListEntity, PageQuery, SavedView, SavedViewInput};
use crate::error::{CoreError, Result};
use crate::store::{self, lists::keyset::Binds, saved_views::ViewParts};
use crate::Outpost;

const MAX_NAME: usize = 60;

impl Outpost {
    pub fn saved_views(&self, entity: ListEntity) -> Result<Vec<SavedView>> {
        self.db().read(|conn| store::saved_views::list(conn, entity))
    }

    pub fn create_saved_view(&self, input: SavedViewInput) -> Result<SavedView> {
        let id = self.db().write(|tx| {
            let v = check(tx, &input, None)?;
            store::saved_views::insert_view(tx, input.entity, &v.parts(&input))
        })?;
        self.events().changed(Entity::Settings, vec![id]);
        self.db().read(|conn| store::saved_views::get(conn, id))
    }

    /// Renames a view or replaces its filter, sort and columns. Its list can't change.
    pub fn update_saved_view(&self, id: i64, input: SavedViewInput) -> Result<SavedView> {
        self.db().write(|tx| {
            let current = store::saved_views::get(tx, id)?;
            if current.entity != input.entity {
                return Err(CoreError::validation("entity", "A view belongs to one list; save a new view instead."));
            }
            let v = check(tx, &input, Some(id))?;
            store::saved_views::update(tx, id, &v.parts(&input))
        })?;
        self.events().changed(Entity::Settings, vec![id]);
        self.db().read(|conn| store::saved_views::get(conn, id))
    }

    /// Removes a view; `restore_saved_view` brings it back (the undo of the views bar).
    pub fn delete_saved_view(&self, id: i64) -> Result<()> {
        self.db().write(|tx| store::saved_views::set_deleted(tx, id, true))?;
        self.events().changed(Entity::Settings, vec![id]);
        Ok(())
    }

    pub fn restore_saved_view(&self, id: i64) -> Result<SavedView> {
        self.db().write(|tx| store::saved_views::set_deleted(tx, id, false))?;
        self.events().changed(Entity::Settings, vec![id]);
        self.db().read(|conn| store::saved_views::get(conn, id))
    }

    /// Puts one list's views in the order given.
    pub fn reorder_saved_views(&self, ids: Vec<i64>) -> Result<()> {
        self.db().write(|tx| store::saved_views::reorder(tx, &ids))?;
        self.events().changed(Entity::Settings, ids);
        Ok(())
    }
}

struct Checked {
    name: String,
    columns: Vec<String>,
}

impl Checked {
    fn parts<'a>(&'a self, input: &'a SavedViewInput) -> ViewParts<'a> {
        ViewParts {
            name: &self.name,
            filter: input.filter.as_ref().filter(|f| !f.nodes().is_empty()),
            sort: input.sort.as_ref(),
            columns: &self.columns,
        }
    }
}

/// A view must have a name of its own, a filter and sort its list can run, and columns its list has.
fn check(conn: &Connection, input: &SavedViewInput, id: Option<i64>) -> Result<Checked> {
    let name = input.name.trim().to_string();
    if name.is_empty() {
        return Err(CoreError::validation("name", "Give the view a name."));
    }
    if name.chars().count() > MAX_NAME {
        return Err(CoreError::validation("name", format!("Keep the name under {MAX_NAME} characters.")));
    }
    if store::saved_views::name_taken(conn, input.entity, &name, id)? {
        return Err(CoreError::validation("name", format!("There is already a view called “{name}”.")));
    }
    // Compiling the query checks every filter rule and the sort against the list's fields.
    let query = PageQuery {
        filter: input.filter.clone(),
        sort: input.sort.as_ref().map(|s| s.field.clone()),
        desc: input.sort.as_ref().map(|s| s.desc),
        ..Default::default()
    };
    store::lists::listing(conn, input.entity, &query)?;
    let mut columns: Vec<String> = Vec::new();
    for c in &input.columns {
        store::lists::fields::resolve(conn, input.entity, c, &mut Binds::default(), "columns")?;
        if !columns.contains(c) {
            columns.push(c.clone());
        }
    }
    Ok(Checked { name, columns })
}
