use crate::output::out;
use outpost_core::domain::{ContactInput, PageQuery};

use super::Ctx;
use crate::cli::ContactsCommand;
use crate::output;

pub fn run(ctx: &Ctx, command: ContactsCommand) -> anyhow::Result<()> {
    match command {
        ContactsCommand::List { limit, search, cursor, sort, desc } => {
            let mut page = ctx.core.contacts(&PageQuery {
                search: search.clone(),
                cursor,
                limit: Some(limit),
                sort,
                desc: Some(desc),
                ..Default::default()
            })?;
            page.total = Some(ctx.core.count_contacts(search.as_deref())?);
            if ctx.json {
                return output::json(&page);
            }
            let shown = page.items.len();
            let rows = page
                .items
                .into_iter()
                .map(|c| {
                    vec![
                        c.id.to_string(),
                        format!("{} {}", c.first_name, c.last_name).trim().to_string(),
                        c.email.unwrap_or_default(),
                        c.company_name.unwrap_or_default(),
                        c.lifecycle.as_str().to_string(),
                    ]
                })
                .collect();
            output::table(&["id", "name", "email", "company", "lifecycle"], rows);
            out!("{shown} of {} contacts", page.total.unwrap_or_default());
            if let Some(next) = page.next_cursor {
                out!("next page: --cursor '{next}'");
            }
            Ok(())
        }
        ContactsCommand::Show { id } => {
            let contact = ctx.core.contact(id)?;
            let mail = ctx.core.contact_mail_state(id)?;
            if ctx.json {
                // The record plus its deliverability: bounced (with why) and suppressed (with why).
                let mut value = serde_json::to_value(&contact)?;
                value["bounced"] = mail.bounced.into();
                value["bounce_reason"] = mail.bounce_reason.clone().into();
                value["suppressed"] = mail.suppressed.is_some().into();
                value["suppressed_reason"] = mail.suppressed.clone().into();
                return output::json(&value);
            }
            out!("{} {} (#{})", contact.first_name, contact.last_name, contact.id);
            for e in &contact.emails {
                out!("  email  {}{}", e.value, if e.is_primary { " (primary)" } else { "" });
            }
            for p in &contact.phones {
                out!("  phone  {}{}", p.value, if p.is_primary { " (primary)" } else { "" });
            }
            if let Some(c) = &contact.company_name {
                out!("  company  {c}");
            }
            if let Some(why) = &mail.bounce_reason {
                out!("  bounced  {why}");
            }
            if let Some(why) = &mail.suppressed {
                out!("  not mailed  {why}");
            }
            Ok(())
        }
        ContactsCommand::Add { first_name, last_name, email, phone, company, title } => {
            let contact = ctx.core.create_contact(ContactInput {
                first_name,
                last_name,
                emails: email,
                phones: phone,
                company_name: company,
                title,
                ..Default::default()
            })?;
            if ctx.json {
                output::json(&contact)
            } else {
                out!("Added contact {}.", contact.id);
                Ok(())
            }
        }
    }
}
