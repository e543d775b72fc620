//! Usage events rated once, before the ledger runs: a compact, allocation-free record
//! per event that the ledger only adds up (R5..R13).

use crate::credits;
use crate::error::{BillingError, BillingResult};
use crate::feature::Feature;
use crate::price_book::CreditRates;
use crate::rating::{billed_minutes, RateRange};
use crate::schema::{ContentKind, Count, Mode, UsageEvent};
use crate::time::parse_timestamp;

/// No agent named.
pub const NO_AGENT: u32 = u32::MAX;

/// What an event is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum EventKind {
    /// Usage of a feature, rated at `Event::credits`.
    Usage(Feature),
    /// Credits bought (R19).
    TopUp,
}

/// What the savings insights need to know of an event.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Detail {
    None,
    /// A call: its minutes billed, the milliseconds billed beyond its length (under a
    /// minute), its rate, and whether that rate is the book's default, the usage naming
    /// none the book knows (R7; R11's range is then the book's bounds).
    Call {
        billed_minutes: u64,
        extra_ms: u64,
        rate: u64,
        at_default: bool,
    },
    /// GPT steps over the token boundary, and the credits above the short rate.
    LongSteps {
        steps: u64,
        extra_credits: u64,
    },
    /// GPT steps of no known size, charged at the expected (short) rate (R10), and the
    /// credits more they would cost if they were long.
    UnsizedSteps {
        steps: u64,
        extra_credits_if_long: u128,
    },
    /// Messages, generations or responses whose count the usage left out: charged as one,
    /// the rules' default (R5, R8, R9).
    CountDefaulted,
}

/// The detail of an event whose count is `count`: [`Detail::CountDefaulted`] when it has none.
pub fn count_detail(count: Option<Count>) -> Detail {
    if count.is_some() {
        Detail::None
    } else {
        Detail::CountDefaulted
    }
}

/// A rated event.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Event {
    /// Milliseconds since the epoch, UTC.
    pub at: i64,
    pub kind: EventKind,
    /// Rated credits (usage) or credits bought (top-up).
    pub credits: u64,
    pub mode: Mode,
    /// Index into the scenario's agent names, or [`NO_AGENT`].
    pub agent: u32,
    pub detail: Detail,
}

/// What rounding a call up to whole minutes adds, in milliseconds: the insights count in
/// integers (a call's length taken to the nearest millisecond), never in floating point.
fn rounding_ms(billed_minutes: u64, seconds: f64) -> u64 {
    // `seconds` is finite and >= 0 (R7); its whole seconds are exact in f64, and the
    // fraction is taken to the nearest millisecond.
    let whole = seconds.trunc();
    let length_ms = u128::from(whole as u64) * 1000 + ((seconds - whole) * 1000.0).round() as u128;
    // Under 60,000: the billed minutes are the length rounded up.
    u64::try_from((u128::from(billed_minutes) * 60_000).saturating_sub(length_ms)).unwrap_or(0)
}

/// A call of `seconds` at `rate` (its expected figure) credits a minute: its credits and
/// insight detail (R7).
pub fn call(seconds: f64, rate: RateRange) -> BillingResult<(u64, Detail)> {
    let minutes = billed_minutes(seconds, "seconds")?;
    let credits = credits::mul(minutes, rate.expected, "seconds")?;
    let at_default = rate.low != rate.high;
    Ok((credits, Detail::Call { billed_minutes: minutes, extra_ms: rounding_ms(minutes, seconds), rate: rate.expected, at_default }))
}

/// `steps` GPT steps at `rate` credits each: their credits, and the detail of what they
/// cost above the short rate (R10).
pub fn gpt_steps(steps: u64, rate: RateRange, short: u64) -> BillingResult<(u64, Detail)> {
    let credits = credits::mul(steps, rate.expected, "gptSteps")?;
    let (extra, open) = (rate.expected.saturating_sub(short), rate.high - rate.expected);
    let detail = if extra > 0 {
        Detail::LongSteps { steps, extra_credits: credits::mul(steps, extra, "gptSteps")? }
    } else if open > 0 {
        // Only a figure to report, never charged: held wide, never an error here.
        Detail::UnsizedSteps { steps, extra_credits_if_long: u128::from(steps) * u128::from(open) }
    } else {
        Detail::None
    };
    Ok((credits, detail))
}

/// A purchase of `credits` at `at` (R19); none is of 0 credits.
pub fn top_up(at: i64, credits: u64) -> BillingResult<Event> {
    if credits == 0 {
        return Err(BillingError::invalid("topUp", "must be at least 1 credit, got 0"));
    }
    Ok(Event { at, kind: EventKind::TopUp, credits, mode: Mode::Live, agent: NO_AGENT, detail: Detail::None })
}

/// Rates one event. Errors carry the path inside the event (`seconds`); the caller puts
/// `scenario.events[i]` in front, only when there is an error, so rating allocates nothing.
pub fn rate_event(rates: &CreditRates, event: &UsageEvent, agent_id: &mut impl FnMut(&str) -> u32) -> BillingResult<Event> {
    let count = |c: Option<Count>| c.unwrap_or(1);
    let (at, feature, credits, mode, agent, detail) = match event {
        UsageEvent::Conversation(e) => {
            let credits = credits::mul(count(e.messages), rates.per_message, "messages")?;
            (&e.at, Feature::Conversation, credits, e.mode, e.agent.as_deref(), count_detail(e.messages))
        }
        UsageEvent::Voice(e) => {
            let explicit = e.credits_per_minute;
            let rate = rates.voice.rate_for(explicit, e.provider.as_deref(), e.language.as_deref(), "creditsPerMinute")?;
            let (credits, detail) = call(e.seconds.0, rate)?;
            (&e.at, Feature::Voice, credits, e.mode, e.agent.as_deref(), detail)
        }
        UsageEvent::Content(e) => {
            let rate = match e.kind {
                ContentKind::Text => rates.text,
                ContentKind::Image => rates.image,
            };
            (&e.at, Feature::Content, credits::mul(count(e.count), rate, "count")?, e.mode, None, count_detail(e.count))
        }
        UsageEvent::Reviews(e) => {
            let credits = credits::mul(count(e.count), rates.per_response, "count")?;
            (&e.at, Feature::Reviews, credits, e.mode, None, count_detail(e.count))
        }
        UsageEvent::Workflow(e) => {
            let rate = rates.workflow.rate_for(e.credits_per_step, e.tokens.map(|t| t.0), "creditsPerStep")?;
            let (credits, detail) = gpt_steps(e.gpt_steps, rate, rates.workflow.short)?;
            (&e.at, Feature::Workflow, credits, e.mode, None, detail)
        }
        UsageEvent::TopUp(e) => return top_up(parse_timestamp(&e.at, "at")?, e.top_up),
    };
    Ok(Event {
        at: parse_timestamp(at, "at")?,
        kind: EventKind::Usage(feature),
        credits,
        mode: mode.unwrap_or_default(),
        agent: agent.map_or(NO_AGENT, agent_id),
        detail,
    })
}
