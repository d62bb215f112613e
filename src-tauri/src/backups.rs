//! The automatic daily backup: made at start-up when today's is missing, checked again every hour while
//! the app stays open (a laptop left running overnight still gets one per day). Retention is the core's.
use std::sync::Arc;
use std::time::Duration;

use outpost_core::Outpost;

const CHECK_EVERY: Duration = Duration::from_secs(60 * 60);

pub fn spawn(core: Arc<Outpost>) {
    let spawned = std::thread::Builder::new().name("backup".into()).spawn(move || loop {
        match core.backup_daily() {
            Ok(Some(path)) => tracing::info!("daily backup written to {}", path.display()),
            Ok(None) => {}
            Err(e) => tracing::warn!("daily backup: {e}"),
        }
        std::thread::sleep(CHECK_EVERY);
    });
    if let Err(e) = spawned {
        tracing::warn!("could not start the backup thread: {e}");
    }
}
