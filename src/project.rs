//! Sales what-if: a usage mix grown month by month, priced on any plans, with the
//! cheapest plan each month and over the whole period.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{BillingError, BillingResult};
use crate::estimate::estimate;
use crate::feature::{Feature, PerFeature};
use crate::compare::{cheapest, selected_plans};
use crate::forecast::price_plans;
use crate::money;
use crate::price_book::Book;
use crate::schema::{Count, Growth, PlanTotal, ProjectedMonth, Projection, ProjectionInput, UsageMix};

/// The most months a projection may cover.
pub const MAX_MONTHS: u64 = 120;

fn growth_rate(growth: Option<&Growth>, feature: Feature, path: &str) -> BillingResult<Decimal> {
    let own = growth.and_then(|g| g.by_feature.as_ref()).and_then(|by| *by.get(feature));
    let (percent, at) = match own {
        Some(p) => (p.0, format!("{path}.byFeature.{}", feature.as_str())),
        None => (growth.and_then(|g| g.overall).map_or(Decimal::ZERO, |p| p.0), format!("{path}.overall")),
    };
    if percent <= Decimal::from(-100) || percent > Decimal::from(1000) {
        return Err(BillingError::invalid(at, format!("must be over -100 and at most 1000 (percent a month), got {percent}")));
    }
    Ok(Decimal::ONE + percent / Decimal::ONE_HUNDRED)
}

/// `count × factor`, rounded half away from zero to a whole unit.
fn grow(count: Count, factor: Decimal, path: &str) -> BillingResult<Count> {
    let grown = Decimal::from(count.0)
        .checked_mul(factor)
        .map(|v| v.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero))
        .and_then(|v| u64::try_from(v).ok())
        .filter(|&v| v <= crate::credits::MAX_CREDITS);
    grown.map(Count).ok_or_else(|| BillingError::overflow(path, "the grown usage exceeds 2^53 - 1 units"))
}

/// `mix` with every count of each feature multiplied by that feature's factor.
fn grown_mix(mix: &UsageMix, factors: &PerFeature<Decimal>, path: &str) -> BillingResult<UsageMix> {
    let mut out = mix.clone();
    if let Some(c) = &mut out.conversation {
        c.ai_messages = grow(c.ai_messages, factors.conversation, path)?;
    }
    for line in out.voice.iter_mut().flatten() {
        line.calls = grow(line.calls, factors.voice, path)?;
    }
    if let Some(c) = &mut out.content {
        c.text_generations = c.text_generations.map(|n| grow(n, factors.content, path)).transpose()?;
        c.image_generations = c.image_generations.map(|n| grow(n, factors.content, path)).transpose()?;
    }
    if let Some(r) = &mut out.reviews {
        r.responses = grow(r.responses, factors.reviews, path)?;
    }
    for line in out.workflow.iter_mut().flatten() {
        line.executions = grow(line.executions, factors.workflow, path)?;
    }
    Ok(out)
}

/// Projects `input` month by month; errors name `input.<field>`.
pub fn project(book: &Book, input: &ProjectionInput) -> BillingResult<Projection> {
    let months = input.months.0;
    if months == 0 || months > MAX_MONTHS {
        return Err(BillingError::invalid("input.months", format!("must be 1 to {MAX_MONTHS}, got {months}")));
    }
    let plans = selected_plans(book, input.plans.as_deref(), "input.plans")?;
    let mut rates = PerFeature::default();
    for feature in Feature::ALL {
        *rates.get_mut(feature) = growth_rate(input.growth.as_ref(), feature, "input.growth")?;
    }
    let mut factors = PerFeature::from_fn(|_| Decimal::ONE);
    let mut totals = vec![Decimal::ZERO; plans.len()];
    let mut out = Vec::with_capacity(months as usize);
    for month in 1..=months {
        let path = format!("input.months[{month}]");
        let mix = grown_mix(&input.mix, &factors, &path)?;
        let estimate = estimate(book, &mix).map_err(|e| if month == 1 { e.within("input") } else { e.within(&path) })?;
        let (costs, month_totals, month_cheapest) = price_plans(plans.iter().copied(), estimate.credits, &path)?;
        for (total, month_total) in totals.iter_mut().zip(month_totals) {
            *total = money::add(*total, month_total, &path)?;
        }
        out.push(ProjectedMonth {
            month,
            credits: estimate.credits,
            by_feature: estimate.by_feature.map(|r| r.credits),
            mix,
            cheapest: month_cheapest,
            costs,
        });
        for feature in Feature::ALL {
            let next = factors.get(feature).checked_mul(*rates.get(feature));
            *factors.get_mut(feature) = next.ok_or_else(|| BillingError::overflow("input.growth", "the growth is too large to compute"))?;
        }
    }
    let best = cheapest(plans.iter().map(|p| p.id.as_str()).zip(totals.iter().copied()));
    let totals = plans
        .iter()
        .zip(totals)
        .map(|(p, total)| PlanTotal { plan: p.id.clone(), name: p.name.clone(), total_cost: money::format_amount(total) })
        .collect();
    Ok(Projection { months: out, cheapest: best, totals })
}
