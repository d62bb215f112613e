//! The timeline, and logging calls, meetings and notes on it.
use chrono::Utc;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::domain::{Entity, RecordRef, TimelineItem};
use crate::error::{CoreError, Result};
use crate::store::{self, activities::NewActivity};
use crate::time::{parse_iso, to_iso};
use crate::Outpost;

/// A call, meeting or note the rep logs on a record.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct LogInput {
    pub record: RecordRef,
    /// call, meeting or note
    pub kind: String,
    pub subject: Option<String>,
    pub body: Option<String>,
    /// When it happened (RFC 3339); now when absent.
    pub occurred_at: Option<String>,
}

impl Outpost {
    /// Newest first; pass the last item's `occurred_at` as `before` for the next page.
    pub fn timeline(&self, record: RecordRef, before: Option<String>, limit: usize) -> Result<Vec<TimelineItem>> {
        self.db().read(|conn| store::activities::timeline(conn, record, before.as_deref(), limit.clamp(1, 500)))
    }

    pub fn log_activity(&self, input: LogInput) -> Result<TimelineItem> {
        let body = crate::normalize::text(input.body.as_deref());
        let subject = crate::normalize::text(input.subject.as_deref());
        let at = match input.occurred_at.as_deref() {
            Some(s) => to_iso(
                parse_iso(s)
                    .ok_or_else(|| CoreError::validation("occurred_at", format!("“{s}” is not a date and time.")))?,
            ),
            None => to_iso(Utc::now()),
        };
        if !matches!(input.kind.as_str(), "call" | "meeting" | "note") {
            return Err(CoreError::validation("kind", "Log a call, a meeting or a note."));
        }
        if input.kind == "note" && body.is_none() {
            return Err(CoreError::validation("body", "A note needs some text."));
        }
        let record = input.record;
        let scored = self.db().write(|tx| {
            let (contact_id, company_id, deal_id) = links(tx, record)?;
            if input.kind == "note" {
                store::notes::insert(tx, body.as_deref().unwrap_or_default(), contact_id, company_id, deal_id, &at)?;
            } else {
                let subject =
                    subject.clone().unwrap_or_else(|| if input.kind == "call" { "Call" } else { "Meeting" }.into());
                store::activities::insert(
                    tx,
                    &NewActivity {
                        kind: &input.kind,
                        subject: &subject,
                        body: body.as_deref(),
                        occurred_at: &at,
                        contact_id,
                        company_id,
                        deal_id,
                        meta: serde_json::json!({}),
                    },
                )?;
            }
            // A touch lifts the contact's engagement and recency.
            if let Some(id) = contact_id {
                crate::ops::scoring::rescore_contact(tx, id)?;
            }
            Ok(contact_id)
        })?;
        self.events().changed(Entity::Activity, vec![]);
        if let Some(id) = scored {
            self.events().changed(Entity::Contact, vec![id]);
        }
        let newest = self.timeline(record, None, 50)?;
        newest
            .into_iter()
            .find(|i| i.occurred_at == at && (i.kind == input.kind))
            .ok_or_else(|| CoreError::Internal("the logged entry was not found".into()))
    }
}

/// The contact, company and deal an entry on `record` belongs to (a contact's company, a deal's people).
fn links(conn: &rusqlite::Connection, record: RecordRef) -> Result<(Option<i64>, Option<i64>, Option<i64>)> {
    Ok(match record {
        RecordRef::Contact(id) => {
            let c = store::contacts::get(conn, id)?;
            (Some(id), c.company_id, None)
        }
        RecordRef::Company(id) => {
            store::companies::get(conn, id)?;
            (None, Some(id), None)
        }
        RecordRef::Deal(id) => {
            let d = store::deals::get(conn, id)?;
            (d.contact_id, d.company_id, Some(id))
        }
    })
}
