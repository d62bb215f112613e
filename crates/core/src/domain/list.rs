//! What the list views (Contacts, Leads, Companies, Deals) share: the filter tree a list can be narrowed by, and
//! the description of the fields a list can show, filter, sort and edit.
use serde::{Deserialize, Serialize};
use specta::Type;

use super::contact::text_enum;

/// A list of records: leads are contacts with lifecycle = lead, listed and saved apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ListEntity {
    Contact,
    Lead,
    Company,
    Deal,
}
text_enum!(ListEntity { Contact = "contact", Lead = "lead", Company = "company", Deal = "deal" });

/// An AND or OR group of rules and further groups: `{"and": [...]}` or `{"or": [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum FilterGroup {
    And(Vec<FilterNode>),
    Or(Vec<FilterNode>),
}

impl FilterGroup {
    pub fn nodes(&self) -> &[FilterNode] {
        match self {
            FilterGroup::And(n) | FilterGroup::Or(n) => n,
        }
    }
}

/// One entry of a group: a rule, or a nested group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(untagged)]
pub enum FilterNode {
    Group(FilterGroup),
    Rule(FilterRule),
}

/// `field op value`, e.g. city is "Berlin", score > 50, tags any of [3, 7], custom.tier is "Gold".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct FilterRule {
    /// A field key as `list_fields` names it ("city", "custom.tier", "tags").
    pub field: String,
    pub op: FilterOp,
    /// Text, number, date (YYYY-MM-DD), bool, or a list for `any_of` / `none_of`; absent for is_empty.
    #[serde(default)]
    pub value: serde_json::Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum FilterOp {
    Is,
    IsNot,
    Contains,
    NotContains,
    StartsWith,
    IsEmpty,
    IsNotEmpty,
    Gt,
    Lt,
    Before,
    After,
    AnyOf,
    NoneOf,
    /// A date within the last N days (today included).
    InLastDays,
    /// A date within the next N days (today included).
    InNextDays,
}

/// How a field's values look, which decides its filter operators, its editor and its formatting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    Number,
    /// Integer minor units (cents).
    Money,
    /// YYYY-MM-DD
    Date,
    /// An ISO-8601 instant.
    Datetime,
    /// One of `options`.
    Choice,
    /// Several of `options`.
    MultiChoice,
    Bool,
    Tags,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct FieldOption {
    pub value: String,
    pub label: String,
}

/// One field of a list, as the table, the filter builder, the column chooser and inline edit see it.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ListField {
    /// "city", "score", "tags", or "custom.<key>" for a custom field.
    pub key: String,
    pub label: String,
    pub kind: FieldKind,
    /// The choices of a choice field (stages, statuses, select options).
    pub options: Vec<FieldOption>,
    /// The filter operators that apply, in the order a menu shows them.
    pub operators: Vec<FilterOp>,
    /// Whether the list can be sorted by it (any sortable field pages by keyset).
    pub sortable: bool,
    /// Whether bulk edit and inline edit can set it.
    pub editable: bool,
    pub custom: bool,
}

/// One row of the deals list.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct DealRow {
    pub id: i64,
    pub title: String,
    pub pipeline_id: i64,
    pub pipeline_name: String,
    pub stage_id: i64,
    pub stage_name: String,
    pub status: super::DealStatus,
    pub company_id: Option<i64>,
    pub company_name: Option<String>,
    pub contact_id: Option<i64>,
    pub contact_name: Option<String>,
    /// In minor units (cents).
    pub value_cents: i64,
    pub currency: String,
    /// The deal's own probability when set, else its stage's.
    pub probability: i64,
    pub expected_close: Option<String>,
    pub closed_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Custom field values by key.
    pub custom: serde_json::Value,
    pub tags: Vec<super::RowTag>,
}
