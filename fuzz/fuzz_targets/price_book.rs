//! Any JSON text as a price book: validated or refused with an error, never a panic.
#![no_main]
use hoopai_billing::schema::{from_json, PriceBook};
use hoopai_billing::Calculator;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(book) = from_json::<PriceBook>(text, "book") {
        if let Ok(calc) = Calculator::new(&book) {
            for plan in &calc.price_book().plans {
                let _ = calc.capacity(&plan.id);
            }
            let _ = calc.compare(&Default::default(), &Default::default());
            let _ = calc.break_evens(None);
        }
    }
});
