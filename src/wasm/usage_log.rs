//! The exported `UsageLog` and `UsageLogBuilder` classes: a CSV export held inside the
//! engine, read whole or chunk by chunk.

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use super::convert::{optional, result_to_js, string_from_js};
use super::error::to_js_error;
use crate::error::BillingError;
use crate::time::format_timestamp;
use crate::usage_log::{CsvOptions, UsageLog, UsageLogBuilder, MAX_LOG_BYTES};

/// Big inputs are copied into the engine a slice at a time, so a whole export never
/// needs a second copy beside the log.
const SLICE: u32 = 8 << 20;

/// A usage export read once into the engine: simulated, backtested and forecast without
/// crossing again. Rows are kept in time order (rows at the same moment in the file's).
///
/// ```js
/// import { Calculator, UsageLog } from "@hoopai/billing";
/// const log = UsageLog.fromCsv(await file.text());
/// const sim = new Calculator().simulate({ plan: "pro", start: "2026-11-15", cycles: 2 }, log);
/// log.free();
/// ```
#[wasm_bindgen(js_name = UsageLog)]
pub struct JsUsageLog {
    inner: Rc<UsageLog>,
}

impl JsUsageLog {
    /// The log inside.
    pub fn log(&self) -> &UsageLog {
        &self.inner
    }
}

/// A builder reading as the optional `options` say.
fn builder_with(options: JsValue) -> Result<UsageLogBuilder, JsValue> {
    let options: CsvOptions = optional(options, "options")?.unwrap_or_default();
    UsageLogBuilder::new(&options).map_err(to_js_error)
}

fn too_large(length: u64) -> JsValue {
    to_js_error(BillingError::limit("csv", format!("is {length} bytes; at most {MAX_LOG_BYTES} can be read into one log")))
}

/// Copies `bytes` into `builder` a slice at a time; more than a log reads is refused
/// before any is copied.
fn push_bytes(builder: &mut UsageLogBuilder, bytes: &js_sys::Uint8Array) -> Result<(), JsValue> {
    let length = bytes.length();
    if u64::from(length) > MAX_LOG_BYTES {
        return Err(too_large(length.into()));
    }
    let mut from = 0;
    while from < length {
        let to = length.min(from + SLICE);
        builder.push(&bytes.subarray(from, to).to_vec()).map_err(to_js_error)?;
        from = to;
    }
    Ok(())
}

#[wasm_bindgen(js_class = UsageLog)]
impl JsUsageLog {
    /// Reads a whole CSV export (columns in the README), as text or bytes: UTF-8, or UTF-16
    /// (Excel's "Unicode Text"). Bad rows throw one `Error` naming the first,
    /// `csv line N, column C ("Header")`, with the others in `problems`. `options` may
    /// name columns to leave out (`ignoreColumns`).
    ///
    /// ```js
    /// const log = UsageLog.fromCsv("at,feature,seconds\n2026-11-02T09:00:00Z,voice,135\n");
    /// log.length; // 1
    /// UsageLog.fromCsv("id,at,feature\n7,2026-11-02,reviews\n", { ignoreColumns: ["id"] }).length; // 1
    /// ```
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] data: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CsvOptions")] options: JsValue,
    ) -> Result<JsUsageLog, JsValue> {
        let mut builder = builder_with(options)?;
        if let Some(bytes) = data.dyn_ref::<js_sys::Uint8Array>() {
            push_bytes(&mut builder, bytes)?;
        } else if let Some(text) = data.dyn_ref::<js_sys::JsString>() {
            let length = text.length();
            // Each UTF-16 unit is at least one byte of UTF-8: a text longer than the limit in
            // units is refused before any is copied (the builder counts the bytes as they come).
            if u64::from(length) > MAX_LOG_BYTES {
                return Err(too_large(length.into()));
            }
            let mut from = 0;
            while from < length {
                let mut to = length.min(from + SLICE);
                // Never split a surrogate pair: end the slice before a high surrogate.
                if to < length && (0xD800..0xDC00).contains(&text.char_code_at(to - 1).to_bits()) {
                    to -= 1;
                }
                let slice = string_from_js(text.slice(from, to).into(), "csv")?;
                builder.push(slice.as_bytes()).map_err(to_js_error)?;
                from = to;
            }
        } else {
            return Err(to_js_error(BillingError::invalid("csv", "must be a string or a Uint8Array of UTF-8 or UTF-16 text")));
        }
        builder.finish().map(|log| JsUsageLog { inner: Rc::new(log) }).map_err(to_js_error)
    }

    /// A builder for an export read in chunks (a `File`'s stream), with the rows read so
    /// far for a progress bar.
    ///
    /// ```js
    /// const builder = UsageLog.builder({ ignoreColumns: ["Notes"] }); // options may be left out
    /// for await (const chunk of file.stream()) builder.push(chunk);
    /// const log = builder.finish();
    /// ```
    pub fn builder(#[wasm_bindgen(unchecked_optional_param_type = "CsvOptions")] options: JsValue) -> Result<JsUsageLogBuilder, JsValue> {
        Ok(JsUsageLogBuilder { inner: Some(builder_with(options)?), finished_rows: 0, failed: None })
    }

    /// The number of rows (events and top-ups).
    ///
    /// ```js
    /// log.length; // 1200
    /// ```
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> u32 {
        self.inner.len() as u32
    }

    /// The earliest row's time, as the API writes timestamps; `null` for no rows.
    ///
    /// ```js
    /// log.first; // "2026-11-15T08:02:11Z"
    /// ```
    #[wasm_bindgen(getter, unchecked_return_type = "string | null")]
    pub fn first(&self) -> JsValue {
        self.inner.span().map_or(JsValue::NULL, |(first, _)| JsValue::from_str(&format_timestamp(first)))
    }

    /// The latest row's time; `null` for no rows.
    ///
    /// ```js
    /// log.last; // "2026-12-14T21:40:00Z"
    /// ```
    #[wasm_bindgen(getter, unchecked_return_type = "string | null")]
    pub fn last(&self) -> JsValue {
        self.inner.span().map_or(JsValue::NULL, |(_, last)| JsValue::from_str(&format_timestamp(last)))
    }

    /// Rows `from` (default 0) to `to` (default the end, exclusive) as events, for display:
    /// like `Array.prototype.slice`, a window past the log's end stops at its end; `to`
    /// before `from` is an error.
    ///
    /// ```js
    /// log.events(0, 20); // the first 20 rows
    /// ```
    #[wasm_bindgen(unchecked_return_type = "UsageEvent[]")]
    pub fn events(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "number")] from: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number")] to: JsValue,
    ) -> Result<JsValue, JsValue> {
        let len = self.inner.len() as u64;
        let from = row_index(&from, 0, "from")?;
        // Left out, `to` is the end, or `from` past it: a window there is empty, as in slice.
        let to = row_index(&to, len.max(from), "to")?;
        if to < from {
            return Err(to_js_error(BillingError::invalid("to", format!("must be at least `from` ({from}), got {to}"))));
        }
        let (from, to) = (from.min(len) as usize, to.min(len) as usize);
        if to - from > crate::usage_csv::MAX_CSV_ROWS {
            return Err(to_js_error(BillingError::limit(
                "to",
                format!("asks for {} events; at most {} at once", to - from, crate::usage_csv::MAX_CSV_ROWS),
            )));
        }
        result_to_js(Ok(self.inner.events(from, to)))
    }

    /// Another handle on the same log (shared, not copied): what the package's entry point
    /// hands to `simulate` and `backtest`, which take it over. Not part of the API.
    ///
    /// ```js
    /// calc.simulate(scenario, log.__share());
    /// ```
    #[wasm_bindgen(js_name = __share, skip_typescript)]
    pub fn share(&self) -> JsUsageLog {
        JsUsageLog { inner: Rc::clone(&self.inner) }
    }
}

/// A usage log read chunk by chunk: any split, even inside a row or a UTF-8 character.
///
/// ```js
/// const builder = UsageLog.builder();
/// builder.push(new TextEncoder().encode("at,feature\n2026-11-02,rev"));
/// builder.push(new TextEncoder().encode("iews\n"));
/// builder.finish().length; // 1
/// ```
#[wasm_bindgen(js_name = UsageLogBuilder)]
pub struct JsUsageLogBuilder {
    inner: Option<UsageLogBuilder>,
    /// The rows of the finished log.
    finished_rows: usize,
    /// Why `finish` failed, repeated by every later call.
    failed: Option<BillingError>,
}

impl JsUsageLogBuilder {
    /// The builder, unless it has finished (or failed to).
    fn open(&mut self) -> Result<&mut UsageLogBuilder, JsValue> {
        match (&mut self.inner, &self.failed) {
            (_, Some(error)) => Err(to_js_error(error.clone())),
            (Some(builder), None) => Ok(builder),
            (None, None) => Err(to_js_error(BillingError::invalid("builder", "has finished; start another with UsageLog.builder()"))),
        }
    }
}

#[wasm_bindgen(js_class = UsageLogBuilder)]
impl JsUsageLogBuilder {
    /// Reads the next chunk. After an error the builder is spent: every later call
    /// throws the same error.
    ///
    /// ```js
    /// builder.push(chunk); // a Uint8Array
    /// ```
    pub fn push(&mut self, #[wasm_bindgen(unchecked_param_type = "Uint8Array")] chunk: JsValue) -> Result<(), JsValue> {
        let builder = self.open()?;
        let Some(bytes) = chunk.dyn_ref::<js_sys::Uint8Array>() else {
            return Err(to_js_error(BillingError::invalid("chunk", "must be a Uint8Array of the export's bytes (UTF-8 or UTF-16)")));
        };
        push_bytes(builder, bytes)
    }

    /// Rows read so far (after `finish`, the log's rows).
    ///
    /// ```js
    /// progress.value = builder.rows;
    /// ```
    #[wasm_bindgen(getter)]
    pub fn rows(&self) -> u32 {
        self.inner.as_ref().map_or(self.finished_rows, UsageLogBuilder::rows) as u32
    }

    /// Ends the export: the log, its rows in time order. The builder is then done.
    ///
    /// ```js
    /// const log = builder.finish();
    /// ```
    pub fn finish(&mut self) -> Result<JsUsageLog, JsValue> {
        self.open()?;
        let builder = self.inner.take().unwrap_or_default();
        self.finished_rows = builder.rows();
        builder.finish().map(|log| JsUsageLog { inner: Rc::new(log) }).map_err(|error| {
            self.failed = Some(error.clone());
            to_js_error(error)
        })
    }
}

/// A row index argument: left out, `default`; else a whole JS number >= 0 (never a string
/// read as its digits). Past 2^64 it is read as 2^64 − 1: a window that far ends at the log's end.
fn row_index(value: &JsValue, default: u64, name: &str) -> Result<u64, JsValue> {
    if value.is_undefined() {
        return Ok(default);
    }
    match value.as_f64() {
        Some(v) if v.is_finite() && v >= 0.0 && v.fract() == 0.0 => Ok(v as u64),
        // JS writes the number (Rust's float formatting would add to the bundle).
        Some(v) => {
            let text = js_sys::Number::from(v).to_string_with_radix(10).map(String::from).unwrap_or_default();
            Err(to_js_error(BillingError::invalid(name, format!("must be a whole number >= 0, got {text}"))))
        }
        None if value.is_null() => Err(to_js_error(BillingError::invalid(name, "must be a whole number >= 0, got null; leave it out"))),
        None => Err(to_js_error(BillingError::invalid(
            name,
            format!("must be a whole number >= 0, got a {}", value.js_typeof().as_string().unwrap_or_default()),
        ))),
    }
}
