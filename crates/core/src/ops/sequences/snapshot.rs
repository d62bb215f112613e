//! What an enrollment was promised: each email step's template text as it was when the contact was enrolled,
//! stored as JSON on the enrollment. Editing a template later changes nothing for them; editing the sequence
//! to point a step at another template (or adding a step) does, for steps not yet run.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// By step id.
    #[serde(default)]
    pub steps: BTreeMap<i64, StepTemplate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepTemplate {
    pub template_id: i64,
    pub subject: String,
    pub body_text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_html: Option<String>,
}

impl StepTemplate {
    /// Identifies the text, to compile each distinct one once per tick.
    pub fn key(&self) -> String {
        format!("{}\u{1}{}\u{1}{}", self.subject, self.body_text, self.body_html.as_deref().unwrap_or(""))
    }
}

impl Snapshot {
    /// The text for `step_id` if it was snapshotted for the template the step uses now.
    pub fn for_step(&self, step_id: i64, template_id: i64) -> Option<&StepTemplate> {
        self.steps.get(&step_id).filter(|t| t.template_id == template_id)
    }

    pub fn parse(json: &str) -> Snapshot {
        serde_json::from_str(json).unwrap_or_default()
    }
}
