//! Background jobs: each reports progress on the event bus and can be cancelled from anywhere.
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{CoreError, Result};
use crate::events::{CoreEvent, EventBus};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Running,
    Completed,
    Failed,
    Cancelled,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct JobProgress {
    pub job_id: u32,
    pub kind: String,
    pub state: JobState,
    pub done: u32,
    pub total: Option<u32>,
    /// Items per second so far, for an ETA.
    pub rate: f64,
    pub message: Option<String>,
}

#[derive(Clone, Default)]
pub struct Jobs {
    inner: Arc<JobsInner>,
}

#[derive(Default)]
struct JobsInner {
    next: AtomicU64,
    running: Mutex<HashMap<u32, Arc<AtomicBool>>>,
}

impl Jobs {
    pub fn start(&self, kind: &str, events: &EventBus) -> JobHandle {
        let id = self.inner.next.fetch_add(1, Ordering::Relaxed) as u32 + 1;
        let cancel = Arc::new(AtomicBool::new(false));
        self.inner.running.lock().unwrap().insert(id, cancel.clone());
        let handle = JobHandle {
            id,
            kind: kind.to_string(),
            cancel,
            started: Instant::now(),
            events: events.clone(),
            jobs: self.clone(),
        };
        handle.report(JobState::Running, 0, None, None);
        handle
    }

    /// Asks a running job to stop; it stops at its next check. False when no such job runs.
    pub fn cancel(&self, id: u32) -> bool {
        match self.inner.running.lock().unwrap().get(&id) {
            Some(flag) => {
                flag.store(true, Ordering::Relaxed);
                true
            }
            None => false,
        }
    }

    pub fn running(&self) -> Vec<u32> {
        self.inner.running.lock().unwrap().keys().copied().collect()
    }
}

pub struct JobHandle {
    id: u32,
    kind: String,
    cancel: Arc<AtomicBool>,
    started: Instant,
    events: EventBus,
    jobs: Jobs,
}

impl JobHandle {
    pub fn id(&self) -> u32 {
        self.id
    }

    pub fn progress(&self, done: u32, total: Option<u32>) {
        self.report(JobState::Running, done, total, None);
    }

    /// Err(Cancelled) once someone asked the job to stop.
    pub fn check(&self) -> Result<()> {
        if self.cancel.load(Ordering::Relaxed) {
            Err(CoreError::Cancelled)
        } else {
            Ok(())
        }
    }

    /// Reports how the job ended, given its result.
    pub fn finish<T>(self, done: u32, result: &Result<T>) {
        let (state, message) = match result {
            Ok(_) => (JobState::Completed, None),
            Err(CoreError::Cancelled) => (JobState::Cancelled, None),
            Err(e) => (JobState::Failed, Some(e.to_string())),
        };
        self.report(state, done, Some(done), message);
    }

    fn report(&self, state: JobState, done: u32, total: Option<u32>, message: Option<String>) {
        let secs = self.started.elapsed().as_secs_f64();
        self.events.emit(CoreEvent::JobProgress(JobProgress {
            job_id: self.id,
            kind: self.kind.clone(),
            state,
            done,
            total,
            rate: if secs > 0.0 { done as f64 / secs } else { 0.0 },
            message,
        }));
    }
}

impl Drop for JobHandle {
    fn drop(&mut self) {
        self.jobs.inner.running.lock().unwrap().remove(&self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancel_reaches_the_job_and_progress_is_reported() {
        let events = EventBus::default();
        let mut rx = events.subscribe();
        let jobs = Jobs::default();
        let job = jobs.start("demo", &events);
        assert!(job.check().is_ok());
        job.progress(5, Some(10));
        assert!(jobs.cancel(job.id()));
        assert!(matches!(job.check(), Err(CoreError::Cancelled)));
        let id = job.id();
        job.finish::<()>(5, &Err(CoreError::Cancelled));
        assert!(!jobs.cancel(id), "a finished job is no longer cancellable");

        let states: Vec<(JobState, u32)> = std::iter::from_fn(|| rx.try_recv().ok())
            .map(|e| match e {
                CoreEvent::JobProgress(p) => (p.state, p.done),
                other => panic!("unexpected {other:?}"),
            })
            .collect();
        assert_eq!(states, vec![(JobState::Running, 0), (JobState::Running, 5), (JobState::Cancelled, 5)]);
    }
}
