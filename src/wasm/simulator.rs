//! The simulator's half of `Calculator` (simulate, backtest, forecast, project,
//! generateEvents) and `parseUsageCsv`: in the full build only (Cargo feature
//! `simulator`, on by default), not in `@hoopai/billing/estimator`.

use wasm_bindgen::prelude::*;

use super::calculator::JsCalculator;
use super::convert::{answer, from_js, result_to_js, string_from_js, to_js};
use super::error::to_js_error;
use super::usage_log::JsUsageLog;
use crate::schema::{ForecastInput, GenerateEvents, ProjectionInput, Scenario};

#[wasm_bindgen(js_class = Calculator)]
impl JsCalculator {
    /// Charges usage events in time order over one or more billing cycles: hard cap,
    /// per-feature limits, top-ups, preview and test traffic, alerts, daily and per-agent
    /// credits, an invoice and savings insights per cycle (R2..R20). A `log`'s rows inside
    /// the cycles are charged with `scenario.events` (ties: the scenario's first); alert
    /// indexes count `scenario.events`, then the log's rows. (The package's entry point
    /// passes the bindings a shared handle on the log, which they take over.)
    ///
    /// ```js
    /// const { cycles } = calc.simulate({ plan: "starter", start: "2026-11-01", hardCap: true,
    ///   events: [{ at: "2026-11-02T09:00:00Z", feature: "voice", seconds: 135 }] });
    /// cycles[0].consumedCredits; // 12
    /// calc.simulate({ plan: "pro", start: "2026-11-15", cycles: 2 }, UsageLog.fromCsv(csv));
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Simulation")]
    pub fn simulate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue,
        log: Option<JsUsageLog>,
    ) -> Result<JsValue, JsValue> {
        let scenario: Scenario = from_js(scenario, "scenario")?;
        let simulation = self.inner.simulate(&scenario, log.as_ref().map(JsUsageLog::log)).map_err(to_js_error)?;
        let result = to_js(&simulation)?;
        // Agent names are the user's: a name such as `__proto__` must stay a key.
        for (i, cycle) in simulation.cycles.iter().enumerate() {
            if cycle.by_agent.keys().any(|name| name == "__proto__") {
                let cycles = js_sys::Reflect::get(&result, &"cycles".into())?;
                own_keys_object(&js_sys::Reflect::get(&cycles, &(i as u32).into())?, "byAgent", &cycle.by_agent)?;
            }
        }
        Ok(result)
    }

    /// Seeded synthetic events from a month's mix, spread over each cycle in time order:
    /// the same seed gives the same events.
    ///
    /// ```js
    /// const events = calc.generateEvents({ mix: { reviews: { responses: 30 } }, start: "2026-11-01", seed: 1 });
    /// events.length; // 30
    /// ```
    #[wasm_bindgen(js_name = generateEvents, unchecked_return_type = "UsageEvent[]")]
    pub fn generate_events(&self, #[wasm_bindgen(unchecked_param_type = "GenerateEvents")] spec: JsValue) -> Result<JsValue, JsValue> {
        answer(spec, "spec", |spec: &GenerateEvents| self.inner.generate_events(spec))
    }

    /// The current cycle at its run rate: projected credits by feature, the day the
    /// credits run out, the day each alert fires, and the cost on every plan.
    ///
    /// ```js
    /// const f = calc.forecast({ plan: "pro", cycleStart: "2026-11-01", asOf: "2026-11-11",
    ///                           usedByFeature: { conversation: 1000 } });
    /// f.projectedCredits; // 3000
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Forecast")]
    pub fn forecast(&self, #[wasm_bindgen(unchecked_param_type = "ForecastInput")] input: JsValue) -> Result<JsValue, JsValue> {
        answer(input, "input", |input: &ForecastInput| self.inner.forecast(input))
    }

    /// A mix grown month by month (overall or per feature), priced on any plans, with the
    /// recommended plan and its basis each month and over the period (R24).
    ///
    /// ```js
    /// const p = calc.project({ mix: { conversation: { aiMessages: 2000 } }, months: 12, growth: { overall: 10 } });
    /// p.months[11].recommended; // "premium"
    /// p.totals[0].totalCost;    // null: Starter's price is unknown; overageCost is known
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Projection")]
    pub fn project(&self, #[wasm_bindgen(unchecked_param_type = "ProjectionInput")] input: JsValue) -> Result<JsValue, JsValue> {
        answer(input, "input", |input: &ProjectionInput| self.inner.project(input))
    }

    /// A scenario's usage (last month's CSV export, say, as a `log`) on every plan of the
    /// book, without and with a hard cap, and the recommended plan with its basis (R24).
    ///
    /// ```js
    /// const log = UsageLog.fromCsv(csvText);
    /// const b = calc.backtest({ plan: "starter", start: "2026-10-01", withoutTopUps: true }, log);
    /// b.recommended;
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Backtest")]
    pub fn backtest(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue,
        log: Option<JsUsageLog>,
    ) -> Result<JsValue, JsValue> {
        answer(scenario, "scenario", |scenario: &Scenario| self.inner.backtest(scenario, log.as_ref().map(JsUsageLog::log)))
    }
}

/// Usage events from a CSV export, one row per event (columns in the README); a bad row
/// throws an `Error` naming its line and column.
///
/// ```js
/// import { parseUsageCsv } from "@hoopai/billing";
/// const events = parseUsageCsv("at,feature,seconds\n2026-11-02T09:00:00Z,voice,135\n");
/// events[0]; // { at: "2026-11-02T09:00:00Z", feature: "voice", seconds: 135 }
/// ```
#[wasm_bindgen(js_name = parseUsageCsv, unchecked_return_type = "UsageEvent[]")]
pub fn parse_usage_csv(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> Result<JsValue, JsValue> {
    let text = string_from_js(text, "csv")?;
    result_to_js(crate::usage_csv::parse_usage_csv(&text))
}

/// Sets `parent[key]` to an object of `entries` defined as own properties, so that a key
/// such as `__proto__` stays a key (the serializer assigns, and assigning `__proto__`
/// would set the prototype instead).
fn own_keys_object(parent: &JsValue, key: &str, entries: &std::collections::BTreeMap<String, u64>) -> Result<(), JsValue> {
    let object = js_sys::Object::new();
    for (name, &value) in entries {
        let descriptor = js_sys::Object::new();
        for (field, setting) in [
            ("value", JsValue::from_f64(value as f64)),
            ("enumerable", true.into()),
            ("writable", true.into()),
            ("configurable", true.into()),
        ] {
            js_sys::Reflect::set(&descriptor, &field.into(), &setting)?;
        }
        js_sys::Object::define_property(&object, &JsValue::from_str(name), &descriptor);
    }
    js_sys::Reflect::set(parent, &key.into(), &object)?;
    Ok(())
}
