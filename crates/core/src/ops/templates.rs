//! Email templates: the library (create, edit, delete with undo), the merge-field list, the editor's live
//! preview, and rendering for sending — one record, or many at once for the outbox.
use crate::domain::{
    Entity, MergeField, RenderContext, Rendered, Template, TemplateInput, TemplatePreview, TemplateProblem,
};
use crate::error::{CoreError, Result};
use crate::mail::render::{self, CompiledTemplate};
use crate::store;
use crate::Outpost;

const MAX_NAME: usize = 120;
const MAX_SUBJECT: usize = 500;

impl Outpost {
    /// Live templates by name.
    pub fn templates(&self) -> Result<Vec<Template>> {
        self.db().read(store::templates::list)
    }

    pub fn template(&self, id: i64) -> Result<Template> {
        self.db().read(|conn| store::templates::get(conn, id))
    }

    /// Saves a new template after checking its syntax and merge fields (errors name the part and line).
    pub fn create_template(&self, input: TemplateInput) -> Result<Template> {
        let input = tidy(input);
        let id = self.db().write(|tx| {
            validate(tx, &input, None)?;
            store::templates::create(tx, &input)
        })?;
        self.events().changed(Entity::Template, vec![id]);
        self.template(id)
    }

    pub fn update_template(&self, id: i64, input: TemplateInput) -> Result<Template> {
        let input = tidy(input);
        self.db().write(|tx| {
            store::templates::get(tx, id)?;
            validate(tx, &input, Some(id))?;
            store::templates::update(tx, id, &input)
        })?;
        self.events().changed(Entity::Template, vec![id]);
        self.template(id)
    }

    /// Deletes a template; `restore_template` undoes it. Messages already queued keep their rendered text.
    pub fn delete_template(&self, id: i64) -> Result<()> {
        self.db().write(|tx| store::templates::set_deleted(tx, id, true))?;
        self.events().changed(Entity::Template, vec![id]);
        Ok(())
    }

    pub fn restore_template(&self, id: i64) -> Result<Template> {
        self.db().write(|tx| store::templates::set_deleted(tx, id, false))?;
        self.events().changed(Entity::Template, vec![id]);
        self.template(id)
    }

    /// The merge fields the editor offers: contact, company and deal fields, then each one's custom fields.
    pub fn merge_fields(&self) -> Result<Vec<MergeField>> {
        let custom = self.db().read(|conn| store::custom_fields::list(conn, None))?;
        Ok(render::catalog(&custom))
    }

    /// What a save of `input` would refuse, each with its part and line.
    pub fn check_template(&self, input: &TemplateInput) -> Result<Vec<TemplateProblem>> {
        let custom = self.db().read(|conn| store::custom_fields::list(conn, None))?;
        Ok(render::check(&input.subject, &input.body_text, input.body_html.as_deref(), &custom))
    }

    /// The editor's live preview: a draft (saved or not) checked, and rendered for `context` when it is
    /// good. With no record chosen every field shows its fallback, or is listed as missing.
    pub fn preview_template(&self, input: TemplateInput, context: RenderContext) -> Result<TemplatePreview> {
        let problems = self.check_template(&input)?;
        if !problems.is_empty() {
            return Ok(TemplatePreview { problems, rendered: None });
        }
        let compiled = CompiledTemplate::compile(&input.subject, &input.body_text, input.body_html.as_deref())
            .map_err(|p| render::problems_error(&p))?;
        let rendered = self.db().read(|conn| compiled.render_many(conn, &[context]))?.pop();
        Ok(TemplatePreview { problems, rendered })
    }

    /// A saved template rendered for one record, with the merge fields it left empty.
    pub fn render_template(&self, template_id: i64, context: RenderContext) -> Result<Rendered> {
        let mut out = self.render_template_many(template_id, &[context])?;
        out.pop().ok_or_else(|| CoreError::Internal("rendering returned nothing".into()))
    }

    /// A saved template rendered for many records: compiled once, the records read in a few bulk queries.
    /// In order of `contexts`. Inside a transaction, use `CompiledTemplate::load(tx, id)?.render_many(tx, …)`.
    pub fn render_template_many(&self, template_id: i64, contexts: &[RenderContext]) -> Result<Vec<Rendered>> {
        self.db().read(|conn| CompiledTemplate::load(conn, template_id)?.render_many(conn, contexts))
    }
}

fn tidy(input: TemplateInput) -> TemplateInput {
    TemplateInput {
        name: input.name.split_whitespace().collect::<Vec<_>>().join(" "),
        subject: input.subject.trim().to_string(),
        body_text: input.body_text.trim_end().to_string(),
        body_html: input.body_html.filter(|h| !h.trim().is_empty()),
    }
}

fn validate(conn: &rusqlite::Connection, t: &TemplateInput, id: Option<i64>) -> Result<()> {
    if t.name.is_empty() {
        return Err(CoreError::validation("name", "Give the template a name."));
    }
    if t.name.chars().count() > MAX_NAME {
        return Err(CoreError::validation("name", format!("Keep template names under {MAX_NAME} characters.")));
    }
    if store::templates::find_by_name(conn, &t.name)?.is_some_and(|other| Some(other) != id) {
        return Err(CoreError::validation("name", format!("There is already a template called “{}”.", t.name)));
    }
    if t.subject.is_empty() {
        return Err(CoreError::validation("subject", "Write a subject."));
    }
    if t.subject.chars().count() > MAX_SUBJECT {
        return Err(CoreError::validation("subject", format!("Keep the subject under {MAX_SUBJECT} characters.")));
    }
    if t.body_text.trim().is_empty() && t.body_html.is_none() {
        return Err(CoreError::validation("body_text", "Write the message (text, HTML or both)."));
    }
    let custom = store::custom_fields::list(conn, None)?;
    let problems = render::check(&t.subject, &t.body_text, t.body_html.as_deref(), &custom);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(render::problems_error(&problems))
    }
}
