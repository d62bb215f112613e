//! A sequence's report: totals, the per-step funnel, reply rate, and what followed (deals, meetings).
use crate::domain::{SequenceStats, StepKind, StepStats, TaskStepKind};
use crate::error::Result;
use crate::store::{sequence_stats, sequences};
use crate::Outpost;

impl Outpost {
    pub fn sequence_stats(&self, sequence_id: i64) -> Result<SequenceStats> {
        self.db().read(|conn| {
            let sequence = sequences::get(conn, sequence_id)?;
            let t = sequence_stats::totals(conn, sequence_id)?;
            let by_position = sequence_stats::by_position(conn, sequence_id)?;
            let messages = sequence_stats::messages_by_step(conn, sequence_id)?;
            let stops = sequence_stats::stops_by_step(conn, sequence_id)?;
            let mailed = sequence_stats::mailed(conn, sequence_id)?;
            let outcomes = sequence_stats::outcomes(conn, sequence_id)?;
            let steps: Vec<StepStats> = sequence
                .steps
                .iter()
                .map(|s| {
                    let reached = by_position.iter().filter(|(p, _)| *p > s.position).map(|(_, n)| n).sum();
                    let (sent, queued) = messages.get(&s.id).copied().unwrap_or_default();
                    let stop = stops.get(&s.id).copied().unwrap_or_default();
                    StepStats {
                        step_id: s.id,
                        position: s.position,
                        kind: s.kind,
                        label: label(s),
                        reached,
                        sent,
                        queued,
                        replied: stop.replied,
                        bounced: stop.bounced,
                        unsubscribed: stop.unsubscribed,
                        tasks_created: if s.kind == StepKind::Task { reached } else { 0 },
                    }
                })
                .collect();
            let sent = messages.values().map(|(s, _)| s).sum();
            Ok(SequenceStats {
                sequence_id,
                name: sequence.name,
                enrolled: t.enrolled,
                active: t.active,
                paused: t.paused,
                completed: t.completed,
                stopped: t.stopped,
                sent,
                replied: t.replied,
                bounced: t.bounced,
                unsubscribed: t.unsubscribed,
                reply_rate: if mailed > 0 { t.replied as f64 / mailed as f64 } else { 0.0 },
                deals_created: outcomes.deals,
                leads_created: outcomes.leads,
                meetings: outcomes.meetings,
                steps,
            })
        })
    }
}

/// "Email: Intro", "Wait 2 business days", "Task: call".
fn label(s: &crate::domain::SequenceStep) -> String {
    match s.kind {
        StepKind::Email => format!("Email: {}", s.template_name.as_deref().unwrap_or("(no template)")),
        StepKind::Wait => {
            let n = s.wait_days.unwrap_or(0);
            let unit = if s.business_days { "business day" } else { "day" };
            format!("Wait {n} {unit}{}", if n == 1 { "" } else { "s" })
        }
        StepKind::Task => match (s.task_kind, s.task_title.as_deref()) {
            (_, Some(t)) => format!("Task: {t}"),
            (Some(TaskStepKind::Call), None) => "Task: call".into(),
            (Some(TaskStepKind::Linkedin), None) => "Task: LinkedIn message".into(),
            _ => "Task".into(),
        },
    }
}
