use serde::{Deserialize, Serialize};
use specta::Type;

use super::contact::text_enum;

/// The records that carry custom fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum FieldEntity {
    Contact,
    Company,
    Deal,
}
text_enum!(FieldEntity { Contact = "contact", Company = "company", Deal = "deal" });

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    Text,
    Number,
    Date,
    Select,
    Multiselect,
    Bool,
}
text_enum!(FieldType {
    Text = "text", Number = "number", Date = "date", Select = "select", Multiselect = "multiselect", Bool = "bool",
});

/// A user-defined field. Values live in the record's `custom` object under `key`.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct CustomField {
    pub id: i64,
    pub entity: FieldEntity,
    /// Stable machine name, derived from the first label; survives renames so stored values stay attached.
    pub key: String,
    pub label: String,
    pub field_type: FieldType,
    /// The choices of a select or multiselect.
    pub options: Vec<String>,
    pub required: bool,
    pub position: i64,
}

/// What the Settings form sends to create or edit a field. The type of an existing field can't change.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct CustomFieldInput {
    pub entity: FieldEntity,
    pub label: String,
    pub field_type: FieldType,
    pub options: Vec<String>,
    pub required: bool,
}

/// Values of custom fields, by key: text, number, "YYYY-MM-DD", bool, or a list for multiselects.
pub type CustomValues = std::collections::BTreeMap<String, serde_json::Value>;
