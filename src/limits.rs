//! Per-feature limits (R17): a share of the plan's monthly allocation or a number of
//! credits, not both, as the credits each feature may charge in a cycle.

use crate::error::{BillingError, BillingResult};
use crate::feature::{Feature, PerFeature};
use crate::schema::{FeatureLimit, FeatureLimits};

fn limit_credits(limit: &FeatureLimit, allocation: u64, path: &str) -> BillingResult<u64> {
    match (limit.percent, limit.credits) {
        (Some(_), Some(_)) => Err(BillingError::invalid(path, "must set percent or credits, not both (R17)")),
        (None, None) => Err(BillingError::invalid(path, "must set percent or credits (R17)")),
        (Some(percent), None) if percent > 100 => Err(BillingError::invalid(
            format!("{path}.percent"),
            format!("must be at most 100 (percent of the allocation), got {}", percent),
        )),
        // A share of the allocation, rounded down to whole credits: 60 % of 500 is 300.
        (Some(percent), None) => Ok(((u128::from(allocation) * u128::from(percent)) / 100) as u64),
        (None, Some(credits)) => Ok(credits),
    }
}

/// Each feature's limit in credits on a plan of `allocation` credits (R17: a percentage
/// is of that allocation, rounded down); errors name `<root>.<feature>`.
pub fn in_credits(given: Option<&FeatureLimits>, allocation: u64, root: &str) -> BillingResult<PerFeature<Option<u64>>> {
    let mut limits = PerFeature::default();
    if let Some(given) = given {
        let given =
            [given.conversation.as_ref(), given.voice.as_ref(), given.content.as_ref(), given.reviews.as_ref(), given.workflow.as_ref()];
        for (feature, limit) in Feature::ALL.into_iter().zip(given) {
            if let Some(limit) = limit {
                *limits.get_mut(feature) = Some(limit_credits(limit, allocation, &format!("{root}.{}", feature.as_str()))?);
            }
        }
    }
    Ok(limits)
}
