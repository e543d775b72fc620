//! The boundary's reading machinery and scalar values, and every shape by the name
//! `../shared/API.md` gives it. Each shape is declared once, with `#[shape]`, beside the
//! operation it serves (`compare::Comparison`, `simulate::scenario::Scenario`, ...); this
//! module names them all in one place.
//!
//! Every input is read by [`read`]: unknown fields are refused and every scalar is checked
//! as it is read; the core then validates what needs more than one field. TypeScript
//! declarations come from the same declarations (tsify), so the `.d.ts` cannot drift.

pub mod read;
pub mod values;

pub use values::{Amount, Count, Measure, Money};

// Shapes declared with the operation they serve, named here too.
pub use crate::backtest::{Backtest, BacktestPlan, CappedCost};
pub use crate::break_even::BreakEven;
pub use crate::capacity::{Capacity, UnitRange};
pub use crate::compare::{CompareOptions, Comparison, CostRange, HardCapQuote, PlanQuote};
pub use crate::estimate::{CreditRange, Estimate};
pub use crate::forecast::{AlertForecast, Forecast, ForecastInput, ProjectedBill, ProjectedCost};
pub use crate::price_book::shapes::*;
pub use crate::project::{Growth, Percent, PlanTotal, ProjectedMonth, Projection, ProjectionInput};
pub use crate::recommend::Basis;
pub use crate::simulate::scenario::*;
pub use crate::simulate::simulation::*;
pub use crate::usage_log::CsvOptions;
pub use crate::usage_mix::*;

pub use read::{from_json, measure_value, Fields, Path, ReadValue};
