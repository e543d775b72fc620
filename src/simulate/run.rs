//! The order events are charged in: the scenario's own events, a log's rows and
//! generated usage merged by time, cycle by cycle (R18). At the same moment the scenario's
//! own events come first, then the log's rows, then generated usage; usage at or after
//! `until` is left out, and top-ups are skipped under `withoutTopUps`.

use super::{CycleEvents, CycleLedger, CycleRules, EventKind, LogRows, Prepared, Rng};
use crate::error::BillingResult;

/// Runs the prepared events under `rules` (the prepared plan's, or another plan's from
/// [`rules_for`]: events are rated by the book, not the plan), handing each finished
/// cycle's ledger to `finish`.
pub fn run(prepared: &Prepared, rules: &CycleRules, mut finish: impl FnMut(&CycleLedger) -> BillingResult<()>) -> BillingResult<()> {
    let mut rng = Rng::new(prepared.seed);
    let mut next_explicit = 0;
    let mut next_row = prepared.log.as_ref().map_or(0, |log| log.rows.start);
    let rows_end = prepared.log.as_ref().map_or(0, |log| log.rows.end);
    // Generated events' alert indexes count on after the scenario's events and the log's rows.
    let mut generated_index = prepared.events.len() as u64 + prepared.log.as_ref().map_or(0, LogRows::total) as u64;
    let skip = |kind: EventKind| prepared.without_top_ups && kind == EventKind::TopUp;
    for k in 0..prepared.cycles {
        let (start, end) = (prepared.calendar.cycle_start(k), prepared.calendar.cycle_start(k + 1));
        let before = end.min(prepared.until);
        let mut ledger = CycleLedger::new(rules, start, end, prepared.agents.len());
        let mut generated = CycleEvents::new(&prepared.streams, start, end);
        let mut pending = generated.next(&mut rng).filter(|&(_, at)| at < before);
        loop {
            // The next event of the three sources in time order; ties go to the scenario's
            // own events, then the log's rows, then generated usage.
            let explicit = prepared.events.get(next_explicit).map(|e| e.at).filter(|&at| at < before);
            let logged = match &prepared.log {
                Some(log) if next_row < rows_end => Some((log, log.at(next_row))).filter(|&(_, at)| at < before),
                _ => None,
            };
            let first =
                [explicit.map(|at| (at, 0)), logged.map(|(_, at)| (at, 1)), pending.map(|(_, at)| (at, 2))].into_iter().flatten().min();
            match (first, logged, pending) {
                (Some((_, 0)), _, _) => {
                    let e = &prepared.events[next_explicit];
                    if !skip(e.kind) {
                        ledger.record(next_explicit as u64, e).map_err(|err| err.within(&format!("scenario.events[{next_explicit}]")))?;
                    }
                    next_explicit += 1;
                }
                (Some((_, 1)), Some((log, _)), _) => {
                    let e = log.event(prepared.rates, next_row)?;
                    if !skip(e.kind) {
                        ledger.record(log.index(next_row), &e).map_err(|err| err.within(&log.place(next_row)))?;
                    }
                    next_row += 1;
                }
                (Some(_), _, Some((s, at))) => {
                    ledger.record(generated_index, &generated.event(s, at)).map_err(|err| err.within("scenario.synthetic"))?;
                    generated_index += 1;
                    pending = generated.next(&mut rng).filter(|&(_, at)| at < before);
                }
                _ => break,
            }
        }
        finish(&ledger)?;
        // Events at or after `until` in this cycle are left out: move past them.
        while prepared.events.get(next_explicit).is_some_and(|e| e.at < end) {
            next_explicit += 1;
        }
        while next_row < rows_end && prepared.log.as_ref().is_some_and(|log| log.at(next_row) < end) {
            next_row += 1;
        }
    }
    Ok(())
}
