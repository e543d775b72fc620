//! A month's usage mix and the options of a comparison (API.md "Usage mix").

use hoopai_billing_macros::shape;

use crate::schema::values::{Count, Measure};

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
#[shape]
#[derive(Default)]
pub struct UsageMix {
    pub conversation: Option<ConversationUsage>,
    /// Groups of calls.
    pub voice: Option<Vec<VoiceLine>>,
    pub content: Option<ContentUsage>,
    pub reviews: Option<ReviewUsage>,
    pub workflow: Option<Vec<WorkflowLine>>,
}

/// AI-generated messages in a month; customer messages cost nothing (R5).
///
/// ```js
/// const conversation = { aiMessages: 1200 };
/// ```
#[shape]
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
#[shape]
pub struct VoiceLine {
    pub calls: Count,
    pub average_seconds: Measure,
    pub provider: Option<String>,
    pub language: Option<String>,
    pub credits_per_minute: Option<Count>,
}

/// Text and image generations in a month (R8).
///
/// ```js
/// const content = { textGenerations: 60, imageGenerations: 10 };
/// ```
#[shape]
pub struct ContentUsage {
    pub text_generations: Option<Count>,
    pub image_generations: Option<Count>,
}

/// AI review responses sent in a month (R9).
///
/// ```js
/// const reviews = { responses: 80 };
/// ```
#[shape]
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
#[shape]
pub struct WorkflowLine {
    pub executions: Count,
    /// GPT steps per execution.
    pub gpt_steps: Count,
    pub average_tokens: Option<Measure>,
    pub credits_per_step: Option<Count>,
}
