//! Spreadsheet import: read any common file, find the header, map columns, parse values, dedup, and
//! write everything in one transaction that a cancel, failure or crash leaves untouched.
pub mod cell;
pub mod header;
pub mod mapping;
pub mod plan;
pub mod read;
pub mod record;
pub mod run;
pub mod source;
pub mod undo;
pub mod values;
pub mod writer;
