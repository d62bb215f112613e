//! IPC commands: each a signature, one call into the core, and an error conversion.
pub mod activities;
pub mod app;
pub mod companies;
pub mod contacts;
pub mod custom_fields;
pub mod dashboard;
pub mod deals;
pub mod imports;
pub mod leads;
pub mod lists;
pub mod pipelines;
pub mod saved_views;
pub mod scoring;
pub mod search;
pub mod tags;
pub mod tasks;
pub mod trash;
