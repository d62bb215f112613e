//! IPC commands: each a signature, one call into the core, and an error conversion.
pub mod activities;
pub mod app;
pub mod companies;
pub mod contacts;
pub mod dashboard;
pub mod deals;
pub mod leads;
pub mod search;
pub mod tasks;
