//! Sales what-if: a usage mix grown month by month, priced on any plans, with the
//! recommended plan each month and over the whole period (R24).

use crate::forecast::ProjectedCost;
use crate::json::Value;
use crate::recommend::Basis;
use crate::schema::read::invalid_type;
use crate::schema::Path;
use crate::schema::ReadValue;
use hoopai_billing_macros::shape;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::compare::{selected_plans, CostRange, MonthCost};
use crate::error::{BillingError, BillingResult};
use crate::estimate::estimate;
use crate::feature::{Feature, PerFeature};
use crate::forecast::price_plans;
use crate::money;
use crate::price_book::{Book, PlanTerms};
use crate::recommend::{recommendation, Weighed};
use crate::schema::{Amount, Count, UsageMix};

/// The most months a projection may cover.
pub const MAX_MONTHS: u64 = 120;

/// A feature's monthly growth factor, and the field it comes from (its own rate, else the
/// overall one): errors of the months it grows are that field's.
fn growth_rate(growth: Option<&Growth>, feature: Feature, path: &str) -> BillingResult<(Decimal, String)> {
    let own = growth.and_then(|g| g.by_feature.as_ref()).and_then(|by| *by.get(feature));
    let (percent, at) = match own {
        Some(p) => (p.0, format!("{path}.byFeature.{}", feature.as_str())),
        None => (growth.and_then(|g| g.overall).map_or(Decimal::ZERO, |p| p.0), format!("{path}.overall")),
    };
    if percent <= Decimal::from(-100) || percent > Decimal::from(1000) {
        return Err(BillingError::invalid(at, format!("must be over -100 and at most 1000 (percent a month), got {percent}")));
    }
    Ok((Decimal::ONE + percent / Decimal::ONE_HUNDRED, at))
}

/// An error of month `month` (> 1), which growth alone brought about: the growth field of
/// the feature it is about (`mix.voice[0]...`); about the whole month (`mix`), the field of
/// `fastest`, the fastest-growing feature in use. The month is said.
fn grown_error(error: BillingError, month: u64, fields: &PerFeature<String>, fastest: Feature) -> BillingError {
    let feature = Feature::ALL.into_iter().find(|f| {
        let name = f.as_str();
        error
            .path()
            .strip_prefix("mix.")
            .and_then(|rest| rest.strip_prefix(name))
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
    });
    let field = fields.get(feature.unwrap_or(fastest)).as_str();
    BillingError::new(
        error.code(),
        field,
        format!("by month {month} this growth makes the usage too large ({}); use less growth or fewer months", error.reason()),
    )
}

/// A feature's growth so far: the factor its first month's units are multiplied by, or
/// `None` once it is so large that any unit at all would pass 2^53 − 1.
type Factor = Option<Decimal>;

/// `factor × rate`, or `None` past any count's reach.
fn compound(factor: Factor, rate: Decimal) -> Factor {
    factor.and_then(|f| f.checked_mul(rate)).filter(|f| *f <= Decimal::from(crate::credits::MAX_CREDITS))
}

/// `count × factor`, rounded half away from zero to a whole unit; an error about `path`
/// (the grown mix's field) past 2^53 − 1.
fn grow(count: Count, factor: Factor, path: &str) -> BillingResult<Count> {
    if count == 0 {
        return Ok(count); // nothing grows from nothing, however fast
    }
    let grown = factor
        .and_then(|f| Decimal::from(count).checked_mul(f))
        .map(|v| v.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero))
        .and_then(|v| u64::try_from(v).ok())
        .filter(|&v| v <= crate::credits::MAX_CREDITS);
    grown.ok_or_else(|| BillingError::overflow(path, "the grown usage exceeds 2^53 - 1 units"))
}

/// `mix` with every count of each feature multiplied by that feature's factor.
fn grown_mix(mix: &UsageMix, factors: &PerFeature<Factor>) -> BillingResult<UsageMix> {
    let mut out = mix.clone();
    if let Some(c) = &mut out.conversation {
        c.ai_messages = grow(c.ai_messages, factors.conversation, "mix.conversation")?;
    }
    for line in out.voice.iter_mut().flatten() {
        line.calls = grow(line.calls, factors.voice, "mix.voice")?;
    }
    if let Some(c) = &mut out.content {
        c.text_generations = c.text_generations.map(|n| grow(n, factors.content, "mix.content")).transpose()?;
        c.image_generations = c.image_generations.map(|n| grow(n, factors.content, "mix.content")).transpose()?;
    }
    if let Some(r) = &mut out.reviews {
        r.responses = grow(r.responses, factors.reviews, "mix.reviews")?;
    }
    for line in out.workflow.iter_mut().flatten() {
        line.executions = grow(line.executions, factors.workflow, "mix.workflow")?;
    }
    Ok(out)
}

/// Each plan's costs summed over the months: its overage, and its total where its monthly
/// price is known (R1).
struct Sums {
    overage: Vec<Decimal>,
    total: Vec<Option<Decimal>>,
}

impl Sums {
    fn new(plans: &[&PlanTerms]) -> Self {
        Sums { overage: vec![Decimal::ZERO; plans.len()], total: plans.iter().map(|p| p.monthly_price.map(|_| Decimal::ZERO)).collect() }
    }

    /// Adds a month's costs, one a plan in the same order.
    fn add(&mut self, month: &[MonthCost], path: &str) -> BillingResult<()> {
        for ((overage, total), cost) in self.overage.iter_mut().zip(self.total.iter_mut()).zip(month) {
            *overage = money::add(*overage, cost.overage_cost, path)?;
            if let (Some(total), Some(month_total)) = (total.as_mut(), cost.total_cost) {
                *total = money::add(*total, month_total, path)?;
            }
        }
        Ok(())
    }
}

/// Projects `input` month by month; errors name `input.<field>`.
pub fn project(book: &Book, input: &ProjectionInput) -> BillingResult<Projection> {
    let months = input.months;
    if months == 0 || months > MAX_MONTHS {
        return Err(BillingError::invalid("input.months", format!("must be 1 to {MAX_MONTHS}, got {months}")));
    }
    let plans = selected_plans(book, input.plans.as_deref(), "input.plans")?;
    let (mut rates, mut growth_fields) = (PerFeature::default(), PerFeature::<String>::default());
    for feature in Feature::ALL {
        (*rates.get_mut(feature), *growth_fields.get_mut(feature)) = growth_rate(input.growth.as_ref(), feature, "input.growth")?;
    }
    let mut factors: PerFeature<Factor> = PerFeature::from_fn(|_| Some(Decimal::ONE));
    // At the expected rates, and at the low and the high end of each month's range (R11).
    let (mut expected, mut low, mut high) = (Sums::new(&plans), Sums::new(&plans), Sums::new(&plans));
    let mut largest_month = 0;
    let mut fastest = Feature::Conversation;
    let mut out = Vec::with_capacity(months as usize);
    for month in 1..=months {
        let path = format!("input.months[{month}]");
        // Month 1 is the mix as given; a later month's trouble is its growth's.
        let in_month = |e: BillingError| if month == 1 { e.within("input") } else { grown_error(e, month, &growth_fields, fastest) };
        let mix = grown_mix(&input.mix, &factors).map_err(in_month)?;
        let estimate = estimate(book, &mix).map_err(in_month)?;
        let priced = price_plans(&plans, estimate.credits, &path)?;
        expected.add(&priced.exact, &path)?;
        for (sums, credits) in [(&mut low, estimate.low), (&mut high, estimate.high)] {
            if credits == estimate.credits {
                sums.add(&priced.exact, &path)?;
            } else {
                sums.add(&price_plans(&plans, credits, &path)?.exact, &path)?;
            }
        }
        largest_month = largest_month.max(estimate.credits);
        if month == 1 {
            // Of the features in use, the one whose growth outruns the others' (the first in
            // the book's order on a tie): the one that makes a month's total too large.
            for feature in Feature::ALL.into_iter().filter(|&f| estimate.by_feature.get(f).credits > 0) {
                if *rates.get(feature) > *rates.get(fastest) || estimate.by_feature.get(fastest).credits == 0 {
                    fastest = feature;
                }
            }
        }
        out.push(ProjectedMonth {
            month,
            credits: estimate.credits,
            low: estimate.low,
            high: estimate.high,
            by_feature: estimate.by_feature.map(|r| r.credits),
            mix,
            costs: priced.costs,
            recommended: priced.recommended,
            basis: priced.basis,
        });
        for feature in Feature::ALL {
            *factors.get_mut(feature) = compound(*factors.get(feature), *rates.get(feature));
        }
    }
    // Over the period (R24): the largest month must be covered; costs are summed.
    let weighed: Vec<Weighed> = plans
        .iter()
        .zip(expected.overage.iter().zip(&expected.total))
        .map(|(p, (&overage_cost, &total_cost))| Weighed {
            plan: &p.id,
            allocation: p.credits,
            usage: largest_month,
            overage_cost,
            total_cost,
        })
        .collect();
    let (recommended, basis) = recommendation(&weighed);
    let range = |low: Decimal, high: Decimal| CostRange { low: Amount(low), high: Amount(high) };
    let totals = plans
        .iter()
        .enumerate()
        .map(|(i, p)| PlanTotal {
            plan: p.id.clone(),
            name: p.name.clone(),
            overage_cost: Amount(expected.overage[i]),
            total_cost: expected.total[i].map(Amount),
            overage_cost_range: range(low.overage[i], high.overage[i]),
            total_cost_range: low.total[i].zip(high.total[i]).map(|(low, high)| range(low, high)),
        })
        .collect();
    Ok(Projection { months: out, totals, recommended, basis })
}

// The shapes this operation takes and returns (declared once: `#[shape]`).

/// A percentage that may be negative or fractional, read exactly: `2.5`, `-10`.
///
/// ```js
/// const growth = { overall: 2.5, byFeature: { voice: 10 } };
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Percent(#[cfg_attr(target_arch = "wasm32", tsify(type = "number"))] pub rust_decimal::Decimal);

impl Serialize for Percent {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use rust_decimal::prelude::ToPrimitive;
        serializer.serialize_f64(self.0.to_f64().unwrap_or(f64::NAN))
    }
}

impl ReadValue for Percent {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        match value {
            Value::Number(text) => {
                let parsed = text.parse::<rust_decimal::Decimal>().or_else(|_| rust_decimal::Decimal::from_scientific(text));
                parsed.map(Percent).or_else(|_| {
                    // Beyond Decimal's 28 digits. Below 1e-20 % a month no count up to
                    // 2^53 − 1 moves by half a unit in 120 months: exactly 0 for every result.
                    let approx = text.parse::<f64>().unwrap_or(f64::NAN);
                    if approx.abs() < 1e-20 {
                        Ok(Percent(rust_decimal::Decimal::ZERO))
                    } else if approx.abs() > 1000.0 {
                        Err(path.error(format!("must be over -100 and at most 1000 (percent a month), got {text}")))
                    } else {
                        Err(path.error(format!("must have at most 28 significant digits, got {text}")))
                    }
                })
            }
            other => match other.non_json() {
                Some(js) => Err(path.error(format!("must be a finite number, got {js}"))),
                None => Err(invalid_type(value, "a number (percent)", path)),
            },
        }
    }
}

/// Monthly growth, compounding: a percentage overall and per feature (a feature's own
/// rate replaces the overall one).
///
/// ```js
/// const growth = { overall: 5, byFeature: { voice: 12.5 } };
/// ```
#[shape]
#[derive(Default)]
pub struct Growth {
    pub overall: Option<Percent>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "Partial<Record<Feature, number>>"))]
    pub by_feature: Option<PerFeature<Option<Percent>>>,
}

/// A what-if over months: the first month's mix, growth, and the plans to price.
///
/// ```js
/// calc.project({ mix, months: 12, growth: { overall: 8 }, plans: ["pro", "premium", "ent"] });
/// ```
#[shape]
#[derive(Default)]
pub struct ProjectionInput {
    pub mix: UsageMix,
    /// 1 to 120.
    pub months: Count,
    pub growth: Option<Growth>,
    /// Default: every plan of the book.
    pub plans: Option<Vec<String>>,
}

/// Month by month cost of every plan, and the totals.
///
/// ```js
/// const p = calc.project(input);
/// p.months[11].recommended; // "premium"
/// p.totals;                 // [{ plan: "pro", name: "Pro", overageCost: "412.50", totalCost: null }, ...]
/// ```
#[shape(output)]
pub struct Projection {
    pub months: Vec<ProjectedMonth>,
    pub totals: Vec<PlanTotal>,
    /// Over the whole period (R24): the lowest total when every price is known; else the
    /// smallest allocation that covers the largest month (none covers: the lowest overage
    /// cost over the period).
    pub recommended: String,
    pub basis: Basis,
}

/// One month of a projection.
///
/// ```js
/// p.months[0]; // { month: 1, credits: 4250, byFeature: {...}, costs: [...], recommended: "premium", basis: "allocation" }
/// ```
#[shape(output)]
pub struct ProjectedMonth {
    /// 1 for the first month.
    pub month: u64,
    /// Expected credits, and the low and the high end of their range (R11).
    pub credits: u64,
    pub low: u64,
    pub high: u64,
    pub by_feature: PerFeature<u64>,
    /// The month's mix after growth, units rounded half away from zero.
    pub mix: UsageMix,
    pub costs: Vec<ProjectedCost>,
    /// The month's recommended plan (R24).
    pub recommended: String,
    pub basis: Basis,
}

/// A plan's total over a projection.
///
/// ```js
/// { plan: "premium", name: "Premium", overageCost: "0.00", totalCost: null,
///   overageCostRange: { low: "0.00", high: "0.00" }, totalCostRange: null }
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct PlanTotal {
    pub plan: String,
    pub name: String,
    /// The months' overage costs, summed.
    pub overage_cost: Amount,
    /// The months' totals, summed; `null` when the monthly price is unknown (R1).
    pub total_cost: Option<Amount>,
    /// The overage summed at each month's low and high end (R11).
    pub overage_cost_range: CostRange,
    /// The totals summed at each month's low and high end; `null` when the monthly price is
    /// unknown (R1).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "CostRange | null"))]
    pub total_cost_range: Option<CostRange>,
}
