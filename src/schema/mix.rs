//! A month's usage mix and the options of a comparison (API.md "Usage mix").

use serde::Serialize;

use super::read::{Fields, Path, ReadValue};
use crate::error::BillingResult;
use crate::json::Value;

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
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageMix {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub conversation: Option<ConversationUsage>,
    /// Groups of calls.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub voice: Option<Vec<VoiceLine>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub content: Option<ContentUsage>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub reviews: Option<ReviewUsage>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub workflow: Option<Vec<WorkflowLine>>,
}

/// AI-generated messages in a month; customer messages cost nothing (R5).
///
/// ```js
/// const conversation = { aiMessages: 1200 };
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VoiceLine {
    pub calls: Count,
    pub average_seconds: Measure,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub provider: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub language: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub credits_per_minute: Option<Count>,
}

/// Text and image generations in a month (R8).
///
/// ```js
/// const content = { textGenerations: 60, imageGenerations: 10 };
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContentUsage {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub text_generations: Option<Count>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub image_generations: Option<Count>,
}

/// AI review responses sent in a month (R9).
///
/// ```js
/// const reviews = { responses: 80 };
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkflowLine {
    pub executions: Count,
    /// GPT steps per execution.
    pub gpt_steps: Count,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub average_tokens: Option<Measure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub credits_per_step: Option<Count>,
}

/// Which plans to compare and which alert thresholds to check.
///
/// ```js
/// calc.compare(mix, { plans: ["pro", "premium"], alertThresholds: [50, 75, 90] });
/// ```
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompareOptions {
    /// Plan ids; default: every plan of the book. Quotes come in book order.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub plans: Option<Vec<String>>,
    /// Percentages of the allocation; default: the book's (R14).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub alert_thresholds: Option<Vec<Count>>,
}

impl ReadValue for UsageMix {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let fields = Fields::of(value, path, &["conversation", "voice", "content", "reviews", "workflow"])?;
        Ok(UsageMix {
            conversation: fields.optional("conversation")?,
            voice: fields.optional("voice")?,
            content: fields.optional("content")?,
            reviews: fields.optional("reviews")?,
            workflow: fields.optional("workflow")?,
        })
    }
}

impl ReadValue for ConversationUsage {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let fields = Fields::of(value, path, &["aiMessages"])?;
        Ok(ConversationUsage { ai_messages: fields.required("aiMessages")? })
    }
}

impl ReadValue for VoiceLine {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let fields = Fields::of(value, path, &["calls", "averageSeconds", "provider", "language", "creditsPerMinute"])?;
        Ok(VoiceLine {
            calls: fields.required("calls")?,
            average_seconds: fields.required("averageSeconds")?,
            provider: fields.optional("provider")?,
            language: fields.optional("language")?,
            credits_per_minute: fields.optional("creditsPerMinute")?,
        })
    }
}

impl ReadValue for ContentUsage {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let fields = Fields::of(value, path, &["textGenerations", "imageGenerations"])?;
        Ok(ContentUsage { text_generations: fields.optional("textGenerations")?, image_generations: fields.optional("imageGenerations")? })
    }
}

impl ReadValue for ReviewUsage {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let fields = Fields::of(value, path, &["responses"])?;
        Ok(ReviewUsage { responses: fields.required("responses")? })
    }
}

impl ReadValue for WorkflowLine {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let fields = Fields::of(value, path, &["executions", "gptSteps", "averageTokens", "creditsPerStep"])?;
        Ok(WorkflowLine {
            executions: fields.required("executions")?,
            gpt_steps: fields.required("gptSteps")?,
            average_tokens: fields.optional("averageTokens")?,
            credits_per_step: fields.optional("creditsPerStep")?,
        })
    }
}

impl ReadValue for CompareOptions {
    fn read(value: &Value, path: &Path) -> BillingResult<Self> {
        let fields = Fields::of(value, path, &["plans", "alertThresholds"])?;
        Ok(CompareOptions { plans: fields.optional("plans")?, alert_thresholds: fields.optional("alertThresholds")? })
    }
}
