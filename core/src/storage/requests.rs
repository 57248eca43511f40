//! Feedback requests in `requests/<sent>-<partner>-<id>.toml`: what was asked about which session
//! (see [`crate::domain::feedback`]). A request is written once; its answer is kept in the
//! session's file (`[feedback]`), so whether it was answered is read from the sessions, never
//! recorded twice.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::development::Kept;
use super::record::{FORMAT_VERSION, single_line, version};
use super::toml_date::TomlDate;
use crate::domain::feedback::{Questions, Request};
use crate::domain::id::PartnerId;

/// `requests/…`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestRecord {
    #[serde(deserialize_with = "version")]
    version: u32,
    #[serde(deserialize_with = "super::record::short_id")]
    session: String,
    partner: PartnerId,
    session_date: TomlDate,
    sent: TomlDate,
    questions: QuestionsRow,
}

/// The questions as asked, each one line.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionsRow {
    #[serde(deserialize_with = "single_line")]
    relationship: String,
    #[serde(deserialize_with = "single_line")]
    goals: String,
    #[serde(deserialize_with = "single_line")]
    approach: String,
    #[serde(deserialize_with = "single_line")]
    overall: String,
    #[serde(deserialize_with = "single_line")]
    experiment: String,
    #[serde(deserialize_with = "single_line")]
    share: String,
}

impl Kept for Request {
    const FOLDER: &'static str = "requests";
    const NOUN: &'static str = "feedback request";
    const COMMAND: &'static str = "request";
    const LIST: &'static str = "`coachlog feedback requests`";
    type Record = RequestRecord;

    fn id(&self) -> &str {
        &self.id
    }

    fn with_id(self, id: String) -> Self {
        Request { id, ..self }
    }

    fn without_notes(self) -> Self {
        self
    }

    fn name_parts(&self) -> (NaiveDate, &str) {
        (self.sent, self.partner.as_str())
    }

    fn to_record(&self) -> RequestRecord {
        let q = &self.questions;
        RequestRecord {
            version: FORMAT_VERSION,
            session: self.session.clone(),
            partner: self.partner.clone(),
            session_date: TomlDate(self.session_date),
            sent: TomlDate(self.sent),
            questions: QuestionsRow {
                relationship: q.relationship.clone(),
                goals: q.goals.clone(),
                approach: q.approach.clone(),
                overall: q.overall.clone(),
                experiment: q.experiment.clone(),
                share: q.share.clone(),
            },
        }
    }

    fn from_record(r: RequestRecord, id: String) -> Result<Self, String> {
        let q = r.questions;
        Ok(Request {
            id,
            session: r.session,
            partner: r.partner,
            session_date: r.session_date.0,
            sent: r.sent.0,
            questions: Questions {
                relationship: q.relationship,
                goals: q.goals,
                approach: q.approach,
                overall: q.overall,
                experiment: q.experiment,
                share: q.share,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::Store;

    #[test]
    fn a_request_is_written_once_and_read_back() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::new(dir.path().to_path_buf());
        let request = Request {
            id: String::new(),
            session: "k3f9qa".into(),
            partner: "alex-kim".parse().map_err(anyhow::Error::msg)?,
            session_date: "2026-12-05".parse()?,
            sent: "2026-12-06".parse()?,
            questions: Questions::default(),
        };
        let written = store.add_kept(request)?;
        let name = written.path.file_name().expect("name").to_string_lossy();
        assert!(name.starts_with("2026-12-06-alex-kim-"), "{name}");
        let read = store.records::<Request>()?;
        assert_eq!(read, vec![written.record]);
        Ok(())
    }
}
