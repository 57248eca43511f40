//! Where a scheme's rules come from: for each figure, the body's page that states it, the day it
//! took effect and the day it was last checked against that page; or the user's own figure
//! (`config.toml`), marked as theirs with their note.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date in a scheme's data: a TOML date (`effective = 2022-08-01`) or a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct RuleDate(pub NaiveDate);

impl Serialize for RuleDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RuleDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Text(String),
            Toml(toml::value::Datetime),
        }
        let text = match Written::deserialize(deserializer)? {
            Written::Text(t) => t,
            Written::Toml(d) => d.to_string(),
        };
        text.parse::<NaiveDate>().map(RuleDate).map_err(|_| {
            serde::de::Error::custom(format!(
                "'{text}' is not a date (YYYY-MM-DD, e.g. 2025-11-03)"
            ))
        })
    }
}

/// A rule as a body states it: its page, when it took effect, when it was last checked, and the
/// figures of the scheme it gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSource {
    /// What the rule is called (`ICF experience requirements`).
    pub title: String,
    /// The page that states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The day it took effect, where the body says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<RuleDate>,
    /// The day the figures were last checked against the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<RuleDate>,
    /// The figures of the scheme it gives, by their keys in `schemes.toml` (`hours`,
    /// `group_limit`, …).
    pub figures: Vec<String>,
}

impl RuleSource {
    /// In words: `ICF experience requirements, effective 2022-08-01, checked 2026-11-20`.
    pub fn describe(&self) -> String {
        let mut out = self.title.clone();
        if let Some(d) = self.effective {
            out.push_str(&format!(", effective {}", d.0));
        }
        if let Some(d) = self.checked {
            out.push_str(&format!(", checked {}", d.0));
        }
        out
    }
}

/// Who set a figure of a scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judge<'a> {
    /// The body, as its page states it.
    Body(&'a RuleSource),
    /// The user, in `config.toml`, with their note if they gave one.
    User(Option<&'a str>),
    /// Nobody says: a figure of a scheme without sources.
    Unknown,
}

/// A figure's value as a person reads it: `100`, `PCC, MCC` for a list, `yes` for `true`.
pub fn value_text(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Null => "none".to_owned(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
        Value::Array(items) => items.iter().map(value_text).collect::<Vec<_>>().join(", "),
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

/// The sources of a scheme and the user's overrides of it, checked: every source names figures
/// the scheme has keys for, and no figure twice.
pub fn check(
    rules: &[RuleSource],
    known: &[String],
    why: &BTreeMap<String, String>,
) -> Result<(), String> {
    let mut seen: Vec<&str> = Vec::new();
    for r in rules {
        crate::domain::text::single_line(&r.title).map_err(|e| format!("rules: title: {e}"))?;
        if let Some(url) = &r.url {
            crate::domain::text::single_line(url).map_err(|e| format!("rules: url: {e}"))?;
        }
        for f in &r.figures {
            if !known.contains(f) {
                return Err(format!(
                    "rules: '{}' in the figures of \"{}\" is not a figure of a scheme",
                    crate::domain::text::for_terminal(f, 60, "…"),
                    crate::domain::text::for_terminal(&r.title, 60, "…")
                ));
            }
            if seen.contains(&f.as_str()) {
                return Err(format!("rules: the figure '{f}' has two sources"));
            }
            seen.push(f);
        }
    }
    for (figure, note) in why {
        if !known.contains(figure) {
            return Err(format!(
                "why: '{}' is not a figure of a scheme",
                crate::domain::text::for_terminal(figure, 60, "…")
            ));
        }
        crate::domain::text::single_line(note).map_err(|e| format!("why.{figure}: {e}"))?;
    }
    Ok(())
}
