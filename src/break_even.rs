//! Break-even points: the monthly credit levels where one plan stops being the cheaper of
//! a pair, for the sales modeller (R1, R15, R20).

use std::cmp::Ordering;

use crate::compare::{selected_plans, total_cost};
use crate::credits::MAX_CREDITS;
use crate::error::{BillingError, BillingResult};
use crate::price_book::{Book, PlanTerms};
use crate::schema::BreakEven;

/// How far up the search goes: beyond every plan's last price change costs are linear,
/// and a trillion credits a month is past any real account.
const SEARCH_LIMIT: u64 = 1_000_000_000_000;

/// Where `plan`'s cost changes slope: its allocation and its tier ends.
fn breakpoints(plan: &PlanTerms) -> impl Iterator<Item = u64> + '_ {
    std::iter::once(plan.credits).chain(plan.overage.iter().filter_map(|t| t.up_to).map(|u| plan.credits.saturating_add(u)))
}

/// Whether `b` costs no more than `a` at `credits` a month.
fn b_not_dearer(a: &PlanTerms, b: &PlanTerms, credits: u64) -> BillingResult<bool> {
    Ok(total_cost(b, credits, "breakEven")?.cmp(&total_cost(a, credits, "breakEven")?) != Ordering::Greater)
}

/// Every break-even point between each pair of the plans `ids` selects (default: all),
/// by credits; errors name `plans[i]`.
pub fn break_evens(book: &Book, ids: Option<&[String]>) -> BillingResult<Vec<BreakEven>> {
    if ids.is_some_and(|ids| ids.len() < 2) {
        return Err(BillingError::invalid("plans", "must name at least two plans to compare"));
    }
    let plans = selected_plans(book, ids, "plans")?;
    let mut edges: Vec<u64> = plans.iter().flat_map(|p| breakpoints(p)).filter(|&x| x < SEARCH_LIMIT).collect();
    edges.extend([0, SEARCH_LIMIT.min(MAX_CREDITS)]);
    edges.sort_unstable();
    edges.dedup();
    let mut points = Vec::new();
    for (i, a) in plans.iter().enumerate() {
        for b in &plans[i + 1..] {
            for pair in edges.windows(2) {
                let (lo, hi) = (pair[0], pair[1]);
                let (at_lo, at_hi) = (b_not_dearer(a, b, lo)?, b_not_dearer(a, b, hi)?);
                if at_lo == at_hi {
                    continue; // both costs are linear in between: no crossing
                }
                // The first level in (lo, hi] on `hi`'s side.
                let (mut low, mut high) = (lo, hi);
                while high - low > 1 {
                    let mid = low + (high - low) / 2;
                    if b_not_dearer(a, b, mid)? == at_hi { high = mid } else { low = mid }
                }
                let (from, to) = if at_hi { (a, b) } else { (b, a) };
                points.push(BreakEven { credits: high, from: from.id.clone(), to: to.id.clone() });
            }
        }
    }
    points.sort_by_key(|p| p.credits);
    Ok(points)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::from_json;

    fn book_with_prices() -> Book {
        let mut json = serde_json::to_value(Book::published().to_schema()).unwrap();
        json["plans"][0]["monthlyPrice"] = serde_json::json!("29");
        json["plans"][1]["monthlyPrice"] = serde_json::json!("99");
        json["plans"][2]["monthlyPrice"] = serde_json::json!("299");
        Book::from_schema(&from_json(&json.to_string(), "book").unwrap()).unwrap()
    }

    #[test]
    fn r15_starter_against_pro_crosses_where_overage_passes_the_price_gap() {
        // Starter: 29 + 0.03 x (c - 500); Pro: 99 + 0.025 x (c - 2,500): equal at 4,500 credits
        // (149.00 each), Starter cheaper below.
        let book = book_with_prices();
        let ids = ["starter".to_string(), "pro".to_string()];
        let points = break_evens(&book, Some(&ids)).unwrap();
        assert_eq!(points, vec![BreakEven { credits: 4500, from: "starter".into(), to: "pro".into() }]);
        let all = break_evens(&book, None).unwrap();
        assert!(all.iter().any(|p| p.from == "pro" && p.to == "premium"));
        // Pro: 99 + 0.025 x (c - 2,500); Premium: 299 + 0.02 x (c - 10,000). At 12,499 the
        // lines round to the same cent (249.975 -> 249.98, R22): 348.98 each.
        let pro_premium = all.iter().find(|p| p.from == "pro" && p.to == "premium").unwrap();
        assert_eq!(pro_premium.credits, 12_499);
    }

    #[test]
    fn r23_break_even_needs_two_known_plans() {
        let book = Book::published();
        assert!(break_evens(&book, Some(&["pro".to_string()])).unwrap_err().to_string().starts_with("plans: must name at least two"));
        assert!(break_evens(&book, Some(&["pro".to_string(), "x".to_string()])).unwrap_err().to_string().starts_with("plans[1]: unknown plan"));
    }
}
