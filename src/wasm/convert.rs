//! JS values to schema types and back.
//!
//! In: `JSON.stringify` in JS (fast, native), then the core's own small JSON reader. The
//! replacer keeps what JSON would lose: `NaN`, `Infinity`, a BigInt, a function, a string
//! with a lone surrogate, a `Map` or a class instance arrive marked, so the error names
//! them at their own field instead of reporting `null`, `{}` or the whole input.
//! Out: serde-wasm-bindgen, JSON-compatible (maps as plain objects, a missing value as
//! `null`).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::error::to_js_error;
use crate::error::BillingError;
use crate::schema::{self, ReadValue};

#[wasm_bindgen(module = "/src/wasm/json_text.js")]
extern "C" {
    #[wasm_bindgen(catch)]
    fn to_json_text(value: &JsValue) -> Result<JsValue, JsValue>;
    /// Whether a string has no lone UTF-16 surrogate.
    fn is_well_formed(text: &js_sys::JsString) -> bool;
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
        // A thrown string is its own message; anything else is not described (a JsValue's
        // Debug would bring wasm-bindgen's debugString, 1 KB of glue, for a case this rare).
        Err(other) => other.as_string().unwrap_or_else(|| String::from("a thrown value that is not an Error")),
    }
}

/// Reads a string argument, such as a plan id or a CSV export. A lone UTF-16 surrogate
/// is an error, never replaced in silence by U+FFFD.
pub fn string_from_js(value: JsValue, root: &str) -> Result<String, JsValue> {
    let Some(text) = value.dyn_ref::<js_sys::JsString>() else {
        return Err(to_js_error(BillingError::invalid(root, "must be a string")));
    };
    // Converting would replace a lone surrogate with U+FFFD: JS checks first (natively,
    // `String.prototype.isWellFormed`), so a large export is not walked from Rust.
    if !is_well_formed(text) {
        return Err(to_js_error(BillingError::invalid(
            root,
            "has a character that is not valid text (a lone UTF-16 surrogate); save the file as UTF-8 and load it again",
        )));
    }
    Ok(String::from(text))
}

/// Reads an optional argument: `undefined` (left out) is `None`; `null` is an error, as
/// for a field: it never stands for the default.
pub fn optional<T: ReadValue>(value: JsValue, root: &str) -> Result<Option<T>, JsValue> {
    if value.is_undefined() {
        return Ok(None);
    }
    if value.is_null() {
        return Err(to_js_error(BillingError::invalid(root, "must be an object, got null; leave the argument out to use the default")));
    }
    from_js(value, root).map(Some)
}

/// A result as a plain JS object (maps as objects, a missing value as `null`).
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| to_js_error(BillingError::overflow("result", format!("cannot be given to JS: {e}"))))
}

/// Reads an operation's input, runs the operation on it and gives back its result: the
/// whole of a binding that only converts values.
pub fn answer<T: ReadValue, R: Serialize>(
    input: JsValue,
    root: &str,
    operation: impl FnOnce(&T) -> crate::error::BillingResult<R>,
) -> Result<JsValue, JsValue> {
    result_to_js(operation(&from_js(input, root)?))
}

/// A core result as a JS value, or the core error as a JS `Error`.
pub fn result_to_js<T: Serialize>(result: crate::error::BillingResult<T>) -> Result<JsValue, JsValue> {
    to_js(&result.map_err(to_js_error)?)
}
