//! SQL for `contact_points`: a contact's emails and phones.
use rusqlite::{params, Connection};

use super::in_place::{Arg, InPlaceStatement};
use crate::domain::ContactPoint;
use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Email,
    Phone,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Email => "email",
            Kind::Phone => "phone",
        }
    }
}

/// Replaces a contact's points of one kind; the first of `values` (value, normalized) becomes primary.
pub fn replace(conn: &Connection, contact_id: i64, kind: Kind, values: &[(String, String)]) -> Result<()> {
    conn.prepare_cached("DELETE FROM contact_points WHERE contact_id = ?1 AND kind = ?2")?
        .execute(params![contact_id, kind.as_str()])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO contact_points (contact_id, kind, value, normalized, is_primary) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, (value, normalized)) in values.iter().enumerate() {
        insert.execute(params![contact_id, kind.as_str(), value, normalized, i == 0])?;
    }
    if let Kind::Email = kind {
        sync_primary_email(conn, contact_id)?;
    }
    Ok(())
}

/// Copies the contact's primary email onto `contacts.primary_email` (the email column sorts on it).
/// Every write to a contact's emails ends with this (or, adding one email, sets the copy itself).
pub fn sync_primary_email(conn: &Connection, contact_id: i64) -> Result<()> {
    conn.prepare_cached(
        "UPDATE contacts SET primary_email =
             (SELECT value FROM contact_points WHERE contact_id = ?1 AND kind = 'email' AND is_primary)
         WHERE id = ?1",
    )?
    .execute([contact_id])?;
    Ok(())
}

/// The contact's points of one kind, the primary first, then in the order they were added.
pub fn list(conn: &Connection, contact_id: i64, kind: Kind) -> Result<Vec<ContactPoint>> {
    // In id order, as the (contact, kind) index holds them; the primary is moved to the front here. Ordering by
    // it in SQL sorted every contact's points in a temporary b-tree: a third of what a merged row of an
    // import cost to read.
    let mut stmt = conn.prepare_cached(
        "SELECT id, value, label, is_primary FROM contact_points WHERE contact_id = ?1 AND kind = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![contact_id, kind.as_str()], |r| {
        Ok(ContactPoint { id: r.get(0)?, value: r.get(1)?, label: r.get(2)?, is_primary: r.get(3)? })
    })?;
    let mut points: Vec<ContactPoint> = rows.collect::<rusqlite::Result<_>>()?;
    points.sort_by_key(|p| !p.is_primary);
    Ok(points)
}

/// Live contacts that already use this normalized email or phone.
pub fn owners(conn: &Connection, kind: Kind, normalized: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.contact_id FROM contact_points p JOIN contacts c ON c.id = p.contact_id
         WHERE p.kind = ?1 AND p.normalized = ?2 AND c.deleted_at IS NULL",
    )?;
    let rows = stmt.query_map(params![kind.as_str(), normalized], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The highest point id so far (0 for none).
pub fn last_id(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT ifnull(max(id), 0) FROM contact_points", [], |r| r.get(0))?)
}

/// How many points with ids up to `last` live contacts have.
pub fn live_count_up_to(conn: &Connection, last: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM contact_points p JOIN contacts c ON c.id = p.contact_id
         WHERE p.id <= ?1 AND c.deleted_at IS NULL",
        [last],
        |r| r.get(0),
    )?)
}

/// Live contacts' points with ids up to `last` as (kind, normalized, contact), in the order written.
pub fn each_live_up_to(conn: &Connection, last: i64, mut f: impl FnMut(Kind, &str, i64)) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT p.kind = 'email', p.normalized, p.contact_id FROM contact_points p
         JOIN contacts c ON c.id = p.contact_id WHERE p.id <= ?1 AND c.deleted_at IS NULL ORDER BY p.id",
    )?;
    let mut rows = stmt.query([last])?;
    while let Some(r) = rows.next()? {
        let kind = if r.get::<_, bool>(0)? { Kind::Email } else { Kind::Phone };
        f(kind, r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?, r.get(2)?);
    }
    Ok(())
}

/// (company, how many) of live contacts at a company that have no email.
pub fn emailless_by_company(conn: &Connection) -> Result<Vec<(i64, u32)>> {
    let mut stmt = conn.prepare(
        "SELECT c.company_id, count(*) FROM contacts c
         WHERE c.company_id IS NOT NULL AND c.deleted_at IS NULL
             AND NOT EXISTS (SELECT 1 FROM contact_points p WHERE p.contact_id = c.id AND p.kind = 'email')
         GROUP BY c.company_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// `emailless_by_company` for one company.
pub fn emailless_at_company(conn: &Connection, company_id: i64) -> Result<u32> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM contacts c
             WHERE c.company_id = ?1 AND c.deleted_at IS NULL
                 AND NOT EXISTS (SELECT 1 FROM contact_points p WHERE p.contact_id = c.id AND p.kind = 'email')",
        )?
        .query_row([company_id], |r| r.get(0))?)
}

/// Whether the contact has this normalized email or phone (read through the contact's own points).
pub fn has_point(conn: &Connection, contact_id: i64, kind: Kind, normalized: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM contact_points WHERE contact_id = ?1 AND kind = ?2 AND normalized = ?3)",
        )?
        .query_row(params![contact_id, kind.as_str(), normalized], |r| r.get(0))?)
}

/// `owners`, among points with ids up to `last`.
pub fn owners_up_to(conn: &Connection, kind: Kind, normalized: &str, last: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.contact_id FROM contact_points p JOIN contacts c ON c.id = p.contact_id
         WHERE p.kind = ?1 AND p.normalized = ?2 AND p.id <= ?3 AND c.deleted_at IS NULL",
    )?;
    let rows = stmt.query_map(params![kind.as_str(), normalized, last], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds one email or phone to a contact (an import adding what an existing contact lacked).
pub fn add(conn: &Connection, contact_id: i64, kind: Kind, value: &str, normalized: &str, primary: bool) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO contact_points (contact_id, kind, value, normalized, is_primary) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![contact_id, kind.as_str(), value, normalized, primary])?;
    if let (Kind::Email, true) = (kind, primary) {
        conn.prepare_cached("UPDATE contacts SET primary_email = ?2 WHERE id = ?1 AND primary_email IS NOT ?2")?
            .execute(params![contact_id, value])?;
    }
    Ok(())
}

/// A point of a contact created in this write, whose primary email was stored with it (`contacts::Imported`):
/// no rewrite of the contact, and the write's own timestamp instead of one computed per row.
pub struct NewPoint {
    pub contact_id: i64,
    pub kind: Kind,
    pub value: String,
    pub normalized: String,
    pub primary: bool,
}

/// Points inserted per statement (`multi_insert`).
const PER_INSERT: usize = 64;

const NEW_POINTS_HEAD: &str =
    "INSERT OR FAIL INTO contact_points (created_at, kind, contact_id, value, normalized, is_primary)";

/// The write's time (?1), which a statement's rows share: each point then binds only its own five values
/// (through the statement cache each text bound is copied into SQLite).
const SHARED_SQL: &str = "?1";

fn insert_run(conn: &Connection, run: &[&NewPoint], at: &str) -> Result<()> {
    // OR FAIL, with the foreign key declared deferred (migration 0017): nothing can then abort the statement
    // halfway, so SQLite keeps no statement journal for it. A failure fails the whole write.
    let mut insert = super::multi_insert::statement_sharing(conn, NEW_POINTS_HEAD, SHARED_SQL, 5, run.len())?;
    for (i, arg) in run_args(run, at).iter().enumerate() {
        insert.raw_bind_parameter(i + 1, arg)?;
    }
    insert.raw_execute()?;
    Ok(())
}

/// A run's parameters: the time (?1), then each point's own five values.
fn run_args<'a>(run: &[&'a NewPoint], at: &'a str) -> Vec<Arg<'a>> {
    let mut args = Vec::with_capacity(1 + run.len() * 5);
    args.push(Arg::Text(at));
    for p in run {
        let primary = Arg::Int(p.primary.into());
        args.extend([
            Arg::Text(p.kind.as_str()),
            Arg::Int(p.contact_id),
            (&p.value).into(),
            (&p.normalized).into(),
            primary,
        ]);
    }
    args
}

/// Writes an import's new points in batches, many to a statement, in the order of the indexes on
/// `(contact_id, kind)`, so that each entry goes after the one before it. (Emails and then phones, each kind a
/// literal of its own statement, put each phone amid the emails: 4% more instructions for the points.) A whole
/// statement's worth goes through one statement held for the import, with its texts bound in place
/// (`InPlaceStatement`); the few left over (a batch cut short to read the table) through the statement cache.
pub struct NewPointWriter<'c> {
    conn: &'c Connection,
    full: Option<InPlaceStatement<'c>>,
}

impl<'c> NewPointWriter<'c> {
    pub fn new(conn: &'c Connection) -> Self {
        NewPointWriter { conn, full: None }
    }

    pub fn write(&mut self, points: &[NewPoint], at: &str) -> Result<()> {
        let mut ordered: Vec<&NewPoint> = points.iter().collect();
        // Stable: a contact's points of one kind keep their order, the primary first.
        ordered.sort_by_key(|p| (p.contact_id, p.kind as u8));
        let mut runs = ordered.chunks_exact(PER_INSERT);
        for run in &mut runs {
            let insert = match &mut self.full {
                Some(insert) => insert,
                slot => {
                    slot.insert(super::multi_insert::in_place(self.conn, NEW_POINTS_HEAD, SHARED_SQL, 5, PER_INSERT)?)
                }
            };
            insert.run(&run_args(run, at))?;
        }
        if !runs.remainder().is_empty() {
            insert_run(self.conn, runs.remainder(), at)?;
        }
        Ok(())
    }
}

/// Whether the contact has at least one point of this kind.
pub fn has_any(conn: &Connection, contact_id: i64, kind: Kind) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM contact_points WHERE contact_id = ?1 AND kind = ?2)")?
        .query_row(params![contact_id, kind.as_str()], |r| r.get(0))?)
}

/// Each contact's primary email (else its first), for many contacts in one query (a campaign's recipients).
pub fn primary_emails(conn: &Connection, contact_ids: &[i64]) -> Result<std::collections::HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT contact_id, value FROM contact_points
         WHERE kind = 'email' AND contact_id IN (SELECT value FROM json_each(?1))
         ORDER BY contact_id, is_primary DESC, id",
    )?;
    let ids = serde_json::to_string(contact_ids)?;
    let mut out = std::collections::HashMap::with_capacity(contact_ids.len());
    let rows = stmt.query_map([ids], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (id, value) = row?;
        out.entry(id).or_insert(value);
    }
    Ok(out)
}
