//! The shapes that cross the JS boundary, exactly as `../shared/API.md` names them.
//!
//! Every input type is read by [`read`]: unknown fields are refused and every scalar is
//! checked as it is read; the core then validates what needs more than one field. TypeScript
//! declarations are derived from these types (tsify), so the `.d.ts` cannot drift.

pub mod book;
pub mod mix;
pub mod planning;
pub mod read;
pub mod results;
pub mod scenario;
pub mod simulation;
pub mod values;

pub use book::*;
pub use mix::*;
pub use planning::*;
pub use results::*;
pub use scenario::*;
pub use simulation::*;
pub use values::{Amount, Count, Measure, Money};

pub use read::{from_json, Fields, Path, ReadValue};
