//! What overage credits cost: one invoice line per graduated tier, each rounded to the
//! cent, summed (R15, R20, R22).

use rust_decimal::Decimal;

use crate::error::BillingResult;
use crate::money;
use crate::price_book::OverageTier;

/// One tier's part of the overage: an invoice line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverageLine {
    /// Overage credits billed in this tier.
    pub quantity: u64,
    pub rate: Decimal,
    /// `quantity × rate`, rounded to the cent half away from zero.
    pub amount: Decimal,
    /// Where the tier ends (running total of overage credits), `None` for the last.
    pub up_to: Option<u64>,
}

/// How many of `overage` credits fall in each tier, in tier order; tiers with none are
/// left out. `upTo` is the running total where a tier ends (R20).
pub fn tier_quantities(tiers: &[OverageTier], overage: u64) -> impl Iterator<Item = (&OverageTier, u64)> + '_ {
    let mut start = 0u64;
    tiers.iter().filter_map(move |tier| {
        let end = tier.up_to.map_or(overage, |up_to| up_to.min(overage));
        let quantity = end.saturating_sub(start);
        start = start.max(end);
        (quantity > 0).then_some((tier, quantity))
    })
}

/// The invoice lines for `overage` credits.
pub fn overage_lines(tiers: &[OverageTier], overage: u64, path: &str) -> BillingResult<Vec<OverageLine>> {
    tier_quantities(tiers, overage)
        .map(|(tier, quantity)| {
            Ok(OverageLine { quantity, rate: tier.rate, amount: money::line_amount(quantity, tier.rate, path)?, up_to: tier.up_to })
        })
        .collect()
}

/// The cost of `overage` credits: the sum of the rounded tier lines.
pub fn overage_cost(tiers: &[OverageTier], overage: u64, path: &str) -> BillingResult<Decimal> {
    tier_quantities(tiers, overage)
        .try_fold(Decimal::ZERO, |total, (tier, quantity)| money::add(total, money::line_amount(quantity, tier.rate, path)?, path))
}

/// The cost of `overage` credits before its last line is rounded: the rounded lines of
/// the tiers it fills and the exact amount of the tier it reaches; and that tier's rate,
/// the slope of the cost there (`0` for no overage). The rounded cost
/// ([`overage_cost`]) is within half a cent of it.
pub fn overage_cost_unrounded(tiers: &[OverageTier], overage: u64, path: &str) -> BillingResult<(Decimal, Decimal)> {
    let mut lines = tier_quantities(tiers, overage).peekable();
    let mut filled = Decimal::ZERO;
    while let Some((tier, quantity)) = lines.next() {
        if lines.peek().is_none() {
            let last = Decimal::from(quantity).checked_mul(tier.rate).ok_or_else(|| money::too_large(path))?;
            return Ok((money::add(filled, last, path)?, tier.rate));
        }
        filled = money::add(filled, money::line_amount(quantity, tier.rate, path)?, path)?;
    }
    Ok((Decimal::ZERO, Decimal::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn tier(up_to: Option<u64>, rate: &str) -> OverageTier {
        OverageTier { up_to, rate: Decimal::from_str(rate).unwrap() }
    }

    #[test]
    fn r15_flat_overage_at_the_plan_rate() {
        let flat = [tier(None, "0.03")];
        assert_eq!(overage_cost(&flat, 100, "x").unwrap().to_string(), "3.00");
        assert_eq!(overage_cost(&flat, 0, "x").unwrap(), Decimal::ZERO);
    }

    #[test]
    fn r20_graduated_tiers_each_their_own_rounded_line() {
        let tiers = [tier(Some(10_000), "0.02"), tier(Some(15_000), "0.0175"), tier(None, "0.015")];
        let lines = overage_lines(&tiers, 16_001, "x").unwrap();
        let shown: Vec<(u64, Decimal)> = lines.iter().map(|l| (l.quantity, l.amount)).collect();
        let d = |t: &str| Decimal::from_str(t).unwrap();
        assert_eq!(shown, vec![(10_000, d("200.00")), (5_000, d("87.50")), (1_001, d("15.02"))]);
        // 15.015 rounds half away from zero to 15.02 (R22).
        assert_eq!(lines[2].amount, Decimal::from_str("15.02").unwrap());
        assert_eq!(overage_cost(&tiers, 16_001, "x").unwrap(), Decimal::from_str("302.52").unwrap());
        assert_eq!(overage_lines(&tiers, 9_000, "x").unwrap().len(), 1);
    }
}
