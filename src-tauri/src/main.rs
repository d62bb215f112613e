// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// mimalloc: see the workspace manifest.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// Not set automatically: `WEBKIT_DISABLE_COMPOSITING_MODE=1` makes scrolling a 100k-row table smooth where WebKitGTK
// composites in software (no GPU: VMs, remote desktops, Xvfb), but with it WebKit's automation stalls on some
// clicks (the import e2e test hung), so it stays the user's choice (README, "No GPU").
fn main() {
    // SAFETY: first thing in the process, before any thread or connection exists.
    unsafe { outpost_core::db::give_sqlite_mimalloc() };
    outpost_app::run();
}
