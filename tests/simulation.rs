//! The simulator on scenarios whose every number is checked by hand (R2..R20), and its
//! agreement with `compare` for the same usage.

mod support;

use hoopai_billing::schema::{self, CompareOptions, CycleReport, Scenario};
use hoopai_billing::Calculator;
use serde_json::{json, Value};

fn run(calc: &Calculator, scenario: Value) -> Vec<CycleReport> {
    let scenario: Scenario = schema::from_json(&scenario.to_string(), "scenario").unwrap();
    calc.simulate(&scenario, None).unwrap().cycles
}

fn simulate_error(scenario: Value) -> String {
    match schema::from_json::<Scenario>(&scenario.to_string(), "scenario") {
        Err(e) => e.to_string(),
        Ok(s) => Calculator::default().simulate(&s, None).expect_err("should fail").to_string(),
    }
}

/// Starter (500 credits, $0.03), hard cap on, Voice AI limited to 60 % (300 credits).
fn two_cycle_scenario() -> Value {
    json!({
        "plan": "starter", "start": "2026-11-01", "cycles": 2, "hardCap": true,
        "featureLimits": { "voice": { "percent": 60 } },
        "events": [
            // cycle 1: 2026-11-01 .. 2026-12-01
            { "at": "2026-11-02T09:00:00Z", "feature": "conversation", "messages": 200, "agent": "Ava", "channel": "sms" }, // 0: 200
            { "at": "2026-11-03T10:00:00Z", "feature": "voice", "seconds": 135, "agent": "Ben", "mode": "test" },   // 1: 3 min x 4 = 12, test is charged
            { "at": "2026-11-03T13:00:00+02:00", "feature": "voice", "seconds": 3600, "agent": "Ben" },            // 2: 60 min = 240 -> 452: 75 % and 90 %
            { "at": "2026-11-04T08:00:00Z", "feature": "voice", "seconds": 720, "direction": "outbound" },         // 3: 12 min = 48 -> voice 300 = limit, pool 0
            { "at": "2026-11-05T12:00:00Z", "feature": "voice", "seconds": 61 },                                   // 4: 8: voice 308 > 300: feature limit
            { "at": "2026-11-06T09:00:00Z", "feature": "content", "kind": "image", "count": 2 },                  // 5: 6: pool 0: hard cap
            { "at": "2026-11-07T09:00:00Z", "feature": "workflow", "gptSteps": 3, "tokens": 1500, "mode": "preview" }, // 6: 6 preview
            { "at": "2026-11-10", "topUp": 100 },                                                                 // 7: pool 100
            { "at": "2026-11-10T12:00:00Z", "feature": "content", "kind": "image", "count": 2 },                  // 8: 6 -> 506
            { "at": "2026-11-15T00:00:00Z", "feature": "workflow", "gptSteps": 4, "tokens": 800 },                // 9: 4 -> 510
            { "at": "2026-11-20T00:00:00Z", "feature": "reviews", "count": 100 },                                 // 10: 100 > 90 left: hard cap
            { "at": "2026-11-30T23:59:59Z", "feature": "conversation", "messages": 50, "mode": "test", "agent": "Ava" }, // 11: 50 -> 560
            // cycle 2: 2026-12-01 .. 2027-01-01, everything reset (R3)
            { "at": "2026-12-01", "topUp": 50 },                                                                  // 12: pool 550
            { "at": "2026-12-05T10:00:00Z", "feature": "conversation", "messages": 400 },                         // 13: 400: 75 %
            { "at": "2026-12-06T10:00:00Z", "feature": "voice", "seconds": 600 },                                 // 14: 40 -> 440
            { "at": "2026-12-07T10:00:00Z", "feature": "workflow", "gptSteps": 10, "tokens": 2000 },              // 15: 20 -> 460: 90 %
            { "at": "2026-12-24T10:00:00Z", "feature": "content", "kind": "text", "count": 100 },                 // 16: 100 > 90 left: hard cap
            { "at": "2026-12-31T23:00:00Z", "feature": "reviews", "count": 90 }                                   // 17: 90 -> 550, pool 0
        ]
    })
}

#[test]
fn r2_to_r19_two_cycles_checked_by_hand() {
    let cycles = run(&Calculator::default(), two_cycle_scenario());
    assert_eq!(cycles.len(), 2);
    let c = serde_json::to_value(&cycles[0]).unwrap();
    assert_eq!(c["start"], "2026-11-01");
    assert_eq!(c["end"], "2026-12-01", "R4: a calendar month");
    assert_eq!(c["includedCredits"], 500);
    assert_eq!(c["topUpCredits"], 100);
    assert_eq!(c["consumedCredits"], 200 + 12 + 240 + 48 + 6 + 4 + 50);
    assert_eq!(c["overageCredits"], 0, "R16: a hard cap lets no overage through");
    assert_eq!(c["expiredCredits"], 500 + 100 - 560, "R3: unused allocation and top-up expire");
    assert_eq!(c["previewCredits"], 6, "R13");
    assert_eq!(c["ratedCredits"], 680);
    assert_eq!(
        c["blocked"],
        json!({"events": 3, "credits": 114, "hardCap": 2, "featureLimit": 1, "hardCapCredits": 106, "featureLimitCredits": 8}),
        "R17 before R16: event 4 counts under the feature limit"
    );
    assert_eq!(
        c["alerts"],
        json!([{"threshold": 75, "at": "2026-11-03T11:00:00Z", "event": 2}, {"threshold": 90, "at": "2026-11-03T11:00:00Z", "event": 2}]),
        "R14: at the event that crosses, once each"
    );
    assert_eq!(c["byFeature"], json!({"conversation": 250, "voice": 300, "content": 6, "reviews": 0, "workflow": 4}));
    assert_eq!(c["byAgent"], json!({"Ava": 250, "Ben": 252}));
    let daily = c["daily"].as_array().unwrap();
    assert_eq!(daily.len(), 30, "every day of November, zeros too");
    let day = |d: usize| (daily[d - 1]["date"].as_str().unwrap().to_string(), daily[d - 1]["credits"].as_u64().unwrap());
    assert_eq!(day(1), ("2026-11-01".into(), 0));
    assert_eq!(day(2), ("2026-11-02".into(), 200));
    assert_eq!(day(3), ("2026-11-03".into(), 252));
    assert_eq!(day(4).1, 48);
    assert_eq!(day(5).1 + day(6).1 + day(7).1, 0, "blocked and preview are not charged");
    assert_eq!(day(10).1, 6);
    assert_eq!(day(15).1, 4);
    assert_eq!(day(30), ("2026-11-30".into(), 50));
    assert_eq!(daily.iter().map(|d| d["credits"].as_u64().unwrap()).sum::<u64>(), 560);
    assert_eq!(
        c["invoice"],
        json!({"lines": [{"kind": "topUp", "at": "2026-11-10", "description": "Top-up credits bought 2026-11-10", "quantity": 100, "unitPrice": "0.03", "amount": "3.00"}], "usageCharges": "3.00", "total": null}),
        "R19: top-ups at the overage rate by default; R1: no monthly price in the published book, so no known total"
    );
    let insights = &c["insights"];
    assert_eq!(
        insights["voiceRounding"],
        json!({"calls": 3, "billedMinutes": 75, "extraSeconds": 45.0, "credits": 3, "cost": "0.09"}),
        "135 s billed as 180: 45 s x 4 credits a minute = 3 credits"
    );
    assert_eq!(insights["longWorkflowSteps"], json!({"steps": 0, "extraCredits": 0, "cost": "0.00"}));
    assert_eq!(insights["testTraffic"], json!({"events": 2, "credits": 62, "cost": "1.86"}), "R12");
    assert_eq!(
        insights["topFeatures"],
        json!([{"feature": "voice", "credits": 300, "cost": "9.00"}, {"feature": "conversation", "credits": 250, "cost": "7.50"},
               {"feature": "content", "credits": 6, "cost": "0.18"}, {"feature": "workflow", "credits": 4, "cost": "0.12"}])
    );
    assert_eq!(
        insights["topAgents"],
        json!([{"agent": "Ben", "credits": 252, "cost": "7.56"}, {"agent": "Ava", "credits": 250, "cost": "7.50"}])
    );

    let c = serde_json::to_value(&cycles[1]).unwrap();
    assert_eq!((c["start"].as_str(), c["end"].as_str()), (Some("2026-12-01"), Some("2027-01-01")));
    assert_eq!(c["topUpCredits"], 50, "R3: the first cycle's top-up did not roll over");
    assert_eq!(c["consumedCredits"], 550);
    assert_eq!(c["expiredCredits"], 0);
    assert_eq!(c["ratedCredits"], 650);
    assert_eq!(
        c["blocked"],
        json!({"events": 1, "credits": 100, "hardCap": 1, "featureLimit": 0, "hardCapCredits": 100, "featureLimitCredits": 0})
    );
    assert_eq!(
        c["alerts"],
        json!([{"threshold": 75, "at": "2026-12-05T10:00:00Z", "event": 13}, {"threshold": 90, "at": "2026-12-07T10:00:00Z", "event": 15}]),
        "R14: alerts fire again in the next cycle"
    );
    assert_eq!(c["byFeature"], json!({"conversation": 400, "voice": 40, "content": 0, "reviews": 90, "workflow": 20}));
    assert_eq!(c["byAgent"], json!({}));
    assert_eq!(c["daily"].as_array().unwrap().len(), 31);
    assert_eq!((c["invoice"]["usageCharges"].as_str(), c["invoice"]["total"].as_null()), (Some("1.50"), Some(())));
    assert_eq!(
        c["insights"]["longWorkflowSteps"],
        json!({"steps": 10, "extraCredits": 10, "cost": "0.30"}),
        "R10: 2,000 tokens a step is long"
    );
}

#[test]
fn r15_r18_r20_overage_tiers_top_up_after_overage_and_monthly_price() {
    let mut book = support::published_json();
    book["plans"] = json!([{ "id": "team", "name": "Team", "credits": 100, "overageRate": "0.05",
        "overageTiers": [{"upTo": 50, "rate": "0.05"}, {"rate": "0.04"}], "monthlyPrice": "20", "topUpRate": "0.045" }]);
    let calc = Calculator::new(&schema::from_json(&book.to_string(), "book").unwrap()).unwrap();
    let cycles = run(
        &calc,
        json!({ "plan": "team", "start": "2026-01-31T08:00:00Z", "events": [
            { "at": "2026-02-01T00:00:00Z", "feature": "conversation", "messages": 130 }, // 100 allocation + 30 overage
            { "at": "2026-02-02T00:00:00Z", "topUp": 40 },                                // covers later usage only (R18)
            { "at": "2026-02-03T00:00:00Z", "feature": "conversation", "messages": 50 },  // 40 top-up + 10 overage
            { "at": "2026-02-28T07:59:59Z", "feature": "conversation", "messages": 25 }   // 25 overage, last second of the cycle
        ]}),
    );
    let c = serde_json::to_value(&cycles[0]).unwrap();
    assert_eq!(c["end"], "2026-02-28T08:00:00Z", "R4: a shorter month starts the next cycle on its last day");
    assert_eq!(c["consumedCredits"], 205);
    assert_eq!(c["overageCredits"], 65);
    assert_eq!(c["expiredCredits"], 0);
    assert_eq!(
        c["invoice"],
        json!({"lines": [
            {"kind": "monthlyPrice", "at": null, "description": "Team plan, monthly price", "quantity": 1, "unitPrice": "20.00", "amount": "20.00"},
            {"kind": "overage", "at": null, "description": "Overage credits, tier 1 (1 to 50)", "quantity": 50, "unitPrice": "0.05", "amount": "2.50"},
            {"kind": "overage", "at": null, "description": "Overage credits, tier 2 (over 50)", "quantity": 15, "unitPrice": "0.04", "amount": "0.60"},
            {"kind": "topUp", "at": "2026-02-02", "description": "Top-up credits bought 2026-02-02", "quantity": 40, "unitPrice": "0.045", "amount": "1.80"}
        ], "usageCharges": "4.90", "total": "24.90"}),
        "R22: the price, an amount, is written with two decimals as compare writes it"
    );
}

#[test]
fn r5_r11_simulate_and_compare_agree_for_the_same_usage() {
    let calc = Calculator::default();
    let mix = json!({
        "conversation": {"aiMessages": 1800}, "voice": [{"calls": 120, "averageSeconds": 135}, {"calls": 30, "averageSeconds": 61, "creditsPerMinute": 5}],
        "content": {"textGenerations": 90, "imageGenerations": 25}, "reviews": {"responses": 140},
        "workflow": [{"executions": 200, "gptSteps": 3, "averageTokens": 1200}, {"executions": 50, "gptSteps": 1}]
    });
    let comparison = calc.compare(&support::mix(&mix.to_string()), &CompareOptions::default()).unwrap();
    for quote in &comparison.plans {
        let cycles = run(&calc, json!({"plan": quote.plan, "start": "2026-03-01", "synthetic": {"mix": mix, "seed": 42}}));
        let c = &cycles[0];
        assert_eq!(c.consumed_credits, comparison.estimate.credits, "{}", quote.plan);
        assert_eq!(c.overage_credits, quote.overage_credits, "{}", quote.plan);
        // The published book has no monthly prices: the invoice's usage lines are the
        // overage (R15), and its total is unknown (R1).
        assert_eq!((c.invoice.usage_charges, c.invoice.total), (quote.overage_cost, None), "{}", quote.plan);
        assert_eq!(quote.total_cost, None, "{}", quote.plan);
        assert_eq!(
            serde_json::to_value(c.by_feature).unwrap(),
            json!({
            "conversation": comparison.estimate.by_feature.conversation.credits, "voice": comparison.estimate.by_feature.voice.credits,
            "content": comparison.estimate.by_feature.content.credits, "reviews": comparison.estimate.by_feature.reviews.credits,
            "workflow": comparison.estimate.by_feature.workflow.credits})
        );
        let fired: Vec<u64> = c.alerts.iter().map(|a| a.threshold).collect();
        assert_eq!(fired, quote.alerts, "R14 {}", quote.plan);
        let capped = run(&calc, json!({"plan": quote.plan, "start": "2026-03-01", "hardCap": true, "synthetic": {"mix": mix, "seed": 42}}));
        assert!(capped[0].consumed_credits <= quote.hard_cap.served_credits, "R16: events are whole, so at most the mix's served credits");
        assert_eq!(capped[0].overage_credits, 0);
    }
}

#[test]
fn synthetic_events_are_seeded_in_time_order_and_match_generate_events() {
    let calc = Calculator::default();
    let mix = json!({"conversation": {"aiMessages": 300}, "voice": [{"calls": 20, "averageSeconds": 90}], "reviews": {"responses": 10}});
    let spec =
        |seed: u64| schema::from_json(&json!({"mix": mix, "start": "2026-11-01", "seed": seed, "cycles": 2}).to_string(), "spec").unwrap();
    let events = calc.generate_events(&spec(7)).unwrap();
    assert_eq!(events.len(), 2 * 330);
    assert_eq!(events, calc.generate_events(&spec(7)).unwrap(), "same seed, same events");
    assert_ne!(events, calc.generate_events(&spec(8)).unwrap());
    let as_json = serde_json::to_value(&events).unwrap();
    let times: Vec<&str> = as_json.as_array().unwrap().iter().map(|e| e["at"].as_str().unwrap()).collect();
    let parsed: Vec<i64> = times.iter().map(|t| hoopai_billing::time::parse_timestamp(t, "at").unwrap()).collect();
    assert!(parsed.windows(2).all(|w| w[0] <= w[1]), "in time order");
    // Simulating the generated list gives what the in-core synthetic run gives.
    let listed = run(&calc, json!({"plan": "starter", "start": "2026-11-01", "cycles": 2, "events": as_json}));
    let inline = run(&calc, json!({"plan": "starter", "start": "2026-11-01", "cycles": 2, "synthetic": {"mix": mix, "seed": 7}}));
    assert_eq!(listed, inline);
}

#[test]
fn r23_bad_scenarios_name_the_field() {
    let base = || json!({"plan": "starter", "start": "2026-11-01", "events": []});
    let with = |edit: &dyn Fn(&mut Value)| {
        let mut s = base();
        edit(&mut s);
        simulate_error(s)
    };
    let event = |e: Value| with(&|s: &mut Value| s["events"] = json!([e]));
    let cases: Vec<(String, &str)> = vec![
        (with(&|s| s["plan"] = json!("gold")), "scenario.plan: unknown plan \"gold\""),
        (with(&|s| s["start"] = json!("2026-02-30")), "scenario.start: no such date"),
        (with(&|s| s["cycles"] = json!(0)), "scenario.cycles: must be 1 to 120, got 0"),
        (with(&|s| s["featureLimits"] = json!({"voice": {"percent": 120}})), "scenario.featureLimits.voice.percent: must be at most 100"),
        (
            with(&|s| s["featureLimits"] = json!({"voice": {"percent": 50, "credits": 10}})),
            "scenario.featureLimits.voice: must set percent or credits, not both",
        ),
        (with(&|s| s["featureLimits"] = json!({"chat": {"percent": 50}})), "scenario.featureLimits.chat: unknown field `chat`"),
        (
            with(&|s| {
                s["events"] = json!([{"at": "2026-11-03", "feature": "voice", "seconds": 60}, {"at": "2026-11-02", "feature": "voice", "seconds": 60}])
            }),
            "scenario.events[1].at: events must be in time order: 2026-11-02 is before events[0] at 2026-11-03",
        ),
        (
            event(json!({"at": "2026-12-01", "feature": "reviews"})),
            "scenario.events[0].at: must be inside the simulated cycles, 2026-11-01 to 2026-12-01 (exclusive), got 2026-12-01",
        ),
        (event(json!({"at": "2026-10-31T23:59:59Z", "feature": "reviews"})), "scenario.events[0].at: must be inside the simulated cycles"),
        (event(json!({"at": "2026-11-02T10:00:00", "feature": "reviews"})), "scenario.events[0].at: a date-time needs a zone"),
        (event(json!({"at": "2026-11-31", "feature": "reviews"})), "scenario.events[0].at: no such date"),
        (event(json!({"at": "2026-11-02", "feature": "chat"})), "scenario.events[0].feature: unknown variant \"chat\""),
        (
            event(json!({"at": "2026-11-02", "feature": "voice", "seconds": -1})),
            "scenario.events[0].seconds: must be a finite number >= 0, got -1",
        ),
        (
            event(json!({"at": "2026-11-02", "feature": "voice", "seconds": 60, "mode": "dry"})),
            "scenario.events[0].mode: unknown variant \"dry\"",
        ),
        (
            event(json!({"at": "2026-11-02", "feature": "voice", "seconds": 60, "creditsPerMinute": 7})),
            "scenario.events[0].creditsPerMinute: must be within the book's voice rate bounds 3..5",
        ),
        (event(json!({"at": "2026-11-02", "feature": "content", "count": 1})), "scenario.events[0]: missing field `kind`"),
        (event(json!({"at": "2026-11-02", "feature": "reviews", "seconds": 4})), "scenario.events[0].seconds: unknown field `seconds`"),
        (event(json!({"at": "2026-11-02", "topUp": 0})), "scenario.events[0].topUp: must be at least 1 credit, got 0"),
        (event(json!({"at": "2026-11-02"})), "scenario.events[0]: missing field `feature` (or `topUp` for a top-up)"),
        (
            with(&|s| s["synthetic"] = json!({"mix": {"conversation": {"aiMessages": 30000000}}, "seed": 1})),
            "scenario.synthetic.mix: would generate 30000000 events a cycle",
        ),
        (
            with(&|s| {
                s["cycles"] = json!(3);
                s["synthetic"] = json!({"mix": {"conversation": {"aiMessages": 9000000}}, "seed": 1})
            }),
            "scenario.synthetic.mix: would generate 9000000 events in each of 3 cycles; at most 12000000 in all",
        ),
    ];
    for (got, wanted) in cases {
        assert!(got.starts_with(wanted), "\n   got: {got}\nwanted: {wanted}");
    }
}

#[test]
fn r23_totals_above_2_pow_53_are_errors() {
    let big = json!({"at": "2026-11-02", "feature": "conversation", "messages": 9007199254740991u64});
    let message = simulate_error(json!({"plan": "starter", "start": "2026-11-01", "events": [big, big]}));
    assert_eq!(message, "scenario.events[1]: the cycle's credits up to here exceed 9007199254740991 (2^53 - 1), the largest exact count");
}

#[test]
fn until_charges_only_the_usage_so_far() {
    let mut scenario = two_cycle_scenario();
    scenario["until"] = json!("2026-11-05");
    let cycles = run(&Calculator::default(), scenario);
    assert_eq!(cycles[0].consumed_credits, 200 + 12 + 240 + 48, "events 0 to 3 come before 2026-11-05");
    assert_eq!(cycles[0].blocked.events, 0);
    assert_eq!(cycles[1].consumed_credits, 0);
    let synthetic = json!({"plan": "starter", "start": "2026-11-01", "until": "2026-11-16",
        "synthetic": {"mix": {"reviews": {"responses": 3000}}, "seed": 3}});
    let half = run(&Calculator::default(), synthetic)[0].consumed_credits;
    assert!((1400..=1600).contains(&half), "about half of the month's 3,000 spread evenly: {half}");
}

#[test]
fn r23_a_bad_synthetic_mix_names_the_mix_field() {
    let error = simulate_error(json!({"plan": "starter", "start": "2026-11-01",
        "synthetic": {"mix": {"voice": [{"calls": 2, "averageSeconds": 60, "creditsPerMinute": 9}]}, "seed": 1}}));
    assert!(
        error.starts_with("scenario.synthetic.mix.voice[0].creditsPerMinute: must be within the book's voice rate bounds 3..5"),
        "{error}"
    );
    let error = simulate_error(json!({"plan": "starter", "start": "2026-11-01",
        "synthetic": {"mix": {"voice": [{"calls": 2, "averageSeconds": 1e300}]}, "seed": 1}}));
    assert_eq!(error, "scenario.synthetic.mix.voice[0].averageSeconds: must be less than 9000000000 (9e9), got 1e+300");
}

#[test]
fn r7_voice_rounding_insight_is_counted_in_integers() {
    // 300 calls of 45.3 s at 4 credits a minute: each bills 1 minute, 14.7 s beyond its
    // length; 4,410 s in all, 4,410 x 4 / 60 = 294 credits exactly (f64 sums gave 293).
    let calc = Calculator::default();
    let events: Vec<Value> = (0..300)
        .map(|i| json!({"at": format!("2026-11-02T09:{:02}:{:02}Z", i / 60, i % 60), "feature": "voice", "seconds": 45.3, "creditsPerMinute": 4}))
        .collect();
    let cycles = run(&calc, json!({"plan": "pro", "start": "2026-11-01", "events": events}));
    let rounding = &cycles[0].insights.voice_rounding;
    assert_eq!((rounding.calls, rounding.billed_minutes, rounding.credits), (300, 300, 294));
    assert_eq!(rounding.extra_seconds, 4410.0);
}

#[test]
fn r23_work_and_memory_are_budgeted_before_they_are_taken() {
    let calc = Calculator::default();
    let limit = |result: Result<(), hoopai_billing::BillingError>| {
        let e = result.unwrap_err();
        (e.code().as_str(), e.to_string())
    };
    // generateEvents: at most 500,000 events returned (20,000,000, then the documented
    // per-cycle maximum, used to trap after 2.7 GB).
    let spec =
        schema::from_json(r#"{"mix": {"conversation": {"aiMessages": 12000000}}, "start": "2026-11-01", "seed": 1}"#, "spec").unwrap();
    let (code, message) = limit(calc.generate_events(&spec).map(|_| ()));
    assert_eq!(code, "LIMIT");
    assert!(
        message.starts_with("spec.mix: would generate 12000000 events (12000000 in each of 1 cycles); at most 500000 in all"),
        "{message}"
    );
    let spec =
        schema::from_json(r#"{"mix": {"conversation": {"aiMessages": 5000}}, "start": "2026-11-01", "cycles": 120, "seed": 1}"#, "spec")
            .unwrap();
    assert_eq!(limit(calc.generate_events(&spec).map(|_| ())).0, "LIMIT");
    let spec = schema::from_json(r#"{"mix": {"conversation": {"aiMessages": 500000}}, "start": "2026-11-01", "seed": 1}"#, "spec").unwrap();
    assert_eq!(calc.generate_events(&spec).unwrap().len(), 500_000);
    // backtest: events x 2 x plans at most 16,000,000 (3 plans: 2,666,666 events).
    let scenario = |messages: u64| -> Scenario {
        schema::from_json(&format!(r#"{{"plan": "pro", "start": "2026-11-01", "synthetic": {{"mix": {{"conversation": {{"aiMessages": {messages}}}}}, "seed": 1}}}}"#), "scenario").unwrap()
    };
    let (code, message) = limit(calc.backtest(&scenario(2_666_667), None).map(|_| ()));
    assert_eq!(code, "LIMIT");
    assert!(
        message.starts_with("scenario: a backtest runs each of its 2666667 events twice on each of the book's 3 plans: 16000002 in all"),
        "{message}"
    );
    // A mix of more than 1,000 lines of a feature.
    let lines: Vec<Value> = (0..1001).map(|_| json!({"calls": 1, "averageSeconds": 60})).collect();
    let mix = schema::from_json(&json!({"voice": lines}).to_string(), "mix").unwrap();
    let (code, message) = limit(calc.estimate(&mix).map(|_| ()));
    assert_eq!((code, message.as_str()), ("LIMIT", "mix.voice: must have at most 1000 lines, got 1001"));
}

#[test]
fn r23_backtest_sums_over_cycles_are_checked() {
    // Cycle 1 charges 2^53 - 1 credits, cycle 2 charges 2: the sum is past exact.
    let big = json!({"at": "2026-11-02", "feature": "conversation", "messages": 9007199254740991u64});
    let small = json!({"at": "2026-12-02", "feature": "conversation", "messages": 2});
    let scenario: Scenario =
        schema::from_json(&json!({"plan": "starter", "start": "2026-11-01", "cycles": 2, "events": [big, small]}).to_string(), "scenario")
            .unwrap();
    let e = Calculator::default().backtest(&scenario, None).unwrap_err();
    assert_eq!(e.code().as_str(), "OVERFLOW");
    assert!(e.to_string().starts_with("backtest.consumedCredits: the credits exceed"), "{e}");
}

#[test]
fn r16_r17_the_first_blocked_event_says_when_and_why() {
    let calc = Calculator::default();
    let cycles = run(
        &calc,
        json!({"plan": "starter", "start": "2026-11-01", "hardCap": true, "featureLimits": {"voice": {"credits": 8}},
        "events": [
            {"at": "2026-11-02T09:00:00Z", "feature": "conversation", "messages": 450},
            {"at": "2026-11-03T09:00:00Z", "feature": "voice", "seconds": 180},
            {"at": "2026-11-04T09:00:00Z", "feature": "conversation", "messages": 100}]}),
    );
    // The call (12 credits) passes the voice limit of 8 first (R17), before the cap (R16).
    let first = cycles[0].first_blocked.as_ref().unwrap();
    assert_eq!((first.at.as_str(), first.event, first.reason), ("2026-11-03T09:00:00Z", 1, "featureLimit"));
    // It names the feature that paused (R17: the others carry on), as JS reads it.
    assert_eq!(serde_json::to_value(first).unwrap()["feature"], "voice");
    let open = run(&calc, json!({"plan": "starter", "start": "2026-11-01", "events": [{"at": "2026-11-02", "feature": "reviews"}]}));
    assert_eq!(open[0].first_blocked, None);
    assert!(open[0].pauses.is_empty());
}

#[test]
fn r16_r17_every_pause_is_reported_each_limit_and_the_cap_again_after_a_top_up() {
    // Starter (500 credits), hard cap; voice at most 8 credits, content at most 3.
    let pauses = |events: Value| -> Vec<(String, u64, &'static str, String)> {
        let cycles = run(
            &Calculator::default(),
            json!({"plan": "starter", "start": "2026-11-01", "hardCap": true,
                "featureLimits": {"voice": {"credits": 8}, "content": {"credits": 3}}, "events": events}),
        );
        let report = &cycles[0];
        assert_eq!(report.first_blocked.as_ref(), report.pauses.first(), "firstBlocked is the first pause");
        report.pauses.iter().map(|p| (p.at.clone(), p.event, p.reason, serde_json::to_value(p.feature).unwrap().to_string())).collect()
    };
    let found = pauses(json!([
        {"at": "2026-11-02T09:00:00Z", "feature": "voice", "seconds": 180},       // 12 > 8: voice pauses (R17)
        {"at": "2026-11-02T10:00:00Z", "feature": "voice", "seconds": 180},       // voice again: the same pause
        {"at": "2026-11-03T09:00:00Z", "feature": "content", "kind": "image", "count": 2}, // 6 > 3: content pauses
        {"at": "2026-11-04T09:00:00Z", "feature": "conversation", "messages": 500},
        {"at": "2026-11-05T09:00:00Z", "feature": "conversation", "messages": 1},  // the cap pauses AI (R16)
        {"at": "2026-11-05T10:00:00Z", "feature": "reviews"},                      // still paused: the same pause
        {"at": "2026-11-06T09:00:00Z", "topUp": 10},                               // resumes AI
        {"at": "2026-11-06T10:00:00Z", "feature": "conversation", "messages": 10},
        {"at": "2026-11-07T09:00:00Z", "feature": "conversation", "messages": 1},  // paused again
    {"at": "2026-11-08T09:00:00Z", "feature": "voice", "seconds": 30}          // under voice's limit, but the cap's pause goes on
    ]));
    let expected = [
        ("2026-11-02T09:00:00Z", 0, "featureLimit", "voice"),
        ("2026-11-03T09:00:00Z", 2, "featureLimit", "content"),
        ("2026-11-05T09:00:00Z", 4, "hardCap", "conversation"),
        ("2026-11-07T09:00:00Z", 8, "hardCap", "conversation"),
    ];
    let expected: Vec<_> = expected.iter().map(|&(at, event, reason, f)| (at.to_string(), event, reason, format!("\"{f}\""))).collect();
    assert_eq!(found, expected);
    // A smaller call that fits under the voice limit does not lift it (R17: it holds for the
    // cycle): one voice pause. Under the cap, a small message that fits is no top-up (R16):
    // one pause; a top-up too small to serve anything resumes nothing: one pause, and the
    // purchase is not marked as resuming AI.
    let smaller = pauses(json!([
        {"at": "2026-11-02T09:00:00Z", "feature": "voice", "seconds": 180},   // 12 > 8: paused
        {"at": "2026-11-03T09:00:00Z", "feature": "voice", "seconds": 60},    // 4: served
        {"at": "2026-11-04T09:00:00Z", "feature": "voice", "seconds": 180}    // still the same pause
    ]));
    assert_eq!(smaller.iter().map(|p| p.1).collect::<Vec<_>>(), [0]);
    let fits = pauses(json!([
        {"at": "2026-11-02T09:00:00Z", "feature": "conversation", "messages": 498},
        {"at": "2026-11-03T09:00:00Z", "feature": "reviews", "count": 3},      // the cap pauses AI
        {"at": "2026-11-04T09:00:00Z", "feature": "reviews", "count": 1},      // fits: served
        {"at": "2026-11-05T09:00:00Z", "feature": "reviews", "count": 3}       // the same pause
    ]));
    assert_eq!(fits.iter().map(|p| p.1).collect::<Vec<_>>(), [1]);
    let scenario = json!({"plan": "starter", "start": "2026-11-01", "hardCap": true, "events": [
        {"at": "2026-11-02T09:00:00Z", "feature": "conversation", "messages": 500},
        {"at": "2026-11-03T09:00:00Z", "feature": "reviews", "count": 2},      // the cap pauses AI
        {"at": "2026-11-04T09:00:00Z", "topUp": 1},                            // too small: serves nothing
        {"at": "2026-11-05T09:00:00Z", "feature": "reviews", "count": 2},      // still paused
        {"at": "2026-11-06T09:00:00Z", "topUp": 10},                           // resumes AI
        {"at": "2026-11-07T09:00:00Z", "feature": "reviews", "count": 2}       // served
    ]});
    let report = &run(&Calculator::default(), scenario)[0];
    assert_eq!(report.pauses.len(), 1);
    let resumed: Vec<bool> = report.top_ups.iter().map(|t| t.resumed_ai).collect();
    assert_eq!(resumed, [false, true]);
    assert!(!report.cap_paused_at_end, "the 10-credit top-up resumed AI");
    // (review) A message that fits in what is left does not end the pause, so the top-up after
    // it resumes AI, and the block after that is a new pause; a 0-credit event serves nothing.
    let cycle = |events: Value| {
        run(&Calculator::default(), json!({"plan": "starter", "start": "2026-11-01", "hardCap": true, "events": events})).remove(0)
    };
    let a = cycle(json!([
        {"at": "2026-11-02T09:00:00Z", "feature": "conversation", "messages": 498},
        {"at": "2026-11-03T09:00:00Z", "feature": "voice", "seconds": 60},        // 4 > 2: paused
        {"at": "2026-11-03T10:00:00Z", "feature": "conversation", "messages": 1}, // fits: still paused
        {"at": "2026-11-04T09:00:00Z", "topUp": 100},
        {"at": "2026-11-04T10:00:00Z", "feature": "voice", "seconds": 60},        // served: resumed
        {"at": "2026-11-05T09:00:00Z", "feature": "conversation", "messages": 97},
        {"at": "2026-11-06T09:00:00Z", "feature": "conversation", "messages": 1}  // paused again
    ]));
    assert_eq!((a.pauses.len(), a.top_ups[0].resumed_ai, a.cap_paused_at_end), (2, true, true));
    let zero = cycle(json!([
        {"at": "2026-11-02T09:00:00Z", "feature": "conversation", "messages": 500},
        {"at": "2026-11-03T09:00:00Z", "feature": "reviews"},                      // paused
        {"at": "2026-11-04T09:00:00Z", "topUp": 1},
        {"at": "2026-11-04T10:00:00Z", "feature": "voice", "seconds": 0}           // 0 credits: serves nothing
    ]));
    assert!(!zero.top_ups[0].resumed_ai);
    // A top-up bought after the last block resumes AI at once (R16): not paused at the end.
    assert!(!zero.cap_paused_at_end);
    let blocked_after = cycle(json!([
        {"at": "2026-11-02T09:00:00Z", "feature": "conversation", "messages": 500},
        {"at": "2026-11-03T09:00:00Z", "feature": "reviews"},
        {"at": "2026-11-04T09:00:00Z", "topUp": 1},
        {"at": "2026-11-05T09:00:00Z", "feature": "reviews", "count": 2}           // too big for 1: paused
    ]));
    assert!(blocked_after.cap_paused_at_end);
    // A top-up bought before any pause does not make a pause of its own.
    let early = pauses(json!([
        {"at": "2026-11-02T09:00:00Z", "topUp": 10},
        {"at": "2026-11-03T09:00:00Z", "feature": "conversation", "messages": 510},
        {"at": "2026-11-04T09:00:00Z", "feature": "conversation", "messages": 1},
        {"at": "2026-11-05T09:00:00Z", "feature": "conversation", "messages": 1}
    ]));
    assert_eq!(early.len(), 1);
}

#[test]
fn r4_a_billing_day_carries_the_cycles_past_a_short_month() {
    // Started on Feb 28 for the 31st: Feb 28 - Mar 31, Mar 31 - Apr 30, Apr 30 - May 31.
    let cycles = run(&Calculator::default(), json!({"plan": "starter", "start": "2026-02-28", "billingDay": 31, "cycles": 3}));
    let edges: Vec<(&str, &str)> = cycles.iter().map(|c| (c.start.as_str(), c.end.as_str())).collect();
    assert_eq!(edges, [("2026-02-28", "2026-03-31"), ("2026-03-31", "2026-04-30"), ("2026-04-30", "2026-05-31")]);
    assert_eq!(
        simulate_error(json!({"plan": "starter", "start": "2026-03-30", "billingDay": 31})),
        "scenario.start: must fall on the billing day (31, UTC); in that month the cycle starts on 2026-03-31, got 2026-03-30"
    );
    assert_eq!(
        simulate_error(json!({"plan": "starter", "start": "2026-03-01", "billingDay": 0})),
        "scenario.billingDay: must be a day of the month, 1 to 31, got 0"
    );
    // Cycles that would end after 9999 are refused: their ends could not be written.
    assert_eq!(
        simulate_error(json!({"plan": "starter", "start": "9999-06-01", "cycles": 12})),
        "scenario.cycles: the cycles would end after the year 9999; start earlier or run fewer cycles"
    );
    assert_eq!(run(&Calculator::default(), json!({"plan": "starter", "start": "9999-06-01", "cycles": 6}))[5].end, "9999-12-01");
}

#[test]
fn r19_a_top_up_line_says_when_it_was_bought_in_words() {
    let cycles = run(
        &Calculator::default(),
        json!({"plan": "starter", "start": "2026-11-01", "events": [
            {"at": "2026-11-03T09:30:00+02:00", "topUp": 100}, {"at": "2026-11-04", "topUp": 50}]}),
    );
    let lines: Vec<&str> = cycles[0].invoice.lines.iter().map(|l| l.description.as_str()).collect();
    assert_eq!(lines, ["Top-up credits bought 2026-11-03 07:30:00 UTC", "Top-up credits bought 2026-11-04"]);
    let moments: Vec<Option<&str>> = cycles[0].invoice.lines.iter().map(|l| l.at.as_deref()).collect();
    assert_eq!(moments, [Some("2026-11-03T07:30:00Z"), Some("2026-11-04")], "each line's purchase, as topUps[].at writes it");
    assert_eq!(cycles[0].top_ups.iter().map(|t| t.at.as_str()).collect::<Vec<_>>(), ["2026-11-03T07:30:00Z", "2026-11-04"]);
}

#[test]
fn r23_top_ups_past_2_pow_53_are_an_error_at_the_purchase_in_words() {
    // Starter's 500 and 9,007,199,254,740,490 bought: 2^53 - 1 less 1; 2 more pass it.
    let events = json!([{"at": "2026-11-02", "topUp": 9_007_199_254_740_490u64}, {"at": "2026-11-03", "topUp": 2}]);
    assert_eq!(
        simulate_error(json!({"plan": "starter", "start": "2026-11-01", "events": events})),
        "scenario.events[1]: the plan's 500 credits and the cycle's top-ups up to here pass 9007199254740991 (2^53 - 1), the most that can be counted exactly"
    );
    // From a usage export, the same words at the row's CSV line.
    let log = hoopai_billing::usage_log::UsageLog::from_csv(b"at,topUp\n2026-11-02,9007199254740492\n").unwrap();
    let scenario: Scenario = schema::from_json(&json!({"plan": "starter", "start": "2026-11-01"}).to_string(), "scenario").unwrap();
    let error = Calculator::default().simulate(&scenario, Some(&log)).unwrap_err().to_string();
    assert!(error.starts_with("csv line 2: the plan's 500 credits and the cycle's top-ups up to here pass"), "{error}");
}
