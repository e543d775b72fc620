//! A usage log's rows as the simulator's events: the rows inside the scenario's cycles,
//! rated as they are charged, so a log of millions of rows takes no second copy.

use std::ops::Range;

use super::event::{call, gpt_steps, top_up, Event, EventKind, NO_AGENT};
use crate::credits;
use crate::error::{BillingError, BillingResult};
use crate::feature::Feature;
use crate::price_book::CreditRates;
use crate::rating::RateRange;
use crate::schema::{ContentKind, LogCoverage, Mode};
use crate::usage_log::{NameId, Spec, UsageLog, What, NO_NAME};

/// The rate of a row description: per unit, or (workflow without an explicit rate) by
/// each row's tokens.
#[derive(Debug, Clone, Copy)]
enum Rate {
    /// Credits a unit (a call's: a minute), with R11's range where the book's default stands in.
    PerUnit(RateRange),
    ByTokens,
}

/// A log's rows inside `[start, end)`, ready to rate.
#[derive(Debug)]
pub struct LogRows<'l> {
    log: &'l UsageLog,
    /// The rows inside the cycles.
    pub rows: Range<usize>,
    /// The alert index of the log's first row (after the scenario's own events).
    pub first_index: u64,
    /// Each row description's rate, or why it cannot be rated (an explicit rate outside
    /// the book's bounds): the error is raised when a row of it is charged.
    rates: Vec<BillingResult<Rate>>,
    /// Each name's agent id in the scenario (NO_AGENT for names never used as agents).
    agents: Vec<u32>,
    test_as_preview: bool,
}

impl<'l> LogRows<'l> {
    /// The rows of `log` inside `[start, end)`; `agent_id` gives a name its agent id.
    pub fn new(
        log: &'l UsageLog,
        rates: &CreditRates,
        (start, end): (i64, i64),
        first_index: u64,
        test_as_preview: bool,
        agent_id: &mut impl FnMut(&str) -> u32,
    ) -> Self {
        let times = log.times();
        let rows = times.partition_point(|&at| at < start)..times.partition_point(|&at| at < end);
        let mut agents = vec![NO_AGENT; log.names().len()];
        for &name in log.agents() {
            agents[name as usize] = agent_id(log.name(name).unwrap_or_default());
        }
        let rates = log.specs().iter().map(|spec| rate_of(log, rates, spec)).collect();
        LogRows { log, rows, first_index, rates, agents, test_as_preview }
    }

    /// How many rows fall before, inside and after the cycles.
    pub fn coverage(&self) -> LogCoverage {
        LogCoverage { before: self.rows.start as u64, inside: self.rows.len() as u64, after: (self.log.len() - self.rows.end) as u64 }
    }

    /// Every row of the log, inside the cycles or not.
    pub fn total(&self) -> usize {
        self.log.len()
    }

    /// Row `i`'s time.
    pub fn at(&self, i: usize) -> i64 {
        self.log.times()[i]
    }

    /// Row `i`'s alert index.
    pub fn index(&self, i: usize) -> u64 {
        self.first_index + i as u64
    }

    /// Where row `i` is, for an error: `csv line 12`.
    pub fn place(&self, i: usize) -> String {
        self.log.place(i, "")
    }

    /// Row `i` rated on the book; errors name its CSV line.
    pub fn event(&self, rates: &CreditRates, i: usize) -> BillingResult<Event> {
        self.rate(rates, i).map_err(|e| BillingError::new(e.code(), self.log.place(i, e.path()), e.reason()))
    }

    fn rate(&self, rates: &CreditRates, i: usize) -> BillingResult<Event> {
        let row = self.log.row(i);
        let rate = self.rates[self.log.spec_id(i) as usize].clone()?;
        let Some(feature) = row.spec.what.feature() else {
            return top_up(row.at, row.quantity);
        };
        let per_unit = |rate: Rate| match rate {
            Rate::PerUnit(rate) => rate,
            Rate::ByTokens => RateRange::known(0),
        };
        let (credits, detail) = match (row.spec.what, rate) {
            (What::Voice { .. }, rate) => call(row.seconds(), per_unit(rate))?,
            (What::Workflow { .. }, Rate::ByTokens) => {
                let rate = rates.workflow.rate_for(None, row.tokens, "tokens")?;
                gpt_steps(row.quantity, rate, rates.workflow.short)?
            }
            (What::Workflow { .. }, Rate::PerUnit(rate)) => gpt_steps(row.quantity, rate, rates.workflow.short)?,
            (_, rate) => {
                let detail = super::event::count_detail(row.spec.quantity_given.then_some(row.quantity));
                (credits::mul(row.quantity, per_unit(rate).expected, quantity_field(feature))?, detail)
            }
        };
        let mode = match row.spec.mode.unwrap_or_default() {
            Mode::Test if self.test_as_preview => Mode::Preview,
            mode => mode,
        };
        let agent = if row.agent == NO_NAME { NO_AGENT } else { self.agents[row.agent as usize] };
        Ok(Event { at: row.at, kind: EventKind::Usage(feature), credits, mode, agent, detail })
    }
}

fn quantity_field(feature: Feature) -> &'static str {
    match feature {
        Feature::Conversation => "messages",
        _ => "count",
    }
}

/// The rate of every row with this description (R5..R10).
fn rate_of(log: &UsageLog, rates: &CreditRates, spec: &Spec) -> BillingResult<Rate> {
    let name = |id: NameId| log.name(id);
    Ok(Rate::PerUnit(match spec.what {
        What::Conversation { .. } => RateRange::known(rates.per_message),
        What::Voice { provider, language, credits_per_minute, .. } => {
            rates.voice.rate_for(credits_per_minute, name(provider), name(language), "creditsPerMinute")?
        }
        What::Content { kind: ContentKind::Text } => RateRange::known(rates.text),
        What::Content { kind: ContentKind::Image } => RateRange::known(rates.image),
        What::Reviews => RateRange::known(rates.per_response),
        What::Workflow { credits_per_step: Some(rate) } => rates.workflow.rate_for(Some(rate), None, "creditsPerStep")?,
        What::Workflow { credits_per_step: None } => return Ok(Rate::ByTokens),
        What::TopUp => RateRange::known(0),
    }))
}
