//! The exported `Calculator` class and `defaultPriceBook()`: what the estimator build
//! (`@hoopai/billing/estimator`) has. The simulator's methods are in `simulator.rs`.

use wasm_bindgen::prelude::*;

use super::convert::{answer, from_js, optional, result_to_js, string_from_js, to_js};
use super::error::to_js_error;
use crate::calculator::Calculator;
use crate::schema::{CompareOptions, PriceBook, UsageMix};

/// The published price book: Starter, Pro and Premium with their credits and overage
/// rates, the credit rates of every feature and the default alerts (R1..R21).
///
/// ```js
/// import { defaultPriceBook } from "@hoopai/billing";
/// const book = defaultPriceBook();
/// book.plans.map(p => p.id); // ["starter", "pro", "premium"]
/// ```
#[wasm_bindgen(js_name = defaultPriceBook, unchecked_return_type = "PriceBook")]
pub fn default_price_book() -> Result<JsValue, JsValue> {
    to_js(Calculator::default().price_book())
}

/// Prices usage in credits and money on one price book, validated once.
///
/// ```js
/// import { Calculator } from "@hoopai/billing";
/// const calc = new Calculator();              // the published book
/// const { recommended } = calc.compare({ conversation: { aiMessages: 3000 } });
/// ```
#[wasm_bindgen(js_name = Calculator)]
pub struct JsCalculator {
    pub(super) inner: Calculator,
}

#[wasm_bindgen(js_class = Calculator)]
impl JsCalculator {
    /// A calculator on `book` (default: the published book). Throws an `Error` naming
    /// the field for a malformed book: `book.plans[1].credits: must be at least 1 credit, got 0`.
    ///
    /// ```js
    /// const book = defaultPriceBook();
    /// book.plans.push({ id: "ent", name: "Enterprise", credits: 50000, overageRate: "0.015",
    ///                   monthlyPrice: "899.00" });
    /// const calc = new Calculator(book);
    /// ```
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_optional_param_type = "PriceBook")] book: JsValue) -> Result<JsCalculator, JsValue> {
        let Some(book) = optional::<PriceBook>(book, "book")? else {
            return Ok(JsCalculator { inner: Calculator::default() });
        };
        Calculator::new(&book).map(|inner| JsCalculator { inner }).map_err(to_js_error)
    }

    /// The price book in use.
    ///
    /// ```js
    /// new Calculator().priceBook.alertThresholds; // [75, 90]
    /// ```
    #[wasm_bindgen(getter, js_name = priceBook, unchecked_return_type = "PriceBook")]
    pub fn price_book(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.price_book())
    }

    /// The credits a month's usage needs, by feature, with the low..high range (R5..R11).
    ///
    /// ```js
    /// calc.estimate({ voice: [{ calls: 1, averageSeconds: 135 }] }).credits; // 12: 3 min x 4
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Estimate")]
    pub fn estimate(&self, #[wasm_bindgen(unchecked_param_type = "UsageMix")] mix: JsValue) -> Result<JsValue, JsValue> {
        answer(mix, "mix", |mix: &UsageMix| self.inner.estimate(mix))
    }

    /// Every plan side by side for the usage: overage credits and exact cost, total
    /// (`null` where the monthly price is unknown), alerts, the hard-cap split, and the
    /// recommended plan with its basis (R24).
    ///
    /// ```js
    /// const { plans, recommended, basis } = calc.compare({ conversation: { aiMessages: 600 } });
    /// plans[0].overageCost;  // "3.00": 100 credits over Starter at $0.03
    /// plans[0].totalCost;    // null: the published book has no monthly prices
    /// [recommended, basis];  // ["pro", "allocation"]: Pro's 2,500 credits cover 600
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Comparison")]
    pub fn compare(
        &self,
        #[wasm_bindgen(unchecked_param_type = "UsageMix")] mix: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CompareOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let mix: UsageMix = from_js(mix, "mix")?;
        let options: CompareOptions = optional(options, "options")?.unwrap_or_default();
        result_to_js(self.inner.compare(&mix, &options))
    }

    /// What a plan covers if spent on one feature alone (R21).
    ///
    /// ```js
    /// calc.capacity("starter").perFeature.voice; // { low: 100, high: 166 }
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Capacity")]
    pub fn capacity(&self, #[wasm_bindgen(unchecked_param_type = "string")] plan: JsValue) -> Result<JsValue, JsValue> {
        let plan = string_from_js(plan, "plan")?;
        result_to_js(self.inner.capacity(&plan))
    }

    /// Traps on purpose (`unreachable`) while the calculator is borrowed, the way an
    /// out-of-memory abort would, so the package's recovery can be tested. Not part of the
    /// API (left out of the types).
    ///
    /// ```js
    /// try { calc.__testTrap(); } catch (e) { e.code; } // "TRAPPED"; the next call works
    /// ```
    #[wasm_bindgen(js_name = __testTrap, skip_typescript)]
    pub fn test_trap(&self) {
        core::arch::wasm32::unreachable()
    }

    /// Every monthly credit level, ascending, at which `compare`'s recommended plan among
    /// `plans` (default: every plan of the book) changes, cent rounding included (R24).
    ///
    /// ```js
    /// new Calculator().breakEvens();
    /// // [{ credits: 501, from: "starter", to: "pro" }, { credits: 2501, from: "pro", to: "premium" }]
    /// ```
    #[wasm_bindgen(js_name = breakEvens, unchecked_return_type = "BreakEven[]")]
    pub fn break_evens(&self, #[wasm_bindgen(unchecked_optional_param_type = "string[]")] plans: JsValue) -> Result<JsValue, JsValue> {
        let plans: Option<Vec<String>> = if plans.is_undefined() {
            None
        } else {
            if !js_sys::Array::is_array(&plans) {
                return Err(to_js_error(crate::error::BillingError::invalid("plans", "must be an array of plan ids")));
            }
            let list: js_sys::Array = plans.unchecked_into();
            Some(list.iter().enumerate().map(|(i, id)| string_from_js(id, &format!("plans[{i}]"))).collect::<Result<_, _>>()?)
        };
        result_to_js(self.inner.break_evens(plans.as_deref()))
    }
}
