//! Tasks: lists by due date, completion with recurrence, reopening.
mod support;

use chrono::{Duration, TimeZone, Utc};
use outpost_core::domain::{TaskBucket, TaskInput};

fn task(title: &str, due: Option<chrono::DateTime<Utc>>, rrule: Option<&str>) -> TaskInput {
    TaskInput {
        title: title.into(),
        due_at: due.map(|d| d.to_rfc3339()),
        rrule: rrule.map(Into::into),
        ..Default::default()
    }
}

#[test]
fn completing_a_weekly_task_creates_the_next_occurrence_and_reopening_removes_it() {
    let t = support::open();
    // A Monday, 09:00 UTC (the tests run with the machine's zone; the rule keeps the wall-clock time).
    let monday = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    let weekly = t.core.create_task(task("Pipeline review", Some(monday), Some("FREQ=WEEKLY;BYDAY=MO"))).unwrap();
    let done = t.core.complete_task(weekly.id).unwrap();
    assert_eq!(done.task.status, "done");
    let next = done.next.expect("a next occurrence");
    let next_due = chrono::DateTime::parse_from_rfc3339(next.due_at.as_deref().unwrap()).unwrap();
    assert_eq!(next_due.with_timezone(&Utc) - monday, Duration::days(7));
    assert_eq!((next.series_id, next.status.as_str()), (Some(weekly.id), "open"));
    assert_eq!(t.core.complete_task(weekly.id).unwrap_err().code(), "conflict", "done twice");

    let reopened = t.core.reopen_task(weekly.id).unwrap();
    assert_eq!(reopened.status, "open");
    assert_eq!(t.core.task(next.id).unwrap_err().code(), "not_found", "the generated occurrence is gone");
}

#[test]
fn a_counted_series_ends() {
    let t = support::open();
    let start = Utc.with_ymd_and_hms(2026, 3, 2, 8, 30, 0).unwrap();
    let first = t.core.create_task(task("Daily stand-up", Some(start), Some("FREQ=DAILY;COUNT=2"))).unwrap();
    let second = t.core.complete_task(first.id).unwrap().next.expect("second occurrence");
    assert!(t.core.complete_task(second.id).unwrap().next.is_none(), "COUNT=2 ends after two");
}

#[test]
fn buckets_split_by_due_date() {
    let t = support::open();
    let now = Utc::now();
    t.core.create_task(task("late", Some(now - Duration::days(2)), None)).unwrap();
    t.core.create_task(task("later", Some(now + Duration::days(10)), None)).unwrap();
    t.core.create_task(task("someday", None, None)).unwrap();
    let titles = |b| t.core.tasks(b, now, 50).unwrap().into_iter().map(|t| t.title).collect::<Vec<_>>();
    assert_eq!(titles(TaskBucket::Overdue), ["late"]);
    assert_eq!(titles(TaskBucket::Upcoming), ["later", "someday"]);
    assert!(titles(TaskBucket::Today).is_empty());
    let late = t.core.tasks(TaskBucket::Overdue, now, 1).unwrap().remove(0);
    t.core.complete_task(late.id).unwrap();
    assert_eq!(titles(TaskBucket::Done), ["late"]);
    assert!(titles(TaskBucket::Overdue).is_empty());
}

#[test]
fn bad_task_input_names_the_field() {
    let t = support::open();
    let due = Some(Utc::now());
    for (input, field) in [
        (task(" ", due, None), "title"),
        (task("x", None, Some("FREQ=WEEKLY")), "due_at"),
        (task("x", due, Some("FREQ=SOMETIMES")), "rrule"),
        (TaskInput { kind: Some("nap".into()), ..task("x", due, None) }, "kind"),
        (TaskInput { due_at: Some("tomorrow".into()), ..task("x", None, None) }, "due_at"),
    ] {
        assert_eq!(t.core.create_task(input).unwrap_err().field(), Some(field));
    }
    assert_eq!(t.core.stats().unwrap().tasks, 0);
}

#[test]
fn reminders_fire_once_when_due_and_skip_stale_ones() {
    let t = support::open();
    let now = Utc::now();
    let soon = t.core.create_task(task("call back", Some(now + Duration::minutes(10)), None)).unwrap();
    let with_reminder = t
        .core
        .create_task(TaskInput {
            reminder_at: Some((now + Duration::minutes(5)).to_rfc3339()),
            ..task("demo prep", Some(now + Duration::hours(3)), None)
        })
        .unwrap();
    t.core.create_task(task("ancient", Some(now - Duration::days(3)), None)).unwrap();

    assert!(t.core.take_due_reminders(now).unwrap().is_empty(), "nothing due yet; the stale one is skipped");
    let first: Vec<i64> = t.core.take_due_reminders(now + Duration::minutes(6)).unwrap().iter().map(|t| t.id).collect();
    assert_eq!(first, vec![with_reminder.id], "the explicit reminder comes before its due time");
    let second: Vec<i64> =
        t.core.take_due_reminders(now + Duration::minutes(11)).unwrap().iter().map(|t| t.id).collect();
    assert_eq!(second, vec![soon.id], "without a reminder, the due time reminds");
    assert!(t.core.take_due_reminders(now + Duration::hours(4)).unwrap().is_empty(), "each reminder fires once");
}
