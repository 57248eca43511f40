//! Calendar dates in TOML files: written as TOML local dates (`date = 2026-11-23`), read in that
//! form or as a quoted string (`date = "2026-11-23"`), as a person with a text editor may write it.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::domain::date::parse_iso_date;

/// A date as stored in a TOML file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TomlDate(pub NaiveDate);

impl TomlDate {
    /// The date as a TOML datetime value (a local date), for writing and for `toml_edit`.
    pub fn to_toml(self) -> Option<toml::value::Datetime> {
        let d = self.0;
        Some(toml::value::Datetime {
            date: Some(toml::value::Date {
                year: u16::try_from(d.year()).ok()?,
                month: u8::try_from(d.month()).ok()?,
                day: u8::try_from(d.day()).ok()?,
            }),
            time: None,
            offset: None,
        })
    }
}

impl Serialize for TomlDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.to_toml() {
            Some(datetime) => datetime.serialize(serializer),
            None => Err(serde::ser::Error::custom(format!(
                "the date {} cannot be written",
                self.0
            ))),
        }
    }
}

impl<'de> Deserialize<'de> for TomlDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DateVisitor)
    }
}

/// Reads a TOML local date or a string, without building an intermediate value (this runs once
/// per session file).
struct DateVisitor;

impl DateVisitor {
    fn from_datetime<E: serde::de::Error>(datetime: toml::value::Datetime) -> Result<TomlDate, E> {
        match datetime {
            toml::value::Datetime {
                date: Some(d),
                time: None,
                offset: None,
            } => NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                .map(TomlDate)
                .ok_or_else(|| E::custom(format!("{d} is not a calendar date"))),
            other => Err(E::custom(format!(
                "expected a calendar date like 2026-11-23, not {other}"
            ))),
        }
    }
}

impl<'de> serde::de::Visitor<'de> for DateVisitor {
    type Value = TomlDate;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a calendar date like 2026-11-23")
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<TomlDate, E> {
        parse_iso_date(s).map(TomlDate).map_err(E::custom)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<TomlDate, A::Error> {
        use serde::de::Error;
        match toml_datetime::de::VisitMap::next_key_seed(&mut map)? {
            Some(toml_datetime::de::VisitMap::Datetime(datetime)) => Self::from_datetime(datetime),
            _ => Err(A::Error::custom(
                "expected a calendar date like 2026-11-23, not a table",
            )),
        }
    }
}
