//! TLS for mail connections: rustls with the operating system's verifier (its trust store, its revocation
//! rules), plus, per mailbox, one optional extra trusted certificate for servers with a private CA or a
//! self-signed certificate. Nothing here turns verification off.
use std::sync::Arc;

use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::CertificateDer;
use tokio_rustls::rustls::ClientConfig;

use super::error::{MailError, MailErrorKind};

/// The certificates in a PEM text (one or more `BEGIN CERTIFICATE` blocks).
pub fn parse_pem(pem: &str) -> Result<Vec<CertificateDer<'static>>, MailError> {
    let certs = CertificateDer::pem_slice_iter(pem.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| MailError::new(MailErrorKind::Tls, format!("The extra certificate is not valid PEM ({e}).")))?;
    if certs.is_empty() {
        return Err(MailError::new(
            MailErrorKind::Tls,
            "The extra certificate holds no “-----BEGIN CERTIFICATE-----” block.",
        ));
    }
    Ok(certs)
}

/// A client config that trusts what the OS trusts, plus `ca_pem` when given.
pub fn client_config(ca_pem: Option<&str>) -> Result<Arc<ClientConfig>, MailError> {
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let extra = match ca_pem.map(str::trim).filter(|p| !p.is_empty()) {
        Some(pem) => parse_pem(pem)?,
        None => Vec::new(),
    };
    let verifier = rustls_platform_verifier::Verifier::new_with_extra_roots(extra, provider.clone())
        .map_err(|e| MailError::new(MailErrorKind::Tls, format!("Could not set up certificate checks: {e}")))?;
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| MailError::new(MailErrorKind::Tls, format!("Could not set up TLS: {e}")))?
        .dangerous() // a custom verifier, not a weaker one: the platform's
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// Plain words for a failed handshake, so the user knows whether to fix the port, the host name or the
/// certificate.
pub fn explain_handshake(host: &str, err: &std::io::Error) -> MailError {
    let detail = err.to_string();
    let lower = detail.to_lowercase();
    let message = if lower.contains("notvalidforname") || lower.contains("not valid for name") {
        format!("The certificate of {host} is for another name. Check the server name.")
    } else if lower.contains("expired") {
        format!("The certificate of {host} has expired.")
    } else if lower.contains("peer certificate") || lower.contains("unknownissuer") || lower.contains("self-signed") {
        // UnknownIssuer, BadSignature, an unusable chain...: all mean "no path to a root we trust".
        format!(
            "The certificate of {host} is not trusted (self-signed or from a private authority). If this is your \
             own server, add its certificate as an extra trusted certificate for this mailbox."
        )
    } else if lower.contains("corrupt message") || lower.contains("invalidcontenttype") || lower.contains("http") {
        format!(
            "{host} did not answer with TLS on this port. Check the port and the security setting (STARTTLS vs TLS)."
        )
    } else {
        format!("A secure connection to {host} could not be set up: {detail}")
    };
    MailError::new(MailErrorKind::Tls, message)
}
