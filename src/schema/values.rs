//! The scalar values of the JS boundary, each checked as it is read so that a bad one is
//! reported with its field path and the reason (R23).
//!
//! - [`Count`]: a whole number from 0 to 2^53 − 1 (a JS number).
//! - [`Measure`]: a finite number >= 0 (seconds, tokens).
//! - [`Money`]: a non-negative decimal string, never a JS number (R22).

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

use crate::credits::MAX_CREDITS;
use crate::money::{self, RATE_MAX_DECIMALS};

/// A whole number from 0 to 2^53 − 1 (`Number.MAX_SAFE_INTEGER`).
///
/// ```js
/// calc.estimate({ conversation: { aiMessages: 1200 } });
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Count(pub u64);

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

/// How a rejected number is shown in a message: like JS would (`-5`, `1.5`, `NaN`).
fn show_number(value: f64) -> String {
    if value.is_nan() {
        "NaN".to_string()
    } else if value.is_infinite() {
        if value > 0.0 { "Infinity".to_string() } else { "-Infinity".to_string() }
    } else {
        format!("{value}")
    }
}

struct CountVisitor;

impl<'de> Visitor<'de> for CountVisitor {
    type Value = Count;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a whole number >= 0")
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Count, E> {
        if value > MAX_CREDITS {
            return Err(E::custom(format!("must be at most {MAX_CREDITS} (2^53 - 1), got {value}")));
        }
        Ok(Count(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Count, E> {
        match u64::try_from(value) {
            Ok(value) => self.visit_u64(value),
            Err(_) => Err(E::custom(format!("must be a whole number >= 0, got {value}"))),
        }
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Count, E> {
        let shown = show_number(value);
        if !value.is_finite() || value < 0.0 || value.fract() != 0.0 {
            return Err(E::custom(format!("must be a whole number >= 0, got {shown}")));
        }
        if value > MAX_CREDITS as f64 {
            return Err(E::custom(format!("must be at most {MAX_CREDITS} (2^53 - 1), got {shown}")));
        }
        Ok(Count(value as u64))
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CountVisitor)
    }
}

struct MeasureVisitor;

impl<'de> Visitor<'de> for MeasureVisitor {
    type Value = Measure;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a finite number >= 0")
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Measure, E> {
        self.visit_f64(value as f64)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Measure, E> {
        self.visit_f64(value as f64)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Measure, E> {
        if !value.is_finite() || value < 0.0 {
            return Err(E::custom(format!("must be a finite number >= 0, got {}", show_number(value))));
        }
        Ok(Measure(value))
    }
}

impl<'de> Deserialize<'de> for Measure {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(MeasureVisitor)
    }
}

struct MoneyVisitor;

impl<'de> Visitor<'de> for MoneyVisitor {
    type Value = Money;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a decimal string such as \"0.03\"")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Money, E> {
        money::parse(text, RATE_MAX_DECIMALS, "").map(Money).map_err(|e| E::custom(e.reason()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Money, E> {
        Err(E::custom(format!("must be a decimal string such as \"{value}\", not a number (R22), got {value}")))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Money, E> {
        Err(E::custom(format!("must be a decimal string, not a number (R22), got {value}")))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Money, E> {
        let shown = show_number(value);
        Err(E::custom(format!("must be a decimal string such as \"{shown}\", not a number (R22), got {shown}")))
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(MoneyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(json: &str) -> Result<Count, String> {
        serde_json::from_str::<Count>(json).map_err(|e| e.to_string())
    }

    #[test]
    fn r23_counts_are_whole_non_negative_and_exact() {
        assert_eq!(count("5").unwrap(), Count(5));
        assert_eq!(count("5.0").unwrap(), Count(5));
        assert_eq!(count("9007199254740991").unwrap(), Count(MAX_CREDITS));
        assert!(count("-5").unwrap_err().starts_with("must be a whole number >= 0, got -5"));
        assert!(count("1.5").unwrap_err().starts_with("must be a whole number >= 0, got 1.5"));
        assert!(count("9007199254740992").unwrap_err().starts_with("must be at most 9007199254740991"));
        assert!(count("\"5\"").unwrap_err().contains("expected a whole number >= 0"));
    }

    #[test]
    fn r23_measures_are_finite_and_non_negative() {
        assert_eq!(serde_json::from_str::<Measure>("135.5").unwrap(), Measure(135.5));
        let err = serde_json::from_str::<Measure>("-5").unwrap_err().to_string();
        assert!(err.starts_with("must be a finite number >= 0, got -5"), "{err}");
    }

    #[test]
    fn r22_money_is_a_string_never_a_number() {
        assert_eq!(serde_json::from_str::<Money>("\"0.025\"").unwrap().0.to_string(), "0.025");
        let err = serde_json::from_str::<Money>("0.03").unwrap_err().to_string();
        assert!(err.starts_with("must be a decimal string such as \"0.03\", not a number"), "{err}");
        let err = serde_json::from_str::<Money>("\"-1\"").unwrap_err().to_string();
        assert!(err.starts_with("must be >= 0"), "{err}");
    }
}
