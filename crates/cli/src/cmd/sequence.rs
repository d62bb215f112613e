//! `outpost sequence create|list|enroll|stats|convert` and `outpost scheduler tick`.
use chrono::{DateTime, Utc};
use outpost_core::domain::{ConversionTarget, EnrollSource, SequenceInput};
use outpost_core::CoreError;

use super::Ctx;
use crate::cli::{SchedulerCommand, SequenceCommand};
use crate::output::{self, out};

pub fn run(ctx: &Ctx, command: SequenceCommand) -> anyhow::Result<()> {
    match command {
        SequenceCommand::Create { file } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| CoreError::validation("file", format!("Cannot read {}: {e}", file.display())))?;
            let input: SequenceInput = serde_json::from_str(&text).map_err(|e| {
                CoreError::validation("file", format!("{} is not a sequence file: {e}", file.display()))
            })?;
            let s = ctx.core.create_sequence(input)?;
            if ctx.json {
                return output::json(&s);
            }
            out!("Created sequence {} “{}” ({}, {} steps).", s.id, s.name, s.status.as_str(), s.steps.len());
            Ok(())
        }
        SequenceCommand::List => {
            let list = ctx.core.sequences()?;
            if ctx.json {
                return output::json(&list);
            }
            let rows = list
                .iter()
                .map(|s| {
                    vec![
                        s.id.to_string(),
                        s.name.clone(),
                        s.kind.as_str().into(),
                        s.status.as_str().into(),
                        s.steps.to_string(),
                        s.enrolled.to_string(),
                        s.active.to_string(),
                        s.sent.to_string(),
                        s.replied.to_string(),
                    ]
                })
                .collect();
            output::table(&["ID", "NAME", "KIND", "STATUS", "STEPS", "ENROLLED", "ACTIVE", "SENT", "REPLIED"], rows);
            Ok(())
        }
        SequenceCommand::Enroll { sequence, view, contacts, dry_run } => {
            let source = match (view, contacts) {
                (Some(v), _) => EnrollSource::View(v),
                (None, Some(ids)) => EnrollSource::Contacts(ids),
                (None, None) => return Err(CoreError::validation("contacts", "Give --view or --contacts.").into()),
            };
            let r = if dry_run {
                ctx.core.sequence_enroll_preview(sequence, source)?
            } else {
                ctx.core.sequence_enroll(sequence, source)?
            };
            if ctx.json {
                return output::json(&r);
            }
            let verb = if r.dry_run { "Would enroll" } else { "Enrolled" };
            out!("{verb} {} contact(s); skipped {}.", r.enrolled, r.skipped.len());
            for s in &r.skipped {
                out!("  {} {} — {}: {}", s.contact_id, s.name, s.reason.as_str(), s.detail);
            }
            Ok(())
        }
        SequenceCommand::Stats { sequence } => {
            let s = ctx.core.sequence_stats(sequence)?;
            if ctx.json {
                return output::json(&s);
            }
            out!(
                "{}: {} enrolled ({} active, {} completed, {} stopped); {} sent, {} replied ({:.1}%), {} bounced, \
                 {} unsubscribed; {} deals, {} leads, {} meetings",
                s.name,
                s.enrolled,
                s.active,
                s.completed,
                s.stopped,
                s.sent,
                s.replied,
                s.reply_rate * 100.0,
                s.bounced,
                s.unsubscribed,
                s.deals_created,
                s.leads_created,
                s.meetings
            );
            for st in &s.steps {
                out!(
                    "  {}. {} — reached {}, sent {}, replied {}",
                    st.position + 1,
                    st.label,
                    st.reached,
                    st.sent,
                    st.replied
                );
            }
            Ok(())
        }
        SequenceCommand::Convert { enrollment, to } => {
            let target = ConversionTarget::parse(to.trim())
                .ok_or_else(|| CoreError::validation("to", format!("“{to}”: say deal or lead.")))?;
            let e = ctx.core.convert_enrollment(enrollment, target)?;
            if ctx.json {
                return output::json(&e);
            }
            match e.converted_deal_id {
                Some(deal) => out!("Opened deal {deal} for {} from their reply.", e.contact_name),
                None => out!("{} is now an engaged lead.", e.contact_name),
            }
            Ok(())
        }
    }
}

pub fn scheduler(ctx: &Ctx, command: SchedulerCommand) -> anyhow::Result<()> {
    match command {
        SchedulerCommand::Tick { now } => {
            let now = match now.as_deref() {
                Some(s) => DateTime::parse_from_rfc3339(s)
                    .map_err(|_| CoreError::validation("now", format!("“{s}” is not an RFC 3339 time.")))?
                    .with_timezone(&Utc),
                None => Utc::now(),
            };
            let r = ctx.core.scheduler_tick(now)?;
            if ctx.json {
                return output::json(&r);
            }
            out!(
                "{}: {} due, {} emails queued, {} tasks, {} waits, {} completed, {} stopped, {} held by the daily cap, \
                 {} by the send window",
                r.now,
                r.due,
                r.queued,
                r.tasks_created,
                r.waits_started,
                r.completed,
                r.stopped,
                r.deferred_by_cap,
                r.deferred_by_window
            );
            for p in &r.problems {
                out!("  {p}");
            }
            Ok(())
        }
    }
}
