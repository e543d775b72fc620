//! Any JSON text as a scenario: simulated (every credit accounted for) or refused.
#![no_main]
use hoopai_billing::schema::{from_json, Scenario};
use hoopai_billing::Calculator;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let calc = Calculator::default();
    if let Ok(scenario) = from_json::<Scenario>(text, "scenario") {
        if let Ok(simulation) = calc.simulate(&scenario, None) {
            for c in &simulation.cycles {
                assert_eq!(c.consumed_credits + c.blocked.credits + c.preview_credits, c.rated_credits);
            }
        }
        let _ = calc.backtest(&scenario, None);
    }
    let _ = hoopai_billing::usage_csv::parse_usage_csv(text);
});
