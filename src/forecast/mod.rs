//! The in-app forecast: from the current cycle's usage so far, where the cycle is heading
//! at the same run rate: credits by feature, the day the credits run out, the day each
//! alert fires (R14), and the cost on every plan.

mod pool;

pub use pool::{PlannedTopUp, RunOut, MAX_PLANNED_TOP_UPS};

use crate::alerts::validate_thresholds;
use crate::json::Value;
use crate::schema::Count;
use crate::schema::Fields;
use crate::schema::Path;
use crate::schema::ReadValue;
use hoopai_billing_macros::shape;

use crate::compare::MonthCost;
use crate::credits;
use crate::error::{BillingError, BillingResult};
use crate::feature::{Feature, PerFeature};
use crate::money;
use crate::price_book::{Book, PlanTerms};
use crate::recommend::recommendation;
use crate::schema::{Amount, Basis, FeatureLimits};
use crate::time::{format_date, format_timestamp, parse_timestamp, CycleCalendar, DAY_MS};

/// A plan's cost for a month of `credits` credits, as shown, and its exact figures.
pub fn projected_cost(plan: &PlanTerms, credits: u64, path: &str) -> BillingResult<(ProjectedCost, MonthCost)> {
    let month = MonthCost::of(plan, credits).map_err(|e| e.within(path))?;
    let cost = ProjectedCost {
        plan: plan.id.clone(),
        name: plan.name.clone(),
        credits,
        overage_credits: month.overage_credits,
        overage_cost: Amount(month.overage_cost),
        total_cost: month.total_cost.map(Amount),
    };
    Ok((cost, month))
}

/// Every plan of `plans` at `credits`, their exact figures, and the recommendation (R24).
pub fn price_plans(plans: &[&PlanTerms], credits: u64, path: &str) -> BillingResult<PricedMonth> {
    let (costs, exact): (Vec<_>, Vec<_>) =
        plans.iter().map(|p| projected_cost(p, credits, path)).collect::<BillingResult<Vec<_>>>()?.into_iter().unzip();
    let weighed: Vec<_> = plans.iter().zip(&exact).map(|(p, m)| m.weighed(p)).collect();
    let (recommended, basis) = recommendation(&weighed);
    Ok(PricedMonth { costs, exact, recommended, basis })
}

/// A month priced on several plans.
pub struct PricedMonth {
    pub costs: Vec<ProjectedCost>,
    pub exact: Vec<MonthCost>,
    pub recommended: String,
    pub basis: Basis,
}

/// Each feature's credit ceiling for the rest of the cycle (R17): its limit, or what it has
/// already charged where that is more (a limit set below it stops it where it is).
fn ceilings(used: &PerFeature<u64>, limits: &PerFeature<Option<u64>>) -> PerFeature<Option<u64>> {
    let mut ceilings = PerFeature::default();
    for f in Feature::ALL {
        *ceilings.get_mut(f) = limits.get(f).map(|limit| limit.max(*used.get(f)));
    }
    ceilings
}

/// The cycle's projected credits by feature at the run rate so far (`used` in `elapsed` ms
/// of a `length` ms cycle), each feature stopped at its ceiling. The total is the exact sum
/// rounded up, so it passes the credits available exactly when the run rate does; it is
/// shared among the features by largest remainder, each getting its exact figure rounded
/// down or up. Errors name what is past 2^53 − 1.
fn project(used: &PerFeature<u64>, ceilings: &PerFeature<Option<u64>>, elapsed: u64, length: u64) -> BillingResult<Projected> {
    let (elapsed, length) = (u128::from(elapsed), u128::from(length));
    // Each feature's projection × `elapsed`: exact, in u128 (2^64 × 2^64 fits).
    let runs = Feature::ALL.map(|f| u128::from(*used.get(f)) * length);
    let stopped: Vec<Feature> = Feature::ALL
        .into_iter()
        .zip(runs)
        .filter(|&(f, run)| ceilings.get(f).is_some_and(|c| run > u128::from(c) * elapsed))
        .map(|(f, _)| f)
        .collect();
    let scaled = Feature::ALL.map(|f| scaled_at(f, length, elapsed, used, ceilings));
    let total = scaled.iter().sum::<u128>().div_ceil(elapsed);
    let mut shares = scaled.map(|part| part / elapsed);
    // The credits the roundings down left over (fewer than five), one each to the largest
    // remainders, the first feature first on a tie.
    let mut remainders = scaled.map(|part| Some(part % elapsed).filter(|&r| r > 0));
    for _ in shares.iter().sum::<u128>()..total {
        let largest = (0..remainders.len()).filter(|&i| remainders[i].is_some()).max_by_key(|&i| (remainders[i], std::cmp::Reverse(i)));
        let Some(i) = largest else { break };
        shares[i] += 1;
        remainders[i] = None;
    }
    let checked = |credits: u128, path: &str| credits::exact(credits).ok_or_else(|| credits::too_large(path));
    let mut by_feature = PerFeature::default();
    for (f, share) in Feature::ALL.into_iter().zip(shares) {
        *by_feature.get_mut(f) = checked(share, &format!("input.usedByFeature.{}", f.as_str()))?;
    }
    Ok(Projected { by_feature, total: checked(total, "input.usedByFeature")?, stopped })
}

/// The credits on the run rate's line `t` ms after the cycle's start (each feature at its
/// rate so far, `used` in `elapsed` ms, up to its ceiling), rounded up to a whole credit.
fn usage_line_at(t: i64, elapsed: u64, used: &PerFeature<u64>, ceilings: &PerFeature<Option<u64>>) -> BillingResult<u64> {
    let (t, elapsed) = (u128::try_from(t).unwrap_or(0), u128::from(elapsed));
    let scaled: u128 = Feature::ALL.into_iter().map(|f| scaled_at(f, t, elapsed, used, ceilings)).sum();
    credits::exact(scaled.div_ceil(elapsed)).ok_or_else(|| credits::too_large("input.usedByFeature"))
}

/// Feature `f`'s credits `t` ms into the cycle, times `elapsed` (exact, in u128: 2^64 × 2^64
/// fits): its `used` credits in `elapsed` ms run on at that rate, up to its ceiling (R17).
fn scaled_at(f: Feature, t: u128, elapsed: u128, used: &PerFeature<u64>, ceilings: &PerFeature<Option<u64>>) -> u128 {
    let run = u128::from(*used.get(f)) * t;
    ceilings.get(f).map_or(run, |ceiling| run.min(u128::from(ceiling) * elapsed))
}

/// The run rate's line from `as_of` to the cycle's `end` at each moment it bends: `as_of`,
/// each limit that stops a feature (R17, `ceiling × elapsed ÷ rate` ms after the start,
/// rounded up), and the end; straight between them.
fn usage_line(
    span: (i64, i64, i64),
    elapsed: u64,
    used: &PerFeature<u64>,
    ceilings: &PerFeature<Option<u64>>,
) -> BillingResult<Vec<UsagePoint>> {
    let (start, as_of, end) = span;
    let stops = limited_rates(used, ceilings).into_iter().flatten().filter_map(|(ceiling, rate)| {
        let after = i64::try_from((ceiling * u128::from(elapsed)).div_ceil(rate)).ok()?;
        Some(start.saturating_add(after))
    });
    // In time order, each once (five stops at most: placed by hand, no sort needed).
    let mut moments = if end > as_of { vec![as_of, end] } else { vec![as_of] };
    for at in stops.filter(|&at| at > as_of && at < end) {
        let place = moments.partition_point(|&m| m < at);
        if moments.get(place) != Some(&at) {
            moments.insert(place, at);
        }
    }
    moments
        .into_iter()
        .map(|at| Ok(UsagePoint { at: format_timestamp(at), credits: usage_line_at(at - start, elapsed, used, ceilings)? }))
        .collect()
}

/// Each feature's (ceiling, credits per `elapsed`) where a limit can stop it: limited and in
/// use. It stops `ceiling × elapsed ÷ rate` ms after the cycle's start (R17).
fn limited_rates(used: &PerFeature<u64>, ceilings: &PerFeature<Option<u64>>) -> [Option<(u128, u128)>; 5] {
    Feature::ALL.map(|f| {
        let (rate, ceiling) = (u128::from(*used.get(f)), u128::from((*ceilings.get(f))?));
        (rate > 0).then_some((ceiling, rate))
    })
}

/// A cycle's projection: by feature, in all, and the features their limits stop.
struct Projected {
    by_feature: PerFeature<u64>,
    total: u64,
    stopped: Vec<Feature>,
}

/// The moment the cycle's credits reach `target` when each feature goes on at its rate so far
/// (`used` credits in `elapsed` ms since `start`) until its ceiling stops it (R17); `None`
/// when they never do. Between two stops the total grows in a straight line: each stretch
/// is solved in exact fractions, and only the answer is rounded up to a whole millisecond.
fn reached_at(start: i64, elapsed: u64, used: &PerFeature<u64>, ceilings: &PerFeature<Option<u64>>, target: u64) -> Option<i64> {
    let (elapsed, target) = (u128::from(elapsed), u128::from(target));
    // (its ceiling, its credits per `elapsed`) of each limited feature in use: it stops at
    // `ceiling × elapsed ÷ rate` ms; taken soonest first (five at most: no sort needed).
    let mut stops = limited_rates(used, ceilings);
    let mut rising: u128 = Feature::ALL.into_iter().map(|f| u128::from(*used.get(f))).sum();
    let mut stopped: u128 = 0; // the credits of the features stopped at their ceilings
    let mut from = (0, 1); // where the stretch starts, in ms: a fraction (numerator, denominator)
    let moment = |(n, d): (u128, u128)| start.saturating_add(i64::try_from(n.div_ceil(d)).unwrap_or(i64::MAX));
    loop {
        if stopped >= target {
            return Some(moment(from));
        }
        // The soonest stop: ceiling_a ÷ rate_a < ceiling_b ÷ rate_b, compared crosswise.
        let next = stops.iter_mut().filter(|stop| stop.is_some()).min_by(|a, b| {
            let ((ca, ra), (cb, rb)) = (a.unwrap_or_default(), b.unwrap_or_default());
            (ca * rb).cmp(&(cb * ra))
        });
        // The target on this stretch's line: (target − stopped) × elapsed ÷ rising ms, which is
        // before the stop (ceiling × elapsed ÷ rate) when (target − stopped) × rate ≤ ceiling × rising.
        let within = |stop: &Option<(u128, u128)>| stop.is_none_or(|(ceiling, rate)| (target - stopped) * rate <= ceiling * rising);
        if rising > 0 && next.as_deref().is_none_or(within) {
            return Some(moment(((target - stopped) * elapsed, rising)));
        }
        let (ceiling, rate) = next?.take()?;
        (stopped, rising, from) = (stopped + ceiling, rising - rate, (ceiling * elapsed, rate));
    }
}

/// Forecasts the cycle that started at `input.cycleStart`; errors name `input.<field>`.
pub fn forecast(book: &Book, input: &ForecastInput) -> BillingResult<Forecast> {
    let plan = book.plan(&input.plan, "input.plan")?;
    let start = parse_timestamp(&input.cycle_start, "input.cycleStart")?;
    let end = CycleCalendar::on_billing_day(start, input.billing_day, "input", "cycleStart")?.checked_end(1, "input.cycleStart")?;
    let as_of = parse_timestamp(&input.as_of, "input.asOf")?;
    if as_of <= start || as_of > end {
        return Err(BillingError::invalid(
            "input.asOf",
            format!(
                "must be after the cycle's start and at most its end ({} to {}), got {}",
                format_timestamp(start),
                format_timestamp(end),
                format_timestamp(as_of)
            ),
        ));
    }
    let thresholds = match &input.alert_thresholds {
        Some(list) => validate_thresholds(list, "input.alertThresholds")?,
        None => book.alert_thresholds().to_vec(),
    };
    let (elapsed, length) = ((as_of - start) as u64, (end - start) as u64);
    let used_by_feature = input.used_by_feature;
    let used = credits::sum(
        [used_by_feature.conversation, used_by_feature.voice, used_by_feature.content, used_by_feature.reviews, used_by_feature.workflow],
        "input.usedByFeature",
    )?;
    let limits = crate::limits::in_credits(input.feature_limits.as_ref(), plan.credits, "input.featureLimits")?;
    let ceilings = ceilings(&used_by_feature, &limits);
    let Projected { by_feature: projected_by_feature, total: projected, stopped: stopped_by_limit } =
        project(&used_by_feature, &ceilings, elapsed, length)?;
    let available = credits::add(plan.credits, input.top_up_credits.unwrap_or(0), "input.topUpCredits")?;
    let day_of = |at: Option<i64>| at.filter(|&at| at < end).map(|at| format_date(at.div_euclid(DAY_MS)));
    // The charged credits so far: the usage's, or what a hard cap let through (R16); of them,
    // the overage (R15) came from no pool. Days are when a count reaches a figure, the usage's
    // run rate adding to it from `asOf` on.
    let consumed = input.consumed_credits.unwrap_or(used);
    let overage = input.overage_credits.unwrap_or(0);
    if overage > consumed {
        return Err(BillingError::invalid(
            "input.overageCredits",
            format!("must be at most the credits charged so far ({consumed}), got {overage}"),
        ));
    }
    // The moment the usage still to come reaches `credits`, on the run rate's line.
    let reaches = |credits: u64| reached_at(start, elapsed, &used_by_feature, &ceilings, credits.checked_add(used)?);
    // The credits run out when the pool (allocation and top-ups, R18) is used up: overage
    // charged before a later top-up never came out of it. A planned top-up refills it from
    // its purchase on.
    let pool_used = consumed - overage;
    let exhausted = pool_used >= available;
    let planned = pool::planned_top_ups(input.planned_top_ups.as_deref().unwrap_or_default(), as_of, end)?;
    let planned_credits = credits::sum(planned.iter().map(|&(_, c)| c), "input.plannedTopUps")?;
    let usage_by = |at: i64| usage_line_at(at - start, elapsed, &used_by_feature, &ceilings).map(|credits| credits - used);
    let ahead = pool::pool_ahead(available.saturating_sub(pool_used), &planned, projected - used, (as_of, end), reaches, usage_by)?;
    let run_out_date = if exhausted { None } else { ahead.run_outs.first().and_then(|&(out, _)| day_of(Some(out))) };
    let hard_cap = input.hard_cap.unwrap_or(false);
    let alerts = thresholds
        .iter()
        .map(|&threshold| {
            // The first whole credit count that reaches the threshold (R14).
            let target = credits::exact(crate::alerts::threshold_credits(threshold, plan.credits)).ok_or_else(|| {
                BillingError::overflow(
                    "input.alertThresholds",
                    format!(
                        "{threshold}% of the plan's {} credits is past {} (2^53 - 1), the largest exact count",
                        plan.credits,
                        credits::MAX_CREDITS
                    ),
                )
            })?;
            let reached = consumed >= target;
            // The usage to come that charges the rest: all of it, or under a hard cap (R16)
            // none while there are no credits, so a day past each stretch without them.
            let rest = target.saturating_sub(consumed);
            let level = if hard_cap { ahead.level_charging(rest) } else { Some(rest) };
            let date = if reached { None } else { level.and_then(|level| day_of(reaches(level))) };
            Ok(AlertForecast { threshold, credits: target, reached, date })
        })
        .collect::<BillingResult<_>>()?;
    let all: Vec<&PlanTerms> = book.plans().iter().collect();
    let PricedMonth { costs: plans, recommended, basis, .. } = price_plans(&all, projected, "input.usedByFeature")?;
    let top_ups = credits::add(input.top_up_credits.unwrap_or(0), planned_credits, "input.plannedTopUps")?;
    // Under a hard cap usage without credits is refused, never overage (R16).
    let overage_to_come = if hard_cap { 0 } else { ahead.overage };
    let bill = projected_bill(plan, credits::add(overage, overage_to_come, "input.usedByFeature")?, top_ups)?;
    Ok(Forecast {
        cycle_start: format_timestamp(start),
        cycle_end: format_timestamp(end),
        as_of: format_timestamp(as_of),
        used_credits: used,
        projected_credits: projected,
        projected_by_feature,
        stopped_by_limit,
        available_credits: credits::add(available, planned_credits, "input.plannedTopUps")?,
        exhausted,
        run_out_date,
        run_outs: ahead.shapes(),
        usage_line: usage_line((start, as_of, end), elapsed, &used_by_feature, &ceilings)?,
        alerts,
        recommended,
        basis,
        plans,
        bill,
    })
}

/// The input plan's bill for `overage_credits` in all (R15; overage already charged stays,
/// R18) and `top_ups` credits bought or planned (R19, one line at the top-up rate), with
/// the monthly price (`None` while it is unknown, R1).
fn projected_bill(plan: &PlanTerms, overage_credits: u64, top_ups: u64) -> BillingResult<ProjectedBill> {
    let path = "input.usedByFeature";
    let overage_cost = crate::overage::overage_cost(&plan.overage, overage_credits, path)?;
    let top_up_cost = money::line_amount(top_ups, plan.top_up_rate, "input.plannedTopUps")?;
    let usage_charges = money::add(overage_cost, top_up_cost, path)?;
    let total_cost = plan.monthly_price.map(|price| money::add(price, usage_charges, path)).transpose()?;
    Ok(ProjectedBill {
        overage_credits,
        overage_cost: Amount(overage_cost),
        top_up_cost: Amount(top_up_cost),
        usage_charges: Amount(usage_charges),
        total_cost: total_cost.map(Amount),
    })
}

// The shapes this operation takes and returns (declared once: `#[shape]`).

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
    /// The day of the month cycles start on, 1 to 31 (R4): a cycle that starts on Feb 28
    /// for the 31st ends on Mar 31. Default: `cycleStart`'s day.
    pub billing_day: Option<Count>,
    /// "Now": the usage below is the cycle's up to this moment.
    pub as_of: String,
    /// Charged credits so far this cycle, by feature.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Partial<Record<Feature, number>>"))]
    pub used_by_feature: PerFeature<Count>,
    /// Credits bought so far this cycle (R19).
    pub top_up_credits: Option<Count>,
    /// Credits charged so far when not the usage's: under a hard cap, what it let through
    /// (R16). Whether the credits ran out and the run-out and alert days count from them,
    /// the usage's run rate adding to them from `asOf` on (a top-up bought after a pause
    /// makes room again). Default: the sum of `usedByFeature`.
    pub consumed_credits: Option<Count>,
    /// Of the credits charged so far, those charged as overage (R15): they stay on the bill,
    /// whatever is bought after them (R18). At most the credits charged. Default: none.
    pub overage_credits: Option<Count>,
    /// Default: the book's (R14).
    pub alert_thresholds: Option<Vec<Count>>,
    /// As a scenario's (R17): a limited feature's projection stops at its limit, and the
    /// run-out and alert days count it no further. Default: none.
    pub feature_limits: Option<FeatureLimits>,
    /// Top-ups to be bought after `asOf` in this cycle (at most 100,000, each at least 1
    /// credit): each refills the pool from its purchase (usage before it past the pool stays
    /// overage, R18) and is on the bill (R19). Default: none.
    pub planned_top_ups: Option<Vec<PlannedTopUp>>,
    /// A hard cap (R16) from `asOf` on: usage without credits is refused, not overage, so the
    /// projected bill has no overage to come and an alert day comes only when the credits
    /// charged reach it (after a refill, if one lets them). Default: false.
    pub hard_cap: Option<bool>,
}

/// Where the cycle is heading at the current run rate.
///
/// ```js
/// const f = calc.forecast(input);
/// f.runOutDate;            // "2026-11-24" or null
/// f.alerts[0];             // { threshold: 75, credits: 1875, reached: false, date: "2026-11-19" }
/// f.plans[1].totalCost;    // "37.50"
/// ```
#[shape(output)]
pub struct Forecast {
    pub cycle_start: String,
    pub cycle_end: String,
    pub as_of: String,
    pub used_credits: u64,
    /// `used × cycle length ÷ time elapsed` summed over the features, a limited feature
    /// stopping at its limit (R17; or where it already is, past a lower limit), rounded up:
    /// without `consumedCredits`, `overageCredits` or `plannedTopUps`, and while the credits
    /// have not run out, more than `availableCredits` exactly when `runOutDate` is a day of the cycle.
    pub projected_credits: u64,
    /// The total shared by feature, each its exact figure rounded down or up (largest remainder).
    pub projected_by_feature: PerFeature<u64>,
    /// The features whose limit stops their projection before the cycle's end (R17).
    pub stopped_by_limit: Vec<Feature>,
    /// Allocation + top-ups, bought and planned: the most credits this cycle can charge
    /// without overage.
    pub available_credits: u64,
    /// True when the credits charged so far from the pool (`consumedCredits`, else the usage,
    /// less `overageCredits`) already reach the allocation and the top-ups bought by `asOf`.
    pub exhausted: bool,
    /// The day (UTC) the available credits run out at this rate; `null` when not in this
    /// cycle or already exhausted. With planned top-ups, the first run-out of `runOuts`.
    pub run_out_date: Option<String>,
    /// Every stretch without credits at this rate, in time order: from the day the pool
    /// runs out (the first one at `asOf` when already exhausted) until a planned top-up
    /// refills it, or to the cycle's end. Usage in one is overage (R15) or, under a hard
    /// cap, refused (R16).
    pub run_outs: Vec<RunOut>,
    /// The usage at this rate from `asOf` to the cycle's end, at each moment its line bends
    /// (a limit stopping a feature, R17), straight between them: the credits used by then,
    /// rounded up, before any pool or cap. A chart's forecast line; under a hard cap (R16)
    /// what is served follows it while there are credits.
    pub usage_line: Vec<UsagePoint>,
    /// Every threshold, ascending: already reached, or the day it will be (R14).
    pub alerts: Vec<AlertForecast>,
    /// Every plan of the book at the projected credits.
    pub plans: Vec<ProjectedCost>,
    /// The recommended plan at the projected credits (R24).
    pub recommended: String,
    pub basis: Basis,
    /// The input plan's own bill at this rate, its top-ups counted.
    pub bill: ProjectedBill,
}

/// The credits used by a moment, on the forecast's usage line.
///
/// ```js
/// f.usageLine; // [{ at: "2026-11-11", credits: 1200 }, { at: "2026-11-17T16:00:00Z", credits: 2000 }, { at: "2026-12-01", credits: 3200 }]
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct UsagePoint {
    pub at: String,
    pub credits: u64,
}

/// When a threshold will be reached.
///
/// ```js
/// { threshold: 90, credits: 2250, reached: false, date: null } // not this cycle at this rate
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct AlertForecast {
    pub threshold: u64,
    /// The credits that reach it: the threshold's share of the allocation, rounded up (R14).
    pub credits: u64,
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

impl ReadValue for ForecastInput {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let f = Fields::of(
            value,
            path,
            &[
                "plan",
                "cycleStart",
                "billingDay",
                "asOf",
                "usedByFeature",
                "topUpCredits",
                "consumedCredits",
                "overageCredits",
                "alertThresholds",
                "featureLimits",
                "plannedTopUps",
                "hardCap",
            ],
        )?;
        let used: PerFeature<Option<Count>> = f.required("usedByFeature")?;
        Ok(ForecastInput {
            plan: f.required("plan")?,
            cycle_start: f.required("cycleStart")?,
            billing_day: f.optional("billingDay")?,
            as_of: f.required("asOf")?,
            used_by_feature: used.map(|c| c.unwrap_or_default()),
            top_up_credits: f.optional("topUpCredits")?,
            consumed_credits: f.optional("consumedCredits")?,
            overage_credits: f.optional("overageCredits")?,
            alert_thresholds: f.optional("alertThresholds")?,
            feature_limits: f.optional("featureLimits")?,
            planned_top_ups: f.optional("plannedTopUps")?,
            hard_cap: f.optional("hardCap")?,
        })
    }
}

/// The input plan's bill at the projected credits, counting the top-ups bought and planned:
/// each serves the usage after its purchase, so the usage still to come goes to overage past
/// them, while overage already charged (`overageCredits`) stays (R18); they are charged at
/// the top-up rate (R19). Under `hardCap` no overage is to come (R16).
///
/// ```js
/// const { overageCredits, overageCost, topUpCost, usageCharges, totalCost } = f.bill;
/// ```
#[shape(output)]
pub struct ProjectedBill {
    pub overage_credits: u64,
    pub overage_cost: Amount,
    pub top_up_cost: Amount,
    /// Overage plus top-ups: always known.
    pub usage_charges: Amount,
    /// The monthly price plus `usageCharges`; `null` when the price is unknown (R1).
    pub total_cost: Option<Amount>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small seeded generator (xorshift64*): `below(n)` is in 0..n.
    struct Rng(u64);
    impl Rng {
        fn new(seed: u64) -> Self {
            Rng(seed.max(1))
        }
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
        }
    }

    /// The credits at `t` ms, times `elapsed`: each feature at its rate up to its ceiling.
    fn scaled_total(t: u128, elapsed: u128, used: &PerFeature<u64>, ceilings: &PerFeature<Option<u64>>) -> u128 {
        Feature::ALL
            .into_iter()
            .map(|f| {
                let run = u128::from(*used.get(f)) * t;
                ceilings.get(f).map_or(run, |c| run.min(u128::from(c) * elapsed))
            })
            .sum()
    }

    #[test]
    fn r17_reached_at_is_the_first_whole_millisecond_the_bent_line_reaches_the_target() {
        let mut rng = Rng::new(11);
        for _ in 0..20_000 {
            let elapsed = 1 + rng.below(3_000_000_000);
            let (mut used, mut limits) = (PerFeature::default(), PerFeature::default());
            for f in Feature::ALL {
                *used.get_mut(f) = if rng.below(3) == 0 { 0 } else { rng.below(10_000) };
                *limits.get_mut(f) = (rng.below(2) == 0).then(|| rng.below(20_000));
            }
            let ceilings = ceilings(&used, &limits);
            let target = 1 + rng.below(60_000);
            let (e, goal) = (u128::from(elapsed), u128::from(target) * u128::from(elapsed));
            match reached_at(0, elapsed, &used, &ceilings, target) {
                Some(t) => {
                    let t = t as u128;
                    assert!(scaled_total(t, e, &used, &ceilings) >= goal, "reached at {t}");
                    assert!(t == 0 || scaled_total(t - 1, e, &used, &ceilings) < goal, "not before {t}");
                }
                // Never: the line's last value (every feature at its ceiling, or far on) is short of it.
                None => assert!(scaled_total(u128::from(u64::MAX), e, &used, &ceilings) < goal),
            }
        }
    }
}
