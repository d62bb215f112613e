//! Use cases, one folder or file per area. Each is an `impl Outpost` block: validate, write in one
//! transaction through the store, then tell the event bus.
pub mod activities;
pub mod app;
pub mod backups;
pub mod bulk_edit;
pub mod companies;
pub mod contacts;
pub mod custom_fields;
pub mod dashboard;
pub mod deal_edit;
pub mod deals;
pub mod export;
pub mod imports;
pub mod leads;
pub mod lists;
pub mod merge;
pub mod pipelines;
pub mod sample;
pub mod saved_views;
pub mod scoring;
pub mod search;
pub mod tags;
pub mod tasks;
pub mod trash;
