//! The published price book (R1, R5..R10, R14, R19).

use rust_decimal::Decimal;

use super::{validate, Book};
use crate::schema::{ContentRates, ConversationRates, Currency, Money, Plan, PriceBook, Rates, ReviewRates, VoiceRates, WorkflowRates};

fn plan(id: &str, name: &str, credits: u64, overage_thousandths: i64) -> Plan {
    Plan {
        id: id.into(),
        name: name.into(),
        credits,
        overage_rate: Money(Decimal::new(overage_thousandths, 3).normalize()),
        overage_tiers: None,
        monthly_price: None,
        top_up_rate: None,
    }
}

/// The book as the source document publishes it: Starter, Pro and Premium (R1), 1 credit
/// a message (R5), voice 3..5 a minute with 4 by default and no table (R7), 1 a text and
/// 3 an image (R8), 1 a review response (R9), workflow steps 1 or 2 with the boundary at
/// 1,000 tokens (R10), alerts at 75 % and 90 % (R14), no monthly prices (unknown).
pub fn published_schema() -> PriceBook {
    PriceBook {
        currency: Currency::Usd,
        plans: vec![plan("starter", "Starter", 500, 30), plan("pro", "Pro", 2_500, 25), plan("premium", "Premium", 10_000, 20)],
        rates: Rates {
            conversation: ConversationRates { per_message: 1 },
            voice: VoiceRates { default: 4, min: 3, max: 5, table: vec![] },
            content: ContentRates { text: 1, image: 3 },
            reviews: ReviewRates { per_response: 1 },
            workflow: WorkflowRates { short: 1, long: 2, long_above_tokens: 1_000 },
        },
        alert_thresholds: vec![75, 90],
    }
}

/// The published book, validated like any other.
pub fn published_book() -> Book {
    // The literal above is valid by construction; the unit test below proves it, so the
    // fallback can never be reached.
    validate::book(&published_schema()).unwrap_or_else(|_| unreachable!("the published book is valid"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r1_published_plans_credits_and_overage_rates() {
        let book = validate::book(&published_schema()).expect("valid");
        let rows: Vec<(&str, &str, u64, String)> =
            book.plans().iter().map(|p| (p.id.as_str(), p.name.as_str(), p.credits, p.overage[0].rate.0.to_string())).collect();
        assert_eq!(
            rows,
            vec![
                ("starter", "Starter", 500, "0.03".to_string()),
                ("pro", "Pro", 2500, "0.025".to_string()),
                ("premium", "Premium", 10000, "0.02".to_string()),
            ]
        );
        assert!(book.plans().iter().all(|p| p.monthly_price.is_none()));
    }

    #[test]
    fn r19_top_ups_default_to_the_overage_rate() {
        let book = published_book();
        assert!(book.plans().iter().all(|p| p.top_up_rate == p.overage[0].rate.0));
    }

    #[test]
    fn r14_default_alerts_at_75_and_90() {
        assert_eq!(published_book().alert_thresholds(), &[75, 90]);
    }
}
