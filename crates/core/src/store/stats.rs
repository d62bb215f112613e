//! Counts of live records per entity, in one statement.
use rusqlite::Connection;

use crate::domain::Stats;
use crate::error::Result;

pub fn counts(conn: &Connection) -> Result<Stats> {
    Ok(conn.query_row(
        "SELECT
             (SELECT count(*) FROM companies WHERE deleted_at IS NULL),
             (SELECT count(*) FROM contacts WHERE deleted_at IS NULL AND lifecycle <> 'lead'),
             (SELECT count(*) FROM contacts WHERE deleted_at IS NULL AND lifecycle = 'lead'),
             (SELECT count(*) FROM deals WHERE deleted_at IS NULL),
             (SELECT count(*) FROM pipelines WHERE deleted_at IS NULL),
             (SELECT count(*) FROM stages WHERE deleted_at IS NULL),
             (SELECT count(*) FROM activities WHERE deleted_at IS NULL),
             (SELECT count(*) FROM notes WHERE deleted_at IS NULL),
             (SELECT count(*) FROM tasks WHERE deleted_at IS NULL),
             (SELECT count(*) FROM tags),
             (SELECT count(*) FROM custom_fields WHERE deleted_at IS NULL),
             (SELECT count(*) FROM saved_views WHERE deleted_at IS NULL),
             (SELECT count(*) FROM templates WHERE deleted_at IS NULL)",
        [],
        |r| {
            Ok(Stats {
                companies: r.get(0)?,
                contacts: r.get(1)?,
                leads: r.get(2)?,
                deals: r.get(3)?,
                pipelines: r.get(4)?,
                stages: r.get(5)?,
                activities: r.get(6)?,
                notes: r.get(7)?,
                tasks: r.get(8)?,
                tags: r.get(9)?,
                custom_fields: r.get(10)?,
                saved_views: r.get(11)?,
                templates: r.get(12)?,
            })
        },
    )?)
}

/// Roughly how many contacts the database holds (the highest id: one index seek, whatever the size).
pub fn contact_count_estimate(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT ifnull(max(id), 0) FROM contacts", [], |r| r.get(0))?)
}
