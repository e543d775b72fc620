//! Native benchmark figures for `scripts/bench.sh`: the core compare call and the
//! simulator's ledger, timed in this process. Prints one line per figure.

use std::hint::black_box;
use std::time::Instant;

use hoopai_billing::schema::{from_json, CompareOptions, Scenario, UsageMix};
use hoopai_billing::usage_log::UsageLog;
use hoopai_billing::Calculator;

/// Runs `f` repeatedly for about `seconds` and returns the best calls per second of 5 rounds.
fn per_second(seconds: f64, mut f: impl FnMut()) -> f64 {
    let mut best = 0f64;
    for _ in 0..5 {
        let start = Instant::now();
        let mut calls = 0u64;
        while start.elapsed().as_secs_f64() < seconds / 5.0 {
            for _ in 0..100 {
                f();
            }
            calls += 100;
        }
        best = best.max(calls as f64 / start.elapsed().as_secs_f64());
    }
    best
}

const MIX: &str = r#"{"conversation":{"aiMessages":3000},"voice":[{"calls":40,"averageSeconds":135}],
  "content":{"textGenerations":60,"imageGenerations":10},"reviews":{"responses":80},
  "workflow":[{"executions":300,"gptSteps":2,"averageTokens":600}]}"#;

fn main() {
    let calc = Calculator::default();
    let mix: UsageMix = from_json(MIX, "mix").expect("valid mix");
    let options = CompareOptions::default();
    let rate = per_second(1.0, || {
        black_box(calc.compare(black_box(&mix), &options).expect("compare"));
    });
    println!("native compare (core call, parsed mix): {:.0} calls/s, {:.3} us/call", rate, 1e6 / rate);
    let rate = per_second(1.0, || {
        let mix: UsageMix = from_json(black_box(MIX), "mix").expect("valid");
        black_box(calc.compare(&mix, &options).expect("compare"));
    });
    println!("native compare (from JSON text, as WASM gets it): {:.0} calls/s, {:.3} us/call", rate, 1e6 / rate);

    // The ledger on 10 million events generated in the core.
    let synthetic = r#"{"plan":"pro","start":"2026-10-01","synthetic":{"seed":7,"mix":{"conversation":{"aiMessages":7000000},
      "voice":[{"calls":1000000,"averageSeconds":135}],"content":{"textGenerations":500000,"imageGenerations":500000},
      "reviews":{"responses":500000},"workflow":[{"executions":500000,"gptSteps":2,"averageTokens":1400}]}}}"#;
    let scenario: Scenario = from_json(synthetic, "scenario").expect("valid");
    let mut best = f64::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        let sim = calc.simulate(black_box(&scenario), None).expect("simulate");
        best = best.min(start.elapsed().as_secs_f64());
        assert_eq!(sim.cycles[0].rated_credits, sim.cycles[0].consumed_credits);
    }
    println!("native simulate (10,000,000 events generated in the core): {:.1} M events/s, {:.1} ns/event", 10.0 / best, best * 1e9 / 1e7);

    // Events given as JSON text, as they arrive from JS.
    let mut events = String::from(r#"{"plan":"pro","start":"2026-10-01","events":["#);
    for i in 0..500_000u64 {
        let minute = i * 30 * 24 * 60 / 500_000;
        let at = format!("2026-10-{:02}T{:02}:{:02}:00Z", 1 + minute / 1440, minute / 60 % 24, minute % 60);
        if i > 0 {
            events.push(',');
        }
        events.push_str(&format!(r#"{{"at":"{at}","feature":"conversation","messages":1,"agent":"A{}"}}"#, i % 7));
    }
    events.push_str("]}");
    let start = Instant::now();
    let scenario: Scenario = from_json(&events, "scenario").expect("valid");
    let sim = calc.simulate(&scenario, None).expect("simulate");
    let elapsed = start.elapsed().as_secs_f64();
    println!(
        "native simulate (500,000 events as JSON text, read + rate + charge): {:.2} M events/s, {:.0} ns/event ({})",
        0.5 / elapsed,
        elapsed * 1e9 / 5e5,
        sim.cycles[0].consumed_credits
    );
    usage_log(&calc);
}

/// The export in `BIG_CSV` (scripts/bench.sh writes 1,000,000 rows there) read into a
/// `UsageLog`, simulated and backtested: the same path as the WASM figure.
fn usage_log(calc: &Calculator) {
    let Ok(path) = std::env::var("BIG_CSV") else {
        println!("native UsageLog: set BIG_CSV to a CSV export to time it");
        return;
    };
    let bytes = std::fs::read(&path).expect("BIG_CSV is readable");
    let scenario: Scenario = from_json(r#"{"plan":"pro","start":"2026-11-15","cycles":2}"#, "scenario").expect("valid");
    let (mut read, mut simulate, mut backtest) = (f64::MAX, f64::MAX, f64::MAX);
    let mut log = UsageLog::default();
    for _ in 0..3 {
        let start = Instant::now();
        log = UsageLog::from_csv(black_box(&bytes)).expect("the export reads");
        read = read.min(start.elapsed().as_secs_f64());
        let start = Instant::now();
        black_box(calc.simulate(&scenario, Some(&log)).expect("simulate"));
        simulate = simulate.min(start.elapsed().as_secs_f64());
        let start = Instant::now();
        black_box(calc.backtest(&scenario, Some(&log)).expect("backtest"));
        backtest = backtest.min(start.elapsed().as_secs_f64());
    }
    let rows = log.len() as f64;
    println!(
        "native UsageLog ({} rows, {:.1} MB): read {:.0} ms, simulate {:.0} ms, backtest {:.0} ms, in all {:.0} ms; \
         read + simulate {:.2} M rows/s; {:.1} bytes an event",
        log.len(),
        bytes.len() as f64 / 1e6,
        read * 1e3,
        simulate * 1e3,
        backtest * 1e3,
        (read + simulate + backtest) * 1e3,
        rows / (read + simulate) / 1e6,
        log.memory_bytes() as f64 / rows
    );
}
