//! A finished cycle's ledger as the report JS receives: daily credits, agents, alerts,
//! the invoice (R19, R20, R22) and the savings insights.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::ledger::{BlockReason, CycleLedger};
use crate::credits;
use crate::error::BillingResult;
use crate::feature::Feature;
use crate::money;
use crate::overage::overage_lines;
use crate::price_book::PlanTerms;
use crate::schema::{
    AgentCredits, AlertFired, Amount, CreditsAtStake, CycleReport, DayCredits, DefaultRateCalls, FeatureCredits, FirstBlocked, Invoice,
    InvoiceLine, InvoiceLineKind, LongWorkflowSteps, Money, SavingsInsights, TopUpPurchase, UnsizedSteps, VoiceRates, VoiceRounding,
};
use crate::time::{format_date, format_timestamp, DAY_MS};

/// A pause's first blocked event as JS receives it.
fn pause(&(at, event, reason, feature): &super::ledger::FirstBlocked) -> FirstBlocked {
    let reason = match reason {
        BlockReason::HardCap => "hardCap",
        BlockReason::FeatureLimit => "featureLimit",
    };
    FirstBlocked { at: format_timestamp(at), event, reason, feature }
}

/// The calls charged at the book's default voice rate, at it and at its bounds (R7, R11).
fn calls_at_default_rate(ledger: &CycleLedger, voice: &VoiceRates) -> DefaultRateCalls {
    let minutes = ledger.insights.default_rate_minutes;
    let at = |rate: u64| minutes.checked_mul(u128::from(rate)).and_then(credits::exact);
    DefaultRateCalls {
        calls: ledger.insights.default_rate_calls,
        minutes: credits::exact(minutes),
        credits: at(voice.default),
        low: at(voice.min),
        high: at(voice.max),
    }
}

/// Builds the report of a finished cycle; `voice`, the book's voice rates.
pub fn cycle_report(ledger: &CycleLedger, plan: &PlanTerms, voice: &VoiceRates, agents: &[String]) -> BillingResult<CycleReport> {
    let by_agent: BTreeMap<String, u64> =
        agents.iter().zip(&ledger.by_agent).filter(|(_, &credits)| credits > 0).map(|(name, &credits)| (name.clone(), credits)).collect();
    let first_day = ledger.first_day.div_euclid(DAY_MS);
    Ok(CycleReport {
        start: format_timestamp(ledger.start),
        end: format_timestamp(ledger.end),
        included_credits: plan.credits,
        top_up_credits: ledger.top_ups,
        top_ups: ledger
            .purchases
            .iter()
            .zip(&ledger.resumed_ai)
            .map(|(&(at, credits), &resumed_ai)| TopUpPurchase { at: format_timestamp(at), credits, resumed_ai })
            .collect(),
        consumed_credits: ledger.consumed,
        overage_credits: ledger.overage,
        expired_credits: ledger.expired(),
        preview_credits: ledger.preview,
        rated_credits: ledger.rated,
        blocked: ledger.blocked,
        first_blocked: ledger.pauses.first().map(pause),
        pauses: ledger.pauses.iter().map(pause).collect(),
        cap_paused_at_end: ledger.cap_paused_at_end(),
        alerts: ledger.alerts.iter().map(|&(threshold, at, event)| AlertFired { threshold, at: format_timestamp(at), event }).collect(),
        by_feature: ledger.by_feature,
        unsized_workflow_steps: UnsizedSteps {
            steps: ledger.insights.unsized_steps,
            extra_credits_if_long: credits::exact(ledger.insights.unsized_extra_credits_if_long),
        },
        events_without_count: ledger.insights.events_without_count,
        calls_at_default_rate: calls_at_default_rate(ledger, voice),
        insights: insights(ledger, plan, &by_agent)?,
        by_agent,
        daily: ledger
            .daily
            .iter()
            .enumerate()
            .map(|(i, &credits)| DayCredits { date: format_date(first_day + i as i64), credits })
            .collect(),
        invoice: invoice(ledger, plan)?,
    })
}

fn line(kind: InvoiceLineKind, description: String, quantity: u64, unit_price: Decimal) -> BillingResult<InvoiceLine> {
    let amount = Amount(money::line_amount(quantity, unit_price, "invoice")?);
    Ok(InvoiceLine { kind, at: None, description, quantity, unit_price: Money(unit_price), amount })
}

/// The invoice: the monthly price, one line per overage tier, one per top-up (R19, R20);
/// its total is the exact sum of its rounded lines (R22), unknown when the monthly price
/// is (R1); the usage lines' sum is always known.
pub fn invoice(ledger: &CycleLedger, plan: &PlanTerms) -> BillingResult<Invoice> {
    let mut lines = Vec::new();
    if let Some(price) = plan.monthly_price {
        // A price is an amount: written with two decimals, "97.00" (R22); a book's price
        // has at most 2 decimals and 20 digits, so the rescale is exact.
        let mut unit_price = price;
        unit_price.rescale(money::AMOUNT_DECIMALS);
        lines.push(line(InvoiceLineKind::MonthlyPrice, format!("{} plan, monthly price", plan.name), 1, unit_price)?);
    }
    let usage_from = lines.len();
    let tiers = overage_lines(&plan.overage, ledger.overage, "invoice")?;
    let tiered = plan.overage.len() > 1;
    let mut from = 0;
    for (i, tier) in tiers.iter().enumerate() {
        let description = match (tiered, tier.up_to) {
            (false, _) => "Overage credits".to_string(),
            (true, Some(up_to)) => format!("Overage credits, tier {} ({} to {up_to})", i + 1, from + 1),
            (true, None) => format!("Overage credits, tier {} (over {from})", i + 1),
        };
        from = tier.up_to.unwrap_or(from);
        lines.push(line(InvoiceLineKind::Overage, description, tier.quantity, tier.rate)?);
    }
    for &(at, credits) in &ledger.purchases {
        let when = crate::time::format_for_people(at);
        let top_up = line(InvoiceLineKind::TopUp, format!("Top-up credits bought {when}"), credits, plan.top_up_rate)?;
        lines.push(InvoiceLine { at: Some(format_timestamp(at)), ..top_up });
    }
    let usage = lines.iter().skip(usage_from).try_fold(Decimal::ZERO, |sum, line| money::add(sum, line.amount.0, "invoice"))?;
    let total = match lines.first() {
        Some(price_line) if usage_from == 1 => Some(Amount(money::add(price_line.amount.0, usage, "invoice")?)),
        _ => None,
    };
    Ok(Invoice { lines, usage_charges: Amount(usage), total })
}

/// What `credits` cost at the plan's overage rate, the price of one more credit.
fn cost(plan: &PlanTerms, credits: u64) -> BillingResult<Amount> {
    let rate = plan.overage.first().map_or(Decimal::ZERO, |tier| tier.rate.0);
    money::line_amount(credits, rate, "insights").map(Amount)
}

fn insights(ledger: &CycleLedger, plan: &PlanTerms, by_agent: &BTreeMap<String, u64>) -> BillingResult<SavingsInsights> {
    let totals = &ledger.insights;
    // Whole credits, rounded down; at most the calls' charged credits, so within 2^53 - 1.
    let rounding_credits = u64::try_from(totals.rounding_credit_ms / 60_000).unwrap_or(u64::MAX);
    let mut top_features: Vec<(Feature, u64)> =
        Feature::ALL.iter().map(|&f| (f, *ledger.by_feature.get(f))).filter(|&(_, c)| c > 0).collect();
    top_features.sort_by_key(|&(_, credits)| std::cmp::Reverse(credits));
    let mut top_agents: Vec<(&String, u64)> = by_agent.iter().map(|(name, &c)| (name, c)).collect();
    top_agents.sort_by_key(|&(_, credits)| std::cmp::Reverse(credits));
    Ok(SavingsInsights {
        voice_rounding: VoiceRounding {
            calls: totals.calls,
            billed_minutes: totals.call_minutes,
            extra_seconds: totals.call_extra_ms as f64 / 1000.0,
            credits: rounding_credits,
            cost: cost(plan, rounding_credits)?,
        },
        long_workflow_steps: LongWorkflowSteps {
            steps: totals.long_steps,
            extra_credits: totals.long_step_extra_credits,
            cost: cost(plan, totals.long_step_extra_credits)?,
        },
        test_traffic: CreditsAtStake { events: totals.test_events, credits: totals.test_credits, cost: cost(plan, totals.test_credits)? },
        top_features: top_features
            .into_iter()
            .map(|(feature, credits)| Ok(FeatureCredits { feature, credits, cost: cost(plan, credits)? }))
            .collect::<BillingResult<_>>()?,
        top_agents: top_agents
            .into_iter()
            .map(|(agent, credits)| Ok(AgentCredits { agent: agent.clone(), credits, cost: cost(plan, credits)? }))
            .collect::<BillingResult<_>>()?,
    })
}
