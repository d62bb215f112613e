//! Undoing an import: what it created is removed, what it updated gets its before-image back (with the
//! notes and tags it added taken off). One transaction, set-based where it can be, so a million-row
//! import undoes in seconds.
use rusqlite::Connection;

use crate::domain::{Company, ContactDetail, Deal, Entity, ImportUndone};
use crate::error::{CoreError, Result};
use crate::store::{self, companies::NewCompany, contact_points::Kind};

/// Created records from which an undo counts as bulk: it deletes with foreign keys off, and sets list indexes
/// aside when the import was most of the table.
pub const BULK: i64 = 20_000;

pub fn undo(conn: &Connection, import_id: i64) -> Result<ImportUndone> {
    let job = store::imports::job_by_id(conn, import_id)?;
    match job.status.as_str() {
        "completed" => {}
        "undone" => return Err(CoreError::Conflict(format!("Import {import_id} was already undone."))),
        other => {
            return Err(CoreError::Conflict(format!(
                "Import {import_id} {other}; it wrote nothing, so there is nothing to undo."
            )))
        }
    }
    // As the import does (see `run::pass`): checked at commit, no statement journal per delete. (On a
    // connection with foreign keys off, see `Outpost::undo_import`, nothing is checked: `check` below is.)
    conn.pragma_update(None, "defer_foreign_keys", true)?;
    let since = store::imports::finished_at(conn, import_id)?.unwrap_or_default();
    let mut edited_since = 0;
    for entity in ["contact", "company", "deal"] {
        edited_since += store::imports::edited_since(conn, import_id, entity, &since)?;
    }

    let mut restored = 0;
    for (id, before) in store::imports::updated(conn, import_id, "contact")? {
        let Some(image) = before.and_then(|b| serde_json::from_str::<serde_json::Value>(&b).ok()) else { continue };
        let contact: ContactDetail = serde_json::from_value(image["contact"].clone())?;
        store::contacts::restore_fields(conn, &contact)?;
        for (kind, points) in [(Kind::Email, &contact.emails), (Kind::Phone, &contact.phones)] {
            let pairs: Vec<(String, String)> = points
                .iter()
                .map(|p| {
                    let n = match kind {
                        Kind::Email => crate::normalize::email(&p.value),
                        Kind::Phone => crate::normalize::phone(&p.value),
                    };
                    (p.value.clone(), n.unwrap_or_else(|| p.value.to_lowercase()))
                })
                .collect();
            store::contact_points::replace(conn, id, kind, &pairs)?;
        }
        take_back(conn, Entity::Contact, id, &image)?;
        store::contacts::reindex(conn, id)?;
        restored += 1;
    }
    for (id, before) in store::imports::updated(conn, import_id, "company")? {
        let Some(image) = before.and_then(|b| serde_json::from_str::<serde_json::Value>(&b).ok()) else { continue };
        let c: Company = serde_json::from_value(image["company"].clone())?;
        store::companies::update(conn, id, &NewCompany::of(&c), &c.custom.to_string())?;
        take_back(conn, Entity::Company, id, &image)?;
        restored += 1;
    }
    for (id, before) in store::imports::updated(conn, import_id, "deal")? {
        let Some(image) = before.and_then(|b| serde_json::from_str::<serde_json::Value>(&b).ok()) else { continue };
        let d: Deal = serde_json::from_value(image["deal"].clone())?;
        store::deals::update(
            conn,
            id,
            &store::deals::DealFields {
                title: &d.title,
                company_id: d.company_id,
                contact_id: d.contact_id,
                value_cents: d.value_cents,
                currency: &d.currency,
                probability: d.probability_set.then_some(d.probability),
                expected_close: d.expected_close.as_deref(),
                custom: &d.custom.to_string(),
            },
        )?;
        restored += 1;
    }

    // Taking out about as many contacts as the database holds: rebuild the list indexes once afterwards
    // instead of deleting from each of them row by row (see `store::indexes`).
    let created = store::imports::created_count(conn, import_id, "contact")?;
    let suspended = if created >= BULK && created * 2 >= store::stats::contact_count_estimate(conn)? {
        let mut set_aside =
            store::indexes::suspend(conn, "contacts", &["contacts_company", "contacts_import", "contacts_trash"])?;
        // Their emails and phones go by cascade, found through the contact's own points; the index by
        // normalized value would lose a million random entries.
        set_aside.absorb(store::indexes::suspend(
            conn,
            "contact_points",
            &["contact_points_contact", "contact_points_one_primary"],
        )?);
        Some(set_aside)
    } else {
        None
    };
    let mut removed = 0;
    // Deals first: they point at contacts and companies.
    for (entity, tag) in [("deal", 2), ("contact", 0), ("company", 1)] {
        removed += store::imports::delete_created(conn, import_id, entity, tag)?;
    }
    if let Some(suspended) = suspended {
        suspended.rebuild(conn)?;
    }
    let checked: bool = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
    if !checked && restored > 0 {
        // A before-image may name a company or contact deleted since the import.
        store::cascade::check(conn, &["contacts", "companies", "deals", "contact_points"])?;
    }
    store::imports::mark_undone(conn, import_id)?;
    Ok(ImportUndone { import_id, removed, restored, edited_since })
}

/// Removes the notes and tags an import added to a record it updated.
fn take_back(conn: &Connection, entity: Entity, id: i64, image: &serde_json::Value) -> Result<()> {
    for note in image["notes"].as_array().into_iter().flatten().filter_map(|v| v.as_i64()) {
        store::notes::purge(conn, note)?;
    }
    for tag in image["tags"].as_array().into_iter().flatten().filter_map(|v| v.as_i64()) {
        store::tags::untag(conn, tag, entity, id)?;
    }
    Ok(())
}
