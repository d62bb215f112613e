//! What templates merge in, read in bulk: one query per table for any number of recipients, so rendering
//! a template for thousands of contacts costs a few statements, not thousands.
use rusqlite::Connection;

use crate::error::Result;

/// A contact's merge fields; empty text stays empty here and is treated as missing by the renderer.
#[derive(Debug, Clone)]
pub struct MergeContact {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub linkedin: Option<String>,
    pub company_id: Option<i64>,
    /// Free-text employer, for a contact not linked to a company record.
    pub company_name: Option<String>,
    /// The `custom` JSON object as stored.
    pub custom: String,
}

#[derive(Debug, Clone)]
pub struct MergeCompany {
    pub id: i64,
    pub name: String,
    pub domain: Option<String>,
    pub website: Option<String>,
    pub industry: Option<String>,
    pub size: Option<String>,
    pub phone: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub custom: String,
}

#[derive(Debug, Clone)]
pub struct MergeDeal {
    pub id: i64,
    pub title: String,
    pub value_cents: i64,
    pub currency: String,
    pub stage: String,
    pub status: String,
    pub expected_close: Option<String>,
    pub contact_id: Option<i64>,
    pub company_id: Option<i64>,
    pub custom: String,
}

/// Live contacts among `ids` (any order; deleted or unknown ids are left out).
pub fn contacts(conn: &Connection, ids: &[i64]) -> Result<Vec<MergeContact>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.first_name, c.last_name, c.title,
             (SELECT value FROM contact_points p WHERE p.contact_id = c.id AND p.kind = 'email' AND p.is_primary),
             (SELECT value FROM contact_points p WHERE p.contact_id = c.id AND p.kind = 'phone' AND p.is_primary),
             c.city, c.country, c.linkedin, c.company_id, c.company_name, c.custom
         FROM json_each(?1) j JOIN contacts c ON c.id = j.value
         WHERE c.deleted_at IS NULL",
    )?;
    let rows = stmt.query_map([serde_json::to_string(ids)?], |r| {
        Ok(MergeContact {
            id: r.get(0)?,
            first_name: r.get(1)?,
            last_name: r.get(2)?,
            title: r.get(3)?,
            email: r.get(4)?,
            phone: r.get(5)?,
            city: r.get(6)?,
            country: r.get(7)?,
            linkedin: r.get(8)?,
            company_id: r.get(9)?,
            company_name: r.get(10)?,
            custom: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Live companies among `ids`.
pub fn companies(conn: &Connection, ids: &[i64]) -> Result<Vec<MergeCompany>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT co.id, co.name, co.domain, co.website, co.industry, co.size, co.phone, co.city, co.country, co.custom
         FROM json_each(?1) j JOIN companies co ON co.id = j.value
         WHERE co.deleted_at IS NULL",
    )?;
    let rows = stmt.query_map([serde_json::to_string(ids)?], |r| {
        Ok(MergeCompany {
            id: r.get(0)?,
            name: r.get(1)?,
            domain: r.get(2)?,
            website: r.get(3)?,
            industry: r.get(4)?,
            size: r.get(5)?,
            phone: r.get(6)?,
            city: r.get(7)?,
            country: r.get(8)?,
            custom: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Live deals among `ids`, with their stage's name.
pub fn deals(conn: &Connection, ids: &[i64]) -> Result<Vec<MergeDeal>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT d.id, d.title, d.value_cents, d.currency, s.name, d.status, d.expected_close, d.contact_id,
             d.company_id, d.custom
         FROM json_each(?1) j JOIN deals d ON d.id = j.value JOIN stages s ON s.id = d.stage_id
         WHERE d.deleted_at IS NULL",
    )?;
    let rows = stmt.query_map([serde_json::to_string(ids)?], |r| {
        Ok(MergeDeal {
            id: r.get(0)?,
            title: r.get(1)?,
            value_cents: r.get(2)?,
            currency: r.get(3)?,
            stage: r.get(4)?,
            status: r.get(5)?,
            expected_close: r.get(6)?,
            contact_id: r.get(7)?,
            company_id: r.get(8)?,
            custom: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
