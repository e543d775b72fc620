//! Every number the source document (`../shared/seed/ai-billing.txt`) publishes,
//! reproduced through `compare`, `estimate` and `capacity` on the published book.

mod support;

use hoopai_billing::schema::{Basis, CompareOptions};
use hoopai_billing::Calculator;
use support::{compare, mix};

#[test]
fn r1_r21_the_plan_table() {
    let calc = Calculator::default();
    // | Plan | credits | ~messages | ~voice minutes | overage |
    let table = [
        ("starter", 500, 500, (100, 166), "0.03"),
        ("pro", 2_500, 2_500, (500, 833), "0.025"),
        ("premium", 10_000, 10_000, (2_000, 3_333), "0.02"),
    ];
    for (id, credits, messages, (low_minutes, high_minutes), overage_rate) in table {
        let capacity = calc.capacity(id).unwrap();
        assert_eq!(capacity.credits, credits);
        assert_eq!(capacity.per_feature.conversation.low, messages);
        assert_eq!(capacity.per_feature.conversation.high, messages);
        assert_eq!((capacity.per_feature.voice.low, capacity.per_feature.voice.high), (low_minutes, high_minutes));
        let plan = calc.price_book().plans.iter().find(|p| p.id == id).unwrap();
        assert_eq!(plan.overage_rate.0.to_string(), overage_rate);
    }
}

#[test]
fn r15_each_plans_overage_rate_through_compare() {
    // 100 credits over each plan's allocation cost 100 x its rate.
    for (id, used, cost) in [("starter", 600, "3.00"), ("pro", 2_600, "2.50"), ("premium", 10_100, "2.00")] {
        let c = Calculator::default()
            .compare(
                &mix(&format!(r#"{{"conversation":{{"aiMessages":{used}}}}}"#)),
                &CompareOptions { plans: Some(vec![id.into()]), alert_thresholds: None },
            )
            .unwrap();
        assert_eq!(c.plans.len(), 1);
        assert_eq!(c.plans[0].overage_credits, 100, "{id}");
        assert_eq!(c.plans[0].overage_cost.to_string(), cost, "{id}");
        assert_eq!(c.plans[0].total_cost, None, "{id}: no monthly price in the published book, so no total (R1)");
        assert_eq!(c.plans[0].monthly_price, None);
    }
}

#[test]
fn r7_a_2_min_15_s_call_bills_3_minutes() {
    let e = Calculator::default().estimate(&mix(r#"{"voice":[{"calls":1,"averageSeconds":135}]}"#)).unwrap();
    // 3 minutes at 3..5 credits a minute, 4 expected (R11).
    assert_eq!((e.by_feature.voice.low, e.by_feature.voice.credits, e.by_feature.voice.high), (9, 12, 15));
}

#[test]
fn r14_alerts_at_75_and_90_percent() {
    let at = |credits: u64| compare(&format!(r#"{{"conversation":{{"aiMessages":{credits}}}}}"#)).plans[0].alerts.clone();
    assert_eq!(at(374), Vec::<u64>::new());
    assert_eq!(at(375), vec![75]);
    assert_eq!(at(449), vec![75]);
    assert_eq!(at(450), vec![75, 90]);
    assert_eq!(at(5000), vec![75, 90]);
}

#[test]
fn r14_custom_thresholds_50_75_90_and_over_100() {
    let c = Calculator::default()
        .compare(
            &mix(r#"{"conversation":{"aiMessages":600}}"#),
            &CompareOptions { plans: None, alert_thresholds: Some(vec![120, 50, 90, 75]) },
        )
        .unwrap();
    assert_eq!(c.plans[0].alerts, vec![50, 75, 90, 120]); // 600 of 500 = 120 %
    assert_eq!(c.plans[1].alerts, Vec::<u64>::new()); // 600 of 2,500 = 24 %
}

#[test]
fn r8_r9_r5_r10_per_feature_costs() {
    let e = Calculator::default()
        .estimate(&mix(r#"{"conversation":{"aiMessages":10},"content":{"textGenerations":4,"imageGenerations":2},
                "reviews":{"responses":7},"workflow":[{"executions":1,"gptSteps":3,"averageTokens":400}]}"#))
        .unwrap();
    assert_eq!(e.by_feature.conversation.credits, 10, "R5: 1 credit a message");
    assert_eq!(e.by_feature.content.credits, 4 + 2 * 3, "R8: 1 a text, 3 an image");
    assert_eq!(e.by_feature.reviews.credits, 7, "R9: 1 a response");
    assert_eq!(e.by_feature.workflow.credits, 3, "R10: three GPT steps run once cost three steps");
    assert_eq!(e.credits, 10 + 10 + 7 + 3);
    assert_eq!((e.low, e.high), (e.credits, e.credits), "R11: every rate known");
}

#[test]
fn r10_r11_workflow_unknown_size_expected_short_high_long() {
    let e = Calculator::default().estimate(&mix(r#"{"workflow":[{"executions":100,"gptSteps":2}]}"#)).unwrap();
    assert_eq!((e.by_feature.workflow.low, e.by_feature.workflow.credits, e.by_feature.workflow.high), (200, 200, 400));
    let long = Calculator::default().estimate(&mix(r#"{"workflow":[{"executions":100,"gptSteps":2,"averageTokens":1001}]}"#)).unwrap();
    assert_eq!(long.credits, 400);
}

#[test]
fn r16_hard_cap_serves_the_allocation_and_blocks_the_rest() {
    let c = compare(r#"{"conversation":{"aiMessages":600}}"#);
    assert_eq!((c.plans[0].hard_cap.served_credits, c.plans[0].hard_cap.blocked_credits), (500, 100));
    assert_eq!((c.plans[1].hard_cap.served_credits, c.plans[1].hard_cap.blocked_credits), (600, 0));
}

#[test]
fn r24_published_book_recommends_the_smallest_allocation_that_covers() {
    // No monthly prices in the published book (R1): the basis is the allocation (R24).
    let c = compare(r#"{"conversation":{"aiMessages":100}}"#);
    assert_eq!((c.recommended.as_str(), c.basis), ("starter", Basis::Allocation));
    assert_eq!(compare(r#"{"conversation":{"aiMessages":500}}"#).recommended, "starter");
    assert_eq!(compare(r#"{"conversation":{"aiMessages":501}}"#).recommended, "pro");
    // 3,000 credits: Starter 2,500 x 0.03 = 75.00 overage; Pro 500 x 0.025 = 12.50; Premium
    // covers it. The totals are unknown, not $0.
    let c = compare(r#"{"conversation":{"aiMessages":3000}}"#);
    let overage: Vec<String> = c.plans.iter().map(|p| p.overage_cost.to_string()).collect();
    assert_eq!(overage, ["75.00", "12.50", "0.00"]);
    assert!(c.plans.iter().all(|p| p.total_cost.is_none()));
    assert_eq!(c.recommended, "premium");
    assert!((c.plans[0].utilization - 6.0).abs() < 1e-12);
}

#[test]
fn r6_r12_channel_and_test_traffic_do_not_change_a_mix_price() {
    // A mix has no channel or mode: 1 credit a message whatever the channel (R6) and
    // test messages cost what live ones do (R12); the simulator checks both per event.
    assert_eq!(compare(r#"{"conversation":{"aiMessages":42}}"#).estimate.credits, 42);
}
