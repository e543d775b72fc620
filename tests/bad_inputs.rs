//! Bad usage mixes and options: each an error naming the field and the reason (R23),
//! results above 2^53 − 1 refused, and the calculator unchanged after every failure.

mod support;

use hoopai_billing::schema::{self, CompareOptions, UsageMix};
use hoopai_billing::{Calculator, ErrorCode};
use support::mix;

fn mix_error(json: &str) -> String {
    match schema::from_json::<UsageMix>(json, "mix") {
        Err(e) => e.to_string(),
        Ok(m) => Calculator::default().estimate(&m).expect_err(json).to_string(),
    }
}

#[test]
fn r23_bad_mixes_name_the_field() {
    let cases = [
        (r#"{"voice":[{"calls":2,"averageSeconds":-5}]}"#, "mix.voice[0].averageSeconds: must be a finite number >= 0, got -5"),
        (r#"{"conversation":{"aiMessages":-1}}"#, "mix.conversation.aiMessages: must be a whole number >= 0, got -1"),
        (r#"{"conversation":{"aiMessages":1.5}}"#, "mix.conversation.aiMessages: must be a whole number >= 0, got 1.5"),
        (
            r#"{"conversation":{"aiMessages":"12"}}"#,
            "mix.conversation.aiMessages: invalid type: string \"12\", expected a whole number >= 0",
        ),
        (r#"{"conversation":{}}"#, "mix.conversation: missing field `aiMessages`"),
        (r#"{"chat":{"aiMessages":1}}"#, "mix.chat: unknown field `chat`"),
        (
            r#"{"voice":[{"calls":1,"averageSeconds":60,"creditsPerMinute":9}]}"#,
            "mix.voice[0].creditsPerMinute: must be within the book's voice rate bounds 3..5 credits a minute, got 9",
        ),
        (r#"{"voice":[{"calls":1}]}"#, "mix.voice[0]: missing field `averageSeconds`"),
        (
            r#"{"workflow":[{"executions":1,"gptSteps":1,"creditsPerStep":3}]}"#,
            "mix.workflow[0].creditsPerStep: must be within the book's workflow step rates 1..2 credits, got 3",
        ),
        (
            r#"{"workflow":[{"executions":1,"gptSteps":1,"averageTokens":-1}]}"#,
            "mix.workflow[0].averageTokens: must be a finite number >= 0, got -1",
        ),
        (
            r#"{"content":{"imageGenerations":9007199254740992}}"#,
            "mix.content.imageGenerations: must be at most 9007199254740991 (2^53 - 1)",
        ),
        (r#"{"content":{"imageGenerations":3002399751580331}}"#, "mix.content.imageGenerations: the credits exceed 9007199254740991"),
        (r#"{"voice":[{"calls":9007199254740991,"averageSeconds":61}]}"#, "mix.voice[0]: the credits exceed 9007199254740991"),
        (r#"{"conversation":{"aiMessages":9007199254740991},"reviews":{"responses":1}}"#, "mix: the credits exceed 9007199254740991"),
        (r#"[]"#, "mix: must be an object"),
        (r#"{"conversation":{"aiMessages":1}} x"#, "mix: is not valid JSON: trailing characters after the value at character 34"),
    ];
    for (json, expected) in cases {
        let message = mix_error(json);
        assert!(message.starts_with(expected), "\n   got: {message}\nwanted: {expected}");
    }
}

#[test]
fn r23_counts_near_2_pow_53_give_the_exact_answer_or_an_overflow_error() {
    let calc = Calculator::default();
    let e = calc.estimate(&mix(r#"{"conversation":{"aiMessages":9007199254740991}}"#)).unwrap();
    assert_eq!(e.credits, 9_007_199_254_740_991);
    let err = calc.estimate(&mix(r#"{"content":{"imageGenerations":3002399751580331}}"#)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Overflow);
    // The overage cost of the largest count is exact money: (2^53 − 1 − 500) × 0.03.
    let c = calc.compare(&mix(r#"{"conversation":{"aiMessages":9007199254740991}}"#), &CompareOptions::default()).unwrap();
    assert_eq!(serde_json::to_value(c.plans[0].overage_cost).unwrap(), "270215977642214.73");
}

#[test]
fn work_does_not_grow_with_a_count() {
    // 10^12 calls are one multiplication, like 1 call: this returns at once.
    let e = Calculator::default().estimate(&mix(r#"{"voice":[{"calls":1000000000000,"averageSeconds":135}]}"#)).unwrap();
    assert_eq!(e.credits, 12_000_000_000_000);
}

#[test]
fn r23_bad_options_name_the_field() {
    let calc = Calculator::default();
    let m = mix(r#"{"conversation":{"aiMessages":10}}"#);
    let err = |options: CompareOptions| calc.compare(&m, &options).unwrap_err().to_string();
    assert_eq!(
        err(CompareOptions { plans: Some(vec!["pro".into(), "gold".into()]), alert_thresholds: None }),
        "options.plans[1]: unknown plan \"gold\"; the book has starter, pro, premium"
    );
    assert_eq!(
        err(CompareOptions { plans: Some(vec!["pro".into(), "pro".into()]), alert_thresholds: None }),
        "options.plans[1]: duplicate plan \"pro\" (also options.plans[0])"
    );
    assert_eq!(
        err(CompareOptions { plans: Some(vec![]), alert_thresholds: None }),
        "options.plans: must name at least one plan, or be left out for all"
    );
    assert_eq!(
        err(CompareOptions { plans: None, alert_thresholds: Some(vec![1001]) }),
        "options.alertThresholds[0]: must be over 0 and at most 1000 (percent), got 1001"
    );
    let unknown = schema::from_json::<CompareOptions>(r#"{"plan":["pro"]}"#, "options").unwrap_err().to_string();
    assert!(unknown.starts_with("options.plan: unknown field `plan`"), "{unknown}");
    assert_eq!(calc.capacity("gold").unwrap_err().to_string(), "plan: unknown plan \"gold\"; the book has starter, pro, premium");
}

#[test]
fn r23_the_calculator_answers_correctly_after_every_failure() {
    let calc = Calculator::default();
    let good = mix(r#"{"conversation":{"aiMessages":600}}"#);
    let before = calc.compare(&good, &CompareOptions::default()).unwrap();
    assert!(calc.estimate(&mix(r#"{"voice":[{"calls":1,"averageSeconds":60,"creditsPerMinute":9}]}"#)).is_err());
    assert!(calc.capacity("nope").is_err());
    assert!(calc.compare(&good, &CompareOptions { plans: Some(vec![]), alert_thresholds: None }).is_err());
    assert_eq!(calc.compare(&good, &CompareOptions::default()).unwrap(), before);
}

#[test]
fn r23_null_is_never_read_as_a_default() {
    // `messages: null` used to be charged as the default 1 message: it is an error that says so.
    let e = schema::from_json::<schema::Scenario>(
        r#"{"plan":"pro","start":"2026-11-01","events":[{"at":"2026-11-02","feature":"conversation","messages":null}]}"#,
        "scenario",
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "scenario.events[0].messages: invalid type: null, expected a whole number >= 0; leave the field out to use its default"
    );
    assert!(mix_error(r#"{"content":{"textGenerations":null}}"#).starts_with("mix.content.textGenerations: invalid type: null"));
    // A monthly price is the one field where null means something: not known (R1).
    let mut book = support::published_json();
    book["plans"][0]["monthlyPrice"] = serde_json::Value::Null;
    assert!(schema::from_json::<schema::PriceBook>(&book.to_string(), "book").is_ok());
}

#[test]
fn r23_many_members_are_refused_without_a_quadratic_walk() {
    // 60,000 unknown names: refused at the first, and duplicates among many are found.
    let names: Vec<String> = (0..60_000).map(|i| format!("\"k{i}\":1")).collect();
    let e = mix_error(&format!("{{{}}}", names.join(",")));
    assert!(e.starts_with("mix.k0: unknown field `k0`"), "{e}");
    let mut repeated: Vec<String> = (0..40).map(|i| format!("\"k{i}\":1")).collect();
    repeated.push("\"k7\":2".to_string());
    assert!(mix_error(&format!("{{{}}}", repeated.join(","))).contains("duplicate member \"k7\""));
}
