//! SQL for `contacts` (leads included: lifecycle = 'lead').
use rusqlite::{params, Connection, OptionalExtension, Row, ToSql};

use super::in_place::{Arg, InPlaceStatement};
use super::trash::{self, Trashable};
use super::{contact_points, search_index};
use crate::domain::{
    ContactDetail, ContactInput, ContactRow, Entity, LeadSource, LeadStatus, Lifecycle, ListEntity, Page, PageQuery,
    Temperature,
};
use crate::error::{CoreError, Result};
use crate::time::now_iso;

/// `custom` is the checked custom-values object as JSON.
pub fn insert(conn: &Connection, c: &ContactInput, custom: &str) -> Result<i64> {
    execute_with_input(
        conn,
        "INSERT INTO contacts (first_name, last_name, title, company_id, company_name, lifecycle, lead_status,
             lead_source, city, country, linkedin, custom, created_at, updated_at, company_display)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?13, ?12, ?12,
             COALESCE((SELECT name FROM companies WHERE id = ?4), ?5))",
        c,
        params![now_iso(), custom],
    )?;
    Ok(conn.last_insert_rowid())
}

/// A contact an import creates: its row's values, the row it came from, and the score it arrives with.
/// `primary_email` is the value its first email point will hold, stored up front.
pub struct Imported<'a> {
    pub input: &'a ContactInput,
    pub custom: &'a str,
    pub primary_email: Option<&'a str>,
    /// Its company's name, else the free-text company (the import knows both).
    pub company_display: Option<&'a str>,
    pub row: u32,
    pub score: &'a crate::store::scoring::StoredScore,
}

/// Inserts an import's new contacts through one statement prepared for the whole import. Through the
/// connection's statement cache, each of a million rows looked the statement up by its text and handed it back,
/// which cleared all of its bindings: a twentieth of a large import's writer. Its texts are bound in place
/// (`InPlaceStatement`): copying them into SQLite was another tenth.
pub struct ImportedInserter<'c> {
    stmt: InPlaceStatement<'c>,
    import_id: i64,
    at: String,
}

impl<'c> ImportedInserter<'c> {
    /// For the import `import_id`, whose records are created and updated `at`.
    pub fn new(conn: &'c Connection, import_id: i64, at: &str) -> Result<Self> {
        // OR FAIL: for one row it fails exactly as the default ABORT does (every check runs before the row is
        // written), but SQLite then keeps no statement journal for it and opens no savepoint, at which FTS5
        // would write out its pending terms: a third of a bulk import's contact insert went to those.
        let stmt = InPlaceStatement::prepare(
            conn,
            "INSERT OR FAIL INTO contacts (first_name, last_name, title, company_id, company_name, lifecycle,
                 lead_status, lead_source, city, country, linkedin, created_at, updated_at, import_id, custom,
                 import_row, primary_email, company_display, score, score_grade, score_temperature, score_factors)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                 ?21)",
        )?;
        Ok(ImportedInserter { stmt, import_id, at: at.to_string() })
    }

    /// Inserts the contact; its id.
    pub fn insert(&mut self, c: &Imported) -> Result<i64> {
        let [a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11] = input_args(c.input);
        let s = c.score;
        self.stmt.run(&[
            a1,
            a2,
            a3,
            a4,
            a5,
            a6,
            a7,
            a8,
            a9,
            a10,
            a11,
            Arg::Text(&self.at),
            Arg::Int(self.import_id),
            Arg::Text(c.custom),
            Arg::Int(c.row.into()),
            c.primary_email.into(),
            c.company_display.into(),
            Arg::Int(s.score),
            s.grade.as_ref().into(),
            s.temperature.as_ref().into(),
            s.factors.as_ref().into(),
        ])
    }
}

/// The contact's own columns, ?1..?11 (first_name .. linkedin).
fn input_args(c: &ContactInput) -> [Arg<'_>; 11] {
    [
        Arg::Text(&c.first_name),
        Arg::Text(&c.last_name),
        c.title.as_ref().into(),
        c.company_id.into(),
        c.company_name.as_ref().into(),
        Arg::Text(c.lifecycle.unwrap_or_default().as_str()),
        c.lead_status.map(LeadStatus::as_str).into(),
        c.lead_source.map(LeadSource::as_str).into(),
        c.city.as_ref().into(),
        c.country.as_ref().into(),
        c.linkedin.as_ref().into(),
    ]
}

/// Binds the contact's own columns to ?1..?11.
fn bind_input(stmt: &mut rusqlite::Statement, c: &ContactInput) -> Result<()> {
    for (i, value) in input_args(c).iter().enumerate() {
        stmt.raw_bind_parameter(i + 1, value)?;
    }
    Ok(())
}

pub fn update(conn: &Connection, id: i64, c: &ContactInput, custom: &str) -> Result<()> {
    let changed = execute_with_input(
        conn,
        "UPDATE contacts SET first_name = ?1, last_name = ?2, title = ?3, company_id = ?4, company_name = ?5,
             lifecycle = ?6, lead_status = ?7, lead_source = ?8, city = ?9, country = ?10, linkedin = ?11,
             updated_at = ?12, custom = ?13
         WHERE id = ?14 AND deleted_at IS NULL",
        c,
        params![now_iso(), custom, id],
    )?;
    if changed == 0 {
        return Err(CoreError::NotFound { entity: "contact", id });
    }
    Ok(())
}

/// Runs `sql` with the contact's own columns bound to ?1..?11 (first_name .. linkedin) and `rest` from ?12 on.
fn execute_with_input(conn: &Connection, sql: &str, c: &ContactInput, rest: &[&dyn ToSql]) -> Result<usize> {
    let mut stmt = conn.prepare_cached(sql)?;
    bind_input(&mut stmt, c)?;
    for (i, value) in rest.iter().enumerate() {
        stmt.raw_bind_parameter(12 + i, value)?;
    }
    Ok(stmt.raw_execute()?)
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

/// A contact who answered outreach becomes an engaged lead (a qualified one stays qualified). Not for a
/// customer or a contact that was converted from a lead already: false then.
pub fn make_engaged_lead(conn: &Connection, id: i64, at: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "UPDATE contacts SET lifecycle = 'lead',
                 lead_status = CASE WHEN lifecycle = 'lead' AND lead_status = 'qualified' THEN lead_status
                                    ELSE 'engaged' END,
                 lead_source = COALESCE(lead_source, 'cold_email'), updated_at = ?2
             WHERE id = ?1 AND deleted_at IS NULL
               AND (lifecycle = 'lead' OR (lifecycle = 'contact' AND converted_at IS NULL))",
        )?
        .execute(params![id, at])?
        == 1)
}

pub fn set_lead_status(conn: &Connection, id: i64, status: LeadStatus) -> Result<()> {
    conn.prepare_cached("UPDATE contacts SET lead_status = ?2, updated_at = ?3 WHERE id = ?1 AND deleted_at IS NULL")?
        .execute(params![id, status.as_str(), now_iso()])?;
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
                 c.unsubscribed_at, c.custom, c.created_at, c.updated_at, c.deleted_at,
                 c.score_grade, c.score_temperature, c.score_factors
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
                score_detail: super::scoring::detail(r.get(12)?, r.get(19)?, r.get(20)?, r.get(21)?),
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
    if search_index::deferred(Entity::Contact, id) {
        return Ok(());
    }
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

/// One page of live contacts in any supported order and filter (see `store::lists`), by keyset: the cursor holds
/// the last row's sort key, so page 10,000 costs what page 1 costs.
pub fn list(conn: &Connection, q: &PageQuery) -> Result<Page<ContactRow>> {
    let (ids, next_cursor) = super::lists::page_ids(conn, ListEntity::Contact, q)?;
    Ok(Page { items: rows(conn, &ids)?, next_cursor, total: None })
}

/// The list rows of `ids`, in that order (missing ids are skipped).
pub fn rows(conn: &Connection, ids: &[i64]) -> Result<Vec<ContactRow>> {
    let sql = format!(
        "SELECT c.id, c.first_name, c.last_name,
             (SELECT value FROM contact_points p WHERE p.contact_id = c.id AND p.kind = 'email' AND p.is_primary),
             (SELECT value FROM contact_points p WHERE p.contact_id = c.id AND p.kind = 'phone' AND p.is_primary),
             c.title, c.company_id, COALESCE(co.name, c.company_name), c.lifecycle, c.lead_status, c.city, c.country,
             c.updated_at, c.custom, c.lead_source, c.score, c.score_grade, c.score_temperature, {},
             c.created_at, c.last_activity_at
         FROM json_each(?1) j JOIN contacts c ON c.id = j.value LEFT JOIN companies co ON co.id = c.company_id
         ORDER BY j.key",
        super::tags::row_tags_sql("contact", "c.id")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([serde_json::to_string(ids)?], |r| {
        Ok(ContactRow {
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
            custom: serde_json::from_str(&r.get::<_, String>(13)?).unwrap_or_default(),
            lead_source: r.get::<_, Option<String>>(14)?.as_deref().and_then(LeadSource::parse),
            score: r.get(15)?,
            score_grade: r.get(16)?,
            temperature: r.get::<_, Option<String>>(17)?.as_deref().and_then(Temperature::parse),
            tags: super::tags::parse_row_tags(r.get(18)?),
            created_at: r.get(19)?,
            last_activity_at: r.get(20)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many live contacts a list query matches (its search, lifecycle, status and source, and filter).
pub fn count_where(conn: &Connection, q: &PageQuery) -> Result<i64> {
    super::lists::count(conn, ListEntity::Contact, q)
}

fn lifecycle(r: &Row, i: usize) -> rusqlite::Result<Lifecycle> {
    let s: String = r.get(i)?;
    Ok(Lifecycle::parse(&s).unwrap_or_default())
}

/// Deletes a contact in the Trash for good, with its emails and phones. Timeline entries it shares with a
/// company or deal stay on theirs; the schema's ON DELETE rules unlink deals, tasks and mail.
pub fn purge(conn: &Connection, id: i64) -> Result<()> {
    trash::ensure_in_trash(conn, Trashable::Contact, id)?;
    let deals: Vec<i64> = conn
        .prepare_cached("SELECT id FROM deals WHERE contact_id = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    trash::purge_row(conn, Trashable::Contact, id)?;
    // Deals were found by their contact's name too.
    for deal in deals {
        super::deals::reindex(conn, deal)?;
    }
    Ok(())
}

/// Marks a contact as written by an import row (source tracing).
pub fn set_origin(conn: &Connection, id: i64, import_id: i64, row: u32) -> Result<()> {
    conn.prepare_cached("UPDATE contacts SET import_id = ?2, import_row = ?3 WHERE id = ?1")?
        .execute(params![id, import_id, row])?;
    Ok(())
}

/// (id, full name) of a company's live people: candidates for a fuzzy duplicate check.
pub fn names_at_company(conn: &Connection, company_id: i64) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, first_name || ' ' || last_name FROM contacts
         WHERE company_id = ?1 AND deleted_at IS NULL LIMIT 1000",
    )?;
    let rows = stmt.query_map([company_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every live contact at a company, as (company, contact), in contact id order: one pass over the table.
pub fn each_live_at_a_company(conn: &Connection, mut f: impl FnMut(i64, i64)) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT company_id, id FROM contacts NOT INDEXED
         WHERE company_id IS NOT NULL AND deleted_at IS NULL ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        f(r.get(0)?, r.get(1)?);
    }
    Ok(())
}

/// A live contact's full name, as `names_at_company` gives it.
pub fn name_of(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT first_name || ' ' || last_name FROM contacts WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// Puts back a contact's stored fields exactly as in `before` (an import undo).
pub fn restore_fields(conn: &Connection, before: &ContactDetail) -> Result<()> {
    conn.prepare_cached(
        "UPDATE contacts SET first_name = ?2, last_name = ?3, title = ?4, company_id = ?5, company_name = ?6,
             lifecycle = ?7, lead_status = ?8, lead_source = ?9, city = ?10, country = ?11, linkedin = ?12,
             custom = ?13, updated_at = ?14, import_id = NULL, import_row = NULL
         WHERE id = ?1",
    )?
    .execute(params![
        before.id,
        before.first_name,
        before.last_name,
        before.title,
        before.company_id,
        before.company_name,
        before.lifecycle.as_str(),
        before.lead_status.map(LeadStatus::as_str),
        before.lead_source.map(LeadSource::as_str),
        before.city,
        before.country,
        before.linkedin,
        before.custom.to_string(),
        now_iso(),
    ])?;
    Ok(())
}
