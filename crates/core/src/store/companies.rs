//! SQL for `companies`.
use rusqlite::{params, Connection, OptionalExtension};

use super::{contacts::paginate, search_index};
use crate::domain::{Company, CompanyRow, Entity, Page, PageQuery};
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

pub fn insert(conn: &Connection, c: &NewCompany) -> Result<i64> {
    let now = now_iso();
    conn.prepare_cached(
        "INSERT INTO companies (name, domain, website, industry, size, phone, city, country, description,
             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
    )?
    .execute(params![
        c.name,
        c.domain,
        c.website,
        c.industry,
        c.size,
        c.phone,
        c.city,
        c.country,
        c.description,
        now
    ])?;
    let id = conn.last_insert_rowid();
    reindex(conn, id)?;
    Ok(id)
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
        "SELECT id, name, domain, website, industry, size, phone, city, country, description, created_at, updated_at
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
            created_at: r.get(10)?,
            updated_at: r.get(11)?,
        })
    })
    .optional()?
    .ok_or(CoreError::NotFound { entity: "company", id })
}

pub fn reindex(conn: &Connection, id: i64) -> Result<()> {
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

#[derive(serde::Serialize, serde::Deserialize)]
struct Cursor(String, i64);

pub fn list(conn: &Connection, q: &PageQuery) -> Result<Page<CompanyRow>> {
    let limit = q.limit();
    let search = q.search.as_deref().and_then(search_index::prefix_query);
    let cursor: Option<Cursor> = q.cursor.as_deref().and_then(|c| serde_json::from_str(c).ok());
    let filter = if search.is_some() {
        format!("co.id IN ({})", search_index::matching_ids_sql(Entity::Company))
    } else {
        "?1 IS NULL".to_string()
    };
    let (cn, ci) = match &cursor {
        Some(Cursor(n, i)) => (Some(n.as_str()), Some(*i)),
        None => (None, None),
    };
    let sql = format!(
        "SELECT co.id, co.name, co.domain, co.industry, co.city, co.country,
             (SELECT count(*) FROM contacts c WHERE c.company_id = co.id AND c.deleted_at IS NULL),
             (SELECT count(*) FROM deals d WHERE d.company_id = co.id AND d.status = 'open' AND d.deleted_at IS NULL),
             co.updated_at
         FROM companies co
         WHERE co.deleted_at IS NULL AND {filter}
           AND (?2 IS NULL OR (co.name COLLATE NOCASE, co.id) > (?2, ?3))
         ORDER BY co.name COLLATE NOCASE, co.id LIMIT ?4"
    );
    let items: Vec<CompanyRow> = conn
        .prepare_cached(&sql)?
        .query_map(params![search, cn, ci, (limit + 1) as i64], |r| {
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
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    // Companies number in the thousands: the first page carries the count.
    let total: Option<i64> = match cursor {
        None => Some(
            conn.prepare_cached(&format!(
                "SELECT count(*) FROM companies co WHERE co.deleted_at IS NULL AND {filter}"
            ))?
            .query_row(params![search], |r| r.get(0))?,
        ),
        Some(_) => None,
    };
    Ok(paginate(items, limit, total, |c| serde_json::to_string(&Cursor(c.name.clone(), c.id)).unwrap_or_default()))
}
