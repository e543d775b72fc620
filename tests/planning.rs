//! Forecast (run rate), project (growth over months), CSV import and backtest.

mod support;

use hoopai_billing::schema::{self, ForecastInput, ProjectionInput, Scenario};
use hoopai_billing::usage_csv::parse_usage_csv;
use hoopai_billing::Calculator;
use serde_json::{json, Value};

fn forecast(input: Value) -> Result<Value, String> {
    let input: ForecastInput = schema::from_json(&input.to_string(), "input").map_err(|e| e.to_string())?;
    Calculator::default().forecast(&input).map(|f| serde_json::to_value(f).unwrap()).map_err(|e| e.to_string())
}

fn project(input: Value) -> Result<Value, String> {
    let input: ProjectionInput = schema::from_json(&input.to_string(), "input").map_err(|e| e.to_string())?;
    Calculator::default().project(&input).map(|p| serde_json::to_value(p).unwrap()).map_err(|e| e.to_string())
}

#[test]
fn r14_forecast_run_rate_run_out_day_and_alert_days() {
    // Pro, 2,500 credits; 1,200 used in the first 10 of November's 30 days: 3,600 projected.
    let f = forecast(json!({"plan": "pro", "cycleStart": "2026-11-01", "asOf": "2026-11-11",
        "usedByFeature": {"conversation": 1000, "voice": 200}}))
    .unwrap();
    assert_eq!(
        (f["cycleEnd"].as_str(), f["usedCredits"].as_u64(), f["projectedCredits"].as_u64()),
        (Some("2026-12-01"), Some(1200), Some(3600))
    );
    assert_eq!(f["projectedByFeature"], json!({"conversation": 3000, "voice": 600, "content": 0, "reviews": 0, "workflow": 0}));
    // 2,500 credits at 120 a day: day 20.83, 2026-11-21T20:00Z.
    assert_eq!(f["runOutDate"], "2026-11-21");
    assert_eq!(f["exhausted"], false);
    // 75 % = 1,875 credits: day 15.625; 90 % = 2,250: day 18.75.
    assert_eq!(
        f["alerts"],
        json!([
            {"threshold": 75, "credits": 1875, "reached": false, "date": "2026-11-16"},
            {"threshold": 90, "credits": 2250, "reached": false, "date": "2026-11-19"}
        ])
    );
    let overage: Vec<&str> = f["plans"].as_array().unwrap().iter().map(|p| p["overageCost"].as_str().unwrap()).collect();
    assert_eq!(overage, ["93.00", "27.50", "0.00"]);
    // R1: no monthly prices, so no totals; R24: Premium's allocation covers 3,600.
    assert!(f["plans"].as_array().unwrap().iter().all(|p| p["totalCost"].is_null()));
    assert_eq!((f["recommended"].as_str(), f["basis"].as_str()), (Some("premium"), Some("allocation")));

    let f = forecast(json!({"plan": "pro", "cycleStart": "2026-11-01", "asOf": "2026-11-11",
        "usedByFeature": {"conversation": 2000}, "topUpCredits": 500, "alertThresholds": [90, 75]}))
    .unwrap();
    assert_eq!(
        f["alerts"],
        json!([
            {"threshold": 75, "credits": 1875, "reached": true, "date": null},
            {"threshold": 90, "credits": 2250, "reached": false, "date": "2026-11-12"}
        ])
    );
    assert_eq!((f["availableCredits"].as_u64(), f["runOutDate"].as_str()), (Some(3000), Some("2026-11-16")));
    // Pro's own bill counts its top-ups (R18, R19): 6,000 projected against 3,000 available
    // is 3,000 overage at $0.025 ($75.00), plus 500 top-up credits at $0.025 ($12.50). The
    // plan comparison leaves top-ups out: there Pro's overage is 3,500 credits.
    assert_eq!(f["projectedCredits"], 6000);
    assert_eq!(
        f["bill"],
        json!({"overageCredits": 3000, "overageCost": "75.00", "topUpCost": "12.50", "usageCharges": "87.50", "totalCost": null})
    );
    assert_eq!(f["plans"][1]["overageCredits"], 3500);

    let idle = forecast(json!({"plan": "starter", "cycleStart": "2026-11-01", "asOf": "2026-11-02", "usedByFeature": {}})).unwrap();
    assert_eq!((idle["projectedCredits"].as_u64(), idle["runOutDate"].clone()), (Some(0), Value::Null));
    let exhausted =
        forecast(json!({"plan": "starter", "cycleStart": "2026-11-01", "asOf": "2026-11-02", "usedByFeature": {"voice": 600}})).unwrap();
    assert_eq!((exhausted["exhausted"].as_bool(), exhausted["runOutDate"].clone()), (Some(true), Value::Null));
}

#[test]
fn r17_forecast_a_limited_feature_stops_at_its_limit() {
    // Pro, 2,500 credits; in 10 of 30 days conversation used 900 (90 a day) and voice 300
    // (30 a day). Voice is limited to 20 % = 500 credits, reached on day 16.67.
    let input = |limits: Value| {
        json!({"plan": "pro", "cycleStart": "2026-11-01", "asOf": "2026-11-11",
            "usedByFeature": {"conversation": 900, "voice": 300}, "featureLimits": limits, "alertThresholds": [50, 75, 90]})
    };
    let unlimited = forecast(json!({"plan": "pro", "cycleStart": "2026-11-01", "asOf": "2026-11-11",
        "usedByFeature": {"conversation": 900, "voice": 300}, "alertThresholds": [50, 75, 90]}))
    .unwrap();
    assert_eq!((unlimited["projectedCredits"].as_u64(), unlimited["runOutDate"].as_str()), (Some(3600), Some("2026-11-21")));
    let f = forecast(input(json!({"voice": {"percent": 20}}))).unwrap();
    assert_eq!(f["projectedByFeature"], json!({"conversation": 2700, "voice": 500, "content": 0, "reviews": 0, "workflow": 0}));
    assert_eq!(f["projectedCredits"], 3200);
    assert_eq!(f["stoppedByLimit"], json!(["voice"]));
    // The usage line bends where voice stops: 500 × 10 days ÷ 300 = 16⅔ days, Nov 17 16:00,
    // with 1,500 + 500 used; from there conversation alone, 90 a day, to 3,200.
    assert_eq!(
        f["usageLine"],
        json!([{"at": "2026-11-11", "credits": 1200}, {"at": "2026-11-17T16:00:00Z", "credits": 2000}, {"at": "2026-12-01", "credits": 3200}])
    );
    assert_eq!(unlimited["usageLine"], json!([{"at": "2026-11-11", "credits": 1200}, {"at": "2026-12-01", "credits": 3600}]));
    // A limit the run rate never reaches stops nothing.
    assert_eq!(forecast(input(json!({"voice": {"percent": 100}}))).unwrap()["stoppedByLimit"], json!([]));
    // 2,500 credits: by day 16.67 there are 1,500 + 500; then 90 a day: 500 more take 5.56
    // days, day 22.22, 2026-11-23T05:20Z.
    assert_eq!(f["runOutDate"], "2026-11-23");
    // Before voice stops the total grows 120 a day: 50 % (1,250) on day 10.42 (Nov 11) and
    // 75 % (1,875) on day 15.63 (Nov 16). 90 % (2,250) comes after the stop, at 90 a day
    // from voice's 500: (2,250 − 500) / 90 = day 19.44 (Nov 20), not day 18.75 (Nov 19).
    let days: Vec<&str> = f["alerts"].as_array().unwrap().iter().map(|a| a["date"].as_str().unwrap()).collect();
    assert_eq!(days, ["2026-11-11", "2026-11-16", "2026-11-20"]);
    // In credits the same; and a limit on both features that holds the cycle under the
    // allocation means the credits never run out and no alert past it comes.
    let both = forecast(input(json!({"voice": {"credits": 500}, "conversation": {"credits": 1000}}))).unwrap();
    assert_eq!((both["projectedCredits"].as_u64(), both["runOutDate"].clone()), (Some(1500), Value::Null));
    let dates: Vec<Value> = both["alerts"].as_array().unwrap().iter().map(|a| a["date"].clone()).collect();
    // 50 % (1,250) at 120 a day until conversation stops on day 11.11 (1,000) with voice at 333:
    // 1,250 is reached on day 10.42 (Nov 11); 75 % and 90 % never.
    assert_eq!(dates, [json!("2026-11-11"), Value::Null, Value::Null]);
    // Reached exactly as a limit stops a feature: the stop's moment.
    let exact = forecast(json!({"plan": "starter", "cycleStart": "2026-11-01", "asOf": "2026-11-11",
        "usedByFeature": {"voice": 100}, "featureLimits": {"voice": {"credits": 250}}, "alertThresholds": [50]}))
    .unwrap();
    assert_eq!(exact["alerts"][0], json!({"threshold": 50, "credits": 250, "reached": false, "date": "2026-11-26"}));
    // A limit below what the feature already charged stops it where it is (R17): the credits
    // it charged still count toward the run-out and the alerts.
    let below = forecast(json!({"plan": "starter", "cycleStart": "2026-11-01", "asOf": "2026-11-11",
        "usedByFeature": {"voice": 300, "conversation": 100}, "featureLimits": {"voice": {"credits": 100}}, "alertThresholds": [90, 100]}))
    .unwrap();
    // 300 + 10 a day: 450 on day 15 (Nov 16), 500 on day 20 (Nov 21), 600 by the end.
    assert_eq!(below["projectedByFeature"], json!({"conversation": 300, "voice": 300, "content": 0, "reviews": 0, "workflow": 0}));
    assert_eq!((below["projectedCredits"].as_u64(), below["runOutDate"].as_str()), (Some(600), Some("2026-11-21")));
    let days: Vec<&str> = below["alerts"].as_array().unwrap().iter().map(|a| a["date"].as_str().unwrap()).collect();
    assert_eq!(days, ["2026-11-16", "2026-11-21"]);
    // The stop and the target in the same millisecond: compared exactly, the target is never
    // reached (9,999 credits at most against 10,000), not reached "at" the rounded stop.
    let same_ms = forecast(json!({"plan": "premium", "cycleStart": "2026-11-01", "asOf": "2026-11-01T00:00:01Z",
        "usedByFeature": {"voice": 5000}, "featureLimits": {"voice": {"credits": 9999}}, "alertThresholds": [100]}))
    .unwrap();
    assert_eq!((same_ms["projectedCredits"].as_u64(), same_ms["runOutDate"].clone()), (Some(9999), Value::Null));
    assert_eq!(same_ms["alerts"][0]["date"], Value::Null);
    // A run rate past 2^53 − 1 that the limit holds below it is no error.
    let held = forecast(json!({"plan": "starter", "cycleStart": "2026-11-01", "asOf": "2026-11-16",
        "usedByFeature": {"voice": 5_000_000_000_000_000u64}, "featureLimits": {"voice": {"credits": 6_000_000_000_000_000u64}}}))
    .unwrap();
    assert_eq!(held["projectedByFeature"]["voice"], 6_000_000_000_000_000u64);
    // Errors name the forecast's own field.
    let err = forecast(input(json!({"voice": {"percent": 101}}))).unwrap_err();
    assert!(err.starts_with("input.featureLimits.voice.percent: must be at most 100"), "{err}");
}

#[test]
fn r15_the_projection_passes_the_credits_available_exactly_when_the_run_rate_does() {
    // 111 credits in each of three features in 20 of 30 days: 166.5 each, 499.5 in all. The
    // total rounds up to 500: no overage, and the credits last (the run rate never reaches
    // 500 in the cycle); the features share it as 167, 167, 166.
    let f = forecast(json!({"plan": "starter", "cycleStart": "2026-11-01", "asOf": "2026-11-21",
        "usedByFeature": {"conversation": 111, "voice": 111, "content": 111}}))
    .unwrap();
    assert_eq!((f["projectedCredits"].as_u64(), f["runOutDate"].clone()), (Some(500), Value::Null));
    assert_eq!(f["projectedByFeature"], json!({"conversation": 167, "voice": 167, "content": 166, "reviews": 0, "workflow": 0}));
    assert_eq!(f["bill"]["overageCredits"], 0);
    // 112 each: 504 in all, past 500 before the end: overage and a run-out day agree.
    let over = forecast(json!({"plan": "starter", "cycleStart": "2026-11-01", "asOf": "2026-11-21",
        "usedByFeature": {"conversation": 112, "voice": 112, "content": 112}}))
    .unwrap();
    assert_eq!((over["projectedCredits"].as_u64(), over["runOutDate"].as_str()), (Some(504), Some("2026-11-30")));
    assert_eq!(over["bill"]["overageCredits"], 4);
    // A threshold's credits past 2^53 − 1 are an error naming the thresholds (R23).
    let mut book = support::published_json();
    book["plans"] = json!([{"id": "big", "name": "Big", "credits": 4_000_000_000_000_000u64, "overageRate": "0.01"}]);
    let input = json!({"plan": "big", "cycleStart": "2026-11-01", "asOf": "2026-11-02", "usedByFeature": {}, "alertThresholds": [300]});
    let err = Calculator::new(&support::book(&book.to_string()))
        .unwrap()
        .forecast(&schema::from_json(&input.to_string(), "input").unwrap())
        .unwrap_err();
    assert!(err.to_string().starts_with("input.alertThresholds: 300% of the plan's 4000000000000000 credits is past"), "{err}");
}

#[test]
fn r16_a_forecast_under_a_hard_cap_counts_from_what_the_cap_let_through() {
    // Starter with the cap: the usage ran at 60 a day for 10 days (600), the cap let 500
    // through, then a 300-credit top-up: 800 available, 500 charged. AI is not paused: at 60
    // a day the 300 left last 5 days (Nov 16), and the 150 % alert (750 credits) comes on
    // Nov 15 (250 more: 4.17 days), though the usage passed 750 credits nowhere near then.
    let f = forecast(json!({"plan": "starter", "cycleStart": "2026-11-01", "asOf": "2026-11-11",
        "usedByFeature": {"conversation": 600}, "consumedCredits": 500, "topUpCredits": 300, "alertThresholds": [90, 150, 170]}))
    .unwrap();
    assert_eq!((f["exhausted"].as_bool(), f["runOutDate"].as_str()), (Some(false), Some("2026-11-16")));
    let alerts: Vec<(bool, Value)> =
        f["alerts"].as_array().unwrap().iter().map(|a| (a["reached"].as_bool().unwrap(), a["date"].clone())).collect();
    // 90 % (450) already; 150 % (750) on Nov 15; 170 % (850) is past the 800 available: the
    // line reaches it (Nov 16), and a page with the cap rules it out by its credits.
    assert_eq!(alerts, [(true, Value::Null), (false, json!("2026-11-15")), (false, json!("2026-11-16"))]);
    assert_eq!(f["alerts"][2]["credits"], 850);
    // Without the top-up the cap has it paused: the credits ran out.
    let paused = forecast(json!({"plan": "starter", "cycleStart": "2026-11-01", "asOf": "2026-11-11",
        "usedByFeature": {"conversation": 600}, "consumedCredits": 500}))
    .unwrap();
    assert_eq!((paused["exhausted"].as_bool(), paused["runOutDate"].clone()), (Some(true), Value::Null));
}

#[test]
fn r18_overage_already_charged_stays_on_the_projected_bill_after_a_top_up() {
    // Starter: 524 credits in 20 of 30 days, 24 of them overage before a 500-credit top-up.
    // At the run rate the cycle ends at 786, under the 1,000 available, but the 24 stay
    // overage (R18: the top-up never covers overage already incurred): $0.72, plus the
    // top-up's $15.00.
    let input = |overage: Value| {
        json!({"plan": "starter", "cycleStart": "2026-11-01", "asOf": "2026-11-21",
            "usedByFeature": {"conversation": 524}, "topUpCredits": 500, "overageCredits": overage})
    };
    let f = forecast(input(json!(24))).unwrap();
    assert_eq!(f["projectedCredits"], 786);
    assert_eq!(
        f["bill"],
        json!({"overageCredits": 24, "overageCost": "0.72", "topUpCost": "15.00", "usageCharges": "15.72", "totalCost": null})
    );
    // Usage still to come past the pool left is overage on top: 1,200 at the end is 200 past
    // the 1,000, of which 24 came before the top-up.
    let more = forecast(json!({"plan": "starter", "cycleStart": "2026-11-01", "asOf": "2026-11-16",
        "usedByFeature": {"conversation": 600}, "topUpCredits": 500, "overageCredits": 100}))
    .unwrap();
    assert_eq!(more["bill"]["overageCredits"], 200);
    // The credits run out when the pool is used up, not when the charged credits (overage
    // included) pass it: 900 charged by Nov 21, 400 of them overage, then a 300-credit
    // top-up: 300 left at 45 a day last 6.67 days, to Nov 27.
    let after = forecast(json!({"plan": "starter", "cycleStart": "2026-11-01", "asOf": "2026-11-21",
        "usedByFeature": {"conversation": 900}, "topUpCredits": 300, "overageCredits": 400}))
    .unwrap();
    assert_eq!((after["exhausted"].as_bool(), after["runOutDate"].as_str()), (Some(false), Some("2026-11-27")));
    let err = forecast(input(json!(525))).unwrap_err();
    assert_eq!(err, "input.overageCredits: must be at most the credits charged so far (524), got 525");
}

#[test]
fn r23_forecast_bad_input() {
    let base = || json!({"plan": "pro", "cycleStart": "2026-11-01", "asOf": "2026-11-11", "usedByFeature": {}});
    let error = |edit: &dyn Fn(&mut Value)| {
        let mut input = base();
        edit(&mut input);
        forecast(input).unwrap_err()
    };
    assert!(error(&|i| i["asOf"] = json!("2026-11-01"))
        .starts_with("input.asOf: must be after the cycle's start and at most its end (2026-11-01 to 2026-12-01), got 2026-11-01"));
    assert!(error(&|i| i["asOf"] = json!("2026-12-02")).starts_with("input.asOf: must be after"));
    assert!(error(&|i| i["usedByFeature"] = json!({"chat": 1})).starts_with("input.usedByFeature.chat: unknown field `chat`"));
    assert!(
        error(&|i| i["usedByFeature"] = json!({"voice": -1})).starts_with("input.usedByFeature.voice: must be a whole number >= 0, got -1")
    );
    assert!(error(&|i| i["plan"] = json!("gold")).starts_with("input.plan: unknown plan \"gold\""));
    assert!(error(&|i| {
        i.as_object_mut().unwrap().remove("usedByFeature");
    })
    .starts_with("input: missing field `usedByFeature`"));
}

#[test]
fn r24_project_growth_compounds_per_month_with_the_recommended_plan() {
    let p = project(json!({"mix": {"conversation": {"aiMessages": 2000}}, "months": 3, "growth": {"overall": 10}})).unwrap();
    let credits: Vec<u64> = p["months"].as_array().unwrap().iter().map(|m| m["credits"].as_u64().unwrap()).collect();
    assert_eq!(credits, [2000, 2200, 2420]);
    // Starter: 1,500, 1,700 and 1,920 overage credits at $0.03.
    let starter: Vec<&str> = p["months"].as_array().unwrap().iter().map(|m| m["costs"][0]["overageCost"].as_str().unwrap()).collect();
    assert_eq!(starter, ["45.00", "51.00", "57.60"]);
    // R1: prices unknown, so totals are null; R24: Pro covers the largest month (2,420).
    // Every rate known (messages): each range is the figure itself.
    let zero = json!({"low": "0.00", "high": "0.00"});
    assert_eq!(
        p["totals"],
        json!([{"plan": "starter", "name": "Starter", "overageCost": "153.60", "totalCost": null,
            "overageCostRange": {"low": "153.60", "high": "153.60"}, "totalCostRange": null},
        {"plan": "pro", "name": "Pro", "overageCost": "0.00", "totalCost": null, "overageCostRange": zero, "totalCostRange": null},
        {"plan": "premium", "name": "Premium", "overageCost": "0.00", "totalCost": null, "overageCostRange": zero, "totalCostRange": null}])
    );
    assert_eq!((p["months"][0]["recommended"].as_str(), p["months"][0]["basis"].as_str()), (Some("pro"), Some("allocation")));
    assert_eq!((p["recommended"].as_str(), p["basis"].as_str()), (Some("pro"), Some("allocation")));
    // Growing past Pro's 2,500 in month 4 (2,662): the period needs Premium.
    let p = project(json!({"mix": {"conversation": {"aiMessages": 2000}}, "months": 4, "growth": {"overall": 10}})).unwrap();
    assert_eq!((p["months"][3]["recommended"].as_str(), p["recommended"].as_str()), (Some("premium"), Some("premium")));

    let p = project(json!({"mix": {"conversation": {"aiMessages": 1000}, "voice": [{"calls": 100, "averageSeconds": 60}]},
        "months": 2, "growth": {"overall": -50, "byFeature": {"voice": 50}}, "plans": ["premium", "starter"]}))
    .unwrap();
    assert_eq!(p["months"][1]["byFeature"]["conversation"], 500);
    assert_eq!(p["months"][1]["byFeature"]["voice"], 600, "150 calls x 1 minute x 4");
    assert_eq!(p["months"][1]["mix"]["voice"][0]["calls"], 150);
    assert_eq!(p["months"][0]["costs"].as_array().unwrap().len(), 2);
    assert_eq!(p["months"][0]["costs"][0]["plan"], "starter", "book order");
}

#[test]
fn r11_project_totals_carry_the_range_of_an_open_rate() {
    // 200 one-minute calls a month at the default 4 credits: 800 expected, 600 at 3 and
    // 1,000 at 5. On Starter (500 credits, $0.03) that is 300, 100 or 500 over a month:
    // $9.00, $3.00 or $15.00, two months $18.00, $6.00 and $30.00. With a price of $97 the
    // totals are $212.00, $200.00 and $224.00.
    let mut book = support::published_json();
    book["plans"][0]["monthlyPrice"] = json!("97");
    let calc = Calculator::new(&schema::from_json(&book.to_string(), "book").unwrap()).unwrap();
    let input: ProjectionInput = schema::from_json(
        &json!({"mix": {"voice": [{"calls": 200, "averageSeconds": 60}]}, "months": 2, "plans": ["starter"]}).to_string(),
        "input",
    )
    .unwrap();
    let p = serde_json::to_value(calc.project(&input).unwrap()).unwrap();
    assert_eq!([&p["months"][0]["credits"], &p["months"][0]["low"], &p["months"][0]["high"]], [&json!(800), &json!(600), &json!(1000)]);
    assert_eq!(p["totals"][0]["overageCost"], "18.00");
    assert_eq!(p["totals"][0]["overageCostRange"], json!({"low": "6.00", "high": "30.00"}));
    assert_eq!(p["totals"][0]["totalCost"], "212.00");
    assert_eq!(p["totals"][0]["totalCostRange"], json!({"low": "200.00", "high": "224.00"}));
}

#[test]
fn r23_project_bad_input() {
    let error = |input: Value| project(input).unwrap_err();
    let mix = json!({"conversation": {"aiMessages": 10}});
    assert!(error(json!({"mix": mix, "months": 0})).starts_with("input.months: must be 1 to 120, got 0"));
    assert!(error(json!({"mix": mix, "months": 2, "growth": {"overall": -100}}))
        .starts_with("input.growth.overall: must be over -100 and at most 1000"));
    assert!(error(json!({"mix": mix, "months": 2, "growth": {"byFeature": {"voice": 2000}}}))
        .starts_with("input.growth.byFeature.voice: must be over -100"));
    assert!(
        error(json!({"mix": mix, "months": 2, "growth": {"overall": "5"}})).starts_with("input.growth.overall: invalid type: string \"5\"")
    );
    assert!(error(json!({"mix": mix, "months": 2, "plans": ["gold"]})).starts_with("input.plans[0]: unknown plan \"gold\""));
    assert!(error(json!({"mix": {"voice": [{"calls": 1, "averageSeconds": -1}]}, "months": 1}))
        .starts_with("input.mix.voice[0].averageSeconds: must be a finite number >= 0"));
    assert!(error(json!({"mix": {"conversation": {"aiMessages": 9007199254740991u64}}, "months": 3, "growth": {"overall": 50}}))
        .starts_with("input.growth.overall: by month 2 this growth makes the usage too large (the grown usage exceeds"));
}

const EXPORT: &str = "\u{feff}Timestamp,Type,Duration (seconds),Agent Name,MODE,top_up_credits,Kind,Quantity,GPT-Steps,Tokens\r\n\
2026-10-02 09:00:00Z,voice,135,Ava,,,,,,\r\n\
2026-10-03T10:00:00Z,content,,,test,,image,2,,\r\n\
2026-10-04,,,,,250,,,,\r\n\
\"2026-10-05T11:00:00+00:00\",workflow,,,preview,,,,3,1500\r\n\
\r\n\
2026-10-06T12:00:00Z,reviews,,,,,,4,,\r\n";

#[test]
fn csv_export_reads_into_events_with_header_variants() {
    // R4: timestamps come out in the API's UTC form, whatever zone the export wrote.
    let events = serde_json::to_value(parse_usage_csv(EXPORT).unwrap()).unwrap();
    assert_eq!(
        events,
        json!([
            {"at": "2026-10-02T09:00:00Z", "feature": "voice", "seconds": 135.0, "agent": "Ava"},
            {"at": "2026-10-03T10:00:00Z", "feature": "content", "mode": "test", "kind": "image", "count": 2},
            {"at": "2026-10-04", "topUp": 250},
            {"at": "2026-10-05T11:00:00Z", "feature": "workflow", "mode": "preview", "gptSteps": 3, "tokens": 1500.0},
            {"at": "2026-10-06T12:00:00Z", "feature": "reviews", "count": 4}
        ])
    );
}

#[test]
fn r23_csv_errors_name_the_line_and_column() {
    let error = |text: &str| parse_usage_csv(text).unwrap_err().to_string();
    assert_eq!(
        error("at,feature,seconds\n2026-10-02T09:00:00Z,voice,-3\n"),
        "csv line 2, column 3 (\"seconds\"): must be a finite number >= 0, got -3"
    );
    assert_eq!(
        error("at,feature,seconds\n2026-10-02T09:00:00Z,voice,abc\n"),
        "csv line 2, column 3 (\"seconds\"): invalid type: string \"abc\", expected a finite number >= 0"
    );
    assert_eq!(error("at,feature\n2026-10-02T09:00:00Z,chat\n"), "csv line 2, column 2 (\"feature\"): unknown variant \"chat\", expected one of `conversation`, `voice`, `content`, `reviews`, `workflow`");
    assert_eq!(error("at,feature,Cost\n"), "csv line 1, column 3 (\"Cost\"): unknown column; the columns are at, feature, mode, agent, channel, messages, seconds, provider, language, creditsPerMinute, direction, kind, count, gptSteps, tokens, creditsPerStep, topUp");
    assert_eq!(
        error("at,feature\n2026-10-02,voice,1\n"),
        "csv line 2, column 3: has a value past the header's 2 columns; name its column in the header or delete it"
    );
    assert_eq!(error("at,feature\n2026-10-02,voice\n"), "csv line 2: needs a `seconds` column: a voice row needs a value here");
    // No feature and no top-up; no time; both a feature and a top-up: each said at its cell.
    assert_eq!(
        error("at,feature,messages\n2026-10-02,,5\n"),
        "csv line 2, column 2 (\"feature\"): is empty; name the feature (conversation, voice, content, reviews or workflow), or fill topUp for a top-up"
    );
    assert_eq!(error("Timestamp,feature\n,reviews\n"), "csv line 2, column 1 (\"Timestamp\"): is empty; every row needs its time");
    assert_eq!(
        error("at,feature,topUp\n2026-10-02,voice,500\n"),
        "csv line 2, column 3 (\"topUp\"): fills both feature and topUp: a top-up row leaves feature empty, a usage row leaves topUp empty"
    );
    // A cell in a column this row's kind does not take is named at its cell, in words.
    assert_eq!(
        error("at,feature,topUp,mode\n2026-10-02,,500,live\n"),
        "csv line 2, column 4 (\"mode\"): a top-up row takes no mode; leave this cell empty"
    );
    assert_eq!(
        error("at,feature,agent\n2026-10-02,reviews,Ava\n"),
        "csv line 2, column 3 (\"agent\"): a reviews row takes no agent; leave this cell empty"
    );
    // A blank cell the row's kind needs is named at its cell.
    assert_eq!(
        error("at,feature,seconds\n2026-10-02,voice,\n"),
        "csv line 2, column 3 (\"seconds\"): is empty; a voice row needs a value here"
    );
    assert_eq!(
        error("at,feature,Steps\n2026-10-02,workflow,\n"),
        "csv line 2, column 3 (\"Steps\"): is empty; a workflow row needs a value here"
    );
    assert_eq!(error("at,Time\n"), "csv line 1, column 2 (\"Time\"): a second `at` column (also column 1)");
    assert_eq!(error("feature\nvoice\n"), "csv line 1: needs an `at` column (the event's timestamp)");
    assert_eq!(error(""), "csv: is empty: expected a header row and one row per event");
    // Timestamps are checked as rows are read, so the error names the row and the column
    // (R4: a zone is required; impossible dates and words are refused).
    let at = |cell: &str| error(&format!("at,feature\n2026-10-01T00:00:00Z,reviews\n{cell},reviews\n"));
    assert!(
        at("2026-10-02 09:00:00").starts_with("csv line 3, column 1 (\"at\"): a date-time needs a zone"),
        "{}",
        at("2026-10-02 09:00:00")
    );
    assert!(at("2026-02-30").starts_with("csv line 3, column 1 (\"at\"): "), "{}", at("2026-02-30"));
    assert!(at("garbage").starts_with("csv line 3, column 1 (\"at\"): "), "{}", at("garbage"));
    // Text after a closing quote is refused, never glued on ("Ava"x is not Avax).
    assert_eq!(
        error("at,feature,agent\n2026-10-02T09:00:00Z,conversation,\"Ava\"x\n"),
        "csv line 2, column 3 (\"agent\"): text after a closing quote: a quoted cell must end at its separator or the end of the row"
    );
}

#[test]
fn backtest_prices_last_months_usage_on_every_plan_with_and_without_a_hard_cap() {
    let mut rows = String::from("at,feature,messages\n");
    for day in 1..=30 {
        rows.push_str(&format!("2026-09-{day:02}T12:00:00Z,conversation,100\n"));
    }
    let events = parse_usage_csv(&rows).unwrap();
    let scenario = Scenario { plan: "starter".into(), start: "2026-09-01".into(), events: Some(events), ..Scenario::default() };
    let b = serde_json::to_value(Calculator::default().backtest(&scenario, None).unwrap()).unwrap();
    assert_eq!(b["current"], "starter");
    // 3,000 credits: Starter 2,500 over at $0.03; Pro 500 over at $0.025; Premium none.
    // No monthly prices (R1): costs are unknown, overage costs known.
    assert_eq!((b["plans"][0]["cost"].clone(), b["plans"][0]["overageCost"].as_str()), (Value::Null, Some("75.00")));
    assert_eq!(b["plans"][0]["capped"], json!({"cost": null, "consumedCredits": 500, "blockedCredits": 2500, "blockedEvents": 25}));
    assert_eq!(b["plans"][1]["overageCost"], "12.50");
    assert_eq!(b["plans"][1]["capped"]["blockedEvents"], 5);
    assert_eq!(b["plans"][2]["overageCost"], "0.00");
    // R24: the smallest allocation that covers the cycle's 3,000 credits.
    assert_eq!((b["recommended"].as_str(), b["basis"].as_str()), (Some("premium"), Some("allocation")));

    // With prices, the lowest total: Starter 29 + 75 = 104; Pro 99 + 12.50 = 111.50; Premium 299.
    let mut book = support::published_json();
    for (plan, price) in book["plans"].as_array_mut().unwrap().iter_mut().zip(["29", "99", "299"]) {
        plan["monthlyPrice"] = json!(price);
    }
    let calc = Calculator::new(&schema::from_json(&book.to_string(), "book").unwrap()).unwrap();
    let b = serde_json::to_value(calc.backtest(&scenario, None).unwrap()).unwrap();
    let costs: Vec<&str> = b["plans"].as_array().unwrap().iter().map(|p| p["cost"].as_str().unwrap()).collect();
    assert_eq!(costs, ["104.00", "111.50", "299.00"]);
    assert_eq!(b["plans"][0]["capped"]["cost"], "29.00");
    assert_eq!((b["recommended"].as_str(), b["basis"].as_str()), (Some("starter"), Some("totalCost")));
}

#[test]
fn r23_project_growth_checks_say_true_things() {
    // Voice grows 1,000 % a month for 120 months, but there is no voice usage: nothing to overflow.
    let p = project(json!({"mix": {"conversation": {"aiMessages": 1}}, "months": 120, "growth": {"byFeature": {"voice": 1000}}})).unwrap();
    assert_eq!(p["months"][119]["credits"], 1);
    // With one call it does overflow, and says so for the month it happens: 11^15 calls of
    // 4 credits in month 16 pass 2^53 - 1 credits; one message at 11^16 in month 17 passes
    // 2^53 - 1 units.
    let e =
        project(json!({"mix": {"voice": [{"calls": 1, "averageSeconds": 60}]}, "months": 120, "growth": {"overall": 1000}})).unwrap_err();
    // Growth alone makes these months too large: the error is the growth field's, with its month.
    assert!(
        e.starts_with("input.growth.overall: by month 16 this growth makes the usage too large (the credits exceed 9007199254740991"),
        "{e}"
    );
    let e = project(json!({"mix": {"conversation": {"aiMessages": 1}}, "months": 120, "growth": {"overall": 1000}})).unwrap_err();
    assert!(
        e.starts_with("input.growth.overall: by month 17 this growth makes the usage too large (the grown usage exceeds 2^53 - 1 units)"),
        "{e}"
    );
    // A feature's own rate is named when it is that feature's growth.
    let e = project(json!({"mix": {"conversation": {"aiMessages": 1}, "voice": [{"calls": 1, "averageSeconds": 60}]}, "months": 120,
        "growth": {"overall": 1, "byFeature": {"voice": 1000}}}))
    .unwrap_err();
    assert!(e.starts_with("input.growth.byFeature.voice: by month 16 this growth makes the usage too large"), "{e}");
    // A month whose total, not one line, grows too large: the fastest-growing feature in use
    // is named, not the overall rate of 0 %. 8e15 messages stay; 4 x 11^14 voice credits in
    // month 15 take the total past 2^53 - 1.
    let e =
        project(json!({"mix": {"conversation": {"aiMessages": 8_000_000_000_000_000u64}, "voice": [{"calls": 1, "averageSeconds": 60}]},
        "months": 20, "growth": {"overall": 0, "byFeature": {"voice": 1000}}}))
        .unwrap_err();
    assert!(e.starts_with("input.growth.byFeature.voice: by month 15 this growth makes the usage too large"), "{e}");
    // A growth too small for Decimal's 28 digits moves no count: read as 0.
    let p = project(json!({"mix": {"conversation": {"aiMessages": 1000}}, "months": 3, "growth": {"overall": 1e-30}})).unwrap();
    assert_eq!(p["months"][2]["credits"], 1000);
    let e = project(json!({"mix": {"conversation": {"aiMessages": 1000}}, "months": 3, "growth": {"overall": 1e40}})).unwrap_err();
    assert!(e.starts_with("input.growth.overall: must be over -100 and at most 1000"), "{e}");
}

#[test]
fn r23_csv_rows_are_bounded_before_they_are_read() {
    let rows = |n: usize| format!("at,feature\n{}", "2026-10-02T09:00:00Z,reviews\n".repeat(n));
    assert_eq!(parse_usage_csv(&rows(300_000)).unwrap().len(), 300_000);
    let e = parse_usage_csv(&rows(300_001)).unwrap_err();
    assert_eq!(e.code().as_str(), "LIMIT");
    assert_eq!(e.to_string(), "csv: has about 300001 rows; at most 300000 events can be returned at once (read a bigger export into a UsageLog, or split it by month)");
    // Line breaks far past any quoted cells are refused before any row is read.
    assert_eq!(parse_usage_csv(&"\n".repeat(1_200_001)).unwrap_err().code().as_str(), "LIMIT");
}

#[test]
fn r4_forecast_and_backtest_of_a_cycle_that_starts_on_a_short_months_last_day() {
    // Billing day 31: the February cycle starts on Feb 28 and runs to Mar 31 (31 days).
    let input = |as_of: &str, billing_day: Option<u64>| {
        let mut input = json!({"plan": "starter", "cycleStart": "2026-02-28", "asOf": as_of, "usedByFeature": {"conversation": 100}});
        if let Some(day) = billing_day {
            input["billingDay"] = json!(day);
        }
        forecast(input)
    };
    let f = input("2026-03-14", Some(31)).unwrap();
    assert_eq!(f["cycleEnd"], "2026-03-31");
    // 100 credits in 14 of 31 days: 221.4, rounded up (the run rate's whole credits).
    assert_eq!(f["projectedCredits"], 222);
    assert_eq!(input("2026-03-30", Some(31)).unwrap()["cycleEnd"], "2026-03-31");
    // Without the billing day, Feb 28 anchors the 28th: the cycle ends on Mar 28.
    assert_eq!(input("2026-03-14", None).unwrap()["cycleEnd"], "2026-03-28");
    assert!(input("2026-03-30", None).unwrap_err().starts_with("input.asOf: must be after the cycle's start and at most its end"));
    // Feb 28 is the cycle start of every billing day from 28 to 31; not of the 27th.
    assert_eq!(input("2026-03-14", Some(29)).unwrap()["cycleEnd"], "2026-03-29");
    assert_eq!(
        input("2026-03-14", Some(27)).unwrap_err(),
        "input.cycleStart: must fall on the billing day (27, UTC); in that month the cycle starts on 2026-02-27, got 2026-02-28"
    );

    // A backtest of that cycle counts a row of Mar 30 inside it.
    let events = parse_usage_csv("at,feature,messages\n2026-03-30T00:00:00Z,conversation,600\n").unwrap();
    let scenario =
        Scenario { plan: "starter".into(), start: "2026-02-28".into(), billing_day: Some(31), events: Some(events), ..Scenario::default() };
    let b = serde_json::to_value(Calculator::default().backtest(&scenario, None).unwrap()).unwrap();
    assert_eq!(b["plans"][0]["consumedCredits"], 600);
}

#[test]
fn r17_r24_a_backtest_does_not_count_a_limit_blocking_more_on_a_smaller_plan_as_covering() {
    // The usage asks for 800 credits: 400 messages and a 100-minute call at 4 a minute.
    let backtest = |limit: Value| {
        let scenario: Scenario = schema::from_json(
            &json!({"plan": "starter", "start": "2026-11-01", "featureLimits": {"voice": limit},
                "events": [{"at": "2026-11-02", "feature": "conversation", "messages": 400},
                           {"at": "2026-11-03", "feature": "voice", "seconds": 6000}]})
            .to_string(),
            "scenario",
        )
        .unwrap();
        serde_json::to_value(Calculator::default().backtest(&scenario, None).unwrap()).unwrap()
    };
    let rows = |b: &Value| -> Vec<(u64, u64, u64)> {
        let p = b["plans"].as_array().unwrap();
        p.iter()
            .map(|p| (p["consumedCredits"].as_u64().unwrap(), p["blockedCredits"].as_u64().unwrap(), p["blockedEvents"].as_u64().unwrap()))
            .collect()
    };
    // Voice at most 60 % of the allocation: 300 credits on Starter blocks the call, 1,500 on
    // Pro does not. Starter holds 400 only by blocking: Pro covers the 800 (R24).
    let b = backtest(json!({"percent": 60}));
    assert_eq!(rows(&b), [(400, 400, 1), (800, 0, 0), (800, 0, 0)]);
    assert_eq!((b["usageCredits"].as_u64(), b["recommended"].as_str(), b["basis"].as_str()), (Some(800), Some("pro"), Some("allocation")));
    // Voice at most 100 credits: the call is blocked on every plan alike; Starter covers
    // the 400 the customer lets through.
    let b = backtest(json!({"credits": 100}));
    assert_eq!(rows(&b), [(400, 400, 1), (400, 400, 1), (400, 400, 1)]);
    assert_eq!((b["usageCredits"].as_u64(), b["recommended"].as_str()), (Some(400), Some("starter")));
}

#[test]
fn r18_r19_a_planned_top_up_refills_the_pool_from_its_purchase() {
    // Starter (500): 300 credits in 10 of 30 days, 30 a day. Without a top-up the pool runs
    // out on Nov 17 (200 more: 6.67 days) and the cycle ends at 900: 400 overage.
    let input = |planned: Value| {
        json!({"plan": "starter", "cycleStart": "2026-11-01", "asOf": "2026-11-11",
            "usedByFeature": {"conversation": 300}, "plannedTopUps": planned})
    };
    let none = forecast(input(json!([]))).unwrap();
    assert_eq!((none["runOutDate"].as_str(), none["bill"]["overageCredits"].as_u64()), (Some("2026-11-17"), Some(400)));
    assert_eq!(none["runOuts"], json!([{"date": "2026-11-17", "until": null}]));
    // 500 bought on Nov 15, before the run-out: the pool lasts to 1,000, past the 900 to come.
    let early = forecast(input(json!([{"at": "2026-11-15", "credits": 500}]))).unwrap();
    assert_eq!((early["runOutDate"].clone(), early["runOuts"].clone()), (Value::Null, json!([])));
    assert_eq!((early["availableCredits"].as_u64(), early["bill"]["overageCredits"].as_u64()), (Some(1000), Some(0)));
    assert_eq!(early["bill"]["topUpCost"], "15.00", "R19: 500 at the overage rate $0.03");
    // 500 bought on Nov 21, after the run-out: the 100 credits used from Nov 17 16:00 to
    // Nov 21 (300 to come by then, 200 of them from the pool) stay overage (R18); the top-up
    // serves the last 300 (10 days at 30).
    let late = forecast(input(json!([{"at": "2026-11-21", "credits": 500}]))).unwrap();
    assert_eq!(late["runOuts"], json!([{"date": "2026-11-17", "until": "2026-11-21"}]));
    assert_eq!((late["runOutDate"].as_str(), late["bill"]["overageCredits"].as_u64()), (Some("2026-11-17"), Some(100)));
    assert_eq!(late["bill"]["usageCharges"], "18.00", "$3.00 overage + $15.00 top-up");
    // Too small to last: out again on Nov 27 (200 more: 6.67 days), to the cycle's end.
    let small = forecast(input(json!([{"at": "2026-11-21", "credits": 200}]))).unwrap();
    assert_eq!(small["runOuts"], json!([{"date": "2026-11-17", "until": "2026-11-21"}, {"date": "2026-11-27", "until": null}]));
    assert_eq!(small["bill"]["overageCredits"], 200, "100 before the top-up, 100 after it");
    // Already out with no usage to take a rate from: out from asOf (never before it) to the top-up.
    let idle = forecast(json!({"plan": "starter", "cycleStart": "2026-11-01", "asOf": "2026-11-11", "usedByFeature": {},
        "consumedCredits": 500, "plannedTopUps": [{"at": "2026-11-21", "credits": 500}]}))
    .unwrap();
    assert_eq!(
        (idle["exhausted"].as_bool(), idle["runOuts"].clone()),
        (Some(true), json!([{"date": "2026-11-11", "until": "2026-11-21"}]))
    );
    // A planned top-up by asOf is a bought one: refused with where it goes.
    let err = forecast(input(json!([{"at": "2026-11-11", "credits": 5}]))).unwrap_err();
    assert!(err.starts_with("input.plannedTopUps[0].at: must be after asOf and before the cycle's end"), "{err}");
}

#[test]
fn r16_under_a_hard_cap_an_alert_waits_for_the_refill_and_nothing_is_overage() {
    // Starter, 300 credits by Nov 11 at 30 a day; 500 more planned on Nov 25. Without a cap
    // the 120 % alert (600) comes on Nov 21, in overage from Nov 17. With the cap nothing is
    // charged from Nov 17 16:00 to Nov 25 (420 to come by then): the 300 more come at 520 to
    // come, Nov 28 08:00; nothing is overage, the top-up is still bought (R19).
    let input = |cap: bool| {
        json!({"plan": "starter", "cycleStart": "2026-11-01", "asOf": "2026-11-11", "usedByFeature": {"conversation": 300},
            "alertThresholds": [90, 120, 200], "plannedTopUps": [{"at": "2026-11-25", "credits": 500}], "hardCap": cap})
    };
    let free = forecast(input(false)).unwrap();
    let capped = forecast(input(true)).unwrap();
    let days = |f: &Value| f["alerts"].as_array().unwrap().iter().map(|a| a["date"].clone()).collect::<Vec<_>>();
    // 90 % (450) comes before the run-out alike; 200 % (1,000) never: 900 in all at this rate.
    assert_eq!(days(&free), [json!("2026-11-16"), json!("2026-11-21"), Value::Null]);
    assert_eq!(days(&capped), [json!("2026-11-16"), json!("2026-11-28"), Value::Null]);
    assert_eq!((capped["bill"]["overageCredits"].as_u64(), capped["bill"]["usageCharges"].as_str()), (Some(0), Some("15.00")));
    assert_eq!(capped["runOuts"], free["runOuts"], "the credits run out alike; the cap only refuses what comes then");
}
