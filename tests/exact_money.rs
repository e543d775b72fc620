//! `compare` agrees to the cent with an independent exact calculation on random mixes
//! and random custom books (R15, R20, R22). The reference below uses only integer
//! arithmetic in millionths of a dollar, nothing from the crate's money code.

mod support;

use hoopai_billing::schema::{self, CompareOptions, PriceBook, UsageMix};
use hoopai_billing::Calculator;
use serde_json::json;

/// A small deterministic generator (xorshift64*), so failures replay.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Rates are given in millionths of a dollar, at most 6 decimals (R22).
fn rate_string(micros: u64) -> String {
    format!("{}.{:06}", micros / 1_000_000, micros % 1_000_000)
}

/// Rounds millionths of a dollar to cents, half away from zero (all values >= 0).
fn micros_to_cents(micros: u128) -> u128 {
    (micros + 5_000) / 10_000
}

fn cents_string(cents: u128) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

struct RefPlan {
    credits: u64,
    tiers: Vec<(Option<u64>, u64)>, // (upTo, micros per credit)
    price_cents: Option<u128>,
}

fn reference_cost(plan: &RefPlan, used: u64) -> u128 {
    let overage = used.saturating_sub(plan.credits);
    let mut start = 0;
    let mut cents = plan.price_cents.unwrap_or(0);
    for &(up_to, micros) in &plan.tiers {
        let end = up_to.map_or(overage, |u| u.min(overage));
        if end > start {
            cents += micros_to_cents(u128::from(end - start) * u128::from(micros));
            start = end;
        }
    }
    cents
}

fn reference_credits(messages: u64, calls: &[(u64, u64)], texts: u64, images: u64, reviews: u64, steps: &[(u64, u64, u64)]) -> u64 {
    let voice: u64 = calls.iter().map(|&(n, seconds)| n * seconds.div_ceil(60) * 4).sum();
    let workflow: u64 = steps.iter().map(|&(runs, per_run, tokens)| runs * per_run * if tokens <= 1000 { 1 } else { 2 }).sum();
    messages + voice + texts + images * 3 + reviews + workflow
}

#[test]
fn r22_compare_agrees_to_the_cent_with_an_exact_reference() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..2_000 {
        // A random book: 1..4 plans, each with 1..3 tiers and maybe a monthly price.
        let mut plans_json = vec![];
        let mut plans_ref = vec![];
        for p in 0..1 + rng.below(4) {
            let credits = 1 + rng.below(20_000);
            let tier_count = 1 + rng.below(3);
            let mut tiers = vec![];
            let mut end = 0;
            for t in 0..tier_count {
                let micros = rng.below(60_000); // up to $0.06 a credit, 6 decimals
                let up_to = (t + 1 < tier_count).then(|| {
                    end += 1 + rng.below(5_000);
                    end
                });
                tiers.push((up_to, micros));
            }
            let price_cents = (rng.below(2) == 0).then(|| u128::from(rng.below(100_000)));
            let mut plan = json!({
                "id": format!("p{p}"), "name": format!("Plan {p}"), "credits": credits,
                "overageRate": rate_string(tiers[0].1),
                "overageTiers": tiers.iter().map(|&(up_to, micros)| match up_to {
                    Some(u) => json!({"upTo": u, "rate": rate_string(micros)}),
                    None => json!({"rate": rate_string(micros)}),
                }).collect::<Vec<_>>(),
            });
            if let Some(c) = price_cents {
                plan["monthlyPrice"] = json!(cents_string(c));
            }
            plans_json.push(plan);
            plans_ref.push(RefPlan { credits, tiers, price_cents });
        }
        let mut book = support::published_json();
        book["plans"] = json!(plans_json);
        let book: PriceBook = schema::from_json(&book.to_string(), "book").unwrap();
        let calc = Calculator::new(&book).unwrap();

        // A random mix.
        let messages = rng.below(30_000);
        let calls: Vec<(u64, u64)> = (0..rng.below(3)).map(|_| (rng.below(500), rng.below(1_200))).collect();
        let (texts, images, reviews) = (rng.below(2_000), rng.below(1_000), rng.below(1_000));
        let steps: Vec<(u64, u64, u64)> = (0..rng.below(3)).map(|_| (rng.below(2_000), 1 + rng.below(4), rng.below(2_000))).collect();
        let mix = json!({
            "conversation": {"aiMessages": messages},
            "voice": calls.iter().map(|&(n, s)| json!({"calls": n, "averageSeconds": s})).collect::<Vec<_>>(),
            "content": {"textGenerations": texts, "imageGenerations": images},
            "reviews": {"responses": reviews},
            "workflow": steps.iter().map(|&(r, s, t)| json!({"executions": r, "gptSteps": s, "averageTokens": t})).collect::<Vec<_>>(),
        });
        let mix: UsageMix = schema::from_json(&mix.to_string(), "mix").unwrap();
        let comparison = calc.compare(&mix, &CompareOptions::default()).unwrap();

        let used = reference_credits(messages, &calls, texts, images, reviews, &steps);
        assert_eq!(comparison.estimate.credits, used, "round {round}");
        let mut best = (u128::MAX, 0);
        for (i, (quote, plan)) in comparison.plans.iter().zip(&plans_ref).enumerate() {
            let cents = reference_cost(plan, used);
            assert_eq!(quote.total_cost, cents_string(cents), "round {round} plan {i}");
            assert_eq!(quote.overage_credits, used.saturating_sub(plan.credits));
            if cents < best.0 {
                best = (cents, i);
            }
        }
        assert_eq!(comparison.recommended, format!("p{}", best.1), "round {round}");
    }
}
