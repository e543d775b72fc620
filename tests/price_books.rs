//! Custom and enterprise books (R20) and every malformed book refused with the field
//! path and the reason (R23).

mod support;

use hoopai_billing::schema::{self, Basis, CompareOptions, PriceBook};
use hoopai_billing::Calculator;
use serde_json::json;
use support::{book_error, mix, published_json};

fn enterprise_book() -> serde_json::Value {
    let mut book = published_json();
    book["plans"].as_array_mut().unwrap().push(json!({
        "id": "enterprise", "name": "Enterprise", "credits": 50000, "overageRate": "0.02",
        "overageTiers": [{"upTo": 10000, "rate": "0.02"}, {"rate": "0.015"}],
        "monthlyPrice": "899.00", "topUpRate": "0.018"
    }));
    book["rates"]["voice"]["table"] = json!([
        {"provider": "eleven", "language": "de", "creditsPerMinute": 5},
        {"provider": "eleven", "creditsPerMinute": 4},
        {"provider": "basic", "creditsPerMinute": 3}
    ]);
    book
}

fn calculator(book: &serde_json::Value) -> Calculator {
    let parsed: PriceBook = schema::from_json(&book.to_string(), "book").unwrap();
    Calculator::new(&parsed).unwrap()
}

#[test]
fn r20_enterprise_plan_with_graduated_tiers_and_a_monthly_price() {
    let calc = calculator(&enterprise_book());
    // 65,001 credits: 15,001 over 50,000: 10,000 at 0.02 = 200.00, 5,001 at 0.015 = 75.015 -> 75.02.
    let c = calc
        .compare(
            &mix(r#"{"conversation":{"aiMessages":65001}}"#),
            &CompareOptions { plans: Some(vec!["enterprise".into()]), alert_thresholds: None },
        )
        .unwrap();
    let quote = &c.plans[0];
    assert_eq!(quote.overage_credits, 15_001);
    assert_eq!(quote.overage_cost.to_string(), "275.02");
    assert_eq!(quote.monthly_price.map(|a| a.to_string()).as_deref(), Some("899.00"));
    assert_eq!(quote.total_cost.map(|a| a.to_string()).as_deref(), Some("1174.02"));
    assert_eq!(c.recommended, "enterprise");
}

#[test]
fn r1_recommended_counts_monthly_prices() {
    let mut book = published_json();
    for (plan, price) in book["plans"].as_array_mut().unwrap().iter_mut().zip(["29", "99.00", "299.99"]) {
        plan["monthlyPrice"] = json!(price);
    }
    let calc = calculator(&book);
    // 2,000 credits: Starter 29 + 1,500 x 0.03 = 74.00; Pro 99.00; Premium 299.99.
    let c = calc.compare(&mix(r#"{"conversation":{"aiMessages":2000}}"#), &CompareOptions::default()).unwrap();
    let totals: Vec<Option<String>> = c.plans.iter().map(|p| p.total_cost.map(|a| a.to_string())).collect();
    assert_eq!(totals, [Some("74.00".into()), Some("99.00".into()), Some("299.99".into())]);
    assert_eq!(c.plans[0].monthly_price.map(|a| a.to_string()).as_deref(), Some("29.00"));
    assert_eq!(c.recommended, "starter");
    // 4,000 credits: Starter 29 + 105 = 134.00; Pro 99 + 37.50 = 136.50.
    let c = calc.compare(&mix(r#"{"conversation":{"aiMessages":4000}}"#), &CompareOptions::default()).unwrap();
    assert_eq!(c.plans[0].total_cost.map(|a| a.to_string()).as_deref(), Some("134.00"));
    assert_eq!(c.plans[1].total_cost.map(|a| a.to_string()).as_deref(), Some("136.50"));
    assert_eq!(c.recommended, "starter");
    assert_eq!(c.basis, Basis::TotalCost);
}

/// A dental clinic's month: 1,500 AI messages, 60 calls of 3 min 30 s, 40 text and 20
/// image generations, 100 review replies, 500 workflow runs of one short GPT step.
const DENTAL_CLINIC: &str = r#"{"conversation":{"aiMessages":1500},"voice":[{"calls":60,"averageSeconds":210}],
    "content":{"textGenerations":40,"imageGenerations":20},"reviews":{"responses":100},
    "workflow":[{"executions":500,"gptSteps":1,"averageTokens":600}]}"#;

#[test]
fn r1_r24_published_book_recommends_by_allocation_and_never_prices_the_unknown() {
    let c = Calculator::default().compare(&mix(DENTAL_CLINIC), &CompareOptions::default()).unwrap();
    // 1,500 + 60 x 4 min x 4 + 40 + 20 x 3 + 100 + 500 x 1 = 3,160 (voice at 3..5 a minute).
    assert_eq!((c.estimate.credits, c.estimate.low, c.estimate.high), (3160, 2920, 3400));
    assert_eq!((c.recommended.as_str(), c.basis), ("premium", Basis::Allocation));
    let overage: Vec<String> = c.plans.iter().map(|p| p.overage_cost.to_string()).collect();
    assert_eq!(overage, ["79.80", "16.50", "0.00"]);
    assert!(c.plans.iter().all(|p| p.total_cost.is_none() && p.total_cost_range.is_none() && p.monthly_price.is_none()));
    assert_eq!(
        (c.plans[0].overage_cost_range.low.to_string(), c.plans[0].overage_cost_range.high.to_string()),
        ("72.60".to_string(), "87.00".to_string())
    );
    // Nothing covers 20,000 credits: the lowest overage cost (Premium: 10,000 x 0.02).
    let c = Calculator::default().compare(&mix(r#"{"conversation":{"aiMessages":20000}}"#), &CompareOptions::default()).unwrap();
    assert_eq!((c.recommended.as_str(), c.basis), ("premium", Basis::Allocation));
    // One plan's price unknown is enough for the allocation basis.
    let mut book = published_json();
    book["plans"][0]["monthlyPrice"] = json!("97");
    book["plans"][1]["monthlyPrice"] = json!("297");
    let c = calculator(&book).compare(&mix(DENTAL_CLINIC), &CompareOptions::default()).unwrap();
    assert_eq!((c.recommended.as_str(), c.basis), ("premium", Basis::Allocation));
    // Selecting only priced plans gives the totalCost basis.
    let only = CompareOptions { plans: Some(vec!["starter".into(), "pro".into()]), alert_thresholds: None };
    let c = calculator(&book).compare(&mix(DENTAL_CLINIC), &only).unwrap();
    assert_eq!((c.recommended.as_str(), c.basis), ("starter", Basis::TotalCost));
}

#[test]
fn r24_priced_book_recommends_the_lowest_total() {
    let mut book = published_json();
    for (plan, price) in book["plans"].as_array_mut().unwrap().iter_mut().zip(["97", "297", "497"]) {
        plan["monthlyPrice"] = json!(price);
    }
    let c = calculator(&book).compare(&mix(DENTAL_CLINIC), &CompareOptions::default()).unwrap();
    let totals: Vec<Option<String>> = c.plans.iter().map(|p| p.total_cost.map(|a| a.to_string())).collect();
    assert_eq!(totals, [Some("176.80".into()), Some("313.50".into()), Some("497.00".into())]);
    assert_eq!((c.recommended.as_str(), c.basis), ("starter", Basis::TotalCost));
    let range = c.plans[0].total_cost_range.as_ref().unwrap();
    assert_eq!((range.low.to_string(), range.high.to_string()), ("169.60".to_string(), "184.00".to_string()));
}

#[test]
fn r7_voice_table_by_provider_and_language() {
    let calc = calculator(&enterprise_book());
    let e = calc
        .estimate(&mix(r#"{"voice":[{"calls":1,"averageSeconds":60,"provider":"eleven","language":"de"},
                          {"calls":1,"averageSeconds":60,"provider":"eleven","language":"fr"},
                          {"calls":1,"averageSeconds":60,"provider":"basic"},
                          {"calls":1,"averageSeconds":60,"provider":"eleven","creditsPerMinute":3}]}"#))
        .unwrap();
    assert_eq!(e.by_feature.voice.credits, 5 + 4 + 3 + 3);
    assert_eq!((e.by_feature.voice.low, e.by_feature.voice.high), (15, 15), "R11: all rates known");
}

#[test]
fn r20_the_book_round_trips() {
    let book = enterprise_book();
    let calc = calculator(&book);
    assert_eq!(serde_json::to_value(calc.price_book()).unwrap(), book);
}

/// An edit to a book, and the error it must give.
type BookCase = (Box<dyn Fn(&mut serde_json::Value)>, &'static str);

#[test]
fn r23_malformed_books_name_the_field() {
    let cases: Vec<BookCase> = vec![
        (Box::new(|b| b["plans"] = json!([])), "book.plans: must list at least one plan"),
        (Box::new(|b| b["plans"][1]["id"] = json!("starter")), "book.plans[1].id: duplicate plan id \"starter\" (also book.plans[0])"),
        (Box::new(|b| b["plans"][0]["id"] = json!("")), "book.plans[0].id: must not be empty"),
        (
            Box::new(|b| {
                b["plans"][0].as_object_mut().unwrap().remove("id");
            }),
            "book.plans[0]: missing field `id`",
        ),
        (Box::new(|b| b["plans"][2]["credits"] = json!(0)), "book.plans[2].credits: must be at least 1 credit, got 0"),
        (Box::new(|b| b["plans"][2]["credits"] = json!(-10)), "book.plans[2].credits: must be a whole number >= 0, got -10"),
        (
            Box::new(|b| b["plans"][0]["overageRate"] = json!(0.03)),
            "book.plans[0].overageRate: must be a decimal string such as \"0.03\", not a number (R22), got 0.03",
        ),
        (Box::new(|b| b["plans"][0]["overageRate"] = json!("-0.03")), "book.plans[0].overageRate: must be >= 0, got \"-0.03\""),
        (
            Box::new(|b| b["plans"][0]["monthlyPrice"] = json!("9.999")),
            "book.plans[0].monthlyPrice: must have at most 2 decimals, got \"9.999\"",
        ),
        (
            Box::new(|b| {
                b["plans"][0]["overageTiers"] = json!([{"upTo": 100, "rate": "0.03"}, {"upTo": 50, "rate": "0.02"}, {"rate": "0.01"}])
            }),
            "book.plans[0].overageTiers[1].upTo: must be greater than the previous tier's end (100), got 50: tiers must be in order",
        ),
        (
            Box::new(|b| b["plans"][0]["overageTiers"] = json!([{"upTo": 100, "rate": "0.03"}, {"upTo": 200, "rate": "0.02"}])),
            "book.plans[0].overageTiers[1].upTo: must be left out on the last tier, which has no end",
        ),
        (
            Box::new(|b| b["plans"][0]["overageTiers"] = json!([{"rate": "0.02"}])),
            "book.plans[0].overageTiers[0].rate: must equal the plan's overageRate \"0.03\", got \"0.02\"",
        ),
        (
            Box::new(|b| b["plans"][0]["overageTiers"] = json!([])),
            "book.plans[0].overageTiers: must list at least one tier, or be left out",
        ),
        (Box::new(|b| b["rates"]["voice"]["min"] = json!(6)), "book.rates.voice.max: must be at least min (6), got 5: bounds inverted"),
        (
            Box::new(|b| b["rates"]["voice"]["default"] = json!(7)),
            "book.rates.voice.default: must be within the book's voice rate bounds 3..5 credits a minute, got 7",
        ),
        (
            Box::new(|b| b["rates"]["voice"]["table"] = json!([{"provider": "x", "creditsPerMinute": 9}])),
            "book.rates.voice.table[0].creditsPerMinute: must be within the book's voice rate bounds 3..5 credits a minute, got 9",
        ),
        (
            Box::new(|b| {
                b["rates"]["voice"]["table"] = json!([{"provider": "x", "creditsPerMinute": 4}, {"provider": "x", "creditsPerMinute": 5}])
            }),
            "book.rates.voice.table[1]: duplicate entry for this provider and language",
        ),
        (Box::new(|b| b["rates"]["content"]["image"] = json!(0)), "book.rates.content.image: must be at least 1 credit, got 0"),
        (Box::new(|b| b["rates"]["workflow"]["long"] = json!(0)), "book.rates.workflow.long: must be at least 1 credit, got 0"),
        (Box::new(|b| b["alertThresholds"] = json!([75, 0])), "book.alertThresholds[1]: must be over 0 and at most 1000 (percent), got 0"),
        (Box::new(|b| b["alertThresholds"] = json!([-5])), "book.alertThresholds[0]: must be a whole number >= 0, got -5"),
        (Box::new(|b| b["currency"] = json!("EUR")), "book.currency: unknown variant \"EUR\", expected one of `USD`"),
        (Box::new(|b| b["plans"][0]["colour"] = json!("red")), "book.plans[0].colour: unknown field `colour`"),
    ];
    for (edit, expected) in cases {
        let mut book = published_json();
        edit(&mut book);
        let message = book_error(&book);
        assert!(message.starts_with(expected), "\n   got: {message}\nwanted: {expected}");
    }
}

/// A book of `n` plans `p0..`, each with `tiers` graduated tiers.
fn big_book(n: usize, tiers: usize) -> serde_json::Value {
    let mut book = published_json();
    book["plans"] = json!((0..n)
        .map(|i| {
            let list: Vec<serde_json::Value> = (0..tiers)
                .map(|t| if t + 1 < tiers { json!({"upTo": (t + 1) * 100, "rate": "0.02"}) } else { json!({"rate": "0.02"}) })
                .collect();
            json!({"id": format!("p{i}"), "name": format!("Plan {i}"), "credits": 100 + i, "overageRate": "0.02", "overageTiers": list})
        })
        .collect::<Vec<_>>());
    book
}

#[test]
fn r23_book_sizes_are_bounded_and_checked_without_quadratic_work() {
    // The largest book accepted: 200 plans of 50 tiers; one more of either is a LIMIT error.
    let calc = calculator(&big_book(200, 50));
    let error = calc.capacity("gold").unwrap_err();
    assert_eq!(error.to_string(), "plan: unknown plan \"gold\"; the book has p0, p1, p2, p3, p4, p5, p6, p7, p8, p9 and 190 more");
    let refused = |book: serde_json::Value| {
        let parsed: PriceBook = schema::from_json(&book.to_string(), "book").unwrap();
        Calculator::new(&parsed).unwrap_err()
    };
    let e = refused(big_book(201, 1));
    assert_eq!((e.code().as_str(), e.to_string().as_str()), ("LIMIT", "book.plans: must list at most 200 plans, got 201"));
    let e = refused(big_book(1, 51));
    assert_eq!((e.code().as_str(), e.to_string().as_str()), ("LIMIT", "book.plans[0].overageTiers: must list at most 50 tiers, got 51"));
    // A repeated id among many is found at once and named with its first place.
    let mut book = big_book(200, 1);
    book["plans"][199]["id"] = json!("p3");
    assert_eq!(refused(book).to_string(), "book.plans[199].id: duplicate plan id \"p3\" (also book.plans[3])");
}
