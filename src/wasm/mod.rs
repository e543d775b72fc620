//! The JS binding: converts JS values to the core's schema types and back, and core
//! errors to JS `Error`s. No billing logic lives here.

mod calculator;
mod convert;
mod error;
#[cfg(feature = "simulator")]
mod simulator;
#[cfg(feature = "simulator")]
mod usage_log;

pub use calculator::{default_price_book, JsCalculator};
#[cfg(feature = "simulator")]
pub use simulator::parse_usage_csv;
#[cfg(feature = "simulator")]
pub use usage_log::{JsUsageLog, JsUsageLogBuilder};

/// `Count` is a Rust alias of `u64` (read with the 2^53 − 1 check), named in the shapes'
/// TypeScript types: declared here once for them.
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const COUNT_TYPE: &str = r#"
/** A whole number from 0 to 2^53 − 1 (`Number.MAX_SAFE_INTEGER`). */
export type Count = number;
"#;

/// The allocator: talc, 2.6 KB gzip smaller than Rust's default dlmalloc in the estimator
/// build and as fast in the full one (scripts/bench.sh). An allocation it cannot make
/// aborts (a trap), as with dlmalloc: the package's recovery layer answers "TRAPPED".
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
