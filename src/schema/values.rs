//! The scalar values of the JS boundary; `read.rs` checks each as it is read, so that a
//! bad one is reported with its field path and the reason (R23).
//!
//! - [`Count`]: a whole number from 0 to 2^53 − 1 (a JS number).
//! - [`Measure`]: a finite number >= 0 (seconds, tokens).
//! - [`Money`]: a non-negative decimal string, never a JS number (R22).
//! - [`Amount`]: money a result computes, exact inside and written with two decimals.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::money;

/// A whole number from 0 to 2^53 − 1 (`Number.MAX_SAFE_INTEGER`): read with that check,
/// the same integer in the core and the boundary.
///
/// ```js
/// calc.estimate({ conversation: { aiMessages: 1200 } });
/// ```
pub type Count = u64;

/// A finite number >= 0, such as a call's seconds.
///
/// ```js
/// calc.estimate({ voice: [{ calls: 40, averageSeconds: 135 }] });
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, Default, PartialEq, PartialOrd, Serialize)]
pub struct Measure(pub f64);

/// Money as a decimal string: `"0.025"`, `"49.00"`. A JS number is refused (R22).
///
/// ```js
/// const plan = { id: "ent", name: "Enterprise", credits: 50000, overageRate: "0.015" };
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money(#[cfg_attr(target_arch = "wasm32", tsify(type = "string"))] pub Decimal);

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&money::format_rate(self.0))
    }
}

/// Money a result computes (a cost, a total, an invoice line): exact inside, written to
/// JS with exactly two decimals, `"12.50"` (R22).
///
/// ```js
/// calc.compare(mix).plans[0].overageCost; // "112.50"
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Amount(#[cfg_attr(target_arch = "wasm32", tsify(type = "string"))] pub Decimal);

impl std::fmt::Display for Amount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&money::format_amount(self.0))
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&money::format_amount(self.0))
    }
}
