//! A usage export held as a `UsageLog` (API v2 item 4): simulated and backtested without
//! crossing again, with the same results as the same events passed one by one.

mod support;

use hoopai_billing::schema::{self, Scenario, UsageEvent};
use hoopai_billing::simulate::Rng;
use hoopai_billing::usage_csv::parse_usage_csv;
use hoopai_billing::usage_log::{UsageLog, UsageLogBuilder};
use hoopai_billing::Calculator;
use serde_json::{json, Value};

const HEADER: &str = "at,feature,messages,seconds,agent,channel,creditsPerMinute,kind,count,gptSteps,tokens,mode,topUp\n";

/// A random export over `days` days from Nov 15, every kind of row, some of them test
/// and preview, some top-ups, agents on conversation and voice rows.
fn export(seed: u64, rows: usize, days: i64) -> String {
    let mut rng = Rng::new(seed);
    let mut pick = |n: u64| rng.below(n);
    let start = 1_794_700_800_000i64; // 2026-11-15T00:00:00Z
    let mut times: Vec<i64> = (0..rows).map(|_| start + pick((days * 86_400_000) as u64) as i64).collect();
    times.sort_unstable();
    let mut text = String::from(HEADER);
    for at in times {
        let at = hoopai_billing::time::format_timestamp(at);
        let mode = ["", "", "", "test", "preview"][pick(5) as usize];
        let agent = ["", "Ava", "Zoë 🚀", "__proto__"][pick(4) as usize];
        let row = match pick(7) {
            0 => format!("{at},conversation,{},,{agent},sms,,,,,,{mode},", 1 + pick(40)),
            1 => format!("{at},conversation,,,{agent},,,,,,,{mode},"),
            2 => format!("{at},voice,,{}.{},{agent},,{},,,,,{mode},", pick(900), pick(10), ["", "3", "5"][pick(3) as usize]),
            3 => format!("{at},content,,,,,,{},{},,,{mode},", ["text", "image"][pick(2) as usize], 1 + pick(3)),
            4 => format!("{at},reviews,,,,,,,{},,,{mode},", 1 + pick(5)),
            5 => format!("{at},workflow,,,,,,,,{},{},{mode},", 1 + pick(6), ["", "800", "1000", "1001", "2500"][pick(5) as usize]),
            _ => format!("{at},,,,,,,,,,,,{}", 1 + pick(300)),
        };
        text.push_str(&row);
        text.push('\n');
    }
    text
}

fn scenario(value: Value) -> Scenario {
    schema::from_json(&value.to_string(), "scenario").unwrap()
}

fn with_events(mut value: Value, events: &[UsageEvent]) -> Scenario {
    value["events"] = serde_json::to_value(events).unwrap();
    scenario(value)
}

fn json_of<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

#[test]
fn r2_to_r19_a_log_simulates_and_backtests_as_its_events_do() {
    let calc = Calculator::default();
    for (seed, plan, cap) in [(1, "starter", false), (2, "pro", true), (3, "starter", true)] {
        let text = export(seed, 3_000, 58);
        let log = UsageLog::from_csv(text.as_bytes()).unwrap();
        let events = parse_usage_csv(&text).unwrap();
        let base = json!({ "plan": plan, "start": "2026-11-15", "cycles": 2, "hardCap": cap,
                           "featureLimits": { "voice": { "percent": 40 } } });
        let from_log = calc.simulate(&scenario(base.clone()), Some(&log)).unwrap();
        let from_events = calc.simulate(&with_events(base.clone(), &events), None).unwrap();
        assert_eq!(json_of(&from_log.cycles), json_of(&from_events.cycles), "seed {seed}");
        assert_eq!(json_of(&from_log.log), json!({ "before": 0, "inside": 3_000, "after": 0 }));
        let b_log = calc.backtest(&scenario(base.clone()), Some(&log)).unwrap();
        let b_events = calc.backtest(&with_events(base, &events), None).unwrap();
        assert_eq!(json_of(&b_log), json_of(&b_events), "seed {seed}");
    }
}

#[test]
fn a_log_and_the_scenarios_events_are_charged_together_in_time_order() {
    // R18: a top-up in the scenario at the same moment as a row is charged first; alert
    // indexes count the scenario's events first, then the log's rows.
    let log =
        UsageLog::from_csv(b"at,feature,messages\n2026-11-02T10:00:00Z,conversation,400\n2026-11-03T10:00:00Z,conversation,200\n").unwrap();
    let s = scenario(json!({ "plan": "starter", "start": "2026-11-01", "hardCap": true,
        "events": [{ "at": "2026-11-03T10:00:00Z", "topUp": 100 }] }));
    let cycle = &json_of(&Calculator::default().simulate(&s, Some(&log)).unwrap().cycles[0]);
    assert_eq!(cycle["consumedCredits"], 600);
    assert_eq!(cycle["blocked"]["events"], 0);
    assert_eq!(
        cycle["alerts"],
        json!([
            { "threshold": 75, "at": "2026-11-02T10:00:00Z", "event": 1 },
            { "threshold": 90, "at": "2026-11-03T10:00:00Z", "event": 2 },
        ])
    );
    // Bought before the cap paused anything: it resumed nothing.
    assert_eq!(cycle["topUps"], json!([{ "at": "2026-11-03T10:00:00Z", "credits": 100, "resumedAi": false }]));
}

#[test]
fn r4_rows_outside_the_cycles_are_counted_not_charged() {
    let log = UsageLog::from_csv(
        b"at,feature\n2026-10-31T23:59:59Z,reviews\n2026-11-01,reviews\n2026-11-30T23:59:59Z,reviews\n2026-12-01,reviews\n2026-12-02,reviews\n",
    )
    .unwrap();
    let sim = Calculator::default().simulate(&scenario(json!({ "plan": "starter", "start": "2026-11-01" })), Some(&log)).unwrap();
    assert_eq!(json_of(&sim.log), json!({ "before": 1, "inside": 2, "after": 2 }));
    assert_eq!(sim.cycles[0].consumed_credits, 2);
    // `until` leaves out the rows from that moment on (a forecast's "so far").
    let s = scenario(json!({ "plan": "starter", "start": "2026-11-01", "until": "2026-11-15" }));
    assert_eq!(Calculator::default().simulate(&s, Some(&log)).unwrap().cycles[0].consumed_credits, 1);
}

#[test]
fn r12_r13_test_traffic_as_preview_frees_only_the_test_rows() {
    let text =
        "at,feature,messages,mode\n2026-11-02,conversation,30,test\n2026-11-03,conversation,50,\n2026-11-04,conversation,7,preview\n";
    let log = UsageLog::from_csv(text.as_bytes()).unwrap();
    let calc = Calculator::default();
    let base = calc.simulate(&scenario(json!({ "plan": "starter", "start": "2026-11-01" })), Some(&log)).unwrap();
    assert_eq!((base.cycles[0].consumed_credits, base.cycles[0].preview_credits), (80, 7));
    let what_if = scenario(json!({ "plan": "starter", "start": "2026-11-01", "testAsPreview": true }));
    let sim = calc.simulate(&what_if, Some(&log)).unwrap();
    assert_eq!((sim.cycles[0].consumed_credits, sim.cycles[0].preview_credits), (50, 37));
    assert_eq!(sim.cycles[0].insights.test_traffic.events, 0);
}

#[test]
fn r19_without_top_ups_compares_usage_alone() {
    let log = UsageLog::from_csv(b"at,feature,messages,topUp\n2026-11-02,,,300\n2026-11-03,conversation,700,\n").unwrap();
    let calc = Calculator::default();
    let s = |without: bool| {
        scenario(json!({ "plan": "starter", "start": "2026-11-01", "withoutTopUps": without,
            "events": [{ "at": "2026-11-02T12:00:00Z", "topUp": 100 }] }))
    };
    let with = &calc.simulate(&s(false), Some(&log)).unwrap().cycles[0];
    assert_eq!((with.top_up_credits, with.overage_credits), (400, 0));
    let without = &calc.simulate(&s(true), Some(&log)).unwrap().cycles[0];
    assert_eq!((without.top_up_credits, without.overage_credits), (0, 200));
    assert!(without.invoice.lines.iter().all(|line| !line.description.contains("op-up")));
}

#[test]
fn an_export_newest_first_reads_in_time_order() {
    let text = export(9, 500, 20);
    let mut lines: Vec<&str> = text.lines().skip(1).collect();
    lines.reverse();
    let reversed = format!("{HEADER}{}\n", lines.join("\n"));
    let (forward, backward) = (UsageLog::from_csv(text.as_bytes()).unwrap(), UsageLog::from_csv(reversed.as_bytes()).unwrap());
    let s = scenario(json!({ "plan": "pro", "start": "2026-11-15" }));
    let calc = Calculator::default();
    let (a, b) = (calc.simulate(&s, Some(&forward)).unwrap(), calc.simulate(&s, Some(&backward)).unwrap());
    // Rows at the same moment keep the file's order, so only alert indexes may differ.
    assert_eq!(a.cycles[0].consumed_credits, b.cycles[0].consumed_credits);
    assert_eq!(json_of(&a.cycles[0].daily), json_of(&b.cycles[0].daily));
    assert_eq!(backward.row(0).line as usize, lines.len() + 1);
}

#[test]
fn r7_r23_a_row_the_book_cannot_rate_is_an_error_at_its_csv_cell() {
    let log = UsageLog::from_csv(b"at,feature,seconds,creditsPerMinute\n2026-11-02,voice,60,\n2026-11-03,voice,60,9\n").unwrap();
    let e = Calculator::default().simulate(&scenario(json!({ "plan": "starter", "start": "2026-11-01" })), Some(&log)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "csv line 3, column 4 (\"creditsPerMinute\"): must be within the book's voice rate bounds 3..5 credits a minute, got 9"
    );
    // The column as the file names it, wherever it stands.
    let log = UsageLog::from_csv(b"Credits per minute,Feature,Time,Seconds\n5,voice,2026-11-02,60\n2,Voice,2026-11-03,60\n").unwrap();
    let e = Calculator::default().simulate(&scenario(json!({ "plan": "starter", "start": "2026-11-01" })), Some(&log)).unwrap_err();
    assert!(e.to_string().starts_with("csv line 3, column 1 (\"Credits per minute\"): must be within"), "{e}");
    // A row outside the cycles is never rated.
    let s = scenario(json!({ "plan": "starter", "start": "2026-11-01", "until": "2026-11-03" }));
    assert!(Calculator::default().simulate(&s, Some(&log)).is_ok());
}

#[test]
fn the_log_takes_at_most_40_bytes_an_event() {
    let text = export(4, 100_000, 30);
    let log = UsageLog::from_csv(text.as_bytes()).unwrap();
    let per_event = log.memory_bytes() as f64 / log.len() as f64;
    assert!(per_event <= 40.0, "{per_event} bytes an event");
}

#[test]
fn a_builder_reads_the_same_log_from_any_chunks() {
    let text = export(5, 2_000, 30);
    let whole = UsageLog::from_csv(text.as_bytes()).unwrap();
    for size in [1, 7, 64, 4096] {
        let mut builder = UsageLogBuilder::default();
        for chunk in text.as_bytes().chunks(size) {
            builder.push(chunk).unwrap();
        }
        assert_eq!(builder.rows(), 2_000);
        assert_eq!(builder.finish().unwrap(), whole, "chunks of {size}");
    }
}

#[test]
fn r10_r11_steps_without_a_token_count_are_charged_short_and_counted_with_their_high_end() {
    // 3 runs of 2 steps with no tokens (6 steps at 1 credit, 6 more if long), one run of 2
    // steps of 500 tokens (short, known), one of 3 steps of 2,000 (long, known), a preview
    // run without tokens (free: not counted).
    let log = UsageLog::from_csv(
        b"at,feature,gptSteps,tokens,mode\n2026-11-02,workflow,2,,\n2026-11-03,workflow,2,,\n2026-11-04,workflow,2,,\n\
          2026-11-05,workflow,2,500,\n2026-11-06,workflow,3,2000,\n2026-11-07,workflow,4,,preview\n",
    )
    .unwrap();
    let s = scenario(json!({ "plan": "starter", "start": "2026-11-01" }));
    let from_log = json_of(&Calculator::default().simulate(&s, Some(&log)).unwrap().cycles[0]);
    assert_eq!(from_log["consumedCredits"], 6 + 2 + 6);
    assert_eq!(from_log["unsizedWorkflowSteps"], json!({ "steps": 6, "extraCreditsIfLong": 6 }));
    // The same events passed in from JS give the same figures.
    let events = parse_usage_csv(
        "at,feature,gptSteps,tokens,mode\n2026-11-02,workflow,2,,\n2026-11-03,workflow,2,,\n2026-11-04,workflow,2,,\n\
         2026-11-05,workflow,2,500,\n2026-11-06,workflow,3,2000,\n2026-11-07,workflow,4,,preview\n",
    )
    .unwrap();
    let s = Scenario { events: Some(events), ..scenario(json!({ "plan": "starter", "start": "2026-11-01" })) };
    let from_events = json_of(&Calculator::default().simulate(&s, None).unwrap().cycles[0]);
    assert_eq!(from_events["unsizedWorkflowSteps"], from_log["unsizedWorkflowSteps"]);
}

#[test]
fn r7_r11_calls_without_a_rate_are_charged_at_the_default_and_counted_with_the_bounds() {
    // A book whose table knows "eleven" at 5 a minute. Calls: 10 min with no provider, 5 min
    // of "acme" (not in the table), both at the default 4; 10 min of "eleven" (the table's
    // 5) and 3 min at an explicit 3 (known); a 7-min preview call with no rate (free: not counted).
    let mut book = support::published_json();
    book["rates"]["voice"]["table"] = json!([{ "provider": "eleven", "creditsPerMinute": 5 }]);
    let calc = Calculator::new(&schema::from_json(&book.to_string(), "book").unwrap()).unwrap();
    let text = "at,feature,seconds,provider,creditsPerMinute,mode
2026-11-02,voice,600,,,
2026-11-02,voice,241,acme,,
        2026-11-03,voice,600,eleven,,
2026-11-03,voice,180,,3,
2026-11-04,voice,420,,,preview
";
    let s = scenario(json!({ "plan": "starter", "start": "2026-11-01" }));
    let from_log = json_of(&calc.simulate(&s, Some(&UsageLog::from_csv(text.as_bytes()).unwrap())).unwrap().cycles[0]);
    assert_eq!(from_log["consumedCredits"], 15 * 4 + 10 * 5 + 3 * 3);
    assert_eq!(from_log["callsAtDefaultRate"], json!({ "calls": 2, "minutes": 15, "credits": 60, "low": 45, "high": 75 }));
    // The same events passed in from JS give the same figures.
    let s = Scenario { events: Some(parse_usage_csv(text).unwrap()), ..scenario(json!({ "plan": "starter", "start": "2026-11-01" })) };
    let from_events = json_of(&calc.simulate(&s, None).unwrap().cycles[0]);
    assert_eq!(from_events["callsAtDefaultRate"], from_log["callsAtDefaultRate"]);
    // Every rate known: none counted.
    let known = UsageLog::from_csv(b"at,feature,seconds,creditsPerMinute\n2026-11-02,voice,60,4\n").unwrap();
    let cycle = json_of(&calc.simulate(&scenario(json!({ "plan": "starter", "start": "2026-11-01" })), Some(&known)).unwrap().cycles[0]);
    assert_eq!(cycle["callsAtDefaultRate"], json!({ "calls": 0, "minutes": 0, "credits": 0, "low": 0, "high": 0 }));
}

#[test]
fn r23_a_huge_long_rate_makes_the_unsized_steps_high_end_unknown_not_an_error() {
    let mut book = support::published_json();
    book["rates"]["workflow"]["long"] = json!(9_007_199_254_740_991u64);
    let calc = Calculator::new(&schema::from_json(&book.to_string(), "book").unwrap()).unwrap();
    let log = UsageLog::from_csv(b"at,feature,gptSteps\n2026-11-02,workflow,2\n").unwrap();
    let cycle = json_of(&calc.simulate(&scenario(json!({ "plan": "starter", "start": "2026-11-01" })), Some(&log)).unwrap().cycles[0]);
    assert_eq!(cycle["consumedCredits"], 2);
    assert_eq!(cycle["unsizedWorkflowSteps"], json!({ "steps": 2, "extraCreditsIfLong": null }));
}

#[test]
fn r5_r8_r9_rows_without_a_count_are_charged_as_one_and_counted() {
    // A message, an image and a review with the count left blank (1, 3 and 1 credits), the
    // same with counts given, a preview message without one (free: not counted), a voice
    // call and a workflow run (counts of their own, never defaulted).
    let text = "at,feature,messages,kind,count,seconds,gptSteps,tokens,mode\n\
        2026-11-02,conversation,,,,,,,\n2026-11-02,content,,image,,,,,\n2026-11-02,reviews,,,,,,,\n\
        2026-11-03,conversation,4,,,,,,\n2026-11-03,content,,image,2,,,,\n2026-11-03,reviews,,,2,,,,\n\
        2026-11-04,conversation,,,,,,,preview\n2026-11-05,voice,,,,61,,,\n2026-11-05,workflow,,,,,2,500,\n";
    let log = UsageLog::from_csv(text.as_bytes()).unwrap();
    let s = scenario(json!({ "plan": "starter", "start": "2026-11-01" }));
    let from_log = json_of(&Calculator::default().simulate(&s, Some(&log)).unwrap().cycles[0]);
    assert_eq!(from_log["consumedCredits"], (1 + 3 + 1) + (4 + 6 + 2) + 8 + 2);
    assert_eq!(from_log["eventsWithoutCount"], 3);
    // The same events passed in from JS say the same.
    let s = Scenario { events: Some(parse_usage_csv(text).unwrap()), ..scenario(json!({ "plan": "starter", "start": "2026-11-01" })) };
    let from_events = json_of(&Calculator::default().simulate(&s, None).unwrap().cycles[0]);
    assert_eq!(from_events["eventsWithoutCount"], 3);
    assert_eq!(from_events["consumedCredits"], from_log["consumedCredits"]);
    // Only charged events count: under the hard cap the 600 messages past Starter's 500 credits are blocked.
    let blanks: String =
        std::iter::once("at,feature,messages\n".to_string()).chain((0..600).map(|_| "2026-11-02,conversation,\n".to_string())).collect();
    let log = UsageLog::from_csv(blanks.as_bytes()).unwrap();
    let capped = json_of(
        &Calculator::default()
            .simulate(&scenario(json!({ "plan": "starter", "start": "2026-11-01", "hardCap": true })), Some(&log))
            .unwrap()
            .cycles[0],
    );
    assert_eq!([&capped["consumedCredits"], &capped["eventsWithoutCount"]], [&json!(500), &json!(500)]);
    // Generated usage gives every event its count: nothing is defaulted.
    let generated = json!({ "plan": "starter", "start": "2026-11-01",
        "synthetic": { "mix": { "conversation": { "aiMessages": 40 }, "content": { "imageGenerations": 3 }, "reviews": { "responses": 5 } }, "seed": 7 } });
    let cycle = json_of(&Calculator::default().simulate(&scenario(generated), None).unwrap().cycles[0]);
    assert_eq!([&cycle["consumedCredits"], &cycle["eventsWithoutCount"]], [&json!(40 + 9 + 5), &json!(0)]);
}
