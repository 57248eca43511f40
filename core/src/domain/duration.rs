//! Durations: whole minutes, never floats, as the counting rules require.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};

/// The longest session the logbook accepts, in minutes (24 hours).
pub const MAX_MINUTES: u32 = 24 * 60;

/// A session length in whole minutes, between 1 and 24 hours.
///
/// Totals are sums of minutes divided by 60 once, at output; a duration is never rounded on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Minutes(u32);

/// The forms a duration may be written in, for error messages.
pub const ACCEPTED_FORMS: &str = "60, 60m, 90min, 1h, 1h30m, 1.5h or 1:30";

impl Minutes {
    /// A duration of `minutes`, if it is within 1 minute and 24 hours.
    pub fn new(minutes: u32) -> Option<Self> {
        (1..=MAX_MINUTES)
            .contains(&minutes)
            .then_some(Self(minutes))
    }

    /// The number of whole minutes.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl fmt::Display for Minutes {
    /// `45m`, `1h`, `1h 30m`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m) = (self.0 / 60, self.0 % 60);
        let text = match (h, m) {
            (0, m) => format!("{m}m"),
            (h, 0) => format!("{h}h"),
            (h, m) => format!("{h}h {m:02}m"),
        };
        f.pad(&text)
    }
}

/// Minutes as hundredths of an hour, rounded half up: the one place minutes become hours for
/// display.
pub fn hundredths(total_minutes: u64) -> u64 {
    (total_minutes * 100 * 2 + 60) / 120
}

/// Hundredths of an hour as text with two decimals: `150` → `1.50`.
pub fn hundredths_text(hundredths: u64) -> String {
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// Hours as text with two decimals, from a total in minutes: `90` → `1.50`.
pub fn hours_2dp(total_minutes: u64) -> String {
    hundredths_text(hundredths(total_minutes))
}

/// The cells of a column of hours, in hundredths, that add up to `total` hundredths: each cell its
/// minutes rounded down, and the hundredths still missing given to the cells that lost the most
/// (the largest remainder; ties to the earlier cell). With `total` within a hundredth of the exact
/// sum, as a rounded sum is, every cell is within 0.01 h of its exact value.
pub fn hundredths_adding_up(minutes: &[u64], total: u64) -> Vec<u64> {
    // An hour is 100 hundredths and 60 minutes: a cell is minutes × 5 / 3 hundredths.
    let mut cells: Vec<u64> = minutes.iter().map(|m| m * 5 / 3).collect();
    let floor: u64 = cells.iter().sum();
    let mut order: Vec<usize> = (0..minutes.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(minutes[i] * 5 % 3));
    let missing = usize::try_from(total.saturating_sub(floor)).unwrap_or(usize::MAX);
    for &i in order.iter().take(missing) {
        cells[i] += 1;
    }
    cells
}

/// The parts of a whole, each in hundredths of an hour, rounded so that they add up to the whole
/// rounded once (the largest remainder): paid and pro bono, peer and non-coach, each within 0.01 h
/// of its exact value.
pub fn parts_hundredths(parts: &[u64]) -> Vec<u64> {
    hundredths_adding_up(parts, hundredths(parts.iter().sum()))
}

/// [`parts_hundredths`] as text with two decimals.
pub fn parts_2dp(parts: &[u64]) -> Vec<String> {
    parts_hundredths(parts)
        .into_iter()
        .map(hundredths_text)
        .collect()
}

/// [`parts_hundredths`] as numbers, for JSON.
pub fn parts_f64(parts: &[u64]) -> Vec<f64> {
    parts_hundredths(parts)
        .into_iter()
        .map(|h| h as f64 / 100.0)
        .collect()
}

/// Whole percents of the parts of a whole that add up to 100 (the largest remainder; none of a
/// whole of nothing).
pub fn percents(parts: &[u64]) -> Vec<u64> {
    let total: u64 = parts.iter().sum();
    if total == 0 {
        return vec![0; parts.len()];
    }
    let mut cells: Vec<u64> = parts.iter().map(|p| p * 100 / total).collect();
    let missing = 100 - cells.iter().sum::<u64>();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(parts[i] * 100 % total));
    for &i in order.iter().take(usize::try_from(missing).unwrap_or(0)) {
        cells[i] += 1;
    }
    cells
}

/// Hours as short text for sentences: two decimals at most, without trailing zeros (`90` → `1.5`,
/// `600` → `10`).
pub fn hours_short(total_minutes: u64) -> String {
    let text = hours_2dp(total_minutes);
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Hours as a number rounded to two decimals, for JSON output.
pub fn hours_f64(total_minutes: u64) -> f64 {
    let hundredths = (total_minutes * 100 * 2 + 60) / 120;
    hundredths as f64 / 100.0
}

/// A bare number this small (`1`, `2`) is as likely hours as minutes.
const AMBIGUOUS_BELOW: u32 = 10;

/// A bare number below 10, which a person may mean as minutes or as hours.
pub fn ambiguous(input: &str) -> Option<u32> {
    let text = input.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse::<u32>()
        .ok()
        .filter(|n| (1..AMBIGUOUS_BELOW).contains(n))
}

/// Why a bare number is not taken as a length: it names both forms.
pub fn ambiguous_text(input: &str, n: u32) -> String {
    format!(
        "'{}' could be {n} {} or {n} {}: write {n}h or {n}m",
        input.trim(),
        if n == 1 { "hour" } else { "hours" },
        if n == 1 { "minute" } else { "minutes" },
    )
}

/// A length as a person types it (a flag, a prompt, a phone's line): as [`Minutes`] reads it,
/// but a bare number below 10 is refused, naming `1h` and `1m`.
pub fn spoken(input: &str) -> Result<Minutes, String> {
    match ambiguous(input) {
        Some(n) => Err(ambiguous_text(input, n)),
        None => input.parse(),
    }
}

/// A length given on the command line, where a bare number below 10 is kept as such so that the
/// command can ask which was meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spoken {
    /// A length that says what it is (`45m`, `1h`, `60`).
    Clear(Minutes),
    /// A bare number below 10: hours or minutes.
    Bare(u32),
}

impl FromStr for Spoken {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        match ambiguous(input) {
            Some(n) => Ok(Spoken::Bare(n)),
            None => input.parse().map(Spoken::Clear),
        }
    }
}

impl FromStr for Minutes {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let total = parse_total_minutes(input)?;
        if total == 0 {
            return Err(format!(
                "'{input}' is zero: a session lasts at least 1 minute (e.g. {ACCEPTED_FORMS})"
            ));
        }
        Self::new(total).ok_or_else(|| {
            format!("'{input}' is longer than 24 hours: log each session separately (e.g. 1h30m)")
        })
    }
}

impl<'de> Deserialize<'de> for Minutes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = i64::deserialize(deserializer)?;
        u32::try_from(raw)
            .ok()
            .and_then(Minutes::new)
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "minutes must be a whole number from 1 to {MAX_MINUTES}, not {raw}"
                ))
            })
    }
}

/// Reads `60`, `60m`, `90min`, `1h`, `1h30m`, `1h 30m`, `1h30`, `1.5h`, `1:30` into minutes.
fn parse_total_minutes(input: &str) -> Result<u32, String> {
    let bad = |why: &str| format!("'{input}' is not a duration{why}; use {ACCEPTED_FORMS}");
    // A decimal comma, as many locales write it: `1,5h` is `1.5h`.
    let text = input.trim().to_ascii_lowercase().replace(',', ".");
    if text.is_empty() {
        return Err(bad(""));
    }
    // A bare decimal is most likely hours: say so rather than "minutes must be whole".
    if text.contains('.') && text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Err(format!(
            "'{input}' is not a duration: minutes are whole; did you mean {text}h (hours)?"
        ));
    }
    if text.starts_with('-') {
        return Err(format!(
            "'{input}' is negative: a duration is at least 1 minute"
        ));
    }
    if let Some((h, m)) = text.split_once(':') {
        let hours = whole(h).ok_or_else(|| bad(""))?;
        let minutes = whole(m).filter(|_| m.len() == 2).ok_or_else(|| bad(""))?;
        if minutes >= 60 {
            return Err(bad(": minutes after ':' must be below 60"));
        }
        return checked_total(hours, 60, minutes).ok_or_else(|| bad(""));
    }

    let mut rest = text.as_str();
    let mut total: u64 = 0;
    let mut seen_hours = false;
    let mut seen_minutes = false;
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (number, after) = rest.split_at(number_len);
        if number.is_empty() {
            return Err(bad(""));
        }
        let after = after.trim_start();
        let unit_len = after
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(after.len());
        let (unit, after) = after.split_at(unit_len);
        rest = after.trim_start();
        match unit {
            "h" | "hr" | "hrs" | "hour" | "hours" if !seen_hours && !seen_minutes => {
                seen_hours = true;
                total += decimal_times(number, 60).ok_or_else(|| {
                    bad(": hours must give whole minutes (1.5h is 90 minutes, 1.33h is not)")
                })?;
                // `1h30` means one hour and thirty minutes.
                if !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()) {
                    total += whole(rest).ok_or_else(|| bad(""))?;
                    rest = "";
                }
            }
            "" | "m" | "min" | "mins" | "minute" | "minutes" if !seen_minutes => {
                if unit.is_empty() && seen_hours {
                    return Err(bad(""));
                }
                seen_minutes = true;
                total += whole(number).ok_or_else(|| {
                    if number.chars().all(|c| c.is_ascii_digit()) {
                        bad(": far too long")
                    } else {
                        bad(": minutes must be whole")
                    }
                })?;
            }
            _ => return Err(bad("")),
        }
        if total > u64::from(u32::MAX) {
            return Err(bad(": far too long"));
        }
    }
    u32::try_from(total).map_err(|_| bad(": far too long"))
}

fn whole(digits: &str) -> Option<u64> {
    if digits.is_empty() || digits.len() > 9 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn checked_total(hours: u64, per_hour: u64, minutes: u64) -> Option<u32> {
    u32::try_from(hours.checked_mul(per_hour)?.checked_add(minutes)?).ok()
}

/// `number × factor` for a decimal like `1.5`, if the result is whole; integer arithmetic only.
fn decimal_times(number: &str, factor: u64) -> Option<u64> {
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    if int.is_empty() && frac.is_empty() || frac.len() > 6 || frac.contains('.') {
        return None;
    }
    let int = if int.is_empty() { 0 } else { whole(int)? };
    let scale = 10u64.pow(frac.len() as u32);
    let frac = if frac.is_empty() { 0 } else { whole(frac)? };
    let scaled = (int * scale + frac) * factor;
    scaled.is_multiple_of(scale).then_some(scaled / scale)
}

/// A number of hours as a course or a CCE certificate states it (`60`, `62.5`, `1.25`), in whole
/// minutes: up to two decimals, and only values that are whole minutes (`0.01` h is not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hours(pub u32);

/// The largest number of hours a course or CCE record may state.
const MAX_HOURS: u32 = 10_000;

impl FromStr for Hours {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let bad = |why: &str| {
            format!("'{input}' is not a number of hours{why}: use e.g. 60, 62.5 or 1.25")
        };
        let text = input.trim().trim_end_matches('h').trim_end();
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        if whole.is_empty() && fraction.is_empty()
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !fraction.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(bad(""));
        }
        if fraction.len() > 2 {
            return Err(bad(" (two decimals at most)"));
        }
        let whole: u32 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| bad(""))?
        };
        if whole > MAX_HOURS {
            return Err(format!(
                "'{input}' is more than {MAX_HOURS} hours: check the number"
            ));
        }
        let hundredths: u32 = format!("{fraction:0<2}").parse().map_err(|_| bad(""))?;
        let scaled = hundredths * 60;
        if !scaled.is_multiple_of(100) {
            return Err(format!(
                "'{input}' hours is not a whole number of minutes: round it to the minute (e.g. 1.25 or 1.5)"
            ));
        }
        Ok(Hours(whole * 60 + scaled / 100))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_number_below_ten_is_hours_or_minutes() {
        assert_eq!(
            spoken("1").unwrap_err(),
            "'1' could be 1 hour or 1 minute: write 1h or 1m"
        );
        assert_eq!(
            spoken(" 2 ").unwrap_err(),
            "'2' could be 2 hours or 2 minutes: write 2h or 2m"
        );
        assert_eq!(spoken("10").map(Minutes::get), Ok(10));
        assert_eq!(spoken("60").map(Minutes::get), Ok(60));
        assert_eq!(spoken("1h").map(Minutes::get), Ok(60));
        assert_eq!(spoken("1m").map(Minutes::get), Ok(1));
        assert_eq!("3".parse::<Spoken>(), Ok(Spoken::Bare(3)));
        assert!(matches!("45m".parse::<Spoken>(), Ok(Spoken::Clear(m)) if m.get() == 45));
        assert!(spoken("0").unwrap_err().contains("zero"));
    }

    #[test]
    fn parts_add_up_to_their_whole() {
        // 3 × 20 min and 10 min: each 0.33 or 0.17 alone, 1.17 together.
        assert_eq!(parts_2dp(&[20, 20, 20, 10]).concat(), "0.340.330.330.17");
        assert_eq!(parts_hundredths(&[20, 20, 20, 10]).iter().sum::<u64>(), 117);
        assert_eq!(percents(&[1, 1, 1]), [34, 33, 33]);
        assert_eq!(
            percents(&[555, 445]),
            [56, 44],
            "55.5 and 44.5: the tie to the first"
        );
        assert_eq!(percents(&[0, 0]), [0, 0]);
    }

    #[test]
    fn a_decimal_comma_is_a_point_and_a_bare_decimal_suggests_hours() {
        assert_eq!("1,5h".parse::<Minutes>().map(Minutes::get), Ok(90));
        let err = "1.5".parse::<Minutes>().expect_err("bare decimal");
        assert!(err.contains("did you mean 1.5h"), "{err}");
        let err = "-30m".parse::<Minutes>().expect_err("negative");
        assert!(err.contains("negative"), "{err}");
    }

    #[test]
    fn a_column_of_hours_adds_up_to_its_rounded_total() {
        // Three sessions of 20 minutes: 0.33 h each rounded alone, 1.00 h together.
        let cells = hundredths_adding_up(&[20, 20, 20], hundredths(60));
        assert_eq!(cells, [34, 33, 33]);
        assert_eq!(cells.iter().sum::<u64>(), 100);
        // 10 and 50 minutes: 0.166… and 0.833…; the first loses more when rounded down, so it is the
        // one rounded up.
        assert_eq!(hundredths_adding_up(&[10, 50], hundredths(60)), [17, 83]);
        assert_eq!(hundredths_adding_up(&[], 0), Vec::<u64>::new());
        assert_eq!(hundredths_adding_up(&[90, 30], hundredths(120)), [150, 50]);
    }

    fn minutes(s: &str) -> Result<u32, String> {
        s.parse::<Minutes>().map(Minutes::get)
    }

    #[test]
    fn accepts_every_documented_form() {
        for (text, expected) in [
            ("60", 60),
            ("60m", 60),
            ("1h", 60),
            ("1h30m", 90),
            ("1.5h", 90),
            ("90min", 90),
            ("1h 30m", 90),
            ("1h30", 90),
            ("1:30", 90),
            ("0:45", 45),
            ("45 min", 45),
            ("2 hours", 120),
            ("1.25h", 75),
            (".5h", 30),
            ("24h", 1440),
            ("1H30M", 90),
        ] {
            assert_eq!(minutes(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn refuses_zero_negative_too_long_and_garbage() {
        for (text, needle) in [
            ("0", "zero"),
            ("0m", "zero"),
            ("-30", "negative"),
            ("24h1m", "longer than 24 hours"),
            ("25h", "longer than 24 hours"),
            ("99999999999", "not a duration"),
            ("1.33h", "whole minutes"),
            ("90.5m", "minutes must be whole"),
            ("abc", "not a duration"),
            ("", "not a duration"),
            ("1h2h", "not a duration"),
            ("30m1h", "not a duration"),
            ("1:75", "below 60"),
            ("1:5", "not a duration"),
            ("1d", "not a duration"),
            ("1..5h", "whole minutes"),
        ] {
            let err = minutes(text).expect_err(text);
            assert!(err.contains(needle), "{text}: {err}");
            assert!(err.contains(&format!("'{text}'")), "names the value: {err}");
        }
    }

    #[test]
    fn displays_hours_and_minutes() {
        let show = |m| Minutes::new(m).map(|d| d.to_string());
        assert_eq!(show(45).as_deref(), Some("45m"));
        assert_eq!(show(60).as_deref(), Some("1h"));
        assert_eq!(show(95).as_deref(), Some("1h 35m"));
    }

    #[test]
    fn hours_round_only_at_output() {
        assert_eq!(hours_2dp(90), "1.50");
        assert_eq!(hours_2dp(1), "0.02"); // 0.01666… rounds up
        assert_eq!(hours_2dp(20), "0.33");
        assert_eq!(hours_2dp(0), "0.00");
        // Three 20-minute sessions are exactly one hour, not 0.99.
        assert_eq!(hours_2dp(20 + 20 + 20), "1.00");
        assert_eq!(hours_f64(50), 0.83);
        assert_eq!(hours_short(90), "1.5");
        assert_eq!(hours_short(600), "10");
        assert_eq!(hours_short(50), "0.83");
        assert_eq!(hours_short(0), "0");
    }

    #[test]
    fn hours_are_read_into_whole_minutes() {
        let minutes = |s: &str| s.parse::<Hours>().map(|h| h.0);
        assert_eq!(minutes("60"), Ok(3600));
        assert_eq!(minutes("62.5"), Ok(3750));
        assert_eq!(minutes("1.25h"), Ok(75));
        assert_eq!(minutes(".5"), Ok(30));
        assert_eq!(minutes("0"), Ok(0));
        assert!(
            minutes("0.01")
                .expect_err("not whole")
                .contains("whole number of minutes")
        );
        assert!(
            minutes("1.255")
                .expect_err("3 decimals")
                .contains("two decimals")
        );
        assert!(
            minutes("-1")
                .expect_err("negative")
                .contains("not a number of hours")
        );
        assert!(minutes("abc").is_err());
        assert!(minutes("").is_err());
        assert!(minutes("20000").is_err());
    }
}
