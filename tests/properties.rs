//! Property tests (proptest) over random scenarios and mixes: the simulator's invariants
//! and its agreement with estimate and compare.
#![cfg(not(target_arch = "wasm32"))]

use hoopai_billing::schema::{from_json, CompareOptions, Scenario, UsageMix};
use hoopai_billing::Calculator;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};

const FEATURES: [&str; 5] = ["conversation", "voice", "content", "reviews", "workflow"];
const MODES: [&str; 3] = ["live", "test", "preview"];

/// One random event at `minute` after 2026-01-01 (two cycles: January and February).
fn event(minute: u32, kind: u8, size: u16, mode: usize) -> Value {
    let at = format!(
        "2026-{:02}-{:02}T{:02}:{:02}:00Z",
        1 + minute / (31 * 1440),
        1 + (minute % (31 * 1440)) / 1440,
        minute % 1440 / 60,
        minute % 60
    );
    let size = u64::from(size);
    match kind % 6 {
        5 => json!({"at": at, "topUp": 1 + size}),
        k => {
            let feature = FEATURES[k as usize];
            let mut e = json!({"at": at, "feature": feature, "mode": MODES[mode % 3]});
            match feature {
                "conversation" => e["messages"] = json!(size),
                "voice" => e["seconds"] = json!(size * 7),
                "content" => {
                    e["kind"] = json!(if size % 2 == 0 { "text" } else { "image" });
                    e["count"] = json!(size % 9)
                }
                "reviews" => e["count"] = json!(size % 13),
                _ => {
                    e["gptSteps"] = json!(size % 5);
                    e["tokens"] = json!(size * 3)
                }
            }
            e
        }
    }
}

fn scenario_strategy() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec((0u32..(59 * 1440), any::<u8>(), 0u16..400, 0usize..3), 0..120),
        any::<bool>(),
        prop::option::of((0usize..5, 0u64..=100)),
        prop::sample::select(vec!["starter", "pro", "premium"]),
        prop::collection::btree_set(1u64..=200, 0..4),
    )
        .prop_map(|(mut raw, hard_cap, limit, plan, thresholds)| {
            raw.sort_by_key(|r| r.0);
            let events: Vec<Value> = raw.into_iter().map(|(m, k, s, mode)| event(m, k, s, mode)).collect();
            let mut scenario = json!({"plan": plan, "start": "2026-01-01", "cycles": 2, "hardCap": hard_cap, "events": events,
                "alertThresholds": thresholds.into_iter().collect::<Vec<_>>()});
            if let Some((feature, percent)) = limit {
                scenario["featureLimits"] = json!({ FEATURES[feature]: {"percent": percent} });
            }
            scenario
        })
}

fn simulate(scenario: &Value) -> hoopai_billing::schema::Simulation {
    let scenario: Scenario = from_json(&scenario.to_string(), "scenario").expect("generated scenarios are valid");
    Calculator::default().simulate(&scenario, None).expect("simulates")
}

fn mix_strategy() -> impl Strategy<Value = Value> {
    (0u64..20_000, 0u64..500, 0u64..900, 0u64..500, 0u64..300, 0u64..800, 0u64..400, 1u64..4, 0u64..2000).prop_map(
        |(messages, calls, seconds, texts, images, reviews, runs, steps, tokens)| {
            json!({"conversation": {"aiMessages": messages}, "voice": [{"calls": calls, "averageSeconds": seconds}],
                "content": {"textGenerations": texts, "imageGenerations": images}, "reviews": {"responses": reviews},
                "workflow": [{"executions": runs, "gptSteps": steps, "averageTokens": tokens}]})
        },
    )
}

fn mix(value: &Value) -> UsageMix {
    from_json(&value.to_string(), "mix").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// R13, R16, R17: every credit is charged, blocked or preview, in each cycle.
    #[test]
    fn consumed_plus_blocked_plus_preview_is_rated(scenario in scenario_strategy()) {
        for c in simulate(&scenario).cycles {
            prop_assert_eq!(c.consumed_credits + c.blocked.credits + c.preview_credits, c.rated_credits);
            prop_assert_eq!(c.blocked.events, c.blocked.hard_cap + c.blocked.feature_limit);
            prop_assert_eq!(c.daily.iter().map(|d| d.credits).sum::<u64>(), c.consumed_credits);
        }
    }

    /// R16: a hard cap never lets overage through.
    #[test]
    fn a_hard_cap_never_lets_overage_through(mut scenario in scenario_strategy()) {
        scenario["hardCap"] = json!(true);
        for c in simulate(&scenario).cycles {
            prop_assert_eq!(c.overage_credits, 0);
            prop_assert!(c.consumed_credits <= c.included_credits + c.top_up_credits);
        }
    }

    /// R14: each threshold fires at most once a cycle, in ascending order.
    #[test]
    fn each_alert_fires_at_most_once_a_cycle(scenario in scenario_strategy()) {
        for c in simulate(&scenario).cycles {
            let fired: Vec<u64> = c.alerts.iter().map(|a| a.threshold).collect();
            prop_assert!(fired.windows(2).all(|w| w[0] < w[1]), "{:?}", fired);
        }
    }

    /// R3, R18, R19: top-up credits never outlive their cycle.
    #[test]
    fn top_ups_never_outlive_their_cycle(scenario in scenario_strategy()) {
        for c in simulate(&scenario).cycles {
            // What the pool paid for in a cycle is at most that cycle's allocation and top-ups.
            prop_assert!(c.consumed_credits - c.overage_credits <= c.included_credits + c.top_up_credits);
            prop_assert_eq!(c.expired_credits, c.included_credits + c.top_up_credits - (c.consumed_credits - c.overage_credits));
        }
    }

    /// R15: more usage never costs less, on any plan.
    #[test]
    fn more_usage_never_costs_less(base in mix_strategy(), extra in 0u64..5000) {
        let calc = Calculator::default();
        let mut more = base.clone();
        more["conversation"]["aiMessages"] = json!(base["conversation"]["aiMessages"].as_u64().unwrap() + extra);
        let (a, b) = (calc.compare(&mix(&base), &CompareOptions::default()).unwrap(), calc.compare(&mix(&more), &CompareOptions::default()).unwrap());
        for (qa, qb) in a.plans.iter().zip(&b.plans) {
            // The published book has no prices (R1): the overage is the whole known cost.
            let (ca, cb): (Decimal, Decimal) = (qa.overage_cost.0, qb.overage_cost.0);
            prop_assert!(cb >= ca, "{} {} -> {}", qa.plan, ca, cb);
        }
    }

    /// R5..R11, R15: estimate, compare and simulate agree for the same usage.
    #[test]
    fn estimate_compare_and_simulate_agree(m in mix_strategy(), seed in any::<u32>()) {
        let calc = Calculator::default();
        let comparison = calc.compare(&mix(&m), &CompareOptions::default()).unwrap();
        prop_assert_eq!(comparison.estimate.credits, calc.estimate(&mix(&m)).unwrap().credits);
        for quote in &comparison.plans {
            let c = &simulate(&json!({"plan": quote.plan, "start": "2026-03-01", "synthetic": {"mix": m, "seed": seed}})).cycles[0];
            prop_assert_eq!(c.consumed_credits, comparison.estimate.credits);
            prop_assert_eq!(c.overage_credits, quote.overage_credits);
            // No monthly price in the published book: the invoice's usage lines are the
            // overage alone, and its total is unknown, as compare's is (R1).
            prop_assert_eq!(quote.total_cost.as_ref(), None);
            prop_assert_eq!(&c.invoice.usage_charges, &quote.overage_cost);
            prop_assert_eq!(c.invoice.total, None);
        }
    }
}

/// A forecast of November on Starter (500) as of `day` (2..=29) with `used` credits of
/// conversation, `bought` credits bought by then and these planned top-ups (day, hour, credits).
fn forecast(day: u32, used: u64, bought: u64, planned: &[(u32, u32, u64)]) -> hoopai_billing::schema::Forecast {
    forecast_with(day, used, bought, planned, false)
}

/// [`forecast`] with or without a hard cap.
fn forecast_with(day: u32, used: u64, bought: u64, planned: &[(u32, u32, u64)], hard_cap: bool) -> hoopai_billing::schema::Forecast {
    let planned: Vec<Value> =
        planned.iter().map(|&(d, h, credits)| json!({"at": format!("2026-11-{d:02}T{h:02}:00:00Z"), "credits": credits})).collect();
    let input = json!({"plan": "starter", "cycleStart": "2026-11-01", "asOf": format!("2026-11-{day:02}"),
        "usedByFeature": {"conversation": used}, "topUpCredits": bought, "plannedTopUps": planned, "hardCap": hard_cap});
    Calculator::default().forecast(&from_json(&input.to_string(), "input").unwrap()).unwrap()
}

/// Planned top-ups after day `day`: up to four, each on a later day of November.
fn planned_strategy(day: u32) -> impl Strategy<Value = Vec<(u32, u32, u64)>> {
    prop::collection::vec((day + 1..=30, 0u32..24, 1u64..2000), 0..4)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// R18, R19: a planned top-up never adds overage; the run-outs are in time order, each
    /// ended by a refill at or after it; one bought before the credits would run out counts
    /// as if bought already.
    #[test]
    fn planned_top_ups_refill_the_pool_in_time_order(
        (day, planned) in (2u32..=29).prop_flat_map(|day| (Just(day), planned_strategy(day))),
        used in 0u64..3000, bought in 0u64..500, early in 1u64..2000,
    ) {
        let without = forecast(day, used, bought, &[]);
        prop_assert!(without.run_outs.len() <= 1);
        prop_assert_eq!(without.run_outs.first().map(|r| r.date.clone()).filter(|_| !without.exhausted), without.run_out_date.clone());
        let with = forecast(day, used, bought, &planned);
        // R16: under a hard cap nothing to come is overage, and no alert comes sooner than without it.
        let capped = forecast_with(day, used, bought, &planned, true);
        prop_assert_eq!(capped.bill.overage_credits, 0);
        for (c, f) in capped.alerts.iter().zip(&with.alerts) {
            prop_assert!(c.date.is_none() || f.date.as_deref().is_some_and(|free| free <= c.date.as_deref().unwrap_or_default()), "{:?} {:?}", c, f);
        }
        prop_assert!(with.bill.overage_credits <= without.bill.overage_credits, "{} > {}", with.bill.overage_credits, without.bill.overage_credits);
        for pair in with.run_outs.windows(2) {
            let until = pair[0].until.as_deref();
            prop_assert!(until.is_some_and(|until| until <= pair[1].date.as_str()), "{:?}", with.run_outs);
        }
        for r in &with.run_outs {
            prop_assert!(r.until.as_deref().is_none_or(|until| r.date.as_str() <= until), "{:?}", r);
        }
        // A top-up the day after asOf, before the day the credits would run out, is as one bought already.
        let next = day + 1;
        if !without.exhausted && without.run_out_date.as_deref().is_none_or(|out| format!("2026-11-{next:02}").as_str() < out) {
            let planned_early = forecast(day, used, bought, &[(next, 0, early)]);
            let bought_early = forecast(day, used, bought + early, &[]);
            prop_assert_eq!(planned_early.bill.overage_credits, bought_early.bill.overage_credits);
            prop_assert_eq!(planned_early.run_out_date, bought_early.run_out_date);
        }
    }
}
