//! IPC commands: each a signature, one call into the core, and an error conversion.
pub mod app;
pub mod companies;
pub mod contacts;
pub mod deals;
pub mod search;
