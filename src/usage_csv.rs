//! Usage events from a CSV export, as the JS objects `simulate` takes: for small exports
//! (big ones stay inside the engine as a [`UsageLog`]). One reader serves both, so the
//! rows, their order and their errors are the log's (see `usage_log`).

use crate::error::{BillingError, BillingResult};
use crate::schema::UsageEvent;
use crate::usage_log::UsageLog;

/// The most event rows `parseUsageCsv` returns: every row becomes a JS object.
pub const MAX_CSV_ROWS: usize = 300_000;

fn too_many_rows(found: usize) -> BillingError {
    BillingError::limit(
        "csv",
        format!(
            "has about {found} rows; at most {MAX_CSV_ROWS} events can be returned at once (read a bigger export into a UsageLog, \
             or split it by month)"
        ),
    )
}

/// Reads the events of a CSV export, in time order, each timestamp in the API's UTC
/// form; errors name `csv line N, column C ("Header")`.
pub fn parse_usage_csv(text: &str) -> BillingResult<Vec<UsageEvent>> {
    // Budgeted before any row is read: a cheap count of line breaks bounds the rows (a
    // quoted cell may hold a few).
    let breaks = text.bytes().filter(|&b| b == b'\n').count();
    if breaks > 4 * MAX_CSV_ROWS {
        return Err(too_many_rows(breaks));
    }
    let log = UsageLog::from_csv(text.as_bytes())?;
    if log.len() > MAX_CSV_ROWS {
        return Err(too_many_rows(log.len()));
    }
    Ok(log.events(0, log.len()))
}
