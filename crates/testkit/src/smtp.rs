//! The fake SMTP server: `fake_smtp.py` (aiosmtpd) run by Debian's `/usr/bin/python3`, which is the Python that
//! sees the `python3-aiosmtpd` package (a pyenv `python3` first on PATH does not).
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::cert::TestCert;
use crate::process::{free_ports, Server};
use crate::{PASSWORD, USER};

const SCRIPT: &str = include_str!("fake_smtp.py");
const PYTHON: &str = "/usr/bin/python3";

/// A message the server accepted.
#[derive(Debug, Clone)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_tos: Vec<String>,
    /// Who signed in (None without AUTH).
    pub auth: Option<String>,
    /// Whether the message came over TLS (STARTTLS or implicit).
    pub tls: bool,
    /// The message as sent (dot-unstuffed).
    pub raw: Vec<u8>,
}

impl Received {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.raw).into_owned()
    }

    /// The value of the first header `name` (case-insensitive), unfolded.
    pub fn header(&self, name: &str) -> Option<String> {
        let text = self.text();
        let head = text.split("\r\n\r\n").next().unwrap_or("");
        let mut value: Option<String> = None;
        for line in head.split("\r\n") {
            if let Some(v) = value.as_mut() {
                if line.starts_with([' ', '\t']) {
                    v.push(' ');
                    v.push_str(line.trim());
                    continue;
                }
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                if k.eq_ignore_ascii_case(name) {
                    value = Some(v.trim().to_string());
                }
            }
        }
        value
    }
}

pub struct FakeSmtp {
    /// Plain SMTP with STARTTLS.
    pub port: u16,
    /// Implicit TLS.
    pub tls_port: u16,
    pub cert: TestCert,
    dir: tempfile::TempDir,
    _server: Server,
}

impl FakeSmtp {
    /// A server that wants AUTH as [`USER`]/[`PASSWORD`].
    pub fn start() -> FakeSmtp {
        Self::start_with(None)
    }

    /// The same, relaying mail for `@example.test` into Dovecot over LMTP on `lmtp_port` (so it shows up in the
    /// recipient's INBOX over IMAP).
    pub fn start_with(lmtp_port: Option<u16>) -> FakeSmtp {
        let dir = tempfile::Builder::new().prefix("outpost-smtp-").tempdir().expect("temp dir");
        let cert = TestCert::create(&dir.path().join("tls"));
        let script = dir.path().join("fake_smtp.py");
        std::fs::write(&script, SCRIPT).expect("write fake_smtp.py");
        let mut last_error = String::new();
        for _ in 0..5 {
            let ports = free_ports(2);
            let mut cmd = Command::new(PYTHON);
            cmd.arg(&script)
                .arg("--dir")
                .arg(dir.path().join("mail"))
                .args(["--port", &ports[0].to_string(), "--tls-port", &ports[1].to_string()])
                .arg("--cert")
                .arg(&cert.cert_path)
                .arg("--key")
                .arg(&cert.key_path)
                .args(["--user", &format!("{USER}:{PASSWORD}")])
                .args(["--user", "bob@example.test:bobpw"])
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            if let Some(lmtp) = lmtp_port {
                cmd.args(["--lmtp", &format!("127.0.0.1:{lmtp}")]);
            }
            let mut server = match Server::spawn(&mut cmd, dir.path()) {
                Ok(s) => s,
                Err(e) => panic!("cannot run {PYTHON} (install python3-aiosmtpd): {e}"),
            };
            match wait_ready(&mut server, Duration::from_secs(15)) {
                Ok(()) => {
                    return FakeSmtp { port: ports[0], tls_port: ports[1], cert, dir, _server: server };
                }
                Err(e) => last_error = e, // most likely a port taken meanwhile: try others
            }
        }
        panic!("the fake SMTP server did not start: {last_error}");
    }

    /// The server certificate (PEM), to trust as a mailbox's extra certificate.
    pub fn ca_pem(&self) -> &str {
        &self.cert.pem
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    fn mail_dir(&self) -> PathBuf {
        self.dir.path().join("mail")
    }

    /// Makes the whole server misbehave (`greeting421`, `drop-on-connect`, `auth535`, `data451`, `data554`,
    /// `data-drop`: the connection is cut at the end of DATA, before the reply)
    /// from the next connection or command on; `None` heals it.
    pub fn set_fault(&self, fault: Option<&str>) {
        let path = self.mail_dir().join("fault");
        match fault {
            Some(f) => std::fs::write(path, f).expect("write the fault file"),
            None => {
                let _ = std::fs::remove_file(path);
            }
        }
    }

    /// Every message accepted so far, oldest first.
    pub fn received(&self) -> Vec<Received> {
        let new = self.mail_dir().join("new");
        let mut names: Vec<PathBuf> =
            std::fs::read_dir(&new).map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect()).unwrap_or_default();
        names.retain(|p| p.extension().is_some_and(|e| e == "json"));
        // "<time_ns>-<n>.json": numeric order is arrival order.
        names.sort_by_key(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            let (t, n) = stem.split_once('-').unwrap_or((&stem, "0"));
            (t.parse::<u128>().unwrap_or(0), n.parse::<u64>().unwrap_or(0))
        });
        names
            .into_iter()
            .filter_map(|json| {
                let meta: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).ok()?).ok()?;
                let raw = std::fs::read(json.with_extension("eml")).ok()?;
                Some(Received {
                    mail_from: meta["mail_from"].as_str().unwrap_or("").to_string(),
                    rcpt_tos: meta["rcpt_tos"]
                        .as_array()
                        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
                        .unwrap_or_default(),
                    auth: meta["auth"].as_str().map(str::to_string),
                    tls: meta["tls"].as_bool().unwrap_or(false),
                    raw,
                })
            })
            .collect()
    }

    /// Messages to `rcpt` (a shared server serves many tests: give each its own recipients).
    pub fn received_by(&self, rcpt: &str) -> Vec<Received> {
        self.received().into_iter().filter(|m| m.rcpt_tos.iter().any(|r| r.eq_ignore_ascii_case(rcpt))).collect()
    }

    /// Waits until at least `n` messages have arrived (or `timeout` passes) and returns them.
    pub fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Received> {
        let deadline = Instant::now() + timeout;
        loop {
            let got = self.received();
            if got.len() >= n || Instant::now() >= deadline {
                return got;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Reads the server's stdout until "READY"; stderr explains a failure.
fn wait_ready(server: &mut Server, timeout: Duration) -> Result<(), String> {
    let stdout = server.child().stdout.take().expect("piped stdout");
    let stderr = server.child().stderr.take().expect("piped stderr");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines();
        let ready = lines.next().and_then(|l| l.ok()).is_some_and(|l| l.starts_with("READY"));
        let _ = tx.send(ready);
        for _ in lines {} // keep the pipe drained
    });
    let (etx, erx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut text = String::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if text.len() < 4000 {
                text.push_str(&line);
                text.push('\n');
            }
        }
        let _ = etx.send(text);
    });
    match rx.recv_timeout(timeout) {
        Ok(true) => Ok(()),
        Ok(false) | Err(_) => {
            let _ = server.child().kill();
            let err = erx.recv_timeout(Duration::from_secs(2)).unwrap_or_default();
            Err(if err.is_empty() { "no READY line".to_string() } else { err })
        }
    }
}
