//! Whole-number credit arithmetic that never wraps, traps or rounds (R23).
//!
//! Credits cross to JS as numbers, so every result must stay at or below
//! [`MAX_CREDITS`] (2^53 − 1, `Number.MAX_SAFE_INTEGER`); a larger result is an error
//! naming the field it came from, never a rounded or wrapped number.

use crate::error::{BillingError, BillingResult};

/// The largest count a JS number holds exactly: 2^53 − 1.
pub const MAX_CREDITS: u64 = (1 << 53) - 1;

/// `a + b`, or an overflow error about `path`.
pub fn add(a: u64, b: u64, path: &str) -> BillingResult<u64> {
    a.checked_add(b).filter(|&sum| sum <= MAX_CREDITS).ok_or_else(|| too_large(path))
}

/// `a × b`, or an overflow error about `path`.
pub fn mul(a: u64, b: u64, path: &str) -> BillingResult<u64> {
    a.checked_mul(b).filter(|&product| product <= MAX_CREDITS).ok_or_else(|| too_large(path))
}

/// The sum of `values`, or an overflow error about `path`.
pub fn sum(values: impl IntoIterator<Item = u64>, path: &str) -> BillingResult<u64> {
    values.into_iter().try_fold(0, |total, v| add(total, v, path))
}

/// `value` as a credit count, or `None` past 2^53 − 1 (it cannot be given exactly).
pub fn exact(value: u128) -> Option<u64> {
    u64::try_from(value).ok().filter(|&n| n <= MAX_CREDITS)
}

/// The overflow error: the result is above 2^53 − 1 and cannot be given exactly.
pub fn too_large(path: &str) -> BillingError {
    BillingError::overflow(path, format!("the credits exceed {MAX_CREDITS} (2^53 - 1), the largest exact count"))
}

/// `ceil(numerator / denominator)` for a positive denominator, exact.
pub fn div_ceil(numerator: u64, denominator: u64) -> u64 {
    numerator / denominator + u64::from(!numerator.is_multiple_of(denominator))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r23_results_above_2_pow_53_are_errors_not_rounded() {
        assert_eq!(add(MAX_CREDITS - 1, 1, "x").unwrap(), MAX_CREDITS);
        let err = add(MAX_CREDITS, 1, "mix.conversation.aiMessages").unwrap_err();
        assert!(err.to_string().starts_with("mix.conversation.aiMessages: the credits exceed 9007199254740991"));
        assert!(mul(u64::MAX, 2, "x").is_err());
        assert!(mul(MAX_CREDITS, 1, "x").is_ok());
    }

    #[test]
    fn div_ceil_rounds_up() {
        assert_eq!(div_ceil(135, 60), 3);
        assert_eq!(div_ceil(120, 60), 2);
        assert_eq!(div_ceil(0, 60), 0);
    }
}
