//! What a save refuses: syntax errors, merge fields that don't exist, and anything else that stops the
//! template rendering for a fully filled-in record (an unknown filter, a bad operation).
use super::{problem, values::MergeValues, CompiledTemplate, KnownFields};
use crate::domain::{CustomField, TemplatePart, TemplateProblem};

/// Problems in order of part, then line. Empty means the template is good to save.
pub fn check(subject: &str, body_text: &str, body_html: Option<&str>, custom: &[CustomField]) -> Vec<TemplateProblem> {
    let compiled = match CompiledTemplate::compile(subject, body_text, body_html) {
        Ok(c) => c,
        Err(problems) => return problems,
    };
    let known = KnownFields::new(custom);
    let source = |part: TemplatePart| match part {
        TemplatePart::Subject => subject,
        TemplatePart::BodyText => body_text,
        TemplatePart::BodyHtml => body_html.unwrap_or(""),
    };
    let globals: Vec<String> = compiled.env.globals().map(|(name, _)| name.to_string()).collect();
    let mut problems: Vec<TemplateProblem> = compiled
        .referenced()
        .filter(|(_, name)| !known.contains(name) && !globals.iter().any(|g| g == name))
        .map(|(part, name)| {
            let hint = match known.suggest(name) {
                Some(s) => format!(" Did you mean {s}?"),
                None => " Pick one from the merge field list.".to_string(),
            };
            TemplateProblem {
                part,
                line: line_of(source(part), name),
                message: format!("unknown merge field “{name}”.{hint}"),
            }
        })
        .collect();
    if problems.is_empty() {
        for part in TemplatePart::ALL {
            let sample = MergeValues::sample(custom).context();
            if source(part).trim().is_empty() {
                continue;
            }
            if let Err(e) = compiled.env.get_template(part.as_str()).and_then(|t| t.render(&sample)) {
                problems.push(problem(part, &e));
            }
        }
    }
    problems.sort_by_key(|p| (p.part as u8, p.line));
    problems
}

/// The 1-based line where `name` first appears in `source`.
fn line_of(source: &str, name: &str) -> Option<u32> {
    let at = source.find(name)?;
    Some(source[..at].matches('\n').count() as u32 + 1)
}
