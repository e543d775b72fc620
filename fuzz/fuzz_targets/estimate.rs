//! Any JSON text as a usage mix: estimated, compared and projected, or refused.
#![no_main]
use hoopai_billing::schema::{from_json, CompareOptions, ProjectionInput, UsageMix};
use hoopai_billing::Calculator;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let calc = Calculator::default();
    if let Ok(mix) = from_json::<UsageMix>(text, "mix") {
        let estimate = calc.estimate(&mix);
        let comparison = calc.compare(&mix, &CompareOptions::default());
        assert_eq!(estimate.is_ok(), comparison.is_ok());
    }
    if let Ok(input) = from_json::<ProjectionInput>(text, "input") {
        let _ = calc.project(&input);
    }
});
