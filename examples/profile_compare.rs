use std::hint::black_box;
use std::time::Instant;
use hoopai_billing::schema::{from_json, CompareOptions, UsageMix};
use hoopai_billing::Calculator;
fn time(label: &str, mut f: impl FnMut()) {
    for _ in 0..10000 { f(); }
    let n = 200_000;
    let t = Instant::now();
    for _ in 0..n { f(); }
    println!("{label}: {:.3} us", t.elapsed().as_secs_f64() * 1e6 / n as f64);
}
fn main() {
    let text = r#"{"conversation":{"aiMessages":3000},"voice":[{"calls":40,"averageSeconds":135}],"content":{"textGenerations":60,"imageGenerations":10},"reviews":{"responses":80},"workflow":[{"executions":300,"gptSteps":2,"averageTokens":600}]}"#;
    let calc = Calculator::default();
    let mix: UsageMix = from_json(text, "mix").unwrap();
    time("json parse", || { black_box(hoopai_billing::json::parse(black_box(text)).unwrap()); });
    time("from_json mix", || { black_box(from_json::<UsageMix>(black_box(text), "mix").unwrap()); });
    time("estimate", || { black_box(calc.estimate(black_box(&mix)).unwrap()); });
    time("compare", || { black_box(calc.compare(black_box(&mix), &CompareOptions::default()).unwrap()); });
    let d: rust_decimal::Decimal = "1234.5".parse().unwrap();
    time("format_amount", || { black_box(hoopai_billing::money::format_amount(black_box(d))); });
    let tiers = &calc.book().plans()[0].overage;
    time("overage_cost", || { black_box(hoopai_billing::overage::overage_cost(black_box(tiers), 2500, "").unwrap()); });
    time("book.plans clone check", || { black_box(calc.book().alert_thresholds().to_vec()); });
}
