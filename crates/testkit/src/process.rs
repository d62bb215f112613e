//! Starting servers as child processes that cannot outlive the tests: killed on drop, and by a watchdog when
//! the test process exits without dropping them (statics are never dropped).
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Server {
    child: Child,
    watchdog: Option<Child>,
}

impl Server {
    /// Starts `cmd`. `dir` is removed by the watchdog if the tests end without dropping the server (a
    /// dropped server's `TempDir` removes itself).
    pub fn spawn(cmd: &mut Command, dir: &Path) -> std::io::Result<Server> {
        // Its own process group, so stopping it stops Dovecot's children too (they would otherwise write into
        // the temp dir while it is being removed).
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(cmd, 0);
        let child = cmd.spawn()?;
        // `sh` polls for this process; when it is gone the server and its files go too.
        let watchdog = Command::new("sh")
            .arg("-c")
            .arg(
                "while kill -0 \"$0\" 2>/dev/null; do sleep 0.3; done; kill -9 \"-$1\" 2>/dev/null; \
                 sleep 0.2; rm -rf \"$2\"",
            )
            .arg(std::process::id().to_string())
            .arg(child.id().to_string())
            .arg(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok();
        Ok(Server { child, watchdog })
    }

    pub fn child(&mut self) -> &mut Child {
        &mut self.child
    }

    /// Whether the process has exited (and its status).
    pub fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().ok().flatten()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // SIGKILL to the whole group: Dovecot takes ~3 s over SIGTERM.
        let _ = Command::new("sh").arg("-c").arg(format!("kill -9 -{}", self.child.id())).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Killed processes may still be on their way out; give them a moment before the TempDir goes.
        std::thread::sleep(Duration::from_millis(30));
        if let Some(w) = &mut self.watchdog {
            let _ = w.kill();
            let _ = w.wait();
        }
    }
}

/// Ports nothing listens on right now (another process may take one before the server binds it; callers
/// retry with fresh ports when the server fails to start).
pub fn free_ports(n: usize) -> Vec<u16> {
    let listeners: Vec<TcpListener> =
        (0..n).map(|_| TcpListener::bind("127.0.0.1:0").expect("bind a free port")).collect();
    listeners.iter().map(|l| l.local_addr().unwrap().port()).collect()
}

/// Waits until `127.0.0.1:port` accepts a connection and sends a line starting with `greeting`.
pub fn wait_for_greeting(port: u16, greeting: &str, timeout: Duration) -> bool {
    use std::io::{BufRead, BufReader};
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if let Ok(stream) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
            let mut line = String::new();
            if BufReader::new(stream).read_line(&mut line).is_ok() && line.starts_with(greeting) {
                return true;
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

/// A temp dir the mail processes can reach. As root, Dovecot's mail processes run as `nobody`, which must be
/// able to traverse every parent folder (TempDir makes 0700 folders).
pub fn reachable_temp_dir(prefix: &str) -> tempfile::TempDir {
    let dir = tempfile::Builder::new().prefix(prefix).tempdir().expect("create a temp dir");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o711)).expect("chmod the temp dir");
        let mut parent = if is_root() { dir.path().parent() } else { None };
        while let Some(p) = parent {
            let mode = std::fs::metadata(p).map(|m| m.permissions().mode()).unwrap_or(0o755);
            assert!(
                mode & 0o001 != 0,
                "{} is not traversable by others (o+x); mail tests running as root need it (or set TMPDIR=/tmp)",
                p.display()
            );
            parent = p.parent();
        }
    }
    dir
}

/// Whether the tests run as root (then Dovecot's mail processes run as `nobody`).
pub fn is_root() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false)
    }
    #[cfg(not(unix))]
    {
        false
    }
}
