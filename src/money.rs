//! Exact money: `rust_decimal` only, strings at the boundary (R22).
//!
//! Amounts (costs, prices, totals) have [`AMOUNT_DECIMALS`] decimals; rates keep their
//! own scale, at most [`RATE_MAX_DECIMALS`]. Every invoice line is rounded once, half away
//! from zero, and a total is the sum of its rounded lines.

use rust_decimal::{Decimal, RoundingStrategy};
use std::str::FromStr;

use crate::error::{BillingError, BillingResult};

/// Decimals of an amount of money: cents.
pub const AMOUNT_DECIMALS: u32 = 2;
/// The most decimals a rate (price per credit) may have: "0.000125".
pub const RATE_MAX_DECIMALS: u32 = 6;
/// How an invoice line is rounded to the cent (R22).
pub const LINE_ROUNDING: RoundingStrategy = RoundingStrategy::MidpointAwayFromZero;
/// The largest digit count accepted in a money string, well inside `Decimal`'s 28.
const MAX_DIGITS: usize = 20;

/// Parses a non-negative decimal string such as `"0.025"` with at most `max_decimals`
/// decimals; errors name `path`.
pub fn parse(text: &str, max_decimals: u32, path: &str) -> BillingResult<Decimal> {
    let shown = quote(text);
    if let Some(rest) = text.strip_prefix('-') {
        if is_plain_decimal(rest) {
            return Err(BillingError::invalid(path, format!("must be >= 0, got {shown}")));
        }
    }
    if !is_plain_decimal(text) {
        return Err(BillingError::invalid(
            path,
            format!("must be a decimal string of digits with an optional '.', such as \"0.03\", got {shown}"),
        ));
    }
    let decimals = text.split_once('.').map_or(0, |(_, frac)| frac.len());
    if decimals > max_decimals as usize {
        return Err(BillingError::invalid(path, format!("must have at most {max_decimals} decimals, got {shown}")));
    }
    if text.chars().filter(char::is_ascii_digit).count() > MAX_DIGITS {
        return Err(BillingError::invalid(path, format!("must have at most {MAX_DIGITS} digits, got {shown}")));
    }
    Decimal::from_str(text).map_err(|e| BillingError::invalid(path, format!("is not a decimal ({e}), got {shown}")))
}

fn is_plain_decimal(text: &str) -> bool {
    let (whole, frac) = text.split_once('.').unwrap_or((text, "0"));
    !whole.is_empty() && !frac.is_empty() && whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
}

fn quote(text: &str) -> String {
    const SHOWN: usize = 40;
    let cut: String = text.chars().take(SHOWN).collect();
    if text.chars().count() > SHOWN {
        format!("\"{cut}…\"")
    } else {
        format!("\"{cut}\"")
    }
}

/// One invoice line: `quantity × unit_price`, rounded to the cent half away from zero.
pub fn line_amount(quantity: u64, unit_price: Decimal, path: &str) -> BillingResult<Decimal> {
    Decimal::from(quantity)
        .checked_mul(unit_price)
        .map(|exact| exact.round_dp_with_strategy(AMOUNT_DECIMALS, LINE_ROUNDING))
        .ok_or_else(|| too_large(path))
}

/// `a + b` for amounts, or an overflow error about `path`.
pub fn add(a: Decimal, b: Decimal, path: &str) -> BillingResult<Decimal> {
    a.checked_add(b).ok_or_else(|| too_large(path))
}

/// The overflow error: an amount too large to compute exactly.
pub fn too_large(path: &str) -> BillingError {
    BillingError::overflow(path, "the amount of money is too large to compute exactly")
}

/// An amount as the boundary shows it: exactly two decimals, `"12.50"`.
pub fn format_amount(amount: Decimal) -> String {
    let mut cents = amount.round_dp_with_strategy(AMOUNT_DECIMALS, LINE_ROUNDING);
    cents.rescale(AMOUNT_DECIMALS);
    // The mantissa is the amount in cents; writing it by hand is several times faster
    // than Decimal's general Display.
    let m = cents.mantissa();
    let sign = if m < 0 { "-" } else { "" };
    let m = m.unsigned_abs();
    format!("{sign}{}.{:02}", m / 100, m % 100)
}

/// A rate as the boundary shows it: its own scale, `"0.025"`.
pub fn format_rate(rate: Decimal) -> String {
    rate.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn r22_lines_round_half_away_from_zero_to_the_cent() {
        assert_eq!(line_amount(1, d("0.025"), "x").unwrap(), d("0.03"));
        assert_eq!(line_amount(3, d("0.005"), "x").unwrap(), d("0.02")); // 0.015 -> 0.02
        assert_eq!(line_amount(1, d("0.0149"), "x").unwrap(), d("0.01"));
        assert_eq!(format_amount(d("12.5")), "12.50");
        assert_eq!(format_amount(Decimal::ZERO), "0.00");
        assert_eq!(format_amount(d("0.005")), "0.01");
        assert_eq!(format_amount(d("-1.5")), "-1.50");
        assert_eq!(format_amount(d("270215977642214.73")), "270215977642214.73");
    }

    #[test]
    fn r22_rates_keep_their_scale() {
        assert_eq!(format_rate(parse("0.025", 6, "r").unwrap()), "0.025");
        assert_eq!(format_rate(parse("0.030", 6, "r").unwrap()), "0.030");
    }

    #[test]
    fn r23_bad_money_strings_name_the_field() {
        let err = |t: &str| parse(t, 6, "book.plans[0].overageRate").unwrap_err().to_string();
        assert_eq!(err("-0.03"), "book.plans[0].overageRate: must be >= 0, got \"-0.03\"");
        assert!(err("abc").contains("must be a decimal string"));
        assert!(err("1e3").contains("must be a decimal string"));
        assert!(err("1_000").contains("must be a decimal string"));
        assert!(err(" 1").contains("must be a decimal string"));
        assert!(err("").contains("must be a decimal string"));
        assert!(err(".5").contains("must be a decimal string"));
        assert!(err("0.0000001").contains("at most 6 decimals"));
        assert!(err("123456789012345678901").contains("at most 20 digits"));
    }

    #[test]
    fn huge_lines_are_errors_not_traps() {
        let rate = parse("99999999999999999999", 6, "r").unwrap();
        assert!(line_amount(u64::MAX, rate, "x").is_err());
    }
}
