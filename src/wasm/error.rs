//! Core errors as JS `Error`s, in one place.

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use crate::error::BillingError;

/// A JS `Error` whose `message` names the field path and the reason, with `code`
/// (`"INVALID_INPUT"`, `"UNKNOWN_NAME"`, `"OVERFLOW"`, `"LIMIT"`), `field` (the path) and
/// `reason` (the text after the path) beside it, so a page can write its own sentence.
pub fn to_js_error(error: BillingError) -> JsValue {
    let js_error = js_sys::Error::new(&error.to_string());
    // Setting a property on a fresh Error object cannot fail; if it ever did, the
    // message alone still says everything.
    let _ = Reflect::set(&js_error, &JsValue::from_str("code"), &JsValue::from_str(error.code().as_str()));
    let _ = Reflect::set(&js_error, &JsValue::from_str("field"), &JsValue::from_str(error.path()));
    let _ = Reflect::set(&js_error, &JsValue::from_str("reason"), &JsValue::from_str(error.reason()));
    js_error.into()
}
