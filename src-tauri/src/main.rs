// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    #[cfg(target_os = "linux")]
    software_rendering_fallback();
    outpost_app::run();
}

/// WebKitGTK composites the page with OpenGL. Without a GPU (no DRM device: virtual machines, remote desktops,
/// Xvfb) that GL is emulated in software, and scrolling the 100k-contact table took 60–80 ms a frame; WebKit's
/// non-composited path draws the same frames in ~18 ms there (BENCHMARKS.md, "The Contacts view at 100k
/// contacts"). Only then, and only when the user has not set it themselves. Runs before any thread starts.
#[cfg(target_os = "linux")]
fn software_rendering_fallback() {
    const VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if std::env::var_os(VAR).is_none() && !std::path::Path::new("/dev/dri").exists() {
        std::env::set_var(VAR, "1");
    }
}
