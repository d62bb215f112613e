//! SQL for lead scores: the facts a score is computed from, and writing scores back to `contacts`.
use rusqlite::{params, Connection, OptionalExtension};

use crate::domain::{LeadScore, LeadSource, LeadStatus, ScoreFactor, Temperature};
use crate::error::Result;

/// Everything the scoring rules look at for one contact.
#[derive(Debug, Clone, Default)]
pub struct ScoreFacts {
    pub id: i64,
    pub lead_status: Option<LeadStatus>,
    pub lead_source: Option<LeadSource>,
    pub title: Option<String>,
    /// The contact's country, else its company's.
    pub country: Option<String>,
    pub industry: Option<String>,
    pub company_size: Option<String>,
    /// Calls, meetings, emails, notes and completed tasks since the engagement window opened.
    pub recent_touches: i64,
    /// The latest of those touches, whenever it was (UTC ISO-8601).
    pub last_touch: Option<String>,
    /// The score as stored now, to skip writing rows that would not change.
    pub stored: Option<StoredScore>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoredScore {
    pub score: i64,
    pub grade: Option<String>,
    pub temperature: Option<String>,
    pub factors: Option<String>,
}

/// The activity kinds that count as a touch: the rep and the contact talking. Stage changes, imports and
/// conversions are bookkeeping; completed tasks are counted from `tasks` (their 'task' entries would count twice).
const TOUCH_KINDS: &str = "('call', 'meeting', 'email_out', 'email_in')";

/// The facts for the live contacts with ids in `lo..=hi`, in id order. `since` opens the engagement window.
/// Touches are aggregated per table over the id range (index range scans), not looked up contact by contact.
pub fn facts(conn: &Connection, lo: i64, hi: i64, since: &str) -> Result<Vec<ScoreFacts>> {
    let mut stmt = conn.prepare_cached(&format!(
        "WITH a AS (SELECT contact_id AS id, sum(occurred_at >= ?3) AS n, max(occurred_at) AS last FROM activities
                    WHERE contact_id BETWEEN ?1 AND ?2 AND deleted_at IS NULL AND kind IN {TOUCH_KINDS}
                    GROUP BY contact_id),
              n AS (SELECT contact_id AS id, sum(created_at >= ?3) AS n, max(created_at) AS last FROM notes
                    WHERE contact_id BETWEEN ?1 AND ?2 AND deleted_at IS NULL GROUP BY contact_id),
              t AS (SELECT contact_id AS id, sum(completed_at >= ?3) AS n, max(completed_at) AS last FROM tasks
                    WHERE contact_id BETWEEN ?1 AND ?2 AND status = 'done' AND deleted_at IS NULL
                    GROUP BY contact_id)
         SELECT c.id, c.lead_status, c.lead_source, c.title, COALESCE(c.country, co.country), co.industry, co.size,
             ifnull(a.n, 0) + ifnull(n.n, 0) + ifnull(t.n, 0),
             NULLIF(max(ifnull(a.last, ''), ifnull(n.last, ''), ifnull(t.last, '')), ''),
             c.score, c.score_grade, c.score_temperature, c.score_factors
         FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
             LEFT JOIN a ON a.id = c.id LEFT JOIN n ON n.id = c.id LEFT JOIN t ON t.id = c.id
         WHERE c.id BETWEEN ?1 AND ?2 AND c.deleted_at IS NULL
         ORDER BY c.id"
    ))?;
    let rows = stmt.query_map(params![lo, hi, since], read_facts)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The facts for one live contact, None when it is deleted or gone: what `facts` answers for a range of one,
/// looked up by index for each table instead of aggregated. `facts` materializes each table's touches and
/// builds an index over them, which for one contact cost seven times these lookups (an import's merged
/// contacts and every single-contact rescore come here).
pub fn facts_of(conn: &Connection, id: i64, since: &str) -> Result<Option<ScoreFacts>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.id, c.lead_status, c.lead_source, c.title, COALESCE(c.country, co.country), co.industry, co.size,
             (SELECT count(*) FROM activities WHERE contact_id = c.id AND deleted_at IS NULL AND kind IN {TOUCH_KINDS}
                  AND occurred_at >= ?2)
             + (SELECT count(*) FROM notes WHERE contact_id = c.id AND deleted_at IS NULL AND created_at >= ?2)
             + (SELECT count(*) FROM tasks WHERE contact_id = c.id AND status = 'done' AND deleted_at IS NULL
                  AND completed_at >= ?2),
             NULLIF(max(
                 ifnull((SELECT max(occurred_at) FROM activities
                         WHERE contact_id = c.id AND deleted_at IS NULL AND kind IN {TOUCH_KINDS}), ''),
                 ifnull((SELECT max(created_at) FROM notes WHERE contact_id = c.id AND deleted_at IS NULL), ''),
                 ifnull((SELECT max(completed_at) FROM tasks
                         WHERE contact_id = c.id AND status = 'done' AND deleted_at IS NULL), '')), ''),
             c.score, c.score_grade, c.score_temperature, c.score_factors
         FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
         WHERE c.id = ?1 AND c.deleted_at IS NULL"
    ))?;
    Ok(stmt.query_row(params![id, since], read_facts).optional()?)
}

/// A row of `facts` or `facts_of`, which select the same columns.
fn read_facts(r: &rusqlite::Row) -> rusqlite::Result<ScoreFacts> {
    let score: Option<i64> = r.get(9)?;
    Ok(ScoreFacts {
        id: r.get(0)?,
        lead_status: r.get::<_, Option<String>>(1)?.as_deref().and_then(LeadStatus::parse),
        lead_source: r.get::<_, Option<String>>(2)?.as_deref().and_then(LeadSource::parse),
        title: r.get(3)?,
        country: r.get(4)?,
        industry: r.get(5)?,
        company_size: r.get(6)?,
        recent_touches: r.get(7)?,
        last_touch: r.get(8)?,
        stored: match score {
            Some(score) => Some(StoredScore { score, grade: r.get(10)?, temperature: r.get(11)?, factors: r.get(12)? }),
            None => None,
        },
    })
}

/// A company's country, industry and size: what it adds to its people's scores.
pub fn company_facts(conn: &Connection, id: i64) -> Result<(Option<String>, Option<String>, Option<String>)> {
    Ok(conn
        .prepare_cached("SELECT country, industry, size FROM companies WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .unwrap_or_default())
}

/// The highest contact id (deleted ones included), so a rescore knows where to stop.
pub fn max_contact_id(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT ifnull(max(id), 0) FROM contacts", [], |r| r.get(0))?)
}

/// A score as the columns store it: (score, grade, temperature, factors JSON).
pub fn to_stored(s: &LeadScore) -> StoredScore {
    StoredScore {
        score: s.score,
        grade: Some(s.grade.clone()),
        temperature: Some(s.temperature.as_str().to_string()),
        factors: Some(serde_json::to_string(&s.factors).unwrap_or_else(|_| "[]".into())),
    }
}

/// Writes a score. `updated_at` stays: a score moving is not the rep editing the contact.
pub fn write(conn: &Connection, id: i64, s: &StoredScore) -> Result<()> {
    conn.prepare_cached(
        "UPDATE contacts SET score = ?2, score_grade = ?3, score_temperature = ?4, score_factors = ?5 WHERE id = ?1",
    )?
    .execute(params![id, s.score, s.grade, s.temperature, s.factors])?;
    Ok(())
}

/// A stored score as the domain shows it; None until the contact has been scored.
pub fn detail(
    score: Option<i64>,
    grade: Option<String>,
    temperature: Option<String>,
    factors: Option<String>,
) -> Option<LeadScore> {
    let score = score?;
    Some(LeadScore {
        score,
        grade: grade.unwrap_or_default(),
        temperature: temperature.as_deref().and_then(Temperature::parse).unwrap_or(Temperature::Cold),
        factors: factors.and_then(|f| serde_json::from_str::<Vec<ScoreFactor>>(&f).ok()).unwrap_or_default(),
    })
}
