//! The export's encoding: UTF-8, or UTF-16 (what Excel writes as "Unicode Text") told by
//! its byte-order mark or, without one, by a 0 byte beside the header's first letter;
//! turned into UTF-8 as it comes, split at any byte.

use std::borrow::Cow;

use crate::error::BillingError;

/// How the bytes pushed so far are read.
#[derive(Debug, Default)]
pub enum Encoding {
    /// No byte yet.
    #[default]
    Undecided,
    /// The first byte, waiting for the second: the two tell the encoding.
    Held(u8),
    Utf8,
    Utf16(Utf16),
}

/// UTF-16 being turned into UTF-8.
#[derive(Debug)]
pub struct Utf16 {
    big_endian: bool,
    /// A unit's first byte, when a chunk ended between its two.
    odd: Option<u8>,
    /// A high surrogate waiting for the low one that completes it.
    high: Option<u16>,
    /// Lines ended so far, to place an error.
    lines: u64,
}

/// The bytes a chunk gives the record reader, and the error found after them, if any.
pub struct Decoded<'a> {
    pub bytes: Cow<'a, [u8]>,
    pub broken: Option<BillingError>,
}

impl<'a> Decoded<'a> {
    fn whole(bytes: impl Into<Cow<'a, [u8]>>) -> Self {
        Decoded { bytes: bytes.into(), broken: None }
    }
}

impl Encoding {
    /// What an export's first two bytes say: a UTF-16 byte-order mark (dropped: the second
    /// value says how many bytes to drop), or, without a mark, a 0 beside a letter of a
    /// header in UTF-16; else UTF-8. A UTF-8 CSV holds no 0 byte.
    fn told_by(first: u8, second: u8) -> (Encoding, usize) {
        match (first, second) {
            (0xFF, 0xFE) => (Encoding::Utf16(Utf16::new(false)), 2),
            (0xFE, 0xFF) => (Encoding::Utf16(Utf16::new(true)), 2),
            (1.., 0) => (Encoding::Utf16(Utf16::new(false)), 0),
            (0, 1..) => (Encoding::Utf16(Utf16::new(true)), 0),
            _ => (Encoding::Utf8, 0),
        }
    }

    /// The next chunk as UTF-8: itself for a UTF-8 export, decoded for a UTF-16 one. A
    /// character broken in the UTF-16 ends the bytes, with the error.
    pub fn decode<'a>(&mut self, chunk: &'a [u8]) -> Decoded<'a> {
        match (&mut *self, chunk) {
            (Encoding::Utf8, _) => Decoded::whole(chunk),
            (Encoding::Utf16(utf16), _) => utf16.decode(chunk),
            (_, []) => Decoded::whole(chunk),
            (Encoding::Undecided, [first]) => {
                *self = Encoding::Held(*first);
                Decoded::whole(&[][..])
            }
            (Encoding::Undecided, [first, second, ..]) => {
                let (encoding, mark) = Encoding::told_by(*first, *second);
                *self = encoding;
                self.decode(&chunk[mark..])
            }
            (Encoding::Held(first), [second, ..]) => {
                let first = *first;
                let (encoding, mark) = Encoding::told_by(first, *second);
                *self = encoding;
                match self {
                    _ if mark == 2 => self.decode(&chunk[1..]),
                    Encoding::Utf16(utf16) => {
                        utf16.odd = Some(first);
                        utf16.decode(chunk)
                    }
                    _ => Decoded::whole([&[first][..], chunk].concat()),
                }
            }
        }
    }

    /// At the end of the export: a lone first byte is the reader's (it is no header, and
    /// is said so); a UTF-16 character cut short is an error.
    pub fn finish(&mut self) -> Decoded<'static> {
        match std::mem::replace(self, Encoding::Utf8) {
            Encoding::Held(first) => Decoded::whole(vec![first]),
            Encoding::Utf16(utf16) if utf16.odd.is_some() || utf16.high.is_some() => {
                Decoded { bytes: Vec::new().into(), broken: Some(utf16.broken()) }
            }
            _ => Decoded::whole(Vec::new()),
        }
    }
}

impl Utf16 {
    fn new(big_endian: bool) -> Self {
        Utf16 { big_endian, odd: None, high: None, lines: 0 }
    }

    fn broken(&self) -> BillingError {
        BillingError::invalid(
            format!("csv line {}", self.lines + 1),
            "has a broken character in its UTF-16 text (half of a pair that needs two); \
             save the export again, as CSV UTF-8 if you can",
        )
    }

    fn decode<'a>(&mut self, chunk: &[u8]) -> Decoded<'a> {
        // A unit of UTF-16 is at most three bytes of UTF-8; a pair (two units) is four.
        let mut out = Vec::with_capacity(chunk.len() / 2 * 3 + 3);
        let mut rest = chunk;
        if let Some(a) = self.odd.take() {
            let Some((&b, tail)) = rest.split_first() else {
                self.odd = Some(a);
                return Decoded::whole(out);
            };
            if !self.unit([a, b], &mut out) {
                return Decoded { bytes: out.into(), broken: Some(self.broken()) };
            }
            rest = tail;
        }
        let mut units = rest.chunks_exact(2);
        for unit in &mut units {
            if !self.unit([unit[0], unit[1]], &mut out) {
                return Decoded { bytes: out.into(), broken: Some(self.broken()) };
            }
        }
        self.odd = units.remainder().first().copied();
        Decoded::whole(out)
    }

    /// Adds one unit's character to `out`; false where the unit breaks a character.
    fn unit(&mut self, bytes: [u8; 2], out: &mut Vec<u8>) -> bool {
        let unit = if self.big_endian { u16::from_be_bytes(bytes) } else { u16::from_le_bytes(bytes) };
        let decoded = match (self.high.take(), unit) {
            (Some(high), 0xDC00..=0xDFFF) => char::decode_utf16([high, unit]).next().and_then(Result::ok),
            (None, 0xD800..=0xDBFF) => {
                self.high = Some(unit);
                return true;
            }
            (Some(_), _) | (None, 0xDC00..=0xDFFF) => None,
            (None, _) => char::from_u32(u32::from(unit)),
        };
        let Some(c) = decoded else { return false };
        self.lines += u64::from(c == '\n');
        out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        true
    }
}

#[cfg(test)]
mod tests {
    use crate::usage_log::{UsageLog, UsageLogBuilder};

    /// The log read from `chunks` pushed one by one, or the error as text.
    fn read(chunks: &[&[u8]]) -> Result<UsageLog, String> {
        let mut builder = UsageLogBuilder::default();
        for chunk in chunks {
            builder.push(chunk).map_err(|e| e.to_string())?;
        }
        builder.finish().map_err(|e| e.to_string())
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let units = std::iter::once(0xFEFF).chain(text.encode_utf16());
        units.flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() }).collect()
    }

    /// UTF-16 as some tools write it: without the mark.
    fn unmarked(text: &str, big_endian: bool) -> Vec<u8> {
        utf16(text, big_endian)[2..].to_vec()
    }

    const EXPORT: &str = "at,feature,messages,seconds,agent\n\
2026-10-02T09:00:00Z,conversation,3,,Ava\n\
2026-10-02T09:02:00Z,voice,,135,Zoë 🚀\n\
2026-10-03T10:00:00Z,conversation,,,\"Ng, Thảo\"\n";

    #[test]
    fn utf16_reads_as_its_utf8_csv_with_or_without_its_mark_split_anywhere() {
        let expected = read(&[EXPORT.as_bytes()]).unwrap();
        let events = |log: &UsageLog| log.events(0, log.len());
        // Excel's "Unicode Text": UTF-16 little-endian with its mark, tabs and CRLF.
        let excel = EXPORT.replace(',', "\t").replace("\"Ng\t Thảo\"", "Ng, Thảo").replace('\n', "\r\n");
        for (big_endian, mark) in [(false, true), (true, true), (false, false), (true, false)] {
            let bytes = if mark { utf16(&excel, big_endian) } else { unmarked(&excel, big_endian) };
            for at in 0..bytes.len() {
                for to in [at, at + 1, (at + 3).min(bytes.len())] {
                    let log = read(&[&bytes[..at], &bytes[at..to], &bytes[to..]])
                        .unwrap_or_else(|e| panic!("big-endian {big_endian}, mark {mark}, split at {at} and {to}: {e}"));
                    assert_eq!(events(&log), events(&expected), "split at {at} and {to}");
                }
            }
        }
        let crate::schema::UsageEvent::Voice(call) = &events(&expected)[1] else { panic!("a call") };
        assert_eq!(call.agent.as_deref(), Some("Zoë 🚀"));
    }

    #[test]
    fn a_broken_utf16_character_is_an_error_at_its_line() {
        let broken = "at,feature\n2026-10-02,reviews\n2026-10-03,reviews\n";
        let mut bytes = utf16(broken, false);
        // A high surrogate (0xD83D) with no low one after it, at the start of line 3.
        let line3 = bytes.len() - "2026-10-03,reviews\n".len() * 2;
        bytes.splice(line3..line3, [0x3D, 0xD8]);
        let said = "csv line 3: has a broken character in its UTF-16 text (half of a pair that needs two); \
                    save the export again, as CSV UTF-8 if you can";
        for at in 0..bytes.len() {
            assert_eq!(read(&[&bytes[..at], &bytes[at..]]).unwrap_err(), said, "split at {at}");
        }
        // A low surrogate alone, and a last unit cut in half.
        let mut low = utf16(broken, false);
        low.splice(line3..line3, [0x00, 0xDC]);
        assert_eq!(read(&[&low]).unwrap_err(), said);
        let mut odd = utf16(broken, false);
        odd.push(b'x');
        assert_eq!(read(&[&odd]).unwrap_err(), said.replace("line 3", "line 4"));
        // A pair cut at the file's end.
        let mut cut = utf16(broken, false);
        cut.extend([0x3D, 0xD8]);
        assert_eq!(read(&[&cut]).unwrap_err(), said.replace("line 3", "line 4"));
    }

    #[test]
    fn rows_before_a_broken_character_are_read_first() {
        // A bad row on line 2 is said, not the broken character on line 3 of the same chunk.
        let mut bytes = utf16("at,feature\n2026-10-02,chat\nx\n", false);
        let end = bytes.len();
        bytes.splice(end - 4..end - 4, [0x3D, 0xD8]);
        assert!(read(&[&bytes]).unwrap_err().starts_with("csv line 2, column 2 (\"feature\"): unknown variant"));
    }

    #[test]
    fn a_file_that_only_looks_like_a_mark_is_read_as_before() {
        // One byte 0xFF, or 0xFF then not 0xFE: not UTF-8, said so at line 1.
        for bytes in [&b"\xFF"[..], b"\xFFat,feature\n", b"\xFE\xFEat\n"] {
            for at in 0..=bytes.len() {
                let error = read(&[&bytes[..at], &bytes[at..]]).unwrap_err();
                assert!(error.starts_with("csv line 1: is not UTF-8 text"), "{bytes:?} split at {at}: {error}");
            }
        }
        // The mark alone: an empty export. A UTF-16 JSON export is named as JSON.
        assert!(read(&[b"\xFF\xFE"]).unwrap_err().starts_with("csv: is empty"));
        assert_eq!(
            read(&[&utf16(" [{\"at\": \"2026-10-02\"}]", true)]).unwrap_err(),
            "csv: is JSON, not CSV: export the usage as CSV and load that file"
        );
    }
}
