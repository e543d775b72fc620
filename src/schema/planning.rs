//! Inputs and results of the planning calls: `forecast` (in-app run rate), `project`
//! (sales what-if over months) and `backtest` (past usage on every plan).

use hoopai_billing_macros::shape;
use serde::Serialize;

use super::mix::UsageMix;
use super::read::{invalid_type, Fields, Path, ReadValue};
use super::results::Basis;
use super::values::{Amount, Count};
use crate::error::BillingResult;
use crate::feature::PerFeature;
use crate::json::Value;

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

/// The current cycle so far, for a run-rate forecast.
///
/// ```js
/// calc.forecast({ plan: "pro", cycleStart: "2026-11-01", asOf: "2026-11-10T12:00:00Z",
///                 usedByFeature: { conversation: 900, voice: 240 } });
/// ```
#[shape(manual)]
#[derive(Default)]
pub struct ForecastInput {
    pub plan: String,
    /// The current cycle's start (R4).
    pub cycle_start: String,
    /// "Now": the usage below is the cycle's up to this moment.
    pub as_of: String,
    /// Charged credits so far this cycle, by feature.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Partial<Record<Feature, number>>"))]
    pub used_by_feature: PerFeature<Count>,
    /// Credits bought so far this cycle (R19).
    pub top_up_credits: Option<Count>,
    /// Default: the book's (R14).
    pub alert_thresholds: Option<Vec<Count>>,
}

/// Where the cycle is heading at the current run rate.
///
/// ```js
/// const f = calc.forecast(input);
/// f.runOutDate;            // "2026-11-24" or null
/// f.alerts[0];             // { threshold: 75, reached: false, date: "2026-11-19" }
/// f.plans[1].totalCost;    // "37.50"
/// ```
#[shape(output)]
pub struct Forecast {
    pub cycle_start: String,
    pub cycle_end: String,
    pub as_of: String,
    pub used_credits: u64,
    /// `used × cycle length ÷ time elapsed`, per feature rounded half up, summed.
    pub projected_credits: u64,
    pub projected_by_feature: PerFeature<u64>,
    /// Allocation + top-ups.
    pub available_credits: u64,
    /// True when the usage so far already reaches the available credits.
    pub exhausted: bool,
    /// The day (UTC) the available credits run out at this rate; `null` when not in this
    /// cycle or already exhausted.
    pub run_out_date: Option<String>,
    /// Every threshold, ascending: already reached, or the day it will be (R14).
    pub alerts: Vec<AlertForecast>,
    /// Every plan of the book at the projected credits.
    pub plans: Vec<ProjectedCost>,
    /// The recommended plan at the projected credits (R24).
    pub recommended: String,
    pub basis: Basis,
}

/// When a threshold will be reached.
///
/// ```js
/// { threshold: 90, reached: false, date: null } // not this cycle at this rate
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct AlertForecast {
    pub threshold: u64,
    pub reached: bool,
    pub date: Option<String>,
}

/// A plan's cost for a number of credits.
///
/// ```js
/// { plan: "pro", name: "Pro", credits: 4000, overageCredits: 1500, overageCost: "37.50", totalCost: null }
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct ProjectedCost {
    pub plan: String,
    pub name: String,
    pub credits: u64,
    pub overage_credits: u64,
    pub overage_cost: Amount,
    /// Monthly price + overage cost; `null` when the price is unknown (R1).
    pub total_cost: Option<Amount>,
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
    /// Expected credits (R11).
    pub credits: u64,
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
/// { plan: "premium", name: "Premium", overageCost: "0.00", totalCost: null }
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
}

/// A scenario's usage priced on every plan of the book, without and with a hard cap.
///
/// ```js
/// const b = calc.backtest(scenarioFromCsv);
/// b.plans[0]; // { plan: "starter", cost: null, overageCost: "61.20", overageCredits: 2040,
///            //   capped: { cost: null, blockedCredits: 2040, blockedEvents: 310, ... } }
/// ```
#[shape(output)]
pub struct Backtest {
    /// The scenario's own plan.
    pub current: String,
    pub plans: Vec<BacktestPlan>,
    /// Without a hard cap (R24): the lowest cost when every price is known; else the
    /// smallest allocation that covers the largest cycle's consumed credits (none covers:
    /// the lowest overage cost).
    pub recommended: String,
    pub basis: Basis,
}

/// One plan's cost for the scenario, summed over its cycles.
///
/// ```js
/// b.plans[1].capped.blockedCredits; // 0
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct BacktestPlan {
    pub plan: String,
    pub name: String,
    /// The invoices' total without a hard cap; `null` when the monthly price is
    /// unknown (R1).
    pub cost: Option<Amount>,
    /// The overage lines of the invoices, summed (always known).
    pub overage_cost: Amount,
    pub consumed_credits: u64,
    pub overage_credits: u64,
    /// With the hard cap on (R16).
    pub capped: CappedCost,
}

/// What a hard cap would have cost and refused.
///
/// ```js
/// { cost: "29.00", consumedCredits: 500, blockedCredits: 2040, blockedEvents: 310 }
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct CappedCost {
    /// `null` when the monthly price is unknown (R1).
    pub cost: Option<Amount>,
    pub consumed_credits: u64,
    pub blocked_credits: u64,
    pub blocked_events: u64,
}

impl ReadValue for ForecastInput {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let f = Fields::of(value, path, &["plan", "cycleStart", "asOf", "usedByFeature", "topUpCredits", "alertThresholds"])?;
        let used: PerFeature<Option<Count>> = f.required("usedByFeature")?;
        Ok(ForecastInput {
            plan: f.required("plan")?,
            cycle_start: f.required("cycleStart")?,
            as_of: f.required("asOf")?,
            used_by_feature: used.map(|c| c.unwrap_or_default()),
            top_up_credits: f.optional("topUpCredits")?,
            alert_thresholds: f.optional("alertThresholds")?,
        })
    }
}

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
