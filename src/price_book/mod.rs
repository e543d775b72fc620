//! The validated price book: plans, credit rates and alert thresholds (R1, R5..R11,
//! R14, R19, R20). Built once from a [`schema::PriceBook`] by [`Book::from_schema`],
//! which refuses anything malformed with the field path (R23); after that every
//! calculation can trust it.

mod published;
pub mod shapes;
mod validate;

use rust_decimal::Decimal;

use crate::error::{BillingError, BillingResult};
use crate::schema;

pub use crate::schema::{OverageTier, VoiceRateEntry, VoiceRates, WorkflowRates};
pub use published::published_book;

/// The most plans a book may hold (each call's work grows with them: a backtest runs the
/// ledger twice per plan).
pub const MAX_PLANS: usize = 200;
/// The most graduated overage tiers a plan may have.
pub const MAX_TIERS: usize = 50;
/// The most entries in the voice rate table.
pub const MAX_VOICE_TABLE: usize = 500;
/// The most plan ids an unknown-plan error lists.
const IDS_SHOWN: usize = 10;

/// A validated price book.
#[derive(Debug, Clone, PartialEq)]
pub struct Book {
    plans: Vec<PlanTerms>,
    rates: CreditRates,
    alert_thresholds: Vec<u64>,
    source: schema::PriceBook,
}

/// One plan's terms.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanTerms {
    pub id: String,
    pub name: String,
    /// Monthly allocation, at least 1.
    pub credits: u64,
    /// Graduated overage tiers; a plan without tiers has one open tier at its rate.
    pub overage: Vec<OverageTier>,
    pub monthly_price: Option<Decimal>,
    pub top_up_rate: Decimal,
}

/// Credits per unit of each feature (R5..R10), all at least 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditRates {
    pub per_message: u64,
    pub voice: VoiceRates,
    pub text: u64,
    pub image: u64,
    pub per_response: u64,
    pub workflow: WorkflowRates,
}

/// An id as an error quotes it: at most 60 characters.
fn shown(id: &str) -> String {
    let cut: String = id.chars().take(60).collect();
    if cut.len() < id.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

impl Book {
    /// Validates `book` (R23); errors name `book.<field>`.
    pub fn from_schema(book: &schema::PriceBook) -> BillingResult<Book> {
        validate::book(book)
    }

    /// The published book (R1).
    pub fn published() -> Book {
        published_book()
    }

    /// The plans, in book order.
    pub fn plans(&self) -> &[PlanTerms] {
        &self.plans
    }

    /// The plan with `id`, or an error naming `path`.
    pub fn plan(&self, id: &str, path: &str) -> BillingResult<&PlanTerms> {
        self.plans.iter().find(|p| p.id == id).ok_or_else(|| {
            let known = crate::error::listed(self.plans.iter().take(IDS_SHOWN).map(|p| p.id.as_str()), "", "");
            let more = self.plans.len().saturating_sub(IDS_SHOWN);
            let rest = if more > 0 { format!(" and {more} more") } else { String::new() };
            BillingError::unknown(path, format!("unknown plan {}; the book has {}{rest}", crate::error::quote(&shown(id)), known))
        })
    }

    /// Credit rates by feature.
    pub fn rates(&self) -> &CreditRates {
        &self.rates
    }

    /// The book's alert thresholds, ascending (R14).
    pub fn alert_thresholds(&self) -> &[u64] {
        &self.alert_thresholds
    }

    /// The book as JS sees it.
    pub fn to_schema(&self) -> &schema::PriceBook {
        &self.source
    }
}
