//! A throwaway Dovecot 2.3: own config in a temp dir, `dovecot -c conf -F`, passwd-file users with plaintext
//! test passwords, Maildir, 127.0.0.1 only. As root the mail processes run as `nobody`; otherwise as the user.
use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::cert::TestCert;
use crate::process::{free_ports, is_root, reachable_temp_dir, wait_for_greeting, Server};
use crate::{PASSWORD, USER};

#[derive(Debug, Clone)]
pub struct DovecotOptions {
    /// A folder created for every user and marked `\Sent` (SPECIAL-USE); `None`: no folders but INBOX.
    pub sent_folder: Option<String>,
    /// Replaces the capabilities announced after login (`imap_capability`), e.g. to act as a server
    /// without CONDSTORE / QRESYNC.
    pub imap_capability: Option<String>,
}

impl Default for DovecotOptions {
    fn default() -> Self {
        DovecotOptions { sent_folder: Some("Sent".to_string()), imap_capability: None }
    }
}

pub struct Dovecot {
    /// IMAP with STARTTLS.
    pub imap_port: u16,
    /// IMAP over implicit TLS.
    pub imaps_port: u16,
    pub lmtp_port: u16,
    pub cert: TestCert,
    dir: tempfile::TempDir,
    _server: Server,
}

impl Dovecot {
    pub fn start() -> Dovecot {
        Self::start_with(DovecotOptions::default())
    }

    pub fn start_with(options: DovecotOptions) -> Dovecot {
        let dir = reachable_temp_dir("outpost-dovecot-");
        let t = dir.path();
        for sub in ["run", "state", "mail"] {
            std::fs::create_dir_all(t.join(sub)).expect("create dovecot dirs");
        }
        let cert = TestCert::create(&t.join("tls"));
        std::fs::write(
            t.join("passwd"),
            format!("{USER}:{{PLAIN}}{PASSWORD}::::::\nbob@example.test:{{PLAIN}}bobpw::::::\n"),
        )
        .expect("write passwd");
        let (uid, gid) = if is_root() { (65534, 65534) } else { own_ids(t) };
        #[cfg(unix)]
        if is_root() {
            std::os::unix::fs::chown(t.join("mail"), Some(uid), Some(gid)).expect("chown the mail dir to nobody");
        }
        let mut last_log = String::new();
        for _ in 0..5 {
            let ports = free_ports(3);
            std::fs::write(t.join("dovecot.conf"), config(t, &ports, uid, gid, &options)).expect("write config");
            let mut cmd = Command::new(dovecot_binary());
            cmd.arg("-c").arg(t.join("dovecot.conf")).arg("-F");
            cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
            let mut server = Server::spawn(&mut cmd, t).expect("run dovecot (install dovecot-imapd dovecot-lmtpd)");
            if wait_for_greeting(ports[0], "* OK", Duration::from_secs(10)) && server.exited().is_none() {
                return Dovecot {
                    imap_port: ports[0],
                    imaps_port: ports[1],
                    lmtp_port: ports[2],
                    cert,
                    dir,
                    _server: server,
                };
            }
            drop(server);
            last_log = std::fs::read_to_string(t.join("dovecot.log")).unwrap_or_default();
        }
        panic!("dovecot did not start; its log:\n{last_log}");
    }

    /// The server certificate (PEM), to trust as a mailbox's extra certificate.
    pub fn ca_pem(&self) -> &str {
        &self.cert.pem
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Adds a user (the passwd file is re-read on change).
    pub fn add_user(&self, user: &str, password: &str) {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new().append(true).open(self.dir.path().join("passwd")).expect("passwd");
        writeln!(f, "{user}:{{PLAIN}}{password}::::::").expect("append user");
    }

    /// Dovecot's own log (for failing tests' messages).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("dovecot.log")).unwrap_or_default()
    }
}

fn dovecot_binary() -> &'static str {
    if Path::new("/usr/sbin/dovecot").exists() {
        "/usr/sbin/dovecot"
    } else {
        "dovecot"
    }
}

#[cfg(unix)]
fn own_ids(dir: &Path) -> (u32, u32) {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(dir).expect("stat temp dir");
    (m.uid(), m.gid())
}

#[cfg(not(unix))]
fn own_ids(_: &Path) -> (u32, u32) {
    (0, 0)
}

fn id(flag: &str) -> String {
    let out = Command::new("id").arg(flag).output().expect("run id");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn config(t: &Path, ports: &[u16], uid: u32, gid: u32, options: &DovecotOptions) -> String {
    let t = t.display();
    let (imap, imaps, lmtp) = (ports[0], ports[1], ports[2]);
    let capability = options.imap_capability.as_ref().map_or(String::new(), |c| format!("\n  imap_capability = {c}"));
    let mut c = String::new();
    let _ = writeln!(c, "instance_name = outpost-test-{imap}\nbase_dir = {t}/run\nstate_dir = {t}/state");
    let _ = writeln!(c, "log_path = {t}/dovecot.log");
    if is_root() {
        // Dovecot refuses uid 0 for mail processes: they run as nobody (ids from the Debian package users).
        c.push_str("default_login_user = dovenull\ndefault_internal_user = dovecot\n");
    } else {
        // Not root: every service runs as me, and chroot() is not permitted.
        let (user, group) = (id("-un"), id("-gn"));
        let _ = writeln!(
            c,
            "default_login_user = {user}\ndefault_internal_user = {user}\ndefault_internal_group = {group}"
        );
        c.push_str("service imap-login {\n  chroot =\n}\nservice anvil {\n  chroot =\n}\n");
    }
    let _ = write!(
        c,
        r#"protocols = imap lmtp
listen = 127.0.0.1
ssl = yes
ssl_cert = <{t}/tls/cert.pem
ssl_key = <{t}/tls/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
first_valid_uid = 1
mail_fsync = never
mail_location = maildir:{t}/mail/%d/%n/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {t}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={t}/mail/%d/%n allow_all_users=yes
}}
protocol lmtp {{
  postmaster_address = postmaster@example.test
}}
protocol imap {{
  mail_max_userip_connections = 100{capability}
}}
service imap-login {{
  inet_listener imap {{
    port = {imap}
  }}
  inet_listener imaps {{
    port = {imaps}
    ssl = yes
  }}
}}
service lmtp {{
  inet_listener lmtp {{
    port = {lmtp}
  }}
}}
"#
    );
    c.push_str("namespace inbox {\n  inbox = yes\n  separator = /\n");
    if let Some(sent) = &options.sent_folder {
        let _ = writeln!(c, "  mailbox \"{sent}\" {{\n    special_use = \\Sent\n    auto = subscribe\n  }}");
    }
    c.push_str("}\n");
    c
}
