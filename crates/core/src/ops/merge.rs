//! Duplicates outside import: find likely pairs across the database, and merge two records field by
//! field. Everything that pointed at the dropped record (deals, activities, notes, tasks, emails, tags)
//! moves to the kept one; the dropped record goes to the Trash.
use serde_json::{json, Value};

use crate::domain::{
    Company, ContactDetail, ContactInput, DuplicatePair, Entity, FieldEntity, MergeRequest, MergeResult,
};
use crate::error::{CoreError, Result};
use crate::import::writer::company_key;
use crate::store::{self, activities::NewActivity, companies::NewCompany, contact_points::Kind, merge::Moved};
use crate::Outpost;

impl Outpost {
    /// Likely duplicates, strongest evidence first: a shared email, a shared phone, the same name at the
    /// same company (contacts); the same name once legal forms and punctuation are ignored (companies).
    pub fn duplicates(&self, entity: FieldEntity, limit: usize) -> Result<Vec<DuplicatePair>> {
        self.db().read(|conn| {
            let mut out = Vec::new();
            match entity {
                FieldEntity::Contact => {
                    let label = |id: i64| -> Result<String> {
                        let c = store::contacts::get(conn, id)?;
                        let name = format!("{} {}", c.first_name, c.last_name).trim().to_string();
                        Ok(match (name.is_empty(), c.company_name) {
                            (false, Some(co)) => format!("{name} ({co})"),
                            (false, None) => name,
                            (true, _) => c.emails.first().map(|e| e.value.clone()).unwrap_or_default(),
                        })
                    };
                    let mut pairs: Vec<(i64, i64, String)> = store::merge::shared_points(conn, limit)?
                        .into_iter()
                        .map(|(a, b, kind)| (a, b, format!("same {kind}")))
                        .collect();
                    pairs.sort_by_key(|p| p.2 != "same email");
                    for group in store::merge::same_name_same_company(conn, limit)? {
                        if let [a, b, ..] = group[..] {
                            pairs.push((a, b, "same name at the same company".into()));
                        }
                    }
                    let mut seen = std::collections::HashSet::new();
                    for (a, b, reason) in pairs {
                        if seen.insert((a, b)) && out.len() < limit {
                            out.push(DuplicatePair {
                                entity,
                                a_id: a,
                                a_label: label(a)?,
                                b_id: b,
                                b_label: label(b)?,
                                reason,
                            });
                        }
                    }
                }
                FieldEntity::Company => {
                    let mut by_key: std::collections::HashMap<String, (i64, String)> = Default::default();
                    for (id, name, _) in store::companies::all_keys(conn)? {
                        let key = company_key(&name);
                        if key.is_empty() {
                            continue;
                        }
                        match by_key.get(&key) {
                            Some((first, first_name)) if out.len() < limit => out.push(DuplicatePair {
                                entity,
                                a_id: *first,
                                a_label: first_name.clone(),
                                b_id: id,
                                b_label: name.clone(),
                                reason: "same company name".into(),
                            }),
                            Some(_) => {}
                            None => {
                                by_key.insert(key, (id, name));
                            }
                        }
                    }
                }
                FieldEntity::Deal => {}
            }
            Ok(out)
        })
    }

    pub fn merge(&self, req: &MergeRequest) -> Result<MergeResult> {
        if req.keep_id == req.drop_id {
            return Err(CoreError::validation("drop_id", "Choose two different records to merge."));
        }
        let (relinked, undo_token) = self.db().write(|tx| match req.entity {
            FieldEntity::Contact => merge_contacts(tx, req),
            FieldEntity::Company => merge_companies(tx, req),
            FieldEntity::Deal => Err(CoreError::validation("entity", "Deals can't be merged; delete the extra one.")),
        })?;
        self.merge_changed(req.entity, req.keep_id, req.drop_id);
        Ok(MergeResult { kept_id: req.keep_id, dropped_id: req.drop_id, relinked, undo_token })
    }

    /// Puts both records of a merge back as they were: the kept one's fields, emails and phones, the
    /// dropped one out of the Trash with everything the merge moved from it.
    pub fn undo_merge(&self, token: i64) -> Result<MergeResult> {
        let (entity, keep, drop, relinked) = self.db().write(|tx| {
            let (entity, keep, drop, before) = store::merge::undo_entry(tx, token)?;
            let moved: store::merge::Moved = serde_json::from_value(before["moved"].clone())?;
            let entity = if entity == "contact" {
                undo_contacts(tx, keep, drop, &before, &moved)?;
                FieldEntity::Contact
            } else {
                undo_companies(tx, keep, drop, &before, &moved)?;
                FieldEntity::Company
            };
            if let Some(activity) = before["activity_id"].as_i64() {
                store::activities::purge(tx, activity)?;
            }
            store::merge::mark_undone(tx, token)?;
            Ok((entity, keep, drop, moved.count()))
        })?;
        self.merge_changed(entity, keep, drop);
        Ok(MergeResult { kept_id: keep, dropped_id: drop, relinked, undo_token: token })
    }

    fn merge_changed(&self, entity: FieldEntity, keep: i64, drop: i64) {
        let entity = if entity == FieldEntity::Company { Entity::Company } else { Entity::Contact };
        self.events().changed(entity, vec![keep, drop]);
        self.events().changed(Entity::Deal, vec![]);
        self.events().changed(Entity::Activity, vec![]);
    }
}

fn input_of(c: &ContactDetail) -> ContactInput {
    ContactInput {
        first_name: c.first_name.clone(),
        last_name: c.last_name.clone(),
        title: c.title.clone(),
        company_id: c.company_id,
        company_name: c.company_name.clone(),
        lifecycle: Some(c.lifecycle),
        lead_status: c.lead_status,
        lead_source: c.lead_source,
        city: c.city.clone(),
        country: c.country.clone(),
        linkedin: c.linkedin.clone(),
        ..Default::default()
    }
}

/// A contact's emails and phones back as they were (values, normalized keys, the first primary).
fn restore_points(tx: &rusqlite::Connection, c: &ContactDetail) -> Result<()> {
    for (kind, points) in [(Kind::Email, &c.emails), (Kind::Phone, &c.phones)] {
        let mut points: Vec<&crate::domain::ContactPoint> = points.iter().collect();
        points.sort_by_key(|p| !p.is_primary);
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
        store::contact_points::replace(tx, c.id, kind, &pairs)?;
    }
    Ok(())
}

fn undo_contacts(tx: &rusqlite::Connection, keep: i64, drop: i64, before: &Value, moved: &Moved) -> Result<()> {
    let kept: ContactDetail = serde_json::from_value(before["keep"].clone())?;
    let dropped: ContactDetail = serde_json::from_value(before["drop"].clone())?;
    store::contacts::set_deleted(tx, drop, false)?;
    store::merge::unlink(tx, "contact", keep, drop, moved)?;
    store::contacts::update(tx, keep, &input_of(&kept), &kept.custom.to_string())?;
    restore_points(tx, &kept)?;
    restore_points(tx, &dropped)?;
    for id in [keep, drop] {
        store::contacts::reindex(tx, id)?;
        crate::ops::scoring::rescore_contact(tx, id)?;
    }
    Ok(())
}

fn undo_companies(tx: &rusqlite::Connection, keep: i64, drop: i64, before: &Value, moved: &Moved) -> Result<()> {
    let c: Company = serde_json::from_value(before["keep"].clone())?;
    // The kept company gives the merged-in domain back before the dropped one comes out of the Trash:
    // domains are unique among live companies.
    store::companies::update(tx, keep, &NewCompany::of(&c), &c.custom.to_string())?;
    store::companies::set_deleted(tx, drop, false)?;
    store::merge::unlink(tx, "company", keep, drop, moved)?;
    for id in moved.rows.get("contacts").into_iter().flatten() {
        store::contacts::reindex(tx, *id)?;
    }
    Ok(())
}

/// `keep`'s value, or `drop`'s when the field is chosen from it or `keep` has none.
fn choose<T: Clone>(req: &MergeRequest, field: &str, keep: &Option<T>, drop: &Option<T>) -> Option<T> {
    if req.take_from_drop.iter().any(|f| f == field) || keep.is_none() {
        drop.clone().or_else(|| keep.clone())
    } else {
        keep.clone()
    }
}

fn choose_text(req: &MergeRequest, field: &str, keep: &str, drop: &str) -> String {
    let k = (!keep.is_empty()).then(|| keep.to_string());
    let d = (!drop.is_empty()).then(|| drop.to_string());
    choose(req, field, &k, &d).unwrap_or_default()
}

fn merge_custom(req: &MergeRequest, keep: &Value, drop: &Value) -> Value {
    let mut out = keep.as_object().cloned().unwrap_or_default();
    for (k, v) in drop.as_object().into_iter().flatten() {
        if req.take_from_drop.iter().any(|f| *f == format!("custom.{k}")) || !out.contains_key(k) {
            out.insert(k.clone(), v.clone());
        }
    }
    Value::Object(out)
}

fn merge_contacts(tx: &rusqlite::Connection, req: &MergeRequest) -> Result<(u32, i64)> {
    let keep = store::contacts::get(tx, req.keep_id)?;
    let drop = store::contacts::get(tx, req.drop_id)?;
    if keep.deleted_at.is_some() || drop.deleted_at.is_some() {
        return Err(CoreError::Conflict("One of these contacts is in the Trash; restore it first.".into()));
    }
    let input = ContactInput {
        first_name: choose_text(req, "first_name", &keep.first_name, &drop.first_name),
        last_name: choose_text(req, "last_name", &keep.last_name, &drop.last_name),
        title: choose(req, "title", &keep.title, &drop.title),
        company_id: choose(req, "company_id", &keep.company_id, &drop.company_id),
        company_name: choose(req, "company_id", &keep.company_name, &drop.company_name),
        lifecycle: Some(if req.take_from_drop.iter().any(|f| f == "lifecycle") {
            drop.lifecycle
        } else {
            keep.lifecycle
        }),
        lead_status: choose(req, "lead_status", &keep.lead_status, &drop.lead_status),
        lead_source: choose(req, "lead_source", &keep.lead_source, &drop.lead_source),
        city: choose(req, "city", &keep.city, &drop.city),
        country: choose(req, "country", &keep.country, &drop.country),
        linkedin: choose(req, "linkedin", &keep.linkedin, &drop.linkedin),
        ..Default::default()
    };
    let custom = merge_custom(req, &keep.custom, &drop.custom);
    // The company name is free text only for a contact not linked to a company.
    let input =
        ContactInput { company_name: if input.company_id.is_some() { None } else { input.company_name }, ..input };
    store::contacts::update(tx, keep.id, &input, &custom.to_string())?;
    store::merge::move_points(tx, keep.id, drop.id)?;
    let moved = store::merge::relink(tx, "contact", keep.id, drop.id)?;
    store::contacts::set_deleted(tx, drop.id, true)?;
    let dropped_name = format!("{} {}", drop.first_name, drop.last_name).trim().to_string();
    let activity = store::activities::insert(
        tx,
        &NewActivity {
            kind: "merge",
            subject: &format!("Merged {dropped_name} into this contact"),
            body: None,
            occurred_at: &crate::time::now_iso(),
            contact_id: Some(keep.id),
            company_id: None,
            deal_id: None,
            meta: json!({ "merged": dropped_name, "merged_id": drop.id }),
        },
    )?;
    store::contacts::reindex(tx, keep.id)?;
    store::contacts::reindex(tx, drop.id)?;
    crate::ops::scoring::rescore_contact(tx, keep.id)?;
    let relinked = moved.count();
    let before = json!({ "keep": keep, "drop": drop, "moved": moved, "activity_id": activity });
    let token = store::merge::save_undo(tx, "contact", keep.id, drop.id, &before)?;
    Ok((relinked, token))
}

fn merge_companies(tx: &rusqlite::Connection, req: &MergeRequest) -> Result<(u32, i64)> {
    let keep = store::companies::get(tx, req.keep_id)?;
    let drop = store::companies::get(tx, req.drop_id)?;
    let name = choose_text(req, "name", &keep.name, &drop.name);
    // The dropped company gives up its domain first: domains are unique among live companies.
    let domain = choose(req, "website", &keep.domain, &drop.domain);
    let website = if domain == keep.domain { keep.website.clone() } else { drop.website.clone() };
    store::companies::set_deleted(tx, drop.id, true)?;
    let pick = |f: &str, k: &Option<String>, d: &Option<String>| choose(req, f, k, d);
    let (industry, size, phone) = (
        pick("industry", &keep.industry, &drop.industry),
        pick("size", &keep.size, &drop.size),
        pick("phone", &keep.phone, &drop.phone),
    );
    let (city, country, description) = (
        pick("city", &keep.city, &drop.city),
        pick("country", &keep.country, &drop.country),
        pick("description", &keep.description, &drop.description),
    );
    let custom = merge_custom(req, &keep.custom, &drop.custom);
    store::companies::update(
        tx,
        keep.id,
        &NewCompany {
            name: &name,
            domain: domain.as_deref(),
            website: website.as_deref(),
            industry: industry.as_deref(),
            size: size.as_deref(),
            phone: phone.as_deref(),
            city: city.as_deref(),
            country: country.as_deref(),
            description: description.as_deref(),
        },
        &custom.to_string(),
    )?;
    let people = store::merge::contacts_of(tx, drop.id)?;
    let moved = store::merge::relink(tx, "company", keep.id, drop.id)?;
    for id in people {
        store::contacts::reindex(tx, id)?;
    }
    let activity = store::activities::insert(
        tx,
        &NewActivity {
            kind: "merge",
            subject: &format!("Merged {} into this company", drop.name),
            body: None,
            occurred_at: &crate::time::now_iso(),
            contact_id: None,
            company_id: Some(keep.id),
            deal_id: None,
            meta: json!({ "merged": drop.name, "merged_id": drop.id }),
        },
    )?;
    let relinked = moved.count();
    let before = json!({ "keep": keep, "moved": moved, "activity_id": activity });
    let token = store::merge::save_undo(tx, "company", keep.id, drop.id, &before)?;
    Ok((relinked, token))
}
