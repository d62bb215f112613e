//! Tasks: create, the Today / Overdue / Upcoming lists, completing (with recurrence) and reopening.
use chrono::{DateTime, Local, TimeZone, Utc};
use serde_json::json;

use crate::domain::{Entity, Task, TaskBucket, TaskCompleted, TaskInput};
use crate::error::{CoreError, Result};
use crate::store::{self, activities::NewActivity, tasks::TaskRow};
use crate::time::{parse_iso, to_iso};
use crate::Outpost;

const KINDS: &[&str] = &["call", "email", "meeting", "follow_up", "demo", "proposal", "other"];
const PRIORITIES: &[&str] = &["low", "normal", "high", "urgent"];

impl Outpost {
    pub fn create_task(&self, input: TaskInput) -> Result<Task> {
        let title = input.title.trim();
        if title.is_empty() {
            return Err(CoreError::validation("title", "A task needs a title."));
        }
        let kind = one_of("kind", input.kind.as_deref().unwrap_or("follow_up"), KINDS)?;
        let priority = one_of("priority", input.priority.as_deref().unwrap_or("normal"), PRIORITIES)?;
        let due = instant("due_at", input.due_at.as_deref())?;
        let reminder = instant("reminder_at", input.reminder_at.as_deref())?;
        let rrule = crate::normalize::text(input.rrule.as_deref());
        if let Some(rule) = &rrule {
            let from = due.ok_or_else(|| CoreError::validation("due_at", "A repeating task needs a due date."))?;
            next_occurrence(rule, from)?;
        }
        let now = to_iso(Utc::now());
        let id = self.db().write(|tx| {
            if let Some(id) = input.contact_id {
                store::contacts::get(tx, id)?;
            }
            if let Some(id) = input.deal_id {
                store::deals::get(tx, id)?;
            }
            let id = store::tasks::insert_row(
                tx,
                &TaskRow {
                    title,
                    kind,
                    priority,
                    due_at: due.map(to_iso).as_deref(),
                    reminder_at: reminder.map(to_iso).as_deref(),
                    rrule: rrule.as_deref(),
                    series_id: None,
                    notes: crate::normalize::text(input.notes.as_deref()).as_deref(),
                    contact_id: input.contact_id,
                    company_id: input.company_id,
                    deal_id: input.deal_id,
                    now: &now,
                },
            )?;
            Ok(id)
        })?;
        self.events().changed(Entity::Task, vec![id]);
        self.task(id)
    }

    pub fn task(&self, id: i64) -> Result<Task> {
        self.db().read(|conn| store::tasks::get(conn, id))
    }

    /// One of the task lists, as of `now` in the rep's local day.
    pub fn tasks(&self, bucket: TaskBucket, now: DateTime<Utc>, limit: usize) -> Result<Vec<Task>> {
        let end_of_today = end_of_local_day(now);
        self.db()
            .read(|conn| store::tasks::list(conn, bucket, &to_iso(now), &to_iso(end_of_today), limit.clamp(1, 1000)))
    }

    /// Marks a task done, logs it on the timeline, and creates the next occurrence of a repeating task.
    pub fn complete_task(&self, id: i64) -> Result<TaskCompleted> {
        let now = Utc::now();
        let at = to_iso(now);
        let (done_id, next_id) = self.db().write(|tx| {
            let task = store::tasks::get(tx, id)?;
            if task.status != "open" {
                return Err(CoreError::Conflict(format!("“{}” is already {}.", task.title, task.status)));
            }
            store::tasks::set_status(tx, id, "done", Some(&at), &at)?;
            store::activities::insert(
                tx,
                &NewActivity {
                    kind: "task",
                    subject: &format!("Completed: {}", task.title),
                    body: task.notes.as_deref(),
                    occurred_at: &at,
                    contact_id: task.contact_id,
                    company_id: task.company_id,
                    deal_id: task.deal_id,
                    meta: json!({ "task": task.title, "task_kind": task.kind }),
                },
            )?;
            let mut next_id = None;
            if let (Some(rule), Some(due)) = (task.rrule.as_deref(), task.due_at.as_deref().and_then(parse_iso)) {
                // Anchored on the series' first due date, so COUNT and UNTIL end the series where they should.
                let first = match task.series_id {
                    Some(root) => store::tasks::get(tx, root).ok().and_then(|r| r.due_at).and_then(|d| parse_iso(&d)),
                    None => Some(due),
                };
                if let Some(next_due) = occurrence_after(rule, first.unwrap_or(due), due)? {
                    let shift = task.reminder_at.as_deref().and_then(parse_iso).map(|r| r - due);
                    next_id = Some(store::tasks::insert_row(
                        tx,
                        &TaskRow {
                            title: &task.title,
                            kind: &task.kind,
                            priority: &task.priority,
                            due_at: Some(&to_iso(next_due)),
                            reminder_at: shift.map(|s| to_iso(next_due + s)).as_deref(),
                            rrule: Some(rule),
                            series_id: Some(task.series_id.unwrap_or(task.id)),
                            notes: task.notes.as_deref(),
                            contact_id: task.contact_id,
                            company_id: task.company_id,
                            deal_id: task.deal_id,
                            now: &at,
                        },
                    )?);
                }
            }
            if let Some(contact_id) = task.contact_id {
                crate::ops::scoring::rescore_contact(tx, contact_id)?;
            }
            Ok((id, next_id))
        })?;
        self.events().changed(Entity::Task, [Some(done_id), next_id].into_iter().flatten().collect());
        Ok(TaskCompleted { task: self.task(done_id)?, next: next_id.map(|n| self.task(n)).transpose()? })
    }

    /// Tasks whose reminder time has come, each returned once (the shell shows them as OS notifications).
    /// Reminders older than a day are skipped: after a week away the rep sees the Overdue list, not a flood.
    pub fn take_due_reminders(&self, now: DateTime<Utc>) -> Result<Vec<Task>> {
        let due = self
            .db()
            .write(|tx| store::tasks::take_due_reminders(tx, &to_iso(now), &to_iso(now - chrono::Duration::days(1))))?;
        if !due.is_empty() {
            self.events().changed(Entity::Task, due.iter().map(|t| t.id).collect());
        }
        Ok(due)
    }

    /// Undoes `complete_task`: the task is open again and an untouched next occurrence is removed.
    pub fn reopen_task(&self, id: i64) -> Result<Task> {
        let at = to_iso(Utc::now());
        self.db().write(|tx| {
            let task = store::tasks::get(tx, id)?;
            store::tasks::set_status(tx, id, "open", None, &at)?;
            if task.rrule.is_some() {
                if let Some(next) = store::tasks::generated_after(tx, task.series_id.unwrap_or(task.id), task.id)? {
                    store::tasks::delete_hard(tx, next)?;
                }
            }
            if let Some(contact_id) = task.contact_id {
                crate::ops::scoring::rescore_contact(tx, contact_id)?;
            }
            Ok(())
        })?;
        self.events().changed(Entity::Task, vec![id]);
        self.task(id)
    }
}

fn one_of<'a>(field: &str, value: &'a str, allowed: &[&str]) -> Result<&'a str> {
    if allowed.contains(&value) {
        Ok(value)
    } else {
        Err(CoreError::validation(field, format!("“{value}” is not one of {}.", allowed.join(", "))))
    }
}

fn instant(field: &str, value: Option<&str>) -> Result<Option<DateTime<Utc>>> {
    match crate::normalize::text(value) {
        None => Ok(None),
        Some(s) => parse_iso(&s)
            .map(Some)
            .ok_or_else(|| CoreError::validation(field, format!("“{s}” is not a date and time."))),
    }
}

/// Checks a rule by computing its first repeat after `start`.
fn next_occurrence(rule: &str, start: DateTime<Utc>) -> Result<Option<DateTime<Utc>>> {
    occurrence_after(rule, start, start)
}

/// The first occurrence of `rule` (starting at `start`) later than `after`, computed in the rep's local time
/// zone so that "every Monday at 9:00" stays at 9:00 across daylight-saving changes. None when the series ended.
pub fn occurrence_after(rule: &str, start: DateTime<Utc>, after: DateTime<Utc>) -> Result<Option<DateTime<Utc>>> {
    let invalid = |e: String| CoreError::validation("rrule", format!("The repeat rule “{rule}” is not valid: {e}"));
    let unvalidated: rrule::RRule<rrule::Unvalidated> =
        rule.trim().parse().map_err(|e: rrule::RRuleError| invalid(e.to_string()))?;
    let set = unvalidated.build(start.with_timezone(&rrule::Tz::LOCAL)).map_err(|e| invalid(e.to_string()))?;
    // Bounded: a rule whose occurrences never pass `after` (or a yearly rule decades back) ends the search.
    Ok(set.into_iter().take(10_000).map(|d| d.with_timezone(&Utc)).find(|d| *d > after))
}

fn end_of_local_day(now: DateTime<Utc>) -> DateTime<Utc> {
    let local = now.with_timezone(&Local).date_naive();
    let midnight = local.succ_opt().unwrap_or(local).and_hms_opt(0, 0, 0).expect("midnight");
    Local.from_local_datetime(&midnight).earliest().map(|d| d.with_timezone(&Utc)).unwrap_or(now)
}
