//! One billing cycle's ledger: charges events in time order (R2, R3, R12..R18). The hot
//! path only adds integers into storage sized when the cycle opens: no allocation per
//! usage event.

use super::event::{Detail, Event, EventKind, NO_AGENT};
use crate::alerts::reaches;
use crate::credits;
use crate::error::{BillingError, BillingResult};
use crate::feature::{Feature, PerFeature};
use crate::schema::{BlockedUsage, Mode};
use crate::time::DAY_MS;

/// What every cycle of a scenario shares.
#[derive(Debug, Clone)]
pub struct CycleRules {
    pub allocation: u64,
    pub hard_cap: bool,
    /// Ascending (R14).
    pub thresholds: Vec<u64>,
    /// Credits each feature may charge in a cycle (R17).
    pub limits: PerFeature<Option<u64>>,
}

/// A threshold reached: (threshold, at, event index).
pub type Fired = (u64, i64, u64);

/// Why an event was blocked (R16, R17).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockReason {
    HardCap,
    FeatureLimit,
}

/// The event that started a pause: (at, event index, reason, its feature).
pub type FirstBlocked = (i64, u64, BlockReason, Feature);

/// The running totals of one cycle.
#[derive(Debug, Clone)]
pub struct CycleLedger<'r> {
    rules: &'r CycleRules,
    pub start: i64,
    pub end: i64,
    /// Midnight UTC of the cycle's first day.
    pub first_day: i64,
    pub top_ups: u64,
    /// Each purchase: (at, credits) (R19: one invoice line each).
    pub purchases: Vec<(i64, u64)>,
    /// Whether each purchase resumed AI: bought while the hard cap had it paused, with usage
    /// served after it (R16).
    pub resumed_ai: Vec<bool>,
    /// Credits charged against the allocation and top-ups (R18).
    pool_used: u64,
    pub consumed: u64,
    pub overage: u64,
    pub preview: u64,
    pub rated: u64,
    pub blocked: BlockedUsage,
    /// Each pause, in time order: the first event the hard cap blocked, and again after a
    /// top-up resumed AI (R16); the first each feature's limit blocked (R17: a limit holds
    /// for the rest of the cycle).
    pub pauses: Vec<FirstBlocked>,
    /// The hard cap has AI paused (R16).
    cap_paused: bool,
    /// A top-up resumed AI since the hard cap last paused it: its next block is a new pause.
    resumed: bool,
    /// The purchases made when the hard cap last blocked an event: those after it may resume AI.
    purchases_at_last_cap_block: usize,
    pub by_feature: PerFeature<u64>,
    pub by_agent: Vec<u64>,
    pub daily: Vec<u64>,
    pub alerts: Vec<Fired>,
    pub insights: InsightTotals,
}

/// Sums behind the savings insights (charged usage only).
#[derive(Debug, Clone, Copy, Default)]
pub struct InsightTotals {
    pub calls: u64,
    pub call_minutes: u64,
    /// Σ milliseconds billed beyond the calls' lengths.
    pub call_extra_ms: u128,
    /// Σ rate × extra milliseconds: credits × 60,000.
    pub rounding_credit_ms: u128,
    pub long_steps: u64,
    pub long_step_extra_credits: u64,
    pub unsized_steps: u64,
    /// Σ credits more if those steps were long: beyond `rated`, so summed wide; reported
    /// only when it is an exact count (at most 2^53 − 1).
    pub unsized_extra_credits_if_long: u128,
    pub test_events: u64,
    pub test_credits: u64,
    /// Charged events whose count the usage left out (R5, R8, R9).
    pub events_without_count: u64,
    /// Charged calls at the book's default rate (R7, R11), and their billed minutes.
    pub default_rate_calls: u64,
    pub default_rate_minutes: u128,
}

impl<'r> CycleLedger<'r> {
    /// An empty ledger for the cycle `[start, end)` with `agents` named agents.
    pub fn new(rules: &'r CycleRules, start: i64, end: i64, agents: usize) -> Self {
        let first_day = start.div_euclid(DAY_MS) * DAY_MS;
        let days = (end - 1).div_euclid(DAY_MS) * DAY_MS - first_day;
        CycleLedger {
            rules,
            start,
            end,
            first_day,
            top_ups: 0,
            purchases: Vec::new(),
            resumed_ai: Vec::new(),
            pool_used: 0,
            consumed: 0,
            overage: 0,
            preview: 0,
            rated: 0,
            blocked: BlockedUsage::default(),
            pauses: Vec::new(),
            cap_paused: false,
            resumed: false,
            purchases_at_last_cap_block: 0,
            by_feature: PerFeature::default(),
            by_agent: vec![0; agents],
            daily: vec![0; (days / DAY_MS + 1) as usize],
            alerts: Vec::with_capacity(rules.thresholds.len()),
            insights: InsightTotals::default(),
        }
    }

    /// The allocation and top-up credits not yet used (R16, R18).
    pub fn pool_left(&self) -> u64 {
        self.rules.allocation + self.top_ups - self.pool_used
    }

    /// Charges, blocks or counts as preview one event (index `index`, for alerts);
    /// errors only when a total would pass 2^53 − 1.
    pub fn record(&mut self, index: u64, event: &Event) -> BillingResult<()> {
        let credits = event.credits;
        let feature = match event.kind {
            EventKind::TopUp => {
                // The event's own place names it (a CSV line, `scenario.events[i]`); the words say what passed the limit.
                let too_many = |_| {
                    BillingError::overflow(
                        "",
                        format!(
                            "the plan's {} credits and the cycle's top-ups up to here pass {} (2^53 - 1), the most that can be counted exactly",
                            self.rules.allocation,
                            credits::MAX_CREDITS
                        ),
                    )
                };
                let top_ups = credits::add(self.top_ups, credits, "").map_err(too_many)?;
                credits::add(self.rules.allocation, top_ups, "").map_err(too_many)?;
                self.top_ups = top_ups;
                self.purchases.push((event.at, credits));
                self.resumed_ai.push(false);
                return Ok(());
            }
            EventKind::Usage(feature) => feature,
        };
        // Every other total is at most `rated`, so this one check covers them all. The
        // error is the event's (its path is put in front): no one field of it is wrong.
        self.rated = credits::add(self.rated, credits, "").map_err(|_| {
            BillingError::overflow(
                "",
                format!("the cycle's credits up to here exceed {} (2^53 - 1), the largest exact count", credits::MAX_CREDITS),
            )
        })?;
        if event.mode == Mode::Preview {
            self.preview += credits; // R13: free, never blocked, never moves an alert
            return Ok(());
        }
        if let Some(limit) = *self.rules.limits.get(feature) {
            if self.by_feature.get(feature) + credits > limit {
                self.blocked.feature_limit += 1; // R17, checked before the hard cap
                self.blocked.feature_limit_credits += credits;
                self.block(credits, (event.at, index, BlockReason::FeatureLimit, feature));
                return Ok(());
            }
        }
        let pool_left = self.pool_left();
        if self.rules.hard_cap && credits > pool_left {
            self.blocked.hard_cap += 1; // R16
            self.blocked.hard_cap_credits += credits;
            self.block(credits, (event.at, index, BlockReason::HardCap, feature));
            return Ok(());
        }
        let from_pool = credits.min(pool_left); // R18: allocation, then top-ups, then overage
        self.pool_used += from_pool;
        self.overage += credits - from_pool;
        self.consumed += credits;
        // Served while the cap had AI paused: the top-ups bought since its last block resumed
        // it (R16); without one, the event fit in what was left and the pause goes on.
        let from = self.purchases_at_last_cap_block;
        if self.cap_paused && credits > 0 && self.purchases.len() > from {
            self.resumed_ai.iter_mut().skip(from).for_each(|resumed| *resumed = true);
            (self.resumed, self.cap_paused) = (true, false);
        }
        *self.by_feature.get_mut(feature) += credits;
        // The event lies in [start, end), so its day is inside `daily`.
        let day = ((event.at - self.first_day) / DAY_MS) as usize;
        if let Some(total) = self.daily.get_mut(day) {
            *total += credits;
        }
        if event.agent != NO_AGENT {
            if let Some(total) = self.by_agent.get_mut(event.agent as usize) {
                *total += credits;
            }
        }
        self.note_insights(event);
        while let Some(&threshold) = self.rules.thresholds.get(self.alerts.len()) {
            if !reaches(self.consumed, self.rules.allocation, threshold) {
                break;
            }
            self.alerts.push((threshold, event.at, index)); // R14: once a cycle
        }
        Ok(())
    }

    /// Whether the hard cap was pausing AI when the usage ended: it had paused AI, no top-up
    /// resumed it since, and none was bought after its last block (R16: a top-up resumes AI
    /// at once, until an event it cannot cover).
    pub fn cap_paused_at_end(&self) -> bool {
        self.cap_paused && self.purchases.len() == self.purchases_at_last_cap_block
    }

    fn block(&mut self, credits: u64, this: FirstBlocked) {
        let (_, _, reason, feature) = this;
        let new_pause = match reason {
            BlockReason::HardCap => {
                let first = !self.pauses.iter().any(|p| p.2 == BlockReason::HardCap);
                self.cap_paused = true;
                self.purchases_at_last_cap_block = self.purchases.len();
                std::mem::take(&mut self.resumed) || first
            }
            BlockReason::FeatureLimit => !self.pauses.iter().any(|p| p.2 == BlockReason::FeatureLimit && p.3 == feature),
        };
        if new_pause {
            self.pauses.push(this);
        }
        self.blocked.events += 1;
        self.blocked.credits += credits;
    }

    fn note_insights(&mut self, event: &Event) {
        let totals = &mut self.insights;
        if event.mode == Mode::Test {
            totals.test_events += 1;
            totals.test_credits += event.credits;
        }
        match event.detail {
            Detail::Call { billed_minutes, extra_ms, rate, at_default } => {
                totals.calls += 1;
                totals.call_minutes += billed_minutes;
                if at_default {
                    totals.default_rate_calls += 1;
                    totals.default_rate_minutes += u128::from(billed_minutes);
                }
                totals.call_extra_ms += u128::from(extra_ms);
                totals.rounding_credit_ms += u128::from(extra_ms) * u128::from(rate);
            }
            Detail::LongSteps { steps, extra_credits } => {
                totals.long_steps += steps;
                totals.long_step_extra_credits += extra_credits;
            }
            Detail::UnsizedSteps { steps, extra_credits_if_long } => {
                totals.unsized_steps += steps;
                totals.unsized_extra_credits_if_long = totals.unsized_extra_credits_if_long.saturating_add(extra_credits_if_long);
            }
            Detail::CountDefaulted => totals.events_without_count += 1,
            Detail::None => {}
        }
    }

    /// Allocation and top-up credits left unused at the cycle's end (R3).
    pub fn expired(&self) -> u64 {
        self.pool_left()
    }
}
