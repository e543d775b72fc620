//! UTC timestamps and billing-cycle edges (R4).
//!
//! A timestamp is a date (`2026-11-03`, midnight UTC) or a date-time with a zone
//! (`2026-11-03T14:05:00Z`, `2026-11-03T16:05:00+02:00`); one without a zone is an error
//! (decision). Inside, a timestamp is milliseconds since 1970-01-01T00:00:00Z.

use crate::error::{BillingError, BillingResult};

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number: (year, month, day).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// Days in `month` of `year`.
pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

fn digits(text: &str, from: usize, count: usize) -> Option<u32> {
    let part = text.as_bytes().get(from..from + count)?;
    part.iter().try_fold(0u32, |n, &b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
}

/// Parses a timestamp (R4); errors name `path`.
pub fn parse_timestamp(text: &str, path: &str) -> BillingResult<i64> {
    let bad = |why: &str| {
        BillingError::invalid(
            path,
            format!(
                "{why}: expected a date \"2026-11-03\" or a date-time with a zone \"2026-11-03T14:05:00Z\", got {}",
                crate::error::quote(text)
            ),
        )
    };
    let b = text.as_bytes();
    let (Some(year), Some(month), Some(day)) = (digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2)) else {
        return Err(bad("not a timestamp"));
    };
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return Err(bad("not a timestamp"));
    }
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(i64::from(year), month) {
        return Err(bad("no such date"));
    }
    let date_ms = days_from_civil(i64::from(year), month, day) * DAY_MS;
    if text.len() == 10 {
        return Ok(date_ms);
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) || b.get(13) != Some(&b':') {
        return Err(bad("not a timestamp"));
    }
    let (Some(hour), Some(minute)) = (digits(text, 11, 2), digits(text, 14, 2)) else {
        return Err(bad("not a timestamp"));
    };
    let mut at = 16;
    let mut second = 0;
    let mut millis = 0;
    if b.get(at) == Some(&b':') {
        second = digits(text, at + 1, 2).ok_or_else(|| bad("not a timestamp"))?;
        at += 3;
        if b.get(at) == Some(&b'.') {
            let start = at + 1;
            let end = start + b.get(start..).unwrap_or(&[]).iter().take_while(|c| c.is_ascii_digit()).count();
            if end == start {
                return Err(bad("not a timestamp"));
            }
            // Keep milliseconds; finer digits are dropped (truncated), as JS Date does.
            let ms_digits: String = crate::json::cut(text, start..end).chars().chain("00".chars()).take(3).collect();
            millis = ms_digits.parse().map_err(|_| bad("not a timestamp"))?;
            at = end;
        }
    }
    if hour > 23 || minute > 59 || second > 59 {
        return Err(bad("no such time"));
    }
    let offset_minutes: i64 = match crate::json::cut(text, at..) {
        "Z" | "z" => 0,
        "" => return Err(bad("a date-time needs a zone, Z or an offset such as +02:00 (R4)")),
        zone => {
            let sign = match zone.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return Err(bad("not a timestamp")),
            };
            let (Some(oh), Some(om)) = (digits(zone, 1, 2), digits(zone, 4, 2)) else {
                return Err(bad("not a time zone offset"));
            };
            if zone.len() != 6 || zone.as_bytes()[3] != b':' || oh > 23 || om > 59 {
                return Err(bad("not a time zone offset"));
            }
            sign * i64::from(oh * 60 + om)
        }
    };
    let local_ms = date_ms + i64::from(((hour * 60 + minute) * 60 + second) * 1000 + millis);
    Ok(local_ms - offset_minutes * 60_000)
}

/// A timestamp as the API writes it: a date when at midnight UTC, else a UTC date-time
/// (`2026-11-03T14:05:00Z`, with `.250` when there are milliseconds).
pub fn format_timestamp(ms: i64) -> String {
    let days = ms.div_euclid(DAY_MS);
    let in_day = ms.rem_euclid(DAY_MS);
    let date = format_date(days);
    if in_day == 0 {
        return date;
    }
    let (h, m, s, milli) = (in_day / 3_600_000, in_day / 60_000 % 60, in_day / 1000 % 60, in_day % 1000);
    if milli == 0 {
        format!("{date}T{h:02}:{m:02}:{s:02}Z")
    } else {
        format!("{date}T{h:02}:{m:02}:{s:02}.{milli:03}Z")
    }
}

/// A moment for people to read on an invoice: `2026-06-03 09:00:00 UTC`, or the date
/// alone at midnight (milliseconds left out).
pub fn format_for_people(ms: i64) -> String {
    let (date, in_day) = (format_date(ms.div_euclid(DAY_MS)), ms.rem_euclid(DAY_MS));
    if in_day == 0 {
        return date;
    }
    format!("{date} {:02}:{:02}:{:02} UTC", in_day / 3_600_000, in_day / 60_000 % 60, in_day / 1000 % 60)
}

/// A day number as `YYYY-MM-DD`.
pub fn format_date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Billing-cycle edges from a start timestamp (R4): cycle `k` starts `k` calendar
/// months after the start, on the start's day of the month (its anchor) at the same
/// time of day, or on the month's last day where the month is shorter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CycleCalendar {
    year: i64,
    month: u32,
    anchor_day: u32,
    time_of_day_ms: i64,
}

/// The first moment a timestamp cannot be written with a four-digit year: 10000-01-01.
const YEAR_10000_MS: i64 = 2_932_897 * DAY_MS;

impl CycleCalendar {
    /// The calendar of cycles starting at `start_ms`: its day of the month is the anchor.
    pub fn new(start_ms: i64) -> Self {
        let (year, month, anchor_day) = civil_from_days(start_ms.div_euclid(DAY_MS));
        CycleCalendar { year, month, anchor_day, time_of_day_ms: start_ms.rem_euclid(DAY_MS) }
    }

    /// The calendar of cycles starting at `start_ms` (read from `<root>.start`, or from
    /// `<root>.cycleStart` as `start_field` says) on billing day `billing_day` (R4): a
    /// cycle that starts on Feb 28 for a billing day of 31 ends on Mar 31, not Mar 28.
    /// Without a billing day, the start's day is the anchor. The start must fall on the
    /// billing day, or on its month's last day where the month is shorter.
    pub fn on_billing_day(start_ms: i64, billing_day: Option<u64>, root: &str, start_field: &str) -> BillingResult<Self> {
        let mut calendar = CycleCalendar::new(start_ms);
        let Some(day) = billing_day else { return Ok(calendar) };
        if !(1..=31).contains(&day) {
            return Err(BillingError::invalid(format!("{root}.billingDay"), format!("must be a day of the month, 1 to 31, got {day}")));
        }
        calendar.anchor_day = day as u32;
        let expected = calendar.cycle_start(0);
        if expected != start_ms {
            return Err(BillingError::invalid(
                format!("{root}.{start_field}"),
                format!(
                    "must fall on the billing day ({day}, UTC); in that month the cycle starts on {}, got {}",
                    format_date(expected.div_euclid(DAY_MS)),
                    format_timestamp(start_ms)
                ),
            ));
        }
        Ok(calendar)
    }

    /// Where cycle `k` ends (the next one's start), or an error at `path` when that is
    /// past the year 9999, where timestamps cannot be written or read back.
    pub fn checked_end(&self, k: u32, path: &str) -> BillingResult<i64> {
        let end = self.cycle_start(k);
        if end >= YEAR_10000_MS {
            return Err(BillingError::invalid(path, "the cycles would end after the year 9999; start earlier or run fewer cycles"));
        }
        Ok(end)
    }

    /// Where cycle `k` starts (cycle 0 starts at the calendar's start).
    pub fn cycle_start(&self, k: u32) -> i64 {
        let months = i64::from(self.month) - 1 + i64::from(k);
        let year = self.year + months.div_euclid(12);
        let month = months.rem_euclid(12) as u32 + 1;
        let day = self.anchor_day.min(days_in_month(year, month));
        days_from_civil(year, month, day) * DAY_MS + self.time_of_day_ms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(text: &str) -> i64 {
        parse_timestamp(text, "at").unwrap()
    }

    #[test]
    fn r4_dates_and_zoned_date_times() {
        assert_eq!(ts("1970-01-01"), 0);
        assert_eq!(ts("2026-11-03T14:05:00Z"), ts("2026-11-03") + (14 * 60 + 5) * 60_000);
        assert_eq!(ts("2026-11-03T16:05:00+02:00"), ts("2026-11-03T14:05:00Z"));
        assert_eq!(ts("2026-11-03T14:05Z"), ts("2026-11-03T14:05:00Z"));
        assert_eq!(ts("2026-11-03T14:05:00.25Z") - ts("2026-11-03T14:05:00Z"), 250);
        assert_eq!(format_timestamp(ts("2026-11-03T16:05:00+02:00")), "2026-11-03T14:05:00Z");
        assert_eq!(format_timestamp(ts("2026-11-03")), "2026-11-03");
        assert_eq!(format_timestamp(ts("2024-02-29T00:00:00.5Z")), "2024-02-29T00:00:00.500Z");
    }

    #[test]
    fn r4_a_date_time_without_a_zone_or_an_impossible_date_is_an_error() {
        let err = |t: &str| parse_timestamp(t, "events[0].at").unwrap_err().to_string();
        let cases: [(&str, &[&str]); 5] = [
            ("needs a zone", &["2026-11-03T14:05:00"]),
            ("no such date", &["2026-02-30", "2025-02-29", "2026-13-01"]),
            ("no such time", &["2026-11-03T24:00:00Z"]),
            ("offset", &["2026-11-03T10:00:00+25:00"]),
            ("not a timestamp", &["03/11/2026", "", "2026-11-03T1é:00:00Z", "2026-11-03T10:00:00.Z"]),
        ];
        for (why, texts) in cases {
            for text in texts {
                assert!(err(text).contains(why), "{text:?}: {}", err(text));
            }
        }
    }

    #[test]
    fn r4_cycles_keep_the_anchor_day_and_fall_back_to_the_last_day() {
        let calendar = CycleCalendar::new(ts("2026-01-31"));
        let starts: Vec<String> = (0..5).map(|k| format_timestamp(calendar.cycle_start(k))).collect();
        assert_eq!(starts, ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31"]);
        let leap = CycleCalendar::new(ts("2023-12-30T08:00:00Z"));
        assert_eq!(format_timestamp(leap.cycle_start(2)), "2024-02-29T08:00:00Z");
        assert_eq!(format_timestamp(leap.cycle_start(12)), "2024-12-30T08:00:00Z");
    }

    #[test]
    fn r4_a_billing_day_past_a_short_month_anchors_the_next_cycle() {
        let calendar = CycleCalendar::on_billing_day(ts("2026-02-28"), Some(31), "input", "cycleStart").unwrap();
        assert_eq!(format_timestamp(calendar.cycle_start(1)), "2026-03-31");
        assert_eq!(format_timestamp(calendar.cycle_start(2)), "2026-04-30");
        // Without one, the start's own day anchors (Feb 28 -> Mar 28).
        let calendar = CycleCalendar::on_billing_day(ts("2026-02-28"), None, "input", "cycleStart").unwrap();
        assert_eq!(format_timestamp(calendar.cycle_start(1)), "2026-03-28");
        // The time of day stays.
        let calendar = CycleCalendar::on_billing_day(ts("2026-04-30T08:00:00Z"), Some(31), "s", "start").unwrap();
        assert_eq!(format_timestamp(calendar.cycle_start(1)), "2026-05-31T08:00:00Z");
        let err = |start: &str, day: u64| CycleCalendar::on_billing_day(ts(start), Some(day), "s", "start").unwrap_err().to_string();
        assert_eq!(
            err("2026-02-27", 31),
            "s.start: must fall on the billing day (31, UTC); in that month the cycle starts on 2026-02-28, got 2026-02-27"
        );
        assert_eq!(
            err("2026-03-30", 31),
            "s.start: must fall on the billing day (31, UTC); in that month the cycle starts on 2026-03-31, got 2026-03-30"
        );
        assert_eq!(err("2026-03-01", 0), "s.billingDay: must be a day of the month, 1 to 31, got 0");
        // Days are UTC days (R4): 23:00 at -02:00 on Feb 28 is Mar 1 in UTC.
        assert_eq!(
            err("2026-02-28T23:00:00-02:00", 31),
            "s.start: must fall on the billing day (31, UTC); in that month the cycle starts on 2026-03-31, got 2026-03-01T01:00:00Z"
        );
        assert_eq!(err("2026-03-01", 32), "s.billingDay: must be a day of the month, 1 to 31, got 32");
    }

    #[test]
    fn cycles_end_by_the_year_9999() {
        assert_eq!(YEAR_10000_MS, days_from_civil(10_000, 1, 1) * DAY_MS);
        let calendar = CycleCalendar::new(ts("9999-11-15"));
        assert_eq!(format_timestamp(calendar.checked_end(1, "s.cycles").unwrap()), "9999-12-15");
        assert_eq!(
            calendar.checked_end(2, "s.cycles").unwrap_err().to_string(),
            "s.cycles: the cycles would end after the year 9999; start earlier or run fewer cycles"
        );
    }

    #[test]
    fn civil_round_trip() {
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
