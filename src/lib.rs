//! hoopai-billing: the billing and pricing engine for HoopAI's AI credits.
//!
//! A pure Rust core (price book, rating, estimates, comparisons) that tests natively,
//! and a thin WebAssembly binding ([`wasm`], on `wasm32` only) that converts values.
//! The rules are numbered R1..R23 in `../shared/BILLING_RULES.md`.

pub mod alerts;
pub mod backtest;
pub mod break_even;
pub mod calculator;
pub mod capacity;
pub mod compare;
pub mod credits;
pub mod error;
pub mod estimate;
pub mod feature;
pub mod forecast;
pub mod json;
pub mod limits;
pub mod money;
pub mod overage;
pub mod price_book;
pub mod project;
pub mod rating;
pub mod recommend;
pub mod schema;
pub mod simulate;
pub mod time;
pub mod usage_csv;
pub mod usage_log;
pub mod usage_mix;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use calculator::Calculator;
pub use error::{BillingError, BillingResult, ErrorCode};
pub use feature::{Feature, PerFeature};
pub use price_book::Book;
