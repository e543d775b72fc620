//! CSV records read from bytes that arrive in chunks of any size (RFC 4180: `,`
//! separated, `"` quoted with `""` for a quote, LF or CRLF line ends). A record may span
//! chunks, even split inside a UTF-8 character: its bytes are kept until its line ends.
//! A header line with no comma outside quotes but semicolons (a spreadsheet's CSV where the
//! decimal mark is a comma) or tabs (tab-separated text) sets that separator for the file.

use crate::error::{BillingError, BillingResult};

/// The longest record, in bytes: far beyond any usage row, and it bounds the memory a
/// malformed file (an unclosed quote, say) can take.
pub const MAX_RECORD_BYTES: usize = 65_536;

pub const BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

/// Whether a held head (a file's start that ended no line of text) has a carriage return
/// alone: lines ended by `\r` (Excel for Mac's "CSV (Macintosh)"), said as such before a
/// quote or a cell count read across them can be blamed.
fn lone_cr(head: &[u8]) -> bool {
    head.windows(2).any(|pair| pair[0] == b'\r' && pair[1] != b'\n')
}

/// A file whose lines end with a carriage return alone (Excel for Mac's "CSV (Macintosh)"):
/// read as one line, its cells would run into the next rows.
pub fn cr_only(line: u64) -> BillingError {
    BillingError::invalid(
        format!("csv line {line}"),
        "ends its lines with a carriage return alone (Excel for Mac's \"CSV (Macintosh)\"); \
         save it as \"CSV UTF-8 (Comma delimited)\" and load it again",
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a cell: a `"` opens a quoted one.
    CellStart,
    Unquoted,
    /// A `\r` in an unquoted cell: a line end if `\n` follows, else text.
    UnquotedCr,
    Quoted,
    /// A `"` inside a quoted cell: `""` is a quote, else the cell has ended.
    QuoteInQuoted,
    /// A `\r` right after a closing quote: only `\n` may follow.
    ClosedCr,
}

/// One record: its cells' bytes, where each cell ends, and the line it starts on. Cells
/// are end to end (`gap` 0, a record copied from the state machine) or one separator
/// apart (`gap` 1, a plain line read in place).
pub struct Record<'r> {
    pub line: u64,
    bytes: &'r [u8],
    ends: &'r [usize],
    gap: usize,
}

impl<'r> Record<'r> {
    /// The number of cells (at least one).
    pub fn cell_count(&self) -> usize {
        self.ends.len()
    }

    /// Cell `i`'s bytes, as written (quotes removed, `""` read as `"`).
    #[cfg(test)]
    pub fn cell(&self, i: usize) -> &'r [u8] {
        &self.bytes[self.start(i)..self.ends[i]]
    }

    fn start(&self, i: usize) -> usize {
        if i == 0 {
            0
        } else {
            self.ends[i - 1] + self.gap
        }
    }

    /// Cell `i` as text, or `None` where it is not valid UTF-8. `whole` is the record's
    /// [`Record::text`]: one check of the record serves every cell.
    pub fn cell_text(&self, whole: Option<&'r str>, i: usize) -> Option<&'r str> {
        let (start, end) = (self.start(i), self.ends[i]);
        // An empty cell is empty text, however the record is stored: end to end, its place
        // may fall inside a character that the cells around it split.
        if start == end {
            return Some("");
        }
        match whole {
            // A cell of a valid record is valid unless a character straddles its edge.
            Some(text) => text.get(start..end),
            None => std::str::from_utf8(&self.bytes[start..end]).ok(),
        }
    }

    /// Whether the record's first cell starts with `prefix` (a UTF-16 byte-order mark, say).
    pub fn starts_with(&self, prefix: &[u8]) -> bool {
        self.bytes[..self.ends[0]].starts_with(prefix)
    }

    /// The record's cells end to end as text, if they are valid UTF-8.
    pub fn text(&self) -> Option<&'r str> {
        std::str::from_utf8(self.bytes).ok()
    }
}

/// Splits bytes into records as they arrive.
pub struct RecordReader {
    state: State,
    bytes: Vec<u8>,
    ends: Vec<usize>,
    /// The line the reader is on, and the one the current record started on (1-based).
    line: u64,
    record_line: u64,
    /// Bytes of a byte-order mark seen at the very start, not yet known to be one.
    bom_seen: usize,
    started: bool,
    /// The cells' separator: `,` unless the header line says otherwise ([`separator_of`]).
    separator: u8,
    /// The file's first bytes, held until its first line with text ends (at most a record's
    /// length and one byte) and the separator is known; `None` once it is.
    head: Option<Vec<u8>>,
    /// Whether the held line being read has text so far (each byte held is looked at once).
    head_text: bool,
}

impl Default for RecordReader {
    fn default() -> Self {
        RecordReader {
            state: State::CellStart,
            bytes: Vec::new(),
            ends: Vec::new(),
            line: 1,
            record_line: 1,
            bom_seen: 0,
            started: false,
            separator: b',',
            head: Some(Vec::new()),
            head_text: false,
        }
    }
}

/// The separator of a file that starts with `head`, from its first line with text (blank
/// lines before a header are left out, as the header's reader leaves them out).
fn separator_in(head: &[u8]) -> u8 {
    let blank = |line: &&[u8]| line.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r'));
    separator_of(head.split(|&b| b == b'\n').find(|line| !blank(line)).unwrap_or_default())
}

/// Whether `bytes`, read on from a line that has text so far when `text` is set, end a line
/// with text; `text` is left saying whether the line they stop in has any.
fn ends_text_line(bytes: &[u8], text: &mut bool) -> bool {
    for &b in bytes {
        match b {
            b'\n' if *text => return true,
            b'\n' => {}
            b' ' | b'\t' | b'\r' => continue,
            _ => {
                *text = true;
                continue;
            }
        }
    }
    false
}

/// The separator of a file whose first line is `line`: `,` when the line has one outside
/// quotes (RFC 4180), else `;` or a tab where it has those, else `,`.
fn separator_of(line: &[u8]) -> u8 {
    let (mut quoted, mut semicolons, mut tabs) = (false, 0, 0);
    for &b in line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => return b',',
            b';' if !quoted => semicolons += 1,
            b'\t' if !quoted => tabs += 1,
            _ => {}
        }
    }
    match (semicolons, tabs) {
        (0, 0) => b',',
        (s, t) if s >= t => b';',
        _ => b'\t',
    }
}

impl RecordReader {
    /// Reads `chunk`, handing each record it completes to `emit`.
    pub fn push(&mut self, chunk: &[u8], emit: &mut (impl FnMut(Record) -> BillingResult<()> + ?Sized)) -> BillingResult<()> {
        let chunk = self.skip_bom(chunk);
        let Some(head) = &mut self.head else {
            return self.read(chunk, emit);
        };
        // The first line with text decides the separator: the file's first bytes are held
        // until it ends, or up to a record's length and one byte, however the file is split.
        let take = chunk.len().min(MAX_RECORD_BYTES + 1 - head.len());
        head.extend_from_slice(&chunk[..take]);
        if head.len() <= MAX_RECORD_BYTES && !ends_text_line(&chunk[..take], &mut self.head_text) {
            return Ok(());
        }
        if head.len() > MAX_RECORD_BYTES && lone_cr(head) {
            return Err(cr_only(self.line));
        }
        self.separator = separator_in(head);
        let held = self.head.take().unwrap_or_default();
        self.read(&held, emit)?;
        self.read(&chunk[take..], emit)
    }

    /// Reads `chunk` with the separator known.
    fn read(&mut self, chunk: &[u8], emit: &mut (impl FnMut(Record) -> BillingResult<()> + ?Sized)) -> BillingResult<()> {
        let separator = self.separator;
        let mut i = 0;
        while i < chunk.len() {
            let b = chunk[i];
            if self.at_record_start() {
                if let Some(length) = self.plain_line(&chunk[i..], emit)? {
                    i += length;
                    continue;
                }
            }
            match self.state {
                State::CellStart if b == b'"' => {
                    self.state = State::Quoted;
                    i += 1;
                }
                State::CellStart | State::Unquoted => {
                    // Runs of plain text are copied at once.
                    let run =
                        chunk[i..].iter().position(|&c| c == separator || matches!(c, b'\n' | b'\r' | b'"')).unwrap_or(chunk.len() - i);
                    self.take(&chunk[i..i + run])?;
                    i += run;
                    self.state = State::Unquoted;
                    let Some(&special) = chunk.get(i) else { break };
                    i += 1;
                    match special {
                        b'\n' => self.end_record(emit)?,
                        b'\r' => self.state = State::UnquotedCr,
                        b'"' => return Err(self.error("a quote inside an unquoted cell (a quoted cell must start with its quote)")),
                        _ => self.end_cell()?,
                    }
                }
                State::UnquotedCr => {
                    if b == b'\n' {
                        i += 1;
                        self.end_record(emit)?;
                    } else {
                        self.take(b"\r")?;
                        self.state = State::Unquoted;
                    }
                }
                State::Quoted => {
                    let run = chunk[i..].iter().position(|&c| c == b'"' || c == b'\n').unwrap_or(chunk.len() - i);
                    self.take(&chunk[i..i + run])?;
                    i += run;
                    match chunk.get(i) {
                        Some(b'"') => self.state = State::QuoteInQuoted,
                        Some(_) => {
                            self.take(b"\n")?;
                            self.line += 1;
                        }
                        None => break,
                    }
                    i += 1;
                }
                State::QuoteInQuoted => {
                    i += 1;
                    match b {
                        b'"' => {
                            self.take(b"\"")?;
                            self.state = State::Quoted;
                        }
                        b'\n' => self.end_record(emit)?,
                        b'\r' => self.state = State::ClosedCr,
                        b if b == separator => self.end_cell()?,
                        _ => return Err(self.after_quote()),
                    }
                }
                State::ClosedCr => {
                    if b != b'\n' {
                        return Err(self.after_quote());
                    }
                    i += 1;
                    self.end_record(emit)?;
                }
            }
        }
        Ok(())
    }

    /// Ends the data: the last record needs no line end; an open quote is an error.
    pub fn finish(&mut self, emit: &mut (impl FnMut(Record) -> BillingResult<()> + ?Sized)) -> BillingResult<()> {
        if !self.started && self.bom_seen > 0 {
            // The start of a mark that never completed is text (and not valid UTF-8).
            let partial = BOM[..self.bom_seen].to_vec();
            self.started = true;
            self.push(&partial, emit)?;
        }
        // A file without a whole line of text (a header alone, say): its separator from all of it.
        if let Some(held) = self.head.take() {
            if lone_cr(&held) {
                return Err(cr_only(self.line));
            }
            self.separator = separator_in(&held);
            self.read(&held, emit)?;
        }
        match self.state {
            State::Quoted => {
                return Err(BillingError::invalid(
                    format!("csv line {}, column {}", self.record_line, self.ends.len() + 1),
                    "a quoted cell is never closed",
                ));
            }
            State::UnquotedCr => self.take(b"\r")?,
            _ => {}
        }
        if !self.bytes.is_empty() || !self.ends.is_empty() || self.state != State::CellStart {
            self.end_record(emit)?;
        }
        Ok(())
    }

    /// The line the reader has reached (for progress and messages).
    pub fn line(&self) -> u64 {
        self.line
    }

    fn at_record_start(&self) -> bool {
        self.state == State::CellStart && self.bytes.is_empty() && self.ends.is_empty() && self.started
    }

    /// Reads a whole line without quotes in place (most rows of an export): no copy.
    /// Returns the bytes read, or `None` to leave the line to the state machine.
    fn plain_line(&mut self, rest: &[u8], emit: &mut (impl FnMut(Record) -> BillingResult<()> + ?Sized)) -> BillingResult<Option<usize>> {
        // One pass: separators noted, the line end found; a quote or a lone `\r` hands over.
        self.ends.clear();
        let mut end = None;
        for (at, &b) in rest.iter().enumerate().take(MAX_RECORD_BYTES) {
            match b {
                b if b == self.separator => self.ends.push(at),
                b'\n' => {
                    end = Some((at, at + 1));
                    break;
                }
                b'\r' if rest.get(at + 1) == Some(&b'\n') => {
                    end = Some((at, at + 2));
                    break;
                }
                b'"' | b'\r' => break,
                _ => {}
            }
        }
        let Some((length, read)) = end else {
            self.ends.clear();
            return Ok(None);
        };
        let line = &rest[..length];
        self.ends.push(length);
        let result = emit(Record { line: self.line, bytes: line, ends: &self.ends, gap: 1 });
        self.ends.clear();
        self.line += 1;
        self.record_line = self.line;
        result.map(|()| Some(read))
    }

    /// Drops a UTF-8 byte-order mark at the very start, even one split across chunks.
    fn skip_bom<'c>(&mut self, chunk: &'c [u8]) -> &'c [u8] {
        if self.started {
            return chunk;
        }
        let mut at = 0;
        while self.bom_seen < BOM.len() && at < chunk.len() {
            if chunk[at] != BOM[self.bom_seen] {
                // Not a mark: its bytes so far are text.
                let seen = BOM[..self.bom_seen].to_vec();
                self.started = true;
                self.bom_seen = BOM.len();
                self.bytes.extend_from_slice(&seen);
                if !seen.is_empty() {
                    self.state = State::Unquoted;
                }
                return &chunk[at..];
            }
            self.bom_seen += 1;
            at += 1;
        }
        if self.bom_seen == BOM.len() {
            self.started = true;
        }
        &chunk[at..]
    }

    fn take(&mut self, bytes: &[u8]) -> BillingResult<()> {
        if self.bytes.len() + self.ends.len() + bytes.len() > MAX_RECORD_BYTES {
            return Err(self.too_long());
        }
        self.bytes.extend_from_slice(bytes);
        Ok(())
    }

    fn too_long(&self) -> BillingError {
        BillingError::limit(
            format!("csv line {}", self.record_line),
            format!("a row longer than {MAX_RECORD_BYTES} bytes (is a quote left open?)"),
        )
    }

    fn end_cell(&mut self) -> BillingResult<()> {
        // Separators count toward the row's bytes, so a row of commas is bounded too.
        if self.bytes.len() + self.ends.len() >= MAX_RECORD_BYTES {
            return Err(self.too_long());
        }
        self.ends.push(self.bytes.len());
        self.state = State::CellStart;
        Ok(())
    }

    fn end_record(&mut self, emit: &mut (impl FnMut(Record) -> BillingResult<()> + ?Sized)) -> BillingResult<()> {
        self.ends.push(self.bytes.len());
        let result = emit(Record { line: self.record_line, bytes: &self.bytes, ends: &self.ends, gap: 0 });
        self.bytes.clear();
        self.ends.clear();
        self.state = State::CellStart;
        self.line += 1;
        self.record_line = self.line;
        result
    }

    /// An error at the cell being read: `csv line 3, column 2`.
    fn error(&self, reason: &str) -> BillingError {
        BillingError::invalid(format!("csv line {}, column {}", self.line, self.ends.len() + 1), reason)
    }

    fn after_quote(&self) -> BillingError {
        self.error("text after a closing quote: a quoted cell must end at its separator or the end of the row")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record of `chunks` read in turn, as (line, cells).
    fn read(chunks: &[&[u8]]) -> BillingResult<Vec<(u64, Vec<String>)>> {
        let mut reader = RecordReader::default();
        let mut out = Vec::new();
        let mut emit = |r: Record| {
            out.push((r.line, (0..r.cell_count()).map(|i| String::from_utf8_lossy(r.cell(i)).into_owned()).collect()));
            Ok(())
        };
        for chunk in chunks {
            reader.push(chunk, &mut emit)?;
        }
        reader.finish(&mut emit)?;
        Ok(out)
    }

    fn cells(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn rfc4180_quotes_commas_newlines_and_crlf() {
        let text = b"\xEF\xBB\xBFa,b\r\n\"x, \"\"y\"\"\",\"two\nlines\"\n3,4";
        let expected = vec![(1, cells(&["a", "b"])), (2, cells(&["x, \"y\"", "two\nlines"])), (4, cells(&["3", "4"]))];
        assert_eq!(read(&[text]).unwrap(), expected);
        // The same records whatever the chunks: split at every byte, the mark included.
        let bytes: Vec<&[u8]> = text.chunks(1).collect();
        assert_eq!(read(&bytes).unwrap(), expected);
        for at in 0..text.len() {
            assert_eq!(read(&[&text[..at], &text[at..]]).unwrap(), expected, "split at {at}");
        }
    }

    #[test]
    fn a_header_without_commas_sets_semicolons_or_tabs_as_the_separator() {
        // A spreadsheet's CSV where the decimal mark is a comma: semicolons, a comma inside
        // a cell as text; tab-separated text; a comma in the header keeps commas.
        let semicolons = b"\xEF\xBB\xBFat;feature;seconds\r\n2026-11-02T09:00:00Z;voice;\"1,5\"\r\n2026-11-03;reviews;\n";
        let expected = vec![
            (1, cells(&["at", "feature", "seconds"])),
            (2, cells(&["2026-11-02T09:00:00Z", "voice", "1,5"])),
            (3, cells(&["2026-11-03", "reviews", ""])),
        ];
        let tabs = b"at\tfeature\n2026-11-02\treviews\n";
        let tab_cells = vec![(1, cells(&["at", "feature"])), (2, cells(&["2026-11-02", "reviews"]))];
        let mixed = b"at,\"a;b\"\n1;2,3\n";
        let comma_cells = vec![(1, cells(&["at", "a;b"])), (2, cells(&["1;2", "3"]))];
        for (text, want) in [(&semicolons[..], &expected), (&tabs[..], &tab_cells), (&mixed[..], &comma_cells)] {
            assert_eq!(&read(&[text]).unwrap(), want);
            // Decided on the same first line however the file is split, a byte at a time too.
            for at in 0..text.len() {
                assert_eq!(&read(&[&text[..at], &text[at..]]).unwrap(), want, "split at {at}");
            }
            assert_eq!(&read(&text.chunks(1).collect::<Vec<_>>()).unwrap(), want);
        }
        // A file of one line: a header alone.
        assert_eq!(read(&[b"at;feature"]).unwrap(), vec![(1, cells(&["at", "feature"]))]);
        // Blank lines before the header (the header's reader leaves them out) do not decide it.
        for text in [&b"\nat;feature\n1;2\n"[..], b"\r\n  \r\nat;feature\n1;2\n", b" \t\nat;feature\n1;2"] {
            let records = read(&[text]).unwrap();
            assert_eq!(records.last().unwrap().1, cells(&["1", "2"]), "{text:?}");
            for at in 0..text.len() {
                assert_eq!(read(&[&text[..at], &text[at..]]).unwrap(), records, "split at {at}");
            }
        }
    }

    #[test]
    fn malformed_quoting_is_an_error_with_its_line() {
        assert_eq!(read(&[b"a,\"b"]).unwrap_err().to_string(), "csv line 1, column 2: a quoted cell is never closed");
        assert!(read(&[b"a,b\"c"]).unwrap_err().to_string().starts_with("csv line 1, column 2: a quote inside an unquoted cell"));
        assert!(read(&[b"a\n\"Ava\"x,1"]).unwrap_err().to_string().starts_with("csv line 2, column 1: text after a closing quote"));
        assert!(read(&[b"h\n\"Ava\"\rx"]).unwrap_err().to_string().starts_with("csv line 2, column 1: text after a closing quote"));
        // A quoted cell over several lines is named by the line where its fault is.
        assert!(read(&[b"a,\"x\ny\"z"]).unwrap_err().to_string().starts_with("csv line 2, column 2: text after a closing quote"));
        let long = vec![b'x'; MAX_RECORD_BYTES + 1];
        assert_eq!(read(&[&long]).unwrap_err().code().as_str(), "LIMIT");
        // Separators count: a row of commas is bounded like any other, whatever the chunks.
        let commas = vec![b','; MAX_RECORD_BYTES + 1];
        assert_eq!(read(&[b"at\n", &commas]).unwrap_err().code().as_str(), "LIMIT");
        let pieces: Vec<&[u8]> = commas.chunks(1000).collect();
        assert_eq!(read(&pieces).unwrap_err().code().as_str(), "LIMIT");
    }

    #[test]
    fn a_lone_cr_is_text_and_a_broken_mark_is_kept() {
        // Past a first line ended by `\n` (before it, lines ended by `\r` alone are said as such).
        assert_eq!(read(&[b"h\na\rb,c"]).unwrap(), vec![(1, cells(&["h"])), (2, cells(&["a\rb", "c"]))]);
        assert!(read(&[b"a\rb,c"]).unwrap_err().to_string().starts_with("csv line 1: ends its lines with a carriage return alone"));
        assert_eq!(read(&[b"\xEF\xBBa"]).unwrap()[0].1[0].as_bytes(), "\u{FFFD}a".as_bytes());
        assert_eq!(read(&[b"\xEF"]).unwrap().len(), 1);
        assert!(read(&[b""]).unwrap().is_empty());
    }
}
