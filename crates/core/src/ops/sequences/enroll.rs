//! Enrolling contacts: from a saved contacts/leads view (the list engine's filter) or a list of ids. Every
//! contact is checked in a few set-based reads — no email, bounced, unsubscribed, suppressed, already in the
//! sequence, merge fields the templates would leave empty — and the rest are enrolled in one transaction,
//! each with the templates snapshotted as promised.
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::snapshot::{Snapshot, StepTemplate};
use crate::domain::{
    EnrollResult, EnrollSource, Entity, ListEntity, PageQuery, RenderContext, Sequence, SequenceStatus, SkipReason,
    SkippedContact, StepKind, SuppressionKind,
};
use crate::error::{CoreError, Result};
use crate::mail::render::{self, CompiledTemplate};
use crate::store::{self, sequence_enrollments as enrollments, sequences};
use crate::time::to_iso;
use crate::Outpost;

impl Outpost {
    /// Who would be enrolled and who skipped (and why), without writing anything.
    pub fn sequence_enroll_preview(&self, sequence_id: i64, source: EnrollSource) -> Result<EnrollResult> {
        self.db().read(|conn| enroll(conn, sequence_id, &source, None))
    }

    /// Enrolls the contacts that pass the checks; the first step is due at once.
    pub fn sequence_enroll(&self, sequence_id: i64, source: EnrollSource) -> Result<EnrollResult> {
        self.sequence_enroll_at(sequence_id, source, Utc::now())
    }

    pub fn sequence_enroll_at(
        &self,
        sequence_id: i64,
        source: EnrollSource,
        now: DateTime<Utc>,
    ) -> Result<EnrollResult> {
        let result = self.db().write(|tx| enroll(tx, sequence_id, &source, Some(&to_iso(now))))?;
        if result.enrolled > 0 {
            self.events().changed(Entity::Sequence, vec![sequence_id]);
        }
        Ok(result)
    }
}

/// The checks, then (with `now`) the inserts — on one connection, so a write sees exactly what it checked.
fn enroll(conn: &Connection, sequence_id: i64, source: &EnrollSource, now: Option<&str>) -> Result<EnrollResult> {
    let sequence = sequences::get(conn, sequence_id)?;
    if sequence.status == SequenceStatus::Archived {
        return Err(CoreError::validation("sequence_id", "This sequence is archived; restore it to enroll contacts."));
    }
    if sequence.steps.is_empty() {
        return Err(CoreError::validation("sequence_id", "Add a step to the sequence before enrolling anyone."));
    }
    let ids = contact_ids(conn, source)?;
    let ids_json = serde_json::to_string(&ids)?;
    let facts = enrollments::contact_facts(conn, &ids_json)?;
    let already = enrollments::enrolled_among(conn, sequence_id, &ids_json)?;
    let suppressions = Suppressions::load(conn)?;
    let (snapshot, templates) = snapshot(conn, &sequence)?;

    let mut skipped = vec![];
    let mut candidates = Vec::with_capacity(ids.len());
    for id in &ids {
        let Some(f) = facts.get(id) else {
            skipped.push(skip(*id, "", None, SkipReason::NotFound, "No such contact (deleted?)".into()));
            continue;
        };
        let email = f.email.as_deref();
        let reason = if let Some(status) = already.get(id) {
            Some((SkipReason::AlreadyEnrolled, format!("Already in this sequence ({status})")))
        } else if email.is_none() {
            Some((SkipReason::NoEmail, "No email address".to_string()))
        } else if let Some(why) = &f.bounced {
            Some((SkipReason::Bounced, format!("Mail bounced: {why}")))
        } else if f.unsubscribed {
            Some((SkipReason::Unsubscribed, "Asked to unsubscribe".to_string()))
        } else if suppressions.may_match(email.unwrap_or_default(), f.company_id) {
            crate::ops::suppressions::suppression_reason(conn, email.unwrap_or_default())?
                .map(|why| (SkipReason::Suppressed, why))
        } else {
            None
        };
        match reason {
            Some((reason, detail)) => skipped.push(skip(*id, &f.name, email, reason, detail)),
            None => candidates.push(*id),
        }
    }

    // Merge fields: the records are read in bulk; a contact is rendered only when a field its templates name
    // is empty (to tell a bare field from one with a fallback).
    let mut ok = Vec::with_capacity(candidates.len());
    if templates.is_empty() {
        ok = candidates;
    } else {
        let contexts: Vec<RenderContext> = candidates.iter().map(|id| RenderContext::contact(*id)).collect();
        let values = render::load(conn, &contexts)?;
        for (id, v) in candidates.iter().zip(&values) {
            let mut missing: Vec<String> = vec![];
            for (t, names) in &templates {
                if names.iter().any(|n| v.is_missing(n)) {
                    missing.extend(t.render(v)?.missing);
                }
            }
            if missing.is_empty() {
                ok.push(*id);
            } else {
                missing.sort();
                missing.dedup();
                let f = &facts[id];
                let detail = format!("Left empty: {}", missing.join(", "));
                skipped.push(skip(*id, &f.name, f.email.as_deref(), SkipReason::MissingMergeFields, detail));
            }
        }
    }

    // In the order the contacts were given (a view's order), whatever check caught them.
    let order: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    skipped.sort_by_key(|s| order.get(&s.contact_id).copied().unwrap_or(usize::MAX));
    if let Some(now) = now {
        let snapshot = serde_json::to_string(&snapshot)?;
        for id in &ok {
            enrollments::insert(conn, sequence_id, *id, &snapshot, now)?;
        }
    }
    Ok(EnrollResult { sequence_id, dry_run: now.is_none(), enrolled: ok.len() as u32, contact_ids: ok, skipped })
}

fn skip(contact_id: i64, name: &str, email: Option<&str>, reason: SkipReason, detail: String) -> SkippedContact {
    SkippedContact { contact_id, name: name.to_string(), email: email.map(str::to_string), reason, detail }
}

/// The contacts a source names, in order, each once.
fn contact_ids(conn: &Connection, source: &EnrollSource) -> Result<Vec<i64>> {
    let ids = match source {
        EnrollSource::Contacts(ids) => ids.clone(),
        EnrollSource::View(view_id) => {
            let view = store::saved_views::get(conn, *view_id)
                .map_err(|_| CoreError::validation("view", format!("There is no saved view {view_id}.")))?;
            if !matches!(view.entity, ListEntity::Contact | ListEntity::Lead) {
                return Err(CoreError::validation("view", "Choose a view of the contacts or leads list."));
            }
            let query = PageQuery { filter: view.filter.clone(), ..Default::default() };
            store::lists::all_ids(conn, view.entity, &query)?
        }
    };
    if ids.is_empty() {
        return Err(CoreError::validation("contacts", "No contacts to enroll."));
    }
    let mut seen = HashSet::with_capacity(ids.len());
    Ok(ids.into_iter().filter(|id| seen.insert(*id)).collect())
}

/// The email steps' templates as they are now (the snapshot), and each compiled with the merge fields it names.
type Compiled = Vec<(CompiledTemplate, Vec<String>)>;

fn snapshot(conn: &Connection, sequence: &Sequence) -> Result<(Snapshot, Compiled)> {
    let mut snap = Snapshot::default();
    let mut compiled = vec![];
    let mut seen = HashSet::new();
    for step in sequence.steps.iter().filter(|s| s.kind == StepKind::Email) {
        let Some(template_id) = step.template_id else {
            return Err(CoreError::validation(
                "steps",
                format!("Step {} has no template (was it deleted?). Choose one first.", step.position + 1),
            ));
        };
        let t = store::templates::get(conn, template_id)?;
        let entry = StepTemplate { template_id, subject: t.subject, body_text: t.body_text, body_html: t.body_html };
        if seen.insert(template_id) {
            let c = CompiledTemplate::compile(&entry.subject, &entry.body_text, entry.body_html.as_deref())
                .map_err(|p| render::problems_error(&p))?;
            let mut names: Vec<String> = c.referenced().map(|(_, n)| n.to_string()).collect();
            names.sort();
            names.dedup();
            compiled.push((c, names));
        }
        snap.steps.insert(step.id, entry);
    }
    Ok((snap, compiled))
}

/// The suppression list in memory, to pass over the contacts it cannot concern without a query each. A
/// possible match is confirmed (and explained) by `suppression_reason`.
struct Suppressions {
    emails: HashSet<String>,
    domains: HashSet<String>,
    companies: HashSet<i64>,
    company_domains: HashSet<String>,
}

impl Suppressions {
    fn load(conn: &Connection) -> Result<Suppressions> {
        let mut s = Suppressions {
            emails: HashSet::new(),
            domains: HashSet::new(),
            companies: HashSet::new(),
            company_domains: HashSet::new(),
        };
        let mut company_ids = vec![];
        for entry in store::suppressions::list(conn)? {
            match entry.kind {
                SuppressionKind::Email => {
                    s.emails.insert(entry.value);
                }
                SuppressionKind::Domain => {
                    s.domains.insert(entry.value);
                }
                SuppressionKind::Company => {
                    if let Ok(id) = entry.value.parse::<i64>() {
                        s.companies.insert(id);
                        company_ids.push(id);
                    }
                }
            }
        }
        let mut domains: HashMap<i64, String> = HashMap::new();
        for id in company_ids {
            if let Ok(c) = store::companies::get(conn, id) {
                if let Some(d) = c.domain {
                    domains.insert(id, d.to_lowercase());
                }
            }
        }
        s.company_domains = domains.into_values().collect();
        Ok(s)
    }

    fn may_match(&self, email: &str, company_id: Option<i64>) -> bool {
        if self.emails.is_empty() && self.domains.is_empty() && self.companies.is_empty() {
            return false;
        }
        let email = email.trim().to_lowercase();
        if self.emails.contains(&email) || company_id.is_some_and(|c| self.companies.contains(&c)) {
            return true;
        }
        let mut rest = email.rsplit_once('@').map_or("", |(_, d)| d);
        while rest.contains('.') {
            if self.domains.contains(rest) || self.company_domains.contains(rest) {
                return true;
            }
            rest = rest.split_once('.').map_or("", |(_, r)| r);
        }
        false
    }
}
