//! How a usage export is read: the columns a customer added that are not usage, left out
//! by name once they say so (an unknown column is otherwise an error, R23).

use hoopai_billing_macros::shape;

use super::columns::{ignores, is_known};
use crate::error::{BillingError, BillingResult};

/// The most column names one read may leave out.
pub const MAX_IGNORED_COLUMNS: usize = 100;

/// How a usage export is read.
///
/// ```js
/// const log = UsageLog.fromCsv(text, { ignoreColumns: ["id", "cost_usd"] });
/// const builder = UsageLog.builder({ ignoreColumns: ["Notes"] });
/// ```
#[shape]
#[derive(Default)]
pub struct CsvOptions {
    /// Headers of columns to leave out, their cells unread: as written, or as a known
    /// header is matched (case, spaces and punctuation aside). A column the log reads
    /// cannot be left out.
    pub ignore_columns: Option<Vec<String>>,
    /// Leave out every column the log does not know (default false): for a reader told
    /// which they are, who chose so.
    pub ignore_unknown_columns: Option<bool>,
}

/// The columns to leave out, checked: at most [`MAX_IGNORED_COLUMNS`], none blank or known;
/// and whether every unknown one is.
#[derive(Debug, Clone, Default)]
pub struct Ignored {
    names: Vec<String>,
    pub unknown: bool,
}

impl Ignored {
    /// Checks `options`' columns.
    pub fn of(options: &CsvOptions) -> BillingResult<Self> {
        let names = options.ignore_columns.as_deref().unwrap_or_default();
        if names.len() > MAX_IGNORED_COLUMNS {
            return Err(BillingError::limit(
                "options.ignoreColumns",
                format!("lists {} columns; at most {MAX_IGNORED_COLUMNS} can be left out", names.len()),
            ));
        }
        for (i, name) in names.iter().enumerate() {
            let at = || format!("options.ignoreColumns[{i}]");
            if name.trim().is_empty() {
                return Err(BillingError::invalid(at(), "is blank; name the header of a column to leave out"));
            }
            if is_known(name) {
                return Err(BillingError::invalid(at(), format!("{:?} is a column the log reads; it cannot be left out", name.trim())));
            }
        }
        Ok(Ignored {
            names: names.iter().map(|name| name.trim().to_string()).collect(),
            unknown: options.ignore_unknown_columns.unwrap_or(false),
        })
    }

    /// Whether the header cell `written` names a column to leave out.
    pub fn covers(&self, written: &str) -> bool {
        self.names.iter().any(|name| ignores(name, written))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::usage_log::UsageLog;

    fn leaving_out(names: &[&str]) -> CsvOptions {
        CsvOptions { ignore_columns: Some(names.iter().map(|n| n.to_string()).collect()), ..CsvOptions::default() }
    }

    #[test]
    fn columns_left_out_by_name_are_not_read_r23() {
        let file = b"id,at,feature,Cost (USD),messages\n7,2026-11-02T09:00:00Z,conversation,$0.10,3\nx,2026-11-03,reviews,n/a,\n";
        // Unknown, they are errors (R23: nothing is dropped in silence)...
        assert_eq!(UsageLog::from_csv(file).unwrap_err().others().1, 1);
        // ...left out by name (as written, or as headers are matched), their cells unread.
        let log = UsageLog::from_csv_with(file, &leaving_out(&["id", "cost usd"])).unwrap();
        let plain = UsageLog::from_csv(b"at,feature,messages\n2026-11-02T09:00:00Z,conversation,3\n2026-11-03,reviews,\n").unwrap();
        assert_eq!(log.events(0, log.len()), plain.events(0, plain.len()));
        // A name that is not a column changes nothing; the other unknown column is still said.
        let error = UsageLog::from_csv_with(file, &leaving_out(&["id", "Notes"])).unwrap_err();
        assert!(error.to_string().starts_with("csv line 1, column 4 (\"Cost (USD)\"): unknown column"), "{error}");
        // A name in any script is matched as written.
        let log = UsageLog::from_csv_with("at,備考,feature\n2026-11-02,メモ,reviews\n".as_bytes(), &leaving_out(&[" 備考 "])).unwrap();
        assert_eq!(log.len(), 1);
        // Every unknown column, once the reader chose so: any name, any number of them.
        let wide: String = (0..40).map(|i| format!(",\"x \"\"{i}\"\" 👩\u{200d}👧\"")).collect();
        let rows: String = (0..3).map(|i| format!("2026-11-0{},reviews{}\n", i + 1, ",v".repeat(40))).collect();
        let file = format!("at,feature{wide}\n{rows}");
        assert_eq!(UsageLog::from_csv(file.as_bytes()).unwrap_err().others().1, 40 - 1);
        let all = CsvOptions { ignore_unknown_columns: Some(true), ..CsvOptions::default() };
        assert_eq!(UsageLog::from_csv_with(file.as_bytes(), &all).unwrap().len(), 3);
    }

    #[test]
    fn a_column_the_log_reads_cannot_be_left_out_nor_a_blank_nor_too_many() {
        let error = |names: &[&str]| Ignored::of(&leaving_out(names)).unwrap_err().to_string();
        assert_eq!(error(&["id", "Messages"]), "options.ignoreColumns[1]: \"Messages\" is a column the log reads; it cannot be left out");
        assert_eq!(
            error(&["credits_per_minute"]),
            "options.ignoreColumns[0]: \"credits_per_minute\" is a column the log reads; it cannot be left out"
        );
        assert_eq!(error(&[" "]), "options.ignoreColumns[0]: is blank; name the header of a column to leave out");
        let many: Vec<String> = (0..=MAX_IGNORED_COLUMNS).map(|i| format!("x{i}")).collect();
        let too_many = Ignored::of(&CsvOptions { ignore_columns: Some(many), ..CsvOptions::default() }).unwrap_err();
        assert_eq!((too_many.code().as_str(), too_many.path()), ("LIMIT", "options.ignoreColumns"));
    }
}
