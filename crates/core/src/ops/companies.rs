//! Companies: create, edit, list, the company page, Trash.
use crate::domain::{Company, CompanyInput, CompanyRelated, CompanyRow, Entity, FieldEntity, Page, PageQuery};
use crate::error::{CoreError, Result};
use crate::normalize;
use crate::ops::custom_fields::check_values;
use crate::store::{self, companies::NewCompany};
use crate::Outpost;

/// How many of a company's contacts and deals its page lists.
const RELATED_LIMIT: usize = 200;

impl Outpost {
    pub fn create_company(&self, input: CompanyInput) -> Result<Company> {
        let id = self.db().write(|tx| insert_company(tx, &input))?;
        self.events().changed(Entity::Company, vec![id]);
        self.company(id)
    }

    /// Edits a company. Its website may keep its own domain but not take another company's.
    pub fn update_company(&self, id: i64, input: CompanyInput) -> Result<Company> {
        self.db().write(|tx| edit_company(tx, id, &input))?;
        self.events().changed(Entity::Company, vec![id]);
        self.company(id)
    }

    pub fn company(&self, id: i64) -> Result<Company> {
        self.db().read(|conn| store::companies::get(conn, id))
    }

    pub fn companies(&self, query: &PageQuery) -> Result<Page<CompanyRow>> {
        self.read_list(query, |conn| store::companies::list(conn, query))
    }

    /// The company's contacts and deals for its page.
    pub fn company_related(&self, id: i64) -> Result<CompanyRelated> {
        self.db().read(|conn| {
            store::companies::get(conn, id)?;
            Ok(CompanyRelated {
                contacts: store::companies::people(conn, id, RELATED_LIMIT)?,
                contacts_total: store::companies::count_people(conn, id)?,
                deals: store::deals::of_company(conn, id, RELATED_LIMIT)?,
                deals_total: store::deals::count_of_company(conn, id)?,
            })
        })
    }

    /// Moves companies to the Trash. Their contacts and deals stay, still linked; `restore_companies` undoes it.
    pub fn delete_companies(&self, ids: &[i64]) -> Result<()> {
        self.db().write(|tx| ids.iter().try_for_each(|&id| store::companies::set_deleted(tx, id, true)))?;
        self.events().changed(Entity::Company, ids.to_vec());
        Ok(())
    }

    /// Brings companies back from the Trash, unless another company has taken the domain meanwhile.
    pub fn restore_companies(&self, ids: &[i64]) -> Result<()> {
        self.db().write(|tx| {
            for &id in ids {
                let (name, domain, _) = store::companies::name_domain_deleted(tx, id)?;
                if let Some(d) = domain {
                    if store::companies::find_by_domain(tx, &d)?.is_some_and(|other| other != id) {
                        return Err(CoreError::Conflict(format!(
                            "{name} can't be restored: another company now has the domain {d}. \
                             Change that company's website first."
                        )));
                    }
                }
                store::companies::set_deleted(tx, id, false)?;
            }
            Ok(())
        })?;
        self.events().changed(Entity::Company, ids.to_vec());
        Ok(())
    }
}

/// A company's fields, trimmed, with the website's domain worked out.
struct Valid {
    name: String,
    website: Option<String>,
    domain: Option<String>,
    industry: Option<String>,
    size: Option<String>,
    phone: Option<String>,
    city: Option<String>,
    country: Option<String>,
    description: Option<String>,
}

impl Valid {
    /// `id` is the company being edited, whose own domain is not a duplicate of itself.
    fn check(conn: &rusqlite::Connection, input: &CompanyInput, id: Option<i64>) -> Result<Valid> {
        let name = input.name.trim().to_string();
        if name.is_empty() {
            return Err(CoreError::validation("name", "A company needs a name."));
        }
        let website = normalize::text(input.website.as_deref());
        let domain = match &website {
            Some(w) => Some(
                normalize::domain(w)
                    .ok_or_else(|| CoreError::validation("website", format!("“{w}” is not a website or domain.")))?,
            ),
            None => None,
        };
        if let Some(d) = &domain {
            if store::companies::find_by_domain(conn, d)?.is_some_and(|other| Some(other) != id) {
                return Err(CoreError::validation("website", format!("A company with the domain {d} already exists.")));
            }
        }
        let text = |s: &Option<String>| normalize::text(s.as_deref());
        Ok(Valid {
            name,
            website,
            domain,
            industry: text(&input.industry),
            size: text(&input.size),
            phone: text(&input.phone),
            city: text(&input.city),
            country: text(&input.country),
            description: text(&input.description),
        })
    }

    fn as_new(&self) -> NewCompany<'_> {
        NewCompany {
            name: &self.name,
            domain: self.domain.as_deref(),
            website: self.website.as_deref(),
            industry: self.industry.as_deref(),
            size: self.size.as_deref(),
            phone: self.phone.as_deref(),
            city: self.city.as_deref(),
            country: self.country.as_deref(),
            description: self.description.as_deref(),
        }
    }
}

/// A company edit inside the caller's transaction: the one path the form, a bulk edit and an inline edit share.
pub(crate) fn edit_company(tx: &rusqlite::Connection, id: i64, input: &CompanyInput) -> Result<()> {
    let previous = store::companies::get(tx, id)?.custom;
    let valid = Valid::check(tx, input, Some(id))?;
    let custom = check_values(tx, FieldEntity::Company, &input.custom, Some(&previous))?.to_string();
    store::companies::update(tx, id, &valid.as_new(), &custom)
}

/// Validates and writes a new company inside the caller's transaction. The domain must be new, and the
/// custom values pass the company's field definitions (required ones included).
pub(crate) fn insert_company(tx: &rusqlite::Connection, input: &CompanyInput) -> Result<i64> {
    let valid = Valid::check(tx, input, None)?;
    let custom = check_values(tx, FieldEntity::Company, &input.custom, None)?;
    let id = store::companies::insert(tx, &valid.as_new())?;
    if custom.as_object().is_some_and(|o| !o.is_empty()) {
        store::companies::set_custom(tx, id, &custom.to_string())?;
    }
    Ok(id)
}
