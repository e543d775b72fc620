//! A month's usage mix and the options of a comparison (API.md "Usage mix").

use serde::{Deserialize, Serialize};

use super::values::{Count, Measure};

/// One month's usage by feature; every part is optional.
///
/// ```js
/// const mix = {
///   conversation: { aiMessages: 1200 },
///   voice: [{ calls: 40, averageSeconds: 135 }],          // 40 calls x 3 minutes
///   content: { textGenerations: 60, imageGenerations: 10 },
///   reviews: { responses: 80 },
///   workflow: [{ executions: 300, gptSteps: 2, averageTokens: 600 }],
/// };
/// calc.estimate(mix).credits;
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UsageMix {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub conversation: Option<ConversationUsage>,
    /// Groups of calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub voice: Option<Vec<VoiceLine>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub content: Option<ContentUsage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub reviews: Option<ReviewUsage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub workflow: Option<Vec<WorkflowLine>>,
}

/// AI-generated messages in a month; customer messages cost nothing (R5).
///
/// ```js
/// const conversation = { aiMessages: 1200 };
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConversationUsage {
    pub ai_messages: Count,
}

/// A group of calls of the same average length: bills `calls × ceil(averageSeconds / 60)`
/// minutes (R7). The rate is `creditsPerMinute`, else the book's table entry for the
/// provider and language, else for the provider, else the book's default.
///
/// ```js
/// const line = { calls: 40, averageSeconds: 135, provider: "eleven", language: "de" };
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VoiceLine {
    pub calls: Count,
    pub average_seconds: Measure,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub provider: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub credits_per_minute: Option<Count>,
}

/// Text and image generations in a month (R8).
///
/// ```js
/// const content = { textGenerations: 60, imageGenerations: 10 };
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContentUsage {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub text_generations: Option<Count>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub image_generations: Option<Count>,
}

/// AI review responses sent in a month (R9).
///
/// ```js
/// const reviews = { responses: 80 };
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReviewUsage {
    pub responses: Count,
}

/// Workflow runs with GPT action steps, each step billed on its own (R10). The step
/// rate is `creditsPerStep`, else by `averageTokens` (prompt + output of one step)
/// against the book's boundary, else unknown (short expected, long high).
///
/// ```js
/// const line = { executions: 300, gptSteps: 3, averageTokens: 1400 }; // 900 steps x 2
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WorkflowLine {
    pub executions: Count,
    /// GPT steps per execution.
    pub gpt_steps: Count,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub average_tokens: Option<Measure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub credits_per_step: Option<Count>,
}

/// Which plans to compare and which alert thresholds to check.
///
/// ```js
/// calc.compare(mix, { plans: ["pro", "premium"], alertThresholds: [50, 75, 90] });
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CompareOptions {
    /// Plan ids; default: every plan of the book. Quotes come in book order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub plans: Option<Vec<String>>,
    /// Percentages of the allocation; default: the book's (R14).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub alert_thresholds: Option<Vec<Count>>,
}
