//! Usage alert thresholds (R14): percentages of the plan's monthly allocation.

use crate::error::{BillingError, BillingResult};
use crate::schema::Count;

/// The largest threshold, in percent (R14).
pub const MAX_THRESHOLD_PERCENT: u64 = 1000;

/// Validates a threshold list given in any order and returns it ascending. Each must be
/// over 0 and at most 1000, with no duplicates; errors name `path[i]`.
pub fn validate_thresholds(list: &[Count], path: &str) -> BillingResult<Vec<u64>> {
    let mut sorted = Vec::with_capacity(list.len());
    for (i, &percent) in list.iter().enumerate() {
        let at = format!("{path}[{i}]");
        if percent == 0 || percent > MAX_THRESHOLD_PERCENT {
            return Err(BillingError::invalid(at, format!("must be over 0 and at most {MAX_THRESHOLD_PERCENT} (percent), got {percent}")));
        }
        if let Some(first) = list[..i].iter().position(|&c| c == percent) {
            return Err(BillingError::invalid(at, format!("duplicate threshold {percent} (also {path}[{first}])")));
        }
        // Put in its place (the list is short, and already scanned for duplicates above).
        sorted.insert(sorted.partition_point(|&t| t < percent), percent);
    }
    Ok(sorted)
}

/// The first whole credit count that reaches `percent` % of `included`: what [`reaches`] is
/// true from.
pub fn threshold_credits(percent: u64, included: u64) -> u128 {
    (u128::from(percent) * u128::from(included)).div_ceil(100)
}

/// Whether `used` credits reach `percent` % of `included` (`used / included >= percent / 100`).
pub fn reaches(used: u64, included: u64, percent: u64) -> bool {
    u128::from(used) * 100 >= u128::from(percent) * u128::from(included)
}

/// The thresholds (ascending) that `used` credits of `included` reach.
pub fn reached(thresholds: &[u64], used: u64, included: u64) -> Vec<u64> {
    thresholds.iter().copied().filter(|&t| reaches(used, included, t)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r14_threshold_credits_is_where_reaches_turns_true() {
        for (percent, included) in [(75, 500), (90, 2500), (33, 1000), (120, 10_000), (1, 1), (1000, 7)] {
            let at = threshold_credits(percent, included) as u64;
            assert!(reaches(at, included, percent) && !reaches(at - 1, included, percent), "{percent}% of {included}");
        }
    }

    fn counts(values: &[u64]) -> Vec<Count> {
        values.to_vec()
    }

    #[test]
    fn r14_thresholds_any_order_reported_ascending() {
        assert_eq!(validate_thresholds(&counts(&[90, 50, 120, 75]), "t").unwrap(), vec![50, 75, 90, 120]);
    }

    #[test]
    fn r14_thresholds_over_0_at_most_1000_no_duplicates() {
        let err = |v: &[u64]| validate_thresholds(&counts(v), "options.alertThresholds").unwrap_err().to_string();
        assert_eq!(err(&[75, 0]), "options.alertThresholds[1]: must be over 0 and at most 1000 (percent), got 0");
        assert!(err(&[1001]).starts_with("options.alertThresholds[0]: must be over 0"));
        assert_eq!(err(&[75, 90, 75]), "options.alertThresholds[2]: duplicate threshold 75 (also options.alertThresholds[0])");
    }

    #[test]
    fn r14_alerts_at_75_and_90_of_the_allocation() {
        // Starter, 500 credits: 375 is 75 %, 450 is 90 %.
        assert_eq!(reached(&[75, 90], 374, 500), Vec::<u64>::new());
        assert_eq!(reached(&[75, 90], 375, 500), vec![75]);
        assert_eq!(reached(&[75, 90], 449, 500), vec![75]);
        assert_eq!(reached(&[75, 90], 450, 500), vec![75, 90]);
        assert_eq!(reached(&[120], 600, 500), vec![120]);
    }
}
