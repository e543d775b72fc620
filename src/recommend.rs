//! Which plan to recommend for a usage, and on what basis (R24). One rule for every
//! caller: compare, forecast, project, backtest and the break-even walk.

use hoopai_billing_macros::shape;
use std::cmp::Reverse;

use rust_decimal::Decimal;

/// One plan as a recommendation weighs it.
#[derive(Debug, Clone, Copy)]
pub struct Weighed<'a> {
    pub plan: &'a str,
    /// The plan's monthly allocation.
    pub allocation: u64,
    /// The usage the plan must cover: expected credits a month (a projection: its largest
    /// month; a backtest: its largest cycle without a cap).
    pub usage: u64,
    /// What the usage costs beyond the allocation (always known).
    pub overage_cost: Decimal,
    /// The whole cost; `None` when the plan's monthly price is unknown (R1).
    pub total_cost: Option<Decimal>,
}

/// The basis R24 uses for these plans: `totalCost` when every price is known.
pub fn basis_of<'a>(weighed: impl IntoIterator<Item = &'a Weighed<'a>>) -> Basis {
    basis_for_prices(weighed.into_iter().map(|w| w.total_cost))
}

/// The basis R24 uses for plans whose monthly prices (or totals) are these: `totalCost`
/// when every one is known, else `allocation`.
pub fn basis_for_prices<T>(prices: impl IntoIterator<Item = Option<T>>) -> Basis {
    if prices.into_iter().all(|price| price.is_some()) {
        Basis::TotalCost
    } else {
        Basis::Allocation
    }
}

/// The recommended plan of `weighed` (in book order) and its basis (R24):
/// - `totalCost` (every price known): the lowest total; a tie to the earlier plan;
/// - `allocation`: the smallest allocation that covers the usage, a tie to the earlier
///   plan; where none covers it, the lowest overage cost, a tie to the larger allocation
///   (then to the earlier plan).
///
/// `None` only for an empty list.
pub fn recommend<'a>(weighed: &[Weighed<'a>]) -> Option<(&'a str, Basis)> {
    let basis = basis_of(weighed);
    let best = match basis {
        Basis::TotalCost => first_min_by(weighed, |w| w.total_cost),
        Basis::Allocation => {
            let covering = weighed.iter().filter(|w| w.usage <= w.allocation);
            match first_min_by(covering, |w| w.allocation) {
                Some(w) => Some(w),
                None => first_min_by(weighed, |w| (w.overage_cost, Reverse(w.allocation))),
            }
        }
    };
    best.map(|w| (w.plan, basis))
}

/// [`recommend`] as a result carries it: the plan id and the basis (an empty id only for
/// an empty list, which no caller passes: a selection names at least one plan).
pub fn recommendation(weighed: &[Weighed]) -> (String, Basis) {
    match recommend(weighed) {
        Some((plan, basis)) => (plan.to_string(), basis),
        None => (String::new(), basis_of(weighed)),
    }
}

/// The first item with the smallest key (earlier items win ties).
fn first_min_by<'w, 'a: 'w, K: Ord>(
    items: impl IntoIterator<Item = &'w Weighed<'a>>,
    key: impl Fn(&Weighed<'a>) -> K,
) -> Option<&'w Weighed<'a>> {
    let mut best: Option<(&Weighed<'a>, K)> = None;
    for item in items {
        let k = key(item);
        if best.as_ref().is_none_or(|(_, lowest)| k < *lowest) {
            best = Some((item, k));
        }
    }
    best.map(|(item, _)| item)
}

// The shapes this operation takes and returns (declared once: `#[shape]`).

/// What a recommendation rests on (R24): `"totalCost"`, the lowest total when every
/// price is known; `"allocation"`, the smallest allocation that covers the usage (or,
/// where none does, the lowest overage cost) when a monthly price is unknown.
///
/// ```js
/// const { recommended, basis } = calc.compare(mix);
/// if (basis === "allocation") show(`${recommended} covers your usage; prices not set`);
/// ```
#[shape(output)]
#[derive(Copy, Eq)]
#[serde(rename_all = "camelCase")]
pub enum Basis {
    TotalCost,
    Allocation,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(plan: &str, allocation: u64, usage: u64, overage: i64, total: Option<i64>) -> Weighed<'_> {
        Weighed { plan, allocation, usage, overage_cost: Decimal::from(overage), total_cost: total.map(Decimal::from) }
    }

    #[test]
    fn r24_every_price_known_recommends_the_lowest_total_ties_to_the_earlier() {
        let plans = [w("a", 500, 900, 12, Some(41)), w("b", 2500, 900, 0, Some(40)), w("c", 10000, 900, 0, Some(40))];
        assert_eq!(recommend(&plans), Some(("b", Basis::TotalCost)));
    }

    #[test]
    fn r24_an_unknown_price_recommends_the_smallest_covering_allocation() {
        let plans = [w("a", 500, 900, 12, None), w("b", 2500, 900, 0, Some(1)), w("c", 10000, 900, 0, None)];
        assert_eq!(recommend(&plans), Some(("b", Basis::Allocation)));
        // Usage at the allocation is covered.
        let plans = [w("a", 900, 900, 0, None), w("b", 2500, 900, 0, None)];
        assert_eq!(recommend(&plans), Some(("a", Basis::Allocation)));
    }

    #[test]
    fn r24_nothing_covers_the_lowest_overage_ties_to_the_larger_allocation() {
        let plans = [w("a", 500, 20000, 300, None), w("b", 2500, 20000, 200, None), w("c", 10000, 20000, 200, None)];
        assert_eq!(recommend(&plans), Some(("c", Basis::Allocation)));
        let plans = [w("a", 500, 20000, 100, None), w("b", 2500, 20000, 200, None)];
        assert_eq!(recommend(&plans), Some(("a", Basis::Allocation)));
        assert_eq!(recommend(&[]), None);
    }
}
