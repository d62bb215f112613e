//! Email templates on a real database: merge fields with fallbacks, custom fields, HTML escaping,
//! missing-field warnings, and save-time errors that name the part and line.
mod support;

use outpost_core::domain::{
    CompanyInput, ContactInput, CustomFieldInput, DealInput, FieldEntity, FieldType, RenderContext, TemplateInput,
    TemplatePart,
};
use outpost_core::CoreError;
use serde_json::json;

fn template(subject: &str, text: &str, html: Option<&str>) -> TemplateInput {
    TemplateInput {
        name: "Intro".into(),
        subject: subject.into(),
        body_text: text.into(),
        body_html: html.map(Into::into),
    }
}

fn field(t: &support::TestDb, entity: FieldEntity, label: &str, field_type: FieldType) -> String {
    t.core
        .create_custom_field(CustomFieldInput {
            entity,
            label: label.into(),
            field_type,
            options: vec![],
            required: false,
        })
        .unwrap()
        .key
}

fn validation(err: CoreError) -> (String, String) {
    match err {
        CoreError::Validation { field, message } => (field.unwrap_or_default(), message),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn merges_contact_company_deal_and_custom_fields() {
    let t = support::open();
    let plan = field(&t, FieldEntity::Contact, "Plan tier", FieldType::Text);
    let seats = field(&t, FieldEntity::Company, "Seats", FieldType::Number);
    let company = t
        .core
        .create_company(CompanyInput {
            name: "Analytical Engines".into(),
            website: Some("https://www.engines.example".into()),
            custom: [(seats.clone(), json!(40))].into(),
            ..Default::default()
        })
        .unwrap();
    let ada = t
        .core
        .create_contact(ContactInput {
            first_name: "Ada".into(),
            last_name: "Lovelace".into(),
            emails: vec!["ada@engines.example".into()],
            company_id: Some(company.id),
            custom: [(plan.clone(), json!("Gold"))].into(),
            ..Default::default()
        })
        .unwrap();
    let deal = t
        .core
        .create_deal(DealInput {
            title: "Difference engine".into(),
            value_cents: 1_250_050,
            contact_id: Some(ada.id),
            company_id: Some(company.id),
            ..Default::default()
        })
        .unwrap();
    let saved = t
        .core
        .create_template(template(
            "{{ contact.first_name }} × {{ company.name }}",
            "Hi {{ contact.full_name }} ({{ contact.email }}), {{ contact.custom.plan_tier }} plan, \
             {{ company.custom.seats }} seats, {{ deal.title }} at {{ deal.value }} in {{ deal.stage }}.",
            None,
        ))
        .unwrap();
    assert_eq!((plan.as_str(), seats.as_str()), ("plan_tier", "seats"));

    let out = t.core.render_template(saved.id, RenderContext { contact_id: None, deal_id: Some(deal.id) }).unwrap();
    assert_eq!(out.subject, "Ada × Analytical Engines");
    assert!(
        out.body_text.starts_with(
            "Hi Ada Lovelace (ada@engines.example), Gold plan, 40 seats, Difference engine at $12,500.50 in "
        ),
        "{}",
        out.body_text
    );
    assert_eq!(out.body_html, None);
    assert!(out.missing.is_empty(), "{:?}", out.missing);
}

#[test]
fn fallbacks_cover_blank_and_missing_values_and_are_not_reported_missing() {
    let t = support::open();
    let nameless =
        t.core.create_contact(ContactInput { emails: vec!["x@y.example".into()], ..Default::default() }).unwrap();
    let saved = t
        .core
        .create_template(template(
            "Hello {{ contact.first_name | default(\"there\") }}",
            "Hi {{ contact.first_name | default('there') }}{% if contact.title %}, {{ contact.title }}{% endif %}.\n\
             Regards from {{ company.name }}",
            None,
        ))
        .unwrap();
    let out = t.core.render_template(saved.id, RenderContext::contact(nameless.id)).unwrap();
    assert_eq!(out.subject, "Hello there");
    assert_eq!(out.body_text, "Hi there.\nRegards from ");
    // The title is only tested, the first name has a fallback: only the company name printed empty.
    assert_eq!(out.missing, vec!["company.name".to_string()]);
}

#[test]
fn a_free_text_employer_is_the_company_name_and_many_render_in_order() {
    let t = support::open();
    let lead = t
        .core
        .create_contact(ContactInput {
            first_name: "Grace".into(),
            company_name: Some("Cobol Systems".into()),
            ..Default::default()
        })
        .unwrap();
    let other = t.core.create_contact(ContactInput { first_name: "Alan".into(), ..Default::default() }).unwrap();
    let saved = t
        .core
        .create_template(template("Hi {{ contact.first_name }}", "At {{ company.name | default('your team') }}", None))
        .unwrap();
    let out = t
        .core
        .render_template_many(saved.id, &[RenderContext::contact(other.id), RenderContext::contact(lead.id)])
        .unwrap();
    assert_eq!(out[0].subject, "Hi Alan");
    assert_eq!(out[0].body_text, "At your team");
    assert_eq!(out[1].body_text, "At Cobol Systems");

    t.core.delete_contacts(&[other.id]).unwrap();
    let err = t.core.render_template(saved.id, RenderContext::contact(other.id)).unwrap_err();
    assert_eq!(err.code(), "not_found");
}

#[test]
fn html_bodies_escape_merged_values_but_text_and_subject_do_not() {
    let t = support::open();
    let c = t
        .core
        .create_contact(ContactInput {
            first_name: "<b>Eve</b> & \"Co\"".into(),
            last_name: "X".into(),
            ..Default::default()
        })
        .unwrap();
    let saved = t
        .core
        .create_template(template(
            "For {{ contact.first_name }}\n",
            "Hi {{ contact.first_name }}",
            Some("<p>Hi <strong>{{ contact.first_name }}</strong></p>"),
        ))
        .unwrap();
    let out = t.core.render_template(saved.id, RenderContext::contact(c.id)).unwrap();
    assert_eq!(out.subject, "For <b>Eve</b> & \"Co\"");
    assert_eq!(out.body_text, "Hi <b>Eve</b> & \"Co\"");
    assert_eq!(
        out.body_html.as_deref(),
        Some("<p>Hi <strong>&lt;b&gt;Eve&lt;&#x2f;b&gt; &amp; &quot;Co&quot;</strong></p>")
    );
}

#[test]
fn a_subject_stays_one_line_whatever_is_merged() {
    let t = support::open();
    let c = t.core.create_contact(ContactInput { first_name: "Mallory".into(), ..Default::default() }).unwrap();
    let saved = t
        .core
        .create_template(template(
            "Hi{% if true %}\r\nBcc: all@x.example\n{% endif %} {{ contact.first_name }}",
            "x",
            None,
        ))
        .unwrap();
    let out = t.core.render_template(saved.id, RenderContext::contact(c.id)).unwrap();
    assert_eq!(out.subject, "Hi Bcc: all@x.example Mallory");
}

#[test]
fn syntax_errors_and_unknown_fields_are_refused_with_part_and_line() {
    let t = support::open();
    let (field, message) =
        validation(t.core.create_template(template("Hi", "Line one\nHi {{ contact.first_name ", None)).unwrap_err());
    assert_eq!(field, "body_text");
    assert!(message.starts_with("Line 2 of the text body: syntax error"), "{message}");

    let (field, message) = validation(
        t.core.create_template(template("Hi", "Hello", Some("<p>\n\n{{ contact.frist_name }}</p>"))).unwrap_err(),
    );
    assert_eq!(field, "body_html");
    assert!(message.contains("Line 3"), "{message}");
    assert!(
        message.contains("contact.frist_name") && message.contains("Did you mean contact.first_name?"),
        "{message}"
    );

    let (field, message) =
        validation(t.core.create_template(template("{{ contact.custom.nope }}", "x", None)).unwrap_err());
    assert_eq!(field, "subject");
    assert!(message.contains("contact.custom.nope"), "{message}");

    // An unknown filter only shows when rendering: the save-time trial render catches it.
    let (field, message) =
        validation(t.core.create_template(template("x", "{{ contact.email | shout }}", None)).unwrap_err());
    assert_eq!(field, "body_text");
    assert!(message.contains("unknown filter"), "{message}");

    let problems = t.core.check_template(&template("{{ deal.nope }}", "{% if %}", None)).unwrap();
    assert_eq!(problems.len(), 1, "syntax errors come first: {problems:?}");
    assert_eq!((problems[0].part, problems[0].line), (TemplatePart::BodyText, Some(1)));
    assert!(t.core.templates().unwrap().is_empty(), "nothing was saved");
}

#[test]
fn the_library_edits_deletes_and_restores() {
    let t = support::open();
    let a = t.core.create_template(template("A", "a", None)).unwrap();
    let dup = t.core.create_template(TemplateInput { name: " intro ".into(), ..template("B", "b", None) }).unwrap_err();
    assert_eq!(validation(dup).0, "name");
    let edited = t
        .core
        .update_template(a.id, TemplateInput { name: "Welcome".into(), ..template("Hi", "Hello", Some("  ")) })
        .unwrap();
    assert_eq!((edited.name.as_str(), edited.subject.as_str(), edited.body_html), ("Welcome", "Hi", None));

    t.core.delete_template(a.id).unwrap();
    assert!(t.core.templates().unwrap().is_empty());
    assert_eq!(t.core.render_template(a.id, RenderContext::default()).unwrap_err().code(), "not_found");
    t.core.restore_template(a.id).unwrap();
    assert_eq!(t.core.templates().unwrap()[0].name, "Welcome");
}

#[test]
fn preview_renders_a_draft_or_lists_its_problems() {
    let t = support::open();
    let c = t.core.create_contact(ContactInput { first_name: "Lin".into(), ..Default::default() }).unwrap();
    let good = t
        .core
        .preview_template(
            template("Hi {{ contact.first_name }}", "{{ contact.email }}", None),
            RenderContext::contact(c.id),
        )
        .unwrap();
    let rendered = good.rendered.unwrap();
    assert_eq!(rendered.subject, "Hi Lin");
    assert_eq!(rendered.missing, vec!["contact.email".to_string()]);

    let bad = t.core.preview_template(template("{{ contact.nope }}", "x", None), RenderContext::contact(c.id)).unwrap();
    assert!(bad.rendered.is_none());
    assert_eq!(bad.problems[0].part, TemplatePart::Subject);
}

#[test]
fn the_picker_lists_standard_and_custom_fields() {
    let t = support::open();
    field(&t, FieldEntity::Deal, "2nd owner", FieldType::Text);
    let fields = t.core.merge_fields().unwrap();
    let keys: Vec<&str> = fields.iter().map(|f| f.key.as_str()).collect();
    assert!(keys.contains(&"contact.first_name") && keys.contains(&"company.name") && keys.contains(&"deal.value"));
    let custom = fields.iter().find(|f| f.key == "deal.custom.2nd_owner").unwrap();
    assert_eq!(custom.snippet, "{{ deal.custom[\"2nd_owner\"] }}");
    // The bracket snippet the picker offers is accepted by a save.
    t.core.create_template(template("x", &custom.snippet, None)).unwrap();
}

#[test]
fn runaway_loops_run_out_of_fuel_instead_of_hanging() {
    let t = support::open();
    let (field, message) = validation(
        t.core
            .create_template(template(
                "x",
                "{% for i in range(100000) %}{% for j in range(100000) %}.{% endfor %}{% endfor %}",
                None,
            ))
            .unwrap_err(),
    );
    assert_eq!(field, "body_text");
    assert!(message.contains("too long"), "{message}");
}
