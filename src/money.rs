//! Exact money: `rust_decimal` only, strings at the boundary (R22).
//!
//! Amounts (costs, prices, totals) have [`AMOUNT_DECIMALS`] decimals; rates keep their
//! own scale, at most [`RATE_MAX_DECIMALS`]. Every invoice line is rounded once, half away
//! from zero, and a total is the sum of its rounded lines.

use rust_decimal::{Decimal, RoundingStrategy};

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
    let shown = crate::json::quoted(text);
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
    // Digits and a point only, at most 20 digits (under Decimal's 96 bits): read here,
    // not by `Decimal::from_str`, whose scientific-notation parser the book never needs.
    let mantissa = text.bytes().filter(u8::is_ascii_digit).fold(0i128, |m, b| m * 10 + i128::from(b - b'0'));
    Decimal::try_from_i128_with_scale(mantissa, decimals as u32)
        .map_err(|_| BillingError::invalid(path, format!("is not a decimal, got {shown}")))
}

fn is_plain_decimal(text: &str) -> bool {
    let (whole, frac) = text.split_once('.').unwrap_or((text, "0"));
    !whole.is_empty() && !frac.is_empty() && whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
}

/// One invoice line: `quantity × unit_price`, rounded once to the cent, half away from
/// zero (R22). The product is taken in integers, so it is exact at any size; a line
/// beyond what a `Decimal` holds in cents is an overflow error, never a rounded number.
pub fn line_amount(quantity: u64, unit_price: Decimal, path: &str) -> BillingResult<Decimal> {
    if unit_price.is_sign_negative() {
        return Err(BillingError::invalid(path, "a price must be >= 0"));
    }
    let mantissa = unit_price.mantissa().unsigned_abs();
    let product = u128::from(quantity).checked_mul(mantissa).ok_or_else(|| too_large(path))?;
    let cents = match unit_price.scale().checked_sub(AMOUNT_DECIMALS) {
        // The product is in 10^-scale units: drop the digits below the cent, rounding the
        // half up (values are >= 0, so that is half away from zero).
        Some(extra) => {
            let unit = 10u128.pow(extra);
            product / unit + u128::from(product % unit >= unit.div_ceil(2) && unit > 1)
        }
        None => product.checked_mul(10u128.pow(AMOUNT_DECIMALS - unit_price.scale())).ok_or_else(|| too_large(path))?,
    };
    cents_to_amount(cents, path)
}

/// A whole number of cents as an exact amount: with two decimals, or fewer where the
/// trailing ones are zeros and two do not fit `Decimal`'s 96 bits; else an overflow error.
fn cents_to_amount(cents: u128, path: &str) -> BillingResult<Decimal> {
    (0..=AMOUNT_DECIMALS)
        .filter(|&dropped| cents.is_multiple_of(10u128.pow(dropped)))
        .find_map(|dropped| {
            let mantissa = i128::try_from(cents / 10u128.pow(dropped)).ok()?;
            Decimal::try_from_i128_with_scale(mantissa, AMOUNT_DECIMALS - dropped).ok()
        })
        .ok_or_else(|| too_large(path))
}

/// `a + b` for amounts, exact, or an overflow error about `path`: a sum that `Decimal`
/// could only give by dropping decimals is an error too.
pub fn add(a: Decimal, b: Decimal, path: &str) -> BillingResult<Decimal> {
    // Adding zero gives the other operand as it is; otherwise fewer decimals than the
    // operands have means digits were dropped.
    let exact = |sum: &Decimal| a.is_zero() || b.is_zero() || sum.scale() >= a.scale().max(b.scale());
    a.checked_add(b).filter(exact).ok_or_else(|| too_large(path))
}

/// The overflow error: an amount too large to compute exactly.
pub fn too_large(path: &str) -> BillingError {
    BillingError::overflow(path, "the amount of money is too large to compute exactly")
}

/// An amount as the boundary shows it: exactly two decimals, `"12.50"`, exact at any
/// magnitude a `Decimal` holds (an amount with more decimals is rounded to the cent first).
pub fn format_amount(amount: Decimal) -> String {
    let rounded = amount.round_dp_with_strategy(AMOUNT_DECIMALS, LINE_ROUNDING);
    // In cents, as an integer: i128 holds every Decimal mantissa times 100.
    let cents = rounded.mantissa() * 10i128.pow(AMOUNT_DECIMALS - rounded.scale());
    write_decimal(cents, AMOUNT_DECIMALS)
}

/// A rate as the boundary shows it: its own scale, `"0.025"`.
pub fn format_rate(rate: Decimal) -> String {
    write_decimal(rate.mantissa(), rate.scale())
}

/// `mantissa × 10^-scale` written with exactly `scale` decimals: `"-12.50"`, `"0.025"`.
/// Written here, several times faster than Decimal's general Display, and without the
/// 128-bit formatter (1.5 KB of the estimator's code). `scale` is at most 28.
fn write_decimal(mantissa: i128, scale: u32) -> String {
    let mut text = [0u8; 70]; // a sign, 39 digits, a point, up to 28 leading zeros
    let mut at = text.len();
    let mut rest = mantissa.unsigned_abs();
    let mut written = 0;
    while rest > 0 || written <= scale {
        if written == scale && scale > 0 {
            at -= 1;
            text[at] = b'.';
        }
        at -= 1;
        text[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        written += 1;
    }
    if mantissa < 0 {
        at -= 1;
        text[at] = b'-';
    }
    text[at..].iter().map(|&b| char::from(b)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn r22_amounts_are_written_with_two_decimals_as_decimal_writes_them() {
        let cases = ["0", "0.05", "-0.05", "12.5", "-1.5", "0.005", "-0.005", "1234567.891", "-792281625142643375935439.5"];
        for text in cases {
            let mut reference = d(text).round_dp_with_strategy(AMOUNT_DECIMALS, LINE_ROUNDING);
            reference.rescale(AMOUNT_DECIMALS);
            assert_eq!(format_amount(d(text)), reference.to_string(), "{text}");
        }
        assert_eq!(format_amount(d("-0.004")), "0.00"); // rounds to zero: no "-0.00"
        assert_eq!(format_amount(Decimal::MAX), "79228162514264337593543950335.00");
        // past what rescale holds
    }

    #[test]
    fn r22_rates_are_written_as_decimal_writes_them_at_their_own_scale() {
        for text in [
            "0",
            "0.03",
            "0.025",
            "1.500000",
            "49.00",
            "99999999999999999999",
            "0.000001",
            "-0.5",
            "7.9228162514264337593543950335",
            "79228162514264337593543950335",
        ] {
            assert_eq!(format_rate(d(text)), d(text).to_string(), "{text}");
        }
    }

    #[test]
    fn r22_money_strings_read_as_the_same_decimals_as_from_str() {
        for text in ["0", "0.03", "0.025", "49.00", "1.500000", "99999999999999999999", "12345678901234.123456"] {
            assert_eq!(parse(text, 6, "r").unwrap(), d(text), "{text}");
            assert_eq!(parse(text, 6, "r").unwrap().scale(), d(text).scale(), "{text}: the scale as written");
        }
    }

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
        for text in ["abc", "1e3", "1_000", " 1", "", ".5"] {
            assert!(err(text).contains("must be a decimal string"), "{text:?}");
        }
        assert!(err("0.0000001").contains("at most 6 decimals"));
        assert!(err("123456789012345678901").contains("at most 20 digits"));
    }

    #[test]
    fn r22_amounts_are_exact_at_every_magnitude_or_an_overflow_error() {
        // 10,000,001 credits at 99999999999999999999 a credit: exact, whole dollars.
        let rate = parse("99999999999999999999", 6, "r").unwrap();
        let line = line_amount(10_000_001, rate, "x").unwrap();
        assert_eq!(format_amount(line), "1000000099999999999989999999.00");
        assert_eq!(10_000_001u128 * 99_999_999_999_999_999_999, 1_000_000_099_999_999_999_989_999_999);
        // With cents it no longer fits: an overflow error, not a rounded amount.
        assert!(line_amount(9_007_199_254_740_991, parse("999999999999999999.25", 6, "r").unwrap(), "x").is_err());
        // A 6-decimal rate at about 7.9e22: one rounding, of the exact product.
        let rate = parse("99999999999999.999999", 6, "r").unwrap();
        let exact = 82_742_285_111u128 * 99_999_999_999_999_999_999; // in millionths
        let cents = (exact + 5_000) / 10_000;
        let line = line_amount(82_742_285_111, rate, "x").unwrap();
        assert_eq!(format_amount(line), format!("{}.{:02}", cents / 100, cents % 100));
        assert!(format_amount(line).ends_with("17257.71"));
        // Past what a Decimal holds in cents: an error, not a rounded amount.
        assert_eq!(line_amount(9_007_199_254_740_991, rate, "x").unwrap_err().code(), crate::ErrorCode::Overflow);
        // A sum that would drop the cents is an error too.
        let big = Decimal::try_from_i128_with_scale(79_228_162_514_264_337_593_543_950_335, 2).unwrap();
        assert!(add(big, d("0.01"), "x").is_err());
        assert_eq!(format_amount(d("79228162514264337593543950335")), "79228162514264337593543950335.00");
    }

    #[test]
    fn huge_lines_are_errors_not_traps() {
        let rate = parse("99999999999999999999", 6, "r").unwrap();
        assert!(line_amount(u64::MAX, rate, "x").is_err());
    }
}
