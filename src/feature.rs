//! The five AI features and a record with one value per feature.

use serde::Serialize;

/// An AI feature that consumes credits.
///
/// ```js
/// const f = "voice"; // "conversation" | "voice" | "content" | "reviews" | "workflow"
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Feature {
    /// Conversation AI: AI-generated messages (R5).
    Conversation,
    /// Voice AI: call minutes, rounded up per call (R7).
    Voice,
    /// Content AI: text and image generations (R8).
    Content,
    /// Reviews AI: review responses sent (R9).
    Reviews,
    /// Workflow AI: GPT action steps (R10).
    Workflow,
}

impl Feature {
    /// Every feature, in the order reports list them.
    pub const ALL: [Feature; 5] = [Feature::Conversation, Feature::Voice, Feature::Content, Feature::Reviews, Feature::Workflow];

    /// The name used in JS and in field paths.
    pub fn as_str(self) -> &'static str {
        match self {
            Feature::Conversation => "conversation",
            Feature::Voice => "voice",
            Feature::Content => "content",
            Feature::Reviews => "reviews",
            Feature::Workflow => "workflow",
        }
    }
}

/// One value per feature: the JS `Record<Feature, T>`.
///
/// ```js
/// const { voice } = calc.estimate(mix).byFeature; // { credits, low, high }
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PerFeature<T> {
    pub conversation: T,
    pub voice: T,
    pub content: T,
    pub reviews: T,
    pub workflow: T,
}

impl<T> PerFeature<T> {
    /// The value for `feature`.
    pub fn get(&self, feature: Feature) -> &T {
        match feature {
            Feature::Conversation => &self.conversation,
            Feature::Voice => &self.voice,
            Feature::Content => &self.content,
            Feature::Reviews => &self.reviews,
            Feature::Workflow => &self.workflow,
        }
    }

    /// The value for `feature`, to change.
    pub fn get_mut(&mut self, feature: Feature) -> &mut T {
        match feature {
            Feature::Conversation => &mut self.conversation,
            Feature::Voice => &mut self.voice,
            Feature::Content => &mut self.content,
            Feature::Reviews => &mut self.reviews,
            Feature::Workflow => &mut self.workflow,
        }
    }

    /// A record built by calling `f` for each feature.
    pub fn from_fn(mut f: impl FnMut(Feature) -> T) -> Self {
        PerFeature {
            conversation: f(Feature::Conversation),
            voice: f(Feature::Voice),
            content: f(Feature::Content),
            reviews: f(Feature::Reviews),
            workflow: f(Feature::Workflow),
        }
    }

    /// The same record with `f` applied to every value.
    pub fn map<U>(&self, mut f: impl FnMut(&T) -> U) -> PerFeature<U> {
        PerFeature::from_fn(|feature| f(self.get(feature)))
    }
}
