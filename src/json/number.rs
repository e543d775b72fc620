//! A JSON number's text read exactly, digit by digit: no trip through `f64` parsing,
//! whose tables were 15 KB of the estimator's gzipped bundle (issue 12).

/// `value × 10^places`, cut to a whole number, and whether anything nonzero was cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scaled {
    pub whole: u128,
    pub cut: bool,
}

/// Why a number has no [`Scaled`] value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unscaled {
    /// Below zero (`-0` and `-0.0` are zero, not negative).
    Negative,
    /// Its scaled value passes `u128::MAX` (about 3.4e38).
    TooLarge,
}

/// Reads `text`, a number as JSON writes it (`12`, `-5`, `1.5`, `1e+21`, `2.5E-3`),
/// scaled by `10^places`. Only for text the JSON parser (or the CSV reader) has checked
/// is a number: other text gives some value, never a panic.
///
/// ```
/// use hoopai_billing::json::number::{scaled, Scaled};
/// assert_eq!(scaled("45.3", 6), Ok(Scaled { whole: 45_300_000, cut: false }));
/// assert_eq!(scaled("1e3", 0), Ok(Scaled { whole: 1000, cut: false }));
/// assert_eq!(scaled("60.0000001", 6), Ok(Scaled { whole: 60_000_000, cut: true }));
/// ```
pub fn scaled(text: &str, places: u32) -> Result<Scaled, Unscaled> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (super::cut(unsigned, ..at), exponent_of(super::cut(unsigned, at + 1..))),
        None => (unsigned, 0),
    };
    let (integer, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = || integer.bytes().chain(fraction.bytes()).map(|b| b.wrapping_sub(b'0'));
    if digits().all(|d| d == 0) {
        return Ok(Scaled { whole: 0, cut: false });
    }
    if negative {
        return Err(Unscaled::Negative);
    }
    // How many of the digits fall left of the (scaled) decimal point.
    let point = integer.len() as i64 + exponent + i64::from(places);
    let mut whole: u128 = 0;
    let mut cut = false;
    let mut count: i64 = 0;
    for digit in digits() {
        if count < point {
            whole = whole.checked_mul(10).and_then(|w| w.checked_add(u128::from(digit))).ok_or(Unscaled::TooLarge)?;
        } else if digit != 0 {
            cut = true;
        }
        count += 1;
    }
    // Zeros the exponent adds; `whole` is not 0 here, so this ends within 39 steps.
    while count < point {
        if whole != 0 {
            whole = whole.checked_mul(10).ok_or(Unscaled::TooLarge)?;
        }
        count += 1;
    }
    Ok(Scaled { whole, cut })
}

/// The exponent's value, held within ±10^12: beyond that every number is 0 or too large.
fn exponent_of(text: &str) -> i64 {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, super::cut(text, 1..)),
        Some(b'+') => (false, super::cut(text, 1..)),
        _ => (false, text),
    };
    let magnitude = digits.bytes().fold(0i64, |n, b| (n * 10 + i64::from(b.wrapping_sub(b'0'))).min(1_000_000_000_000));
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str, places: u32) -> Result<(u128, bool), Unscaled> {
        scaled(text, places).map(|s| (s.whole, s.cut))
    }

    #[test]
    fn every_notation_scaled_exactly_and_fractions_cut_and_flagged() {
        // (text, places, whole, cut)
        let cases: [(&str, u32, u128, bool); 16] = [
            ("0", 0, 0, false),
            ("135", 0, 135, false),
            ("1e3", 0, 1000, false),
            ("1E+3", 0, 1000, false),
            ("5.0", 0, 5, false),
            ("12.5e1", 0, 125, false),
            ("1250e-1", 0, 125, false),
            ("9007199254740991", 0, 9_007_199_254_740_991, false),
            ("1.5", 0, 1, true),
            ("0.1", 0, 0, true),
            ("1e-400", 0, 0, true),
            ("45.3", 6, 45_300_000, false),
            ("0.30000000000000004", 6, 300_000, true),
            ("60.00000000000000000000000000000000001", 6, 60_000_000, true),
            ("4.5e-7", 6, 0, true),
            ("1.25e-4", 6, 125, false),
        ];
        for (text, places, whole, cut) in cases {
            assert_eq!(s(text, places), Ok((whole, cut)), "{text} at {places} places");
        }
    }

    #[test]
    fn zero_in_any_form_and_signs() {
        for zero in ["-0", "-0.0", "0e999999999999999999999", "0.000e-5"] {
            assert_eq!(s(zero, 6), Ok((0, false)), "{zero}");
        }
        assert_eq!(s("-5", 0), Err(Unscaled::Negative));
        assert_eq!(s("-1e-300", 6), Err(Unscaled::Negative));
    }

    #[test]
    fn too_large_is_found_without_walking_the_exponent() {
        assert_eq!(s("1e39", 0), Err(Unscaled::TooLarge));
        assert_eq!(s("1e+400", 0), Err(Unscaled::TooLarge));
        assert_eq!(s("1e999999999999999999999999", 0), Err(Unscaled::TooLarge));
        assert_eq!(s("340282366920938463463374607431768211455", 0), Ok((u128::MAX, false)));
        assert_eq!(s("340282366920938463463374607431768211456", 0), Err(Unscaled::TooLarge));
        assert_eq!(s("1e33", 6), Err(Unscaled::TooLarge));
    }
}
