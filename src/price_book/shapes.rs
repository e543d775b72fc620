//! The price book as JS passes and receives it (API.md "Price book").

use hoopai_billing_macros::shape;

use crate::schema::values::{Count, Money};

/// The only currency of the published book.
///
/// ```js
/// defaultPriceBook().currency; // "USD"
/// ```
#[shape]
#[derive(Copy, Eq)]
pub enum Currency {
    #[serde(rename = "USD")]
    Usd,
}

/// Plans, credit rates and alert thresholds (R1, R5..R11, R14, R19, R20).
///
/// ```js
/// const book = defaultPriceBook();
/// book.plans.push({ id: "ent", name: "Enterprise", credits: 50000, overageRate: "0.02",
///   overageTiers: [{ upTo: 10000, rate: "0.02" }, { rate: "0.015" }], monthlyPrice: "899.00" });
/// const calc = new Calculator(book);
/// ```
#[shape]
pub struct PriceBook {
    pub currency: Currency,
    /// Book order is display order.
    pub plans: Vec<Plan>,
    pub rates: Rates,
    /// Percentages of the allocation, default `[75, 90]` (R14).
    pub alert_thresholds: Vec<Count>,
}

/// A plan: its monthly allocation and what overage and top-ups cost (R1, R19, R20).
///
/// ```js
/// const pro = defaultPriceBook().plans[1]; // { id: "pro", credits: 2500, overageRate: "0.025", ... }
/// ```
#[shape]
pub struct Plan {
    pub id: String,
    pub name: String,
    /// The monthly allocation, at least 1 credit.
    pub credits: Count,
    /// Price of one overage credit.
    pub overage_rate: Money,
    /// Graduated overage: `upTo` is the running total of overage credits where a tier
    /// ends; the last tier has none (R20).
    pub overage_tiers: Option<Vec<OverageTier>>,
    /// The subscription price a month; `null` when unknown (R1).
    #[shape(nullable)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "Money | null"))]
    pub monthly_price: Option<Money>,
    /// Price of one top-up credit; default: the overage rate (R19).
    pub top_up_rate: Option<Money>,
}

/// One graduated overage tier (R20).
///
/// ```js
/// const tiers = [{ upTo: 10000, rate: "0.02" }, { rate: "0.015" }];
/// ```
#[shape]
#[derive(Copy, Eq)]
pub struct OverageTier {
    pub up_to: Option<Count>,
    pub rate: Money,
}

/// Credits per unit of each feature, whole numbers of at least 1 (R5..R10).
///
/// ```js
/// defaultPriceBook().rates.voice; // { default: 4, min: 3, max: 5, table: [] }
/// ```
#[shape]
pub struct Rates {
    pub conversation: ConversationRates,
    pub voice: VoiceRates,
    pub content: ContentRates,
    pub reviews: ReviewRates,
    pub workflow: WorkflowRates,
}

/// Conversation AI: credits per AI message (R5).
///
/// ```js
/// defaultPriceBook().rates.conversation.perMessage; // 1
/// ```
#[shape]
pub struct ConversationRates {
    pub per_message: Count,
}

/// Voice AI: credits per minute, its bounds and a table by provider and language (R7).
///
/// ```js
/// book.rates.voice.table.push({ provider: "eleven", language: "de", creditsPerMinute: 5 });
/// ```
#[shape]
#[derive(Eq)]
pub struct VoiceRates {
    pub default: Count,
    pub min: Count,
    pub max: Count,
    pub table: Vec<VoiceRateEntry>,
}

/// A voice rate for a provider, and optionally one language of it (R7).
///
/// ```js
/// const entry = { provider: "eleven", creditsPerMinute: 5 }; // every language of "eleven"
/// ```
#[shape]
#[derive(Eq)]
pub struct VoiceRateEntry {
    pub provider: String,
    pub language: Option<String>,
    pub credits_per_minute: Count,
}

/// Content AI: credits per text and per image generation (R8).
///
/// ```js
/// defaultPriceBook().rates.content; // { text: 1, image: 3 }
/// ```
#[shape]
pub struct ContentRates {
    pub text: Count,
    pub image: Count,
}

/// Reviews AI: credits per review response sent (R9).
///
/// ```js
/// defaultPriceBook().rates.reviews.perResponse; // 1
/// ```
#[shape]
pub struct ReviewRates {
    pub per_response: Count,
}

/// Workflow AI: credits per GPT step at or under the token boundary and over it (R10).
///
/// ```js
/// defaultPriceBook().rates.workflow; // { short: 1, long: 2, longAboveTokens: 1000 }
/// ```
#[shape]
#[derive(Copy, Eq)]
pub struct WorkflowRates {
    pub short: Count,
    pub long: Count,
    pub long_above_tokens: Count,
}
