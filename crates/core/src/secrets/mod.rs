//! Secrets (mailbox passwords) live only in a `SecretStore`: the OS keychain in the app, memory in unit tests.
mod keyring_store;
mod memory;

pub use keyring_store::KeyringStore;
pub use memory::MemoryStore;

use crate::error::Result;

pub trait SecretStore: Send + Sync {
    fn get(&self, key: &str) -> Result<Option<String>>;
    fn set(&self, key: &str, secret: &str) -> Result<()>;
    /// Removing a secret that is not there is not an error.
    fn delete(&self, key: &str) -> Result<()>;
}
