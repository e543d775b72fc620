//! The pool (allocation and top-ups, R18) through the rest of a forecast's cycle: when it
//! runs out at the run rate, when a planned top-up refills it, and the usage to come that
//! goes past it (overage, R15). A top-up serves only usage after its purchase (R18), so
//! usage in a stretch without credits stays overage whatever is bought after it.

use hoopai_billing_macros::shape;

use crate::credits;
use crate::error::{BillingError, BillingResult};
use crate::schema::Count;
use crate::time::{format_date, format_timestamp, parse_timestamp, DAY_MS};

/// The most top-ups a forecast takes in `plannedTopUps` (the walk is linear in them).
pub const MAX_PLANNED_TOP_UPS: usize = 100_000;

/// A top-up to be bought later in the cycle, after `asOf` (R18, R19).
///
/// ```js
/// calc.forecast({ ...input, plannedTopUps: [{ at: "2026-11-25", credits: 500 }] });
/// ```
#[shape]
pub struct PlannedTopUp {
    pub at: String,
    pub credits: Count,
}

/// A stretch of the cycle without credits at the run rate: from the day the pool runs out
/// until the day a planned top-up refills it, or to the cycle's end (`until: null`).
///
/// ```js
/// f.runOuts; // [{ date: "2026-11-20", until: "2026-11-25" }, { date: "2026-11-29", until: null }]
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct RunOut {
    pub date: String,
    pub until: Option<String>,
}

/// The planned top-ups as (moment, credits) in time order, each checked to be after `as_of`
/// and before `end`; errors name `input.plannedTopUps[i]`.
pub fn planned_top_ups(list: &[PlannedTopUp], as_of: i64, end: i64) -> BillingResult<Vec<(i64, u64)>> {
    if list.len() > MAX_PLANNED_TOP_UPS {
        return Err(BillingError::limit(
            "input.plannedTopUps",
            format!("has {} top-ups; a forecast takes at most {MAX_PLANNED_TOP_UPS}", list.len()),
        ));
    }
    let mut planned = Vec::with_capacity(list.len());
    for (i, top_up) in list.iter().enumerate() {
        let path = format!("input.plannedTopUps[{i}].at");
        let at = parse_timestamp(&top_up.at, &path)?;
        if at <= as_of || at >= end {
            return Err(BillingError::invalid(
                path,
                format!(
                    "must be after asOf and before the cycle's end ({} to {}, exclusive), got {}; a top-up bought by asOf is in topUpCredits",
                    format_timestamp(as_of),
                    format_timestamp(end),
                    format_timestamp(at)
                ),
            ));
        }
        // As a bought top-up (R19): a purchase of nothing is not one.
        if top_up.credits == 0 {
            return Err(BillingError::invalid(format!("input.plannedTopUps[{i}].credits"), "must be at least 1 credit, got 0"));
        }
        planned.push((at, top_up.credits));
    }
    planned.sort_by_key(|&(at, _)| at); // stable: a moment's purchases keep their order
    Ok(planned)
}

/// The rest of the cycle for the pool: each run-out (its moment, and the planned top-up's
/// moment that ends it, if one does) and the credits of usage to come past the pool.
#[derive(Debug, PartialEq, Eq)]
pub struct PoolAhead {
    pub run_outs: Vec<(i64, Option<i64>)>,
    pub overage: u64,
    /// Each stretch without credits that a top-up ends, as levels of the usage to come: from
    /// where the pool ran out to the usage by the refill.
    pub gaps: Vec<(u64, u64)>,
    /// The level of the usage to come where the last pool runs out before the cycle's end.
    pub last_out: Option<u64>,
}

impl PoolAhead {
    /// Under a hard cap (R16), nothing is charged without credits: the level of the usage to
    /// come at which `consumed` more credits have been charged, past each stretch without
    /// credits; `None` when the cap never lets that many through this cycle.
    pub fn level_charging(&self, consumed: u64) -> Option<u64> {
        let mut level = consumed;
        for &(out, refill) in &self.gaps {
            if level <= out {
                break;
            }
            level = level.saturating_add(refill - out);
        }
        (self.last_out.is_none_or(|last| level <= last)).then_some(level)
    }

    /// The run-outs as JS receives them: days (UTC).
    pub fn shapes(&self) -> Vec<RunOut> {
        let day = |at: i64| format_date(at.div_euclid(DAY_MS));
        self.run_outs.iter().map(|&(out, until)| RunOut { date: day(out), until: until.map(day) }).collect()
    }
}

/// Walks the pool through the rest of the cycle. `pool_left`: its credits at `as_of`;
/// `planned`: the top-ups to come in time order; `to_come`: the usage still to come by the
/// cycle's `end`, in whole credits. `reaches(x)` is the moment the usage to come reaches `x`
/// credits (`None`: never), `by(t)` the usage to come by moment `t`, rounded up to a whole
/// credit: usage up to a refill is counted in whole credits, as the projection is.
pub fn pool_ahead(
    pool_left: u64,
    planned: &[(i64, u64)],
    to_come: u64,
    (as_of, end): (i64, i64),
    reaches: impl Fn(u64) -> Option<i64>,
    by: impl Fn(i64) -> BillingResult<u64>,
) -> BillingResult<PoolAhead> {
    // A pool already empty ran out "now", never before it (the line starts at `as_of`).
    let empty_at = |level: u64| reaches(level).map(|at| at.max(as_of));
    // The pool serves the usage to come from `level` credits up to `level + pool`; a sum past
    // 2^53 − 1 is a pool that outlasts any usage, not an error.
    let (mut level, mut pool, mut overage) = (0u64, pool_left, 0u64);
    let (mut run_outs, mut gaps) = (Vec::new(), Vec::new());
    for &(at, credits) in planned {
        let full = level.saturating_add(pool);
        match empty_at(full).filter(|&out| out < at) {
            // Empty before the purchase: the usage until then is overage (R15, R18); the
            // top-up serves what comes after it.
            Some(out) => {
                let by_then = by(at)?.max(full);
                overage = credits::add(overage, by_then - full, "input.usedByFeature")?;
                run_outs.push((out, Some(at)));
                gaps.push((full, by_then));
                (level, pool) = (by_then, credits);
            }
            None => pool = pool.saturating_add(credits),
        }
    }
    let full = level.saturating_add(pool);
    let last_out = empty_at(full).filter(|&out| out < end);
    if let Some(out) = last_out {
        run_outs.push((out, None));
    }
    overage = credits::add(overage, to_come.saturating_sub(full), "input.usedByFeature")?;
    Ok(PoolAhead { run_outs, overage, gaps, last_out: last_out.map(|_| full) })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 3_600_000;

    /// The run-outs and the overage of a walk.
    fn outs(ahead: PoolAhead) -> (Vec<(i64, Option<i64>)>, u64) {
        (ahead.run_outs, ahead.overage)
    }

    /// 10 credits an hour from moment 0, for 100 hours (1,000 credits to come).
    fn walk(pool_left: u64, planned: &[(i64, u64)]) -> PoolAhead {
        let reaches = |x: u64| Some(x as i64 * HOUR / 10).filter(|&t| t <= 100 * HOUR);
        let by = |t: i64| Ok((t as u64 * 10).div_ceil(HOUR as u64));
        pool_ahead(pool_left, planned, 1_000, (0, 100 * HOUR), reaches, by).unwrap()
    }

    #[test]
    fn r15_without_top_ups_the_usage_past_the_pool_is_overage() {
        assert_eq!(outs(walk(400, &[])), (vec![(40 * HOUR, None)], 600));
        assert_eq!(outs(walk(1_000, &[])), (vec![], 0), "exactly enough: the pool lasts");
    }

    #[test]
    fn r18_a_top_up_before_the_run_out_extends_the_pool() {
        // 400 + 300 bought at hour 30 (300 used by then): empty at hour 70.
        assert_eq!(outs(walk(400, &[(30 * HOUR, 300)])), (vec![(70 * HOUR, None)], 300));
    }

    #[test]
    fn r18_usage_between_a_run_out_and_a_later_top_up_stays_overage() {
        // Empty at hour 40; 200 credits of usage until the top-up at hour 60 are overage; its
        // 300 credits serve hours 60 to 90; the last 100 are overage too.
        assert_eq!(outs(walk(400, &[(60 * HOUR, 300)])), (vec![(40 * HOUR, Some(60 * HOUR)), (90 * HOUR, None)], 300));
        // A second top-up that fits in the gap's aftermath: each refill counted from its purchase.
        assert_eq!(
            outs(walk(400, &[(60 * HOUR, 300), (95 * HOUR, 500)])),
            (vec![(40 * HOUR, Some(60 * HOUR)), (90 * HOUR, Some(95 * HOUR))], 250)
        );
    }

    #[test]
    fn r16_under_a_hard_cap_nothing_is_charged_without_credits() {
        // Empty at 400 (hour 40), refilled at hour 60 (600 used by then) with 300: the cap lets
        // the 500th credit through at usage level 700 (hour 70), never the 800th (out at 900).
        let ahead = walk(400, &[(60 * HOUR, 300)]);
        assert_eq!((ahead.gaps.clone(), ahead.last_out), (vec![(400, 600)], Some(900)));
        assert_eq!([300, 400, 500, 700, 701].map(|c| ahead.level_charging(c)), [Some(300), Some(400), Some(700), Some(900), None]);
        assert_eq!(walk(2_000, &[]).level_charging(1_500), Some(1_500), "a pool that lasts: the usage's own level");
    }

    #[test]
    fn r18_an_empty_pool_now_is_a_run_out_until_the_first_top_up() {
        assert_eq!(
            outs(walk(0, &[(10 * HOUR, 2_000)])),
            (vec![(0, Some(10 * HOUR))], 100),
            "the first 10 hours' 100 credits are overage; the top-up covers the rest"
        );
    }

    #[test]
    fn planned_top_ups_are_after_as_of_and_before_the_end_in_time_order() {
        let top_up = |at: &str, credits| PlannedTopUp { at: at.into(), credits };
        let (as_of, end) = (parse_timestamp("2026-11-10", "").unwrap(), parse_timestamp("2026-12-01", "").unwrap());
        let list = [top_up("2026-11-20", 5), top_up("2026-11-12T08:00:00Z", 7)];
        let planned = planned_top_ups(&list, as_of, end).unwrap();
        assert_eq!(planned.iter().map(|&(_, c)| c).collect::<Vec<_>>(), [7, 5]);
        let error = planned_top_ups(&[top_up("2026-11-10", 5)], as_of, end).unwrap_err();
        assert_eq!(error.path(), "input.plannedTopUps[0].at");
        assert!(
            error.reason().starts_with("must be after asOf and before the cycle's end (2026-11-10 to 2026-12-01, exclusive)"),
            "{error}"
        );
        assert_eq!(planned_top_ups(&[top_up("2026-12-01", 5)], as_of, end).unwrap_err().path(), "input.plannedTopUps[0].at");
        let none = planned_top_ups(&[top_up("2026-11-20", 0)], as_of, end).unwrap_err();
        assert_eq!(none.to_string(), "input.plannedTopUps[0].credits: must be at least 1 credit, got 0");
        let many = vec![top_up("2026-11-20", 1); MAX_PLANNED_TOP_UPS + 1];
        assert_eq!(planned_top_ups(&many, as_of, end).unwrap_err().code().as_str(), "LIMIT");
    }
}
