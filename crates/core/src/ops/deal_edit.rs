//! Deals beyond the board: editing a deal's fields, the Trash, and its stage history for the deal page.
use rusqlite::Connection;

use crate::domain::{Deal, DealEdit, Entity, FieldEntity, StageHistoryEntry};
use crate::error::{CoreError, Result};
use crate::ops::custom_fields::check_values;
use crate::store;
use crate::Outpost;

impl Outpost {
    /// Edits a deal's title, value, people, probability, close date and custom values. Its stage changes
    /// only through `move_deal`, which writes history and the timeline.
    pub fn update_deal(&self, id: i64, input: DealEdit) -> Result<Deal> {
        self.db().write(|tx| edit_deal(tx, id, &input))?;
        self.events().changed(Entity::Deal, vec![id]);
        self.deal(id)
    }

    /// Moves deals to the Trash: off the board, the lists and the dashboard. `restore_deals` undoes it.
    pub fn delete_deals(&self, ids: &[i64]) -> Result<()> {
        self.set_deals_deleted(ids, true)
    }

    pub fn restore_deals(&self, ids: &[i64]) -> Result<()> {
        self.set_deals_deleted(ids, false)
    }

    fn set_deals_deleted(&self, ids: &[i64], deleted: bool) -> Result<()> {
        self.db().write(|tx| ids.iter().try_for_each(|&id| store::deals::set_deleted(tx, id, deleted)))?;
        self.events().changed(Entity::Deal, ids.to_vec());
        Ok(())
    }

    /// Every stage change of a deal, oldest first, with when it happened and how long the deal sat before.
    pub fn deal_stage_history(&self, deal_id: i64) -> Result<Vec<StageHistoryEntry>> {
        self.db().read(|conn| {
            store::deals::get(conn, deal_id)?;
            store::deals::history_entries(conn, deal_id)
        })
    }
}

/// A deal edit inside the caller's transaction: the one path the form, a bulk edit and an inline edit share.
pub(crate) fn edit_deal(tx: &Connection, id: i64, input: &DealEdit) -> Result<()> {
    let current = store::deals::get(tx, id)?;
    let f = check_fields(
        tx,
        &Fields {
            title: &input.title,
            value_cents: input.value_cents,
            currency: input.currency.as_deref(),
            probability: input.probability,
            expected_close: input.expected_close.as_deref(),
            company_id: input.company_id,
            contact_id: input.contact_id,
        },
        Some(&current),
    )?;
    let custom = check_values(tx, FieldEntity::Deal, &input.custom, Some(&current.custom))?.to_string();
    store::deals::update(
        tx,
        id,
        &store::deals::DealFields {
            title: &f.title,
            company_id: input.company_id,
            contact_id: input.contact_id,
            value_cents: input.value_cents,
            currency: &f.currency,
            probability: input.probability,
            expected_close: f.expected_close.as_deref(),
            custom: &custom,
        },
    )
}

/// A deal's own fields as a form sends them.
pub(crate) struct Fields<'a> {
    pub title: &'a str,
    pub value_cents: i64,
    pub currency: Option<&'a str>,
    pub probability: Option<i64>,
    pub expected_close: Option<&'a str>,
    pub company_id: Option<i64>,
    pub contact_id: Option<i64>,
}

/// The fields in their stored form.
pub(crate) struct Checked {
    pub title: String,
    pub currency: String,
    pub expected_close: Option<String>,
}

/// Checks a deal's fields; each failure names its form field. `current` is the deal being edited: the company
/// and contact it already links to pass even if they have since gone to the Trash.
pub(crate) fn check_fields(conn: &Connection, f: &Fields, current: Option<&Deal>) -> Result<Checked> {
    let title = f.title.trim().to_string();
    if title.is_empty() {
        return Err(CoreError::validation("title", "A deal needs a title."));
    }
    if f.value_cents < 0 {
        return Err(CoreError::validation("value_cents", "The value cannot be negative."));
    }
    if f.probability.is_some_and(|p| !(0..=100).contains(&p)) {
        return Err(CoreError::validation("probability", "Probability is a percentage from 0 to 100."));
    }
    let currency = f.currency.map(str::trim).filter(|c| !c.is_empty()).unwrap_or("USD");
    if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(CoreError::validation("currency", format!("“{currency}” is not a currency code like USD or EUR.")));
    }
    let expected_close = crate::normalize::text(f.expected_close);
    if let Some(d) = &expected_close {
        chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_err(|_| CoreError::validation("expected_close", format!("“{d}” is not a date (YYYY-MM-DD).")))?;
    }
    if let Some(id) = f.company_id.filter(|&id| Some(id) != current.and_then(|d| d.company_id)) {
        store::companies::get(conn, id)
            .map_err(|_| CoreError::validation("company_id", "That company no longer exists."))?;
    }
    if let Some(id) = f.contact_id.filter(|&id| Some(id) != current.and_then(|d| d.contact_id)) {
        store::contacts::get(conn, id)
            .ok()
            .filter(|c| c.deleted_at.is_none())
            .ok_or_else(|| CoreError::validation("contact_id", "That contact no longer exists."))?;
    }
    Ok(Checked { title, currency: currency.to_ascii_uppercase(), expected_close })
}
