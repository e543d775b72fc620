//! Every input shape, with every declared field given a value, reads and writes back the
//! same object (issue 11): a field the reader dropped, or read under another name than
//! the one it is written under, would be missing here. Shapes are declared once
//! (`#[shape]`), so the reader, the serializer and the TypeScript type share each key.

use hoopai_billing::schema::{
    self, CompareOptions, ForecastInput, GenerateEvents, PriceBook, ProjectionInput, ReadValue, Scenario, UsageEvent, UsageMix,
};
use serde::Serialize;
use serde_json::{json, Value};

/// Numbers compared as numbers (`135` and `135.0` are the same value).
fn normalised(value: Value) -> Value {
    match value {
        Value::Number(n) => json!(n.as_f64()),
        Value::Array(items) => Value::Array(items.into_iter().map(normalised).collect()),
        Value::Object(members) => Value::Object(members.into_iter().map(|(k, v)| (k, normalised(v))).collect()),
        other => other,
    }
}

fn round_trip<T: ReadValue + Serialize>(given: Value) {
    let read: T = schema::from_json(&given.to_string(), "input").unwrap_or_else(|e| panic!("{given}: {e}"));
    assert_eq!(normalised(serde_json::to_value(&read).unwrap()), normalised(given));
}

fn mix() -> Value {
    json!({
        "conversation": { "aiMessages": 1200 },
        "voice": [{ "calls": 40, "averageSeconds": 135.5, "provider": "eleven", "language": "de", "creditsPerMinute": 5 }],
        "content": { "textGenerations": 60, "imageGenerations": 10 },
        "reviews": { "responses": 80 },
        "workflow": [{ "executions": 300, "gptSteps": 2, "averageTokens": 600.5, "creditsPerStep": 2 }],
    })
}

#[test]
fn every_field_of_every_input_shape_is_read_and_written_back() {
    round_trip::<PriceBook>(json!({
        "currency": "USD",
        "plans": [{ "id": "ent", "name": "Enterprise", "credits": 50000, "overageRate": "0.02",
                    "overageTiers": [{ "upTo": 10000, "rate": "0.02" }, { "rate": "0.015" }],
                    "monthlyPrice": "899.00", "topUpRate": "0.025" }],
        "rates": {
            "conversation": { "perMessage": 1 },
            "voice": { "default": 4, "min": 3, "max": 5, "table": [{ "provider": "eleven", "language": "de", "creditsPerMinute": 5 }] },
            "content": { "text": 1, "image": 3 },
            "reviews": { "perResponse": 1 },
            "workflow": { "short": 1, "long": 2, "longAboveTokens": 1000 },
        },
        "alertThresholds": [75, 90],
    }));
    round_trip::<UsageMix>(mix());
    round_trip::<CompareOptions>(json!({ "plans": ["pro"], "alertThresholds": [50, 90] }));
    let limit = json!({ "percent": 60, "credits": 300 });
    round_trip::<Scenario>(json!({
        "plan": "pro", "start": "2026-11-01", "billingDay": 1, "cycles": 2, "hardCap": true, "alertThresholds": [50],
        "featureLimits": { "conversation": limit, "voice": limit, "content": limit, "reviews": limit, "workflow": limit },
        "events": [{ "at": "2026-11-02", "topUp": 5 }], "until": "2026-11-20",
        "synthetic": { "mix": mix(), "seed": 7, "mode": "test" }, "testAsPreview": true, "withoutTopUps": false,
    }));
    for event in [
        json!({ "at": "2026-11-02", "feature": "conversation", "messages": 3, "mode": "live", "agent": "Ava", "channel": "sms" }),
        json!({ "at": "2026-11-02", "feature": "voice", "seconds": 61.5, "provider": "eleven", "language": "de", "creditsPerMinute": 5,
                "direction": "outbound", "mode": "test", "agent": "Ben" }),
        json!({ "at": "2026-11-02", "feature": "content", "kind": "image", "count": 2, "mode": "preview" }),
        json!({ "at": "2026-11-02", "feature": "reviews", "count": 4, "mode": "live" }),
        json!({ "at": "2026-11-02", "feature": "workflow", "gptSteps": 3, "tokens": 1200.5, "creditsPerStep": 2, "mode": "test" }),
        json!({ "at": "2026-11-02", "topUp": 250 }),
    ] {
        round_trip::<UsageEvent>(event);
    }
    round_trip::<ForecastInput>(json!({
        "plan": "pro", "cycleStart": "2026-11-01", "billingDay": 1, "asOf": "2026-11-10",
        "usedByFeature": { "conversation": 1, "voice": 2, "content": 3, "reviews": 4, "workflow": 5 },
        "topUpCredits": 100, "consumedCredits": 9, "overageCredits": 2, "alertThresholds": [75], "featureLimits": { "voice": { "percent": 60 }, "workflow": { "credits": 200 } },
        "plannedTopUps": [{ "at": "2026-11-20", "credits": 300 }], "hardCap": true,
    }));
    round_trip::<ProjectionInput>(json!({
        "mix": mix(), "months": 12, "plans": ["pro"],
        "growth": { "overall": 2.5, "byFeature": { "conversation": 1, "voice": -2.5, "content": 3, "reviews": 4, "workflow": 5 } },
    }));
    round_trip::<GenerateEvents>(json!({ "mix": mix(), "start": "2026-11-01", "billingDay": 1, "cycles": 2, "seed": 9 }));
}
