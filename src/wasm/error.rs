//! Core errors as JS `Error`s, in one place.

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use crate::error::BillingError;

/// A JS `Error` whose `message` names the field path and the reason, with `code`
/// (`"INVALID_INPUT"`, `"UNKNOWN_NAME"`, `"OVERFLOW"`, `"LIMIT"`), `field` (the path) and
/// `reason` (the text after the path) beside it, so a page can write its own sentence.
/// Where the input had more problems (a file's other bad rows), `problems` lists the first
/// few, this one first, each `{ code, field, reason }`, and `problemCount` counts them all.
///
/// ```js
/// try { UsageLog.fromCsv(text); } catch (e) {
///   for (const p of e.problems ?? [e]) console.log(p.field, p.reason);
///   if (e.problemCount > e.problems?.length) console.log(`and ${e.problemCount - e.problems.length} more`);
/// }
/// ```
pub fn to_js_error(error: BillingError) -> JsValue {
    let js_error = js_sys::Error::new(&error.to_string());
    set_problem(&js_error, &error);
    // Only a usage export has more than one problem: the estimator build reads none.
    #[cfg(feature = "simulator")]
    set_problems(&js_error, &error);
    js_error.into()
}

/// Sets `problems` and `problemCount` on `js_error` where `error` has others.
#[cfg(feature = "simulator")]
fn set_problems(js_error: &js_sys::Error, error: &BillingError) {
    let (others, count) = error.others();
    if count > 0 {
        let problems = js_sys::Array::new();
        for problem in std::iter::once(error).chain(others) {
            let entry = js_sys::Object::new();
            set_problem(&entry, problem);
            problems.push(&entry);
        }
        let _ = Reflect::set(js_error, &JsValue::from_str("problems"), &problems);
        // Counts pass 2^53 only past any file a log reads (at most 2^30 bytes).
        let _ = Reflect::set(js_error, &JsValue::from_str("problemCount"), &JsValue::from_f64((count + 1) as f64));
    }
}

/// Sets `code`, `field` and `reason` of `error` on `target`. Setting a property on a fresh
/// object cannot fail; if it ever did, the message alone still says everything.
fn set_problem(target: &js_sys::Object, error: &BillingError) {
    let _ = Reflect::set(target, &JsValue::from_str("code"), &JsValue::from_str(error.code().as_str()));
    let _ = Reflect::set(target, &JsValue::from_str("field"), &JsValue::from_str(error.path()));
    let _ = Reflect::set(target, &JsValue::from_str("reason"), &JsValue::from_str(error.reason()));
}
