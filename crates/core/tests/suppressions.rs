//! The suppression list on a real database: emails, domains (with subdomains) and companies, matched
//! case-insensitively, with the reason given back.
mod support;

use outpost_core::domain::{CompanyInput, ContactInput, SuppressionInput, SuppressionKind, SuppressionReason};

fn add(t: &support::TestDb, value: &str, reason: Option<SuppressionReason>) -> outpost_core::domain::Suppression {
    t.core.add_suppression(SuppressionInput { value: value.into(), reason, ..Default::default() }).unwrap()
}

#[test]
fn an_email_matches_whatever_its_case() {
    let t = support::open();
    let entry = add(&t, " Ada@Engines.Example ", Some(SuppressionReason::Unsubscribe));
    assert_eq!((entry.kind, entry.value.as_str()), (SuppressionKind::Email, "ada@engines.example"));
    let why = t.core.is_suppressed("ADA@engines.EXAMPLE").unwrap().unwrap();
    assert_eq!(why, "ada@engines.example is on the suppression list (unsubscribed)");
    assert_eq!(t.core.is_suppressed("<ada@engines.example>").unwrap(), Some(why));
    assert_eq!(t.core.is_suppressed("charles@engines.example").unwrap(), None);
}

#[test]
fn a_domain_covers_its_subdomains_but_not_lookalikes() {
    let t = support::open();
    let entry = t
        .core
        .add_suppression(SuppressionInput {
            value: "@Competitor.example".into(),
            reason: Some(SuppressionReason::Manual),
            note: Some("  their legal asked  ".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!((entry.kind, entry.value.as_str()), (SuppressionKind::Domain, "competitor.example"));
    assert_eq!(
        t.core.is_suppressed("Bob@Competitor.Example").unwrap().as_deref(),
        Some("the domain competitor.example is on the suppression list (added by hand: their legal asked)")
    );
    assert!(t.core.is_suppressed("bob@eu.mail.competitor.example").unwrap().is_some());
    assert_eq!(t.core.is_suppressed("bob@notcompetitor.example").unwrap(), None);
    assert_eq!(t.core.is_suppressed("bob@competitor.example.org").unwrap(), None);
}

#[test]
fn a_company_covers_its_contacts_and_its_domain() {
    let t = support::open();
    let acme = t
        .core
        .create_company(CompanyInput {
            name: "Acme".into(),
            website: Some("https://acme.example".into()),
            ..Default::default()
        })
        .unwrap();
    // An address at another domain, linked to the company through its contact.
    t.core
        .create_contact(ContactInput {
            first_name: "Wile".into(),
            emails: vec!["wile@gmail.example".into()],
            company_id: Some(acme.id),
            ..Default::default()
        })
        .unwrap();
    let entry = t
        .core
        .add_suppression(SuppressionInput {
            company_id: Some(acme.id),
            reason: Some(SuppressionReason::Complaint),
            ..Default::default()
        })
        .unwrap();
    assert_eq!((entry.kind, entry.label.as_str()), (SuppressionKind::Company, "Acme"));
    let why = t.core.is_suppressed("Wile@Gmail.example").unwrap().unwrap();
    assert_eq!(why, "the company Acme is on the suppression list (spam complaint)");
    assert!(t.core.is_suppressed("roadrunner@acme.example").unwrap().is_some());
    assert_eq!(t.core.is_suppressed("someone@gmail.example").unwrap(), None);
}

#[test]
fn the_most_specific_entry_gives_the_reason() {
    let t = support::open();
    add(&t, "x.example", Some(SuppressionReason::Manual));
    add(&t, "bounced@x.example", Some(SuppressionReason::HardBounce));
    assert_eq!(
        t.core.is_suppressed("bounced@x.example").unwrap().as_deref(),
        Some("bounced@x.example is on the suppression list (hard bounce)")
    );
}

#[test]
fn adding_twice_or_nonsense_is_refused_and_remove_can_be_undone() {
    let t = support::open();
    let entry = add(&t, "ada@engines.example", None);
    let err = t.core.add_suppression(SuppressionInput { value: "ADA@engines.example".into(), ..Default::default() });
    assert!(matches!(err, Err(outpost_core::CoreError::Validation { field: Some(ref f), .. }) if f == "value"));
    let err = t
        .core
        .add_suppression(SuppressionInput {
            kind: Some(SuppressionKind::Email),
            value: "not an email".into(),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("value"));
    let err = t
        .core
        .add_suppression(SuppressionInput {
            kind: Some(SuppressionKind::Company),
            company_id: Some(999),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("company_id"));

    let removed = t.core.remove_suppression(entry.id).unwrap();
    assert_eq!(t.core.is_suppressed("ada@engines.example").unwrap(), None);
    assert!(t.core.suppressions().unwrap().is_empty());
    // Undo: add back what was removed.
    t.core
        .add_suppression(SuppressionInput {
            kind: Some(removed.kind),
            value: removed.value,
            reason: Some(removed.reason),
            note: removed.note,
            company_id: None,
        })
        .unwrap();
    assert!(t.core.is_suppressed("ada@engines.example").unwrap().is_some());
    assert_eq!(t.core.remove_suppression(9999).unwrap_err().code(), "not_found");
}

/// The campaign path checks all recipients in one query: it must agree with the one-address check on every
/// kind of entry (email, domain with subdomains, company by contact and by domain) and keep the caller's spelling.
#[test]
fn the_batch_check_agrees_with_the_single_check() {
    let t = support::open();
    let acme = t
        .core
        .create_company(CompanyInput {
            name: "Acme".into(),
            website: Some("https://acme.example".into()),
            ..Default::default()
        })
        .unwrap();
    t.core
        .create_contact(ContactInput {
            first_name: "Wile".into(),
            emails: vec!["wile@gmail.example".into()],
            company_id: Some(acme.id),
            ..Default::default()
        })
        .unwrap();
    t.core.add_suppression(SuppressionInput { company_id: Some(acme.id), ..Default::default() }).unwrap();
    add(&t, "Ada@Engines.Example", None);
    add(&t, "competitor.example", None);
    let emails = [
        "ADA@engines.example",
        "charles@engines.example",
        "bob@eu.competitor.example",
        "bob@notcompetitor.example",
        "Wile@Gmail.example",
        "someone@gmail.example",
        "roadrunner@acme.example",
        "root@localhost",
    ];
    let batch = t
        .core
        .db()
        .read(|conn| outpost_core::ops::suppressions::suppressed_among(conn, emails.iter().copied()))
        .unwrap();
    let single: std::collections::HashSet<&str> =
        emails.iter().copied().filter(|e| t.core.is_suppressed(e).unwrap().is_some()).collect();
    assert_eq!(single.len(), 4, "{single:?}");
    assert_eq!(batch, single);
}
