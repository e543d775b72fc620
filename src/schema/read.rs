//! Reading the boundary shapes from a parsed [`Value`], with the field path of every
//! error (R23): `mix.voice[0].averageSeconds: must be a finite number >= 0, got -5`.
//! Unknown fields are errors; a missing optional field is `None`, and `null` is an error
//! (a field that means something by `null`, a price not known, reads it with `nullable`).

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::credits::MAX_CREDITS;
use crate::error::{BillingError, BillingResult};
use crate::feature::{Feature, PerFeature};
use crate::json::number::{self, Scaled, Unscaled};
use crate::json::{quoted, Value};
use crate::money::{self, RATE_MAX_DECIMALS};

use super::values::{Measure, Money};

/// Where a value sits in the input, built as the reader descends and only formatted
/// when there is an error.
#[derive(Debug, Clone, Copy)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Segment<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Segment<'a> {
    Root(&'a str),
    Key(&'a str),
    Index(usize),
}

impl<'a> Path<'a> {
    /// The argument itself: `mix`, `book`, `scenario`.
    pub fn root(name: &'a str) -> Self {
        Path { parent: None, segment: Segment::Root(name) }
    }

    /// A member of the object at this path.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path { parent: Some(self), segment: Segment::Key(key) }
    }

    /// An element of the array at this path.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path { parent: Some(self), segment: Segment::Index(index) }
    }

    /// An error about the value at this path.
    pub fn error(&self, reason: impl Into<String>) -> BillingError {
        BillingError::invalid(self.to_string(), reason)
    }
}

impl std::fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(parent) = self.parent {
            write!(f, "{parent}")?;
        }
        match self.segment {
            Segment::Root(name) => write!(f, "{name}"),
            Segment::Key(key) if self.parent.is_some() => write!(f, ".{key}"),
            Segment::Key(key) => write!(f, "{key}"),
            Segment::Index(i) => write!(f, "[{i}]"),
        }
    }
}

/// A boundary type that can be read from a JSON value.
pub trait ReadValue: Sized {
    fn read(value: &Value, path: &Path) -> BillingResult<Self>;
}

/// The error for a value of the wrong JSON type.
pub fn invalid_type(value: &Value, expected: &str, path: &Path) -> BillingError {
    path.error(format!("invalid type: {}, expected {expected}", value.describe()))
}

/// The members of an object, checked against the fields its shape has.
pub struct Fields<'v, 'p> {
    members: &'v [(Cow<'v, str>, Value<'v>)],
    path: &'p Path<'p>,
}

// The words of a missing and of an unknown field, written once: in the messages (as literal
// format strings, which cost the small build nothing) and where they are read back.
macro_rules! missing_words {
    () => {
        "missing field `"
    };
}
macro_rules! unknown_words {
    () => {
        "unknown field `"
    };
}
const MISSING: &str = missing_words!();
const UNKNOWN: &str = unknown_words!();

/// The field a reader's error says is missing (`feature` in "missing field `feature` (or …)"):
/// read back here, beside where the words are written, for a caller that says it otherwise.
pub fn missing_field(error: &BillingError) -> Option<&str> {
    error.reason().strip_prefix(MISSING)?.split('`').next()
}

/// Whether a reader's error is about a field the shape does not take.
pub fn is_unknown_field(error: &BillingError) -> bool {
    error.reason().starts_with(UNKNOWN)
}

impl<'v, 'p> Fields<'v, 'p> {
    /// The object at `path`, refusing any member not in `known`.
    pub fn of(value: &'v Value<'v>, path: &'p Path<'p>, known: &[&str]) -> BillingResult<Self> {
        let Value::Object(members) = value else {
            return Err(invalid_type(value, "an object", path));
        };
        if let Some((key, _)) = members.iter().find(|(key, _)| !known.contains(&key.as_ref())) {
            let expected = crate::error::listed(known.iter().copied(), "`", "`");
            return Err(path.key(key).error(format!(concat!(unknown_words!(), "{}`, expected one of {}"), key, expected)));
        }
        Ok(Fields { members, path })
    }

    fn get(&self, key: &str) -> Option<&'v Value<'v>> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    // The generic readers below stay small (one is made for every field type); their
    // messages are written by the plain functions `missing` and `leave_out`.

    /// A field that must be there.
    pub fn required<T: ReadValue>(&self, key: &str) -> BillingResult<T> {
        match self.get(key) {
            Some(value) => T::read(value, &self.path.key(key)),
            None => Err(self.missing(key)),
        }
    }

    fn missing(&self, key: &str) -> BillingError {
        self.path.error(format!(concat!(missing_words!(), "{}`"), key))
    }

    /// A field that may be left out (`null` is an error: it never stands for the default).
    pub fn optional<T: ReadValue>(&self, key: &str) -> BillingResult<Option<T>> {
        let Some(value) = self.get(key) else { return Ok(None) };
        let path = self.path.key(key);
        let read = T::read(value, &path);
        if matches!(value, Value::Null) {
            return Err(leave_out(read.err(), &path));
        }
        read.map(Some)
    }

    /// A field that may be left out or `null`, both meaning "not known" (a monthly price).
    pub fn nullable<T: ReadValue>(&self, key: &str) -> BillingResult<Option<T>> {
        match self.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => T::read(value, &self.path.key(key)).map(Some),
        }
    }
}

/// The error for `null` where a field may only be left out: what the field expects (the
/// reason `error` gave for `null`), and to leave it out.
fn leave_out(error: Option<BillingError>, path: &Path) -> BillingError {
    let expected = error.map_or_else(String::new, |e| e.reason().to_string());
    path.error(format!("{expected}; leave the field out to use its default"))
}

/// Reads a string naming one of `variants`: `"USD"`, `"live"`.
pub fn read_variant<T: Copy>(value: &Value, path: &Path, variants: &[(&str, T)]) -> BillingResult<T> {
    let Value::String(text) = value else {
        return Err(invalid_type(value, "a string", path));
    };
    if value.non_json().is_some() {
        // A Map, a lone surrogate, NaN...: named as such, not as an unknown variant.
        return Err(invalid_type(value, "a string", path));
    }
    variants.iter().find(|(name, _)| name == text).map(|&(_, v)| v).ok_or_else(|| {
        let names = crate::error::listed(variants.iter().map(|&(name, _)| name), "`", "`");
        path.error(format!("unknown variant {}, expected one of {names}", quoted(text)))
    })
}

/// A value per feature, each optional: `{ voice: 10, workflow: 2 }`.
impl<T: ReadValue> ReadValue for PerFeature<Option<T>> {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let f = Fields::of(value, path, &Feature::ALL.map(Feature::as_str))?;
        Ok(PerFeature {
            conversation: f.optional("conversation")?,
            voice: f.optional("voice")?,
            content: f.optional("content")?,
            reviews: f.optional("reviews")?,
            workflow: f.optional("workflow")?,
        })
    }
}

impl<T: ReadValue> ReadValue for Vec<T> {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let Value::Array(items) = value else {
            return Err(invalid_type(value, "an array", path));
        };
        // A plain loop, not `collect::<Result<_, _>>()`: that adapter is instantiated anew
        // for every element type, 9 KB of the estimator's code before this.
        let mut read = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            read.push(T::read(item, &path.index(i))?);
        }
        Ok(read)
    }
}

impl ReadValue for String {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        match value {
            Value::String(text) if value.non_json().is_none() => Ok(text.to_string()),
            _ => Err(invalid_type(value, "a string", path)),
        }
    }
}

impl ReadValue for bool {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        match value {
            Value::Bool(b) => Ok(*b),
            _ => Err(invalid_type(value, "true or false", path)),
        }
    }
}

impl ReadValue for u64 {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let text = match value {
            Value::Number(text) => text.as_ref(),
            other => match other.non_json() {
                Some(js) => return Err(path.error(format!("must be a whole number >= 0, got {js}"))),
                None => return Err(invalid_type(value, "a whole number >= 0", path)),
            },
        };
        let too_large = || path.error(format!("must be at most {MAX_CREDITS} (2^53 - 1), got {text}"));
        match number::scaled(text, 0) {
            Ok(Scaled { whole, cut: false }) => crate::credits::exact(whole).ok_or_else(too_large),
            Err(Unscaled::TooLarge) => Err(too_large()),
            Ok(Scaled { cut: true, .. }) | Err(Unscaled::Negative) => Err(path.error(format!("must be a whole number >= 0, got {text}"))),
        }
    }
}

/// A measure is read exactly to the millionth and rounded up beyond it (a call of
/// `60.0000001` seconds lasts longer than a minute: R7), and is below 9,000,000,000 (a
/// call of 285 years): there a millionth is more than half an `f64` step, so the `f64`
/// lands on a whole number only when the measure is one, and every comparison billing
/// makes with a whole number (a minute's 60 seconds, a step's token bound) is exact.
const MEASURE_PLACES: u32 = 6;
/// Measures are below this, in millionths (9e9 × 10^6 < 2^53: exact in an `f64`).
const MEASURE_LIMIT_MILLIONTHS: u128 = 9_000_000_000 * 1_000_000;

/// A measure's value from a JSON number's text, by the rule above; the CSV reader's fast
/// path reads its seconds and tokens with it too.
pub fn measure_value(text: &str) -> Result<f64, Unscaled> {
    match number::scaled(text, MEASURE_PLACES)? {
        Scaled { whole, cut } if whole < MEASURE_LIMIT_MILLIONTHS => Ok((whole + u128::from(cut)) as f64 / 1e6),
        _ => Err(Unscaled::TooLarge),
    }
}

impl ReadValue for Measure {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let reason = |got: &str| path.error(format!("must be a finite number >= 0, got {got}"));
        match value {
            Value::Number(text) => match measure_value(text) {
                Ok(n) => Ok(Measure(n)),
                Err(Unscaled::TooLarge) => Err(path.error(format!("must be less than 9000000000 (9e9), got {text}"))),
                Err(Unscaled::Negative) => Err(reason(text)),
            },
            other => match other.non_json() {
                Some(js) => Err(reason(js)),
                None => Err(invalid_type(value, "a finite number >= 0", path)),
            },
        }
    }
}

impl ReadValue for Money {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        match value {
            Value::String(text) if value.non_json().is_none() => parse_money(text, path).map(Money),
            Value::Number(text) => Err(path.error(format!("must be a decimal string such as \"{text}\", not a number (R22), got {text}"))),
            _ => Err(invalid_type(value, "a decimal string such as \"0.03\"", path)),
        }
    }
}

fn parse_money(text: &str, path: &Path) -> BillingResult<Decimal> {
    money::parse(text, RATE_MAX_DECIMALS, "").map_err(|e| path.error(e.reason()))
}

/// Reads a whole argument (an object) from JSON text, with `root` as the path's start.
pub fn from_json<T: ReadValue>(json: &str, root: &str) -> BillingResult<T> {
    let path = Path::root(root);
    let value = crate::json::parse(json).map_err(|reason| path.error(reason))?;
    if !matches!(value, Value::Object(_)) {
        return Err(match value.non_json() {
            // A Map or a class instance, marked by the binding: named, not just refused.
            Some(_) => invalid_type(&value, "an object", &path),
            None => path.error("must be an object"),
        });
    }
    T::read(&value, &path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    fn count(json: &str) -> String {
        match u64::read(&parse(json).unwrap(), &Path::root("n")) {
            Ok(c) => c.to_string(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn r23_counts_are_whole_non_negative_and_exact() {
        assert_eq!(count("5"), "5");
        assert_eq!(count("5.0"), "5");
        assert_eq!(count("1e3"), "1000");
        assert_eq!(count("9007199254740991"), "9007199254740991");
        assert_eq!(count("-5"), "n: must be a whole number >= 0, got -5");
        assert_eq!(count("1.5"), "n: must be a whole number >= 0, got 1.5");
        assert_eq!(count("9007199254740992"), "n: must be at most 9007199254740991 (2^53 - 1), got 9007199254740992");
        assert_eq!(count("1e+400"), "n: must be at most 9007199254740991 (2^53 - 1), got 1e+400");
        assert_eq!(count("-0"), "0");
        // Exact, not through a float: a tiny fraction is a fraction, a huge whole is too large.
        assert_eq!(count("1e-400"), "n: must be a whole number >= 0, got 1e-400");
        assert_eq!(count("99999999999999999999.5"), "n: must be a whole number >= 0, got 99999999999999999999.5");
        assert_eq!(count("1.0000000000000000000001"), "n: must be a whole number >= 0, got 1.0000000000000000000001");
        assert_eq!(count("99999999999999999999999"), "n: must be at most 9007199254740991 (2^53 - 1), got 99999999999999999999999");
        assert_eq!(count("\"5\""), "n: invalid type: string \"5\", expected a whole number >= 0");
        assert_eq!(count("\"\\u0000NaN\""), "n: must be a whole number >= 0, got NaN");
    }

    #[test]
    fn r23_measures_are_finite_and_non_negative() {
        let m = |json: &str| Measure::read(&parse(json).unwrap(), &Path::root("s")).map(|m| m.0).map_err(|e| e.to_string());
        assert_eq!(m("135.5"), Ok(135.5));
        assert_eq!(m("45.3"), Ok(45.3)); // the nearest f64, as a float parse gives
        assert_eq!(m("1.5e2"), Ok(150.0));
        assert_eq!(m("-0"), Ok(0.0));
        // R7: past the millionth a measure is rounded up, so a call a hair over a minute
        // bills two (a float parse made 60.00000000000000001 exactly 60).
        assert_eq!(m("60.00000000000000001"), Ok(60.000001));
        assert_eq!(m("1e-300"), Ok(0.000001));
        assert_eq!(m("8999999999.999999"), Ok(8999999999.999999));
        assert_eq!(m("8999999999.9999991"), Ok(9e9)); // under the bound, rounded up to it
        assert_eq!(m("9e9"), Err("s: must be less than 9000000000 (9e9), got 9e9".into()));
        assert_eq!(m("1e400"), Err("s: must be less than 9000000000 (9e9), got 1e400".into()));
        // Near the bound a millionth over a minute still bills the next one.
        let minutes = |json: &str| crate::rating::billed_minutes(m(json).unwrap(), "s").unwrap();
        assert_eq!(minutes("8999999940"), 149_999_999);
        assert_eq!(minutes("8999999940.0000001"), 150_000_000);
        assert_eq!(minutes("8999999939.999999"), 149_999_999);
        assert_eq!(m("-5"), Err("s: must be a finite number >= 0, got -5".into()));
        assert_eq!(m("\"\\u0000Infinity\""), Err("s: must be a finite number >= 0, got Infinity".into()));
    }

    #[test]
    fn r22_money_is_a_string_never_a_number() {
        let m = |json: &str| Money::read(&parse(json).unwrap(), &Path::root("r")).map(|m| m.0.to_string()).map_err(|e| e.to_string());
        assert_eq!(m("\"0.025\""), Ok("0.025".into()));
        assert_eq!(m("0.03"), Err("r: must be a decimal string such as \"0.03\", not a number (R22), got 0.03".into()));
        assert_eq!(m("\"-1\""), Err("r: must be >= 0, got \"-1\"".into()));
    }

    #[test]
    fn paths_read_like_js() {
        let root = Path::root("mix");
        let voice = root.key("voice");
        let first = voice.index(0);
        assert_eq!(first.key("averageSeconds").to_string(), "mix.voice[0].averageSeconds");
    }
}
