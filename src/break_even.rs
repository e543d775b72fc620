//! Break-even points: every monthly credit level at which `compare`'s recommended plan
//! changes, for the sales modeller (R1, R15, R20, R22, R24).
//!
//! The walk: between two break points (an allocation or a tier end of any plan) every
//! plan's cost is a line rounded to the cent. Where one plan's exact line is more than a
//! cent below every other, rounding cannot change the order, so the recommendation holds
//! until another line comes within a cent: the walk jumps there. Within a cent it steps
//! credit by credit, asking the same rule `compare` uses, so flips caused by cent rounding
//! are found exactly.

use hoopai_billing_macros::shape;
use rust_decimal::Decimal;

use crate::compare::{selected_plans, MonthCost};
use crate::error::{BillingError, BillingResult};
use crate::money::{self, AMOUNT_DECIMALS, RATE_MAX_DECIMALS};
use crate::overage::OverageCurve;
use crate::price_book::{Book, PlanTerms};
use crate::recommend::{basis_for_prices, recommendation};
use crate::schema::Basis;

/// How far up the walk goes: a trillion credits a month is past any real account, and
/// costs stay exact there for every rate a book may hold.
pub const SEARCH_LIMIT: u64 = 1_000_000_000_000;
/// The most credit levels asked one by one (where plans cost within a cent of each other
/// and their rounding keeps changing the recommendation) before the call gives up with a
/// `LIMIT` error.
pub const MAX_CLOSE_STEPS: u64 = 2_000_000;
/// The most break-even points one call returns; more is a `LIMIT` error.
pub const MAX_POINTS: usize = 10_000;
const PATH: &str = "plans";

/// Where `plan`'s cost changes slope: its allocation and its tier ends.
fn breakpoints(plan: &PlanTerms) -> impl Iterator<Item = u64> + '_ {
    std::iter::once(plan.credits).chain(plan.overage.iter().filter_map(|t| t.up_to).map(|u| plan.credits.saturating_add(u)))
}

/// The plans of a walk with their cost curves.
struct Walk<'b> {
    plans: Vec<&'b PlanTerms>,
    curves: Vec<OverageCurve>,
    basis: Basis,
    largest: u64,
}

/// One credit level: `compare`'s recommendation there, and where the walk goes next.
struct Level {
    recommended: String,
    step: Step,
}

/// Where the walk goes from a credit level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// The recommendation holds up to this level (exclusive).
    JumpTo(u64),
    /// Some plan costs within a cent of the lowest: the next level must be asked.
    /// `parallel` when every such plan's line runs parallel to the lowest one (their
    /// rounded costs then repeat every [`PERIOD`] levels); `settled` is the first level
    /// where another line could come within a cent.
    Close { parallel: bool, settled: u64 },
}

/// Rates have at most 6 decimals, so `rate × 10^4` is a whole number of cents: a line's
/// rounded cost grows by exactly that every 10^4 credits, and the rounding pattern of two
/// parallel lines repeats with this period.
const PERIOD: u64 = 10u64.pow(RATE_MAX_DECIMALS - AMOUNT_DECIMALS);

impl<'b> Walk<'b> {
    fn new(plans: Vec<&'b PlanTerms>) -> Walk<'b> {
        let basis = basis_for_prices(plans.iter().map(|p| p.monthly_price));
        let curves = plans.iter().map(|p| OverageCurve::new(&p.overage)).collect();
        let largest = plans.iter().map(|p| p.credits).max().unwrap_or(0);
        Walk { plans, curves, basis, largest }
    }

    /// The level of `credits` inside a stretch without break points that ends before `end`.
    fn level(&self, credits: u64, end: u64) -> BillingResult<Level> {
        let mut weighed = Vec::with_capacity(self.plans.len());
        // Each plan's exact cost line here: (value, slope). Allocation basis: overage only.
        let mut lines = Vec::with_capacity(self.plans.len());
        for (plan, curve) in self.plans.iter().zip(&self.curves) {
            let overage = curve.at(credits.saturating_sub(plan.credits), PATH)?;
            // The month as compare prices it (MonthCost), from the curve's rounded lines.
            let month = MonthCost::with_overage_cost(plan, credits, overage.rounded).map_err(|e| e.within(PATH))?;
            weighed.push(month.weighed(plan));
            let price = if self.basis == Basis::TotalCost { plan.monthly_price.unwrap_or_default() } else { Decimal::ZERO };
            lines.push((money::add(price, overage.exact, PATH)?, overage.slope));
        }
        let recommended = recommendation(&weighed).0;
        if self.basis == Basis::Allocation && credits <= self.largest {
            // The smallest covering allocation: fixed between break points.
            return Ok(Level { recommended, step: Step::JumpTo(end) });
        }
        Ok(Level { recommended, step: next_step(&lines, credits, end) })
    }
}

/// ⌈n ÷ d⌉ for positive exact amounts, in integers at their common scale: no decimal
/// division (1.8 KB gzip of the estimator's code). Every amount here has at most 6
/// decimals (rates have at most 6, prices 2), so the aligned mantissas (under 2^96 × 10^6)
/// fit an i128; were one not to, the answer is "past every level" (`u64::MAX`).
fn ceil_div(n: Decimal, d: Decimal) -> u64 {
    let scale = n.scale().max(d.scale());
    let aligned = |x: Decimal| 10i128.checked_pow(scale - x.scale()).and_then(|unit| x.mantissa().checked_mul(unit));
    match (aligned(n), aligned(d)) {
        (Some(n), Some(d)) if d > 0 => u64::try_from(n / d + i128::from(n % d != 0)).unwrap_or(u64::MAX),
        _ => u64::MAX,
    }
}

/// Where the walk goes from `credits` (never past `end`), from each plan's exact cost
/// line there, `(value, slope)`.
fn next_step(lines: &[(Decimal, Decimal)], credits: u64, end: u64) -> Step {
    let Some(&(low, low_slope)) = lines.iter().min_by_key(|(value, _)| *value) else { return Step::JumpTo(end) };
    let cent = Decimal::new(1, 2);
    let (mut settled, mut close, mut parallel) = (end, false, true);
    for &(value, slope) in lines {
        let gap = value - low;
        if gap.is_zero() && slope == low_slope {
            continue; // the same line (the lowest itself, or tied at every level): the tie rule decides once
        }
        if gap <= cent {
            close = true;
            parallel &= slope == low_slope;
        } else if slope < low_slope {
            let steps = ceil_div(gap - cent, low_slope - slope);
            settled = settled.min(credits.saturating_add(steps.max(1)));
        }
    }
    if close {
        Step::Close { parallel, settled }
    } else {
        Step::JumpTo(settled)
    }
}

/// The `LIMIT` error of plans whose rounded costs keep trading places.
fn too_many(what: String) -> BillingError {
    BillingError::limit(
        PATH,
        format!("these plans cost within a cent of each other and their recommendation keeps changing: {what}; compare fewer plans"),
    )
}

/// Every credit level, ascending, at which `compare`'s recommended plan among the plans
/// `ids` selects (default: all) changes, with the plans before and after (R24). Errors
/// name `plans[i]`; a `LIMIT` error past [`MAX_POINTS`] points or [`MAX_CLOSE_STEPS`]
/// levels asked one by one.
pub fn break_evens(book: &Book, ids: Option<&[String]>) -> BillingResult<Vec<BreakEven>> {
    if ids.is_some_and(|ids| ids.len() < 2) {
        return Err(BillingError::invalid(PATH, "must name at least two plans to compare"));
    }
    let walk = Walk::new(selected_plans(book, ids, PATH)?);
    let plans = &walk.plans;
    let mut edges: Vec<u64> = plans.iter().flat_map(|p| breakpoints(p)).filter(|&x| x < SEARCH_LIMIT).collect();
    edges.extend([0, SEARCH_LIMIT]);
    // A heap sort (at most 10,002 edges): a fraction of `sort_unstable`'s code in WASM.
    let mut edges = std::collections::BinaryHeap::from(edges).into_sorted_vec();
    edges.dedup();
    let mut points = Vec::new();
    let mut current = walk.level(0, 0)?.recommended;
    let mut close_steps = 0;
    for pair in edges.windows(2) {
        let (mut credits, last) = (pair[0] + 1, pair[1]);
        // The first level of a run of close, parallel levels with no change.
        let mut calm_since: Option<u64> = None;
        while credits <= last {
            let Level { recommended: here, step } = walk.level(credits, last + 1)?;
            let changed = here != current;
            if changed {
                if points.len() == MAX_POINTS {
                    return Err(too_many(format!(
                        "more than {MAX_POINTS} break-even points (the {}th at {credits} credits)",
                        MAX_POINTS + 1
                    )));
                }
                points.push(BreakEven { credits, from: std::mem::replace(&mut current, here.clone()), to: here });
            }
            match step {
                Step::JumpTo(level) => {
                    calm_since = None;
                    credits = level;
                }
                Step::Close { parallel, settled } => {
                    calm_since = if !parallel {
                        None
                    } else if changed {
                        Some(credits)
                    } else {
                        calm_since.or(Some(credits))
                    };
                    // A whole period of parallel lines without a change: none until `settled`.
                    if calm_since.is_some_and(|since| credits - since + 1 >= PERIOD) && settled > credits + 1 {
                        calm_since = None;
                        credits = settled;
                        continue;
                    }
                    close_steps += 1;
                    if close_steps > MAX_CLOSE_STEPS {
                        return Err(too_many(format!(
                            "more than {MAX_CLOSE_STEPS} credit levels to ask one by one (from {credits} credits)"
                        )));
                    }
                    credits += 1;
                }
            }
        }
    }
    Ok(points)
}

// The shapes this operation takes and returns (declared once: `#[shape]`).

/// A monthly credit level where `to` becomes no dearer than `from`, which was cheaper
/// just below it.
///
/// ```js
/// calc.breakEvens(["starter", "pro"]); // [{ credits: 4500, from: "starter", to: "pro" }]
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct BreakEven {
    pub credits: u64,
    pub from: String,
    pub to: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::schema::from_json;

    fn book_with_prices() -> Book {
        let mut json = serde_json::to_value(Book::published().to_schema()).unwrap();
        json["plans"][0]["monthlyPrice"] = serde_json::json!("29");
        json["plans"][1]["monthlyPrice"] = serde_json::json!("99");
        json["plans"][2]["monthlyPrice"] = serde_json::json!("299");
        Book::from_schema(&from_json(&json.to_string(), "book").unwrap()).unwrap()
    }

    /// What `compare` recommends for `credits` AI messages (1 credit each).
    fn compare_recommends(book: &Book, credits: u64) -> String {
        let mix = from_json(&format!(r#"{{"conversation":{{"aiMessages":{credits}}}}}"#), "mix").unwrap();
        crate::compare::compare(book, &mix, &Default::default()).unwrap().recommended
    }

    fn be(credits: u64, from: &str, to: &str) -> BreakEven {
        BreakEven { credits, from: from.into(), to: to.into() }
    }

    #[test]
    fn steps_to_a_crossing_are_the_exact_ceiling_of_the_gap_over_the_slope() {
        let d = |t: &str| t.parse::<Decimal>().unwrap();
        assert_eq!(ceil_div(d("0.03"), d("0.01")), 3); // exact: no extra step
        assert_eq!(ceil_div(d("0.031"), d("0.01")), 4);
        assert_eq!(ceil_div(d("2.99"), d("0.000001")), 2_990_000);
        assert_eq!(ceil_div(d("0.000001"), d("0.005")), 1);
        assert_eq!(ceil_div(d("79228162514264337593543950.335"), d("0.000001")), u64::MAX); // past every level
        for (n, den) in [("12.345678", "0.000007"), ("1", "0.3"), ("100.01", "0.25")] {
            let expected = (d(n) / d(den)).ceil();
            assert_eq!(Decimal::from(ceil_div(d(n), d(den))), expected, "{n} / {den}");
        }
    }

    #[test]
    fn r24_priced_plans_change_where_compare_changes_its_recommendation() {
        // Starter: 29 + 0.03 x (c - 500); Pro: 99 + 0.025 x (c - 2,500): both 149.00 at 4,500
        // and 149.03 at 4,501 (149.025 rounds up, R22), ties go to the earlier plan, so Pro
        // is first recommended at 4,502.
        let book = book_with_prices();
        let ids = ["starter".to_string(), "pro".to_string()];
        assert_eq!(break_evens(&book, Some(&ids)).unwrap(), vec![be(4502, "starter", "pro")]);
        // Pro: 99 + 0.025 x (c - 2,500); Premium: 299 + 0.02 x (c - 10,000): equal at 12,500
        // (349.00); at 12,501 Pro is 349.03 and Premium 349.02.
        assert_eq!(break_evens(&book, None).unwrap(), vec![be(4502, "starter", "pro"), be(12_501, "pro", "premium")]);
    }

    #[test]
    fn r24_published_book_changes_where_the_next_allocation_is_needed() {
        // No prices: the smallest allocation that covers the credits (R24).
        let points = break_evens(&Book::published(), None).unwrap();
        assert_eq!(points, vec![be(501, "starter", "pro"), be(2501, "pro", "premium")]);
    }

    #[test]
    fn r22_r24_cent_rounding_decides_each_flip() {
        // A {600 credits, 0.0215, 20.92} and B {4,700, 0.0244, 86.04}: compare recommends B
        // from 3,630 credits and A again from 12,640 (exact crossings 3,629.x and 12,645.x).
        let json = r#"{"currency":"USD","plans":[
            {"id":"a","name":"A","credits":600,"overageRate":"0.0215","monthlyPrice":"20.92"},
            {"id":"b","name":"B","credits":4700,"overageRate":"0.0244","monthlyPrice":"86.04"}],
            "rates":{"conversation":{"perMessage":1},"voice":{"default":4,"min":3,"max":5,"table":[]},
            "content":{"text":1,"image":3},"reviews":{"perResponse":1},"workflow":{"short":1,"long":2,"longAboveTokens":1000}},
            "alertThresholds":[75,90]}"#;
        let book = Book::from_schema(&from_json(json, "book").unwrap()).unwrap();
        let points = break_evens(&book, None).unwrap();
        assert_eq!(points, vec![be(3630, "a", "b"), be(12_640, "b", "a")]);
        for p in &points {
            assert_eq!(compare_recommends(&book, p.credits - 1), p.from);
            assert_eq!(compare_recommends(&book, p.credits), p.to);
        }
    }

    fn book_of(plans: &str) -> Book {
        let json = format!(
            r#"{{"currency":"USD","plans":[{plans}],"rates":{{"conversation":{{"perMessage":1}},
            "voice":{{"default":4,"min":3,"max":5,"table":[]}},"content":{{"text":1,"image":3}},"reviews":{{"perResponse":1}},
            "workflow":{{"short":1,"long":2,"longAboveTokens":1000}}}},"alertThresholds":[75,90]}}"#
        );
        Book::from_schema(&from_json(&json, "book").unwrap()).unwrap()
    }

    #[test]
    fn r24_plans_a_cent_apart_for_a_billion_credits_are_walked_in_a_few_steps() {
        // Same allocation and rate, prices a cent apart: A is lower at every level, and the
        // walk must not ask a billion levels to find that out.
        let book = book_of(
            r#"{"id":"a","name":"A","credits":1000000000,"overageRate":"0.025","monthlyPrice":"97.00"},
               {"id":"b","name":"B","credits":1000000000,"overageRate":"0.025","monthlyPrice":"97.01"}"#,
        );
        assert_eq!(break_evens(&book, None).unwrap(), vec![]);
        // Half a cent apart on parallel lines that round differently: the recommendation
        // flips back and forth. A: 0.005 x c; B: 0.0025 + 0.005 x c. At odd c, A's exact
        // cost ends in 5 (rounds up), B's is whole.
        let book = book_of(
            r#"{"id":"a","name":"A","credits":1,"overageRate":"0.005","monthlyPrice":"0"},
               {"id":"b","name":"B","credits":2,"overageRate":"0.005","monthlyPrice":"0.00"}"#,
        );
        let points = break_evens(&book, None);
        assert_eq!(points.as_ref().map_err(|e| e.code()), Err(ErrorCode::Limit), "{points:?}");
    }

    #[test]
    fn r24_a_calm_period_of_parallel_plans_is_skipped_and_the_next_crossing_found() {
        // A and B parallel a cent apart (A always lower); C's flatter line meets A at 24,600
        // (745.00 each, the tie to A) and is lower from 24,601.
        let book = book_of(
            r#"{"id":"a","name":"A","credits":100,"overageRate":"0.03","monthlyPrice":"10.00"},
               {"id":"b","name":"B","credits":100,"overageRate":"0.03","monthlyPrice":"10.01"},
               {"id":"c","name":"C","credits":100,"overageRate":"0.01","monthlyPrice":"500.00"}"#,
        );
        let points = break_evens(&book, None).unwrap();
        assert_eq!(points, vec![be(24_601, "a", "c")]);
        // Level by level, compare gives the same answer.
        let mut before = compare_recommends(&book, 0);
        let mut seen = vec![];
        for credits in 1..=30_000 {
            let now = compare_recommends(&book, credits);
            if now != before {
                seen.push(be(credits, &before, &now));
                before = now;
            }
        }
        assert_eq!(seen, points);
    }

    #[test]
    fn r23_break_even_needs_two_known_plans() {
        let book = Book::published();
        assert!(break_evens(&book, Some(&["pro".to_string()])).unwrap_err().to_string().starts_with("plans: must name at least two"));
        assert!(break_evens(&book, Some(&["pro".to_string(), "x".to_string()]))
            .unwrap_err()
            .to_string()
            .starts_with("plans[1]: unknown plan"));
    }
}
