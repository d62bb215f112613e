//! Realistic sample data, generated deterministically (same seed, same database), so a new rep can try
//! every screen before importing their own.
mod data;
mod generate;
pub(crate) mod synthetic;

pub(crate) use generate::load;
pub use generate::SampleSummary;
pub use synthetic::Scale;
