//! Dates as the accreditation rules state them: the recent-hours window ("the 18 months before
//! applying") and years of practice (met on the calendar anniversary).
//!
//! One convention serves both: a month later or earlier is the same day of the month, and when that
//! month has no such day (31 April, 29 February in a common year) it is the first day of the month
//! after, as a birthday on 29 February is reached on 1 March in a common year.

use chrono::{Datelike, NaiveDate};

/// `date` moved by `months` calendar months (back when negative): the same day of the month, or the
/// first day of the following month when the target month is too short.
pub fn shift_months(date: NaiveDate, months: i32) -> NaiveDate {
    let index = date.year() * 12 + date.month0() as i32 + months;
    let (year, month0) = (index.div_euclid(12), index.rem_euclid(12) as u32);
    NaiveDate::from_ymd_opt(year, month0 + 1, date.day())
        .or_else(|| {
            // The month is too short: the first day of the next one.
            let (year, month0) = if month0 == 11 {
                (year + 1, 0)
            } else {
                (year, month0 + 1)
            };
            NaiveDate::from_ymd_opt(year, month0 + 1, 1)
        })
        .unwrap_or(if months < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
}

/// The earliest day a session may have: before it, a date is a typing slip (year 0000, 0202).
pub const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(day) => day,
    None => NaiveDate::MIN,
};

/// The dates a session may have, judged on a day: from 1900 up to a year ahead (a session planned
/// and logged early). Anything else is a slip of the year, refused by every reader and writer with
/// a message that names the date and says what to check. The bounds are worked out once: readers
/// ask for every session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plausible {
    today: NaiveDate,
    latest: NaiveDate,
}

impl Plausible {
    /// The plausible dates on `today`.
    pub fn on(today: NaiveDate) -> Self {
        Plausible {
            today,
            latest: shift_months(today, 12),
        }
    }

    /// Whether `date` is plausible, or why not.
    pub fn check(&self, date: NaiveDate) -> Result<(), String> {
        let today = self.today;
        if date < EARLIEST {
            Err(format!(
                "the date {date} is before {EARLIEST}: check the year (YYYY-MM-DD, e.g. {})",
                today.format("%Y-%m-%d")
            ))
        } else if date > self.latest {
            Err(format!(
                "the date {date} is more than a year after today ({today}): check the year \
                 (YYYY-MM-DD); a session that far ahead is logged once it is nearer"
            ))
        } else {
            Ok(())
        }
    }
}

/// The first and last day of the window of `months` calendar months before `as_of`: from the same day
/// of the month `months` earlier, inclusive, up to `as_of`, inclusive.
pub fn recent_window(as_of: NaiveDate, months: u32) -> (NaiveDate, NaiveDate) {
    (
        shift_months(as_of, -i32::try_from(months).unwrap_or(i32::MAX)),
        as_of,
    )
}

/// The day `months` calendar months of practice are complete, counted from `first` (the day practice
/// began): the calendar anniversary, so one year from 2024-12-08 is met on 2025-12-08.
pub fn anniversary(first: NaiveDate, months: u32) -> NaiveDate {
    shift_months(first, i32::try_from(months).unwrap_or(i32::MAX))
}

/// Whole months in `years` (1.5 years is 18 months): what a requirement in years is judged in.
pub fn months_in_years(years: f64) -> u32 {
    (years * 12.0).round().clamp(0.0, f64::from(u32::MAX)) as u32
}

/// The years of practice from `first` to `as_of`, in hundredths of a year rounded down: the whole
/// years up to the last anniversary, and the share of the current year since then.
pub fn years_between(first: NaiveDate, as_of: NaiveDate) -> u32 {
    if as_of <= first {
        return 0;
    }
    let mut whole = u32::try_from(as_of.year() - first.year()).unwrap_or(0);
    while whole > 0 && anniversary(first, whole * 12) > as_of {
        whole -= 1;
    }
    let last = anniversary(first, whole * 12);
    let next = anniversary(first, (whole + 1) * 12);
    let year_days = (next - last).num_days().max(1);
    let days = (as_of - last).num_days().max(0);
    // Rounded down: a requirement shows as met only once it is.
    let share = u32::try_from(days * 100 / year_days).unwrap_or(0);
    whole * 100 + share
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().expect("date")
    }

    #[test]
    fn a_plausible_date_is_from_1900_to_a_year_ahead() {
        let plausible = Plausible::on(d("2026-11-23"));
        assert!(plausible.check(d("1900-01-01")).is_ok());
        assert!(plausible.check(d("2027-11-23")).is_ok());
        let early = plausible.check(d("0000-03-01")).expect_err("year 0");
        assert!(
            early.contains("0000-03-01") && early.contains("check the year"),
            "{early}"
        );
        let late = plausible
            .check(d("2027-11-24"))
            .expect_err("a year and a day");
        assert!(
            late.contains("2027-11-24") && late.contains("(2026-11-23)"),
            "{late}"
        );
    }

    #[test]
    fn the_window_starts_on_the_same_day_of_the_month() {
        assert_eq!(
            recent_window(d("2026-11-23"), 18),
            (d("2025-05-23"), d("2026-11-23"))
        );
        assert_eq!(recent_window(d("2026-01-15"), 18).0, d("2024-07-15"));
        assert_eq!(recent_window(d("2026-06-30"), 18).0, d("2024-12-30"));
    }

    #[test]
    fn at_month_ends_the_window_starts_on_the_first_of_the_next_month() {
        // 31 August 2026 less 18 months: 31 February 2025 does not exist.
        assert_eq!(recent_window(d("2026-08-31"), 18).0, d("2025-03-01"));
        // 31 October 2026 less 18 months: 30 April 2025 is the month's last day.
        assert_eq!(recent_window(d("2026-10-31"), 18).0, d("2025-05-01"));
        assert_eq!(recent_window(d("2026-10-30"), 18).0, d("2025-04-30"));
        // December to the next year's January.
        assert_eq!(recent_window(d("2027-05-31"), 18).0, d("2025-12-01"));
        assert_eq!(recent_window(d("2027-06-30"), 18).0, d("2025-12-30"));
    }

    #[test]
    fn leap_days_in_the_window() {
        assert_eq!(recent_window(d("2025-08-29"), 18).0, d("2024-02-29"));
        assert_eq!(recent_window(d("2026-08-29"), 18).0, d("2025-03-01"));
        assert_eq!(recent_window(d("2025-08-28"), 18).0, d("2024-02-28"));
        assert_eq!(recent_window(d("2024-02-29"), 12).0, d("2023-03-01"));
    }

    #[test]
    fn years_are_met_on_the_calendar_anniversary() {
        assert_eq!(anniversary(d("2024-12-08"), 12), d("2025-12-08"));
        assert_eq!(anniversary(d("2024-12-08"), 36), d("2027-12-08"));
        // 29 February counts from 1 March in a common year, and on 29 February in a leap year.
        assert_eq!(anniversary(d("2024-02-29"), 12), d("2025-03-01"));
        assert_eq!(anniversary(d("2024-02-29"), 48), d("2028-02-29"));
        assert_eq!(anniversary(d("2025-01-31"), 1), d("2025-03-01"));
        assert_eq!(months_in_years(1.0), 12);
        assert_eq!(months_in_years(1.5), 18);
    }

    #[test]
    fn years_between_reach_a_whole_year_exactly_on_the_anniversary() {
        let first = d("2024-12-08");
        assert_eq!(years_between(first, d("2025-12-07")), 99);
        assert_eq!(years_between(first, d("2025-12-08")), 100);
        assert_eq!(years_between(first, d("2026-11-23")), 195);
        assert_eq!(years_between(first, first), 0);
        assert_eq!(years_between(first, d("2020-01-01")), 0);
        let leap = d("2024-02-29");
        assert_eq!(years_between(leap, d("2025-02-28")), 99);
        assert_eq!(years_between(leap, d("2025-03-01")), 100);
        assert_eq!(years_between(leap, d("2028-02-29")), 400);
    }

    #[test]
    fn shifting_is_safe_at_the_ends_of_time() {
        assert_eq!(shift_months(NaiveDate::MAX, 12), NaiveDate::MAX);
        assert_eq!(shift_months(NaiveDate::MIN, -12), NaiveDate::MIN);
    }
}
