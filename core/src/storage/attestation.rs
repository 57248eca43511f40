//! Attestations in `attestations/<to>-attestation-<id>.toml`: the file's form of
//! [`crate::domain::attestation::Attestation`]. Files of an earlier coachlog (without the sessions
//! before the period, the rules, the clients' consent, or what a reopening changed from and to)
//! read as they are, and are followed as far as they go.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::development::Kept;
use super::record::FORMAT_VERSION;
use super::toml_date::TomlDate;
use crate::domain::attestation::{
    Attestation, AttestedScheme, AttestedSession, Earlier, Reopening, Subject, Value, Withdrawal,
};
use crate::domain::id::PartnerId;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SessionRow {
    #[serde(deserialize_with = "super::record::single_line_value")]
    id: String,
    #[serde(deserialize_with = "super::record::sha256")]
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
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_line"
    )]
    rules: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_line"
    )]
    judged_by: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EarlierRow {
    sessions: u64,
    #[serde(deserialize_with = "super::record::sha256")]
    sha256: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WithdrawnRow {
    on: TomlDate,
    #[serde(deserialize_with = "super::record::single_line_value")]
    reason: String,
}

/// A reopening: what it changed (one of `session`, `earlier`, `scheme`, `partner`), why, and —
/// since this coachlog — what the value was and became (`was`/`now`; an empty string: absent).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReopenedRow {
    on: TomlDate,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_line"
    )]
    session: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    earlier: bool,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_line"
    )]
    scheme: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_line"
    )]
    partner: Option<String>,
    #[serde(deserialize_with = "super::record::single_line_value")]
    reason: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "any_line"
    )]
    was: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "any_line"
    )]
    now: Option<String>,
}

impl ReopenedRow {
    fn of(r: &Reopening) -> Self {
        let (session, earlier, scheme, partner) = match &r.subject {
            Subject::Session(id) => (Some(id.clone()), false, None, None),
            Subject::Earlier => (None, true, None, None),
            Subject::Rules(scheme) => (None, false, Some(scheme.clone()), None),
            Subject::Consent(partner) => (None, false, None, Some(partner.clone())),
        };
        let value = |v: &Value| v.clone().unwrap_or_default();
        ReopenedRow {
            on: TomlDate(r.on),
            session,
            earlier,
            scheme,
            partner,
            reason: r.reason.clone(),
            was: r.change.as_ref().map(|(was, _)| value(was)),
            now: r.change.as_ref().map(|(_, now)| value(now)),
        }
    }

    fn reopening(self) -> Result<Reopening, String> {
        let subject = match (self.session, self.earlier, self.scheme, self.partner) {
            (Some(id), false, None, None) if super::name::is_short_id(&id) => Subject::Session(id),
            (Some(id), false, None, None) => {
                return Err(format!(
                    "session: '{}' is not a session's id (up to 16 lower-case letters and digits)",
                    crate::domain::text::for_terminal(&id, 40, "…")
                ));
            }
            (None, true, None, None) => Subject::Earlier,
            (None, false, Some(scheme), None) => Subject::Rules(scheme),
            (None, false, None, Some(partner)) => match partner.parse::<PartnerId>() {
                Ok(id) => Subject::Consent(id.to_string()),
                Err(why) => return Err(format!("partner: {why}")),
            },
            _ => {
                return Err(
                    "a [[reopened]] table names one of session, earlier, scheme or partner"
                        .to_owned(),
                );
            }
        };
        let value = |v: String| Some(v).filter(|v| !v.is_empty());
        let change = match (self.was, self.now) {
            (Some(was), Some(now)) => Some((value(was), value(now))),
            (None, None) => None,
            _ => return Err("a [[reopened]] table has both was and now, or neither".to_owned()),
        };
        Ok(Reopening {
            on: self.on.0,
            subject,
            reason: self.reason,
            change,
        })
    }
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    named: Option<Vec<PartnerId>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unnamed: Option<Vec<PartnerId>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    follows: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    earlier: Option<EarlierRow>,
    #[serde(default, rename = "session", skip_serializing_if = "Vec::is_empty")]
    sessions: Vec<SessionRow>,
    #[serde(default, rename = "scheme", skip_serializing_if = "Vec::is_empty")]
    schemes: Vec<SchemeRow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    reopened: Vec<ReopenedRow>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    withdrawn: Option<WithdrawnRow>,
    /// The evidence the file names (the signed statement), never written here (see
    /// [`super::evidence`]).
    #[serde(rename = "evidence", default, skip_serializing)]
    _evidence: Vec<super::evidence::Entry>,
}

fn optional_line<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let text = super::record::single_line_value(d)?;
    Ok(Some(text).filter(|t| !t.trim().is_empty()))
}

/// The clients of `consent` who could (`named`) or could not be named, as partner ids.
fn clients(consent: &BTreeMap<String, bool>, named: bool) -> Vec<PartnerId> {
    consent
        .iter()
        .filter(|(_, n)| **n == named)
        .filter_map(|(id, _)| id.parse().ok())
        .collect()
}

/// A value of a trail: one line, kept as it is (empty: absent).
fn any_line<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let text = String::deserialize(d)?;
    if text.contains(['\n', '\r']) {
        return Err(serde::de::Error::custom("a value of one line"));
    }
    Ok(Some(text))
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
                    rules: s.rules.clone(),
                    judged_by: s.judged_by.clone(),
                })
                .collect(),
            earlier: self.earlier.as_ref().map(|e| EarlierRow {
                sessions: e.sessions,
                sha256: e.sha256.clone(),
            }),
            named: self.consent.as_ref().map(|c| clients(c, true)),
            unnamed: self.consent.as_ref().map(|c| clients(c, false)),
            follows: self.follows.clone(),
            reopened: self.reopened.iter().map(ReopenedRow::of).collect(),
            withdrawn: self.withdrawn.as_ref().map(|w| WithdrawnRow {
                on: TomlDate(w.on),
                reason: w.reason.clone(),
            }),
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
                    rules: s.rules,
                    judged_by: s.judged_by,
                })
                .collect(),
            earlier: r.earlier.map(|e| Earlier {
                sessions: e.sessions,
                sha256: e.sha256,
            }),
            consent: match (r.named, r.unnamed) {
                (None, None) => None,
                (named, unnamed) => {
                    let mut clients = BTreeMap::new();
                    for id in named.unwrap_or_default() {
                        clients.insert(id.to_string(), true);
                    }
                    for id in unnamed.unwrap_or_default() {
                        clients.insert(id.to_string(), false);
                    }
                    Some(clients)
                }
            },
            follows: match r.follows.iter().find(|id| !super::name::is_short_id(id)) {
                Some(bad) => {
                    return Err(format!(
                        "follows: '{}' is not an attestation's id (up to 16 lower-case letters and \
                         digits)",
                        crate::domain::text::for_terminal(bad, 40, "…")
                    ));
                }
                None => r.follows,
            },
            reopened: r
                .reopened
                .into_iter()
                .map(ReopenedRow::reopening)
                .collect::<Result<_, _>>()?,
            withdrawn: r.withdrawn.map(|w| Withdrawal {
                on: w.on.0,
                reason: w.reason,
            }),
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
    super::evidence::with_table(path, text, "reopened", &ReopenedRow::of(reopening))
}

impl super::Store {
    /// Records a new attestation: its statement kept in `evidence/` first, then the attestation's
    /// file naming it, so that no attestation is ever without the statement it was made with (a
    /// statement without its attestation, after a write that failed, is named by `check`).
    pub fn add_attestation(
        &self,
        attestation: Attestation,
        statement: &[u8],
    ) -> anyhow::Result<super::development::KeptFile<Attestation>> {
        let name = format!("attestation-{}-{}.html", attestation.from, attestation.to);
        let stored = self.keep_evidence(&name, statement)?;
        let entry = super::evidence::Entry {
            kind: crate::domain::evidence::EvidenceKind::Statement,
            sha256: stored.sha256.clone(),
            size: stored.size,
            name,
            attached: TomlDate(attestation.made),
        };
        let saved = self.add_kept_with(attestation, |text| {
            super::evidence::with_entry(std::path::Path::new("attestation"), text, &entry)
        });
        if saved.is_err() && stored.new {
            let _ = super::files::remove(&stored.path);
        }
        saved
    }

    /// Takes back an attestation just made, with its statement (when what was asked of it
    /// failed after it was recorded).
    pub fn unmake_attestation(
        &self,
        saved: &super::development::KeptFile<Attestation>,
    ) -> anyhow::Result<()> {
        let text = super::files::read_regular(&saved.path)?;
        super::files::remove(&saved.path)?;
        for (entry, _) in super::evidence::entries(&text).unwrap_or_default() {
            if let Some(file) = self.evidence_file(&entry.sha256) {
                super::files::remove(&file)?;
            }
        }
        Ok(())
    }

    /// Every attestation, oldest first (none where there is no folder of them).
    pub fn attestations(&self) -> anyhow::Result<Vec<super::development::KeptFile<Attestation>>> {
        if self.kept_dir::<Attestation>().is_dir() {
            self.kept::<Attestation>()
        } else {
            Ok(Vec::new())
        }
    }
}

/// A fresh short id for a record (six characters from an alphabet without look-alikes).
pub fn new_id() -> String {
    super::name::random_id()
}

/// An attestation that is gone, and what names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// Its id.
    pub id: String,
    /// What names it: a later attestation, or its statement left in `evidence/`.
    pub named_by: String,
}

impl Missing {
    /// It in words, with what to do.
    pub fn describe(&self) -> String {
        format!(
            "attestation {} is gone: {} names it, but its file is not in attestations/; a signed \
             period cannot be taken back by deleting it: put the file back (a backup, or `coachlog \
             undo` in a logbook kept in git), then `coachlog attest withdraw` takes it back with a \
             reason",
            self.id, self.named_by
        )
    }
}

impl super::Store {
    /// The attestations that are gone: named by a later one as there when it was made, or by a
    /// statement left in `evidence/` (which names its attestation in a `<meta>`).
    pub fn missing_attestations(&self) -> anyhow::Result<Vec<Missing>> {
        self.missing_among(&self.attestations()?)
    }

    /// [`Store::missing_attestations`], given every attestation there is (read already).
    pub fn missing_among(
        &self,
        all: &[super::development::KeptFile<Attestation>],
    ) -> anyhow::Result<Vec<Missing>> {
        use std::io::Read;
        let present: std::collections::BTreeSet<&str> =
            all.iter().map(|k| k.record.id.as_str()).collect();
        let mut out: Vec<Missing> = Vec::new();
        for k in all {
            for id in &k.record.follows {
                if !present.contains(id.as_str()) && !out.iter().any(|m| &m.id == id) {
                    out.push(Missing {
                        id: id.clone(),
                        named_by: format!("attestation {}, made after it,", k.record.id),
                    });
                }
            }
        }
        let Ok(names) = std::fs::read_dir(self.evidence_dir()) else {
            return Ok(out);
        };
        let marker = format!(
            "<meta name=\"{}\" content=\"",
            crate::domain::attestation::STATEMENT_META
        );
        let mut names: Vec<String> = names
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .filter(|n| n.ends_with(".html") && super::evidence::is_evidence_name(n))
            .collect();
        names.sort();
        for name in names {
            let path = self.evidence_dir().join(&name);
            let Ok((file, _)) = super::files::open_regular_file(&path) else {
                continue;
            };
            let mut head = Vec::new();
            if file.take(4096).read_to_end(&mut head).is_err() {
                continue;
            }
            let head = String::from_utf8_lossy(&head);
            let Some(id) = head
                .split_once(&marker)
                .and_then(|(_, rest)| rest.split_once('"'))
                .map(|(id, _)| id)
                .filter(|id| super::name::is_short_id(id))
            else {
                continue;
            };
            if !present.contains(id) && !out.iter().any(|m| m.id == id) {
                out.push(Missing {
                    id: id.to_owned(),
                    named_by: format!("its statement (evidence/{name})"),
                });
            }
        }
        Ok(out)
    }
}

/// `text` (an attestation's file) with its `[withdrawn]` table; the rest as it was.
pub fn with_withdrawal(
    path: &std::path::Path,
    text: &str,
    withdrawal: &Withdrawal,
) -> anyhow::Result<String> {
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e| anyhow::anyhow!("{} is not valid TOML: {e}", path.display()))?;
    let row: toml_edit::DocumentMut = toml::to_string(&WithdrawnRow {
        on: TomlDate(withdrawal.on),
        reason: withdrawal.reason.clone(),
    })?
    .parse()?;
    let mut table = toml_edit::Table::new();
    for (k, item) in row.iter() {
        table.insert(k, item.clone());
    }
    doc.insert("withdrawn", toml_edit::Item::Table(table));
    Ok(doc.to_string())
}
