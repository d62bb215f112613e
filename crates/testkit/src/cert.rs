//! A self-signed end-entity certificate for localhost / 127.0.0.1. `CA:FALSE` matters: rustls refuses a CA
//! certificate presented as a server's own.
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, Clone)]
pub struct TestCert {
    pub cert_path: PathBuf,
    pub key_path: PathBuf,
    /// The certificate (public) in PEM: what a mailbox trusts as its extra certificate.
    pub pem: String,
}

impl TestCert {
    /// Writes `cert.pem` and `key.pem` into `dir`.
    pub fn create(dir: &Path) -> TestCert {
        std::fs::create_dir_all(dir).expect("create the cert dir");
        let cert_path = dir.join("cert.pem");
        let key_path = dir.join("key.pem");
        let out = Command::new("openssl")
            .args(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"])
            .args(["-days", "2", "-subj", "/CN=localhost"])
            .args(["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
            .args(["-addext", "basicConstraints=critical,CA:FALSE"])
            .arg("-keyout")
            .arg(&key_path)
            .arg("-out")
            .arg(&cert_path)
            .output()
            .expect("openssl is needed for mail tests (scripts/system-deps.sh installs it)");
        assert!(out.status.success(), "openssl failed: {}", String::from_utf8_lossy(&out.stderr));
        let pem = std::fs::read_to_string(&cert_path).expect("read cert.pem");
        TestCert { cert_path, key_path, pem }
    }
}
