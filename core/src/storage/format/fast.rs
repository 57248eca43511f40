//! A quick reader for record files in the plain form coachlog writes them: `key = value` lines of
//! bare keys, whole numbers, local dates, strings without escapes and arrays of numbers, and at most
//! one `[table]`. Reading is most of a report's time, and the general TOML parser is several times
//! slower on such files.
//!
//! Only the lexing differs: the values are handed to the very same `Deserialize` implementations as
//! the TOML parser's (so every check of a value applies), and anything this reader is not sure of —
//! a comment, an escape, a quoted or dotted key, a duplicate key, any value it does not know, any
//! error at all — returns `None`, and the caller reads the file with the TOML parser, which gives
//! the same record or the error with its line. A test and the fuzz target hold the two to the same
//! results.

use serde::de::value::{Error, MapDeserializer, SeqDeserializer, StrDeserializer};
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;

/// One value as written.
#[derive(Debug, Clone, PartialEq)]
enum Value<'a> {
    /// A whole number.
    Integer(i64),
    /// A number with a fraction (in an array of scores).
    Float(f64),
    /// A string, or the local date of the key `date` (see [`value_of`]).
    Text(&'a str),
    /// An array of numbers.
    Array(Vec<Value<'a>>),
    /// A table of keys and values.
    Table(Vec<(&'a str, Value<'a>)>),
}

/// The record in `text`, if it is in the plain form and reads as a record; `None` otherwise (the
/// caller then reads it with the TOML parser).
pub fn read<T: DeserializeOwned>(text: &str) -> Option<T> {
    let table = lex(text)?;
    T::deserialize(Value::Table(table)).ok()
}

/// The file's top-level keys (with a `[table]` as one more key), or `None` when it is not in the
/// plain form.
fn lex(text: &str) -> Option<Vec<(&str, Value<'_>)>> {
    if text.bytes().any(|b| b == b'#' || b == b'\r') {
        return None;
    }
    let mut top: Vec<(&str, Value)> = Vec::new();
    let mut table: Option<(&str, Vec<(&str, Value)>)> = None;
    for line in text.split('\n') {
        let line = line.trim_matches([' ', '\t']);
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[') {
            let name = name.strip_suffix(']')?;
            if table.is_some() || !bare_key(name) || top.iter().any(|(k, _)| *k == name) {
                return None;
            }
            table = Some((name, Vec::new()));
            continue;
        }
        let (key, value) = line.split_once('=')?;
        let key = key.trim_end_matches([' ', '\t']);
        let value = value.trim_start_matches([' ', '\t']);
        if !bare_key(key) {
            return None;
        }
        let keys = match &mut table {
            Some((_, keys)) => keys,
            None => &mut top,
        };
        if keys.iter().any(|(k, _)| *k == key) {
            return None;
        }
        keys.push((key, value_of(key, value)?));
    }
    if let Some((name, keys)) = table {
        top.push((name, Value::Table(keys)));
    }
    Some(top)
}

/// A bare key: letters, digits, `_` and `-`.
fn bare_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// The value `text` of `key`. A local date is read only as the value of the key `date`, the one
/// field of a record that takes a date (and reads a date written as text the same way): it is
/// handed over as its text. A date anywhere else is left to the TOML parser, which refuses it where
/// text is expected.
fn value_of<'a>(key: &str, text: &'a str) -> Option<Value<'a>> {
    if let Some(inner) = text.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        // No escapes, no quotes inside, no control characters: the text is the string.
        if inner.contains(['"', '\\']) || inner.chars().any(char::is_control) {
            return None;
        }
        return Some(Value::Text(inner));
    }
    if let Some(inner) = text.strip_prefix('[') {
        let inner = inner.strip_suffix(']')?;
        let items = inner
            .split(',')
            .map(|item| item.trim_matches([' ', '\t']))
            .collect::<Vec<_>>();
        // `[]`, and a trailing comma, are left to the TOML parser.
        if items.iter().any(|item| item.is_empty()) {
            return None;
        }
        let values = items.into_iter().map(number).collect::<Option<Vec<_>>>()?;
        return Some(Value::Array(values));
    }
    if is_date(text) {
        return (key == "date").then_some(Value::Text(text));
    }
    number(text)
}

/// `YYYY-MM-DD`.
fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// A whole number or a decimal, as TOML writes them (no sign but `-`, no leading zero, no `_`).
fn number(text: &str) -> Option<Value<'static>> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let plain = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !plain(whole) || (whole.len() > 1 && whole.starts_with('0')) {
        return None;
    }
    match fraction {
        None => text.parse().ok().map(Value::Integer),
        Some(fraction) if plain(fraction) => text.parse().ok().map(Value::Float),
        Some(_) => None,
    }
}

impl<'de> de::Deserializer<'de> for Value<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Integer(n) => visitor.visit_i64(n),
            Value::Float(n) => visitor.visit_f64(n),
            Value::Text(text) => visitor.visit_borrowed_str(text),
            Value::Array(items) => visitor.visit_seq(SeqDeserializer::new(items.into_iter())),
            Value::Table(keys) => visitor.visit_map(MapDeserializer::new(
                keys.into_iter()
                    .map(|(k, v)| (StrDeserializer::<Error>::new(k), v)),
            )),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        // A key that is present has a value: absent ones are the fields' defaults.
        visitor.visit_some(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self {
            Value::Text(text) => visitor.visit_enum(text.into_deserializer()),
            _ => Err(de::Error::custom("expected a word")),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

impl<'de> IntoDeserializer<'de, Error> for Value<'de> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::record::{PartnerRecord, SessionRecord};

    const WRITTEN: &str = "version = 1\ndate = 2026-03-14\npartner = \"alex-kim\"\nminutes = 90\n\
                           role = \"coach\"\npayment = \"exchange\"\narrangement = \"reciprocal\"\n\
                           client_type = \"peer\"\nnotes = \"said thanks\"\n\n[reflection]\n\
                           scores = [9.0, 10, 8.5, 9.0]\nrated_by = \"client\"\n\
                           experiment = \"leave more silence\"\n";

    fn both(text: &str) -> (Option<SessionRecord>, Option<SessionRecord>) {
        (read(text), toml::from_str(text).ok())
    }

    #[test]
    fn reads_what_coachlog_writes_as_the_toml_parser_does() {
        let (fast, slow) = both(WRITTEN);
        assert!(fast.is_some());
        assert_eq!(format!("{fast:?}"), format!("{slow:?}"));
        let partner = "version = 1\nname = \"Alex Kim\"\nclient_type = \"peer\"\nconsent = false\n";
        // A boolean is not in the plain form: the TOML parser reads it.
        assert!(read::<PartnerRecord>(partner).is_none());
    }

    #[test]
    fn leaves_anything_else_to_the_toml_parser() {
        for text in [
            WRITTEN.replace("said thanks", "said \\\"thanks\\\""),
            WRITTEN.replace("minutes = 90", "minutes = 90 # short"),
            WRITTEN.replace("minutes = 90", "minutes = 090"),
            WRITTEN.replace("minutes = 90", "minutes = 9_0"),
            WRITTEN.replace("minutes = 90", "minutes = 90\nminutes = 60"),
            WRITTEN.replace("minutes = 90", "\"minutes\" = 90"),
            WRITTEN.replace("date = 2026-03-14", "date = 2026-3-14"),
            WRITTEN.replace("\n", "\r\n"),
            WRITTEN.replace("[reflection]", "[reflection]\n[other]"),
            WRITTEN.replace(
                "scores = [9.0, 10, 8.5, 9.0]",
                "scores = [9.0, 10, 8.5, 9.0,]",
            ),
            format!("{WRITTEN}notes2 = \"\"\"\nlong\"\"\"\n"),
        ] {
            assert!(lex(&text).is_none(), "{text}");
        }
    }

    #[test]
    fn a_bad_value_falls_back_for_its_message() {
        // Read in the plain form, but refused by the record's own checks: the TOML parser then
        // gives the error with its line.
        for text in [
            WRITTEN.replace("minutes = 90", "minutes = 0"),
            WRITTEN.replace("\"coach\"", "\"teacher\""),
            WRITTEN.replace("date = 2026-03-14", "date = 2026-02-30"),
            WRITTEN.replace("version = 1", "version = 2"),
            WRITTEN.replace("[reflection]", "paymnet = \"paid\"\n[reflection]"),
        ] {
            let (fast, slow) = both(&text);
            assert!(fast.is_none() && slow.is_none(), "{text}");
        }
    }
}
