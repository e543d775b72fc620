//! A usage export held in a compact store (API v2 item 4): read from CSV once, in chunks
//! of any size, then simulated, backtested and forecast without crossing to JS again.
//!
//! Each row keeps its time, its quantity, an interned description of what it is (its
//! [`Spec`]), its agent and its CSV line: 28 bytes, plus 12 for a workflow row that gives
//! tokens (its row and its tokens, in two columns). Rows are kept in time order (a stable sort: rows at the same moment keep the
//! file's order), so an export written newest first reads as well as one written oldest
//! first.

mod builder;
mod columns;
mod encoding;
mod options;
mod records;

use std::mem::size_of;

pub use builder::UsageLogBuilder;
pub use options::{CsvOptions, MAX_IGNORED_COLUMNS};
pub use records::MAX_RECORD_BYTES;

use crate::error::BillingResult;
use crate::feature::Feature;
use crate::schema::{
    ContentEvent, ContentKind, ConversationEvent, Direction, Measure, Mode, ReviewsEvent, TopUpEvent, UsageEvent, VoiceEvent, WorkflowEvent,
};
use crate::time::format_timestamp;
use columns::Header;

/// The most rows one log holds (about 140 MB of store at the limit).
pub const MAX_LOG_ROWS: usize = 5_000_000;
/// The most bytes of CSV one log reads.
pub const MAX_LOG_BYTES: u64 = 1 << 30;
/// The most different names (agents, channels, providers, languages) in one log.
pub const MAX_LOG_NAMES: usize = 100_000;
/// The longest name, in bytes of UTF-8: names are kept, so their size is bounded too.
pub const MAX_NAME_BYTES: usize = 256;
/// The most different row descriptions ([`Spec`]s) in one log.
pub const MAX_LOG_SPECS: usize = 100_000;
/// The most bad rows one error lists (all are counted): a file's bad rows are said together.
pub const MAX_LISTED_PROBLEMS: usize = 10;

/// An index into the log's names, or [`NO_NAME`].
pub type NameId = u32;
/// No name given.
pub const NO_NAME: NameId = u32::MAX;

/// What a row is, apart from its time, quantity, agent and tokens. A month of rows
/// shares a few dozen of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Spec {
    pub what: What,
    pub mode: Option<Mode>,
    /// Whether the row wrote its quantity (`messages`, `count`) or left it to the default 1.
    pub quantity_given: bool,
}

/// The kind of a row and its feature's own fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum What {
    Conversation { channel: NameId },
    Voice { provider: NameId, language: NameId, credits_per_minute: Option<u64>, direction: Option<Direction> },
    Content { kind: ContentKind },
    Reviews,
    Workflow { credits_per_step: Option<u64> },
    TopUp,
}

impl What {
    /// The feature used, or `None` for a top-up.
    pub fn feature(&self) -> Option<Feature> {
        match self {
            What::Conversation { .. } => Some(Feature::Conversation),
            What::Voice { .. } => Some(Feature::Voice),
            What::Content { .. } => Some(Feature::Content),
            What::Reviews => Some(Feature::Reviews),
            What::Workflow { .. } => Some(Feature::Workflow),
            What::TopUp => None,
        }
    }
}

/// One row as the log holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row<'l> {
    /// Milliseconds since the epoch, UTC.
    pub at: i64,
    /// Messages, count, GPT steps or top-up credits; a call's seconds as `f64` bits.
    pub quantity: u64,
    pub spec: &'l Spec,
    pub agent: NameId,
    /// Prompt + output tokens of each GPT step, where the row gives them.
    pub tokens: Option<f64>,
    /// The CSV line the row starts on.
    pub line: u32,
}

impl Row<'_> {
    /// A call's seconds (voice rows).
    pub fn seconds(&self) -> f64 {
        f64::from_bits(self.quantity)
    }
}

/// A usage export, read once; see the module's documentation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UsageLog {
    at: Vec<i64>,
    quantity: Vec<u64>,
    spec: Vec<u32>,
    agent: Vec<NameId>,
    line: Vec<u32>,
    /// The rows that give tokens, ascending, and their tokens.
    token_rows: Vec<u32>,
    tokens: Vec<f64>,
    specs: Vec<Spec>,
    names: Vec<Box<str>>,
    /// The names used as agents, in order of first use.
    agents: Vec<NameId>,
    /// The export's header, for the place of a row's error found when it is rated.
    header: Option<Header>,
}

impl UsageLog {
    /// Reads a whole CSV export at once (see [`UsageLogBuilder`] for one in chunks).
    pub fn from_csv(bytes: &[u8]) -> BillingResult<UsageLog> {
        Self::from_csv_with(bytes, &CsvOptions::default())
    }

    /// Reads a whole CSV export as `options` say.
    pub fn from_csv_with(bytes: &[u8], options: &CsvOptions) -> BillingResult<UsageLog> {
        let mut builder = UsageLogBuilder::new(options)?;
        builder.push(bytes)?;
        builder.finish()
    }

    /// Where row `i`'s cell of `field` (a column's name in the API) is, for an error found
    /// when the row is rated: `csv line 12, column 9 ("creditsPerMinute")`, or `csv line 12,
    /// creditsPerMinute` where the export names no such column.
    pub fn place(&self, i: usize, field: &str) -> String {
        let line = self.line[i];
        match (self.header.as_ref().and_then(|h| h.place_of(line.into(), field)), field) {
            (Some(cell), _) => cell,
            (None, "") => format!("csv line {line}"),
            (None, field) => format!("csv line {line}, {field}"),
        }
    }

    /// The number of rows (events and top-ups).
    pub fn len(&self) -> usize {
        self.at.len()
    }

    /// True when the export held a header and no rows.
    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    /// The earliest and the latest row's time (ms, UTC).
    pub fn span(&self) -> Option<(i64, i64)> {
        Some((*self.at.first()?, *self.at.last()?))
    }

    /// Every row's time, ascending.
    pub fn times(&self) -> &[i64] {
        &self.at
    }

    /// The name behind `id`.
    pub fn name(&self, id: NameId) -> Option<&str> {
        self.names.get(id as usize).map(|name| &**name)
    }

    /// Every name, by id.
    pub fn names(&self) -> &[Box<str>] {
        &self.names
    }

    /// The names used as agents, in order of first use.
    pub fn agents(&self) -> &[NameId] {
        &self.agents
    }

    /// Every row description, by id.
    pub fn specs(&self) -> &[Spec] {
        &self.specs
    }

    /// The id of row `i`'s description.
    pub fn spec_id(&self, i: usize) -> u32 {
        self.spec[i]
    }

    /// Row `i` (`i < len()`).
    pub fn row(&self, i: usize) -> Row<'_> {
        let spec = &self.specs[self.spec[i] as usize];
        // Only workflow rows give tokens: the others need no search.
        let tokens = match spec.what {
            What::Workflow { .. } => self.token_rows.binary_search(&(i as u32)).ok().map(|k| self.tokens[k]),
            _ => None,
        };
        Row { at: self.at[i], quantity: self.quantity[i], spec, agent: self.agent[i], tokens, line: self.line[i] }
    }

    /// Bytes the store takes in memory, tables included.
    pub fn memory_bytes(&self) -> usize {
        self.at.capacity() * size_of::<i64>()
            + self.quantity.capacity() * size_of::<u64>()
            + (self.spec.capacity() + self.agent.capacity() + self.line.capacity()) * size_of::<u32>()
            + self.token_rows.capacity() * size_of::<u32>()
            + self.tokens.capacity() * size_of::<f64>()
            + self.specs.capacity() * size_of::<Spec>()
            + self.names.iter().map(|name| name.len() + size_of::<Box<str>>()).sum::<usize>()
            + self.agents.capacity() * size_of::<NameId>()
    }

    /// Row `i` as an event, as JS would write it (the time in the API's UTC form).
    pub fn event(&self, i: usize) -> UsageEvent {
        let row = self.row(i);
        let at = format_timestamp(row.at);
        let name = |id: NameId| self.name(id).map(str::to_string);
        let given = |quantity: u64| row.spec.quantity_given.then_some(quantity);
        let mode = row.spec.mode;
        match row.spec.what {
            What::Conversation { channel } => UsageEvent::Conversation(ConversationEvent {
                at,
                feature: Feature::Conversation,
                messages: given(row.quantity),
                mode,
                agent: name(row.agent),
                channel: name(channel),
            }),
            What::Voice { provider, language, credits_per_minute, direction } => UsageEvent::Voice(VoiceEvent {
                at,
                feature: Feature::Voice,
                seconds: Measure(row.seconds()),
                provider: name(provider),
                language: name(language),
                credits_per_minute,
                direction,
                mode,
                agent: name(row.agent),
            }),
            What::Content { kind } => {
                UsageEvent::Content(ContentEvent { at, feature: Feature::Content, kind, count: given(row.quantity), mode })
            }
            What::Reviews => UsageEvent::Reviews(ReviewsEvent { at, feature: Feature::Reviews, count: given(row.quantity), mode }),
            What::Workflow { credits_per_step } => UsageEvent::Workflow(WorkflowEvent {
                at,
                feature: Feature::Workflow,
                gpt_steps: row.quantity,
                tokens: row.tokens.map(Measure),
                credits_per_step,
                mode,
            }),
            What::TopUp => UsageEvent::TopUp(TopUpEvent { at, top_up: row.quantity }),
        }
    }

    /// Rows `from..to` as events (clamped to the log: a page asks for a window).
    pub fn events(&self, from: usize, to: usize) -> Vec<UsageEvent> {
        let to = to.min(self.len());
        (from.min(to)..to).map(|i| self.event(i)).collect()
    }

    /// Gives back the room the columns grew into while the log was read.
    fn shrink_to_fit(&mut self) {
        self.at.shrink_to_fit();
        self.quantity.shrink_to_fit();
        self.spec.shrink_to_fit();
        self.agent.shrink_to_fit();
        self.line.shrink_to_fit();
        self.token_rows.shrink_to_fit();
        self.tokens.shrink_to_fit();
        self.specs.shrink_to_fit();
    }

    /// Puts the rows in time order, keeping the file's order for equal times.
    fn sort(&mut self) {
        if self.at.windows(2).all(|pair| pair[0] <= pair[1]) {
            return;
        }
        let mut order: Vec<u32> = (0..self.len() as u32).collect();
        // Ties keep the file's order: the row's index breaks them.
        order.sort_unstable_by_key(|&i| (self.at[i as usize], i));
        permute(&mut self.at, &order);
        permute(&mut self.quantity, &order);
        permute(&mut self.spec, &order);
        permute(&mut self.agent, &order);
        permute(&mut self.line, &order);
        // The tokens follow their rows, still ascending by row.
        let (old_rows, old_tokens) = (std::mem::take(&mut self.token_rows), std::mem::take(&mut self.tokens));
        for (new, &old) in order.iter().enumerate() {
            if let Ok(k) = old_rows.binary_search(&old) {
                self.token_rows.push(new as u32);
                self.tokens.push(old_tokens[k]);
            }
        }
    }
}

/// Reorders `column` so that its row `k` is the old row `order[k]`.
fn permute<T: Copy>(column: &mut Vec<T>, order: &[u32]) {
    *column = order.iter().map(|&i| column[i as usize]).collect();
}
