//! Companies: create and list.
use crate::domain::{Company, CompanyInput, CompanyRow, Entity, Page, PageQuery};
use crate::error::{CoreError, Result};
use crate::normalize;
use crate::store::{self, companies::NewCompany};
use crate::Outpost;

impl Outpost {
    pub fn create_company(&self, input: CompanyInput) -> Result<Company> {
        let id = self.db().write(|tx| insert_company(tx, &input))?;
        self.events().changed(Entity::Company, vec![id]);
        self.company(id)
    }

    pub fn company(&self, id: i64) -> Result<Company> {
        self.db().read(|conn| store::companies::get(conn, id))
    }

    pub fn companies(&self, query: &PageQuery) -> Result<Page<CompanyRow>> {
        self.db().read(|conn| store::companies::list(conn, query))
    }
}

/// Validates and writes a new company inside the caller's transaction. The domain must be new.
pub(crate) fn insert_company(tx: &rusqlite::Connection, input: &CompanyInput) -> Result<i64> {
    let name = input.name.trim();
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
        if store::companies::find_by_domain(tx, d)?.is_some() {
            return Err(CoreError::validation("website", format!("A company with the domain {d} already exists.")));
        }
    }
    store::companies::insert(
        tx,
        &NewCompany {
            name,
            domain: domain.as_deref(),
            website: website.as_deref(),
            industry: normalize::text(input.industry.as_deref()).as_deref(),
            size: normalize::text(input.size.as_deref()).as_deref(),
            phone: normalize::text(input.phone.as_deref()).as_deref(),
            city: normalize::text(input.city.as_deref()).as_deref(),
            country: normalize::text(input.country.as_deref()).as_deref(),
            description: normalize::text(input.description.as_deref()).as_deref(),
        },
    )
}
