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
        use serde::de::Error;
        match toml::Value::deserialize(deserializer)? {
            toml::Value::Datetime(toml::value::Datetime {
                date: Some(d),
                time: None,
                offset: None,
            }) => NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                .map(TomlDate)
                .ok_or_else(|| Error::custom(format!("{d} is not a calendar date"))),
            toml::Value::String(s) => parse_iso_date(&s).map(TomlDate).map_err(Error::custom),
            other => Err(Error::custom(format!(
                "expected a calendar date like 2026-11-23, not {other}"
            ))),
        }
    }
}
