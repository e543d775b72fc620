//! The JS binding: converts JS values to the core's schema types and back, and core
//! errors to JS `Error`s. No billing logic lives here.

mod calculator;
mod convert;
mod error;
mod usage_log;

pub use calculator::{default_price_book, parse_usage_csv, CompareOptionsArg, JsCalculator, PriceBookArg};
pub use usage_log::{JsUsageLog, JsUsageLogBuilder};
