//! SQL for `contacts` (leads included: lifecycle = 'lead').
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{contact_points, search_index};
use crate::domain::{
    ContactDetail, ContactInput, ContactRow, Entity, LeadSource, LeadStatus, Lifecycle, Page, PageQuery,
};
use crate::error::{CoreError, Result};
use crate::time::now_iso;

pub fn insert(conn: &Connection, c: &ContactInput) -> Result<i64> {
    let now = now_iso();
    conn.prepare_cached(
        "INSERT INTO contacts (first_name, last_name, title, company_id, company_name, lifecycle, lead_status,
             lead_source, city, country, linkedin, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
    )?
    .execute(params![
        c.first_name,
        c.last_name,
        c.title,
        c.company_id,
        c.company_name,
        c.lifecycle.unwrap_or_default().as_str(),
        c.lead_status.map(LeadStatus::as_str),
        c.lead_source.map(LeadSource::as_str),
        c.city,
        c.country,
        c.linkedin,
        now,
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, id: i64, c: &ContactInput) -> Result<()> {
    let changed = conn
        .prepare_cached(
            "UPDATE contacts SET first_name = ?2, last_name = ?3, title = ?4, company_id = ?5, company_name = ?6,
                 lifecycle = ?7, lead_status = ?8, lead_source = ?9, city = ?10, country = ?11, linkedin = ?12,
                 updated_at = ?13
             WHERE id = ?1 AND deleted_at IS NULL",
        )?
        .execute(params![
            id,
            c.first_name,
            c.last_name,
            c.title,
            c.company_id,
            c.company_name,
            c.lifecycle.unwrap_or_default().as_str(),
            c.lead_status.map(LeadStatus::as_str),
            c.lead_source.map(LeadSource::as_str),
            c.city,
            c.country,
            c.linkedin,
            now_iso(),
        ])?;
    if changed == 0 {
        return Err(CoreError::NotFound { entity: "contact", id });
    }
    Ok(())
}

/// A lead becomes a contact linked to `company_id`; its free-text company is dropped.
pub fn convert(conn: &Connection, id: i64, company_id: Option<i64>, at: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE contacts SET lifecycle = 'contact', lead_status = 'qualified', company_id = COALESCE(?2, company_id),
             company_name = CASE WHEN ?2 IS NULL THEN company_name END, converted_at = ?3, updated_at = ?3
         WHERE id = ?1",
    )?
    .execute(params![id, company_id, at])?;
    Ok(())
}

/// Moves a contact to the Trash (`deleted = true`) or back out of it.
pub fn set_deleted(conn: &Connection, id: i64, deleted: bool) -> Result<()> {
    let now = now_iso();
    let changed = conn.execute(
        "UPDATE contacts SET deleted_at = CASE WHEN ?2 THEN ?3 END, updated_at = ?3
         WHERE id = ?1 AND (deleted_at IS NULL) = ?2",
        params![id, deleted, now],
    )?;
    if changed == 0 {
        return Err(CoreError::NotFound { entity: "contact", id });
    }
    Ok(())
}

pub fn get(conn: &Connection, id: i64) -> Result<ContactDetail> {
    let mut detail = conn
        .prepare_cached(
            "SELECT c.id, c.first_name, c.last_name, c.title, c.company_id, COALESCE(co.name, c.company_name),
                 c.lifecycle, c.lead_status, c.lead_source, c.city, c.country, c.linkedin, c.score, c.bounced_at,
                 c.unsubscribed_at, c.custom, c.created_at, c.updated_at, c.deleted_at
             FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
             WHERE c.id = ?1",
        )?
        .query_row([id], |r| {
            let custom: String = r.get(15)?;
            Ok(ContactDetail {
                id: r.get(0)?,
                first_name: r.get(1)?,
                last_name: r.get(2)?,
                title: r.get(3)?,
                company_id: r.get(4)?,
                company_name: r.get(5)?,
                lifecycle: lifecycle(r, 6)?,
                lead_status: r.get::<_, Option<String>>(7)?.as_deref().and_then(LeadStatus::parse),
                lead_source: r.get::<_, Option<String>>(8)?.as_deref().and_then(LeadSource::parse),
                emails: vec![],
                phones: vec![],
                city: r.get(9)?,
                country: r.get(10)?,
                linkedin: r.get(11)?,
                score: r.get(12)?,
                bounced_at: r.get(13)?,
                unsubscribed_at: r.get(14)?,
                custom: serde_json::from_str(&custom).unwrap_or_default(),
                created_at: r.get(16)?,
                updated_at: r.get(17)?,
                deleted_at: r.get(18)?,
            })
        })
        .optional()?
        .ok_or(CoreError::NotFound { entity: "contact", id })?;
    detail.emails = contact_points::list(conn, id, contact_points::Kind::Email)?;
    detail.phones = contact_points::list(conn, id, contact_points::Kind::Phone)?;
    Ok(detail)
}

/// Writes the contact's full-text entry from its current state.
pub fn reindex(conn: &Connection, id: i64) -> Result<()> {
    let row = conn
        .prepare_cached(
            "SELECT c.first_name || ' ' || c.last_name,
                 concat_ws(' ', (SELECT group_concat(value, ' ') FROM contact_points WHERE contact_id = c.id),
                           COALESCE(co.name, c.company_name), c.title, c.city, c.country)
             FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
             WHERE c.id = ?1 AND c.deleted_at IS NULL",
        )?
        .query_row([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .optional()?;
    match row {
        Some((title, body)) => search_index::put(conn, Entity::Contact, id, title.trim(), &body),
        None => search_index::remove(conn, Entity::Contact, id),
    }
}

/// The sort keys a contacts list can use, each backed by an index ending in `id`.
fn sort_keys(sort: Option<&str>) -> Result<&'static [&'static str]> {
    Ok(match sort.unwrap_or("name") {
        "name" | "last_name" => &["c.last_name COLLATE NOCASE", "c.first_name COLLATE NOCASE", "c.id"],
        "first_name" => &["c.first_name COLLATE NOCASE", "c.id"],
        "created_at" => &["c.created_at", "c.id"],
        "updated_at" => &["c.updated_at", "c.id"],
        "score" => &["ifnull(c.score, -1)", "c.id"],
        other => {
            return Err(CoreError::validation(
                "sort",
                format!("Contacts cannot be sorted by “{other}” (name, first_name, created_at, updated_at, score)."),
            ))
        }
    })
}

/// The rows after a keyset cursor as one WHERE fragment per leading-equal prefix: `k1 > ?`, `k1 = ? AND k2 > ?`, …
/// Each branch is a plain index seek; SQLite does not seek on row values over COLLATE or expression keys, nor
/// narrow `k1 >= ? AND (…)` when many rows share k1 (a deep page then scanned half a million index entries).
fn keyset_branches(keys: &[&str], desc: bool, first_param: usize) -> Vec<String> {
    let gt = if desc { "<" } else { ">" };
    (0..keys.len())
        .map(|i| {
            let mut conds: Vec<String> =
                keys[..i].iter().enumerate().map(|(j, k)| format!("{k} = ?{}", first_param + j)).collect();
            conds.push(format!("{} {gt} ?{}", keys[i], first_param + i));
            conds.join(" AND ")
        })
        .collect()
}

/// One page of live contacts in any supported order, by keyset: the cursor holds the last row's sort key,
/// so page 10,000 costs what page 1 costs.
pub fn list(conn: &Connection, q: &PageQuery) -> Result<Page<ContactRow>> {
    let limit = q.limit();
    let keys = sort_keys(q.sort.as_deref())?;
    let desc = q.desc.unwrap_or(false);
    let search = q.search.as_deref().and_then(search_index::prefix_query);
    let cursor: Option<Vec<serde_json::Value>> = q.cursor.as_deref().and_then(|c| serde_json::from_str(c).ok());
    let cursor = cursor.filter(|c| c.len() == keys.len());
    let filter = if search.is_some() {
        format!("c.id IN ({})", search_index::matching_ids_sql(Entity::Contact))
    } else {
        "?1 IS NULL".to_string()
    };
    let dir = if desc { "DESC" } else { "ASC" };
    let order: Vec<String> = keys.iter().map(|k| format!("{k} {dir}")).collect();
    let order = order.join(", ");
    // The page's ids and sort keys first (index seeks only), then the display columns for just those rows.
    let aliases: Vec<String> = keys.iter().enumerate().map(|(i, k)| format!("{k} AS k{i}")).collect();
    let aliases = aliases.join(", ");
    let seek = |extra: &str, order: &str| {
        format!(
            "SELECT * FROM (SELECT c.id AS id, {aliases} FROM contacts c
                WHERE c.deleted_at IS NULL AND {filter} {extra} ORDER BY {order} LIMIT ?2)"
        )
    };
    let page = match &cursor {
        None => seek("", &order),
        Some(_) => {
            // Branch i fixes keys[..i], so it orders by the rest: that leaves SQLite free to seek by id alone.
            let branches: Vec<String> = keyset_branches(keys, desc, 3)
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    let rest: Vec<String> = keys[i..].iter().map(|k| format!("{k} {dir}")).collect();
                    seek(&format!("AND {b}"), &rest.join(", "))
                })
                .collect();
            branches.join(" UNION ALL ")
        }
    };
    let page_order: Vec<String> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let collate = if k.contains("COLLATE NOCASE") { " COLLATE NOCASE" } else { "" };
            format!("k{i}{collate} {dir}")
        })
        .collect();
    let outer_order: Vec<String> = page_order.iter().map(|o| format!("page.{o}")).collect();
    let page_keys: Vec<String> = (0..keys.len()).map(|i| format!("page.k{i}")).collect();
    let sql = format!(
        "WITH page AS (SELECT * FROM ({page}) ORDER BY {page_order} LIMIT ?2)
         SELECT c.id, c.first_name, c.last_name,
             (SELECT value FROM contact_points p WHERE p.contact_id = c.id AND p.kind = 'email' AND p.is_primary),
             (SELECT value FROM contact_points p WHERE p.contact_id = c.id AND p.kind = 'phone' AND p.is_primary),
             c.title, c.company_id, COALESCE(co.name, c.company_name), c.lifecycle, c.lead_status, c.city, c.country,
             c.updated_at, {}
         FROM page JOIN contacts c ON c.id = page.id LEFT JOIN companies co ON co.id = c.company_id
         ORDER BY {}",
        page_keys.join(", "),
        outer_order.join(", "),
        page_order = page_order.join(", ")
    );
    let mut args: Vec<rusqlite::types::Value> = vec![
        search.clone().map(rusqlite::types::Value::Text).unwrap_or(rusqlite::types::Value::Null),
        rusqlite::types::Value::Integer((limit + 1) as i64),
    ];
    for v in cursor.iter().flatten() {
        args.push(match v {
            serde_json::Value::Number(n) if n.is_i64() => rusqlite::types::Value::Integer(n.as_i64().unwrap_or(0)),
            serde_json::Value::Number(n) => rusqlite::types::Value::Real(n.as_f64().unwrap_or(0.0)),
            serde_json::Value::String(s) => rusqlite::types::Value::Text(s.clone()),
            _ => rusqlite::types::Value::Null,
        });
    }
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut last_key = Vec::new();
    let rows: Vec<(ContactRow, Vec<serde_json::Value>)> = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), |r| {
            let key = (0..keys.len())
                .map(|i| {
                    Ok(match r.get::<_, rusqlite::types::Value>(13 + i)? {
                        rusqlite::types::Value::Integer(n) => serde_json::json!(n),
                        rusqlite::types::Value::Real(f) => serde_json::json!(f),
                        rusqlite::types::Value::Text(s) => serde_json::json!(s),
                        _ => serde_json::Value::Null,
                    })
                })
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok((
                ContactRow {
                    id: r.get(0)?,
                    first_name: r.get(1)?,
                    last_name: r.get(2)?,
                    email: r.get(3)?,
                    phone: r.get(4)?,
                    title: r.get(5)?,
                    company_id: r.get(6)?,
                    company_name: r.get(7)?,
                    lifecycle: lifecycle(r, 8)?,
                    lead_status: r.get::<_, Option<String>>(9)?.as_deref().and_then(LeadStatus::parse),
                    city: r.get(10)?,
                    country: r.get(11)?,
                    updated_at: r.get(12)?,
                },
                key,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    if rows.len() > limit {
        last_key = rows[limit - 1].1.clone();
    }
    let items: Vec<ContactRow> = rows.into_iter().map(|(row, _)| row).collect();
    let cursor = serde_json::to_string(&last_key).unwrap_or_default();
    Ok(paginate(items, limit, None, |_| cursor.clone()))
}

/// How many live contacts match `search` (all when None). A full count of a large table takes tens of
/// milliseconds, so it is asked for separately from the pages.
pub fn count(conn: &Connection, search: Option<&str>) -> Result<i64> {
    let search = search.and_then(search_index::prefix_query);
    let filter = if search.is_some() {
        format!("c.id IN ({})", search_index::matching_ids_sql(Entity::Contact))
    } else {
        "?1 IS NULL".to_string()
    };
    Ok(conn
        .prepare_cached(&format!("SELECT count(*) FROM contacts c WHERE c.deleted_at IS NULL AND {filter}"))?
        .query_row(params![search], |r| r.get(0))?)
}

/// Cuts the one extra row fetched to learn whether another page exists.
pub(crate) fn paginate<T>(
    mut items: Vec<T>,
    limit: usize,
    total: Option<i64>,
    cursor: impl Fn(&T) -> String,
) -> Page<T> {
    let more = items.len() > limit;
    items.truncate(limit);
    let next_cursor = if more { items.last().map(cursor) } else { None };
    Page { items, next_cursor, total }
}

fn lifecycle(r: &Row, i: usize) -> rusqlite::Result<Lifecycle> {
    let s: String = r.get(i)?;
    Ok(Lifecycle::parse(&s).unwrap_or_default())
}
