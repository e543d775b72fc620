//! What a plan's allocation covers when spent on one feature alone (R21).

use crate::error::BillingResult;
use crate::feature::PerFeature;
use crate::price_book::Book;
use hoopai_billing_macros::shape;

/// `floor(credits ÷ rate)` per feature: low at the highest rate, high at the lowest
/// (voice min..max a minute, images..texts, long..short workflow steps).
pub fn capacity(book: &Book, plan_id: &str) -> BillingResult<Capacity> {
    let plan = book.plan(plan_id, "plan")?;
    let rates = book.rates();
    let credits = plan.credits;
    // Every book rate is at least 1 (validated), so the divisions are safe.
    let units = |highest_rate: u64, lowest_rate: u64| UnitRange { low: credits / highest_rate, high: credits / lowest_rate };
    Ok(Capacity {
        plan: plan.id.clone(),
        credits,
        per_feature: PerFeature {
            conversation: units(rates.per_message, rates.per_message),
            voice: units(rates.voice.max, rates.voice.min),
            content: units(rates.image, rates.text),
            reviews: units(rates.per_response, rates.per_response),
            workflow: units(rates.workflow.long, rates.workflow.short),
        },
    })
}

// The shapes this operation takes and returns (declared once: `#[shape]`).

/// What a plan's allocation covers if spent on one feature alone (R21). Units:
/// messages, minutes, generations (low: images, high: texts), responses, steps.
///
/// ```js
/// calc.capacity("starter").perFeature.voice; // { low: 100, high: 166 }
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct Capacity {
    pub plan: String,
    pub credits: u64,
    pub per_feature: PerFeature<UnitRange>,
}

/// A low..high number of units.
///
/// ```js
/// const { low, high } = calc.capacity("pro").perFeature.workflow; // 1250, 2500
/// ```
#[shape(output)]
#[derive(Copy, Default, Eq)]
pub struct UnitRange {
    pub low: u64,
    pub high: u64,
}
