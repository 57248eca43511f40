//! When a person is free for practice, in the forms people write on a sign-up form: weekly slots
//! in their own time zone (`Mon-Thu 18-21`, `weekends mornings`, `Tue 9:30-12; Sat 10-14`), and
//! the overlap of two people's free time in a given week, time zones converted on that week's
//! days (so daylight saving time counts as it falls).
//!
//! Days: `Mon` … `Sun` (or their full names), a range `Mon-Thu`, a list `Mon, Wed`, `weekdays`,
//! `weekends`, `daily`. Times: `18-21`, `18:30-21`, `9am-12pm`, or `mornings` (9–12),
//! `afternoons` (12–17), `evenings` (18–21). Slots are separated by `;`, `/` or ` and `. Days
//! without times mean the whole day (8–21); times without days mean every day.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

/// The forms accepted, for error messages.
pub const FORMS: &str = "weekly slots such as 'Mon-Thu 18-21', 'Tue 9:30-12', 'weekends mornings' \
                         or 'Mon, Wed evenings', separated by ';'";

/// Named parts of a day, in minutes after midnight.
const PARTS: [(&str, u32, u32); 3] = [
    ("morning", 9 * 60, 12 * 60),
    ("afternoon", 12 * 60, 17 * 60),
    ("evening", 18 * 60, 21 * 60),
];

/// A whole day, for days given without times.
const WHOLE_DAY: (u32, u32) = (8 * 60, 21 * 60);

/// One weekly slot: on these days (Monday first), from and to, in minutes after midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// The days, Monday first.
    pub days: [bool; 7],
    /// The start, in minutes after midnight.
    pub from: u32,
    /// The end, in minutes after midnight (after `from`; 24:00 at most).
    pub to: u32,
}

/// When a person is free, week after week, in their own time zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Availability {
    /// The slots.
    pub slots: Vec<Slot>,
}

/// Days of the week, Monday first.
type Days = [bool; 7];

/// A span of time.
pub type Span = (DateTime<Utc>, DateTime<Utc>);

impl Availability {
    /// The slots of the week that begins on `monday`, in `zone`, as instants. A local time that a
    /// change to daylight saving time skips starts at the next time that exists.
    pub fn in_week(&self, zone: Tz, monday: NaiveDate) -> Vec<Span> {
        let mut spans = Vec::new();
        for slot in &self.slots {
            for (i, on) in slot.days.iter().enumerate() {
                if !on {
                    continue;
                }
                let day = monday + Duration::days(i as i64);
                let at = |minutes: u32| instant(zone, day, minutes);
                if let (Some(from), Some(to)) = (at(slot.from), at(slot.to))
                    && from < to
                {
                    spans.push((from, to));
                }
            }
        }
        spans.sort();
        spans
    }
}

/// The instant of `minutes` after midnight on `day` in `zone` (the earlier of two, when clocks go
/// back; the first that exists after it, when they go forward).
fn instant(zone: Tz, day: NaiveDate, minutes: u32) -> Option<DateTime<Utc>> {
    let (day, minutes) = if minutes >= 24 * 60 {
        (day.succ_opt()?, minutes - 24 * 60)
    } else {
        (day, minutes)
    };
    let mut time = day.and_time(NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0)?);
    for _ in 0..4 {
        if let Some(local) = zone.from_local_datetime(&time).earliest() {
            return Some(local.with_timezone(&Utc));
        }
        time += Duration::minutes(30);
    }
    None
}

/// The longest time two people are both free in one week: its start and its length in minutes,
/// if they share any.
pub fn longest_overlap(a: &[Span], b: &[Span]) -> Option<(DateTime<Utc>, i64)> {
    let mut best: Option<(DateTime<Utc>, i64)> = None;
    for (a_from, a_to) in a {
        for (b_from, b_to) in b {
            let from = (*a_from).max(*b_from);
            let to = (*a_to).min(*b_to);
            let minutes = (to - from).num_minutes();
            if minutes > 0 && best.is_none_or(|(_, m)| minutes > m) {
                best = Some((from, minutes));
            }
        }
    }
    best
}

/// The Monday of the week of `day`.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

impl FromStr for Availability {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, String> {
        let text = input.trim().to_lowercase();
        if text.is_empty() {
            return Err(format!("no time given: give {FORMS}"));
        }
        let mut slots = Vec::new();
        for part in text
            .split([';', '/', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            // "Sat mornings and evenings": a part after "and" without days has the days before.
            let mut days_before: Option<[bool; 7]> = None;
            for piece in part.split(" and ").map(str::trim).filter(|p| !p.is_empty()) {
                let Part { days, times } = slots_of(piece).map_err(|why| {
                    format!(
                        "'{}': {why}; give {FORMS}",
                        crate::domain::text::for_terminal(piece, 60, "…")
                    )
                })?;
                let days = days.or(days_before).unwrap_or([true; 7]);
                days_before = Some(days);
                slots.extend(times.into_iter().map(|(from, to)| Slot { days, from, to }));
            }
        }
        Ok(Availability { slots })
    }
}

/// The days one part names, if it names any, and its spans of time (`Mon, Wed 18-21`,
/// `weekends mornings evenings` gives two).
fn slots_of(part: &str) -> Result<Part, String> {
    let mut days = [false; 7];
    let mut any_day = false;
    let mut times: Vec<(u32, u32)> = Vec::new();
    for word in part
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
    {
        if let Some(found) = days_of(word)? {
            any_day = true;
            for (d, on) in found.iter().enumerate() {
                days[d] |= on;
            }
        } else if let Some(span) = part_of_day(word) {
            times.push(span);
        } else if word.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            times.push(time_span(word)?);
        } else if !matches!(word, "on" | "at" | "from" | "all" | "day" | "days" | "h") {
            return Err(format!("'{word}' is neither a day nor a time"));
        }
    }
    if times.is_empty() {
        times.push(WHOLE_DAY);
    }
    Ok(Part {
        days: any_day.then_some(days),
        times,
    })
}

/// What one part of an answer says: its days, if it names any, and its spans of time in minutes
/// after midnight.
struct Part {
    days: Option<Days>,
    times: Vec<(u32, u32)>,
}

/// The days a word names (`mon`, `mon-thu`, `weekdays`, `weekends`, `daily`), if it names days.
fn days_of(word: &str) -> Result<Option<[bool; 7]>, String> {
    let mut days = [false; 7];
    match word {
        "weekdays" | "weekday" => days[..5].fill(true),
        "weekends" | "weekend" => days[5..].fill(true),
        "daily" | "everyday" => days.fill(true),
        _ => {
            let (from, to) = match word.split_once('-') {
                Some((a, b)) => match (weekday(a), weekday(b)) {
                    (Some(a), Some(b)) => (a, b),
                    (None, None) => return Ok(None),
                    _ => return Err(format!("'{word}' is not a range of days (Mon-Thu)")),
                },
                None => match weekday(word) {
                    Some(d) => (d, d),
                    None => return Ok(None),
                },
            };
            let mut d = from;
            loop {
                days[d] = true;
                if d == to {
                    break;
                }
                d = (d + 1) % 7;
            }
        }
    }
    Ok(Some(days))
}

/// Monday = 0 … Sunday = 6, from a day's name or its first three letters (plural too).
fn weekday(word: &str) -> Option<usize> {
    let word = word.trim_end_matches('s');
    let day = match word.get(..3)? {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    };
    let full = day_name(day);
    (word.len() == 3 || full.starts_with(word)).then_some(day.num_days_from_monday() as usize)
}

fn day_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

/// A named part of the day (`mornings`, `evening`).
fn part_of_day(word: &str) -> Option<(u32, u32)> {
    let word = word.trim_end_matches('s');
    PARTS
        .iter()
        .find(|(name, _, _)| *name == word)
        .map(|(_, from, to)| (*from, *to))
}

/// `18-21`, `18:30-21`, `9am-12pm`, `9-12h`.
fn time_span(word: &str) -> Result<(u32, u32), String> {
    let word = word.trim_end_matches('h');
    let (a, b) = word
        .split_once('-')
        .ok_or_else(|| format!("'{word}' is not a span of time (18-21)"))?;
    let from = clock(a)?;
    let mut to = clock(b)?;
    if to == 0 {
        to = 24 * 60;
    }
    if to <= from {
        return Err(format!("'{word}' ends before it begins"));
    }
    Ok((from, to))
}

/// `18`, `18:30`, `9am`, `12pm`, in minutes after midnight.
fn clock(text: &str) -> Result<u32, String> {
    let (text, shift) = if let Some(t) = text.strip_suffix("am") {
        (t, Some(0))
    } else if let Some(t) = text.strip_suffix("pm") {
        (t, Some(12))
    } else {
        (text, None)
    };
    let (h, m) = text.split_once(':').unwrap_or((text, "0"));
    let bad = || format!("'{text}' is not a time of day (18, 18:30, 6pm)");
    let h: u32 = h.parse().map_err(|_| bad())?;
    let m: u32 = m.parse().map_err(|_| bad())?;
    let h = match shift {
        Some(_) if h == 0 || h > 12 => return Err(bad()),
        Some(0) if h == 12 => 0,
        Some(12) if h < 12 => h + 12,
        _ => h,
    };
    if h > 24 || m > 59 || (h == 24 && m > 0) {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

impl fmt::Display for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        let days: Vec<&str> = NAMES
            .iter()
            .zip(self.days)
            .filter(|(_, on)| *on)
            .map(|(n, _)| *n)
            .collect();
        write!(
            f,
            "{} {:02}:{:02}-{:02}:{:02}",
            days.join(","),
            self.from / 60,
            self.from % 60,
            self.to / 60,
            self.to % 60
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<String> {
        text.parse::<Availability>()
            .expect(text)
            .slots
            .iter()
            .map(Slot::to_string)
            .collect()
    }

    #[test]
    fn the_forms_people_write_read_as_weekly_slots() {
        assert_eq!(read("Mon-Thu 18-21"), ["Mon,Tue,Wed,Thu 18:00-21:00"]);
        assert_eq!(read("weekends mornings"), ["Sat,Sun 09:00-12:00"]);
        assert_eq!(
            read("Tue 9:30-12; Sat 10am-2pm"),
            ["Tue 09:30-12:00", "Sat 10:00-14:00"]
        );
        assert_eq!(read("Mon, Wed evenings"), ["Mon,Wed 18:00-21:00"]);
        assert_eq!(read("Fri-Mon 19-22h"), ["Mon,Fri,Sat,Sun 19:00-22:00"]);
        assert_eq!(read("weekdays"), ["Mon,Tue,Wed,Thu,Fri 08:00-21:00"]);
        assert_eq!(
            read("Saturday mornings and evenings"),
            ["Sat 09:00-12:00", "Sat 18:00-21:00"]
        );
        assert_eq!(read("22-0"), ["Mon,Tue,Wed,Thu,Fri,Sat,Sun 22:00-24:00"]);
    }

    #[test]
    fn anything_else_is_named_with_the_forms_accepted() {
        for (input, needle) in [
            ("", "no time given"),
            ("Mon 21-18", "ends before it begins"),
            ("Mon 25-26", "not a time of day"),
            ("Mon-Foo 18-21", "not a range of days"),
            ("sometimes", "'sometimes' is neither a day nor a time"),
            ("Mon 13pm-14pm", "not a time of day"),
        ] {
            let err = input.parse::<Availability>().expect_err(input);
            assert!(err.contains(needle), "{input}: {err}");
            assert!(err.contains("Mon-Thu 18-21") || input.is_empty(), "{err}");
        }
    }

    #[test]
    fn overlap_is_counted_across_time_zones_with_the_weeks_daylight_saving() {
        let berlin: Tz = "Europe/Berlin".parse().expect("zone");
        let new_york: Tz = "America/New_York".parse().expect("zone");
        let a: Availability = "Mon 18-21".parse().expect("a");
        let b: Availability = "Mon 12-14".parse().expect("b");
        let shared = |day: &str| {
            let week = monday_of(day.parse().expect("date"));
            longest_overlap(&a.in_week(berlin, week), &b.in_week(new_york, week)).map(|(_, m)| m)
        };
        // Winter: New York is 6 hours behind Berlin, so its 12-14 is Berlin's 18-20.
        assert_eq!(shared("2026-01-14"), Some(120));
        // New York changes to summer time on 8 March, Berlin on 29 March: 5 hours apart in
        // between, so New York's 12-14 is Berlin's 17-19, and one hour is shared.
        assert_eq!(shared("2026-03-18"), Some(60));
        // Both on summer time: 6 hours apart again.
        assert_eq!(shared("2026-04-15"), Some(120));
        // No common time at all.
        let early: Availability = "Mon 6-8".parse().expect("early");
        let week = monday_of("2026-01-14".parse().expect("date"));
        assert_eq!(
            longest_overlap(&a.in_week(berlin, week), &early.in_week(new_york, week)),
            None
        );
    }
}
