//! Real mail servers for Outpost's tests, on 127.0.0.1 in temp dirs:
//!
//! - [`FakeSmtp`]: an SMTP server (aiosmtpd, run by Debian's `/usr/bin/python3`) with AUTH, STARTTLS on
//!   `port` and implicit TLS on `tls_port`; every accepted message is kept and listable with
//!   [`FakeSmtp::received`]. Faults by recipient local part (`reject*` 550, `tempfail*` 451, `drop*` connection
//!   aborted, `datafail*` 451 after DATA, `slowN*` N seconds late) or for the whole server with
//!   [`FakeSmtp::set_fault`] (`greeting421`, `drop-on-connect`, `auth535`, `data451`, `data554`).
//! - [`Dovecot`]: IMAP with STARTTLS on `imap_port`, IMAPS on `imaps_port`, LMTP on `lmtp_port`, users from a
//!   passwd file ([`USER`]/[`PASSWORD`] and `bob@example.test`/`bobpw`), a `\Sent` folder by default.
//!
//! Both present a fresh self-signed certificate for `localhost`/`127.0.0.1` whose PEM ([`FakeSmtp::ca_pem`],
//! [`Dovecot::ca_pem`]) a mailbox passes as its extra trusted certificate. Servers stop when their handle is
//! dropped, and a watchdog stops them when the test process ends (so a `static` shared server never outlives
//! its test binary). Packages: `dovecot-imapd dovecot-lmtpd python3-aiosmtpd openssl` (scripts/system-deps.sh).
mod cert;
mod dovecot;
mod process;
mod smtp;

pub use cert::TestCert;
pub use dovecot::{Dovecot, DovecotOptions};
pub use smtp::{FakeSmtp, Received};

/// The test user both servers know.
pub const USER: &str = "alice@example.test";
pub const PASSWORD: &str = "alicepw";
