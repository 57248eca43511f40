//! Attestations in `attestations/<to>-attestation-<id>.toml`, and the hash of a session's counted
//! facts that an attestation holds.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::development::Kept;
use super::record::FORMAT_VERSION;
use super::toml_date::TomlDate;
use crate::domain::attestation::{Attestation, AttestedScheme, AttestedSession, Reopening};
use crate::domain::model::Session;

/// The SHA-256 of what a session counts by — its date, partner, minutes, role, payment,
/// arrangement, client type, members present and mark — and not its notes or reflection, which a
/// signature does not vouch for.
pub fn session_hash(s: &Session) -> String {
    let facts = format!(
        "date={}\npartner={}\nminutes={}\nrole={}\npayment={}\narrangement={}\nclient_type={}\n\
         group_size={}\nnot_counted={}\n",
        s.date,
        s.partner,
        s.minutes.get(),
        s.role.as_str(),
        s.payment.as_str(),
        s.arrangement.as_str(),
        s.facts.client_type.as_str(),
        s.facts.group_size.map_or(0, |g| g.get()),
        s.not_counted.map_or("", |n| n.as_str()),
    );
    super::evidence::hash(facts.as_bytes())
        .map(|(sha, _)| sha)
        .unwrap_or_default()
}

/// The sessions of a period as an attestation holds them, in date order.
pub fn period_sessions(
    sessions: &[Session],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<AttestedSession> {
    let mut rows: Vec<(NaiveDate, AttestedSession)> = sessions
        .iter()
        .filter(|s| from <= s.date && s.date <= to)
        .map(|s| {
            (
                s.date,
                AttestedSession {
                    id: s.id.clone(),
                    sha256: session_hash(s),
                },
            )
        })
        .collect();
    rows.sort();
    rows.into_iter().map(|(_, s)| s).collect()
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SessionRow {
    #[serde(deserialize_with = "super::record::single_line_value")]
    id: String,
    #[serde(deserialize_with = "super::evidence::sha256")]
    sha256: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemeRow {
    #[serde(deserialize_with = "super::record::single_line_value")]
    id: String,
    #[serde(deserialize_with = "super::record::single_line_value")]
    name: String,
    minutes: u64,
    paid_minutes: u64,
    period_minutes: u64,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReopenedRow {
    on: TomlDate,
    #[serde(deserialize_with = "super::record::single_line_value")]
    session: String,
    #[serde(deserialize_with = "super::record::single_line_value")]
    reason: String,
}

/// `attestations/…`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttestationRecord {
    version: u32,
    from: TomlDate,
    to: TomlDate,
    made: TomlDate,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_line"
    )]
    by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    notes: Option<String>,
    #[serde(default, rename = "session", skip_serializing_if = "Vec::is_empty")]
    sessions: Vec<SessionRow>,
    #[serde(default, rename = "scheme", skip_serializing_if = "Vec::is_empty")]
    schemes: Vec<SchemeRow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    reopened: Vec<ReopenedRow>,
    /// The evidence the file names (the signed statement), never written here (see
    /// [`super::evidence`]).
    #[serde(rename = "evidence", default, skip_serializing)]
    _evidence: Vec<super::evidence::Entry>,
}

fn optional_line<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let text = super::record::single_line_value(d)?;
    Ok(Some(text).filter(|t| !t.trim().is_empty()))
}

impl Kept for Attestation {
    const FOLDER: &'static str = "attestations";
    const NOUN: &'static str = "attestation";
    const COMMAND: &'static str = "attest";
    const LIST: &'static str = "`coachlog attest list`";
    type Record = AttestationRecord;

    fn id(&self) -> &str {
        &self.id
    }

    fn with_id(self, id: String) -> Self {
        Attestation { id, ..self }
    }

    fn without_notes(self) -> Self {
        Attestation {
            notes: None,
            ..self
        }
    }

    fn name_parts(&self) -> (NaiveDate, &str) {
        (self.to, "attestation")
    }

    fn to_record(&self) -> AttestationRecord {
        AttestationRecord {
            version: FORMAT_VERSION,
            from: TomlDate(self.from),
            to: TomlDate(self.to),
            made: TomlDate(self.made),
            by: self.by.clone(),
            notes: self.notes.clone(),
            sessions: self
                .sessions
                .iter()
                .map(|s| SessionRow {
                    id: s.id.clone(),
                    sha256: s.sha256.clone(),
                })
                .collect(),
            schemes: self
                .schemes
                .iter()
                .map(|s| SchemeRow {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    minutes: s.minutes,
                    paid_minutes: s.paid_minutes,
                    period_minutes: s.period_minutes,
                })
                .collect(),
            reopened: self
                .reopened
                .iter()
                .map(|r| ReopenedRow {
                    on: TomlDate(r.on),
                    session: r.session.clone(),
                    reason: r.reason.clone(),
                })
                .collect(),
            _evidence: Vec::new(),
        }
    }

    fn from_record(r: AttestationRecord, id: String) -> Result<Self, String> {
        if r.version != FORMAT_VERSION {
            return Err(format!(
                "unsupported format version {}: this coachlog reads version {FORMAT_VERSION}",
                r.version
            ));
        }
        let attestation = Attestation {
            id,
            from: r.from.0,
            to: r.to.0,
            made: r.made.0,
            by: r.by,
            sessions: r
                .sessions
                .into_iter()
                .map(|s| AttestedSession {
                    id: s.id,
                    sha256: s.sha256,
                })
                .collect(),
            schemes: r
                .schemes
                .into_iter()
                .map(|s| AttestedScheme {
                    id: s.id,
                    name: s.name,
                    minutes: s.minutes,
                    paid_minutes: s.paid_minutes,
                    period_minutes: s.period_minutes,
                })
                .collect(),
            reopened: r
                .reopened
                .into_iter()
                .map(|r| Reopening {
                    on: r.on.0,
                    session: r.session,
                    reason: r.reason,
                })
                .collect(),
            notes: r.notes,
        };
        match attestation.problem() {
            Some(why) => Err(why),
            None => Ok(attestation),
        }
    }
}

/// `text` (an attestation's file) with one more `[[reopened]]` table; the rest as it was.
pub fn with_reopening(
    path: &std::path::Path,
    text: &str,
    reopening: &Reopening,
) -> anyhow::Result<String> {
    let row = ReopenedRow {
        on: TomlDate(reopening.on),
        session: reopening.session.clone(),
        reason: reopening.reason.clone(),
    };
    super::evidence::with_table(path, text, "reopened", &row)
}
