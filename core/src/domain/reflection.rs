//! Post-session reflection: the four Session Rating Scale items scored 0–10 (one decimal), who gave
//! the scores, and what the client invites the coach to experiment with next time.
//!
//! Only scores and short item labels are kept: the scale's wording is copyrighted.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The short labels of the four items, in the order scores are given.
pub const ITEMS: [&str; 4] = ["relationship", "goals", "approach", "overall"];

/// The form scores are given in, for error messages.
pub const SCORES_FORM: &str = "four scores from 0 to 10, one decimal at most, in the order \
                               relationship,goals,approach,overall (e.g. 9,10,8.5,9)";

/// One item's score in tenths (0 to 100), so that 8.5 is exact and totals never drift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score(u8);

impl Score {
    /// A score of `tenths` tenths, if it is within 0 and 10.
    pub fn from_tenths(tenths: u32) -> Option<Self> {
        u8::try_from(tenths).ok().filter(|t| *t <= 100).map(Score)
    }

    /// The score in tenths.
    pub fn tenths(self) -> u32 {
        u32::from(self.0)
    }

    /// The score as a number.
    pub fn value(self) -> f64 {
        f64::from(self.0) / 10.0
    }

    /// A score from a number with at most one decimal, as written in a file.
    fn from_f64(value: f64) -> Result<Self, String> {
        let tenths = value * 10.0;
        if !(0.0..=100.0).contains(&tenths) {
            return Err(format!("{value} is not a score: scores go from 0 to 10"));
        }
        if (tenths - tenths.round()).abs() > 1e-6 {
            return Err(format!(
                "{value} has more than one decimal: give scores like 8.5"
            ));
        }
        Ok(Score(tenths.round() as u8))
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = if self.0.is_multiple_of(10) {
            format!("{}", self.0 / 10)
        } else {
            format!("{}.{}", self.0 / 10, self.0 % 10)
        };
        f.pad(&text)
    }
}

impl FromStr for Score {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let text = input.trim();
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        if !digits(int) || !(frac.is_empty() || digits(frac)) {
            return Err(format!(
                "'{input}' is not a score: give a number from 0 to 10 (e.g. 8.5)"
            ));
        }
        if frac.len() > 1 {
            return Err(format!(
                "'{input}' has more than one decimal: give scores like 8.5"
            ));
        }
        let tenths = int.parse::<u32>().unwrap_or(u32::MAX).saturating_mul(10)
            + frac.parse::<u32>().unwrap_or(0);
        Score::from_tenths(tenths)
            .ok_or_else(|| format!("'{input}' is out of range: scores go from 0 to 10"))
    }
}

impl Serialize for Score {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.value())
    }
}

impl<'de> Deserialize<'de> for Score {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = f64::deserialize(deserializer)?;
        Score::from_f64(value).map_err(serde::de::Error::custom)
    }
}

/// The four scores of one session: relationship, goals, approach, overall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Scores(pub [Score; 4]);

impl Scores {
    /// The total in tenths (0 to 400).
    pub fn total_tenths(&self) -> u32 {
        self.0.iter().map(|s| s.tenths()).sum()
    }

    /// The total as a number (0 to 40).
    pub fn total(&self) -> f64 {
        f64::from(self.total_tenths()) / 10.0
    }

    /// Whether the session calls for attention: a total strictly below `thresholds.total`, or any
    /// item strictly below `thresholds.item`.
    pub fn flagged(&self, thresholds: &Thresholds) -> bool {
        self.total_tenths() < thresholds.total_tenths
            || self.0.iter().any(|s| s.tenths() < thresholds.item_tenths)
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b, c, d] = self.0;
        write!(f, "{a},{b},{c},{d}")
    }
}

impl FromStr for Scores {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let parts: Vec<&str> = input.split(',').collect();
        let [a, b, c, d] = parts.as_slice() else {
            return Err(format!("'{input}' is not {SCORES_FORM}"));
        };
        Ok(Scores([a.parse()?, b.parse()?, c.parse()?, d.parse()?]))
    }
}

impl<'de> Deserialize<'de> for Scores {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let list = Vec::<Score>::deserialize(deserializer)?;
        let scores: [Score; 4] = list.try_into().map_err(|list: Vec<Score>| {
            serde::de::Error::custom(format!(
                "scores must be 4 numbers ({}), not {}",
                ITEMS.join(", "),
                list.len()
            ))
        })?;
        Ok(Scores(scores))
    }
}

/// The alert thresholds: a session is flagged when its total is below `total` or an item below
/// `item` (both in tenths).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    /// The total below which a session is flagged, in tenths (default 360: 36).
    pub total_tenths: u32,
    /// The item score below which a session is flagged, in tenths (default 90: 9).
    pub item_tenths: u32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            total_tenths: 360,
            item_tenths: 90,
        }
    }
}

/// Who gave the scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RatedBy {
    /// The client scored the session (the point of the exercise).
    #[default]
    Client,
    /// The coach scored it.
    #[serde(rename = "self")]
    Myself,
}

impl RatedBy {
    /// Both, in order.
    pub const ALL: &'static [RatedBy] = &[RatedBy::Client, RatedBy::Myself];

    /// As written on the command line and in files.
    pub fn as_str(self) -> &'static str {
        match self {
            RatedBy::Client => "client",
            RatedBy::Myself => "self",
        }
    }

    /// What it means.
    pub fn describe(self) -> &'static str {
        match self {
            RatedBy::Client => "the client gave the scores",
            RatedBy::Myself => "I scored the session myself",
        }
    }
}

impl fmt::Display for RatedBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// A session's reflection, kept in the session's file as a `[reflection]` table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reflection {
    /// The four scores, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scores: Option<Scores>,
    /// Who gave them.
    #[serde(default)]
    pub rated_by: RatedBy,
    /// What to experiment with next time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experiment: Option<String>,
}

crate::domain::vocabulary::impl_vocabulary!(RatedBy);

#[cfg(test)]
mod tests {
    use super::*;

    fn scores(s: &str) -> Result<Scores, String> {
        s.parse()
    }

    #[test]
    fn reads_four_scores_with_one_decimal() {
        let s = scores("9,10,8.5,9").expect("valid");
        assert_eq!(s.total_tenths(), 365);
        assert_eq!(s.total(), 36.5);
        assert_eq!(s.to_string(), "9,10,8.5,9");
        assert_eq!(
            scores(" 0, 0.0 ,10,10.0").map(|s| s.total_tenths()),
            Ok(200)
        );
    }

    #[test]
    fn refuses_out_of_range_non_numeric_and_too_precise_scores() {
        for (input, needle) in [
            ("9,10,8.55,9", "more than one decimal"),
            ("9,10,11,9", "out of range"),
            ("9,10,-1,9", "not a score"),
            ("9,10,high,9", "'high' is not a score"),
            ("9,10,9", "four scores"),
            ("9,10,9,9,9", "four scores"),
            ("", "four scores"),
        ] {
            let err = scores(input).expect_err(input);
            assert!(err.contains(needle), "{input}: {err}");
        }
    }

    #[test]
    fn flags_by_total_and_by_item_strictly_below() {
        let t = Thresholds::default();
        assert!(
            !scores("9,9,9,9").expect("s").flagged(&t),
            "exactly 36 with every item 9 is fine"
        );
        assert!(
            scores("10,10,8.9,10").expect("s").flagged(&t),
            "an item below 9"
        );
        assert!(
            scores("9,9,9,8.9").expect("s").flagged(&t),
            "a total of 35.9"
        );
        let strict = Thresholds {
            total_tenths: 380,
            item_tenths: 95,
        };
        assert!(
            !scores("9.5,9.5,9.5,9.5").expect("s").flagged(&strict),
            "38 and 9.5 meet 38 and 9.5"
        );
        assert!(scores("9.4,9.6,9.5,9.5").expect("s").flagged(&strict));
    }

    #[test]
    fn files_hold_plain_numbers() {
        #[derive(Deserialize)]
        struct F {
            scores: Scores,
        }
        let f: F = toml::from_str("scores = [9, 10.0, 8.5, 9]").expect("valid");
        assert_eq!(f.scores.total_tenths(), 365);
        let err = toml::from_str::<F>("scores = [9, 10, 8.55, 9]")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("more than one decimal"), "{err}");
        let err = toml::from_str::<F>("scores = [9, 10]")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("4 numbers"), "{err}");
    }
}
