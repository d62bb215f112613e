//! The merge fields a template may use: a fixed set per record plus each record kind's custom fields
//! (`contact.custom.<key>`). The editor's picker lists them; saving refuses any other name.
use std::collections::HashSet;

use crate::domain::{CustomField, FieldEntity, MergeField, MergeScope};

pub const CONTACT: &[(&str, &str)] = &[
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("full_name", "Full name"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("title", "Job title"),
    ("city", "City"),
    ("country", "Country"),
    ("linkedin", "LinkedIn"),
];

pub const COMPANY: &[(&str, &str)] = &[
    ("name", "Name"),
    ("domain", "Domain"),
    ("website", "Website"),
    ("industry", "Industry"),
    ("size", "Size"),
    ("phone", "Phone"),
    ("city", "City"),
    ("country", "Country"),
];

pub const DEAL: &[(&str, &str)] = &[
    ("title", "Title"),
    ("value", "Value"),
    ("currency", "Currency"),
    ("stage", "Stage"),
    ("status", "Status"),
    ("expected_close", "Expected close"),
];

pub fn scope_name(scope: MergeScope) -> &'static str {
    match scope {
        MergeScope::Contact => "contact",
        MergeScope::Company => "company",
        MergeScope::Deal => "deal",
    }
}

fn scope_of(entity: FieldEntity) -> MergeScope {
    match entity {
        FieldEntity::Contact => MergeScope::Contact,
        FieldEntity::Company => MergeScope::Company,
        FieldEntity::Deal => MergeScope::Deal,
    }
}

pub fn standard(scope: MergeScope) -> &'static [(&'static str, &'static str)] {
    match scope {
        MergeScope::Contact => CONTACT,
        MergeScope::Company => COMPANY,
        MergeScope::Deal => DEAL,
    }
}

const SCOPES: [MergeScope; 3] = [MergeScope::Contact, MergeScope::Company, MergeScope::Deal];

/// Every field, standard ones first, then custom fields in their Settings order.
pub fn catalog(custom: &[CustomField]) -> Vec<MergeField> {
    let mut out = vec![];
    for scope in SCOPES {
        let name = scope_name(scope);
        for (field, label) in standard(scope) {
            let key = format!("{name}.{field}");
            out.push(MergeField {
                snippet: format!("{{{{ {key} }}}}"),
                key,
                label: label.to_string(),
                scope,
                custom: false,
            });
        }
        for f in custom.iter().filter(|f| scope_of(f.entity) == scope) {
            let key = format!("{name}.custom.{}", f.key);
            // Keys like "2nd_phone" or "größe" are not template identifiers: bracket syntax reads them.
            let snippet = if is_identifier(&f.key) {
                format!("{{{{ {key} }}}}")
            } else {
                format!("{{{{ {name}.custom[\"{}\"] }}}}", f.key)
            };
            out.push(MergeField { key, label: f.label.clone(), scope, custom: true, snippet });
        }
    }
    out
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The names a template may look up: each field, each record, and each record's `custom`.
pub struct KnownFields {
    names: HashSet<String>,
}

impl KnownFields {
    pub fn new(custom: &[CustomField]) -> Self {
        let mut names: HashSet<String> = catalog(custom).into_iter().map(|f| f.key).collect();
        for scope in SCOPES {
            names.insert(scope_name(scope).to_string());
            names.insert(format!("{}.custom", scope_name(scope)));
        }
        KnownFields { names }
    }

    pub fn contains(&self, name: &str) -> bool {
        self.names.contains(name)
    }

    /// The closest known field to a misspelt one, when it is close enough to be what was meant.
    pub fn suggest(&self, name: &str) -> Option<&str> {
        // "first_name" alone most likely meant the contact's.
        if let Some(bare) = self.names.get(&format!("contact.{name}")) {
            return Some(bare);
        }
        self.names
            .iter()
            .filter(|k| k.contains('.'))
            .map(|k| (strsim::jaro_winkler(k, name), k))
            .filter(|(score, _)| *score > 0.85)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, k)| k.as_str())
    }
}
