//! `outpost send` (queue one message) and `outpost outbox list|run`.
use outpost_core::domain::{OutboundStatus, SendInput};
use outpost_core::mail::outbox::{run_once, LiveConnector, Settings, SystemClock};
use outpost_core::CoreError;

use super::Ctx;
use crate::cli::OutboxCommand;
use crate::output::{self, out};

pub struct SendArgs {
    pub mailbox: i64,
    pub to: Option<String>,
    pub subject: Option<String>,
    pub body: Option<String>,
    pub template: Option<i64>,
    pub contact: Option<i64>,
}

pub fn send(ctx: &Ctx, a: SendArgs) -> anyhow::Result<()> {
    let queued = ctx.core.outbox_queue(SendInput {
        mailbox_id: a.mailbox,
        to: a.to,
        subject: a.subject,
        body_text: a.body,
        template_id: a.template,
        contact_id: a.contact,
        ..Default::default()
    })?;
    if ctx.json {
        return output::json(&queued);
    }
    out!("Queued message {} ({}).", queued.id, queued.message_id);
    if let Some(at) = &queued.goes_at {
        out!("It goes at {at} (UTC).");
    }
    if !queued.missing_fields.is_empty() {
        out!("Left empty (no value on the record): {}", queued.missing_fields.join(", "));
    }
    Ok(())
}

pub fn run(ctx: &Ctx, command: OutboxCommand) -> anyhow::Result<()> {
    match command {
        OutboxCommand::List { status, limit } => {
            let status = match status.as_deref() {
                None => None,
                Some(s) => Some(OutboundStatus::parse(s).ok_or_else(|| {
                    CoreError::validation("status", "Use queued, sending, sent, failed or cancelled.")
                })?),
            };
            let outbox = ctx.core.outbox(status, limit)?;
            if ctx.json {
                return output::json(&outbox);
            }
            for s in &outbox.senders {
                let limit = if s.daily_limit > 0 { format!("/{}", s.daily_limit) } else { String::new() };
                out!(
                    "{} <{}>: {} — {} waiting, {} failed, {}{} sent today{}",
                    s.name,
                    s.email,
                    s.state_reason.as_deref().unwrap_or(match s.state {
                        outpost_core::domain::MailboxState::Active => "active",
                        outpost_core::domain::MailboxState::Paused => "paused",
                        outpost_core::domain::MailboxState::AuthFailed => "password refused",
                    }),
                    s.queued,
                    s.failed,
                    s.sent_today,
                    limit,
                    s.next_at.as_deref().map(|t| format!(", next at {t}")).unwrap_or_default()
                );
            }
            let rows = outbox
                .items
                .iter()
                .map(|i| {
                    vec![
                        i.id.to_string(),
                        i.status.as_str().to_string(),
                        i.to_addr.clone(),
                        i.subject.clone(),
                        i.goes_at.clone().or_else(|| i.sent_at.clone()).unwrap_or_default(),
                        i.waiting_reason.clone().or_else(|| i.last_error.clone()).unwrap_or_default(),
                    ]
                })
                .collect();
            output::table(&["ID", "STATUS", "TO", "SUBJECT", "WHEN", "NOTE"], rows);
            Ok(())
        }
        OutboxCommand::Run => {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            let counts = runtime.block_on(run_once(&ctx.core, &LiveConnector, &SystemClock, &Settings::default()))?;
            if ctx.json {
                return output::json(&counts);
            }
            out!(
                "Sent {}, failed {}, deferred {} (suppressed {}, recovered {}).",
                counts.sent,
                counts.failed,
                counts.deferred,
                counts.suppressed,
                counts.recovered
            );
            for p in &counts.problems {
                out!("Not tried: {p}");
            }
            Ok(())
        }
    }
}
