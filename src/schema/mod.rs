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

/// Reads a `T` from a JSON text (native callers, tests and fuzzing).
pub fn from_json<T: for<'de> Deserialize<'de>>(json: &str, root: &str) -> BillingResult<T> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let value = read(&mut deserializer, root)?;
    deserializer.end().map_err(|e| BillingError::invalid(root, e.to_string()))?;
    Ok(value)
}
