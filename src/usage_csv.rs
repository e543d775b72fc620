//! Usage events from a CSV export: one row per event, read into the same events
//! `simulate` takes, with errors that name the line and the column.
//!
//! Columns (header names match whatever their case, spaces, `_` or `-`; aliases in
//! brackets): `at` [timestamp, time, datetime, date, occurredAt, createdAt], `feature`
//! [type], `mode`, `agent` [agentName], `channel`, `messages` [aiMessages], `seconds`
//! [duration, durationSeconds, callSeconds], `provider`, `language` [lang],
//! `creditsPerMinute`, `direction`, `kind` [contentKind], `count` [quantity], `gptSteps`
//! [steps], `tokens`, `creditsPerStep`, `topUp` [topUpCredits]. A row with `topUp` and
//! no `feature` is a top-up. Empty cells are left out.

use std::borrow::Cow;

use crate::error::{BillingError, BillingResult};
use crate::json::{self, Value};
use crate::schema::{Path, ReadValue, UsageEvent};
use crate::time::parse_timestamp;

/// Canonical column names, their aliases (normalised), and whether they hold numbers.
const COLUMNS: &[(&str, &[&str], bool)] = &[
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

/// A record and the line it starts on.
type Record = (usize, Vec<String>);

/// RFC 4180 records: `,` separated, `"` quoted with `""` for a quote, LF or CRLF.
fn records(text: &str) -> BillingResult<Vec<Record>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let (mut line, mut start_line) = (1, 1);
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    quoted = false;
                    // After a closing quote only a separator or the end of the row may come.
                    if !matches!(chars.peek(), None | Some(',' | '\n' | '\r')) {
                        return Err(BillingError::invalid(
                            format!("csv line {line}"),
                            "text after a closing quote: a quoted cell must end at its comma or the end of the row",
                        ));
                    }
                }
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            '"' => return Err(BillingError::invalid(format!("csv line {line}"), "a quote inside an unquoted cell")),
            ',' => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                out.push((start_line, std::mem::take(&mut fields)));
                line += 1;
                start_line = line;
                at_field_start = true;
            }
            _ => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if quoted {
        return Err(BillingError::invalid(format!("csv line {start_line}"), "a quoted cell is never closed"));
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        out.push((start_line, fields));
    }
    Ok(out)
}

fn normalise(header: &str) -> String {
    header.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// The most event rows `parseUsageCsv` reads (about 2 s in WASM; every row becomes a JS
/// object).
pub const MAX_CSV_ROWS: usize = 300_000;

fn too_many_rows(found: usize) -> BillingError {
    BillingError::limit(
        "csv",
        format!("has about {found} rows; at most {MAX_CSV_ROWS} events can be read at once (split the export by month)"),
    )
}

/// Reads the events of a CSV export; errors name `csv line N, column C ("Header")`.
pub fn parse_usage_csv(text: &str) -> BillingResult<Vec<UsageEvent>> {
    // Budgeted before any row is read: a cheap count of line breaks bounds the rows (a
    // quoted cell may hold a few), then the rows themselves are counted.
    let breaks = text.bytes().filter(|&b| b == b'\n').count();
    if breaks > 4 * MAX_CSV_ROWS {
        return Err(too_many_rows(breaks));
    }
    let records = records(text)?;
    if records.len() > MAX_CSV_ROWS + 1 {
        return Err(too_many_rows(records.len() - 1));
    }
    let mut rows = records.into_iter().filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let Some((_, headers)) = rows.next() else {
        return Err(BillingError::invalid("csv", "is empty: expected a header row and one row per event"));
    };
    let mut columns: Vec<(&str, bool)> = Vec::with_capacity(headers.len());
    for (i, header) in headers.iter().enumerate() {
        let key = normalise(header);
        let Some(&(name, _, numeric)) = COLUMNS.iter().find(|(_, aliases, _)| aliases.contains(&key.as_str())) else {
            let known: Vec<&str> = COLUMNS.iter().map(|(name, _, _)| *name).collect();
            return Err(BillingError::invalid(
                format!("csv line 1, column {} ({header:?})", i + 1),
                format!("unknown column; the columns are {}", known.join(", ")),
            ));
        };
        if let Some(first) = columns.iter().position(|(n, _)| *n == name) {
            return Err(BillingError::invalid(
                format!("csv line 1, column {} ({header:?})", i + 1),
                format!("a second `{name}` column (also column {})", first + 1),
            ));
        }
        columns.push((name, numeric));
    }
    if !columns.iter().any(|(name, _)| *name == "at") {
        return Err(BillingError::invalid("csv line 1", "needs an `at` column (the event's timestamp)"));
    }
    let mut events = Vec::new();
    for (line, cells) in rows {
        if cells.len() != columns.len() {
            return Err(BillingError::invalid(
                format!("csv line {line}"),
                format!("has {} cells, the header has {}", cells.len(), columns.len()),
            ));
        }
        let members = columns
            .iter()
            .zip(&cells)
            .filter(|(_, cell)| !cell.trim().is_empty())
            .map(|(&(name, numeric), cell)| {
                let cell = cell.trim();
                let value = match json::parse(cell) {
                    Ok(number @ Value::Number(_)) if numeric => number,
                    _ => Value::String(Cow::Borrowed(cell)),
                };
                (Cow::Borrowed(name), value)
            })
            .collect();
        let label = format!("line {line}");
        let event = UsageEvent::read(&Value::Object(members), &Path::root(&label)).map_err(|e| {
            let field = e.path().strip_prefix(&label).unwrap_or("").trim_start_matches('.');
            let column = columns.iter().position(|(name, _)| *name == field);
            let at = match column {
                Some(c) => format!("csv line {line}, column {} ({:?})", c + 1, headers[c]),
                None if field.is_empty() => format!("csv line {line}"),
                None => format!("csv line {line}, {field}"),
            };
            BillingError::new(e.code(), at, e.reason())
        })?;
        // The timestamp is checked here, so its error names the row and the column (R4).
        let at_column = columns.iter().position(|(name, _)| *name == "at").unwrap_or(0);
        parse_timestamp(event.at(), "").map_err(|e| {
            BillingError::new(e.code(), format!("csv line {line}, column {} ({:?})", at_column + 1, headers[at_column]), e.reason())
        })?;
        events.push(event);
    }
    Ok(events)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4180_quotes_commas_newlines_and_crlf() {
        let rows = records("a,b\r\n\"x, \"\"y\"\"\",\"two\nlines\"\n3,4").unwrap();
        assert_eq!(rows[0], (1, vec!["a".to_string(), "b".to_string()]));
        assert_eq!(rows[1], (2, vec!["x, \"y\"".to_string(), "two\nlines".to_string()]));
        assert_eq!(rows[2], (4, vec!["3".to_string(), "4".to_string()]));
        assert!(records("a,\"b").is_err());
        assert!(records("a,b\"c").is_err());
    }
}
