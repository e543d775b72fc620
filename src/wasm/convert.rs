//! JS values to schema types and back.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use super::error::to_js_error;
use crate::error::{BillingError, BillingResult};
use crate::schema;

/// Reads a `T` from a JS value; errors are JS `Error`s naming `root.<path>`.
pub fn from_js<T: DeserializeOwned>(value: JsValue, root: &str) -> Result<T, JsValue> {
    read(value, root).map_err(to_js_error)
}

fn read<T: DeserializeOwned>(value: JsValue, root: &str) -> BillingResult<T> {
    if value.is_undefined() || value.is_null() {
        return Err(BillingError::invalid(root, "is required, got nothing"));
    }
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err(schema::not_an_object(root));
    }
    // serde-wasm-bindgen reads only the fields a struct names, so unknown fields would
    // pass unseen: take the whole value tree first (every key, NaN kept as NaN), then
    // read the struct from it, which refuses unknown fields with their path.
    let tree: serde_value::Value = serde_wasm_bindgen::from_value(value).map_err(|e| BillingError::invalid(root, js_message(e.into())))?;
    schema::read(serde_value::ValueDeserializer::<serde::de::value::Error>::new(tree), root)
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
pub fn from_js_or_default<T: DeserializeOwned + Default>(value: JsValue, root: &str) -> Result<T, JsValue> {
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
pub fn result_to_js<T: Serialize>(result: BillingResult<T>) -> Result<JsValue, JsValue> {
    to_js(&result.map_err(to_js_error)?)
}
