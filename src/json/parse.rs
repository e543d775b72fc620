//! JSON text to [`Value`]: RFC 8259, iterative over the input bytes, never panicking,
//! with a depth limit so hostile input cannot exhaust the stack.

use std::borrow::Cow;
use std::collections::BinaryHeap;

use super::Value;

/// Nesting deeper than this is refused (the API's shapes nest 5 levels).
const MAX_DEPTH: usize = 64;
/// Objects up to this many members are checked for duplicates by a scan as they are read.
const SCANNED_MEMBERS: usize = 16;

/// Parses `text` as one JSON value; the error says where and why.
pub fn parse(text: &str) -> Result<Value<'_>, String> {
    let mut parser = Parser { bytes: text.as_bytes(), text, at: 0 };
    let value = parser.value(0)?;
    parser.skip_space();
    if parser.at < parser.bytes.len() {
        return Err(parser.error("trailing characters after the value"));
    }
    Ok(value)
}

struct Parser<'t> {
    bytes: &'t [u8],
    text: &'t str,
    at: usize,
}

impl<'t> Parser<'t> {
    fn error(&self, reason: &str) -> String {
        format!("is not valid JSON: {reason} at character {}", self.at)
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    #[inline(always)]
    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect_word(&mut self, word: &str, value: Value<'t>) -> Result<Value<'t>, String> {
        if self.text.get(self.at..self.at + word.len()) == Some(word) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("unexpected character"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value<'t>, String> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.skip_space();
        match self.peek() {
            None => Err(self.error("unexpected end")),
            Some(b'n') => self.expect_word("null", Value::Null),
            Some(b't') => self.expect_word("true", Value::Bool(true)),
            Some(b'f') => self.expect_word("false", Value::Bool(false)),
            Some(b'"') => self.string().map(Value::String),
            Some(b'[') => self.array(depth),
            Some(b'{') => self.object(depth),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("unexpected character")),
        }
    }

    /// Steps past an array's or object's opening bracket; true when `close` follows at once.
    fn open(&mut self, close: u8) -> bool {
        self.at += 1;
        self.skip_space();
        let empty = self.peek() == Some(close);
        self.at += usize::from(empty);
        empty
    }

    /// After an element or member: true at `close` (stepped past), false after a comma.
    fn next_or_close(&mut self, close: u8) -> Result<bool, String> {
        self.skip_space();
        let closed = match self.peek() {
            Some(b',') => false,
            Some(byte) if byte == close => true,
            _ => return Err(self.error(if close == b']' { "expected ',' or ']'" } else { "expected ',' or '}'" })),
        };
        self.at += 1;
        Ok(closed)
    }

    fn array(&mut self, depth: usize) -> Result<Value<'t>, String> {
        let mut items = Vec::new();
        if !self.open(b']') {
            loop {
                items.push(self.value(depth + 1)?);
                if self.next_or_close(b']')? {
                    break;
                }
            }
        }
        Ok(Value::Array(items))
    }

    fn duplicate(&self, name: &str) -> String {
        self.error(&format!("duplicate member {}", crate::error::quote(name)))
    }

    fn object(&mut self, depth: usize) -> Result<Value<'t>, String> {
        let mut members = Vec::new();
        if self.open(b'}') {
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a member name"));
            }
            let key = self.string()?;
            self.skip_space();
            if self.peek() != Some(b':') {
                return Err(self.error("expected ':'"));
            }
            self.at += 1;
            let value = self.value(depth + 1)?;
            // Duplicates without a quadratic walk (an object of 60,000 names): a scan while
            // the object is small, its names sorted once at its end when it is not.
            if members.len() < SCANNED_MEMBERS && members.iter().any(|(k, _)| *k == key) {
                return Err(self.duplicate(&key));
            }
            members.push((key, value));
            if self.next_or_close(b'}')? {
                break;
            }
        }
        if members.len() > SCANNED_MEMBERS {
            // A heap sort: a fraction of a hash set's or `sort`'s code in WASM.
            let names = BinaryHeap::from_iter(members.iter().map(|(k, _)| k.as_ref())).into_sorted_vec();
            if let Some(pair) = names.windows(2).find(|pair| pair[0] == pair[1]) {
                return Err(self.duplicate(pair[0]));
            }
        }
        Ok(Value::Object(members))
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Value<'t>, String> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let leading_zero = self.peek() == Some(b'0');
        let whole = self.digits();
        if whole == 0 || (leading_zero && whole > 1) {
            return Err(self.error("malformed number"));
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.error("malformed number"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("malformed number"));
            }
        }
        Ok(Value::Number(Cow::Borrowed(super::cut(self.text, start..self.at))))
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self.text.get(self.at..self.at + 4).ok_or_else(|| self.error("bad \\u escape"))?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(self.error("bad \\u escape"));
        }
        let code = u32::from_str_radix(digits, 16).map_err(|_| self.error("bad \\u escape"))?;
        self.at += 4;
        Ok(code)
    }

    fn string(&mut self) -> Result<Cow<'t, str>, String> {
        self.at += 1; // opening quote
        let mut out: Option<String> = None; // only a string with escapes needs its own copy
        loop {
            let start = self.at;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.at += 1;
            }
            let run = super::cut(self.text, start..self.at);
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(match out {
                        None => Cow::Borrowed(run),
                        Some(mut owned) => {
                            owned.push_str(run);
                            Cow::Owned(owned)
                        }
                    });
                }
                Some(b'\\') => {
                    let out = out.get_or_insert_with(String::new);
                    out.push_str(run);
                    self.at += 1;
                    let escape = self.peek().ok_or_else(|| self.error("unexpected end"))?;
                    self.at += 1;
                    match escape {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => out.push(self.unicode_escape()?),
                        _ => return Err(self.error("bad escape")),
                    }
                }
                Some(_) => return Err(self.error("control character in a string")),
                None => return Err(self.error("unterminated string")),
            }
        }
    }

    fn unicode_escape(&mut self) -> Result<char, String> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            // A high surrogate must be followed by \u and a low one.
            if self.text.get(self.at..self.at + 2) != Some("\\u") {
                return Err(self.error("lone surrogate"));
            }
            self.at += 2;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.error("lone surrogate"));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).ok_or_else(|| self.error("lone surrogate"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_kind_of_value() {
        let v = parse(r#" {"a": [1, -2.5e3, true, false, null], "b": "x\"\u00e9\ud83d\ude00"} "#).unwrap();
        let Value::Object(members) = v else { panic!() };
        assert_eq!(members[0].0, "a");
        assert_eq!(
            members[0].1,
            Value::Array(vec![
                Value::Number("1".into()),
                Value::Number("-2.5e3".into()),
                Value::Bool(true),
                Value::Bool(false),
                Value::Null
            ])
        );
        assert_eq!(members[1].1, Value::String("x\"é😀".into()));
    }

    #[test]
    fn refuses_malformed_text_without_panicking() {
        for bad in [
            "",
            "{",
            "[1,]",
            "01",
            "1.",
            "-",
            "\"\\u12\"",
            "\"\\u+123\"",
            "\"\\ud800\"",
            "{\"a\" 1}",
            "nul",
            "1 2",
            "{\"a\":1,\"a\":2}",
            "\"é",
            "[\"\t\"]",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
        let deep = "[".repeat(100_000);
        assert!(parse(&deep).unwrap_err().contains("nested too deeply"));
    }
}
