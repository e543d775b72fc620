//! The calculator: one validated price book and every calculation on it. Pure Rust;
//! the WASM binding wraps it and only converts values.

use crate::backtest::backtest;
use crate::break_even::break_evens;
use crate::capacity::capacity;
use crate::compare::compare;
use crate::error::BillingResult;
use crate::estimate::estimate;
use crate::forecast::forecast;
use crate::price_book::Book;
use crate::project::project;
use crate::schema::{
    Backtest, BreakEven, Capacity, CompareOptions, Comparison, Estimate, Forecast, ForecastInput, GenerateEvents, PriceBook, Projection,
    ProjectionInput, Scenario, Simulation, UsageEvent, UsageMix,
};
use crate::simulate::{generate_events, simulate};
use crate::usage_log::UsageLog;

/// A price book validated once, and the calculations on it. A failed call changes
/// nothing: every method takes `&self`.
#[derive(Debug, Clone)]
pub struct Calculator {
    book: Book,
}

impl Default for Calculator {
    fn default() -> Self {
        Calculator { book: Book::published() }
    }
}

impl Calculator {
    /// A calculator on `book`, validated once (R20, R23).
    pub fn new(book: &PriceBook) -> BillingResult<Self> {
        Ok(Calculator { book: Book::from_schema(book)? })
    }

    /// The book in use.
    pub fn price_book(&self) -> &PriceBook {
        self.book.to_schema()
    }

    /// The validated book.
    pub fn book(&self) -> &Book {
        &self.book
    }

    /// Credits a month's usage needs (R5..R11).
    pub fn estimate(&self, mix: &UsageMix) -> BillingResult<Estimate> {
        estimate(&self.book, mix)
    }

    /// Every selected plan side by side (R14..R16, R20, R22).
    pub fn compare(&self, mix: &UsageMix, options: &CompareOptions) -> BillingResult<Comparison> {
        compare(&self.book, mix, options)
    }

    /// One plan's capacity per feature (R21).
    pub fn capacity(&self, plan: &str) -> BillingResult<Capacity> {
        capacity(&self.book, plan)
    }

    /// Event-by-event billing cycles (R2..R20), with a usage log's rows if given.
    pub fn simulate(&self, scenario: &Scenario, log: Option<&UsageLog>) -> BillingResult<Simulation> {
        simulate(&self.book, scenario, log)
    }

    /// Seeded synthetic events from a month's mix.
    pub fn generate_events(&self, spec: &GenerateEvents) -> BillingResult<Vec<UsageEvent>> {
        generate_events(&self.book, spec)
    }

    /// Where the current cycle is heading at its run rate.
    pub fn forecast(&self, input: &ForecastInput) -> BillingResult<Forecast> {
        forecast(&self.book, input)
    }

    /// A mix grown month by month, priced on the selected plans.
    pub fn project(&self, input: &ProjectionInput) -> BillingResult<Projection> {
        project(&self.book, input)
    }

    /// A scenario's usage (and a log's, if given) on every plan, without and with a hard cap.
    pub fn backtest(&self, scenario: &Scenario, log: Option<&UsageLog>) -> BillingResult<Backtest> {
        backtest(&self.book, scenario, log)
    }

    /// Where the cheaper plan of each pair changes, by monthly credits.
    pub fn break_evens(&self, plans: Option<&[String]>) -> BillingResult<Vec<BreakEven>> {
        break_evens(&self.book, plans)
    }
}
