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

/// The overage cost in cents: one rounded line per tier.
fn reference_overage(plan: &RefPlan, used: u64) -> u128 {
    let overage = used.saturating_sub(plan.credits);
    let mut start = 0;
    let mut cents = 0;
    for &(up_to, micros) in &plan.tiers {
        let end = up_to.map_or(overage, |u| u.min(overage));
        if end > start {
            cents += micros_to_cents(u128::from(end - start) * u128::from(micros));
            start = end;
        }
    }
    cents
}

/// The recommendation of R24, written out plainly: every price known, the lowest total
/// (ties: earlier); else the smallest covering allocation (ties: earlier), or with none
/// covering, the lowest overage (ties: larger allocation, then earlier).
fn reference_recommendation(plans: &[RefPlan], used: u64) -> (usize, &'static str) {
    if plans.iter().all(|p| p.price_cents.is_some()) {
        let totals: Vec<u128> = plans.iter().map(|p| p.price_cents.unwrap() + reference_overage(p, used)).collect();
        let best = (0..plans.len()).min_by_key(|&i| (totals[i], i)).unwrap();
        return (best, "totalCost");
    }
    if let Some(best) = (0..plans.len()).filter(|&i| used <= plans[i].credits).min_by_key(|&i| (plans[i].credits, i)) {
        return (best, "allocation");
    }
    let best = (0..plans.len()).min_by_key(|&i| (reference_overage(&plans[i], used), u64::MAX - plans[i].credits, i)).unwrap();
    (best, "allocation")
}

fn reference_credits(messages: u64, calls: &[(u64, u64)], texts: u64, images: u64, reviews: u64, steps: &[(u64, u64, u64)]) -> u64 {
    let voice: u64 = calls.iter().map(|&(n, seconds)| n * seconds.div_ceil(60) * 4).sum();
    let workflow: u64 = steps.iter().map(|&(runs, per_run, tokens)| runs * per_run * if tokens <= 1000 { 1 } else { 2 }).sum();
    messages + voice + texts + images * 3 + reviews + workflow
}

#[test]
fn r22_r24_compare_agrees_to_the_cent_with_an_exact_reference() {
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
        for (i, (quote, plan)) in comparison.plans.iter().zip(&plans_ref).enumerate() {
            let overage = reference_overage(plan, used);
            assert_eq!(quote.overage_cost.to_string(), cents_string(overage), "round {round} plan {i}");
            // R1: an unknown monthly price makes the total unknown, never $0.
            assert_eq!(
                quote.total_cost.map(|a| a.to_string()),
                plan.price_cents.map(|p| cents_string(p + overage)),
                "round {round} plan {i}"
            );
            assert_eq!(quote.overage_credits, used.saturating_sub(plan.credits));
        }
        let (best, basis) = reference_recommendation(&plans_ref, used);
        assert_eq!(comparison.recommended, format!("p{best}"), "round {round}");
        assert_eq!(serde_json::to_value(comparison.basis).unwrap(), basis, "round {round}");
    }
}

/// R24: `breakEvens` lists exactly the credit levels where compare's recommendation
/// changes: checked level by level against compare on random books, priced and not,
/// with graduated tiers and rates of up to 6 decimals (so cent rounding decides flips).
#[test]
fn r24_break_evens_are_exactly_where_compare_changes_its_recommendation() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let (mut changes, mut flips_back) = (0, 0);
    for round in 0..30 {
        let mut plans_json: Vec<serde_json::Value> = vec![];
        for p in 0..2 + rng.below(3) {
            let credits = 1 + rng.below(3_000);
            // A third of the plans copy the previous plan's rates and price it within a few
            // cents: parallel lines whose cent rounding alone orders them.
            if p > 0 && rng.below(3) == 0 {
                let mut plan = plans_json[p as usize - 1].clone();
                plan["id"] = json!(format!("p{p}"));
                plan["name"] = json!(format!("Plan {p}"));
                plan["credits"] = json!(plan["credits"].as_u64().unwrap() + rng.below(3));
                if let Some(price) = plan["monthlyPrice"].as_str() {
                    let cents: u128 = price.replace('.', "").parse().unwrap();
                    plan["monthlyPrice"] = json!(cents_string(cents + u128::from(rng.below(3))));
                }
                plans_json.push(plan);
                continue;
            }
            let tier_count = 1 + rng.below(3);
            let mut end = 0;
            let tiers: Vec<serde_json::Value> = (0..tier_count)
                .map(|t| {
                    let rate = rate_string(10_000 + rng.below(30_000));
                    if t + 1 < tier_count {
                        end += 1 + rng.below(2_000);
                        json!({"upTo": end, "rate": rate})
                    } else {
                        json!({"rate": rate})
                    }
                })
                .collect();
            let mut plan = json!({"id": format!("p{p}"), "name": format!("Plan {p}"), "credits": credits,
                "overageRate": tiers[0]["rate"], "overageTiers": tiers});
            // Most books priced (totalCost basis); some with an unknown price (allocation).
            if rng.below(4) != 0 {
                plan["monthlyPrice"] = json!(cents_string(u128::from(rng.below(9_000))));
            }
            plans_json.push(plan);
        }
        let mut book = support::published_json();
        book["plans"] = json!(plans_json);
        let calc = Calculator::new(&schema::from_json(&book.to_string(), "book").unwrap()).unwrap();
        let points = calc.break_evens(None).unwrap();
        let recommended = |credits: u64| {
            let mix: UsageMix = schema::from_json(&format!(r#"{{"conversation":{{"aiMessages":{credits}}}}}"#), "mix").unwrap();
            calc.compare(&mix, &CompareOptions::default()).unwrap().recommended
        };
        let mut expected = vec![];
        let mut before = recommended(0);
        for credits in 1..=12_000 {
            let now = recommended(credits);
            if now != before {
                expected.push((credits, before.clone(), now.clone()));
                before = now;
            }
        }
        let found: Vec<(u64, String, String)> =
            points.iter().filter(|p| p.credits <= 12_000).map(|p| (p.credits, p.from.clone(), p.to.clone())).collect();
        assert_eq!(found, expected, "round {round}: {book}");
        changes += expected.len();
        flips_back += expected.windows(2).filter(|w| w[0].1 == w[1].2 && w[1].0 - w[0].0 < 10).count();
    }
    // The books are varied enough to test something: many changes, some of them flips a
    // few credits apart that only cent rounding explains.
    assert!(changes >= 40 && flips_back >= 1, "{changes} changes, {flips_back} rounding flips");
}

/// R22, R23 at the largest sizes the API accepts: rates of up to 20 digits (at most 6
/// decimals) on up to 2^53 - 1 overage credits. Each line is exact, rounded once, or an
/// OVERFLOW error exactly when the amount cannot be held to the cent (96 bits of cents,
/// or of dimes or dollars when those digits are zeros). The reference is u128 arithmetic.
#[test]
fn r22_lines_are_exact_or_overflow_at_the_largest_rates_and_counts() {
    const DECIMAL_MAX: u128 = (1 << 96) - 1;
    let fits = |cents: u128| (0..=2u32).any(|d| cents.is_multiple_of(10u128.pow(d)) && cents / 10u128.pow(d) <= DECIMAL_MAX);
    let mut rng = Rng(0x0005_EED0_FB16_C0DE);
    let (mut exact, mut overflow) = (0, 0);
    for round in 0..3_000 {
        // Log-uniform magnitudes: a rate of 1..20 digits with 0..6 of them decimals, a count up to 2^53 - 1.
        let digits = 1 + rng.below(20) as u32;
        let decimals = rng.below(u64::from(digits.min(6)) + 1) as u32;
        let mantissa = (u128::from(rng.next()) << 64 | u128::from(rng.next())) % 10u128.pow(digits);
        let rate = if decimals == 0 {
            mantissa.to_string()
        } else {
            let text = format!("{:0width$}", mantissa, width = decimals as usize + 1);
            format!("{}.{}", &text[..text.len() - decimals as usize], &text[text.len() - decimals as usize..])
        };
        let count = rng.next() >> (11 + rng.below(53));
        let count = count.min((1 << 53) - 2);
        let mut book = support::published_json();
        book["plans"] = json!([{"id": "x", "name": "X", "credits": 1, "overageRate": rate}]);
        let calc = Calculator::new(&schema::from_json(&book.to_string(), "book").unwrap()).unwrap();
        let mix: UsageMix = schema::from_json(&format!(r#"{{"conversation":{{"aiMessages":{}}}}}"#, count + 1), "mix").unwrap();
        // Reference: count x mantissa in 10^-decimals, rounded half up to cents.
        let product = u128::from(count) * mantissa;
        let cents = if decimals >= 2 {
            let unit = 10u128.pow(decimals - 2);
            product / unit + u128::from(unit > 1 && product % unit >= unit.div_ceil(2))
        } else {
            product * 10u128.pow(2 - decimals)
        };
        match calc.compare(&mix, &CompareOptions::default()) {
            Ok(c) => {
                assert!(fits(cents), "round {round}: {count} x {rate} should not fit");
                assert_eq!(c.plans[0].overage_cost.to_string(), cents_string(cents), "round {round}: {count} x {rate}");
                exact += 1;
            }
            Err(e) => {
                assert_eq!(e.code().as_str(), "OVERFLOW", "round {round}: {e}");
                assert!(!fits(cents), "round {round}: {count} x {rate} fits but was refused: {e}");
                overflow += 1;
            }
        }
    }
    assert!(exact > 1_000 && overflow > 100, "{exact} exact, {overflow} overflow: both sides tested");
}
