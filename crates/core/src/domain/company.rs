use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct CompanyRow {
    pub id: i64,
    pub name: String,
    pub domain: Option<String>,
    pub industry: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub contacts: i64,
    pub open_deals: i64,
    pub updated_at: String,
    /// Custom field values by key.
    pub custom: serde_json::Value,
    pub tags: Vec<super::RowTag>,
    pub size: Option<String>,
    pub phone: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Company {
    pub id: i64,
    pub name: String,
    pub domain: Option<String>,
    pub website: Option<String>,
    pub industry: Option<String>,
    pub size: Option<String>,
    pub phone: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub description: Option<String>,
    /// Custom field values by key.
    pub custom: serde_json::Value,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct CompanyInput {
    pub name: String,
    /// A domain or a website URL; stored as the registrable domain ("https://www.Acme.com/x" -> "acme.com").
    pub website: Option<String>,
    pub industry: Option<String>,
    pub size: Option<String>,
    pub phone: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub description: Option<String>,
    /// Custom field values by key; checked against the definitions in Settings.
    #[serde(default)]
    pub custom: super::CustomValues,
}

/// The people and deals of a company, for its detail page (the newest few hundred of each).
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct CompanyRelated {
    pub contacts: Vec<CompanyPerson>,
    /// How many live contacts the company has in all.
    pub contacts_total: i64,
    pub deals: Vec<super::Deal>,
    pub deals_total: i64,
}

/// A contact as a company's page lists it.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct CompanyPerson {
    pub id: i64,
    pub name: String,
    pub title: Option<String>,
    pub email: Option<String>,
    pub lifecycle: super::Lifecycle,
}
