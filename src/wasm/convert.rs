//! JS values to schema types and back.
//!
//! In: `JSON.stringify` in JS (fast, native), then the core's own small JSON reader. The
//! replacer keeps what JSON would lose: `NaN`, `Infinity`, a BigInt or a function
//! arrive marked, so the error can name them instead of reporting `null`.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::error::to_js_error;
use crate::error::BillingError;
use crate::schema::{self, ReadValue};

#[wasm_bindgen(inline_js = r#"
function keep(key, value) {
  switch (typeof value) {
    // "\u0000" is crate::json::NON_JSON_MARK.
    case "number": return Number.isFinite(value) ? value : "\u0000" + value;
    case "bigint": return "\u0000BigInt " + value;
    case "function": return "\u0000a function";
    case "symbol": return "\u0000a symbol";
    default: return value;
  }
}
export function to_json_text(value) { return JSON.stringify(value, keep); }
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    fn to_json_text(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// Reads a `T` from a JS value; errors are JS `Error`s naming `root.<path>`.
pub fn from_js<T: ReadValue>(value: JsValue, root: &str) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Err(to_js_error(BillingError::invalid(root, "is required, got nothing")));
    }
    let text = to_json_text(&value)
        .map_err(|thrown| to_js_error(BillingError::invalid(root, format!("cannot be read as JSON: {}", js_message(thrown)))))?
        .as_string()
        .unwrap_or_default();
    schema::from_json(&text, root).map_err(to_js_error)
}

/// The message of a thrown JS value.
fn js_message(thrown: JsValue) -> String {
    match thrown.dyn_into::<js_sys::Error>() {
        Ok(error) => String::from(error.message()),
        Err(other) => format!("{other:?}"),
    }
}

/// Reads a string argument, such as a plan id.
pub fn string_from_js(value: JsValue, root: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| to_js_error(BillingError::invalid(root, "must be a string")))
}

/// Reads an optional argument: `undefined` or `null` give `T::default()`.
pub fn from_js_or_default<T: ReadValue + Default>(value: JsValue, root: &str) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    from_js(value, root)
}

/// A result as a plain JS object: maps as objects, a missing value as `null`.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true).serialize_maps_as_objects(true);
    value
        .serialize(&serializer)
        .map_err(|e| to_js_error(BillingError::overflow("result", format!("cannot be given to JS: {e}"))))
}

/// A core result as a JS value, or the core error as a JS `Error`.
pub fn result_to_js<T: Serialize>(result: crate::error::BillingResult<T>) -> Result<JsValue, JsValue> {
    to_js(&result.map_err(to_js_error)?)
}
