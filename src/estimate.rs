//! The credits a month's usage mix needs, by feature, with the low / expected / high
//! range (R5..R11).

use crate::credits;
use crate::error::{BillingError, BillingResult};
use crate::feature::PerFeature;
use crate::price_book::Book;
use crate::rating::{billed_minutes, RateRange};
use crate::schema::UsageMix;
use hoopai_billing_macros::shape;

/// The most voice lines, and the most workflow lines, a mix may have (work and memory grow
/// with lines, not with counts).
pub const MAX_MIX_LINES: usize = 1_000;

/// A `LIMIT` error when `mix` has more lines of a feature than [`MAX_MIX_LINES`]; errors
/// name `path.voice` or `path.workflow`.
pub fn check_mix_size(mix: &UsageMix, path: &str) -> BillingResult<()> {
    for (feature, lines) in [("voice", mix.voice.as_ref().map_or(0, Vec::len)), ("workflow", mix.workflow.as_ref().map_or(0, Vec::len))] {
        if lines > MAX_MIX_LINES {
            return Err(BillingError::limit(format!("{path}.{feature}"), format!("must have at most {MAX_MIX_LINES} lines, got {lines}")));
        }
    }
    Ok(())
}

/// `units × rate` over the range, or an overflow error naming `path`.
fn rated(units: u64, rate: RateRange, path: &str) -> BillingResult<CreditRange> {
    Ok(CreditRange {
        credits: credits::mul(units, rate.expected, path)?,
        low: credits::mul(units, rate.low, path)?,
        high: credits::mul(units, rate.high, path)?,
    })
}

/// The sum of two ranges, or an overflow error naming `path`.
fn plus(a: CreditRange, b: CreditRange, path: &str) -> BillingResult<CreditRange> {
    Ok(CreditRange {
        credits: credits::add(a.credits, b.credits, path)?,
        low: credits::add(a.low, b.low, path)?,
        high: credits::add(a.high, b.high, path)?,
    })
}

/// Estimates `mix` against `book`. Work does not grow with any count: a line of 10^12
/// calls costs what a line of one does.
///
/// Errors name `mix.<field>`: an explicit rate outside the book's bounds, or credits
/// above 2^53 − 1 (R23).
pub fn estimate(book: &Book, mix: &UsageMix) -> BillingResult<Estimate> {
    check_mix_size(mix, "mix")?;
    let rates = book.rates();
    let mut by_feature = PerFeature::<CreditRange>::default();

    if let Some(conversation) = &mix.conversation {
        by_feature.conversation = rated(conversation.ai_messages, RateRange::known(rates.per_message), "mix.conversation.aiMessages")?;
    }
    for (i, line) in mix.voice.iter().flatten().enumerate() {
        // Paths are built only for an error, so a valid mix allocates none.
        let line_credits = || -> BillingResult<CreditRange> {
            let per_call = billed_minutes(line.average_seconds.0, "averageSeconds")?;
            let minutes = credits::mul(line.calls, per_call, "")?;
            let explicit = line.credits_per_minute;
            let rate = rates.voice.rate_for(explicit, line.provider.as_deref(), line.language.as_deref(), "creditsPerMinute")?;
            rated(minutes, rate, "")
        };
        let line_credits = line_credits().map_err(|e| e.within(&format!("mix.voice[{i}]")))?;
        by_feature.voice = plus(by_feature.voice, line_credits, "mix.voice")?;
    }
    if let Some(content) = &mix.content {
        let text = content.text_generations.unwrap_or(0);
        let images = content.image_generations.unwrap_or(0);
        by_feature.content = plus(
            rated(text, RateRange::known(rates.text), "mix.content.textGenerations")?,
            rated(images, RateRange::known(rates.image), "mix.content.imageGenerations")?,
            "mix.content",
        )?;
    }
    if let Some(reviews) = &mix.reviews {
        by_feature.reviews = rated(reviews.responses, RateRange::known(rates.per_response), "mix.reviews.responses")?;
    }
    for (i, line) in mix.workflow.iter().flatten().enumerate() {
        let line_credits = || -> BillingResult<CreditRange> {
            let steps = credits::mul(line.executions, line.gpt_steps, "")?;
            let rate = rates.workflow.rate_for(line.credits_per_step, line.average_tokens.map(|t| t.0), "creditsPerStep")?;
            rated(steps, rate, "")
        };
        let line_credits = line_credits().map_err(|e| e.within(&format!("mix.workflow[{i}]")))?;
        by_feature.workflow = plus(by_feature.workflow, line_credits, "mix.workflow")?;
    }

    let total = [by_feature.conversation, by_feature.voice, by_feature.content, by_feature.reviews, by_feature.workflow]
        .into_iter()
        .try_fold(CreditRange::default(), |sum, part| plus(sum, part, "mix"))?;
    Ok(Estimate { credits: total.credits, low: total.low, high: total.high, by_feature })
}

// The shapes this operation takes and returns (declared once: `#[shape]`).

/// Credits a month's usage needs, with the R11 range.
///
/// ```js
/// const { credits, low, high, byFeature } = calc.estimate(mix);
/// ```
#[shape(output)]
#[derive(Eq)]
pub struct Estimate {
    /// Expected total, at the book's default rates.
    pub credits: u64,
    pub low: u64,
    pub high: u64,
    pub by_feature: PerFeature<CreditRange>,
}

/// Expected credits and their low..high range (R11).
///
/// ```js
/// calc.estimate(mix).byFeature.voice; // { credits: 480, low: 360, high: 600 }
/// ```
#[shape(output)]
#[derive(Copy, Default, Eq)]
pub struct CreditRange {
    pub credits: u64,
    pub low: u64,
    pub high: u64,
}
