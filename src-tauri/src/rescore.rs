//! Lead scores decay with each day of silence: rescore everyone at start-up, and again every few hours while
//! the app stays open, whenever the last full rescore is more than a day old. Off the UI's path: a 1M-contact
//! rescore takes seconds.
use std::sync::Arc;
use std::time::Duration;

use outpost_core::Outpost;

const CHECK_EVERY: Duration = Duration::from_secs(6 * 60 * 60);

pub fn spawn(core: Arc<Outpost>) {
    let spawned = std::thread::Builder::new().name("rescore".into()).spawn(move || loop {
        match core.rescore_if_stale(chrono::Duration::days(1)) {
            Ok(Some(s)) => tracing::info!("rescored {} contacts ({} changed) in {} ms", s.scored, s.changed, s.millis),
            Ok(None) => {}
            Err(e) => tracing::warn!("lead rescore: {e}"),
        }
        std::thread::sleep(CHECK_EVERY);
    });
    if let Err(e) = spawned {
        tracing::warn!("could not start the lead rescore thread: {e}");
    }
}
