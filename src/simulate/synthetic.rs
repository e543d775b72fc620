//! Events generated from a month's usage mix: every unit of the mix becomes one event
//! (a message, a call, a generation, a response, a workflow run), spread over the cycle
//! in time order by a seeded generator: the same seed gives the same events. Streaming,
//! so a cycle of millions of events allocates nothing per event.

use super::event::{rate_event, Event, NO_AGENT};
use crate::credits;
use crate::error::{join_path, BillingError, BillingResult};
use crate::feature::Feature;
use crate::price_book::CreditRates;
use crate::schema::{ContentEvent, ContentKind, ConversationEvent, ReviewsEvent, UsageEvent, UsageMix, VoiceEvent, WorkflowEvent};

/// The most events a mix may generate in one cycle.
pub const MAX_EVENTS_PER_CYCLE: u64 = 12_000_000;

/// SplitMix64: small, fast and good enough to spread usage over a month.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0), without modulo bias worth noticing for n < 2^53.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }
}

/// One kind of generated event: its rated form, the event JS would write, and how many
/// a cycle has.
#[derive(Debug, Clone)]
pub struct Stream {
    pub event: Event,
    pub schema: UsageEvent,
    pub count: u64,
}

/// Where a template event stands before it gets its time (rating needs a valid one).
const TEMPLATE_AT: &str = "1970-01-01";

/// The streams of `mix`, each template event rated by [`rate_event`], the simulator's
/// own rating; errors name `path.<line>.<field>` in the mix's terms.
pub fn streams(rates: &CreditRates, mix: &UsageMix, path: &str) -> BillingResult<Vec<Stream>> {
    crate::estimate::check_mix_size(mix, path)?;
    let at = || TEMPLATE_AT.to_string();
    // (where the line is in the mix, the event it makes, how many a cycle)
    let mut lines: Vec<(String, UsageEvent, u64)> = Vec::new();
    if let Some(c) = &mix.conversation {
        let schema = UsageEvent::Conversation(ConversationEvent {
            at: at(),
            feature: Feature::Conversation,
            // One event a message, said so: an event without its count is the data's gap (R5).
            messages: Some(1),
            mode: None,
            agent: None,
            channel: None,
        });
        lines.push(("conversation".into(), schema, c.ai_messages));
    }
    for (i, line) in mix.voice.iter().flatten().enumerate() {
        let schema = UsageEvent::Voice(VoiceEvent {
            at: at(),
            feature: Feature::Voice,
            seconds: line.average_seconds,
            provider: line.provider.clone(),
            language: line.language.clone(),
            credits_per_minute: line.credits_per_minute,
            direction: None,
            mode: None,
            agent: None,
        });
        lines.push((format!("voice[{i}]"), schema, line.calls));
    }
    if let Some(content) = &mix.content {
        for (kind, count) in [(ContentKind::Text, content.text_generations), (ContentKind::Image, content.image_generations)] {
            let schema = UsageEvent::Content(ContentEvent { at: at(), feature: Feature::Content, kind, count: Some(1), mode: None });
            lines.push(("content".into(), schema, count.unwrap_or(0)));
        }
    }
    if let Some(reviews) = &mix.reviews {
        let schema = UsageEvent::Reviews(ReviewsEvent { at: at(), feature: Feature::Reviews, count: Some(1), mode: None });
        lines.push(("reviews".into(), schema, reviews.responses));
    }
    for (i, line) in mix.workflow.iter().flatten().enumerate() {
        let schema = UsageEvent::Workflow(WorkflowEvent {
            at: at(),
            feature: Feature::Workflow,
            gpt_steps: line.gpt_steps,
            tokens: line.average_tokens,
            credits_per_step: line.credits_per_step,
            mode: None,
        });
        lines.push((format!("workflow[{i}]"), schema, line.executions));
    }
    let mut streams = Vec::with_capacity(lines.len());
    for (line_path, schema, count) in lines {
        let event = rate_event(rates, &schema, &mut |_| NO_AGENT).map_err(|e| {
            // The event's fields in the mix's names: a call's `seconds` is the line's average.
            let field = match (&schema, e.path()) {
                (UsageEvent::Voice(_), "seconds") => "averageSeconds",
                (_, other) => other,
            };
            BillingError::new(e.code(), join_path(&join_path(path, &line_path), field), e.reason())
        })?;
        streams.push(Stream { event, schema, count });
    }
    streams.retain(|s| s.count > 0);
    let total = credits::sum(streams.iter().map(|s| s.count), path)?;
    if total > MAX_EVENTS_PER_CYCLE {
        return Err(BillingError::limit(
            path,
            format!("would generate {total} events a cycle; at most {MAX_EVENTS_PER_CYCLE} (use a smaller mix, or compare/estimate for volumes)"),
        ));
    }
    Ok(streams)
}

/// The events each stream has left in a cycle, with prefix sums kept in a Fenwick tree,
/// so drawing an event's stream costs O(log n) for 5 lines or 5,000.
struct Remaining {
    /// 1-based: `tree[i]` sums the counts of streams `(i - lowbit(i), i]`.
    tree: Vec<u64>,
}

impl Remaining {
    fn new(counts: impl IntoIterator<Item = u64>) -> Remaining {
        let mut tree = vec![0];
        tree.extend(counts);
        let n = tree.len() - 1;
        for i in 1..=n {
            let parent = i + (i & i.wrapping_neg());
            if parent <= n {
                tree[parent] += tree[i];
            }
        }
        Remaining { tree }
    }

    /// Takes the `pick`-th remaining event (0-based, streams in order) and returns its
    /// stream: the first stream whose running count passes `pick`, as a scan would find.
    fn take(&mut self, mut pick: u64) -> usize {
        let n = self.tree.len() - 1;
        let (mut before, mut step) = (0, if n == 0 { 0 } else { 1 << n.ilog2() });
        while step > 0 {
            let next = before + step;
            if next <= n && self.tree[next] <= pick {
                pick -= self.tree[next];
                before = next;
            }
            step >>= 1;
        }
        let mut i = before + 1;
        while i <= n {
            self.tree[i] -= 1;
            i += i & i.wrapping_neg();
        }
        before
    }
}

/// One cycle's generated events, in time order: (stream index, at).
pub struct CycleEvents<'s> {
    streams: &'s [Stream],
    remaining: Remaining,
    left: u64,
    total: u64,
    start: i64,
    length: u64,
}

impl<'s> CycleEvents<'s> {
    /// The events of the cycle `[start, end)`.
    pub fn new(streams: &'s [Stream], start: i64, end: i64) -> Self {
        let total = streams.iter().map(|s| s.count).sum();
        let remaining = Remaining::new(streams.iter().map(|s| s.count));
        CycleEvents { streams, remaining, left: total, total, start, length: (end - start) as u64 }
    }

    /// The next event, or `None` when the cycle's mix is used up.
    pub fn next(&mut self, rng: &mut Rng) -> Option<(usize, i64)> {
        if self.left == 0 {
            return None;
        }
        let i = self.total - self.left;
        // Stratified: event i falls in the i-th of `total` equal slices of the cycle,
        // so times never go backwards.
        let slice = (u128::from(i) << 32) | u128::from(rng.next_u64() >> 32);
        let offset = (slice * u128::from(self.length) / (u128::from(self.total) << 32)) as i64;
        // Which stream: drawn without replacement, so each ends with exactly its count.
        let chosen = self.remaining.take(rng.below(self.left));
        self.left -= 1;
        Some((chosen, self.start + offset))
    }

    /// The rated event of stream `s` at `at`.
    pub fn event(&self, s: usize, at: i64) -> Event {
        Event { at, ..self.streams[s].event }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_draws_the_stream_a_scan_would() {
        let counts = [3u64, 0, 5, 1, 0, 7, 2];
        let mut tree = Remaining::new(counts);
        let mut left = counts.to_vec();
        let mut rng = Rng::new(11);
        for _ in 0..counts.iter().sum::<u64>() {
            let total: u64 = left.iter().sum();
            let pick = rng.below(total);
            let (mut rest, mut scan) = (pick, 0);
            while rest >= left[scan] {
                rest -= left[scan];
                scan += 1;
            }
            assert_eq!(tree.take(pick), scan);
            left[scan] -= 1;
        }
    }
}
