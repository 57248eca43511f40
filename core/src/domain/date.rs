//! Calendar dates as the user types them: `YYYY-MM-DD`, `today`, `yesterday`.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, NaiveDate};

/// The form of a calendar date, for error messages.
pub const ISO_FORM: &str = "YYYY-MM-DD (e.g. 2026-03-14)";

/// A date as given on the command line; relative words are resolved against "today" later, so that
/// parsing never reads the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateArg {
    /// The day the command runs.
    Today,
    /// The day before.
    Yesterday,
    /// A calendar date.
    On(NaiveDate),
    /// So many days before today (`3 days ago`).
    DaysAgo(u32),
    /// The last day of this name up to today (`monday`; `last monday` is before today).
    Weekday {
        /// The day's name.
        day: chrono::Weekday,
        /// Whether today itself is left out (`last monday`).
        before_today: bool,
    },
}

impl DateArg {
    /// Whether it names a day only given today's (`yesterday`, `monday`), rather than a calendar
    /// date.
    pub fn is_relative(self) -> bool {
        !matches!(self, DateArg::On(_))
    }

    /// The calendar date this argument names, given today's date.
    pub fn resolve(self, today: NaiveDate) -> NaiveDate {
        match self {
            DateArg::Today => today,
            DateArg::Yesterday => today.checked_sub_days(Days::new(1)).unwrap_or(today),
            DateArg::On(date) => date,
            DateArg::DaysAgo(n) => today
                .checked_sub_days(Days::new(u64::from(n)))
                .unwrap_or(today),
            DateArg::Weekday { day, before_today } => {
                use chrono::Datelike;
                let back =
                    (7 + today.weekday().num_days_from_monday() - day.num_days_from_monday()) % 7;
                let back = if back == 0 && before_today { 7 } else { back };
                today
                    .checked_sub_days(Days::new(u64::from(back)))
                    .unwrap_or(today)
            }
        }
    }
}

impl fmt::Display for DateArg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateArg::Today => f.write_str("today"),
            DateArg::Yesterday => f.write_str("yesterday"),
            DateArg::On(date) => write!(f, "{date}"),
            DateArg::DaysAgo(n) => write!(f, "{n} days ago"),
            DateArg::Weekday { day, before_today } => {
                let name = crate::domain::date::weekday_name(*day);
                if *before_today {
                    write!(f, "last {name}")
                } else {
                    f.write_str(name)
                }
            }
        }
    }
}

/// A weekday's English name (or its first three letters).
fn weekday(word: &str) -> Option<chrono::Weekday> {
    use chrono::Weekday::*;
    [Mon, Tue, Wed, Thu, Fri, Sat, Sun].into_iter().find(|d| {
        let name = weekday_name(*d);
        word == name || (word.len() >= 3 && name.starts_with(word))
    })
}

/// A weekday's name, in lowercase as it is typed.
pub fn weekday_name(day: chrono::Weekday) -> &'static str {
    use chrono::Weekday::*;
    match day {
        Mon => "monday",
        Tue => "tuesday",
        Wed => "wednesday",
        Thu => "thursday",
        Fri => "friday",
        Sat => "saturday",
        Sun => "sunday",
    }
}

impl FromStr for DateArg {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let text = input.trim().to_ascii_lowercase();
        let words: Vec<&str> = text.split_whitespace().collect();
        match words.as_slice() {
            ["today"] => return Ok(DateArg::Today),
            ["yesterday"] => return Ok(DateArg::Yesterday),
            [n, "days" | "day", "ago"] if n.parse::<u32>().is_ok_and(|n| n <= 3660) => {
                return Ok(DateArg::DaysAgo(n.parse().unwrap_or(0)));
            }
            [day] | ["last", day] => {
                if let Some(weekday) = weekday(day) {
                    return Ok(DateArg::Weekday {
                        day: weekday,
                        before_today: words.len() == 2,
                    });
                }
            }
            _ => {}
        }
        if let Some(date) = day_first(&text) {
            return date.map(DateArg::On);
        }
        parse_iso_date(input).map(DateArg::On).map_err(|e| {
            format!(
                "{e}, DD.MM.YYYY, today, yesterday, a weekday (monday, last friday) or N days ago"
            )
        })
    }
}

/// A day-first date as European phones and people write it, `03.12.2026` or `3.12.2026`: `None`
/// when the text is not of that shape, an error naming the value when it is, but no date.
fn day_first(text: &str) -> Option<Result<NaiveDate, String>> {
    let parts: Vec<&str> = text.trim_end_matches('.').split('.').collect();
    let shaped = parts.len() == 3
        && (1..=2).contains(&parts[0].len())
        && (1..=2).contains(&parts[1].len())
        && parts[2].len() == 4
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !shaped {
        return None;
    }
    let number = |i: usize| parts[i].parse::<u32>().unwrap_or(0);
    Some(
        NaiveDate::from_ymd_opt(number(2) as i32, number(1), number(0)).ok_or_else(|| {
            format!("'{text}' is not a date (day.month.year); use DD.MM.YYYY or {ISO_FORM}")
        }),
    )
}

/// Reads a strict `YYYY-MM-DD` date, explaining what is wrong with an impossible one.
pub fn parse_iso_date(input: &str) -> Result<NaiveDate, String> {
    let text = input.trim();
    let parts: Vec<&str> = text.split('-').collect();
    let shaped = parts.len() == 3
        && [4, 2, 2]
            .iter()
            .zip(&parts)
            .all(|(len, part)| part.len() == *len && part.chars().all(|c| c.is_ascii_digit()));
    if !shaped {
        return Err(format!("'{input}' is not a date; use {ISO_FORM}"));
    }
    let number = |i: usize| parts[i].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (number(0) as i32, number(1), number(2));
    if !(1..=12).contains(&month) {
        return Err(format!(
            "'{input}' is not a date: there is no month {month}; use {ISO_FORM}"
        ));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let last = last_day_of_month(year, month);
        format!(
            "'{input}' is not a date: {} {year} has {last} days; use {ISO_FORM}",
            month_name(month)
        )
    })
}

/// The number of days in a month.
fn last_day_of_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|d| d.pred_opt()).map_or(31, |d| d.day())
}

fn month_name(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES[(month.clamp(1, 12) - 1) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_and_days_ago_count_back_from_today() {
        // 2026-11-23 is a Monday.
        let today = day(2026, 11, 23);
        let on = |text: &str| text.parse::<DateArg>().map(|d| d.resolve(today));
        assert_eq!(on("monday"), Ok(today));
        assert_eq!(on("last monday"), Ok(day(2026, 11, 16)));
        assert_eq!(on("Friday"), Ok(day(2026, 11, 20)));
        assert_eq!(on("sun"), Ok(day(2026, 11, 22)));
        assert_eq!(on("3 days ago"), Ok(day(2026, 11, 20)));
        assert_eq!(on("1 day ago"), Ok(day(2026, 11, 22)));
        let err = on("someday").expect_err("not a date");
        assert!(err.contains("N days ago"), "{err}");
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn reads_iso_dates_and_words() {
        let today = day(2026, 3, 1);
        let resolve = |s: &str| s.parse::<DateArg>().map(|d| d.resolve(today));
        assert_eq!(resolve("2026-02-14"), Ok(day(2026, 2, 14)));
        assert_eq!(resolve("today"), Ok(today));
        assert_eq!(resolve("Today"), Ok(today));
        assert_eq!(resolve("yesterday"), Ok(day(2026, 2, 28)));
        assert_eq!(resolve("2024-02-29"), Ok(day(2024, 2, 29)));
        // Day first, as a European phone writes it.
        assert_eq!(resolve("03.12.2026"), Ok(day(2026, 12, 3)));
        assert_eq!(resolve("3.12.2026."), Ok(day(2026, 12, 3)));
        assert!(
            resolve("31.02.2026")
                .expect_err("no such day")
                .contains("DD.MM.YYYY")
        );
        assert!(
            !"03.12.2026"
                .parse::<DateArg>()
                .expect("a date")
                .is_relative()
        );
        assert!("yesterday".parse::<DateArg>().expect("a day").is_relative());
    }

    #[test]
    fn explains_impossible_dates() {
        let err = |s: &str| s.parse::<DateArg>().expect_err(s);
        assert!(err("2026-02-30").contains("February 2026 has 28 days"));
        assert!(err("2025-02-29").contains("February 2025 has 28 days"));
        assert!(err("2026-04-31").contains("April 2026 has 30 days"));
        assert!(err("2026-13-01").contains("no month 13"));
        for bad in [
            "2026-2-3",
            "26-02-03",
            "2026/02/03",
            "tomorrow",
            "",
            "2026-02-03x",
        ] {
            let message = err(bad);
            assert!(message.contains(&format!("'{bad}'")), "{message}");
            assert!(message.contains("YYYY-MM-DD"), "{message}");
        }
    }
}
