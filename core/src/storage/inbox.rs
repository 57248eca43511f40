//! The inbox's memory (see [`crate::domain::inbox`]): `inbox/taken/<taken>-<partner>-<id>.toml`,
//! one file per line taken, and `inbox/read/<day>-read-<id>.toml`, one per reading that found a
//! file changed. Each is written once and never edited, under an id worked out from what it
//! records, so two devices taking the same line before their logbooks sync write the same file
//! (which a sync tool merges) rather than two.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::development::Kept;
use super::files;
use super::record::{FORMAT_VERSION, version};
use super::toml_date::TomlDate;
use crate::domain::id::PartnerId;
use crate::domain::inbox::{InboxRead, InboxTaken, Memory, ReadLine};

/// `inbox/taken/…`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InboxTakenRecord {
    #[serde(deserialize_with = "version")]
    version: u32,
    #[serde(deserialize_with = "inbox_file")]
    file: String,
    line: u32,
    #[serde(deserialize_with = "super::record::sha256")]
    sha256: String,
    date: TomlDate,
    #[serde(deserialize_with = "super::record::single_line_value")]
    said: String,
    partner: PartnerId,
    #[serde(deserialize_with = "super::record::short_id")]
    session: String,
    taken: TomlDate,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_sha256"
    )]
    corrects: Option<String>,
}

/// An inbox file's name as the logbook knows it: `inbox.txt`-like at the top, or `inbox/NAME.txt`.
fn inbox_file<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let name = super::record::single_line_value(d)?;
    let plain = |n: &str| {
        !n.is_empty() && n.ends_with(".txt") && !n.starts_with('.') && !n.contains(['/', '\\'])
    };
    let ok = match name.split_once('/') {
        Some(("inbox", rest)) => plain(rest),
        Some(_) => false,
        None => name.starts_with("inbox") && plain(&name),
    };
    if ok {
        Ok(name)
    } else {
        Err(serde::de::Error::custom(format!(
            "'{}' is not an inbox file (inbox.txt, or inbox/NAME.txt)",
            crate::domain::text::for_terminal(&name, 60, "…")
        )))
    }
}

fn optional_sha256<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    super::record::sha256(d).map(Some)
}

impl Kept for InboxTaken {
    const FOLDER: &'static str = "inbox/taken";
    const NOUN: &'static str = "inbox line taken";
    const COMMAND: &'static str = "inbox";
    const LIST: &'static str = "`coachlog inbox --dry-run`";
    type Record = InboxTakenRecord;

    fn id(&self) -> &str {
        &self.id
    }

    fn with_id(self, id: String) -> Self {
        InboxTaken { id, ..self }
    }

    fn without_notes(self) -> Self {
        self
    }

    fn name_parts(&self) -> (NaiveDate, &str) {
        (self.taken, self.partner.as_str())
    }

    fn to_record(&self) -> InboxTakenRecord {
        InboxTakenRecord {
            version: FORMAT_VERSION,
            file: self.file.clone(),
            line: self.line,
            sha256: self.sha256.clone(),
            date: TomlDate(self.date),
            said: self.said.clone(),
            partner: self.partner.clone(),
            session: self.session.clone(),
            taken: TomlDate(self.taken),
            corrects: self.corrects.clone(),
        }
    }

    fn from_record(r: InboxTakenRecord, id: String) -> Result<Self, String> {
        Ok(InboxTaken {
            id,
            file: r.file,
            line: r.line,
            sha256: r.sha256,
            date: r.date.0,
            said: r.said,
            partner: r.partner,
            session: r.session,
            taken: r.taken.0,
            corrects: r.corrects,
        })
    }
}

/// `inbox/read/…`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InboxReadRecord {
    #[serde(deserialize_with = "version")]
    version: u32,
    #[serde(deserialize_with = "inbox_file")]
    file: String,
    day: TomlDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    modified: Option<i64>,
    /// `HASH`, `HASH YYYY-MM-DD` or `HASH new`, one a line.
    #[serde(deserialize_with = "read_lines")]
    lines: Vec<String>,
}

fn read_lines<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let lines = Vec::<String>::deserialize(d)?;
    for line in &lines {
        read_line(line).map_err(serde::de::Error::custom)?;
    }
    Ok(lines)
}

fn read_line(text: &str) -> Result<ReadLine, String> {
    let bad = || {
        format!(
            "'{}' is not a line of a reading (16 hex digits, then the day it meant if known, or \
             `new`)",
            crate::domain::text::for_terminal(text, 40, "…")
        )
    };
    let (hash, date, fresh) = match text.split_once(' ') {
        Some((hash, "new")) => (hash, None, true),
        Some((hash, date)) => (
            hash,
            Some(date.parse::<NaiveDate>().map_err(|_| bad())?),
            false,
        ),
        None => (text, None, false),
    };
    let hex = hash.len() == 16
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !hex {
        return Err(bad());
    }
    Ok(ReadLine {
        hash: hash.to_owned(),
        date,
        fresh,
    })
}

impl Kept for InboxRead {
    const FOLDER: &'static str = "inbox/read";
    const NOUN: &'static str = "inbox reading";
    const COMMAND: &'static str = "inbox";
    const LIST: &'static str = "`coachlog inbox --dry-run`";
    type Record = InboxReadRecord;

    fn id(&self) -> &str {
        &self.id
    }

    fn with_id(self, id: String) -> Self {
        InboxRead { id, ..self }
    }

    fn without_notes(self) -> Self {
        self
    }

    fn name_parts(&self) -> (NaiveDate, &str) {
        (self.day, "read")
    }

    fn to_record(&self) -> InboxReadRecord {
        InboxReadRecord {
            version: FORMAT_VERSION,
            file: self.file.clone(),
            day: TomlDate(self.day),
            modified: self.modified,
            lines: self
                .lines
                .iter()
                .map(|l| match (l.date, l.fresh) {
                    (Some(date), _) => format!("{} {date}", l.hash),
                    (None, true) => format!("{} new", l.hash),
                    (None, false) => l.hash.clone(),
                })
                .collect(),
        }
    }

    fn from_record(r: InboxReadRecord, id: String) -> Result<Self, String> {
        Ok(InboxRead {
            id,
            file: r.file,
            day: r.day.0,
            modified: r.modified,
            lines: r
                .lines
                .iter()
                .map(|l| read_line(l))
                .collect::<Result<_, _>>()?,
        })
    }
}

impl super::Store {
    /// What the inbox remembers (nothing where it has no memory yet).
    pub fn inbox_memory(&self) -> anyhow::Result<Memory> {
        let mut memory = Memory {
            taken: self.kept_if_any::<InboxTaken>()?,
            reads: self.kept_if_any::<InboxRead>()?,
        };
        let mut seen = std::collections::HashSet::new();
        memory.taken.retain(|t| seen.insert(t.id.clone()));
        Ok(memory)
    }

    fn kept_if_any<K: Kept>(&self) -> anyhow::Result<Vec<K>> {
        if self.kept_dir::<K>().is_dir() {
            self.records::<K>()
        } else {
            Ok(Vec::new())
        }
    }

    /// Writes a record of the inbox's memory under its own id, unless one with that id is there
    /// already (written by another device, or by a run that stopped half-way): false then.
    pub fn remember_inbox<K: Kept>(&self, record: &K) -> anyhow::Result<bool> {
        let dir = self.kept_dir::<K>();
        files::create_private_dir(&dir)?;
        let id = record.id();
        let there = std::fs::read_dir(&dir)?
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .any(|n| n.ends_with(".toml") && super::name::short_id(&n) == id);
        if there {
            return Ok(false);
        }
        let (date, words) = record.name_parts();
        let path = dir.join(format!("{date}-{words}-{id}.toml"));
        let text = super::record::written(&record.to_record(), || {
            format!("the {} record {id}", K::NOUN)
        })?;
        match files::write_new(&path, &text) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
            Err(e) => {
                Err(anyhow::Error::new(e).context(format!("cannot write {}", path.display())))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reading_line_is_a_short_hash_and_maybe_a_day() {
        let line = read_line("0123456789abcdef 2026-12-02").expect("reads");
        assert_eq!(
            line.date.map(|d| d.to_string()).as_deref(),
            Some("2026-12-02")
        );
        assert_eq!(read_line("0123456789abcdef").expect("reads").date, None);
        assert!(read_line("0123456789abcdef new").expect("reads").fresh);
        for bad in [
            "0123",
            "0123456789ABCDEF",
            "0123456789abcdef tomorrow",
            "\u{1b}[31m",
        ] {
            assert!(read_line(bad).is_err(), "{bad}");
        }
    }
}
