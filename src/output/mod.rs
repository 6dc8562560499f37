//! Outputs: terminal tables, the run summary (JSON), CSV files.

pub mod files;
pub mod report_table;
pub mod summary;
pub mod table;

pub use summary::{Figure, Num, Summary};
