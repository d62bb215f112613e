//! All SQL lives here, one file per table (or closely bound group of tables). Use cases call these
//! functions inside `Db::read` / `Db::write`; nothing outside the store writes SQL.
pub mod activities;
pub mod bulk_edits;
pub mod companies;
pub mod contact_points;
pub mod contacts;
pub mod custom_fields;
pub mod dashboard;
pub mod deal_moves;
pub mod deals;
pub mod imports;
pub mod lists;
pub mod merge;
pub mod notes;
pub mod pipelines;
pub mod saved_views;
pub mod scoring;
pub mod search_index;
pub mod settings;
pub mod stats;
pub mod tags;
pub mod tasks;
pub mod templates;
