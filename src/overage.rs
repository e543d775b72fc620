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
            Ok(OverageLine { quantity, rate: tier.rate.0, amount: money::line_amount(quantity, tier.rate.0, path)?, up_to: tier.up_to })
        })
        .collect()
}

/// The cost of `overage` credits: the sum of the rounded tier lines.
pub fn overage_cost(tiers: &[OverageTier], overage: u64, path: &str) -> BillingResult<Decimal> {
    tier_quantities(tiers, overage)
        .try_fold(Decimal::ZERO, |total, (tier, quantity)| money::add(total, money::line_amount(quantity, tier.rate.0, path)?, path))
}

/// A plan's overage cost as a function of overage credits, for evaluating at many levels
/// (the break-even walk): each tier with where it starts and the rounded cost of the tiers
/// before it, so a level costs one search and one multiplication.
#[derive(Debug, Clone)]
pub struct OverageCurve {
    pieces: Vec<Piece>,
}

#[derive(Debug, Clone, Copy)]
struct Piece {
    /// Overage credits before this tier.
    start: u64,
    rate: Decimal,
    /// The rounded lines of the tiers before it; `None` when too large to compute.
    before: Option<Decimal>,
}

/// The overage cost at one level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CurvePoint {
    /// The sum of the rounded tier lines: what [`overage_cost`] gives.
    pub rounded: Decimal,
    /// The same with the last line not rounded: within half a cent of `rounded`.
    pub exact: Decimal,
    /// The rate of the tier reached: how fast the cost grows here (0 with no overage).
    pub slope: Decimal,
}

impl OverageCurve {
    /// The curve of `tiers` (R20).
    pub fn new(tiers: &[OverageTier]) -> OverageCurve {
        let (mut start, mut before) = (0u64, Some(Decimal::ZERO));
        let mut pieces = Vec::with_capacity(tiers.len());
        for tier in tiers {
            pieces.push(Piece { start, rate: tier.rate.0, before });
            if let Some(up_to) = tier.up_to {
                let line = money::line_amount(up_to.saturating_sub(start), tier.rate.0, "").ok();
                before = before.zip(line).and_then(|(sum, line)| sum.checked_add(line));
                start = start.max(up_to);
            }
        }
        OverageCurve { pieces }
    }

    /// The cost of `overage` credits; errors (too large to compute) name `path`.
    pub fn at(&self, overage: u64, path: &str) -> BillingResult<CurvePoint> {
        let Some(piece) = self.pieces[..self.pieces.partition_point(|p| p.start < overage)].last().filter(|_| overage > 0) else {
            return Ok(CurvePoint { rounded: Decimal::ZERO, exact: Decimal::ZERO, slope: Decimal::ZERO });
        };
        let before = piece.before.ok_or_else(|| money::too_large(path))?;
        let quantity = overage - piece.start;
        let last = Decimal::from(quantity).checked_mul(piece.rate).ok_or_else(|| money::too_large(path))?;
        Ok(CurvePoint {
            rounded: money::add(before, money::line_amount(quantity, piece.rate, path)?, path)?,
            exact: money::add(before, last, path)?,
            slope: piece.rate,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn tier(up_to: Option<u64>, rate: &str) -> OverageTier {
        OverageTier { up_to, rate: crate::schema::Money(Decimal::from_str(rate).unwrap()) }
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

    #[test]
    fn r20_r22_the_curve_gives_the_rounded_lines_at_every_level() {
        let tiers = [tier(Some(10_000), "0.02"), tier(Some(15_000), "0.0175"), tier(None, "0.015")];
        let curve = OverageCurve::new(&tiers);
        for overage in (0..20_000).step_by(7).chain([9_999, 10_000, 10_001, 15_000, 15_001, 16_001]) {
            let point = curve.at(overage, "x").unwrap();
            assert_eq!(point.rounded, overage_cost(&tiers, overage, "x").unwrap(), "{overage}");
            assert!((point.rounded - point.exact).abs() <= Decimal::new(5, 3));
        }
        let at = curve.at(16_001, "x").unwrap();
        assert_eq!((at.exact, at.slope), (Decimal::from_str("302.515").unwrap(), Decimal::from_str("0.015").unwrap()));
        assert_eq!(curve.at(0, "x").unwrap().slope, Decimal::ZERO);
        assert_eq!(curve.at(10_000, "x").unwrap().slope, Decimal::from_str("0.02").unwrap());
    }
}
