//! Periods for `--from`, `--to` and `--as-of`: a day, or a span such as a month or a quarter.
//! `--from` takes a period's first day and `--to` its last (`--to 2026-03` is through 31 March).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDate};

use super::date::{DateArg, parse_iso_date};

/// The forms a period may be written in, for error messages.
pub const ACCEPTED_FORMS: &str = "YYYY-MM-DD, today, yesterday, YYYY-MM, YYYY-Qn, YYYY, this-month, \
                                  last-month, this-year, last-year or last-N-months (e.g. last-18-months)";

/// A period as typed; resolved against today's date later, so parsing never reads the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodArg {
    /// One day.
    Day(DateArg),
    /// A calendar month.
    Month(i32, u32),
    /// A calendar quarter (1 to 4).
    Quarter(i32, u32),
    /// A calendar year.
    Year(i32),
    /// The month of today.
    ThisMonth,
    /// The month before.
    LastMonth,
    /// The year of today.
    ThisYear,
    /// The year before.
    LastYear,
    /// From the same day N months ago to today (clamped to the month's end, as ICF's window is).
    LastMonths(u32),
}

impl PeriodArg {
    /// The first and last day of the period, given today.
    pub fn resolve(self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let month = |y: i32, m: u32| {
            let first = NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(today);
            let last = first
                .checked_add_months(Months::new(1))
                .and_then(|d| d.pred_opt())
                .unwrap_or(first);
            (first, last)
        };
        let span = |from: (NaiveDate, NaiveDate), to: (NaiveDate, NaiveDate)| (from.0, to.1);
        match self {
            PeriodArg::Day(d) => {
                let day = d.resolve(today);
                (day, day)
            }
            PeriodArg::Month(y, m) => month(y, m),
            PeriodArg::Quarter(y, q) => span(month(y, 3 * q - 2), month(y, 3 * q)),
            PeriodArg::Year(y) => span(month(y, 1), month(y, 12)),
            PeriodArg::ThisMonth => month(today.year(), today.month()),
            PeriodArg::LastMonth => {
                let before = today
                    .with_day(1)
                    .and_then(|d| d.checked_sub_days(Days::new(1)))
                    .unwrap_or(today);
                month(before.year(), before.month())
            }
            PeriodArg::ThisYear => span(month(today.year(), 1), month(today.year(), 12)),
            PeriodArg::LastYear => span(month(today.year() - 1, 1), month(today.year() - 1, 12)),
            PeriodArg::LastMonths(n) => (
                today
                    .checked_sub_months(Months::new(n))
                    .unwrap_or(NaiveDate::MIN),
                today,
            ),
        }
    }

    /// The first day, for `--from`.
    pub fn first(self, today: NaiveDate) -> NaiveDate {
        self.resolve(today).0
    }

    /// The last day, for `--to` and `--as-of`.
    pub fn last(self, today: NaiveDate) -> NaiveDate {
        self.resolve(today).1
    }
}

impl fmt::Display for PeriodArg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PeriodArg::Day(d) => write!(f, "{d}"),
            PeriodArg::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            PeriodArg::Quarter(y, q) => write!(f, "{y:04}-Q{q}"),
            PeriodArg::Year(y) => write!(f, "{y:04}"),
            PeriodArg::ThisMonth => f.write_str("this-month"),
            PeriodArg::LastMonth => f.write_str("last-month"),
            PeriodArg::ThisYear => f.write_str("this-year"),
            PeriodArg::LastYear => f.write_str("last-year"),
            PeriodArg::LastMonths(n) => write!(f, "last-{n}-months"),
        }
    }
}

impl FromStr for PeriodArg {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let text = input.trim().to_ascii_lowercase();
        let bad = || format!("'{input}' is not a date or period; use {ACCEPTED_FORMS}");
        let number = |s: &str, len: usize| -> Option<u32> {
            (s.len() == len && s.chars().all(|c| c.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        match text.as_str() {
            "today" | "yesterday" => return text.parse().map(PeriodArg::Day),
            "this-month" => return Ok(PeriodArg::ThisMonth),
            "last-month" => return Ok(PeriodArg::LastMonth),
            "this-year" => return Ok(PeriodArg::ThisYear),
            "last-year" => return Ok(PeriodArg::LastYear),
            _ => {}
        }
        if let Some(n) = text
            .strip_prefix("last-")
            .and_then(|r| r.strip_suffix("-months"))
        {
            return match n.parse::<u32>() {
                Ok(n) if (1..=1200).contains(&n) => Ok(PeriodArg::LastMonths(n)),
                _ => Err(format!(
                    "'{input}' is not a number of months: use last-N-months with N from 1 (e.g. last-18-months)"
                )),
            };
        }
        let parts: Vec<&str> = text.split('-').collect();
        match parts.as_slice() {
            [y] => number(y, 4)
                .map(|y| PeriodArg::Year(y as i32))
                .ok_or_else(bad),
            [y, q] if q.starts_with('q') => {
                let (Some(y), Some(q)) = (number(y, 4), number(&q[1..], 1)) else {
                    return Err(bad());
                };
                if !(1..=4).contains(&q) {
                    return Err(format!("'{input}' is not a quarter: quarters are Q1 to Q4"));
                }
                Ok(PeriodArg::Quarter(y as i32, q))
            }
            [y, m] => {
                let (Some(y), Some(m)) = (number(y, 4), number(m, 2)) else {
                    return Err(bad());
                };
                if !(1..=12).contains(&m) {
                    return Err(format!("'{input}' is not a month: there is no month {m}"));
                }
                Ok(PeriodArg::Month(y as i32, m))
            }
            [_, _, _] => parse_iso_date(input.trim())
                .map(|d| PeriodArg::Day(DateArg::On(d)))
                .map_err(|e| format!("{e}, or a period such as 2026-03 or 2026-Q1")),
            _ => Err(bad()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn span(input: &str, today: &str) -> (String, String) {
        let (a, b) = input.parse::<PeriodArg>().expect(input).resolve(day(today));
        (a.to_string(), b.to_string())
    }

    #[test]
    fn periods_resolve_to_their_first_and_last_day() {
        let t = "2026-03-15";
        let s = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        assert_eq!(span("2026-03-14", t), s("2026-03-14", "2026-03-14"));
        assert_eq!(span("2026-02", t), s("2026-02-01", "2026-02-28"));
        assert_eq!(
            span("2024-02", t),
            s("2024-02-01", "2024-02-29"),
            "a leap February"
        );
        assert_eq!(span("2026-Q1", t), s("2026-01-01", "2026-03-31"));
        assert_eq!(span("2026-q4", t), s("2026-10-01", "2026-12-31"));
        assert_eq!(span("2025", t), s("2025-01-01", "2025-12-31"));
        assert_eq!(span("this-month", t), s("2026-03-01", "2026-03-31"));
        assert_eq!(span("last-month", t), s("2026-02-01", "2026-02-28"));
        assert_eq!(
            span("last-month", "2026-01-31"),
            s("2025-12-01", "2025-12-31"),
            "across a year"
        );
        assert_eq!(span("this-year", t), s("2026-01-01", "2026-12-31"));
        assert_eq!(span("last-year", t), s("2025-01-01", "2025-12-31"));
        assert_eq!(
            span("last-18-months", "2026-11-23"),
            s("2025-05-23", "2026-11-23")
        );
        assert_eq!(
            span("last-18-months", "2026-08-31"),
            s("2025-02-28", "2026-08-31"),
            "clamped like ICF's window"
        );
        assert_eq!(span("yesterday", t), s("2026-03-14", "2026-03-14"));
        assert_eq!(span("2026-12", t), s("2026-12-01", "2026-12-31"));
    }

    #[test]
    fn bad_periods_say_what_is_accepted() {
        for (input, needle) in [
            ("2026-13", "no month 13"),
            ("2026-Q5", "Q1 to Q4"),
            ("2026-02-30", "28 days"),
            ("last-0-months", "last-N-months"),
            ("last-many-months", "last-N-months"),
            ("next-month", "this-month"),
            ("26-03", "YYYY-MM"),
            ("", "YYYY-MM-DD"),
        ] {
            let err = input.parse::<PeriodArg>().expect_err(input);
            assert!(err.contains(needle), "{input}: {err}");
        }
    }
}
