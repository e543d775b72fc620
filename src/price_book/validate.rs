//! Turns a [`schema::PriceBook`] into a [`Book`], refusing anything malformed with the
//! field path and the reason (R20, R23). Scalars (counts, money strings) were already
//! checked as they were read; this checks what spans fields.

use super::{Book, CreditRates, OverageTier, PlanTerms, VoiceRateEntry, VoiceRates, WorkflowRates, MAX_PLANS, MAX_TIERS, MAX_VOICE_TABLE};
use crate::alerts::validate_thresholds;
use crate::error::{BillingError, BillingResult};
use crate::money::AMOUNT_DECIMALS;
use crate::schema::{self, Count};

/// Validates the whole book; paths start with `book.`.
pub fn book(source: &schema::PriceBook) -> BillingResult<Book> {
    if source.plans.is_empty() {
        return Err(BillingError::invalid("book.plans", "must list at least one plan"));
    }
    at_most(source.plans.len(), MAX_PLANS, "book.plans", "plans")?;
    let mut plans = Vec::with_capacity(source.plans.len());
    for (i, plan_source) in source.plans.iter().enumerate() {
        let at = format!("book.plans[{i}]");
        // At most MAX_PLANS (200) plans: a scan of those before is cheap.
        if let Some(first) = source.plans[..i].iter().position(|p| p.id == plan_source.id) {
            return Err(BillingError::invalid(
                format!("{at}.id"),
                format!("duplicate plan id {} (also book.plans[{first}])", crate::error::quote(&plan_source.id)),
            ));
        }
        plans.push(plan(plan_source, &at)?);
    }
    Ok(Book {
        plans,
        rates: rates(&source.rates)?,
        alert_thresholds: validate_thresholds(&source.alert_thresholds, "book.alertThresholds")?,
        source: source.clone(),
    })
}

/// A `LIMIT` error when a list is longer than the documented most.
fn at_most(len: usize, most: usize, path: &str, what: &str) -> BillingResult<()> {
    if len > most {
        return Err(BillingError::limit(path, format!("must list at most {most} {what}, got {len}")));
    }
    Ok(())
}

fn non_empty(text: &str, path: String) -> BillingResult<()> {
    if text.trim().is_empty() {
        return Err(BillingError::invalid(path, "must not be empty"));
    }
    Ok(())
}

fn plan(source: &schema::Plan, at: &str) -> BillingResult<PlanTerms> {
    non_empty(&source.id, format!("{at}.id"))?;
    non_empty(&source.name, format!("{at}.name"))?;
    if source.credits == 0 {
        return Err(BillingError::invalid(format!("{at}.credits"), "must be at least 1 credit, got 0"));
    }
    let overage_rate = source.overage_rate.0;
    let overage = match &source.overage_tiers {
        None => vec![OverageTier { up_to: None, rate: schema::Money(overage_rate) }],
        Some(tiers) => overage_tiers(tiers, overage_rate, &format!("{at}.overageTiers"))?,
    };
    let monthly_price = source.monthly_price.map(|m| m.0);
    if let Some(price) = monthly_price {
        if price.scale() > AMOUNT_DECIMALS {
            return Err(BillingError::invalid(
                format!("{at}.monthlyPrice"),
                format!("must have at most {AMOUNT_DECIMALS} decimals, got \"{}\"", crate::money::format_rate(price)),
            ));
        }
    }
    Ok(PlanTerms {
        id: source.id.clone(),
        name: source.name.clone(),
        credits: source.credits,
        overage,
        monthly_price,
        top_up_rate: source.top_up_rate.map_or(overage_rate, |m| m.0),
    })
}

fn overage_tiers(tiers: &[schema::OverageTier], overage_rate: rust_decimal::Decimal, at: &str) -> BillingResult<Vec<OverageTier>> {
    let Some(first) = tiers.first() else {
        return Err(BillingError::invalid(at, "must list at least one tier, or be left out"));
    };
    at_most(tiers.len(), MAX_TIERS, at, "tiers")?;
    if first.rate.0 != overage_rate {
        return Err(BillingError::invalid(
            format!("{at}[0].rate"),
            format!("must equal the plan's overageRate \"{overage_rate}\", got \"{}\"", first.rate.0),
        ));
    }
    let last = tiers.len() - 1;
    let mut previous_end = 0;
    let mut validated = Vec::with_capacity(tiers.len());
    for (i, tier) in tiers.iter().enumerate() {
        let up_to = tier.up_to;
        match (i == last, up_to) {
            (true, Some(_)) => {
                return Err(BillingError::invalid(format!("{at}[{i}].upTo"), "must be left out on the last tier, which has no end"))
            }
            (false, None) => return Err(BillingError::invalid(format!("{at}[{i}].upTo"), "is required on every tier but the last")),
            (false, Some(end)) if end <= previous_end => {
                return Err(BillingError::invalid(
                    format!("{at}[{i}].upTo"),
                    format!("must be greater than the previous tier's end ({previous_end}), got {end}: tiers must be in order"),
                ))
            }
            (_, end) => previous_end = end.unwrap_or(previous_end),
        }
        validated.push(OverageTier { up_to, rate: tier.rate });
    }
    Ok(validated)
}

fn at_least_one(value: Count, path: &str) -> BillingResult<u64> {
    if value == 0 {
        return Err(BillingError::invalid(path, "must be at least 1 credit, got 0"));
    }
    Ok(value)
}

fn rates(source: &schema::Rates) -> BillingResult<CreditRates> {
    let workflow = &source.workflow;
    let short = at_least_one(workflow.short, "book.rates.workflow.short")?;
    let long = at_least_one(workflow.long, "book.rates.workflow.long")?;
    if long < short {
        return Err(BillingError::invalid("book.rates.workflow.long", format!("must be at least the short rate ({short}), got {long}")));
    }
    Ok(CreditRates {
        per_message: at_least_one(source.conversation.per_message, "book.rates.conversation.perMessage")?,
        voice: voice(&source.voice)?,
        text: at_least_one(source.content.text, "book.rates.content.text")?,
        image: at_least_one(source.content.image, "book.rates.content.image")?,
        per_response: at_least_one(source.reviews.per_response, "book.rates.reviews.perResponse")?,
        workflow: WorkflowRates { short, long, long_above_tokens: workflow.long_above_tokens },
    })
}

fn voice(source: &schema::VoiceRates) -> BillingResult<VoiceRates> {
    let min = at_least_one(source.min, "book.rates.voice.min")?;
    let max = source.max;
    if max < min {
        return Err(BillingError::invalid("book.rates.voice.max", format!("must be at least min ({min}), got {max}: bounds inverted")));
    }
    at_most(source.table.len(), MAX_VOICE_TABLE, "book.rates.voice.table", "entries")?;
    let mut rates = VoiceRates { default: source.default, min, max, table: Vec::with_capacity(source.table.len()) };
    rates.check_bounds(rates.default, "book.rates.voice.default")?;
    for (i, entry) in source.table.iter().enumerate() {
        let at = format!("book.rates.voice.table[{i}]");
        non_empty(&entry.provider, format!("{at}.provider"))?;
        if let Some(language) = &entry.language {
            non_empty(language, format!("{at}.language"))?;
        }
        rates.check_bounds(entry.credits_per_minute, &format!("{at}.creditsPerMinute"))?;
        // At most MAX_VOICE_TABLE (500) entries: a scan of those before is cheap.
        if let Some(first) = source.table[..i].iter().position(|e| e.provider == entry.provider && e.language == entry.language) {
            return Err(BillingError::invalid(
                at,
                format!("duplicate entry for this provider and language (also book.rates.voice.table[{first}])"),
            ));
        }
        rates.table.push(VoiceRateEntry {
            provider: entry.provider.clone(),
            language: entry.language.clone(),
            credits_per_minute: entry.credits_per_minute,
        });
    }
    Ok(rates)
}

impl VoiceRates {
    /// An error unless `rate` is within the book's voice bounds (R7).
    pub fn check_bounds(&self, rate: u64, path: &str) -> BillingResult<u64> {
        if rate < self.min || rate > self.max {
            return Err(BillingError::invalid(
                path,
                format!("must be within the book's voice rate bounds {}..{} credits a minute, got {rate}", self.min, self.max),
            ));
        }
        Ok(rate)
    }
}
