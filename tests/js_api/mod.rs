//! The exported JS API exercised from inside the JS engine (node and Chrome): real JS
//! values in, real JS values and `Error`s out. `tests/node.rs` and `tests/web.rs` both
//! include this module, so every test here runs in Node and in the browser.

use hoopai_billing::wasm::{parse_usage_csv, JsCalculator, JsUsageLog};
use js_sys::{Error, Reflect, JSON};
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// A JS value from JSON text.
pub fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON parses")
}

/// A JS value back as JSON, to compare with `json!`.
pub fn value(js: &JsValue) -> Value {
    serde_json::from_str(&String::from(JSON::stringify(js).expect("stringify"))).expect("JSON")
}

/// Asserts `result` threw a JS `Error` (instanceof Error) whose message starts with
/// `message` and whose `code` is `code`, with `field` and `reason` (API v2 item 3) the
/// two parts of the message.
pub fn assert_throws<T>(result: Result<T, JsValue>, message: &str, code: &str) {
    let Err(thrown) = result else { panic!("expected an Error: {message}") };
    let error: &Error = thrown.dyn_ref::<Error>().expect("thrown value is instanceof Error");
    let got = String::from(error.message());
    assert!(got.starts_with(message), "\n   got: {got}\nwanted: {message}");
    let property = |name: &str| Reflect::get(&thrown, &JsValue::from_str(name)).unwrap().as_string();
    assert_eq!(property("code").as_deref(), Some(code), "code of: {got}");
    let (field, reason) = (property("field").expect("field"), property("reason").expect("reason"));
    assert_eq!(format!("{field}: {reason}"), got, "field and reason make the message");
}

pub fn calculator() -> JsCalculator {
    JsCalculator::new(JsValue::UNDEFINED).expect("published book")
}

pub fn calculator_with(book: &Value) -> Result<JsCalculator, JsValue> {
    JsCalculator::new(js(&book.to_string()))
}

pub fn compare(calc: &JsCalculator, mix: &str, options: Option<&str>) -> Result<Value, JsValue> {
    calc.compare(js(mix), options.map_or(JsValue::UNDEFINED, js)).map(|v| value(&v))
}

/// `parseUsageCsv` from JS.
pub fn csv(text: &str) -> Result<JsValue, JsValue> {
    parse_usage_csv(JsValue::from_str(text))
}

/// A usage log from CSV text, as `UsageLog.fromCsv` reads it.
pub fn usage_log(text: &str) -> Result<JsUsageLog, JsValue> {
    JsUsageLog::from_csv(JsValue::from_str(text), JsValue::UNDEFINED)
}

#[wasm_bindgen_test]
fn r1_default_price_book_is_the_published_one() {
    let book = value(&hoopai_billing::wasm::default_price_book().unwrap());
    assert_eq!(book["currency"], "USD");
    let plans: Vec<(&str, u64, &str)> = book["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["credits"].as_u64().unwrap(), p["overageRate"].as_str().unwrap()))
        .collect();
    assert_eq!(plans, [("starter", 500, "0.03"), ("pro", 2500, "0.025"), ("premium", 10000, "0.02")]);
    assert_eq!(book["plans"][0]["monthlyPrice"], json!(null), "R1: unknown price is null");
    assert_eq!(book["alertThresholds"], json!([75, 90]));
    assert_eq!(value(&calculator().price_book().unwrap()), book);
}

#[wasm_bindgen_test]
fn r15_compare_overage_as_exact_strings() {
    let c = compare(&calculator(), r#"{"conversation":{"aiMessages":600}}"#, None).unwrap();
    assert_eq!(c["plans"][0]["overageCredits"], 100);
    assert_eq!(c["plans"][0]["overageCost"], "3.00");
    assert_eq!(c["plans"][0]["totalCost"], json!(null), "R1: an unknown price makes the total unknown");
    assert_eq!(c["plans"][0]["totalCostRange"], json!(null));
    assert_eq!(c["plans"][0]["monthlyPrice"], json!(null));
    assert_eq!(c["plans"][0]["alerts"], json!([75, 90]));
    assert_eq!(c["plans"][0]["hardCap"], json!({"servedCredits": 500, "blockedCredits": 100}));
    assert_eq!(c["plans"][0]["utilization"], 1.2);
    assert_eq!(c["plans"][1]["overageCost"], "0.00");
    assert_eq!((c["recommended"].as_str(), c["basis"].as_str()), (Some("pro"), Some("allocation")), "R24");
}

#[wasm_bindgen_test]
fn an_agent_named_proto_keeps_its_credits() {
    let calc = calculator();
    let sim = calc
        .simulate(
            js(r#"{"plan": "pro", "start": "2026-11-01", "events": [
        {"at": "2026-11-02", "feature": "conversation", "messages": 7, "agent": "__proto__"},
        {"at": "2026-11-03", "feature": "conversation", "messages": 2, "agent": "Ava"}]}"#),
            None,
        )
        .unwrap();
    let cycle = js_sys::Reflect::get(&js_sys::Reflect::get(&sim, &JsValue::from_str("cycles")).unwrap(), &JsValue::from(0)).unwrap();
    let by_agent: js_sys::Object = js_sys::Reflect::get(&cycle, &JsValue::from_str("byAgent")).unwrap().into();
    assert!(js_sys::Object::has_own(&by_agent, &JsValue::from_str("__proto__")));
    assert_eq!(js_sys::Reflect::get(&by_agent, &JsValue::from_str("__proto__")).unwrap().as_f64(), Some(7.0));
    assert_eq!(js_sys::Object::keys(&by_agent).length(), 2);
}

#[wasm_bindgen_test]
fn r24_recommendation_basis_and_break_evens_from_js() {
    let calc = calculator();
    let points = value(&calc.break_evens(JsValue::UNDEFINED).unwrap());
    assert_eq!(points, json!([{"credits": 501, "from": "starter", "to": "pro"}, {"credits": 2501, "from": "pro", "to": "premium"}]));
    let mut book = value(&hoopai_billing::wasm::default_price_book().unwrap());
    for (plan, price) in book["plans"].as_array_mut().unwrap().iter_mut().zip(["97", "297", "497"]) {
        plan["monthlyPrice"] = json!(price);
    }
    let priced = calculator_with(&book).unwrap();
    let dental = r#"{"conversation":{"aiMessages":1500},"voice":[{"calls":60,"averageSeconds":210}],
        "content":{"textGenerations":40,"imageGenerations":20},"reviews":{"responses":100},
        "workflow":[{"executions":500,"gptSteps":1,"averageTokens":600}]}"#;
    let c = compare(&priced, dental, None).unwrap();
    assert_eq!(
        (c["recommended"].as_str(), c["basis"].as_str(), c["plans"][0]["totalCost"].as_str()),
        (Some("starter"), Some("totalCost"), Some("176.80"))
    );
    let c = compare(&calc, dental, None).unwrap();
    assert_eq!(
        (c["estimate"]["credits"].as_u64(), c["recommended"].as_str(), c["basis"].as_str()),
        (Some(3160), Some("premium"), Some("allocation"))
    );
    assert_throws(calc.break_evens(js(r#"["pro"]"#)), "plans: must name at least two plans", "INVALID_INPUT");
    assert_throws(calc.break_evens(JsValue::from_str("starter")), "plans: must be an array of plan ids", "INVALID_INPUT");
}

#[wasm_bindgen_test]
fn r7_estimate_2_min_15_s_bills_3_minutes() {
    let e = value(&calculator().estimate(js(r#"{"voice":[{"calls":1,"averageSeconds":135}]}"#)).unwrap());
    assert_eq!(e["byFeature"]["voice"], json!({"credits": 12, "low": 9, "high": 15}));
    assert_eq!(e["credits"], 12);
}

#[wasm_bindgen_test]
fn r21_capacity() {
    let c = value(&calculator().capacity(JsValue::from_str("starter")).unwrap());
    assert_eq!(c["perFeature"]["voice"], json!({"low": 100, "high": 166}));
    assert_eq!(c["perFeature"]["conversation"], json!({"low": 500, "high": 500}));
}

#[wasm_bindgen_test]
fn r20_custom_book_with_tiers_and_options() {
    let mut book = value(&hoopai_billing::wasm::default_price_book().unwrap());
    book["plans"].as_array_mut().unwrap().push(json!({"id": "ent", "name": "Enterprise", "credits": 50000,
        "overageRate": "0.02", "overageTiers": [{"upTo": 10000, "rate": "0.02"}, {"rate": "0.015"}], "monthlyPrice": "899"}));
    let calc = calculator_with(&book).unwrap();
    let c =
        compare(&calc, r#"{"conversation":{"aiMessages":65001}}"#, Some(r#"{"plans":["ent","pro"],"alertThresholds":[120,50]}"#)).unwrap();
    assert_eq!(c["plans"].as_array().unwrap().len(), 2);
    assert_eq!(c["plans"][0]["plan"], "pro", "book order");
    assert_eq!(c["plans"][1]["overageCost"], "275.02");
    assert_eq!(c["plans"][1]["totalCost"], "1174.02");
    assert_eq!(c["plans"][1]["monthlyPrice"], "899.00");
    assert_eq!(c["plans"][1]["alerts"], json!([50, 120]));
    // Pro's price is unknown: R24 recommends by allocation; neither covers 65,001,
    // Enterprise's overage (275.02) is lower than Pro's.
    assert_eq!((c["recommended"].as_str(), c["basis"].as_str()), (Some("ent"), Some("allocation")));
}

#[wasm_bindgen_test]
fn r23_bad_inputs_throw_errors_naming_the_field() {
    let calc = calculator();
    assert_throws(
        calc.estimate(js(r#"{"voice":[{"calls":2,"averageSeconds":-5}]}"#)),
        "mix.voice[0].averageSeconds: must be a finite number >= 0, got -5",
        "INVALID_INPUT",
    );
    assert_throws(
        calc.estimate(js(r#"{"conversation":{"aiMessages":1.5}}"#)),
        "mix.conversation.aiMessages: must be a whole number >= 0, got 1.5",
        "INVALID_INPUT",
    );
    assert_throws(
        calc.estimate(js(r#"{"conversation":{"aiMessages":"5"}}"#)),
        "mix.conversation.aiMessages: invalid type: string \"5\"",
        "INVALID_INPUT",
    );
    assert_throws(calc.estimate(js(r#"{"chat":{}}"#)), "mix.chat: unknown field `chat`", "INVALID_INPUT");
    assert_throws(calc.estimate(JsValue::UNDEFINED), "mix: is required", "INVALID_INPUT");
    assert_throws(calc.estimate(js("[]")), "mix: must be an object", "INVALID_INPUT");
    assert_throws(calc.estimate(JsValue::from_f64(f64::NAN)), "mix: invalid type: NaN, expected an object", "INVALID_INPUT");
    assert_throws(calc.capacity(JsValue::from_str("gold")), "plan: unknown plan \"gold\"", "UNKNOWN_NAME");
    assert_throws(calc.capacity(JsValue::from_f64(1.0)), "plan: must be a string", "INVALID_INPUT");
    assert_throws(compare(&calc, "{}", Some(r#"{"plans":["pro","gold"]}"#)), "options.plans[1]: unknown plan \"gold\"", "UNKNOWN_NAME");
    assert_throws(compare(&calc, "{}", Some(r#"{"alertThresholds":[0]}"#)), "options.alertThresholds[0]: must be over 0", "INVALID_INPUT");
    assert_throws(
        calc.estimate(js(r#"{"content":{"imageGenerations":3002399751580331}}"#)),
        "mix.content.imageGenerations: the credits exceed 9007199254740991",
        "OVERFLOW",
    );
    // A NaN count from JS (JSON cannot carry one).
    let nan_mix = js(r#"{"reviews":{"responses":0}}"#);
    let reviews = js_sys::Reflect::get(&nan_mix, &JsValue::from_str("reviews")).unwrap();
    js_sys::Reflect::set(&reviews, &JsValue::from_str("responses"), &JsValue::from_f64(f64::NAN)).unwrap();
    assert_throws(calc.estimate(nan_mix), "mix.reviews.responses: must be a whole number >= 0, got NaN", "INVALID_INPUT");
    // ... and the calculator still answers correctly.
    let c = compare(&calc, r#"{"conversation":{"aiMessages":600}}"#, None).unwrap();
    assert_eq!(c["plans"][0]["overageCost"], "3.00");
}

#[wasm_bindgen_test]
fn r23_bad_books_throw_errors_naming_the_field() {
    let base = value(&hoopai_billing::wasm::default_price_book().unwrap());
    let cases: Vec<(&str, serde_json::Value, &str)> = vec![
        ("/plans/0/overageRate", json!(0.03), "book.plans[0].overageRate: must be a decimal string such as \"0.03\", not a number"),
        ("/plans/0/overageRate", json!("-1"), "book.plans[0].overageRate: must be >= 0"),
        ("/plans/1/id", json!("starter"), "book.plans[1].id: duplicate plan id \"starter\""),
        ("/plans/2/credits", json!(0), "book.plans[2].credits: must be at least 1 credit, got 0"),
        (
            "/plans/0/overageTiers",
            json!([{"upTo": 9, "rate": "0.03"}, {"upTo": 5, "rate": "0.02"}, {"rate": "0.01"}]),
            "book.plans[0].overageTiers[1].upTo: must be greater than the previous tier's end (9), got 5",
        ),
        ("/rates/voice/min", json!(9), "book.rates.voice.max: must be at least min (9), got 5: bounds inverted"),
        ("/rates/voice/default", json!(2), "book.rates.voice.default: must be within the book's voice rate bounds 3..5"),
        ("/alertThresholds", json!([-1]), "book.alertThresholds[0]: must be a whole number >= 0, got -1"),
        ("/alertThresholds", json!([0]), "book.alertThresholds[0]: must be over 0"),
    ];
    for (pointer, bad, message) in cases {
        let mut book = base.clone();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        book.pointer_mut(parent).expect(parent)[key] = bad;
        assert_throws(calculator_with(&book), message, "INVALID_INPUT");
    }
    assert!(calculator_with(&base).is_ok());
}

#[wasm_bindgen_test]
fn r12_r13_r16_r17_r19_simulate_from_js() {
    let calc = calculator();
    let s = value(
        &calc
            .simulate(
                js(r#"{"plan": "starter", "start": "2026-11-01", "hardCap": true,
        "featureLimits": {"voice": {"credits": 20}},
        "events": [
          {"at": "2026-11-02T09:00:00Z", "feature": "conversation", "messages": 490, "agent": "Ava", "mode": "test"},
          {"at": "2026-11-02T10:00:00Z", "feature": "voice", "seconds": 135},
          {"at": "2026-11-02T11:00:00Z", "feature": "voice", "seconds": 135},
          {"at": "2026-11-03", "topUp": 10},
          {"at": "2026-11-03T10:00:00Z", "feature": "reviews", "count": 10},
          {"at": "2026-11-04T10:00:00Z", "feature": "workflow", "gptSteps": 5, "mode": "preview"}
        ]}"#),
                None,
            )
            .unwrap(),
    );
    let c = &s["cycles"][0];
    // 490 charged leaves 10: both 12-credit calls are blocked by the cap (the voice limit
    // of 20 would allow the first); the top-up of 10 then leaves 20 for the reviews.
    assert_eq!(c["consumedCredits"], 500);
    assert_eq!(c["blocked"]["hardCap"], 2);
    assert_eq!(c["previewCredits"], 5);
    assert_eq!(c["ratedCredits"], 490 + 12 + 12 + 10 + 5);
    assert_eq!(c["expiredCredits"], 500 + 10 - 500);
    assert_eq!(c["byAgent"], json!({"Ava": 490}));
    assert_eq!(c["insights"]["testTraffic"]["credits"], 490);
    assert_eq!(c["invoice"]["usageCharges"], "0.30");
    assert_eq!(c["invoice"]["total"], Value::Null, "R1: no monthly price, no known total");
    assert_eq!(c["alerts"][1], json!({"threshold": 90, "at": "2026-11-02T09:00:00Z", "event": 0}));
}

#[wasm_bindgen_test]
fn r23_simulate_bad_input_from_js() {
    let calc = calculator();
    assert_throws(
        calc.simulate(
            js(r#"{"plan": "starter", "start": "2026-11-01", "events": [{"at": "2026-11-02T10:00:00", "feature": "reviews"}]}"#),
            None,
        ),
        "scenario.events[0].at: a date-time needs a zone",
        "INVALID_INPUT",
    );
    assert_throws(
        calc.simulate(js(r#"{"plan": "starter", "start": "2026-11-01", "events": [{"at": "2026-11-02", "topUp": 0}]}"#), None),
        "scenario.events[0].topUp: must be at least 1 credit, got 0",
        "INVALID_INPUT",
    );
    assert_throws(
        calc.simulate(js(r#"{"plan": "starter", "start": "2026-11-01", "featureLimits": {"voice": {"percent": 101}}}"#), None),
        "scenario.featureLimits.voice.percent: must be at most 100",
        "INVALID_INPUT",
    );
    assert_throws(calc.simulate(js(r#"{"plan": "starter", "start": "2026-11-01", "events": [{"at": "2026-11-03", "feature": "reviews"}, {"at": "2026-11-02", "feature": "reviews"}]}"#), None),
        "scenario.events[1].at: events must be in time order", "INVALID_INPUT");
    let ok = value(&calc.simulate(js(r#"{"plan": "pro", "start": "2026-11-01"}"#), None).unwrap());
    assert_eq!(ok["cycles"][0]["daily"].as_array().unwrap().len(), 30);
}

#[wasm_bindgen_test]
fn forecast_project_generate_csv_and_backtest_from_js() {
    let calc = calculator();
    let f = value(
        &calc
            .forecast(js(r#"{"plan": "pro", "cycleStart": "2026-11-01", "asOf": "2026-11-11", "usedByFeature": {"conversation": 1200}}"#))
            .unwrap(),
    );
    assert_eq!((f["projectedCredits"].as_u64(), f["runOutDate"].as_str()), (Some(3600), Some("2026-11-21")));
    let p = value(&calc.project(js(r#"{"mix": {"conversation": {"aiMessages": 2000}}, "months": 3, "growth": {"overall": 10}}"#)).unwrap());
    assert_eq!(
        p["totals"][0],
        json!({"plan": "starter", "name": "Starter", "overageCost": "153.60", "totalCost": null,
            "overageCostRange": {"low": "153.60", "high": "153.60"}, "totalCostRange": null})
    );
    assert_eq!((p["recommended"].as_str(), p["basis"].as_str()), (Some("pro"), Some("allocation")));
    let events = calc.generate_events(js(r#"{"mix": {"reviews": {"responses": 30}}, "start": "2026-11-01", "seed": 1}"#)).unwrap();
    assert_eq!(value(&events).as_array().unwrap().len(), 30);
    let rows = csv("Timestamp,Type,Messages\n2026-10-02T09:00:00Z,conversation,600\n").unwrap();
    assert_eq!(value(&rows), json!([{"at": "2026-10-02T09:00:00Z", "feature": "conversation", "messages": 600}]));
    let scenario = js(r#"{"plan": "starter", "start": "2026-10-01"}"#);
    js_sys::Reflect::set(&scenario, &JsValue::from_str("events"), &rows).unwrap();
    let b = value(&calc.backtest(scenario, None).unwrap());
    assert_eq!((b["plans"][0]["cost"].clone(), b["plans"][0]["overageCost"].as_str()), (json!(null), Some("3.00")));
    assert_eq!((b["recommended"].as_str(), b["basis"].as_str()), (Some("pro"), Some("allocation")));
    assert_throws(
        csv("at,feature,seconds\n2026-10-02T09:00:00Z,voice,-3\n"),
        "csv line 2, column 3 (\"seconds\"): must be a finite number >= 0, got -3",
        "INVALID_INPUT",
    );
    assert_throws(csv("at,Cost\n"), "csv line 1, column 2 (\"Cost\"): unknown column", "INVALID_INPUT");
    // A lone surrogate is named, never replaced by U+FFFD in silence.
    let lone = js_sys::JSON::parse(r#""at,feature,agent\n2026-10-02T09:00:00Z,conversation,\ud800\n""#).unwrap();
    assert_throws(hoopai_billing::wasm::parse_usage_csv(lone), "csv: has a character that is not valid text", "INVALID_INPUT");
    assert_throws(
        calc.forecast(js(r#"{"plan": "pro", "cycleStart": "2026-11-01", "asOf": "2026-10-11", "usedByFeature": {}}"#)),
        "input.asOf: must be after the cycle's start",
        "INVALID_INPUT",
    );
    assert_throws(calc.project(js(r#"{"mix": {}, "months": 500}"#)), "input.months: must be 1 to 120, got 500", "INVALID_INPUT");
}

#[wasm_bindgen_test]
fn a_usage_log_is_read_once_and_simulated_without_crossing_again() {
    let text = "at,feature,messages,agent\n2026-11-03T10:00:00Z,conversation,200,Zoë 🚀\n2026-11-02T10:00:00Z,conversation,400,Ava\n";
    let log = usage_log(text).unwrap();
    assert_eq!(
        (log.length(), log.first().as_string(), log.last().as_string()),
        (2, Some("2026-11-02T10:00:00Z".into()), Some("2026-11-03T10:00:00Z".into()))
    );
    // Rows are kept in time order (R18); the scenario's top-up at the same moment goes first.
    let calc = calculator();
    let scenario =
        r#"{"plan": "starter", "start": "2026-11-01", "hardCap": true, "events": [{"at": "2026-11-03T10:00:00Z", "topUp": 100}]}"#;
    let sim = value(&calc.simulate(js(scenario), Some(log.share())).unwrap());
    assert_eq!(sim["cycles"][0]["consumedCredits"], 600);
    assert_eq!(sim["cycles"][0]["byAgent"], json!({"Ava": 400, "Zoë 🚀": 200}));
    assert_eq!(sim["log"], json!({"before": 0, "inside": 2, "after": 0}));
    let b = value(&calc.backtest(js(r#"{"plan": "starter", "start": "2026-11-01", "withoutTopUps": true}"#), Some(log.share())).unwrap());
    assert_eq!(b["plans"][0]["overageCost"], "3.00");
    assert_eq!(
        value(&log.events(JsValue::from_f64(1.0), JsValue::UNDEFINED).unwrap()),
        json!([{"at": "2026-11-03T10:00:00Z", "feature": "conversation", "messages": 200, "agent": "Zoë 🚀"}])
    );
    // Chunks split inside a UTF-8 character read the same rows.
    let mut builder = hoopai_billing::wasm::JsUsageLog::builder(JsValue::UNDEFINED).unwrap();
    let bytes = text.as_bytes();
    let split = text.find('ë').unwrap() + 1;
    for part in [&bytes[..split], &bytes[split..]] {
        builder.push(js_sys::Uint8Array::from(part).into()).unwrap();
    }
    assert_eq!(builder.rows(), 2);
    let built = builder.finish().unwrap();
    let all = |log: &JsUsageLog| value(&log.events(JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap());
    assert_eq!(all(&built), all(&log));
    assert_throws(builder.finish(), "builder: has finished", "INVALID_INPUT");
    assert_throws(
        usage_log("at,feature\n2026-11-02T09:00,reviews\n"),
        "csv line 2, column 1 (\"at\"): a date-time needs a zone",
        "INVALID_INPUT",
    );
    assert_throws(
        hoopai_billing::wasm::JsUsageLog::from_csv(JsValue::from_f64(3.0), JsValue::UNDEFINED),
        "csv: must be a string or a Uint8Array",
        "INVALID_INPUT",
    );
    let window = |from: JsValue, to: JsValue| log.events(from, to);
    assert_throws(window(JsValue::from_f64(-1.0), JsValue::UNDEFINED), "from: must be a whole number >= 0, got -1", "INVALID_INPUT");
    // A string is not read as its digits; `to` before `from` is an error, not [].
    assert_throws(window(JsValue::from_str("1"), JsValue::UNDEFINED), "from: must be a whole number >= 0, got a string", "INVALID_INPUT");
    assert_throws(window(JsValue::from_f64(2.0), JsValue::from_f64(1.0)), "to: must be at least `from` (2), got 1", "INVALID_INPUT");
    // Like slice, a window past the end stops at the end: 2^40 is not read as 2^32 - 1.
    assert_eq!(value(&window(JsValue::from_f64(0.0), JsValue::from_f64(2f64.powi(40))).unwrap()), all(&log));
    assert_eq!(value(&window(JsValue::from_f64(5.0), JsValue::UNDEFINED).unwrap()), json!([]), "from past the end: empty");
    assert_throws(window(JsValue::NULL, JsValue::UNDEFINED), "from: must be a whole number >= 0, got null", "INVALID_INPUT");
}
