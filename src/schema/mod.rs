//! The shapes that cross the JS boundary, exactly as `../shared/API.md` names them.
//!
//! Every input type denies unknown fields and checks its scalars as it is read
//! ([`values`]); the core then validates what needs more than one field. TypeScript
//! declarations are derived from these types (tsify), so the `.d.ts` cannot drift.

pub mod book;
pub mod mix;
pub mod results;
pub mod values;

pub use book::*;
pub use mix::*;
pub use results::*;
pub use values::{Count, Measure, Money};

use serde::{Deserialize, Deserializer};

use crate::error::{join_path, BillingError, BillingResult};

/// Reads a `T` from any serde source (a JS value, a JSON text), naming the field path
/// under `root` in any error: `mix.voice[0].averageSeconds: must be ...`.
pub fn read<'de, T, D>(deserializer: D, root: &str) -> BillingResult<T>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let path = join_path(root, &e.path().to_string());
        BillingError::invalid(path, e.into_inner().to_string())
    })
}

/// The error for an argument that is not a plain object (an array, a number...).
pub fn not_an_object(root: &str) -> BillingError {
    BillingError::invalid(root, "must be an object")
}

/// Reads a `T` (an object) from a JSON text: native callers, tests and fuzzing.
pub fn from_json<T: for<'de> Deserialize<'de>>(json: &str, root: &str) -> BillingResult<T> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| BillingError::invalid(root, e.to_string()))?;
    if !value.is_object() {
        return Err(not_an_object(root));
    }
    read(value, root)
}
