//! Credits per unit of usage: voice minutes rounded up per call (R7), the voice rate by
//! provider and language (R7), the workflow step rate by tokens (R10), and the
//! low / expected / high range where a rate is left to the book (R11).

use crate::credits::MAX_CREDITS;
use crate::error::{BillingError, BillingResult};
use crate::price_book::{VoiceRates, WorkflowRates};

/// Credits per unit: equal bounds when the rate is known, the book's range otherwise (R11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateRange {
    pub low: u64,
    pub expected: u64,
    pub high: u64,
}

impl RateRange {
    /// A rate that is known: low = expected = high.
    pub fn known(rate: u64) -> Self {
        RateRange { low: rate, expected: rate, high: rate }
    }
}

/// Minutes billed for one call of `seconds`, pickup to hangup: rounded up to the whole
/// minute (R7: 135 s bills 3, 60 s bills 1, 61 s bills 2, 0 s bills 0). Exact for any
/// finite `seconds >= 0`; an error names `path` when the minutes exceed 2^53 − 1.
pub fn billed_minutes(seconds: f64, path: &str) -> BillingResult<u64> {
    if !seconds.is_finite() || seconds < 0.0 {
        return Err(BillingError::invalid(path, "must be a finite number >= 0"));
    }
    if seconds > (MAX_CREDITS as f64) * 60.0 {
        return Err(crate::credits::too_large(path));
    }
    // f64 division can land one off near a whole minute; both checks below are exact,
    // because m × 60 is exact for every m under 2^53 / 60.
    let mut minutes = (seconds / 60.0).floor() as u64;
    while (minutes as f64) * 60.0 < seconds {
        minutes += 1;
    }
    while minutes > 0 && ((minutes - 1) as f64) * 60.0 >= seconds {
        minutes -= 1;
    }
    Ok(minutes)
}

impl VoiceRates {
    /// The rate of a call, in R7's order: its explicit rate (which must be within the
    /// bounds); the table entry for its provider and language; the entry for its provider
    /// with no language; else the book's default, with the bounds as the R11 range.
    pub fn rate_for(&self, explicit: Option<u64>, provider: Option<&str>, language: Option<&str>, path: &str) -> BillingResult<RateRange> {
        if let Some(rate) = explicit {
            return self.check_bounds(rate, path).map(RateRange::known);
        }
        Ok(self
            .table_rate(provider, language)
            .map_or(RateRange { low: self.min, expected: self.default, high: self.max }, RateRange::known))
    }

    fn table_rate(&self, provider: Option<&str>, language: Option<&str>) -> Option<u64> {
        let provider = provider?;
        let find = |lang: Option<&str>| {
            self.table.iter().find(|e| e.provider == provider && e.language.as_deref() == lang).map(|e| e.credits_per_minute)
        };
        language.and_then(|lang| find(Some(lang))).or_else(|| find(None))
    }
}

impl WorkflowRates {
    /// The rate of one GPT step (R10): its explicit rate (short or long, or anything
    /// between); else by its tokens, at or under the boundary short, over it long; else
    /// unknown: short expected, long high.
    pub fn rate_for(&self, explicit: Option<u64>, tokens: Option<f64>, path: &str) -> BillingResult<RateRange> {
        if let Some(rate) = explicit {
            if rate < self.short || rate > self.long {
                return Err(BillingError::invalid(
                    path,
                    format!("must be within the book's workflow step rates {}..{} credits, got {rate}", self.short, self.long),
                ));
            }
            return Ok(RateRange::known(rate));
        }
        Ok(match tokens {
            Some(tokens) if tokens <= self.long_above_tokens as f64 => RateRange::known(self.short),
            Some(_) => RateRange::known(self.long),
            None => RateRange { low: self.short, expected: self.short, high: self.long },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::price_book::{Book, VoiceRateEntry};

    #[test]
    fn r7_minutes_round_up_per_call() {
        let m = |s: f64| billed_minutes(s, "x").unwrap();
        assert_eq!(m(135.0), 3, "2 min 15 s bills 3 minutes");
        assert_eq!(m(60.0), 1);
        assert_eq!(m(61.0), 2);
        assert_eq!(m(0.0), 0);
        assert_eq!(m(0.001), 1);
        assert_eq!(m(59.999), 1);
        assert_eq!(m(120.00000000000001), 3);
        assert_eq!(m(3600.0), 60);
    }

    #[test]
    fn r7_minutes_are_exact_near_the_limit_and_refuse_beyond_it() {
        let top = (MAX_CREDITS / 60) as f64 * 60.0;
        assert_eq!(billed_minutes(top, "x").unwrap(), MAX_CREDITS / 60);
        assert!(billed_minutes(1e300, "x").is_err());
        assert!(billed_minutes(f64::NAN, "x").is_err());
        assert!(billed_minutes(-1.0, "x").is_err());
    }

    fn voice_with_table() -> VoiceRates {
        let mut voice = Book::published().rates().voice.clone();
        voice.table = vec![
            VoiceRateEntry { provider: "eleven".into(), language: Some("de".into()), credits_per_minute: 5 },
            VoiceRateEntry { provider: "eleven".into(), language: None, credits_per_minute: 4 },
            VoiceRateEntry { provider: "basic".into(), language: None, credits_per_minute: 3 },
        ];
        voice
    }

    #[test]
    fn r7_voice_rate_explicit_then_table_then_default() {
        let voice = voice_with_table();
        let rate = |e, p, l| voice.rate_for(e, p, l, "x").unwrap();
        assert_eq!(rate(Some(3), Some("eleven"), Some("de")), RateRange::known(3));
        assert_eq!(rate(None, Some("eleven"), Some("de")), RateRange::known(5));
        assert_eq!(rate(None, Some("eleven"), Some("fr")), RateRange::known(4));
        assert_eq!(rate(None, Some("basic"), Some("de")), RateRange::known(3));
        assert_eq!(rate(None, None, Some("de")), RateRange { low: 3, expected: 4, high: 5 });
        assert_eq!(rate(None, Some("other"), None), RateRange { low: 3, expected: 4, high: 5 });
        let err = voice.rate_for(Some(6), None, None, "mix.voice[0].creditsPerMinute").unwrap_err();
        assert!(err.to_string().contains("within the book's voice rate bounds 3..5"), "{err}");
    }

    #[test]
    fn r10_workflow_step_by_tokens_at_or_under_the_boundary() {
        let wf = Book::published().rates().workflow;
        assert_eq!(wf.rate_for(None, Some(1000.0), "x").unwrap(), RateRange::known(1));
        assert_eq!(wf.rate_for(None, Some(1000.5), "x").unwrap(), RateRange::known(2));
        assert_eq!(wf.rate_for(None, None, "x").unwrap(), RateRange { low: 1, expected: 1, high: 2 });
        assert_eq!(wf.rate_for(Some(2), Some(10.0), "x").unwrap(), RateRange::known(2));
        assert!(wf.rate_for(Some(3), None, "x").is_err());
    }
}
