//! A small JSON reader: the one way input enters the core, from JS (as the text of
//! `JSON.stringify`) and natively alike. Small on purpose: no generic deserializer code
//! per type, which is most of a WASM bundle's size with serde.
//!
//! Numbers keep their text, so a whole number is read exactly (no trip through `f64`).
//! JS values that JSON cannot hold (`NaN`, `Infinity`, a BigInt, a function) arrive as
//! strings starting with [`NON_JSON_MARK`], put there by the binding's replacer, so an
//! error can say `got NaN` rather than `got null`.

pub mod number;
mod parse;

use std::borrow::Cow;

pub use parse::parse;

/// The first character of a string that stands for a JS value JSON cannot hold.
pub const NON_JSON_MARK: char = '\u{0}';

/// A parsed JSON value, borrowing from the text where it can (names, numbers and strings
/// without escapes), so reading allocates little. Object members keep their order.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    /// A number as written: `12`, `-5`, `1.5`, `1e+21`.
    Number(Cow<'a, str>),
    String(Cow<'a, str>),
    Array(Vec<Value<'a>>),
    Object(Vec<(Cow<'a, str>, Value<'a>)>),
}

impl Value<'_> {
    /// How the value is named in a type error: `string "12"`, `NaN`, `an array`.
    pub fn describe(&self) -> String {
        match self {
            Value::Null => "null".to_string(),
            Value::Bool(b) => format!("boolean {b}"),
            Value::Number(text) => format!("number {text}"),
            Value::String(text) => match text.strip_prefix(NON_JSON_MARK) {
                Some(js) => js.to_string(),
                None => format!("string {}", quoted(text)),
            },
            Value::Array(_) => "an array".to_string(),
            Value::Object(_) => "an object".to_string(),
        }
    }

    /// The JS value JSON could not hold (`"NaN"`, `"BigInt 12"`), if this stands for one.
    pub fn non_json(&self) -> Option<&str> {
        match self {
            Value::String(text) => text.strip_prefix(NON_JSON_MARK),
            _ => None,
        }
    }
}

/// `text[range]` where the range's ends sit on ASCII bytes (so on character boundaries),
/// as its callers make sure. Read with `get`, never the panicking slice: that panic's
/// message machinery (Unicode tables included) was 4 KB gzip of the estimator's bundle.
/// A range off a boundary would give `""`, and fails a debug assertion in tests.
pub fn cut<R: std::slice::SliceIndex<str, Output = str>>(text: &str, range: R) -> &str {
    let part = text.get(range);
    debug_assert!(part.is_some(), "a cut off a character boundary");
    part.unwrap_or_default()
}

/// `text` in double quotes, cut after 40 characters.
pub fn quoted(text: &str) -> String {
    const SHOWN: usize = 40;
    let cut: String = text.chars().take(SHOWN).collect();
    let more = if cut.len() < text.len() { "…" } else { "" };
    format!("{}{more}", crate::error::quote(&cut))
}
