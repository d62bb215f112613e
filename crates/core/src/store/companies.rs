//! SQL for `companies`.
use rusqlite::{params, Connection, OptionalExtension};

use super::in_place::{Arg, InPlaceStatement};
use super::search_index;
use super::trash::{self, Trashable};
use crate::domain::{Company, CompanyPerson, CompanyRow, Entity, Lifecycle, ListEntity, Page, PageQuery};
use crate::error::{CoreError, Result};
use crate::time::now_iso;

/// A company as written: `domain` is already normalized.
pub struct NewCompany<'a> {
    pub name: &'a str,
    pub domain: Option<&'a str>,
    pub website: Option<&'a str>,
    pub industry: Option<&'a str>,
    pub size: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub city: Option<&'a str>,
    pub country: Option<&'a str>,
    pub description: Option<&'a str>,
}

impl<'a> NewCompany<'a> {
    /// A stored company written back as it was (an undo restoring its before-image).
    pub fn of(c: &'a Company) -> NewCompany<'a> {
        NewCompany {
            name: &c.name,
            domain: c.domain.as_deref(),
            website: c.website.as_deref(),
            industry: c.industry.as_deref(),
            size: c.size.as_deref(),
            phone: c.phone.as_deref(),
            city: c.city.as_deref(),
            country: c.country.as_deref(),
            description: c.description.as_deref(),
        }
    }
}

pub fn insert(conn: &Connection, c: &NewCompany) -> Result<i64> {
    let now = now_iso();
    conn.prepare_cached(INSERT)?.execute(rusqlite::params_from_iter(insert_args(c, &now, Arg::Null, Arg::Null)))?;
    let id = conn.last_insert_rowid();
    index_new(conn, id, c)?;
    Ok(id)
}

/// OR FAIL: for one row it fails as ABORT does, without a statement journal (see `contacts::ImportedInserter`).
const INSERT: &str = "INSERT OR FAIL INTO companies (name, domain, website, industry, size, phone, city, country,
         description, created_at, updated_at, import_id, import_row)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11, ?12)";

/// Inserts an import's new companies through one statement held for the import, its texts bound in place
/// (`InPlaceStatement`): through the statement cache, with every text copied into SQLite, a company cost
/// twice what SQLite's own insert did.
pub struct ImportedCompanies<'c> {
    conn: &'c Connection,
    stmt: InPlaceStatement<'c>,
    import_id: i64,
    at: String,
}

impl<'c> ImportedCompanies<'c> {
    /// For the import `import_id`, whose records are created `at`.
    pub fn new(conn: &'c Connection, import_id: i64, at: &str) -> Result<Self> {
        Ok(ImportedCompanies { conn, stmt: InPlaceStatement::prepare(conn, INSERT)?, import_id, at: at.to_string() })
    }

    /// Inserts the company from the file's `row`, traced to it; its id.
    pub fn insert(&mut self, c: &NewCompany, row: u32) -> Result<i64> {
        let id = self.stmt.run(&insert_args(c, &self.at, Arg::Int(self.import_id), Arg::Int(row.into())))?;
        index_new(self.conn, id, c)?;
        Ok(id)
    }
}

/// `INSERT`'s parameters: the company's own columns, the time it is created, and the import and row it came from.
fn insert_args<'a>(c: &NewCompany<'a>, at: &'a str, import_id: Arg<'a>, row: Arg<'a>) -> [Arg<'a>; 12] {
    #[rustfmt::skip]
    let args = [
        Arg::Text(c.name), c.domain.into(), c.website.into(), c.industry.into(), c.size.into(), c.phone.into(),
        c.city.into(), c.country.into(), c.description.into(), Arg::Text(at), import_id, row,
    ];
    args
}

/// A new company's search entry, the same text `reindex` reads back: its name; its domain, industry, city and
/// country.
fn index_new(conn: &Connection, id: i64, c: &NewCompany) -> Result<()> {
    let parts = [c.domain, c.industry, c.city, c.country];
    search_index::put_new(
        conn,
        Entity::Company,
        id,
        c.name.to_string(),
        search_index::joined(parts.into_iter().flatten()),
    )
}

pub fn find_by_domain(conn: &Connection, domain: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM companies WHERE domain = ?1 AND deleted_at IS NULL")?
        .query_row([domain], |r| r.get(0))
        .optional()?)
}

/// A live company by name, ignoring case.
pub fn find_by_name(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM companies WHERE name = ?1 COLLATE NOCASE AND deleted_at IS NULL ORDER BY id LIMIT 1",
        )?
        .query_row([name.trim()], |r| r.get(0))
        .optional()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Company> {
    conn.prepare_cached(
        "SELECT id, name, domain, website, industry, size, phone, city, country, description, created_at, updated_at,
             custom
         FROM companies WHERE id = ?1 AND deleted_at IS NULL",
    )?
    .query_row([id], |r| {
        Ok(Company {
            id: r.get(0)?,
            name: r.get(1)?,
            domain: r.get(2)?,
            website: r.get(3)?,
            industry: r.get(4)?,
            size: r.get(5)?,
            phone: r.get(6)?,
            city: r.get(7)?,
            country: r.get(8)?,
            description: r.get(9)?,
            custom: json_object(&r.get::<_, String>(12)?),
            created_at: r.get(10)?,
            updated_at: r.get(11)?,
        })
    })
    .optional()?
    .ok_or(CoreError::NotFound { entity: "company", id })
}

/// A stored `custom` column as JSON (an empty object if it is somehow not JSON).
pub(crate) fn json_object(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|_| serde_json::json!({}))
}

pub fn set_custom(conn: &Connection, id: i64, custom: &str) -> Result<()> {
    conn.prepare_cached("UPDATE companies SET custom = ?2 WHERE id = ?1")?.execute(params![id, custom])?;
    Ok(())
}

/// Rewrites a live company's fields; `domain` is already normalized and checked to be free.
pub fn update(conn: &Connection, id: i64, c: &NewCompany, custom: &str) -> Result<()> {
    let changed = conn
        .prepare_cached(
            "UPDATE companies SET name = ?2, domain = ?3, website = ?4, industry = ?5, size = ?6, phone = ?7,
                 city = ?8, country = ?9, description = ?10, custom = ?11, updated_at = ?12
             WHERE id = ?1 AND deleted_at IS NULL",
        )?
        .execute(params![
            id,
            c.name,
            c.domain,
            c.website,
            c.industry,
            c.size,
            c.phone,
            c.city,
            c.country,
            c.description,
            custom,
            now_iso()
        ])?;
    if changed == 0 {
        return Err(CoreError::NotFound { entity: "company", id });
    }
    reindex(conn, id)
}

/// Moves a company to the Trash or back. Its contacts and deals keep their link to it.
pub fn set_deleted(conn: &Connection, id: i64, deleted: bool) -> Result<()> {
    let now = now_iso();
    let changed = conn
        .prepare_cached(
            "UPDATE companies SET deleted_at = CASE WHEN ?2 THEN ?3 END, updated_at = ?3
             WHERE id = ?1 AND (deleted_at IS NULL) = ?2",
        )?
        .execute(params![id, deleted, now])?;
    if changed == 0 {
        return Err(CoreError::NotFound { entity: "company", id });
    }
    reindex(conn, id)
}

/// A company's name and domain, and whether it is in the Trash.
pub fn name_domain_deleted(conn: &Connection, id: i64) -> Result<(String, Option<String>, bool)> {
    conn.prepare_cached("SELECT name, domain, deleted_at IS NOT NULL FROM companies WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or(CoreError::NotFound { entity: "company", id })
}

/// Live contacts of a company by name, at most `limit`.
pub fn people(conn: &Connection, company_id: i64, limit: usize) -> Result<Vec<CompanyPerson>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, trim(c.first_name || ' ' || c.last_name), c.title,
             (SELECT value FROM contact_points p WHERE p.contact_id = c.id AND p.kind = 'email' AND p.is_primary),
             c.lifecycle
         FROM contacts c WHERE c.company_id = ?1 AND c.deleted_at IS NULL
         ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![company_id, limit as i64], |r| {
        let lifecycle: String = r.get(4)?;
        Ok(CompanyPerson {
            id: r.get(0)?,
            name: r.get(1)?,
            title: r.get(2)?,
            email: r.get(3)?,
            lifecycle: Lifecycle::parse(&lifecycle).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn count_people(conn: &Connection, company_id: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM contacts WHERE company_id = ?1 AND deleted_at IS NULL")?
        .query_row([company_id], |r| r.get(0))?)
}

/// Deletes a company in the Trash for good. Its contacts keep the company's name as free text, and
/// timeline entries shared with a contact or deal stay on theirs (only entries of the company alone go);
/// the schema's ON DELETE rules unlink deals, tasks and email threads.
pub fn purge(conn: &Connection, id: i64) -> Result<()> {
    trash::ensure_in_trash(conn, Trashable::Company, id)?;
    let (name, _, _) = name_domain_deleted(conn, id)?;
    conn.prepare_cached("UPDATE contacts SET company_name = ?2, company_id = NULL WHERE company_id = ?1")?
        .execute(params![id, name])?;
    let deals: Vec<i64> = conn
        .prepare_cached("SELECT id FROM deals WHERE company_id = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    conn.prepare_cached("DELETE FROM suppressions WHERE kind = 'company' AND value = ?1")?.execute([id.to_string()])?;
    trash::purge_row(conn, Trashable::Company, id)?;
    // Deals were found by their company's name too.
    for deal in deals {
        super::deals::reindex(conn, deal)?;
    }
    Ok(())
}

pub fn reindex(conn: &Connection, id: i64) -> Result<()> {
    if search_index::deferred(Entity::Company, id) {
        return Ok(());
    }
    let row = conn
        .prepare_cached(
            "SELECT name, concat_ws(' ', domain, industry, city, country) FROM companies
             WHERE id = ?1 AND deleted_at IS NULL",
        )?
        .query_row([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .optional()?;
    match row {
        Some((title, body)) => search_index::put(conn, Entity::Company, id, &title, &body),
        None => search_index::remove(conn, Entity::Company, id),
    }
}

/// One page of live companies in any supported order and filter (see `store::lists`), by keyset.
pub fn list(conn: &Connection, q: &PageQuery) -> Result<Page<CompanyRow>> {
    let (ids, next_cursor) = super::lists::page_ids(conn, ListEntity::Company, q)?;
    // Companies number in the thousands: the first page carries the count.
    let total = match q.cursor {
        None => Some(super::lists::count(conn, ListEntity::Company, q)?),
        Some(_) => None,
    };
    Ok(Page { items: rows(conn, &ids)?, next_cursor, total })
}

/// The list rows of `ids`, in that order (missing ids are skipped).
pub fn rows(conn: &Connection, ids: &[i64]) -> Result<Vec<CompanyRow>> {
    let sql = format!(
        "SELECT co.id, co.name, co.domain, co.industry, co.city, co.country,
             (SELECT count(*) FROM contacts c WHERE c.company_id = co.id AND c.deleted_at IS NULL),
             (SELECT count(*) FROM deals d WHERE d.company_id = co.id AND d.status = 'open' AND d.deleted_at IS NULL),
             co.updated_at, co.custom, {}, co.size, co.phone, co.created_at
         FROM json_each(?1) j JOIN companies co ON co.id = j.value
         ORDER BY j.key",
        super::tags::row_tags_sql("company", "co.id")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([serde_json::to_string(ids)?], |r| {
        Ok(CompanyRow {
            id: r.get(0)?,
            name: r.get(1)?,
            domain: r.get(2)?,
            industry: r.get(3)?,
            city: r.get(4)?,
            country: r.get(5)?,
            contacts: r.get(6)?,
            open_deals: r.get(7)?,
            updated_at: r.get(8)?,
            custom: json_object(&r.get::<_, String>(9)?),
            tags: super::tags::parse_row_tags(r.get(10)?),
            size: r.get(11)?,
            phone: r.get(12)?,
            created_at: r.get(13)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Marks a company as written by an import row (source tracing).
pub fn set_origin(conn: &Connection, id: i64, import_id: i64, row: u32) -> Result<()> {
    conn.prepare_cached("UPDATE companies SET import_id = ?2, import_row = ?3 WHERE id = ?1")?
        .execute(params![id, import_id, row])?;
    Ok(())
}

/// (id, name, domain) of every live company: an import matches against them in memory.
pub fn all_keys(conn: &Connection) -> Result<Vec<(i64, String, Option<String>)>> {
    let mut stmt = conn.prepare("SELECT id, name, domain FROM companies WHERE deleted_at IS NULL")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
