//! What `simulate` returns (API.md "Simulation"), with the savings insights.

use hoopai_billing_macros::shape;
use std::collections::BTreeMap;

use crate::feature::{Feature, PerFeature};
use crate::schema::values::{Amount, Money};

/// One report per cycle.
///
/// ```js
/// const { cycles } = calc.simulate(scenario);
/// cycles[0].invoice.usageCharges; // "12.50" (invoice.total: null while the plan's price is unknown)
/// ```
#[shape(output)]
pub struct Simulation {
    pub cycles: Vec<CycleReport>,
    /// With a log: how many of its rows fell before, inside and after the cycles (only
    /// rows inside are charged, and of those only rows before `until`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub log: Option<LogCoverage>,
}

/// Where a log's rows fall against a scenario's cycles.
///
/// ```js
/// calc.simulate({ plan: "pro", start: "2026-11-01" }, log).log; // { before: 0, inside: 1200, after: 35 }
/// ```
#[shape(output)]
#[derive(Copy, Default, Eq)]
pub struct LogCoverage {
    pub before: u64,
    pub inside: u64,
    pub after: u64,
}

/// Credits bought, and when (R19).
///
/// ```js
/// cycle.topUps; // [{ at: "2026-11-20T08:00:00Z", credits: 500, resumedAi: true }]
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct TopUpPurchase {
    pub at: String,
    pub credits: u64,
    /// Bought while the hard cap had AI paused, with usage served after it: it resumed AI (R16).
    pub resumed_ai: bool,
}

/// A billing cycle, from its start (inclusive) to the next cycle's start (exclusive).
/// Every credit is accounted for: `consumedCredits + blocked.credits + previewCredits =
/// ratedCredits`.
///
/// ```js
/// const c = calc.simulate(scenario).cycles[0];
/// c.consumedCredits + c.blocked.credits + c.previewCredits === c.ratedCredits; // true
/// ```
#[shape(output)]
pub struct CycleReport {
    pub start: String,
    /// The next cycle's start (exclusive).
    pub end: String,
    pub included_credits: u64,
    /// Credits bought in the cycle (R19).
    pub top_up_credits: u64,
    /// Each purchase, in time order.
    pub top_ups: Vec<TopUpPurchase>,
    /// Charged credits from every source: allocation, top-ups and overage.
    pub consumed_credits: u64,
    /// Charged beyond the allocation and the top-ups bought before (R15, R18).
    pub overage_credits: u64,
    /// Allocation and top-up credits left unused at the end: they do not roll over (R3).
    pub expired_credits: u64,
    /// What preview usage would have cost; never charged (R13).
    pub preview_credits: u64,
    /// The credits every event in the cycle is rated at, charged or not.
    pub rated_credits: u64,
    pub blocked: BlockedUsage,
    /// The first blocked event of the cycle: when a cap or a limit started pausing AI;
    /// `null` when nothing was blocked.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "FirstBlocked | null"))]
    pub first_blocked: Option<FirstBlocked>,
    /// Every pause, in time order: the first event the hard cap blocked, and again after a
    /// top-up resumed AI (R16: see `topUps[].resumedAi`); the first each feature's limit
    /// blocked (R17: the other features carry on; the limit holds for the cycle).
    /// `firstBlocked` is the first of them.
    pub pauses: Vec<FirstBlocked>,
    /// With the hard cap: whether it was pausing AI when the cycle's usage ended (at `until`,
    /// "so far"): no top-up resumed it since, and none was bought after its last block (R16).
    pub cap_paused_at_end: bool,
    /// Thresholds reached, ascending, each once a cycle (R14).
    pub alerts: Vec<AlertFired>,
    /// Charged credits by feature; preview is only in `previewCredits`.
    pub by_feature: PerFeature<u64>,
    /// Charged credits of events that name an agent.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, number>"))]
    pub by_agent: BTreeMap<String, u64>,
    /// Charged credits on every day of the cycle (UTC), zeros too.
    pub daily: Vec<DayCredits>,
    /// Issued at the cycle's end.
    pub invoice: Invoice,
    pub insights: SavingsInsights,
    /// Charged GPT steps whose size the usage did not say (R10, R11).
    pub unsized_workflow_steps: UnsizedSteps,
    /// Charged events that left out their count (`messages`, a content or reviews `count`;
    /// a CSV row with the cell blank): each was charged as one, the rules' default (R5, R8, R9).
    pub events_without_count: u64,
    /// Charged calls whose rate the usage did not say (no `creditsPerMinute`, no entry of
    /// the book's table for their provider and language): at the book's default (R7), the
    /// expected figure, and what they would be at its bounds (R11).
    pub calls_at_default_rate: DefaultRateCalls,
}

/// Calls charged at the book's default voice rate (R7): `credits` at it, `low` and `high`
/// at the book's lowest and highest rate (R11); each `null` past 2^53 − 1, where it is no
/// exact count.
///
/// ```js
/// cycle.callsAtDefaultRate; // { calls: 2, minutes: 20, credits: 80, low: 60, high: 100 }
/// ```
#[shape(output)]
#[derive(Copy, Eq)]
pub struct DefaultRateCalls {
    pub calls: u64,
    pub minutes: Option<u64>,
    pub credits: Option<u64>,
    pub low: Option<u64>,
    pub high: Option<u64>,
}

/// GPT steps charged without a token count (R10): at the short rate, the expected figure;
/// `extraCreditsIfLong` more if they were all long (R11's high end); `null` past
/// 2^53 − 1, where it is no exact count (a book with a huge long rate).
///
/// ```js
/// cycle.unsizedWorkflowSteps; // { steps: 12, extraCreditsIfLong: 12 }
/// ```
#[shape(output)]
#[derive(Copy, Eq)]
pub struct UnsizedSteps {
    pub steps: u64,
    pub extra_credits_if_long: Option<u64>,
}

/// Usage refused, by reason (R16, R17): a blocked event counts under the first reason.
///
/// ```js
/// cycle.blocked; // { events: 3, credits: 14, hardCap: 2, featureLimit: 1, hardCapCredits: 9, featureLimitCredits: 5 }
/// ```
#[shape(output)]
#[derive(Copy, Default, Eq)]
pub struct BlockedUsage {
    pub events: u64,
    pub credits: u64,
    /// Events blocked by the hard cap.
    pub hard_cap: u64,
    /// Events blocked by a feature limit.
    pub feature_limit: u64,
    pub hard_cap_credits: u64,
    pub feature_limit_credits: u64,
}

/// When blocking started in a cycle, on which event, and why (R16, R17).
///
/// ```js
/// cycle.firstBlocked; // { at: "2026-11-20T10:00:00Z", event: 41, reason: "featureLimit", feature: "voice" }
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct FirstBlocked {
    pub at: String,
    pub event: u64,
    /// `"hardCap"` or `"featureLimit"`.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "\"hardCap\" | \"featureLimit\""))]
    pub reason: &'static str,
    /// The blocked event's feature: under a limit, the feature that paused (R17; the others
    /// carry on).
    pub feature: Feature,
}

/// A threshold reached, when and on which event (R14).
///
/// ```js
/// cycle.alerts[0]; // { threshold: 75, at: "2026-11-20T10:00:00Z", event: 41 }
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct AlertFired {
    pub threshold: u64,
    pub at: String,
    /// Index in `scenario.events` (generated events count on from its length).
    pub event: u64,
}

/// One day's charged credits.
///
/// ```js
/// cycle.daily[0]; // { date: "2026-11-01", credits: 0 }
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct DayCredits {
    pub date: String,
    pub credits: u64,
}

/// The invoice at the cycle's end: the monthly price, one line per overage tier, one
/// per top-up purchase; the total is the sum of the rounded lines (R22).
///
/// ```js
/// cycle.invoice; // { lines: [{ description: "Overage credits", quantity: 100, unitPrice: "0.03", amount: "3.00" }],
///                //   usageCharges: "3.00", total: null }   (the plan's monthly price is not known)
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct Invoice {
    pub lines: Vec<InvoiceLine>,
    /// The overage and top-up lines summed: always known.
    pub usage_charges: Amount,
    /// The monthly price plus `usageCharges`; `null` when the plan's monthly price is
    /// unknown: the invoice has no price line then, and its total is not known (R1).
    pub total: Option<Amount>,
}

/// One invoice line: what it charges (`kind`), and for a top-up the moment it was bought.
///
/// ```js
/// const { kind, at, description, quantity, unitPrice, amount } = cycle.invoice.lines[0];
/// const topUps = cycle.invoice.lines.filter((l) => l.kind === "topUp"); // l.at: "2026-11-20T08:00:00Z"
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct InvoiceLine {
    pub kind: InvoiceLineKind,
    /// A top-up's purchase moment (as `topUps[].at`); `null` on the other lines.
    pub at: Option<String>,
    pub description: String,
    pub quantity: u64,
    pub unit_price: Money,
    pub amount: Amount,
}

/// What an invoice line charges: the plan's monthly price, an overage tier (R20) or a
/// top-up (R19).
///
/// ```js
/// const usage = invoice.lines.filter((l) => l.kind !== "monthlyPrice");
/// ```
#[shape(output)]
#[derive(Copy, Eq)]
#[serde(rename_all = "camelCase")]
pub enum InvoiceLineKind {
    MonthlyPrice,
    Overage,
    TopUp,
}

/// Where credits could be saved, from the source document's cost tips, each with the
/// credits and what they cost at the plan's overage rate (the price of one more credit).
///
/// ```js
/// const { voiceRounding, longWorkflowSteps, testTraffic, topFeatures, topAgents } = cycle.insights;
/// ```
#[shape(output)]
pub struct SavingsInsights {
    /// Tip 4: call time billed beyond the actual call time by rounding up (R7).
    pub voice_rounding: VoiceRounding,
    /// Tip 5: GPT steps over the token boundary, billed at the long rate (R10).
    pub long_workflow_steps: LongWorkflowSteps,
    /// Test traffic that preview mode would have made free (R12, R13).
    pub test_traffic: CreditsAtStake,
    /// Features by charged credits, most first.
    pub top_features: Vec<FeatureCredits>,
    /// Agents by charged credits, most first.
    pub top_agents: Vec<AgentCredits>,
}

/// Charged calls' rounding: `credits` is the rate × the extra minutes, rounded down to
/// whole credits.
///
/// ```js
/// cycle.insights.voiceRounding; // { calls: 10, billedMinutes: 30, extraSeconds: 450, credits: 30, cost: "0.90" }
/// ```
#[shape(output)]
pub struct VoiceRounding {
    pub calls: u64,
    pub billed_minutes: u64,
    /// Seconds billed beyond the calls' lengths, summed in whole milliseconds (each call
    /// taken to the nearest millisecond), shown in seconds: `4410` or `14.7`.
    pub extra_seconds: f64,
    pub credits: u64,
    pub cost: Amount,
}

/// Charged GPT steps over the token boundary and the credits above the short rate.
///
/// ```js
/// cycle.insights.longWorkflowSteps; // { steps: 40, extraCredits: 40, cost: "1.20" }
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct LongWorkflowSteps {
    pub steps: u64,
    pub extra_credits: u64,
    pub cost: Amount,
}

/// Events, their credits and what those cost.
///
/// ```js
/// cycle.insights.testTraffic; // { events: 12, credits: 30, cost: "0.90" }
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct CreditsAtStake {
    pub events: u64,
    pub credits: u64,
    pub cost: Amount,
}

/// A feature's charged credits and their cost.
///
/// ```js
/// cycle.insights.topFeatures[0]; // { feature: "voice", credits: 420, cost: "12.60" }
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct FeatureCredits {
    pub feature: Feature,
    pub credits: u64,
    pub cost: Amount,
}

/// An agent's charged credits and their cost.
///
/// ```js
/// cycle.insights.topAgents[0]; // { agent: "Ava", credits: 310, cost: "9.30" }
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct AgentCredits {
    pub agent: String,
    pub credits: u64,
    pub cost: Amount,
}
