//! Harness for driving the real Outpost app in a real WebKit window: tauri-driver + WebKitWebDriver,
//! a fresh data dir per launch, and small waiting helpers. Run under Xvfb (`xvfb-run -a`).
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use thirtyfour::prelude::*;
use thirtyfour::Capabilities;
use tokio::process::{Child, Command};

const DRIVER_PORT: u16 = 4444;
const NATIVE_PORT: u16 = 4445;
/// Drivers started at most for one app launch (see `App::launch_in`).
const SESSION_ATTEMPTS: u32 = 3;

pub struct App {
    pub driver: WebDriver,
    tauri_driver: DriverGuard,
    pub home: tempfile::TempDir,
}

/// The app binary: `OUTPOST_APP`, else the workspace's debug build.
pub fn app_binary() -> Result<PathBuf> {
    let path = match std::env::var_os("OUTPOST_APP") {
        Some(p) => PathBuf::from(p),
        None => {
            let target = std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
            target.join("debug/outpost-app")
        }
    };
    let path = std::path::absolute(&path)?;
    let path = path.canonicalize().unwrap_or(path);
    if !path.exists() {
        bail!("the app is not built at {} (run `cargo build -p outpost-app` first)", path.display());
    }
    Ok(path)
}

fn tauri_driver_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(p);
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo"));
    let in_cargo = cargo_home.join("bin/tauri-driver");
    if in_cargo.exists() {
        in_cargo
    } else {
        PathBuf::from("tauri-driver")
    }
}

impl App {
    /// The data dir the app uses under this launch's private XDG_DATA_HOME.
    pub fn data_dir(home: &Path) -> PathBuf {
        home.join("data").join(outpost_core::paths::APP_IDENTIFIER)
    }

    pub fn db_path(&self) -> PathBuf {
        Self::data_dir(self.home.path()).join(outpost_core::paths::DB_FILE_NAME)
    }

    /// Launches the app on a fresh, empty data dir.
    pub async fn launch() -> Result<App> {
        Self::launch_in(tempfile::tempdir()?).await
    }

    /// Launches the app with `home` as its private HOME/XDG dirs (prepare a database there first if wanted).
    pub async fn launch_in(home: tempfile::TempDir) -> Result<App> {
        if std::env::var_os("DISPLAY").is_none() {
            bail!("no DISPLAY: run the end-to-end tests under Xvfb (xvfb-run -a cargo test -p outpost-e2e)");
        }
        // On a loaded machine WebKitWebDriver now and then never answers the first session request (two CI runs
        // in about ten); a driver started afresh has answered, except in one run where two tests' second drivers
        // did not either. Up to `SESSION_ATTEMPTS` drivers are started.
        let mut attempt = 1;
        let (driver, guard) = loop {
            match Self::start(home.path()).await {
                Err(e) if e.downcast_ref::<SessionTimeout>().is_some() && attempt < SESSION_ATTEMPTS => {
                    eprintln!("{e}; starting the driver again. What the driver logged:\n{}", driver_logs(home.path()));
                    attempt += 1;
                    for port in [DRIVER_PORT, NATIVE_PORT] {
                        wait_for_free_port(port, Duration::from_secs(15)).await?;
                    }
                }
                Err(e) => {
                    if e.downcast_ref::<SessionTimeout>().is_some() {
                        eprintln!("What the last driver logged:\n{}", driver_logs(home.path()));
                    }
                    return Err(e);
                }
                Ok(started) => break started,
            }
        };
        Ok(App { driver, tauri_driver: guard, home })
    }

    async fn start(h: &Path) -> Result<(WebDriver, DriverGuard)> {
        for port in [DRIVER_PORT, NATIVE_PORT] {
            TcpListener::bind(("127.0.0.1", port))
                .with_context(|| format!("port {port} is busy (a stale tauri-driver/WebKitWebDriver?)"))?;
        }
        let app = app_binary()?;
        let mut cmd = Command::new(tauri_driver_binary());
        cmd.args(["--port", &DRIVER_PORT.to_string(), "--native-port", &NATIVE_PORT.to_string()])
            .env("HOME", h)
            .env("XDG_DATA_HOME", h.join("data"))
            .env("XDG_CONFIG_HOME", h.join("config"))
            .env("XDG_CACHE_HOME", h.join("cache"))
            .env_remove("OUTPOST_DB")
            .stdin(Stdio::null())
            // A file, not our stderr: a driver outliving the test must not hold the runner's pipes open.
            .stdout(Stdio::from(std::fs::File::create(h.join("tauri-driver.log"))?))
            .stderr(Stdio::from(std::fs::File::create(h.join("tauri-driver.err.log"))?));
        let tauri_driver = cmd.spawn().context("cannot start tauri-driver (cargo install tauri-driver --locked)")?;
        let guard = DriverGuard(Some(tauri_driver));
        // tauri-driver listens before WebKitWebDriver does; a session request in between is dropped.
        wait_for_port(DRIVER_PORT, Duration::from_secs(15)).await?;
        wait_for_port(NATIVE_PORT, Duration::from_secs(15)).await?;

        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert("tauri:options".into(), serde_json::json!({ "application": app }));
        let driver = tokio::time::timeout(
            Duration::from_secs(30),
            WebDriver::new(format!("http://127.0.0.1:{DRIVER_PORT}"), Capabilities::from(caps)),
        )
        .await
        .map_err(|_| SessionTimeout)??;
        Ok((driver, guard))
    }

    /// The first element matching `css`, waiting up to `secs`.
    pub async fn wait_for(&self, css: &str, secs: u64) -> Result<WebElement> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Ok(el) = self.driver.find(By::Css(css)).await {
                if el.is_displayed().await.unwrap_or(false) {
                    return Ok(el);
                }
            }
            if Instant::now() > deadline {
                self.screenshot("timeout").await;
                bail!("{css} did not appear within {secs} s");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The first element matching `css` whose text contains `text`, waiting up to `secs`.
    pub async fn wait_for_text(&self, css: &str, text: &str, secs: u64) -> Result<WebElement> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            for el in self.driver.find_all(By::Css(css)).await.unwrap_or_default() {
                // textContent, not rendered text: CSS transforms and clipped columns must not hide a match.
                if el.prop("textContent").await.ok().flatten().unwrap_or_default().contains(text) {
                    return Ok(el);
                }
            }
            if Instant::now() > deadline {
                self.screenshot("timeout").await;
                bail!("no {css} containing {text:?} within {secs} s");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Clicks the element, scrolled into the middle of its scroll container first: WebKitWebDriver calls an
    /// element below a dialog's fold "not interactable" instead of scrolling to it.
    pub async fn click(&self, css: &str) -> Result<()> {
        let el = self.wait_for(css, 10).await?;
        self.driver.execute("arguments[0].scrollIntoView({ block: 'center' });", vec![el.to_json()?]).await?;
        el.click().await?;
        Ok(())
    }

    pub async fn type_into(&self, css: &str, text: &str) -> Result<()> {
        let el = self.wait_for(css, 10).await?;
        el.clear().await?;
        el.send_keys(text).await?;
        Ok(())
    }

    /// Saves a screenshot to target/e2e-screenshots/NAME.png (kept for people to look at).
    pub async fn screenshot(&self, name: &str) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-screenshots");
        let _ = std::fs::create_dir_all(&dir);
        tokio::time::sleep(Duration::from_millis(300)).await; // let the frame settle
        let _ = self.driver.screenshot(&dir.join(format!("{name}.png"))).await;
    }

    /// Process ids of tauri-driver's descendants (the app and its WebKit processes).
    pub fn process_tree(&self) -> Vec<u32> {
        self.tauri_driver.tree().into_iter().skip(1).collect()
    }

    /// Ends the session, then tauri-driver and everything under it (`DriverGuard::stop`: the app has exited,
    /// its database written, when this returns).
    pub async fn close(mut self) -> Result<tempfile::TempDir> {
        let _ = self.driver.clone().quit().await;
        self.tauri_driver.stop();
        // A process ended with SIGKILL may leave the driver's port bound a moment longer.
        let _ = wait_for_free_port(NATIVE_PORT, Duration::from_secs(5)).await;
        Ok(self.home)
    }
}

/// The WebDriver session request got no answer.
#[derive(Debug)]
struct SessionTimeout;

/// The last lines tauri-driver and the app under it wrote, for a test that could not start a session.
fn driver_logs(home: &Path) -> String {
    ["tauri-driver.log", "tauri-driver.err.log"]
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(home.join(name)).unwrap_or_default();
            let lines: Vec<&str> = text.lines().collect();
            format!("--- {name}\n{}", lines[lines.len().saturating_sub(15)..].join("\n"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

impl std::fmt::Display for SessionTimeout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the WebDriver session did not start within 30 s")
    }
}

impl std::error::Error for SessionTimeout {}

/// Waits until nothing listens on `port` (a stopped driver's port is free again).
async fn wait_for_free_port(port: u16, within: Duration) -> Result<()> {
    let deadline = Instant::now() + within;
    while TcpListener::bind(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            bail!("port {port} is still busy {within:?} after its driver was stopped");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    Ok(())
}

/// tauri-driver and what it started. Stopped when a test ends, and when a launch or a test fails half-way.
struct DriverGuard(Option<Child>);

impl DriverGuard {
    /// tauri-driver's pid, then its descendants (WebKitWebDriver, the app, its WebKit processes).
    fn tree(&self) -> Vec<u32> {
        let Some(root) = self.0.as_ref().and_then(Child::id) else { return vec![] };
        let mut tree = vec![root];
        let mut i = 0;
        while i < tree.len() {
            let parent = tree[i];
            tree.extend(children(parent));
            i += 1;
        }
        tree
    }

    /// Stops tauri-driver with SIGTERM (SIGKILL would orphan WebKitWebDriver) and waits until it and everything
    /// under it are gone, ending what is left. An app still running holds its single-instance name on the
    /// session bus of the mail tests: the next test's app would hand its launch over to it and exit, and that
    /// test's WebDriver session would never start.
    fn stop(&mut self) {
        let tree = self.tree();
        let Some(&root) = tree.first() else { return };
        signal("-TERM", &[root]);
        for (signal_name, wait) in [("-TERM", 10), ("-KILL", 5)] {
            let deadline = Instant::now() + Duration::from_secs(wait);
            while tree.iter().any(|&pid| alive(pid)) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(100));
            }
            let left: Vec<u32> = tree.iter().copied().filter(|&pid| alive(pid)).collect();
            if left.is_empty() {
                break;
            }
            signal(signal_name, &left);
        }
        self.0 = None;
    }
}

impl Drop for DriverGuard {
    fn drop(&mut self) {
        self.stop();
    }
}

fn signal(which: &str, pids: &[u32]) {
    let pids: Vec<String> = pids.iter().map(u32::to_string).collect();
    let _ = std::process::Command::new("kill").arg(which).args(&pids).stderr(Stdio::null()).status();
}

/// Whether a process still runs (an exited one waiting to be reaped does not).
fn alive(pid: u32) -> bool {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let state = stat.rsplit_once(") ").and_then(|(_, rest)| rest.chars().next());
    !matches!(state, None | Some('Z' | 'X'))
}

fn children(pid: u32) -> Vec<u32> {
    let path = format!("/proc/{pid}/task/{pid}/children");
    std::fs::read_to_string(path).unwrap_or_default().split_whitespace().filter_map(|p| p.parse().ok()).collect()
}

/// (RSS, PSS) in KiB of one process, from /proc/PID/smaps_rollup.
pub fn memory_kib(pid: u32) -> (u64, u64) {
    let text = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
    let field = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    (field("Rss:"), field("Pss:"))
}

async fn wait_for_port(port: u16, within: Duration) -> Result<()> {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    bail!("tauri-driver did not listen on port {port} within {within:?}")
}
