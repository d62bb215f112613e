//! The sequence scheduler: a tick at start-up (catching up on what fell due while the app was closed) and about
//! once a minute after (`OUTPOST_SCHEDULER_TICK_SECS` changes that, for tests). The core keeps the schedule in
//! SQLite and never runs a step twice, so a tick that fails or comes late only delays work; a failed tick is
//! retried sooner, and a panic ends that tick, not the thread.
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use outpost_core::Outpost;

const TICK_EVERY: Duration = Duration::from_secs(60);
/// Seconds between ticks instead of a minute: end-to-end tests set it low so a step goes while they watch.
const TICK_ENV: &str = "OUTPOST_SCHEDULER_TICK_SECS";
/// After a failed tick (the database busy with a long import, say): try again soon, not in a minute.
const RETRY_AFTER: Duration = Duration::from_secs(10);

fn tick_every() -> Duration {
    std::env::var(TICK_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|s| (1..=3600).contains(s))
        .map_or(TICK_EVERY, Duration::from_secs)
}

pub fn spawn(core: Arc<Outpost>) {
    let every = tick_every();
    let spawned = std::thread::Builder::new().name("scheduler".into()).spawn(move || {
        // Problems (no mailbox, mailbox paused) repeat every tick until fixed: log them when they change.
        let mut last_problems: Vec<String> = Vec::new();
        loop {
            let pause = match catch_unwind(AssertUnwindSafe(|| core.scheduler_tick(Utc::now()))) {
                Ok(Ok(report)) => {
                    if report.queued + report.tasks_created + report.completed + report.stopped > 0 {
                        tracing::info!(
                            "scheduler: {} emails queued, {} tasks, {} completed, {} stopped, {} held by caps",
                            report.queued,
                            report.tasks_created,
                            report.completed,
                            report.stopped,
                            report.deferred_by_cap
                        );
                    }
                    if report.problems != last_problems {
                        for p in &report.problems {
                            tracing::warn!("scheduler: {p}");
                        }
                        last_problems = report.problems;
                    }
                    every
                }
                Ok(Err(e)) => {
                    tracing::warn!("scheduler tick failed, retrying: {e}");
                    RETRY_AFTER.min(every)
                }
                Err(_) => {
                    tracing::error!("scheduler tick panicked, retrying");
                    RETRY_AFTER.min(every)
                }
            };
            std::thread::sleep(pause);
        }
    });
    if let Err(e) = spawned {
        tracing::warn!("could not start the scheduler thread: {e}");
    }
}
