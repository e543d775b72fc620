//! The cycle simulator: usage events charged in time order over one or more billing
//! cycles (R2..R20), with a report per cycle.

mod event;
mod ledger;
mod log_rows;
pub mod report;
mod run;
pub mod scenario;
pub mod simulation;
mod synthetic;

use std::collections::BTreeMap;

pub use event::{rate_event, Detail, Event, EventKind, NO_AGENT};
pub use ledger::{CycleLedger, CycleRules};
pub use log_rows::LogRows;
pub use run::run;
pub use synthetic::{streams, CycleEvents, Rng, Stream, MAX_EVENTS_PER_CYCLE};

use crate::alerts::validate_thresholds;
use crate::error::{BillingError, BillingResult};
use crate::price_book::{Book, CreditRates, PlanTerms};
use crate::schema::{Mode, Scenario, Simulation, UsageEvent};
use crate::time::{format_timestamp, parse_timestamp, CycleCalendar};
use crate::usage_log::UsageLog;

/// The most cycles one scenario may run (ten years of months).
pub const MAX_CYCLES: u64 = 120;
/// The most events a scenario's synthetic usage may generate over all its cycles.
pub const MAX_SYNTHETIC_EVENTS: u64 = 12_000_000;
/// The most events `generateEvents` returns in all: each becomes a JS object.
pub const MAX_GENERATED_EVENTS: u64 = 500_000;

/// The events a scenario runs: its own, its log's inside the cycles, and its synthetic
/// ones over every cycle.
pub fn event_count(prepared: &Prepared) -> u64 {
    let per_cycle: u64 = prepared.streams.iter().map(|s| s.count).sum();
    let logged = prepared.log.as_ref().map_or(0, |log| log.rows.len() as u64);
    (prepared.events.len() as u64).saturating_add(logged).saturating_add(per_cycle.saturating_mul(u64::from(prepared.cycles)))
}

/// The agents named by a scenario's events and its log, each with its id (its index).
#[derive(Default)]
struct Agents {
    ids: BTreeMap<String, u32>,
    names: Vec<String>,
}

impl Agents {
    /// The id of `name`, given one at its first use.
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.to_string());
        self.ids.insert(name.to_string(), id);
        id
    }
}

/// A scenario checked and rated, ready to run.
pub struct Prepared<'b> {
    pub plan: &'b PlanTerms,
    pub calendar: CycleCalendar,
    pub cycles: u32,
    pub rules: CycleRules,
    pub events: Vec<Event>,
    pub agents: Vec<String>,
    pub streams: Vec<Stream>,
    pub seed: u64,
    /// Usage at or after this moment is left out.
    pub until: i64,
    /// A usage log's rows inside the cycles, charged with `events` in time order.
    pub log: Option<LogRows<'b>>,
    pub rates: &'b CreditRates,
    /// Top-ups are left out (`withoutTopUps`).
    pub without_top_ups: bool,
}

/// The rules of `scenario`'s cycles on `plan`: its allocation, the hard cap, the alert
/// thresholds and the feature limits (a percentage is of this plan's allocation).
pub fn rules_for(book: &Book, scenario: &Scenario, plan: &PlanTerms, hard_cap: bool) -> BillingResult<CycleRules> {
    let thresholds = match &scenario.alert_thresholds {
        Some(list) => validate_thresholds(list, "scenario.alertThresholds")?,
        None => book.alert_thresholds().to_vec(),
    };
    let limits = crate::limits::in_credits(scenario.feature_limits.as_ref(), plan.credits, "scenario.featureLimits")?;
    Ok(CycleRules { allocation: plan.credits, hard_cap, thresholds, limits })
}

/// Checks and rates `scenario` (and its `log`, charged with its events) against `book`;
/// errors name `scenario.<field>`, or a log row's CSV line.
pub fn prepare<'b>(book: &'b Book, scenario: &Scenario, log: Option<&'b UsageLog>) -> BillingResult<Prepared<'b>> {
    let plan = book.plan(&scenario.plan, "scenario.plan")?;
    let start = parse_timestamp(&scenario.start, "scenario.start")?;
    let cycles = scenario.cycles.unwrap_or(1);
    if cycles == 0 || cycles > MAX_CYCLES {
        return Err(BillingError::invalid("scenario.cycles", format!("must be 1 to {MAX_CYCLES}, got {cycles}")));
    }
    let calendar = CycleCalendar::on_billing_day(start, scenario.billing_day, "scenario", "start")?;
    let end = calendar.checked_end(cycles as u32, "scenario.cycles")?;
    let rules = rules_for(book, scenario, plan, scenario.hard_cap.unwrap_or(false))?;
    let source = scenario.events.as_deref().unwrap_or(&[]);
    let test_as_preview = scenario.test_as_preview.unwrap_or(false);
    let mut agents = Agents::default();
    let mut events = Vec::with_capacity(source.len());
    let mut previous = start;
    for (i, given) in source.iter().enumerate() {
        let path = || format!("scenario.events[{i}]");
        let mut event = rate_event(book.rates(), given, &mut |name| agents.id(name)).map_err(|e| e.within(&path()))?;
        if test_as_preview && event.mode == Mode::Test {
            event.mode = Mode::Preview;
        }
        if event.at < start || event.at >= end {
            return Err(BillingError::invalid(
                format!("{}.at", path()),
                format!(
                    "must be inside the simulated cycles, {} to {} (exclusive), got {}",
                    format_timestamp(start),
                    format_timestamp(end),
                    format_timestamp(event.at)
                ),
            ));
        }
        if event.at < previous {
            return Err(BillingError::invalid(
                format!("{}.at", path()),
                format!(
                    "events must be in time order: {} is before events[{}] at {}",
                    format_timestamp(event.at),
                    i - 1,
                    format_timestamp(previous)
                ),
            ));
        }
        previous = event.at;
        events.push(event);
    }
    let (streams, seed) = match &scenario.synthetic {
        Some(synthetic) => {
            let mut streams = streams(book.rates(), &synthetic.mix, "scenario.synthetic.mix")?;
            let per_cycle: u64 = streams.iter().map(|s| s.count).sum();
            if per_cycle.saturating_mul(cycles) > MAX_SYNTHETIC_EVENTS {
                return Err(BillingError::limit(
                    "scenario.synthetic.mix",
                    format!("would generate {per_cycle} events in each of {cycles} cycles; at most {MAX_SYNTHETIC_EVENTS} in all"),
                ));
            }
            for stream in &mut streams {
                stream.event.mode = match synthetic.mode.unwrap_or_default() {
                    Mode::Test if test_as_preview => Mode::Preview,
                    mode => mode,
                };
            }
            (streams, synthetic.seed)
        }
        None => (Vec::new(), 0),
    };
    let until = match &scenario.until {
        Some(text) => parse_timestamp(text, "scenario.until")?,
        None => i64::MAX,
    };
    let log =
        log.map(|log| LogRows::new(log, book.rates(), (start, end), source.len() as u64, test_as_preview, &mut |name| agents.id(name)));
    Ok(Prepared {
        plan,
        calendar,
        cycles: cycles as u32,
        rules,
        events,
        agents: agents.names,
        streams,
        seed,
        until,
        log,
        rates: book.rates(),
        without_top_ups: scenario.without_top_ups.unwrap_or(false),
    })
}

/// Runs `scenario` (with `log`'s rows inside its cycles) on `book`: one report per cycle.
pub fn simulate(book: &Book, scenario: &Scenario, log: Option<&UsageLog>) -> BillingResult<Simulation> {
    let prepared = prepare(book, scenario, log)?;
    let mut reports = Vec::with_capacity(prepared.cycles as usize);
    run(&prepared, &prepared.rules, |ledger| {
        reports.push(report::cycle_report(ledger, prepared.plan, &prepared.rates.voice, &prepared.agents)?);
        Ok(())
    })?;
    Ok(Simulation { cycles: reports, log: prepared.log.as_ref().map(LogRows::coverage) })
}

/// The events a synthetic mix generates, as JS would write them: the same seed gives
/// the same events, and simulating them gives what `synthetic` gives.
pub fn generate_events(book: &Book, spec: &crate::schema::GenerateEvents) -> BillingResult<Vec<UsageEvent>> {
    let start = parse_timestamp(&spec.start, "spec.start")?;
    let cycles = spec.cycles.unwrap_or(1);
    if cycles == 0 || cycles > MAX_CYCLES {
        return Err(BillingError::invalid("spec.cycles", format!("must be 1 to {MAX_CYCLES}, got {cycles}")));
    }
    let streams = streams(book.rates(), &spec.mix, "spec.mix")?;
    // Memory is budgeted before it is taken: every event is an object in the result.
    let per_cycle: u64 = streams.iter().map(|s| s.count).sum();
    let total = per_cycle.saturating_mul(cycles);
    if total > MAX_GENERATED_EVENTS {
        return Err(BillingError::limit(
            "spec.mix",
            format!(
                "would generate {total} events ({per_cycle} in each of {cycles} cycles); at most {MAX_GENERATED_EVENTS} in all \
                 (simulate's `synthetic` runs up to {MAX_SYNTHETIC_EVENTS} without returning them)"
            ),
        ));
    }
    let calendar = CycleCalendar::on_billing_day(start, spec.billing_day, "spec", "start")?;
    calendar.checked_end(cycles as u32, "spec.cycles")?;
    let mut rng = Rng::new(spec.seed);
    let mut out = Vec::with_capacity(total as usize);
    for k in 0..cycles as u32 {
        let mut generated = CycleEvents::new(&streams, calendar.cycle_start(k), calendar.cycle_start(k + 1));
        while let Some((s, at)) = generated.next(&mut rng) {
            out.push(with_time(&streams[s].schema, format_timestamp(at)));
        }
    }
    Ok(out)
}

fn with_time(template: &UsageEvent, at: String) -> UsageEvent {
    let mut event = template.clone();
    *event.at_mut() = at;
    event
}
