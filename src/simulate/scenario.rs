//! A simulation scenario and its usage events, as JS passes them (API.md "Simulation").

use hoopai_billing_macros::shape;
use serde::Serialize;

use crate::error::BillingResult;
use crate::feature::{Feature, PerFeature};
use crate::json::Value;
use crate::schema::read::{invalid_type, read_variant, Path, ReadValue};
use crate::schema::values::{Count, Measure};
use crate::usage_mix::UsageMix;

/// One or more billing cycles of a plan, with usage events in time order (R2..R20).
///
/// ```js
/// calc.simulate({
///   plan: "starter", start: "2026-11-01", cycles: 2, hardCap: true,
///   featureLimits: { voice: { percent: 60 } },
///   events: [
///     { at: "2026-11-02T09:00:00Z", feature: "conversation", messages: 40, agent: "Ava" },
///     { at: "2026-11-03T10:15:00Z", feature: "voice", seconds: 135 },
///     { at: "2026-11-04", topUp: 200 },
///   ],
/// });
/// ```
#[shape]
#[derive(Default)]
pub struct Scenario {
    pub plan: String,
    /// The first cycle's start; its day of the month anchors every cycle (R4) unless
    /// `billingDay` says otherwise.
    pub start: String,
    /// The day of the month cycles start on, 1 to 31 (R4): needed when `start` is a short
    /// month's last day standing in for a later day (Feb 28 for the 31st). Default: the
    /// start's day.
    pub billing_day: Option<Count>,
    /// Number of cycles, default 1.
    pub cycles: Option<Count>,
    /// Pause AI once the allocation and top-ups are used (R16).
    pub hard_cap: Option<bool>,
    /// Default: the book's (R14).
    pub alert_thresholds: Option<Vec<Count>>,
    /// A share of the allocation or a number of credits per feature (R17).
    pub feature_limits: Option<FeatureLimits>,
    /// In time order, inside the cycles. Default: none.
    pub events: Option<Vec<UsageEvent>>,
    /// Only usage before this moment is charged: "so far" for a forecast. Default: all.
    pub until: Option<String>,
    /// Usage generated from a month's mix in every cycle, seeded: the same seed gives the
    /// same events. They are merged with `events` by time; alert `event` indexes of
    /// generated events count on from `events.length`.
    pub synthetic: Option<SyntheticUsage>,
    /// A what-if: test traffic (R12) runs in preview instead (free, R13); live usage is
    /// charged as it was. Default false.
    pub test_as_preview: Option<bool>,
    /// Leave out every top-up (of `events` and of the log): usage alone, as on a plan
    /// where they would not have been bought. Default false.
    pub without_top_ups: Option<bool>,
}

/// A month's usage mix turned into events spread over each cycle.
///
/// ```js
/// const synthetic = { mix: { conversation: { aiMessages: 3000 } }, seed: 7 };
/// ```
#[shape]
#[derive(Default)]
pub struct SyntheticUsage {
    pub mix: UsageMix,
    pub seed: Count,
    /// The generated events' mode, default live.
    pub mode: Option<Mode>,
}

/// Per-feature limits (R17).
///
/// ```js
/// const featureLimits = { voice: { percent: 60 }, workflow: { credits: 200 } };
/// ```
#[shape(manual)]
#[derive(Default)]
pub struct FeatureLimits {
    pub conversation: Option<FeatureLimit>,
    pub voice: Option<FeatureLimit>,
    pub content: Option<FeatureLimit>,
    pub reviews: Option<FeatureLimit>,
    pub workflow: Option<FeatureLimit>,
}

/// A limit on one feature: a percentage of the allocation (at most 100) or a number of
/// credits, not both (R17).
///
/// ```js
/// const limit = { percent: 60 }; // Voice AI at most 300 credits on Starter
/// ```
#[shape]
#[derive(Default)]
pub struct FeatureLimit {
    pub percent: Option<Count>,
    pub credits: Option<Count>,
}

/// Live, test (charged, R12) or preview (free, R13) usage.
///
/// ```js
/// const mode = "preview";
/// ```
#[shape]
#[derive(Copy, Default, Eq, PartialOrd, Ord)]
pub enum Mode {
    #[default]
    Live,
    Test,
    Preview,
}

/// A call's direction; both are metered alike (R7).
///
/// ```js
/// const direction = "outbound";
/// ```
#[shape]
#[derive(Copy, Eq, PartialOrd, Ord)]
pub enum Direction {
    Inbound,
    Outbound,
}

/// A content generation's kind (R8).
///
/// ```js
/// const kind = "image";
/// ```
#[shape]
#[derive(Copy, Eq, PartialOrd, Ord)]
pub enum ContentKind {
    Text,
    Image,
}

/// One usage event or top-up purchase.
///
/// ```js
/// const events = [
///   { at: "2026-11-02T09:00:00Z", feature: "conversation", messages: 3, channel: "sms" },
///   { at: "2026-11-02T09:30:00Z", feature: "voice", seconds: 61, direction: "outbound" },
///   { at: "2026-11-02T10:00:00Z", feature: "content", kind: "image" },
///   { at: "2026-11-02T11:00:00Z", feature: "reviews", count: 2 },
///   { at: "2026-11-02T12:00:00Z", feature: "workflow", gptSteps: 3, tokens: 1200, mode: "test" },
///   { at: "2026-11-03", topUp: 500 },
/// ];
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum UsageEvent {
    Conversation(ConversationEvent),
    Voice(VoiceEvent),
    Content(ContentEvent),
    Reviews(ReviewsEvent),
    Workflow(WorkflowEvent),
    TopUp(TopUpEvent),
}

impl UsageEvent {
    /// The event's timestamp as written (R4), to read or to set.
    pub fn at_mut(&mut self) -> &mut String {
        match self {
            UsageEvent::Conversation(e) => &mut e.at,
            UsageEvent::Voice(e) => &mut e.at,
            UsageEvent::Content(e) => &mut e.at,
            UsageEvent::Reviews(e) => &mut e.at,
            UsageEvent::Workflow(e) => &mut e.at,
            UsageEvent::TopUp(e) => &mut e.at,
        }
    }

    /// The event's timestamp as written (R4).
    pub fn at(&self) -> &str {
        match self {
            UsageEvent::Conversation(e) => &e.at,
            UsageEvent::Voice(e) => &e.at,
            UsageEvent::Content(e) => &e.at,
            UsageEvent::Reviews(e) => &e.at,
            UsageEvent::Workflow(e) => &e.at,
            UsageEvent::TopUp(e) => &e.at,
        }
    }
}

/// AI messages: `messages` default 1 (R5); the channel never changes a price (R6).
///
/// ```js
/// const e = { at: "2026-11-02T09:00:00Z", feature: "conversation", messages: 3, agent: "Ava" };
/// ```
#[shape]
pub struct ConversationEvent {
    pub at: String,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "\"conversation\""))]
    pub feature: Feature,
    pub messages: Option<Count>,
    pub mode: Option<Mode>,
    pub agent: Option<String>,
    pub channel: Option<String>,
}

/// A call, pickup to hangup, rounded up to the minute (R7).
///
/// ```js
/// const e = { at: "2026-11-02T09:30:00Z", feature: "voice", seconds: 135, provider: "eleven" };
/// ```
#[shape]
pub struct VoiceEvent {
    pub at: String,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "\"voice\""))]
    pub feature: Feature,
    pub seconds: Measure,
    pub provider: Option<String>,
    pub language: Option<String>,
    pub credits_per_minute: Option<Count>,
    pub direction: Option<Direction>,
    pub mode: Option<Mode>,
    pub agent: Option<String>,
}

/// Text or image generations: `count` default 1 (R8).
///
/// ```js
/// const e = { at: "2026-11-02T10:00:00Z", feature: "content", kind: "image", count: 2 };
/// ```
#[shape]
pub struct ContentEvent {
    pub at: String,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "\"content\""))]
    pub feature: Feature,
    pub kind: ContentKind,
    pub count: Option<Count>,
    pub mode: Option<Mode>,
}

/// Review responses sent: `count` default 1 (R9).
///
/// ```js
/// const e = { at: "2026-11-02T11:00:00Z", feature: "reviews" };
/// ```
#[shape]
pub struct ReviewsEvent {
    pub at: String,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "\"reviews\""))]
    pub feature: Feature,
    pub count: Option<Count>,
    pub mode: Option<Mode>,
}

/// A workflow run's GPT steps, each billed on its own by its tokens (R10).
///
/// ```js
/// const e = { at: "2026-11-02T12:00:00Z", feature: "workflow", gptSteps: 3, tokens: 1200 };
/// ```
#[shape]
pub struct WorkflowEvent {
    pub at: String,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "\"workflow\""))]
    pub feature: Feature,
    pub gpt_steps: Count,
    /// Prompt + output tokens of each step.
    pub tokens: Option<Measure>,
    pub credits_per_step: Option<Count>,
    pub mode: Option<Mode>,
}

/// Credits bought: usable at once, expiring at the cycle's end (R18, R19).
///
/// ```js
/// const e = { at: "2026-11-20T08:00:00Z", topUp: 500 };
/// ```
#[shape]
pub struct TopUpEvent {
    pub at: String,
    pub top_up: Count,
}

impl ReadValue for Feature {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let variants = Feature::ALL.map(|f| (f.as_str(), f));
        read_variant(value, path, &variants)
    }
}

impl ReadValue for UsageEvent {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let Value::Object(members) = value else {
            return Err(invalid_type(value, "an object", path));
        };
        let has = |key: &str| members.iter().any(|(k, _)| k == key);
        if has("topUp") && !has("feature") {
            return TopUpEvent::read(value, path).map(UsageEvent::TopUp);
        }
        let feature: Feature = match members.iter().find(|(k, _)| k == "feature") {
            Some((_, v)) => Feature::read(v, &path.key("feature"))?,
            None => return Err(path.error("missing field `feature` (or `topUp` for a top-up)")),
        };
        Ok(match feature {
            Feature::Conversation => UsageEvent::Conversation(ConversationEvent::read(value, path)?),
            Feature::Voice => UsageEvent::Voice(VoiceEvent::read(value, path)?),
            Feature::Content => UsageEvent::Content(ContentEvent::read(value, path)?),
            Feature::Reviews => UsageEvent::Reviews(ReviewsEvent::read(value, path)?),
            Feature::Workflow => UsageEvent::Workflow(WorkflowEvent::read(value, path)?),
        })
    }
}

impl ReadValue for FeatureLimits {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let limits = PerFeature::<Option<FeatureLimit>>::read(value, path)?;
        Ok(FeatureLimits {
            conversation: limits.conversation,
            voice: limits.voice,
            content: limits.content,
            reviews: limits.reviews,
            workflow: limits.workflow,
        })
    }
}

/// What `generateEvents` needs: a month's mix, where the first cycle starts, how many
/// cycles, and the seed.
///
/// ```js
/// const events = calc.generateEvents({ mix: { conversation: { aiMessages: 3000 } }, start: "2026-11-01", seed: 7 });
/// ```
#[shape]
#[derive(Default)]
pub struct GenerateEvents {
    pub mix: UsageMix,
    pub start: String,
    /// As a scenario's `billingDay`: the day of the month cycles start on (R4).
    pub billing_day: Option<Count>,
    pub cycles: Option<Count>,
    pub seed: Count,
}
