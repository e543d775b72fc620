//! Helpers shared by the native scenario tests.
#![allow(dead_code)]

use hoopai_billing::schema::{self, CompareOptions, PriceBook, UsageMix};
use hoopai_billing::Calculator;

/// A usage mix from JSON text.
pub fn mix(json: &str) -> UsageMix {
    schema::from_json(json, "mix").unwrap_or_else(|e| panic!("test mix is valid: {e}"))
}

/// A price book from JSON text.
pub fn book(json: &str) -> PriceBook {
    schema::from_json(json, "book").unwrap_or_else(|e| panic!("test book is valid JSON: {e}"))
}

/// The published book as JSON, to edit in a test.
pub fn published_json() -> serde_json::Value {
    serde_json::to_value(Calculator::default().price_book()).expect("serializable")
}

/// Compares `mix` on the published book with default options.
pub fn compare(mix_json: &str) -> hoopai_billing::schema::Comparison {
    Calculator::default().compare(&mix(mix_json), &CompareOptions::default()).expect("valid mix")
}

/// The error a calculator gives for a book in JSON, as its message.
pub fn book_error(json: &serde_json::Value) -> String {
    match schema::from_json::<PriceBook>(&json.to_string(), "book") {
        Err(e) => e.to_string(),
        Ok(book) => match Calculator::new(&book) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("book should be refused: {json}"),
        },
    }
}
