//! Builds a [`UsageLog`] from CSV bytes pushed in chunks of any size: a file read piece
//! by piece, with the rows read so far for a progress bar.

use std::collections::BTreeMap;

use super::columns::{is_blank, Entry, Header};
use super::encoding::{Decoded, Encoding};
use super::options::{CsvOptions, Ignored};
use super::records::{Record, RecordReader, BOM, MAX_RECORD_BYTES};
use super::{
    NameId, Spec, UsageLog, MAX_LISTED_PROBLEMS, MAX_LOG_BYTES, MAX_LOG_NAMES, MAX_LOG_ROWS, MAX_LOG_SPECS, MAX_NAME_BYTES, NO_NAME,
};
use crate::error::{BillingError, BillingResult, ErrorCode};

/// The first bytes of a workbook: a zip (.xlsx) and an OLE file (.xls).
const WORKBOOKS: [&[u8]; 2] = [b"PK\x03\x04", &[0xD0, 0xCF, 0x11, 0xE0]];

/// A log being read. A row with a bad value is noted and the reading goes on, so the
/// file's bad rows are said together when it ends; any other error (a limit, a quote left
/// open, a bad header) spends the builder: every later call repeats it.
#[derive(Debug, Default)]
pub struct UsageLogBuilder {
    reader: ReaderState,
    header: Option<Header>,
    log: UsageLog,
    spec_ids: BTreeMap<Spec, u32>,
    name_ids: BTreeMap<String, NameId>,
    /// Per name: whether a row used it as its agent.
    is_agent: Vec<bool>,
    bytes: u64,
    failed: Option<BillingError>,
    /// Off only in tests: every row through the schema reader.
    slow_only: bool,
    /// The export's first bytes while they are a byte-order mark and white space (at most
    /// [`MAX_RECORD_BYTES`]): the first other byte tells a JSON file. `head_known` once it has come.
    head: Vec<u8>,
    head_known: bool,
    /// UTF-8, or UTF-16 turned into UTF-8 before the reader.
    encoding: Encoding,
    /// Whether a `sep=` line came before the header.
    sep_line_read: bool,
    /// The columns to leave out.
    ignored: Ignored,
    /// The rows refused for a value, in file order: the first [`MAX_LISTED_PROBLEMS`] (the
    /// first of them the error's own), and how many in all.
    problems: Vec<BillingError>,
    problem_count: u64,
}

/// The record reader (not `Debug`), wrapped so the builder can be.
#[derive(Default)]
struct ReaderState(RecordReader);

impl std::fmt::Debug for ReaderState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RecordReader at line {}", self.0.line())
    }
}

impl UsageLogBuilder {
    /// A builder that reads as `options` say (checked first).
    pub fn new(options: &CsvOptions) -> BillingResult<Self> {
        Ok(UsageLogBuilder { ignored: Ignored::of(options)?, ..Self::default() })
    }

    /// Reads the next chunk of the export; it may end anywhere, even inside a row or a
    /// character. The export is UTF-8 or UTF-16 (see [`Encoding`]).
    pub fn push(&mut self, chunk: &[u8]) -> BillingResult<()> {
        self.guard(|b| {
            b.bytes += chunk.len() as u64;
            if b.bytes > MAX_LOG_BYTES {
                return Err(BillingError::limit("csv", format!("is larger than {MAX_LOG_BYTES} bytes; split the export by month")));
            }
            let decoded = b.encoding.decode(chunk);
            b.push_text(decoded)
        })
    }

    /// Reads UTF-8 bytes, then raises the error found after them (rows before a broken
    /// character are read first, so an earlier bad row is the one said).
    fn push_text(&mut self, Decoded { bytes, broken }: Decoded) -> BillingResult<()> {
        if !self.head_known {
            self.sniff_json(&bytes)?;
        }
        self.read(|reader, emit| reader.push(&bytes, emit))?;
        broken.map_or(Ok(()), Err)
    }

    /// A JSON export starts with `[` or `{` (after a byte-order mark and white space): said
    /// as such, not as a CSV quoting error. Decided on the same byte however the file is split,
    /// before the reader can emit a record holding it (the white space before it makes only
    /// blank rows, which are left out). Past [`MAX_RECORD_BYTES`] of white space it is no JSON.
    fn sniff_json(&mut self, chunk: &[u8]) -> BillingResult<()> {
        let room = MAX_RECORD_BYTES - self.head.len();
        self.head.extend(chunk.iter().take(room));
        // A workbook (.xlsx is zipped, .xls an OLE file) chosen for its CSV: told by its first
        // bytes, before a quote in them is blamed.
        if WORKBOOKS.iter().any(|magic| self.head.starts_with(magic)) {
            return Err(BillingError::invalid(
                "csv line 1",
                "is an Excel workbook (or another zipped file), not CSV: in Excel, Save As \"CSV UTF-8 (Comma delimited)\" and load that file",
            ));
        }
        let in_magic = WORKBOOKS.iter().any(|magic| self.head.len() < magic.len() && magic.starts_with(&self.head));
        let in_mark = self.head.len() < BOM.len() && BOM.starts_with(&self.head);
        let past_mark = self.head.strip_prefix(&BOM[..]).unwrap_or(&self.head);
        match past_mark.iter().find(|c| !c.is_ascii_whitespace()) {
            _ if in_mark || in_magic => {}
            Some(b'[' | b'{') => return Err(BillingError::invalid("csv", "is JSON, not CSV: export the usage as CSV and load that file")),
            Some(_) => self.head_known = true,
            None if self.head.len() == MAX_RECORD_BYTES => self.head_known = true,
            None => {}
        }
        if self.head_known {
            self.head = Vec::new();
        }
        Ok(())
    }

    /// Runs the record reader (on a chunk, or to the end), handing it each record it
    /// completes; its errors gain the column's header once it is known.
    fn read(
        &mut self,
        step: impl FnOnce(&mut RecordReader, &mut dyn FnMut(Record) -> BillingResult<()>) -> BillingResult<()>,
    ) -> BillingResult<()> {
        // The reader is taken out while it runs: each record it emits needs the builder.
        let mut reader = std::mem::take(&mut self.reader);
        let result = step(&mut reader.0, &mut |record| self.record(record));
        self.reader = reader;
        result.map_err(|e| self.with_header(e))
    }

    /// A reader's error at `csv line N, column C`, with the column's header once it is known.
    fn with_header(&self, error: BillingError) -> BillingError {
        let column = error.path().rsplit_once(", column ").and_then(|(_, c)| c.parse::<usize>().ok());
        match (column, &self.header) {
            (Some(c), Some(header)) => match header.written(c) {
                Some(name) if !name.is_empty() => BillingError::new(error.code(), format!("{} ({name:?})", error.path()), error.reason()),
                _ => error,
            },
            _ => error,
        }
    }

    /// The rows read so far.
    pub fn rows(&self) -> usize {
        self.log.len()
    }

    /// Ends the export and returns the log, its rows in time order.
    pub fn finish(mut self) -> BillingResult<UsageLog> {
        self.guard(|b| {
            let rest = b.encoding.finish();
            b.push_text(rest)?;
            b.read(|reader, emit| reader.finish(emit))
        })?;
        if let Some(error) = self.noted(None) {
            return Err(error);
        }
        if self.header.is_none() {
            return Err(BillingError::invalid("csv", "is empty: expected a header row and one row per event"));
        }
        let mut log = self.log;
        log.header = self.header;
        log.sort();
        log.shrink_to_fit();
        Ok(log)
    }

    /// Runs `step` unless an earlier one failed; a failure is kept and repeated, after the
    /// rows refused before it.
    fn guard(&mut self, step: impl FnOnce(&mut Self) -> BillingResult<()>) -> BillingResult<()> {
        if let Some(error) = &self.failed {
            return Err(error.clone());
        }
        let result = match step(self) {
            Err(error) if self.problem_count > 0 => Err(self.noted(Some(error.clone())).unwrap_or(error)),
            result => result,
        };
        if let Err(error) = &result {
            self.failed = Some(error.clone());
        }
        result
    }

    /// Notes a row refused for a value; the reading goes on.
    fn note(&mut self, problem: BillingError) {
        self.problem_count += 1;
        if self.problems.len() < MAX_LISTED_PROBLEMS {
            self.problems.push(problem);
        }
    }

    /// The rows refused so far as one error (the first, with the others after it), and
    /// `last`, an error that stopped the reading, after them; `None` with neither.
    fn noted(&mut self, last: Option<BillingError>) -> Option<BillingError> {
        let count = self.problem_count + u64::from(last.is_some());
        self.problem_count = 0;
        let mut listed = std::mem::take(&mut self.problems);
        // The error that stopped the reading is always listed, within the ten, and says so:
        // the count is of the rows read.
        if let Some(last) = last {
            listed.truncate(MAX_LISTED_PROBLEMS - 1);
            let reason =
                if listed.is_empty() { last.reason().to_string() } else { format!("{}; the rows after it were not read", last.reason()) };
            listed.push(BillingError::new(last.code(), last.path(), reason));
        }
        let mut listed = listed.into_iter();
        let first = listed.next()?;
        Some(first.with_others(listed.collect(), count - 1))
    }

    fn record(&mut self, record: Record) -> BillingResult<()> {
        let whole = record.text();
        if is_blank(&record, whole) {
            return Ok(());
        }
        let Some(header) = &self.header else {
            // Excel's `sep=;` line before the header names the separator, which the record
            // reader has taken from it: the line is left out.
            let cell = |i| record.cell_text(whole, i);
            if !self.sep_line_read
                && record.cell_count() == 2
                && cell(0).is_some_and(|c| c.eq_ignore_ascii_case("sep="))
                && cell(1) == Some("")
            {
                self.sep_line_read = true;
                return Ok(());
            }
            let ignored = std::mem::take(&mut self.ignored);
            let header = Header::read(&record, &ignored, &mut |problem| self.note(problem));
            self.ignored = ignored;
            self.header = Some(header?);
            return Ok(());
        };
        if self.log.len() == MAX_LOG_ROWS {
            return Err(BillingError::limit(
                format!("csv line {}", record.line),
                format!("is past {MAX_LOG_ROWS} rows, the most one log holds; split the export by month"),
            ));
        }
        let line = u32::try_from(record.line)
            .map_err(|_| BillingError::limit(format!("csv line {}", record.line), "is past line 4294967295; split the export"))?;
        let (names, name_ids) = (&mut self.log.names, &mut self.name_ids);
        let mut intern = |text: &str| -> BillingResult<NameId> {
            if let Some(&id) = name_ids.get(text) {
                return Ok(id);
            }
            if text.len() > MAX_NAME_BYTES {
                let start: String = text.chars().take(30).collect();
                return Err(BillingError::limit(
                    format!("csv line {line}"),
                    format!(
                        "has a name too long to keep: \"{start}…\" ({} characters); an agent, channel, provider or language name \
                         holds at most {MAX_NAME_BYTES} bytes of UTF-8 ({MAX_NAME_BYTES} plain letters, fewer with accents or emoji); shorten it",
                        text.chars().count()
                    ),
                ));
            }
            if names.len() == MAX_LOG_NAMES {
                return Err(BillingError::limit(
                    format!("csv line {line}"),
                    format!("brings more than {MAX_LOG_NAMES} different agent, channel, provider or language names into one log"),
                ));
            }
            let id = names.len() as NameId;
            names.push(text.into());
            name_ids.insert(text.into(), id);
            Ok(id)
        };
        match header.row(&record, whole, &mut intern, !self.slow_only) {
            Ok(entry) => self.add(entry, line),
            Err(error) if error.code() == ErrorCode::Limit => Err(error),
            // A bad value: the row is noted, and the rows after it are read and checked too.
            Err(error) => {
                self.note(error);
                Ok(())
            }
        }
    }

    fn add(&mut self, entry: Entry, line: u32) -> BillingResult<()> {
        let spec = match self.spec_ids.get(&entry.spec) {
            Some(&id) => id,
            None => {
                if self.log.specs.len() == MAX_LOG_SPECS {
                    return Err(BillingError::limit(
                        format!("csv line {line}"),
                        format!("brings more than {MAX_LOG_SPECS} different kinds of row into one log"),
                    ));
                }
                let id = self.log.specs.len() as u32;
                self.log.specs.push(entry.spec);
                self.spec_ids.insert(entry.spec, id);
                id
            }
        };
        let log = &mut self.log;
        if entry.agent != NO_NAME {
            let index = entry.agent as usize;
            if self.is_agent.len() <= index {
                self.is_agent.resize(index + 1, false);
            }
            if !self.is_agent[index] {
                self.is_agent[index] = true;
                log.agents.push(entry.agent);
            }
        }
        if let Some(tokens) = entry.tokens {
            log.token_rows.push(log.at.len() as u32);
            log.tokens.push(tokens);
        }
        log.at.push(entry.at);
        log.quantity.push(entry.quantity);
        log.spec.push(spec);
        log.agent.push(entry.agent);
        log.line.push(line);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(chunks: &[&[u8]], slow_only: bool) -> BillingResult<UsageLog> {
        let mut builder = UsageLogBuilder { slow_only, ..UsageLogBuilder::default() };
        for chunk in chunks {
            builder.push(chunk)?;
        }
        builder.finish()
    }

    const EXPORT: &str = "at,feature,messages,seconds,agent,channel,provider,language,creditsPerMinute,direction,kind,count,gptSteps,tokens,creditsPerStep,mode,topUp\n\
2026-10-02T09:00:00Z,conversation,3,,Ava,sms,,,,,,,,,,,\n\
2026-10-02T09:01:00Z,conversation,,,,,,,,,,,,,,test,\n\
2026-10-02T09:02:00Z,voice,,135.5,Zoë 🚀,,eleven,fr,5,outbound,,,,,,,\n\
2026-10-02T09:03:00Z,content,,,,,,,,,image,2,,,,preview,\n\
2026-10-02T09:04:00Z,reviews,,,,,,,,,,,,,,,\n\
2026-10-02T09:05:00Z,workflow,,,,,,,,,,,3,1500,,,\n\
2026-10-02T09:06:00Z,workflow,,,,,,,,,,,2,,2,live,\n\
2026-10-02,,,,,,,,,,,,,,,,250\n\
2026-10-01T23:00:00-02:00,conversation,1.0,,Ava,,,,,,,,,,,,\n";

    #[test]
    fn the_fast_path_reads_every_row_as_the_schema_reader_does() {
        let fast = build(&[EXPORT.as_bytes()], false).unwrap();
        let slow = build(&[EXPORT.as_bytes()], true).unwrap();
        assert_eq!(fast.events(0, fast.len()), slow.events(0, slow.len()));
        assert_eq!(fast.len(), 9);
        // Time order: the date row (midnight) comes first; 23:00 at -02:00 is 01:00Z on the 2nd.
        assert_eq!(fast.event(0).at(), "2026-10-02");
        assert_eq!(fast.event(1).at(), "2026-10-02T01:00:00Z");
        assert_eq!(fast.row(1).line, 10);
    }

    #[test]
    fn chunks_split_anywhere_read_the_same_log() {
        let whole = build(&[EXPORT.as_bytes()], false).unwrap();
        let bytes = EXPORT.as_bytes();
        for at in 0..bytes.len() {
            assert_eq!(build(&[&bytes[..at], &bytes[at..]], false).unwrap(), whole, "split at {at}");
        }
        let ones: Vec<&[u8]> = bytes.chunks(1).collect();
        assert_eq!(build(&ones, false).unwrap(), whole);
    }

    #[test]
    fn a_character_split_by_a_separator_is_the_same_error_whole_or_in_chunks() {
        // Found by the fuzzer: 0xCF and 0xA1 make a character only when the comma between
        // them is left out, as a record read across chunks stores its cells.
        let bytes = b"a\xCF,\xA1,b\n2026-10-02,x,y\n";
        let whole = build(&[bytes], false);
        for at in 0..bytes.len() {
            assert_eq!(build(&[&bytes[..at], &bytes[at..]], false), whole, "split at {at}");
        }
        assert!(whole.unwrap_err().to_string().starts_with("csv line 1: is not UTF-8 text"));
        // Found by the fuzzer too: empty cells inside such a character are empty, stored either
        // way, so a value past the header is found at the same column.
        let bytes = b"at,\n\xC3,,,\xA9\n";
        let whole = build(&[bytes], false);
        for at in 0..bytes.len() {
            assert_eq!(build(&[&bytes[..at], &bytes[at..]], false), whole, "split at {at}");
        }
        assert!(whole.unwrap_err().to_string().starts_with("csv line 2, column 4: has a value past the header's 2 columns"));
        // And a UTF-16 mark after empty cells is not read as the start of the line.
        let bytes = b",,\xFF\xFE,a\n";
        let whole = build(&[bytes], false);
        for at in 0..bytes.len() {
            assert_eq!(build(&[&bytes[..at], &bytes[at..]], false), whole, "split at {at}");
        }
    }

    #[test]
    fn a_json_file_is_named_as_such_whole_or_in_chunks() {
        let json = "csv: is JSON, not CSV: export the usage as CSV and load that file";
        assert_eq!(UsageLog::from_csv(b"[{\"at\":\"2026-10-02\",\"feature\":\"reviews\"}]").unwrap_err().to_string(), json);
        // After a byte-order mark split across chunks (one empty) and white space, the JSON.
        let mut builder = UsageLogBuilder::default();
        builder.push(b"\xEF\xBB").unwrap();
        builder.push(b"").unwrap();
        builder.push(b"\xBF").unwrap();
        builder.push(b"\r\n  \n").unwrap();
        assert_eq!(builder.push(b"{\"events\": []}").unwrap_err().to_string(), json);
        // Found by the fuzzer: the same verdict however the file is split (a stray mark byte
        // before a bracket is not JSON: the CSV reader says what it is).
        for bytes in [&b"\xEF\xBB\xBF[1]"[..], b"\r\xBF\n[", b"\n[1]\n", b"\xBB[", b" \r\n\t{", b"\r["] {
            let whole = build(&[bytes], false);
            for at in 0..=bytes.len() {
                assert_eq!(build(&[&bytes[..at], &bytes[at..]], false), whole, "{bytes:?} split at {at}");
            }
        }
        // A CSV whose first cell starts with a bracket is not JSON once a cell came before it.
        assert!(UsageLog::from_csv(b"at,agent,feature\n2026-10-02,[bot],reviews\n").is_err_and(|e| !e.to_string().contains("JSON")));
    }

    #[test]
    fn a_spreadsheets_empty_columns_are_left_out_and_a_value_in_one_is_an_error() {
        // Excel keeps columns it once had: no name in the header, empty cells below it, and
        // empty cells past the header's.
        let log = UsageLog::from_csv(b"at,feature,messages,,\r\n2026-10-02,conversation,3,,\r\n2026-10-03,conversation,2,,,,\r\n").unwrap();
        assert_eq!((log.len(), log.row(0).quantity, log.row(1).quantity), (2, 3, 2));
        let error = |bytes: &[u8]| UsageLog::from_csv(bytes).unwrap_err().to_string();
        assert_eq!(
            error(b"at,feature,,messages\n2026-10-02,conversation,7,\n"),
            "csv line 2, column 3: has a value under a column with no name in the header; name the column or delete it"
        );
        assert_eq!(
            error(b"at,feature,messages\n2026-10-02,conversation,3,,4\n"),
            "csv line 2, column 5: has a value past the header's 3 columns; name its column in the header or delete it"
        );
        // A header cell that names something unknown (not a blank one) is an unknown column.
        assert!(error("at,feature,数量\n2026-10-02,reviews,\n".as_bytes()).starts_with("csv line 1, column 3 (\"数量\"): unknown column"));
        assert_eq!(error(b"at,feature,messages\n2026-10-02,conversation\n"), "csv line 2: has 2 cells, the header has 3");
    }

    #[test]
    fn listed_values_are_read_whatever_their_case_and_a_long_name_is_quoted() {
        let log = UsageLog::from_csv(
            b"at,feature,kind,mode,direction,seconds\n2026-10-02,Content,IMAGE,Test,,\n2026-10-03,VOICE,,Live,Inbound,61\n",
        )
        .unwrap();
        let events: Vec<String> = (0..log.len()).map(|i| serde_json::to_string(&log.event(i)).unwrap()).collect();
        assert!(
            events[0].contains(r#""feature":"content""#)
                && events[0].contains(r#""kind":"image""#)
                && events[0].contains(r#""mode":"test""#)
        );
        assert!(events[1].contains(r#""direction":"inbound""#), "{}", events[1]);
        let long = format!("at,feature,agent\n2026-10-02,conversation,{}\n", "é".repeat(130));
        assert_eq!(
            UsageLog::from_csv(long.as_bytes()).unwrap_err().to_string(),
            format!(
                "csv line 2: has a name too long to keep: \"{}…\" (130 characters); an agent, channel, provider or language name \
                 holds at most 256 bytes of UTF-8 (256 plain letters, fewer with accents or emoji); shorten it",
                "é".repeat(30)
            )
        );
    }

    #[test]
    fn bad_rows_are_said_together_and_other_errors_spend_the_builder() {
        // A bad value: noted, and the rows after it read and checked too; said at the end.
        let mut builder = UsageLogBuilder::default();
        builder.push(b"at,feature,messages\n2026-10-02,chat,\n2026-10-02,reviews,\n2026-10-02,conversation,-1\n").unwrap();
        assert_eq!(builder.rows(), 1, "the good row is read");
        let error = builder.finish().unwrap_err();
        assert!(error.path().starts_with("csv line 2, column 2 (\"feature\")"), "{error}");
        let (others, count) = error.others();
        assert_eq!(count, 1);
        assert_eq!(others[0].path(), "csv line 4, column 3 (\"messages\")");
        assert!(error.to_string().ends_with(" (and 1 more problem)"), "{error}");
        // Every bad row is counted; the first ten are listed, the first the error's own.
        let rows: String = (0..25).map(|i| format!("2026-10-{:02},x\n", i + 1)).collect();
        let error = UsageLog::from_csv(format!("at,feature\n{rows}").as_bytes()).unwrap_err();
        let (others, count) = error.others();
        assert_eq!((others.len() + 1, count + 1), (MAX_LISTED_PROBLEMS, 25));
        assert_eq!(others[8].path(), "csv line 11, column 2 (\"feature\")");
        // An error that stops the reading is listed too, within the ten, after the rows refused
        // before it.
        let quote = format!("at,feature\n{rows}2026-11-01,\"reviews\"x\n");
        let error = UsageLog::from_csv(quote.as_bytes()).unwrap_err();
        let (others, count) = error.others();
        assert_eq!((others.len() + 1, count + 1), (MAX_LISTED_PROBLEMS, 26));
        assert!(others[8].to_string().starts_with("csv line 27, column 2 (\"feature\"): text after a closing quote"), "{}", others[8]);
        assert!(others[8].reason().ends_with("; the rows after it were not read"), "{}", others[8]);
        // Such an error (here a quote in the wrong place) comes after the rows refused before
        // it, and the builder is spent: every later call repeats it.
        let mut builder = UsageLogBuilder::default();
        builder.push(b"at,feature\n2026-10-02,chat\n2026-10-02,\"reviews\"x\n").unwrap_err();
        let again = builder.push(b"2026-10-02,reviews\n").unwrap_err();
        assert!(again.path().starts_with("csv line 2, column 2"), "{again}");
        assert!(again.others().0[0].reason().starts_with("text after a closing quote"), "{again:?}");
        assert_eq!(builder.finish().unwrap_err(), again);
        // A limit stops the reading too.
        let long = format!("at,feature,agent\n2026-10-02,x\n2026-10-02,conversation,{}\n", "x".repeat(MAX_NAME_BYTES + 1));
        let error = UsageLog::from_csv(long.as_bytes()).unwrap_err();
        assert_eq!(error.others().0[0].code().as_str(), "LIMIT");
    }

    #[test]
    fn exports_in_another_format_say_what_they_are() {
        let error = |bytes: &[u8]| UsageLog::from_csv(bytes).unwrap_err().to_string();
        // A UTF-16 mark further in than the file's start is not read as one (encoding.rs reads
        // a UTF-16 export).
        assert!(error(b"\n\xFF\xFEa\0t\0\n\0").starts_with("csv line 2: is UTF-16 text"), "{}", error(b"\n\xFF\xFE"));
        assert!(error(b"\x89PNG\r\n\x1a\n").starts_with("csv line 1: is not UTF-8 text"));

        // Semicolons (a spreadsheet's CSV where the decimal mark is a comma) and tabs are read
        // as the separator the header uses; a header quoted whole is still said to be one.
        let commas = UsageLog::from_csv(b"at,feature,messages\n2026-10-02,conversation,3\n").unwrap();
        for other in [&b"at;feature;messages\r\n2026-10-02;Conversation;3\r\n"[..], b"at\tfeature\tmessages\n2026-10-02\tconversation\t3\n"]
        {
            let log = UsageLog::from_csv(other).unwrap();
            assert_eq!(log.events(0, log.len()), commas.events(0, commas.len()));
        }
        assert!(error(b"\"at;feature;messages\"\n").starts_with("csv line 1: looks separated by semicolons"));
        // A decimal comma is no number: said at its cell, with the form to use.
        assert_eq!(
            error(b"at;feature;seconds\n2026-10-02;voice;135,5\n"),
            "csv line 2, column 3 (\"seconds\"): invalid type: string \"135,5\", expected a finite number >= 0"
        );
        // A spreadsheet's rounded display of a large count is refused, not billed as shown.
        assert_eq!(
            error(b"at,feature,messages\n2026-10-02,conversation,1.23457E+11\n"),
            "csv line 2, column 3 (\"messages\"): \"1.23457E+11\" is in scientific notation, which a spreadsheet shows rounded; \
             format the column as whole numbers and export again"
        );
        assert!(error(b"at,feature,seconds\n2026-10-02,voice,1.35e2\n").ends_with(
            "\"1.35e2\" is in scientific notation, which a spreadsheet shows rounded; format the column as numbers and export again"
        ));
        // Excel's `sep=` line before the header is read as the separator it names, once.
        for file in [
            &b"sep=;\r\nat;feature;messages\r\n2026-10-02;conversation;3\r\n"[..],
            b"SEP=,\nat,feature,messages\n2026-10-02,conversation,3\n",
        ] {
            let log = UsageLog::from_csv(file).unwrap();
            assert_eq!(log.events(0, log.len()), commas.events(0, commas.len()));
        }
        assert!(error(b"sep=;\nsep=;\nat;feature\n").starts_with("csv line 2, column 1 (\"sep=\"): unknown column"));
        // A workbook, and lines ended by a carriage return alone, say what they are and what to do.
        // A workbook is told by its first bytes, however split, before a quote in them is blamed.
        let workbook = "csv line 1: is an Excel workbook (or another zipped file), not CSV";
        for bytes in [&b"PK\x03\x04\x14\x00\x00\x00\"[Content_Types].xml\"\n"[..], b"\xD0\xCF\x11\xE0\xA1\xB1\"\x1A\xE1"] {
            for at in 0..bytes.len() {
                let said = build(&[&bytes[..at], &bytes[at..]], false).unwrap_err().to_string();
                assert!(said.starts_with(workbook), "split at {at}: {said}");
            }
        }
        // Lines ended by a carriage return alone, said before a quote read across them is blamed.
        let mac = "csv line 1: ends its lines with a carriage return alone (Excel for Mac's \"CSV (Macintosh)\")";
        assert!(error(b"at,feature\r2026-10-02,reviews\r").starts_with(mac));
        assert!(error(b"at,feature,agent\r2026-10-02,conversation,\"Ng, Thao\"\r").starts_with(mac));
        assert!(error(b"at,feature\r\"2026-10-02\",reviews\r").starts_with(mac));
        let many = format!("at,feature\r{}", "2026-10-02,reviews\r".repeat(4000));
        assert!(error(many.as_bytes()).starts_with(mac), "{}", error(many.as_bytes()));
        // Every unknown column of the header is said at once, at its place.
        let unknown = UsageLog::from_csv(b"id,at,feature,cost_usd,Notes\n").unwrap_err();
        assert!(unknown.to_string().starts_with("csv line 1, column 1 (\"id\"): unknown column"), "{unknown}");
        let others: Vec<&str> = unknown.others().0.iter().map(BillingError::path).collect();
        assert_eq!(others, ["csv line 1, column 4 (\"cost_usd\")", "csv line 1, column 5 (\"Notes\")"]);
        let wide: String = (0..40).map(|i| format!(",x{i}")).collect();
        let unknown = UsageLog::from_csv(format!("at{wide}\n").as_bytes()).unwrap_err();
        let (listed, count) = unknown.others();
        assert_eq!((listed.len() + 1, count + 1), (MAX_LISTED_PROBLEMS, 40));
        let long = format!("at,{}\n", "x".repeat(200));
        assert!(error(long.as_bytes()).starts_with(&format!("csv line 1, column 2 (\"{}…\"): unknown column", "x".repeat(40))));
    }

    #[test]
    fn limits_are_errors_before_memory_is_taken() {
        let mut builder = UsageLogBuilder::default();
        builder.push(b"at,feature,agent\n").unwrap();
        for i in 0..MAX_LOG_NAMES {
            builder.push(format!("2026-10-02,conversation,a{i}\n").as_bytes()).unwrap();
        }
        let e = builder.push(b"2026-10-02,conversation,one more\n").unwrap_err();
        assert_eq!(e.code().as_str(), "LIMIT");
        assert!(e.to_string().starts_with(&format!("csv line {}:", MAX_LOG_NAMES + 2)), "{e}");
        // A name's length is bounded too: names are kept.
        let long = format!("at,feature,agent\n2026-10-02,conversation,{}\n", "x".repeat(MAX_NAME_BYTES + 1));
        let e = UsageLog::from_csv(long.as_bytes()).unwrap_err();
        assert_eq!((e.code().as_str(), e.path()), ("LIMIT", "csv line 2"));
        assert!(UsageLog::from_csv(long.replace(&"x".repeat(MAX_NAME_BYTES + 1), &"é".repeat(MAX_NAME_BYTES / 2)).as_bytes()).is_ok());
    }
}
