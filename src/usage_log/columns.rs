//! A usage export's columns, and its rows read into the log's form.
//!
//! Columns (header names match whatever their case, spaces, `_` or `-`; aliases in
//! brackets): `at` [timestamp, time, datetime, date, occurredAt, createdAt], `feature`
//! [type], `mode`, `agent` [agentName], `channel`, `messages` [aiMessages], `seconds`
//! [duration, durationSeconds, callSeconds], `provider`, `language` [lang],
//! `creditsPerMinute`, `direction`, `kind` [contentKind], `count` [quantity], `gptSteps`
//! [steps], `tokens`, `creditsPerStep`, `topUp` [topUpCredits]. A row with `topUp` and
//! no `feature` is a top-up. Empty cells are left out.
//!
//! A row is read by a fast path for the cells a usage export holds; any other row
//! (including every row with an error) is read by the schema's own event reader, so
//! both accept the same rows and every error says what the API says for the same event.

use std::borrow::Cow;

use super::options::Ignored;
use super::records::Record;
use super::{NameId, Spec, What, NO_NAME};
use crate::credits::MAX_CREDITS;
use crate::error::{BillingError, BillingResult};
use crate::feature::Feature;
use crate::json::{self, Value, NON_JSON_MARK};
use crate::schema::read::{is_unknown_field, missing_field};
use crate::schema::{ContentKind, Direction, Mode, Path, ReadValue, UsageEvent};
use crate::time::parse_timestamp;

const AT: usize = 0;
const FEATURE: usize = 1;
const MODE: usize = 2;
const AGENT: usize = 3;
const CHANNEL: usize = 4;
const MESSAGES: usize = 5;
const SECONDS: usize = 6;
const PROVIDER: usize = 7;
const LANGUAGE: usize = 8;
const CREDITS_PER_MINUTE: usize = 9;
const DIRECTION: usize = 10;
const KIND: usize = 11;
const COUNT: usize = 12;
const GPT_STEPS: usize = 13;
const TOKENS: usize = 14;
const CREDITS_PER_STEP: usize = 15;
const TOP_UP: usize = 16;

/// Canonical column names (by index, as the constants above), their aliases
/// (normalised), and whether they hold numbers.
const COLUMNS: [(&str, &[&str], bool); 17] = [
    ("at", &["at", "timestamp", "time", "datetime", "date", "occurredat", "createdat"], false),
    ("feature", &["feature", "type"], false),
    ("mode", &["mode"], false),
    ("agent", &["agent", "agentname"], false),
    ("channel", &["channel"], false),
    ("messages", &["messages", "aimessages"], true),
    ("seconds", &["seconds", "duration", "durationseconds", "callseconds"], true),
    ("provider", &["provider"], false),
    ("language", &["language", "lang"], false),
    ("creditsPerMinute", &["creditsperminute"], true),
    ("direction", &["direction"], false),
    ("kind", &["kind", "contentkind"], false),
    ("count", &["count", "quantity"], true),
    ("gptSteps", &["gptsteps", "steps"], true),
    ("tokens", &["tokens"], true),
    ("creditsPerStep", &["creditsperstep"], true),
    ("topUp", &["topup", "topupcredits"], true),
];

/// The columns each kind of row may fill, as bit masks of column indexes.
const fn mask(columns: &[usize]) -> u32 {
    let mut bits = 0;
    let mut i = 0;
    while i < columns.len() {
        bits |= 1 << columns[i];
        i += 1;
    }
    bits
}
const CONVERSATION_COLUMNS: u32 = mask(&[AT, FEATURE, MESSAGES, MODE, AGENT, CHANNEL]);
const VOICE_COLUMNS: u32 = mask(&[AT, FEATURE, SECONDS, PROVIDER, LANGUAGE, CREDITS_PER_MINUTE, DIRECTION, MODE, AGENT]);
const CONTENT_COLUMNS: u32 = mask(&[AT, FEATURE, KIND, COUNT, MODE]);
const REVIEWS_COLUMNS: u32 = mask(&[AT, FEATURE, COUNT, MODE]);
const WORKFLOW_COLUMNS: u32 = mask(&[AT, FEATURE, GPT_STEPS, TOKENS, CREDITS_PER_STEP, MODE]);
const TOP_UP_COLUMNS: u32 = mask(&[AT, TOP_UP]);

/// The header row: each cell's column, and the header as written (for messages).
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// Each header cell's column, or [`UNNAMED`].
    columns: Vec<usize>,
    written: Vec<String>,
}

/// A header cell left empty (a spreadsheet's blank column): its cells must be empty too.
const UNNAMED: usize = usize::MAX;
/// A column left out on request ([`CsvOptions`](super::CsvOptions)), or unknown (an error
/// said with the rows' own): its cells are not read.
const IGNORED: usize = usize::MAX - 1;

/// A row read, before it joins the log.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry {
    pub at: i64,
    pub quantity: u64,
    pub spec: Spec,
    pub agent: NameId,
    pub tokens: Option<f64>,
}

fn normalise(header: &str) -> String {
    header.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// Whether `header` names a column the log reads (as the header row is matched).
pub fn is_known(header: &str) -> bool {
    let key = normalise(header);
    COLUMNS.iter().any(|(_, aliases, _)| aliases.contains(&key.as_str()))
}

/// Whether `name`, a column to leave out, names the header cell `written`: the same text,
/// or the same as a known header is matched (case, spaces and punctuation aside).
pub fn ignores(name: &str, written: &str) -> bool {
    let key = normalise(name);
    name == trim(written) || (!key.is_empty() && key == normalise(written))
}

/// Whitespace trimmed from both ends (checked byte-wise first: most cells have none).
fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => text,
        (None, _) => text,
        _ => text.trim(),
    }
}

/// A cell as text, its surrounding whitespace trimmed; invalid UTF-8 is an error.
fn cell_text<'r>(record: &Record<'r>, whole: Option<&'r str>, i: usize, at: impl Fn() -> String) -> BillingResult<&'r str> {
    record
        .cell_text(whole, i)
        .map(trim)
        .ok_or_else(|| BillingError::invalid(at(), "is not valid UTF-8 text; save the export as UTF-8 and load it again"))
}

/// A header as an error quotes it: at most 40 characters.
fn shortened(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// True when every cell of `record` is empty or whitespace: a row left out.
pub fn is_blank(record: &Record, whole: Option<&str>) -> bool {
    (0..record.cell_count()).all(|i| record.cell_text(whole, i).is_some_and(|text| trim(text).is_empty()))
}

impl Header {
    /// Reads the header row: every cell a known column, once; an `at` column required.
    /// An unknown column is handed to `unknown` and its cells are left unread, so the rows
    /// are still checked and every problem of the file is said together.
    pub fn read(record: &Record, ignored: &Ignored, unknown: &mut dyn FnMut(BillingError)) -> BillingResult<Header> {
        let whole = record.text();
        // Each cell checked on its own: how a record's cells are stored (end to end, or in
        // place with their separators) must not change the verdict.
        let text = (0..record.cell_count()).all(|i| record.cell_text(whole, i).is_some());
        if !text && (record.starts_with(&[0xFF, 0xFE]) || record.starts_with(&[0xFE, 0xFF])) {
            return Err(BillingError::invalid(
                format!("csv line {}", record.line),
                "is UTF-16 text; save the export as CSV UTF-8 (comma delimited) and load it again",
            ));
        }
        if !text {
            return Err(BillingError::invalid(
                format!("csv line {}", record.line),
                "is not UTF-8 text: this is not a CSV export, or one saved in another encoding (save it as CSV UTF-8)",
            ));
        }
        // A European export separated by semicolons, or one saved as tab-separated text, reads
        // as one unknown column.
        let lone = if record.cell_count() == 1 { record.cell_text(whole, 0) } else { None };
        for (separator, name) in [(';', "semicolons (;)"), ('\t', "tabs")] {
            if lone.is_some_and(|cell| cell.contains(separator)) {
                return Err(BillingError::invalid(
                    format!("csv line {}", record.line),
                    format!("looks separated by {name}; export the CSV with commas as separators and load it again"),
                ));
            }
        }
        // What the columns can be, written once for every unknown column.
        let mut known: Option<String> = None;
        let mut header = Header { columns: Vec::with_capacity(record.cell_count()), written: Vec::with_capacity(record.cell_count()) };
        for i in 0..record.cell_count() {
            let place = || format!("csv line {}, column {}", record.line, i + 1);
            let written = cell_text(record, whole, i, place)?;
            let at = format!("csv line {}, column {} ({:?})", record.line, i + 1, shortened(written));
            let key = normalise(written);
            if written.is_empty() {
                header.columns.push(UNNAMED);
                header.written.push(String::new());
                continue;
            }
            if ignored.covers(written) {
                header.columns.push(IGNORED);
                header.written.push(written.to_string());
                continue;
            }
            let Some(column) = COLUMNS.iter().position(|(_, aliases, _)| aliases.contains(&key.as_str())) else {
                if !ignored.unknown {
                    let known = known.get_or_insert_with(|| COLUMNS.map(|(name, _, _)| name).join(", "));
                    unknown(BillingError::invalid(at, format!("unknown column; the columns are {known}")));
                }
                header.columns.push(IGNORED);
                header.written.push(written.to_string());
                continue;
            };
            if let Some(first) = header.columns.iter().position(|&c| c == column) {
                return Err(BillingError::invalid(at, format!("a second `{}` column (also column {})", COLUMNS[column].0, first + 1)));
            }
            header.columns.push(column);
            header.written.push(written.to_string());
        }
        if !header.columns.contains(&AT) {
            return Err(BillingError::invalid(format!("csv line {}", record.line), "needs an `at` column (the event's timestamp)"));
        }
        Ok(header)
    }

    /// The header of column `c` (1-based) as written.
    pub fn written(&self, c: usize) -> Option<&str> {
        self.written.get(c.checked_sub(1)?).map(String::as_str)
    }

    /// Where the cell of `field` (a column's name in the API, `creditsPerMinute`) is on
    /// line `line`: `csv line 12, column 3 ("Rate")`; `None` where the header has no such column.
    pub fn place_of(&self, line: u64, field: &str) -> Option<String> {
        let column = COLUMNS.iter().position(|(name, _, _)| *name == field)?;
        self.cell_place(line, column)
    }

    /// Where a column of a row is: `csv line 12, column 3 ("Duration")`.
    fn place(&self, line: u64, column: usize) -> String {
        self.cell_place(line, column).unwrap_or_else(|| format!("csv line {line}"))
    }

    fn cell_place(&self, line: u64, column: usize) -> Option<String> {
        let i = self.columns.iter().position(|&c| c == column)?;
        Some(format!("csv line {line}, column {} ({:?})", i + 1, self.written[i]))
    }

    /// Reads a data row. `name` interns a name; `fast` allows the fast path.
    pub fn row<'r>(
        &self,
        record: &Record<'r>,
        whole: Option<&'r str>,
        name: &mut impl FnMut(&str) -> BillingResult<NameId>,
        fast: bool,
    ) -> BillingResult<Entry> {
        if record.cell_count() < self.columns.len() {
            return Err(BillingError::invalid(
                format!("csv line {}", record.line),
                format!("has {} cells, the header has {}", record.cell_count(), self.columns.len()),
            ));
        }
        // Cells past the header's are a spreadsheet's empty columns when they are empty.
        if let Some(i) = (self.columns.len()..record.cell_count()).find(|&i| record.cell_text(whole, i).is_none_or(|t| !trim(t).is_empty()))
        {
            return Err(BillingError::invalid(
                format!("csv line {}, column {}", record.line, i + 1),
                format!("has a value past the header's {} columns; name its column in the header or delete it", self.columns.len()),
            ));
        }
        let mut cells: [Option<&str>; 17] = [None; 17];
        // A value of a fixed list is read whatever its case, as the headers are ("Conversation").
        let listed = |column: usize, text: &'r str| -> &'r str {
            match column {
                FEATURE => as_listed(Feature::ALL.iter().map(|f| f.as_str()), text),
                MODE => as_listed(Mode::VARIANTS.iter().map(|v| v.0), text),
                KIND => as_listed(ContentKind::VARIANTS.iter().map(|v| v.0), text),
                DIRECTION => as_listed(Direction::VARIANTS.iter().map(|v| v.0), text),
                _ => text,
            }
        };
        for (i, &column) in self.columns.iter().enumerate() {
            if column == IGNORED {
                continue;
            }
            if column == UNNAMED {
                let at = || format!("csv line {}, column {}", record.line, i + 1);
                if !cell_text(record, whole, i, at)?.is_empty() {
                    return Err(BillingError::invalid(
                        at(),
                        "has a value under a column with no name in the header; name the column or delete it",
                    ));
                }
                continue;
            }
            let text = cell_text(record, whole, i, || self.place(record.line, column))?;
            if !text.is_empty() {
                cells[column] = Some(listed(column, text));
            }
        }
        if fast {
            if let Some(entry) = fast_row(&cells, name)? {
                return Ok(entry);
            }
        }
        self.schema_row(&cells, record.line, name)
    }

    /// A row's error from the schema reader, in the words of a file: at its cell where it
    /// has one; a value the row needs or a column its kind does not take said as such.
    fn row_error(&self, e: &BillingError, cells: &[Option<&str>; 17], line: u64, label: &str) -> BillingError {
        let kind = match (cells[FEATURE], cells[TOP_UP]) {
            (Some(feature), _) => feature,
            (None, Some(_)) => "top-up",
            (None, None) => "usage",
        };
        let named = |name: &str| COLUMNS.iter().position(|(column, _, _)| *column == name);
        let said = |at: String, words: String| BillingError::new(e.code(), at, words);
        if let Some(missing) = missing_field(e) {
            let words = match missing {
                "at" => "every row needs its time".to_string(),
                "feature" => "name the feature (conversation, voice, content, reviews or workflow), or fill topUp for a top-up".to_string(),
                _ => format!("a {kind} row needs a value here"),
            };
            return match named(missing).filter(|c| self.columns.contains(c)) {
                Some(c) => said(self.place(line, c), format!("is empty; {words}")),
                None => said(format!("csv line {line}"), format!("needs a `{missing}` column: {words}")),
            };
        }
        let field = e.path().strip_prefix(label).unwrap_or("").trim_start_matches('.');
        match named(field) {
            // Both a feature and credits bought: one of the two cells is the mistake.
            Some(c) if c == TOP_UP && is_unknown_field(e) => said(
                self.place(line, c),
                "fills both feature and topUp: a top-up row leaves feature empty, a usage row leaves topUp empty".into(),
            ),
            // A column of the export that this row's kind does not take.
            Some(c) if is_unknown_field(e) => said(self.place(line, c), format!("a {kind} row takes no {field}; leave this cell empty")),
            Some(c) => said(self.place(line, c), e.reason().to_string()),
            None if field.is_empty() => said(format!("csv line {line}"), e.reason().to_string()),
            None => said(format!("csv line {line}, {field}"), e.reason().to_string()),
        }
    }

    /// Reads a row as the API reads an event, so its errors are the API's own, placed at
    /// the row's line and column.
    fn schema_row(
        &self,
        cells: &[Option<&str>; 17],
        line: u64,
        name: &mut impl FnMut(&str) -> BillingResult<NameId>,
    ) -> BillingResult<Entry> {
        let members = cells
            .iter()
            .enumerate()
            .filter_map(|(column, cell)| cell.map(|text| (column, text)))
            .map(|(column, text)| {
                let value = match json::parse(text) {
                    // `1.23457E+11` is a spreadsheet's display of a number it has rounded: the
                    // exact count is lost, so the row is refused rather than billed as shown.
                    Ok(Value::Number(_)) if COLUMNS[column].2 && text.contains(['e', 'E']) => {
                        return Err(BillingError::invalid(
                            self.place(line, column),
                            format!(
                                "{text:?} is in scientific notation, which a spreadsheet shows rounded; format the column as {} and export again",
                                if matches!(COLUMNS[column].0, "seconds" | "tokens") { "numbers" } else { "whole numbers" }
                            ),
                        ));
                    }
                    Ok(number @ Value::Number(_)) if COLUMNS[column].2 => number,
                    _ => Value::String(Cow::Borrowed(text)),
                };
                Ok((Cow::Borrowed(COLUMNS[column].0), value))
            })
            .collect::<BillingResult<_>>()?;
        let label = format!("line {line}");
        let event = UsageEvent::read(&Value::Object(members), &Path::root(&label)).map_err(|e| self.row_error(&e, cells, line, &label))?;
        // The timestamp is checked here, so its error names the row and the column (R4).
        let at = parse_timestamp(event.at(), "").map_err(|e| BillingError::new(e.code(), self.place(line, AT), e.reason()))?;
        entry_of(&event, at, name)
    }
}

/// A usage event (read by the schema) in the log's form.
fn entry_of(event: &UsageEvent, at: i64, name: &mut impl FnMut(&str) -> BillingResult<NameId>) -> BillingResult<Entry> {
    let mut id = |text: &Option<String>| text.as_deref().map_or(Ok(NO_NAME), &mut *name);
    let spec = |what, mode, quantity_given| Spec { what, mode, quantity_given };
    let (spec, quantity, agent, tokens) = match event {
        UsageEvent::Conversation(e) => {
            let what = What::Conversation { channel: id(&e.channel)? };
            (spec(what, e.mode, e.messages.is_some()), e.messages.map_or(1, |m| m), id(&e.agent)?, None)
        }
        UsageEvent::Voice(e) => {
            let what = What::Voice {
                provider: id(&e.provider)?,
                language: id(&e.language)?,
                credits_per_minute: e.credits_per_minute,
                direction: e.direction,
            };
            (spec(what, e.mode, true), e.seconds.0.to_bits(), id(&e.agent)?, None)
        }
        UsageEvent::Content(e) => (spec(What::Content { kind: e.kind }, e.mode, e.count.is_some()), e.count.unwrap_or(1), NO_NAME, None),
        UsageEvent::Reviews(e) => (spec(What::Reviews, e.mode, e.count.is_some()), e.count.unwrap_or(1), NO_NAME, None),
        UsageEvent::Workflow(e) => {
            let what = What::Workflow { credits_per_step: e.credits_per_step };
            (spec(what, e.mode, true), e.gpt_steps, NO_NAME, e.tokens.map(|t| t.0))
        }
        UsageEvent::TopUp(e) => (spec(What::TopUp, None, true), e.top_up, NO_NAME, None),
    };
    Ok(Entry { at, quantity, spec, agent, tokens })
}

/// A whole number 0..=2^53 − 1 written as JSON writes it (no sign, no leading zero).
fn count(text: &str) -> Option<u64> {
    let b = text.as_bytes();
    if b.is_empty() || b.len() > 16 || (b[0] == b'0' && b.len() > 1) || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    text.parse().ok().filter(|&n| n <= MAX_CREDITS)
}

/// A finite number >= 0 written as JSON writes it without an exponent: `135`, `61.5`.
fn measure(text: &str) -> Option<f64> {
    let (whole, fraction) = text.split_once('.').map_or((text, None), |(w, f)| (w, Some(f)));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || (whole.len() > 1 && whole.starts_with('0')) || fraction.is_some_and(|f| !digits(f)) {
        return None;
    }
    crate::schema::measure_value(text).ok()
}

/// A text cell as the API reads a string (a NUL-led cell goes the schema's way).
fn text(cell: Option<&str>) -> Option<Option<&str>> {
    match cell {
        Some(t) if t.starts_with(NON_JSON_MARK) => None,
        other => Some(other),
    }
}

/// `text` as its list names it, whatever its case ("Conversation" is "conversation"); else as it is.
fn as_listed(mut names: impl Iterator<Item = &'static str>, text: &str) -> &str {
    names.find(|name| name.eq_ignore_ascii_case(text)).unwrap_or(text)
}

/// The variant `text` names exactly, as JSON does.
fn variant<T: Copy>(variants: &[(&str, T)], text: &str) -> Option<T> {
    variants.iter().find(|(name, _)| *name == text).map(|&(_, v)| v)
}

/// The fast path: `Ok(None)` hands the row to the schema reader.
fn fast_row(cells: &[Option<&str>; 17], name: &mut impl FnMut(&str) -> BillingResult<NameId>) -> BillingResult<Option<Entry>> {
    let present = cells.iter().enumerate().fold(0u32, |bits, (i, c)| if c.is_some() { bits | 1 << i } else { bits });
    let Some(Ok(at)) = cells[AT].map(|t| parse_timestamp(t, "")) else { return Ok(None) };
    let mode = match cells[MODE].map(|t| variant(Mode::VARIANTS, t)) {
        None => None,
        Some(Some(mode)) => Some(mode),
        Some(None) => return Ok(None),
    };
    // An optional count: absent, or one that reads; `None` when it does not.
    let optional = |cell: Option<&str>| match cell {
        None => Some(None),
        Some(t) => count(t).map(Some),
    };
    let mut id = |cell: Option<&str>| -> BillingResult<Option<NameId>> {
        match text(cell) {
            None => Ok(None),
            Some(None) => Ok(Some(NO_NAME)),
            Some(Some(t)) => name(t).map(Some),
        }
    };
    let fits = |allowed: u32| present & !allowed == 0;
    let entry =
        |what, quantity, quantity_given, agent, tokens| Entry { at, quantity, spec: Spec { what, mode, quantity_given }, agent, tokens };
    let feature = match (cells[FEATURE], cells[TOP_UP]) {
        (None, Some(credits)) if fits(TOP_UP_COLUMNS) => {
            let Some(credits) = count(credits) else { return Ok(None) };
            return Ok(Some(Entry {
                at,
                quantity: credits,
                spec: Spec { what: What::TopUp, mode: None, quantity_given: true },
                agent: NO_NAME,
                tokens: None,
            }));
        }
        (Some(feature), _) => feature,
        _ => return Ok(None),
    };
    Ok(match feature {
        "conversation" if fits(CONVERSATION_COLUMNS) => {
            let (Some(messages), Some(agent), Some(channel)) = (optional(cells[MESSAGES]), id(cells[AGENT])?, id(cells[CHANNEL])?) else {
                return Ok(None);
            };
            Some(entry(What::Conversation { channel }, messages.unwrap_or(1), messages.is_some(), agent, None))
        }
        "voice" if fits(VOICE_COLUMNS) => {
            let direction = match cells[DIRECTION].map(|t| variant(Direction::VARIANTS, t)) {
                None => None,
                Some(Some(direction)) => Some(direction),
                Some(None) => return Ok(None),
            };
            let (Some(seconds), Some(rate)) = (cells[SECONDS].and_then(measure), optional(cells[CREDITS_PER_MINUTE])) else {
                return Ok(None);
            };
            let (Some(provider), Some(language), Some(agent)) = (id(cells[PROVIDER])?, id(cells[LANGUAGE])?, id(cells[AGENT])?) else {
                return Ok(None);
            };
            let what = What::Voice { provider, language, credits_per_minute: rate, direction };
            Some(entry(what, seconds.to_bits(), true, agent, None))
        }
        "content" if fits(CONTENT_COLUMNS) => {
            let Some(kind) = cells[KIND].and_then(|t| variant(ContentKind::VARIANTS, t)) else { return Ok(None) };
            let Some(n) = optional(cells[COUNT]) else { return Ok(None) };
            Some(entry(What::Content { kind }, n.unwrap_or(1), n.is_some(), NO_NAME, None))
        }
        "reviews" if fits(REVIEWS_COLUMNS) => {
            let Some(n) = optional(cells[COUNT]) else { return Ok(None) };
            Some(entry(What::Reviews, n.unwrap_or(1), n.is_some(), NO_NAME, None))
        }
        "workflow" if fits(WORKFLOW_COLUMNS) => {
            let steps = cells[GPT_STEPS].and_then(count);
            let tokens = match cells[TOKENS] {
                None => Some(None),
                Some(t) => measure(t).map(Some),
            };
            let (Some(steps), Some(tokens), Some(rate)) = (steps, tokens, optional(cells[CREDITS_PER_STEP])) else {
                return Ok(None);
            };
            Some(entry(What::Workflow { credits_per_step: rate }, steps, true, NO_NAME, tokens))
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_take_the_fast_path_only_as_json_writes_them() {
        assert_eq!(count("0"), Some(0));
        assert_eq!(count("9007199254740991"), Some(MAX_CREDITS));
        assert_eq!(count("9007199254740992"), None);
        for slow in ["007", "-1", "1.0", "1e3", "", " 1", "+1"] {
            assert_eq!(count(slow), None, "{slow}");
        }
        assert_eq!(measure("61.5"), Some(61.5));
        assert_eq!(measure("0.25"), Some(0.25));
        // The schema's rule: exact to the millionth, rounded up beyond it (R7).
        assert_eq!(measure("60.00000000000000001"), Some(60.000001));
        for slow in ["00.5", ".5", "5.", "1e2", "-0", "1.2.3", "NaN"] {
            assert_eq!(measure(slow), None, "{slow}");
        }
    }
}
