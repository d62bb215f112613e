use serde::{Deserialize, Serialize};
use specta::Type;

/// An email template: a subject and a body (plain text, optionally simple HTML) with merge fields such as
/// `{{ contact.first_name | default("there") }}`.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct Template {
    pub id: i64,
    pub name: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// What the editor saves. An empty `body_html` means "text only".
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct TemplateInput {
    pub name: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: Option<String>,
}

/// The record a template is rendered for. With only a deal, its primary contact is used; the company is the
/// contact's, else the deal's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct RenderContext {
    pub contact_id: Option<i64>,
    pub deal_id: Option<i64>,
}

impl RenderContext {
    pub fn contact(id: i64) -> Self {
        RenderContext { contact_id: Some(id), deal_id: None }
    }
}

/// A template rendered for one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Rendered {
    pub subject: String,
    pub body_text: String,
    /// HTML-escaped merge values; None for a text-only template.
    pub body_html: Option<String>,
    /// Merge fields printed empty for this record because it has no value and the template gave no
    /// fallback ("contact.first_name"): warn before sending.
    pub missing: Vec<String>,
}

/// Which part of a template a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum TemplatePart {
    Subject,
    BodyText,
    BodyHtml,
}

impl TemplatePart {
    pub const ALL: [TemplatePart; 3] = [TemplatePart::Subject, TemplatePart::BodyText, TemplatePart::BodyHtml];

    /// The form field name, as validation errors carry it.
    pub fn as_str(self) -> &'static str {
        match self {
            TemplatePart::Subject => "subject",
            TemplatePart::BodyText => "body_text",
            TemplatePart::BodyHtml => "body_html",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TemplatePart::Subject => "subject",
            TemplatePart::BodyText => "text body",
            TemplatePart::BodyHtml => "HTML body",
        }
    }
}

/// A syntax error or unknown merge field, where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct TemplateProblem {
    pub part: TemplatePart,
    /// 1-based line in that part, when known.
    pub line: Option<u32>,
    pub message: String,
}

/// Which record a merge field reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum MergeScope {
    Contact,
    Company,
    Deal,
}

/// One merge field the editor's picker offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct MergeField {
    /// "contact.first_name", "company.custom.tier".
    pub key: String,
    pub label: String,
    pub scope: MergeScope,
    pub custom: bool,
    /// What the picker inserts: `{{ contact.first_name }}`, or bracket syntax for keys that need it.
    pub snippet: String,
}

/// The editor's live preview of a draft: the problems a save would report, and the draft rendered for the
/// chosen record when it has none.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct TemplatePreview {
    pub problems: Vec<TemplateProblem>,
    pub rendered: Option<Rendered>,
}
