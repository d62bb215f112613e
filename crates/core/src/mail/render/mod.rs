//! Rendering email templates with minijinja.
//!
//! For the outbox (queue many personalized messages fast): compile once with [`CompiledTemplate::load`],
//! then [`CompiledTemplate::render_many`] reads every recipient's contact, company and deal in a few bulk
//! queries and renders each. `Outpost::render_template` / `render_template_many` wrap the same for callers
//! outside a transaction.
//!
//! Merge values that are empty are undefined to the template, so `{{ contact.first_name | default("there") }}`
//! falls back for a blank name too. The HTML body is autoescaped; the subject and text body are not. A
//! field printed empty (no value, no fallback) is reported in `Rendered::missing`: the formatter counts
//! undefined values printed, and only when that count is not zero is each candidate field filled in turn
//! to see which prints dropped — so a complete record costs one render per part.
mod check;
mod fields;
mod values;

use std::cell::Cell;
use std::collections::BTreeSet;

use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};
use rusqlite::Connection;

pub use check::check;
pub use fields::{catalog, KnownFields};
pub use values::{load, money, MergeValues};

use crate::domain::{RenderContext, Rendered, TemplatePart, TemplateProblem};
use crate::error::{CoreError, Result};
use crate::store;

/// Enough for any sensible email (a loop over a few hundred items), not for a runaway loop.
const FUEL: u64 = 200_000;

thread_local! {
    /// Undefined values printed by the current render (rendering is synchronous on one thread).
    static UNDEFINED_PRINTS: Cell<u32> = const { Cell::new(0) };
}

/// A template's parts, parsed once and reusable for any number of records.
pub struct CompiledTemplate {
    env: Environment<'static>,
    has_html: bool,
    /// The merge fields each part looks up ("contact.first_name"), for attributing empty prints.
    referenced: Vec<(TemplatePart, Vec<String>)>,
}

impl CompiledTemplate {
    /// Parses each part; syntax errors come back as problems with their line.
    pub fn compile(subject: &str, body_text: &str, body_html: Option<&str>) -> Result<Self, Vec<TemplateProblem>> {
        let mut env = environment();
        let mut problems = vec![];
        let html = body_html.filter(|h| !h.trim().is_empty());
        let parts = [
            (TemplatePart::Subject, Some(subject)),
            (TemplatePart::BodyText, Some(body_text)),
            (TemplatePart::BodyHtml, html),
        ];
        for (part, source) in parts {
            let Some(source) = source else { continue };
            if let Err(e) = env.add_template_owned(part.as_str(), source.to_string()) {
                problems.push(problem(part, &e));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let referenced = TemplatePart::ALL
            .into_iter()
            .filter_map(|part| {
                let t = env.get_template(part.as_str()).ok()?;
                let mut names: Vec<String> = t.undeclared_variables(true).into_iter().collect();
                names.sort();
                Some((part, names))
            })
            .collect();
        Ok(CompiledTemplate { env, has_html: html.is_some(), referenced })
    }

    /// A saved template, compiled. A template saved before it could be checked still fails clearly here.
    pub fn load(conn: &Connection, template_id: i64) -> Result<Self> {
        let t = store::templates::get(conn, template_id)?;
        Self::compile(&t.subject, &t.body_text, t.body_html.as_deref()).map_err(|p| problems_error(&p))
    }

    /// The names each part looks up, as written.
    pub fn referenced(&self) -> impl Iterator<Item = (TemplatePart, &str)> {
        self.referenced.iter().flat_map(|(part, names)| names.iter().map(move |n| (*part, n.as_str())))
    }

    /// Renders for each context in order; three queries for the records whatever the count.
    pub fn render_many(&self, conn: &Connection, contexts: &[RenderContext]) -> Result<Vec<Rendered>> {
        load(conn, contexts)?.iter().map(|v| self.render(v)).collect()
    }

    pub fn render(&self, values: &MergeValues) -> Result<Rendered> {
        let ctx = values.context();
        let mut missing = BTreeSet::new();
        let mut part_out = |part: TemplatePart| -> Result<String> {
            let (out, empties) = self.render_part(part, &ctx)?;
            if empties > 0 {
                self.attribute(part, values, empties, &mut missing)?;
            }
            Ok(out)
        };
        let subject = part_out(TemplatePart::Subject)?;
        let body_text = part_out(TemplatePart::BodyText)?;
        let body_html = if self.has_html { Some(part_out(TemplatePart::BodyHtml)?) } else { None };
        Ok(Rendered { subject: one_line(&subject), body_text, body_html, missing: missing.into_iter().collect() })
    }

    /// Finds which empty fields printed nothing: filled in, a field that was printed bare lowers the count of
    /// empty prints; one only tested (`{% if %}`) or given a fallback does not.
    fn attribute(
        &self,
        part: TemplatePart,
        values: &MergeValues,
        empties: u32,
        missing: &mut BTreeSet<String>,
    ) -> Result<()> {
        let names = self.referenced.iter().find(|(p, _)| *p == part).map(|(_, n)| n.as_slice()).unwrap_or(&[]);
        for name in names.iter().filter(|n| values.is_missing(n)) {
            if missing.contains(name) {
                continue;
            }
            let (_, with_value) = self.render_part(part, &values.with_filled(name).context())?;
            if with_value < empties {
                missing.insert(name.clone());
            }
        }
        Ok(())
    }

    fn render_part(&self, part: TemplatePart, ctx: &Value) -> Result<(String, u32)> {
        UNDEFINED_PRINTS.with(|c| c.set(0));
        let rendered = self.env.get_template(part.as_str()).and_then(|t| t.render(ctx));
        let out = rendered.map_err(|e| problems_error(&[problem(part, &e)]))?;
        Ok((out, UNDEFINED_PRINTS.with(Cell::get)))
    }
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Chainable);
    env.set_fuel(Some(FUEL));
    env.set_auto_escape_callback(|name| {
        if name == TemplatePart::BodyHtml.as_str() {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(|out, state, value| {
        if value.is_undefined() || value.is_none() {
            UNDEFINED_PRINTS.with(|c| c.set(c.get() + 1));
            return Ok(());
        }
        minijinja::escape_formatter(out, state, value)
    });
    env
}

/// A subject is one header line: merged values must not break it.
fn one_line(s: &str) -> String {
    s.split(['\r', '\n']).map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

fn problem(part: TemplatePart, e: &minijinja::Error) -> TemplateProblem {
    let message = match e.kind() {
        minijinja::ErrorKind::OutOfFuel => "takes too long to render (is a loop too big?)".to_string(),
        kind => match e.detail() {
            Some(detail) => format!("{kind}: {detail}"),
            None => kind.to_string(),
        },
    };
    TemplateProblem { part, line: e.line().map(|l| l as u32), message }
}

/// The first problem as a validation error on its field, with where it is.
pub fn problems_error(problems: &[TemplateProblem]) -> CoreError {
    match problems.first() {
        Some(p) => CoreError::validation(p.part.as_str(), describe(p)),
        None => CoreError::Internal("template check failed without a reason".into()),
    }
}

/// "Line 3 of the text body: unknown merge field …".
pub fn describe(p: &TemplateProblem) -> String {
    match p.line {
        Some(line) => format!("Line {line} of the {}: {}", p.part.label(), p.message),
        None => format!("The {}: {}", p.part.label(), p.message),
    }
}
