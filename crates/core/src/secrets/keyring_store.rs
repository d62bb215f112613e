//! The OS keychain: Secret Service on Linux, Keychain on macOS, Credential Manager on Windows.
use keyring::Entry;

use super::SecretStore;
use crate::error::{CoreError, Result};
use crate::paths::APP_IDENTIFIER;

pub struct KeyringStore {
    service: String,
}

impl Default for KeyringStore {
    fn default() -> Self {
        KeyringStore { service: APP_IDENTIFIER.to_string() }
    }
}

impl KeyringStore {
    /// A store under another service name (tests use their own, so they never touch the real app's entries).
    pub fn with_service(service: impl Into<String>) -> Self {
        KeyringStore { service: service.into() }
    }

    fn entry(&self, key: &str) -> Result<Entry> {
        Entry::new(&self.service, key).map_err(explain)
    }
}

impl SecretStore for KeyringStore {
    fn get(&self, key: &str) -> Result<Option<String>> {
        match self.entry(key)?.get_password() {
            Ok(s) => Ok(Some(s)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(explain(e)),
        }
    }

    fn set(&self, key: &str, secret: &str) -> Result<()> {
        self.entry(key)?.set_password(secret).map_err(explain)
    }

    fn delete(&self, key: &str) -> Result<()> {
        match self.entry(key)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(explain(e)),
        }
    }
}

/// Says what went wrong with the keychain and what to do about it. Never includes the secret.
fn explain(e: keyring::Error) -> CoreError {
    let what = match &e {
        keyring::Error::NoStorageAccess(_) => {
            "the system keychain is locked or refused access. Unlock it (log in again, or open your keyring \
             manager) and retry"
        }
        keyring::Error::PlatformFailure(_) => {
            "no system keychain is available. On Linux, install and start a Secret Service provider \
             (gnome-keyring or KWallet) in your desktop session and retry"
        }
        _ => "the system keychain could not store the secret",
    };
    CoreError::Secrets(format!("{what} ({e})"))
}
