//! The price book as JS passes and receives it (API.md "Price book").

use serde::Serialize;

use super::read::{Fields, Path, ReadValue};
use crate::error::BillingResult;
use crate::json::Value;

use super::values::{Count, Money};

/// The only currency of the published book.
///
/// ```js
/// defaultPriceBook().currency; // "USD"
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Currency {
    #[serde(rename = "USD")]
    Usd,
}

impl ReadValue for Currency {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        super::read::read_variant(value, path, &[("USD", Currency::Usd)])
    }
}

/// Plans, credit rates and alert thresholds (R1, R5..R11, R14, R19, R20).
///
/// ```js
/// const book = defaultPriceBook();
/// book.plans.push({ id: "ent", name: "Enterprise", credits: 50000, overageRate: "0.02",
///   overageTiers: [{ upTo: 10000, rate: "0.02" }, { rate: "0.015" }], monthlyPrice: "899.00" });
/// const calc = new Calculator(book);
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub id: String,
    pub name: String,
    /// The monthly allocation, at least 1 credit.
    pub credits: Count,
    /// Price of one overage credit.
    pub overage_rate: Money,
    /// Graduated overage: `upTo` is the running total of overage credits where a tier
    /// ends; the last tier has none (R20).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub overage_tiers: Option<Vec<OverageTier>>,
    /// The subscription price a month; `null` when unknown (R1).
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "Money | null"))]
    pub monthly_price: Option<Money>,
    /// Price of one top-up credit; default: the overage rate (R19).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub top_up_rate: Option<Money>,
}

/// One graduated overage tier (R20).
///
/// ```js
/// const tiers = [{ upTo: 10000, rate: "0.02" }, { rate: "0.015" }];
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OverageTier {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub up_to: Option<Count>,
    pub rate: Money,
}

/// Credits per unit of each feature, whole numbers of at least 1 (R5..R10).
///
/// ```js
/// defaultPriceBook().rates.voice; // { default: 4, min: 3, max: 5, table: [] }
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationRates {
    pub per_message: Count,
}

/// Voice AI: credits per minute, its bounds and a table by provider and language (R7).
///
/// ```js
/// book.rates.voice.table.push({ provider: "eleven", language: "de", creditsPerMinute: 5 });
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VoiceRateEntry {
    pub provider: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub language: Option<String>,
    pub credits_per_minute: Count,
}

/// Content AI: credits per text and per image generation (R8).
///
/// ```js
/// defaultPriceBook().rates.content; // { text: 1, image: 3 }
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContentRates {
    pub text: Count,
    pub image: Count,
}

/// Reviews AI: credits per review response sent (R9).
///
/// ```js
/// defaultPriceBook().rates.reviews.perResponse; // 1
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewRates {
    pub per_response: Count,
}

/// Workflow AI: credits per GPT step at or under the token boundary and over it (R10).
///
/// ```js
/// defaultPriceBook().rates.workflow; // { short: 1, long: 2, longAboveTokens: 1000 }
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkflowRates {
    pub short: Count,
    pub long: Count,
    pub long_above_tokens: Count,
}

impl ReadValue for PriceBook {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let fields = Fields::of(value, path, &["currency", "plans", "rates", "alertThresholds"])?;
        Ok(PriceBook {
            currency: fields.required("currency")?,
            plans: fields.required("plans")?,
            rates: fields.required("rates")?,
            alert_thresholds: fields.required("alertThresholds")?,
        })
    }
}

impl ReadValue for Plan {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let fields = Fields::of(value, path, &["id", "name", "credits", "overageRate", "overageTiers", "monthlyPrice", "topUpRate"])?;
        Ok(Plan {
            id: fields.required("id")?,
            name: fields.required("name")?,
            credits: fields.required("credits")?,
            overage_rate: fields.required("overageRate")?,
            overage_tiers: fields.optional("overageTiers")?,
            monthly_price: fields.nullable("monthlyPrice")?,
            top_up_rate: fields.optional("topUpRate")?,
        })
    }
}

impl ReadValue for OverageTier {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let fields = Fields::of(value, path, &["upTo", "rate"])?;
        Ok(OverageTier { up_to: fields.optional("upTo")?, rate: fields.required("rate")? })
    }
}

impl ReadValue for Rates {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let fields = Fields::of(value, path, &["conversation", "voice", "content", "reviews", "workflow"])?;
        Ok(Rates {
            conversation: fields.required("conversation")?,
            voice: fields.required("voice")?,
            content: fields.required("content")?,
            reviews: fields.required("reviews")?,
            workflow: fields.required("workflow")?,
        })
    }
}

impl ReadValue for ConversationRates {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let fields = Fields::of(value, path, &["perMessage"])?;
        Ok(ConversationRates { per_message: fields.required("perMessage")? })
    }
}

impl ReadValue for VoiceRates {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let fields = Fields::of(value, path, &["default", "min", "max", "table"])?;
        Ok(VoiceRates {
            default: fields.required("default")?,
            min: fields.required("min")?,
            max: fields.required("max")?,
            table: fields.required("table")?,
        })
    }
}

impl ReadValue for VoiceRateEntry {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let fields = Fields::of(value, path, &["provider", "language", "creditsPerMinute"])?;
        Ok(VoiceRateEntry {
            provider: fields.required("provider")?,
            language: fields.optional("language")?,
            credits_per_minute: fields.required("creditsPerMinute")?,
        })
    }
}

impl ReadValue for ContentRates {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let fields = Fields::of(value, path, &["text", "image"])?;
        Ok(ContentRates { text: fields.required("text")?, image: fields.required("image")? })
    }
}

impl ReadValue for ReviewRates {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let fields = Fields::of(value, path, &["perResponse"])?;
        Ok(ReviewRates { per_response: fields.required("perResponse")? })
    }
}

impl ReadValue for WorkflowRates {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let fields = Fields::of(value, path, &["short", "long", "longAboveTokens"])?;
        Ok(WorkflowRates {
            short: fields.required("short")?,
            long: fields.required("long")?,
            long_above_tokens: fields.required("longAboveTokens")?,
        })
    }
}
