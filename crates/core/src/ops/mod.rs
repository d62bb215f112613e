//! Use cases, one folder or file per area. Each is an `impl Outpost` block: validate, write in one
//! transaction through the store, then tell the event bus.
pub mod activities;
pub mod app;
pub mod companies;
pub mod contacts;
pub mod dashboard;
pub mod deals;
pub mod leads;
pub mod pipelines;
pub mod sample;
pub mod search;
pub mod tasks;
