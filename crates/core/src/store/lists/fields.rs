//! The WHITELIST of what each list can filter, sort and edit: every field is a fixed SQL expression written
//! here, and custom fields are looked up in their definitions. Nothing a user sends becomes SQL text.
use rusqlite::Connection;

use super::keyset::{Binds, Key};
use crate::domain::{CustomField, FieldEntity, FieldKind, FieldOption, FieldType, FilterOp, ListEntity, ListField};
use crate::error::{CoreError, Result};
use crate::store;

/// The table a list pages over.
pub(crate) struct Table {
    pub from: &'static str,
    pub alias: &'static str,
    pub id: &'static str,
    /// `taggings.entity` of its records.
    pub tag_entity: &'static str,
    /// Always applies: live records (and, for leads, lifecycle = lead).
    pub base: &'static str,
    pub field_entity: FieldEntity,
    /// (field, descending) when the query names no sort.
    pub default_sort: (&'static str, bool),
    /// Used in messages: "Contacts cannot be sorted by …".
    pub plural: &'static str,
}

pub(crate) fn table(entity: ListEntity) -> Table {
    match entity {
        ListEntity::Contact => Table {
            from: "contacts c",
            alias: "c",
            id: "c.id",
            tag_entity: "contact",
            base: "c.deleted_at IS NULL",
            field_entity: FieldEntity::Contact,
            default_sort: ("name", false),
            plural: "Contacts",
        },
        ListEntity::Lead => Table {
            base: "c.deleted_at IS NULL AND c.lifecycle = 'lead'",
            plural: "Leads",
            ..table(ListEntity::Contact)
        },
        ListEntity::Company => Table {
            from: "companies co",
            alias: "co",
            id: "co.id",
            tag_entity: "company",
            base: "co.deleted_at IS NULL",
            field_entity: FieldEntity::Company,
            default_sort: ("name", false),
            plural: "Companies",
        },
        ListEntity::Deal => Table {
            from: "deals d",
            alias: "d",
            id: "d.id",
            tag_entity: "deal",
            base: "d.deleted_at IS NULL",
            field_entity: FieldEntity::Deal,
            default_sort: ("updated_at", true),
            plural: "Deals",
        },
    }
}

/// Where a choice field's options come from.
#[derive(Clone, Copy)]
enum Choices {
    None,
    Fixed(&'static [(&'static str, &'static str)]),
    Pipelines,
    Stages,
}

/// One built-in field. `sort` keys are (expression, nocase, nullable), each backed by an index ending in the id
/// (see migrations); an empty `sort` means the list cannot be sorted by it.
struct Builtin {
    key: &'static str,
    label: &'static str,
    kind: FieldKind,
    expr: &'static str,
    sort: &'static [(&'static str, bool, bool)],
    editable: bool,
    choices: Choices,
}

const fn field(key: &'static str, label: &'static str, kind: FieldKind, expr: &'static str) -> Builtin {
    Builtin { key, label, kind, expr, sort: &[], editable: false, choices: Choices::None }
}

impl Builtin {
    const fn sort(mut self, keys: &'static [(&'static str, bool, bool)]) -> Self {
        self.sort = keys;
        self
    }
    const fn editable(mut self) -> Self {
        self.editable = true;
        self
    }
    const fn choices(mut self, c: Choices) -> Self {
        self.choices = c;
        self
    }
}

const LIFECYCLES: &[(&str, &str)] = &[("lead", "Lead"), ("contact", "Contact"), ("customer", "Customer")];
const LEAD_STATUSES: &[(&str, &str)] = &[
    ("new", "New"),
    ("contacted", "Contacted"),
    ("engaged", "Engaged"),
    ("qualified", "Qualified"),
    ("disqualified", "Disqualified"),
    ("nurturing", "Nurturing"),
];
const LEAD_SOURCES: &[(&str, &str)] = &[
    ("website", "Website"),
    ("referral", "Referral"),
    ("cold_call", "Cold call"),
    ("cold_email", "Cold email"),
    ("event", "Event"),
    ("social", "Social"),
    ("partner", "Partner"),
    ("import", "Import"),
    ("other", "Other"),
];
const DEAL_STATUSES: &[(&str, &str)] = &[("open", "Open"), ("won", "Won"), ("lost", "Lost")];

use FieldKind::{Choice, Date, Datetime, Money, Number, Tags, Text};

const CONTACT_FIELDS: &[Builtin] = &[
    field("name", "Name", Text, "(c.first_name || ' ' || c.last_name)")
        .sort(&[("c.last_name", true, false), ("c.first_name", true, false)]),
    field("first_name", "First name", Text, "c.first_name").sort(&[("c.first_name", true, false)]).editable(),
    field("last_name", "Last name", Text, "c.last_name")
        .sort(&[("c.last_name", true, false), ("c.first_name", true, false)])
        .editable(),
    field(
        "email",
        "Email",
        Text,
        "(SELECT value FROM contact_points p WHERE p.contact_id = c.id AND p.kind = 'email' AND p.is_primary)",
    )
    // Sorted by the copy triggers keep on contacts (migration 0010): a keyset needs an index on the list's table.
    .sort(&[("c.primary_email", true, true)]),
    field(
        "phone",
        "Phone",
        Text,
        "(SELECT value FROM contact_points p WHERE p.contact_id = c.id AND p.kind = 'phone' AND p.is_primary)",
    ),
    field(
        "company",
        "Company",
        Text,
        "COALESCE((SELECT co.name FROM companies co WHERE co.id = c.company_id), c.company_name)",
    )
    .sort(&[("c.company_display", true, true)]),
    field("title", "Title", Text, "c.title").sort(&[("c.title", true, true)]).editable(),
    field("lifecycle", "Lifecycle", Choice, "c.lifecycle")
        .sort(&[("c.lifecycle", false, false), ("c.lead_status", false, true)])
        .editable()
        .choices(Choices::Fixed(LIFECYCLES)),
    field("lead_status", "Lead status", Choice, "c.lead_status")
        .sort(&[("c.lifecycle", false, false), ("c.lead_status", false, true)])
        .editable()
        .choices(Choices::Fixed(LEAD_STATUSES)),
    field("lead_source", "Lead source", Choice, "c.lead_source")
        .sort(&[("c.lifecycle", false, false), ("c.lead_source", false, true)])
        .editable()
        .choices(Choices::Fixed(LEAD_SOURCES)),
    field("city", "City", Text, "c.city").sort(&[("c.city", true, true)]).editable(),
    field("country", "Country", Text, "c.country").sort(&[("c.country", true, true)]).editable(),
    field("score", "Score", Number, "c.score").sort(&[("ifnull(c.score, -1)", false, false)]),
    field("last_activity_at", "Last activity", Datetime, "c.last_activity_at"),
    field("created_at", "Created", Datetime, "c.created_at").sort(&[("c.created_at", false, false)]),
    field("updated_at", "Updated", Datetime, "c.updated_at").sort(&[("c.updated_at", false, false)]),
    field("tags", "Tags", Tags, ""),
];

const COMPANY_FIELDS: &[Builtin] = &[
    field("name", "Name", Text, "co.name").sort(&[("co.name", true, false)]).editable(),
    field("domain", "Domain", Text, "co.domain"),
    field("industry", "Industry", Text, "co.industry").sort(&[("co.industry", true, true)]).editable(),
    field("size", "Size", Text, "co.size").editable(),
    field("phone", "Phone", Text, "co.phone").editable(),
    field("city", "City", Text, "co.city").sort(&[("co.city", true, true)]).editable(),
    field("country", "Country", Text, "co.country").sort(&[("co.country", true, true)]).editable(),
    field(
        "contacts",
        "Contacts",
        Number,
        "(SELECT count(*) FROM contacts c WHERE c.company_id = co.id AND c.deleted_at IS NULL)",
    ),
    field(
        "open_deals",
        "Open deals",
        Number,
        "(SELECT count(*) FROM deals d WHERE d.company_id = co.id AND d.status = 'open' AND d.deleted_at IS NULL)",
    ),
    field("created_at", "Created", Datetime, "co.created_at").sort(&[("co.created_at", false, false)]),
    field("updated_at", "Updated", Datetime, "co.updated_at").sort(&[("co.updated_at", false, false)]),
    field("tags", "Tags", Tags, ""),
];

const DEAL_FIELDS: &[Builtin] = &[
    field("title", "Title", Text, "d.title").sort(&[("d.title", true, false)]).editable(),
    field("pipeline", "Pipeline", Choice, "d.pipeline_id").choices(Choices::Pipelines),
    field("stage", "Stage", Choice, "d.stage_id").choices(Choices::Stages),
    field("status", "Status", Choice, "d.status")
        .sort(&[("d.status", false, false), ("d.expected_close", false, true)])
        .choices(Choices::Fixed(DEAL_STATUSES)),
    field("value", "Value", Money, "d.value_cents").sort(&[("d.value_cents", false, false)]).editable(),
    field("currency", "Currency", Text, "d.currency").editable(),
    field(
        "probability",
        "Probability",
        Number,
        "COALESCE(d.probability, (SELECT s.probability FROM stages s WHERE s.id = d.stage_id))",
    )
    .editable(),
    field("expected_close", "Expected close", Date, "d.expected_close")
        .sort(&[("d.expected_close", false, true)])
        .editable(),
    field("company", "Company", Text, "(SELECT co.name FROM companies co WHERE co.id = d.company_id)"),
    field(
        "contact",
        "Contact",
        Text,
        "(SELECT NULLIF(trim(c.first_name || ' ' || c.last_name), '') FROM contacts c WHERE c.id = d.contact_id)",
    ),
    field("closed_at", "Closed", Datetime, "d.closed_at"),
    field("created_at", "Created", Datetime, "d.created_at").sort(&[("d.created_at", false, false)]),
    field("updated_at", "Updated", Datetime, "d.updated_at").sort(&[("d.updated_at", false, false)]),
    field("tags", "Tags", Tags, ""),
];

fn builtins(entity: ListEntity) -> &'static [Builtin] {
    match entity {
        ListEntity::Contact | ListEntity::Lead => CONTACT_FIELDS,
        ListEntity::Company => COMPANY_FIELDS,
        ListEntity::Deal => DEAL_FIELDS,
    }
}

/// A field ready to compile: its SQL expression (custom fields read their key through a bound JSON path).
pub(crate) struct Field {
    pub key: String,
    pub label: String,
    pub kind: FieldKind,
    pub expr: String,
    /// Sort keys before the id; empty when not sortable.
    pub sort: Vec<Key>,
    pub options: Vec<FieldOption>,
    /// Option values are record ids (pipelines, stages), compared as integers.
    pub ids: bool,
    pub editable: bool,
    /// The custom field's definition.
    pub custom: Option<CustomField>,
    /// The bound JSON path of a custom field's value.
    pub path: Option<String>,
}

pub(crate) const CUSTOM_PREFIX: &str = "custom.";

/// The field `key` of a list, or a validation error naming `what` ("filter", "sort") when there is none.
/// A custom field must be defined (and not deleted) for the list's records.
pub(crate) fn resolve(
    conn: &Connection,
    entity: ListEntity,
    key: &str,
    binds: &mut Binds,
    what: &str,
) -> Result<Field> {
    let t = table(entity);
    if let Some(custom_key) = key.strip_prefix(CUSTOM_PREFIX) {
        let def = store::custom_fields::list(conn, Some(t.field_entity))?
            .into_iter()
            .find(|d| d.key == custom_key)
            .ok_or_else(|| unknown(what, &t, key))?;
        let path = binds.push(json_path(&def.key));
        let expr = format!("json_extract({}.custom, {path})", t.alias);
        return Ok(custom_field(def, expr, path));
    }
    let b = builtins(entity).iter().find(|b| b.key == key).ok_or_else(|| unknown(what, &t, key))?;
    Ok(Field {
        key: b.key.into(),
        label: b.label.into(),
        kind: b.kind,
        expr: b.expr.into(),
        // The built-in nullable sort columns all hold text.
        sort: b
            .sort
            .iter()
            .map(|&(e, nocase, nullable)| {
                let key = Key::new(e, nocase, nullable);
                if nullable {
                    key.text()
                } else {
                    key
                }
            })
            .collect(),
        options: options(conn, b.choices)?,
        ids: matches!(b.choices, Choices::Pipelines | Choices::Stages),
        editable: b.editable,
        custom: None,
        path: None,
    })
}

/// `$."key"`: the key is quoted so no character in it is read as JSON-path syntax.
pub(crate) fn json_path(key: &str) -> String {
    format!("$.\"{}\"", key.replace('"', ""))
}

fn custom_field(def: CustomField, expr: String, path: String) -> Field {
    let kind = match def.field_type {
        FieldType::Text => Text,
        FieldType::Number => Number,
        FieldType::Date => Date,
        FieldType::Select => Choice,
        FieldType::Multiselect => FieldKind::MultiChoice,
        FieldType::Bool => FieldKind::Bool,
    };
    let nocase = matches!(kind, Text | Choice);
    Field {
        key: format!("{CUSTOM_PREFIX}{}", def.key),
        label: def.label.clone(),
        kind,
        sort: if kind == FieldKind::MultiChoice { vec![] } else { vec![Key::new(expr.clone(), nocase, true)] },
        expr,
        options: def.options.iter().map(|o| FieldOption { value: o.clone(), label: o.clone() }).collect(),
        ids: false,
        editable: true,
        custom: Some(def),
        path: Some(path),
    }
}

fn unknown(what: &str, t: &Table, key: &str) -> CoreError {
    let entity = t.plural.to_lowercase();
    CoreError::validation(
        what,
        match what {
            "sort" => format!("{} cannot be sorted by “{key}”.", t.plural),
            "columns" => format!("There is no column “{key}” for {entity}."),
            _ => format!("There is no field “{key}” for {entity}."),
        },
    )
}

fn options(conn: &Connection, c: Choices) -> Result<Vec<FieldOption>> {
    Ok(match c {
        Choices::None => vec![],
        Choices::Fixed(o) => o.iter().map(|(v, l)| FieldOption { value: (*v).into(), label: (*l).into() }).collect(),
        Choices::Pipelines => store::pipelines::list(conn)?
            .into_iter()
            .map(|p| FieldOption { value: p.id.to_string(), label: p.name })
            .collect(),
        Choices::Stages => {
            let pipelines = store::pipelines::list(conn)?;
            let several = pipelines.len() > 1;
            pipelines
                .into_iter()
                .flat_map(|p| {
                    p.stages.into_iter().map(move |s| FieldOption {
                        value: s.id.to_string(),
                        label: if several { format!("{} · {}", p.name, s.name) } else { s.name },
                    })
                })
                .collect()
        }
    })
}

/// The operators a filter may use on a field of this kind, in menu order.
pub(crate) fn operators(kind: FieldKind) -> &'static [FilterOp] {
    use FilterOp::*;
    match kind {
        Text => &[Is, IsNot, Contains, NotContains, StartsWith, AnyOf, IsEmpty, IsNotEmpty],
        Number | Money => &[Is, IsNot, Gt, Lt, IsEmpty, IsNotEmpty],
        Date | Datetime => &[Is, Before, After, InLastDays, InNextDays, IsEmpty, IsNotEmpty],
        Choice | FieldKind::MultiChoice | Tags => &[Is, IsNot, AnyOf, NoneOf, IsEmpty, IsNotEmpty],
        FieldKind::Bool => &[Is, IsEmpty, IsNotEmpty],
    }
}

/// Every field of a list, built-ins first, then the custom fields in their form order.
pub(crate) fn all(conn: &Connection, entity: ListEntity) -> Result<Vec<ListField>> {
    let mut binds = Binds::default();
    let mut out = Vec::new();
    let keys = builtins(entity).iter().map(|b| b.key.to_string());
    let custom = store::custom_fields::list(conn, Some(table(entity).field_entity))?
        .into_iter()
        .map(|d| format!("{CUSTOM_PREFIX}{}", d.key));
    for key in keys.chain(custom) {
        let f = resolve(conn, entity, &key, &mut binds, "filter")?;
        out.push(ListField {
            operators: operators(f.kind).to_vec(),
            sortable: !f.sort.is_empty(),
            custom: f.custom.is_some(),
            key: f.key,
            label: f.label,
            kind: f.kind,
            options: f.options,
            editable: f.editable,
        });
    }
    Ok(out)
}
