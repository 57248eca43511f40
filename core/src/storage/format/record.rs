//! The TOML file format: one record per file, with a format `version`.
//!
//! Records are read strictly (an unknown or misspelt key is an error, not silently ignored, since a
//! dropped `payment` would miscount hours) and written in a fixed key order.

use serde::{Deserialize, Deserializer, Serialize};

use super::problem::FileProblem;
use super::toml_date::TomlDate;
use crate::domain::agreement::Agreement;
use crate::domain::duration::Minutes;
use crate::domain::evidence::{EvidenceKind, is_sha256};
use crate::domain::feedback::{ClientFeedback, Origin, Via};
use crate::domain::id::PartnerId;
use crate::domain::model::{
    Arrangement, CalendarRef, ClientType, FactsFrom, GroupSize, NewSession, NotCounted, Partner,
    Payment, Role, Session, SessionFacts,
};
use crate::domain::reflection::{Reflection, Scores};
use crate::domain::text;

/// The format version this coachlog reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A partner file, `partners/<id>.toml`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerRecord {
    #[serde(deserialize_with = "version")]
    version: u32,
    #[serde(deserialize_with = "single_line")]
    name: String,
    client_type: ClientType,
    #[serde(default = "one_way")]
    arrangement: Arrangement,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    group_size: Option<GroupSize>,
    #[serde(default = "yes")]
    consent: bool,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_line"
    )]
    alias: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_line"
    )]
    contact: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    emails: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    payment: Option<Payment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    default_minutes: Option<Minutes>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    agreement: Option<Agreement>,
    /// The day the engagement ended, if it has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ended: Option<TomlDate>,
    /// The evidence the file names (`[[evidence]]`): read so that the file reads, never written
    /// here; `coachlog attach` adds to it, and a rewrite of other keys leaves it as it is.
    #[serde(rename = "evidence", default, skip_serializing)]
    _evidence: Vec<Entry>,
}

impl PartnerRecord {
    /// The record to write for a partner.
    pub fn from_partner(p: &Partner) -> Self {
        PartnerRecord {
            version: FORMAT_VERSION,
            name: p.name.clone(),
            client_type: p.client_type,
            arrangement: p.arrangement,
            group_size: p.group_size,
            consent: p.consent,
            alias: p.alias.clone(),
            contact: p.contact.clone(),
            emails: p.emails.clone(),
            payment: p.payment,
            default_minutes: p.default_minutes,
            notes: p.notes.clone(),
            agreement: p.agreement.clone(),
            ended: p.ended.map(TomlDate),
            _evidence: Vec::new(),
        }
    }

    /// The partner this record describes, under the id its file name gives.
    pub fn into_partner(self, id: PartnerId) -> Partner {
        Partner {
            id,
            name: self.name,
            client_type: self.client_type,
            arrangement: self.arrangement,
            group_size: self.group_size,
            consent: self.consent,
            alias: self.alias,
            contact: self.contact,
            emails: self
                .emails
                .iter()
                .map(|e| {
                    // A sealed address is base64, whose case matters.
                    if crate::domain::private::is_sealed(e) {
                        e.clone()
                    } else {
                        e.trim().to_lowercase()
                    }
                })
                .collect(),
            payment: self.payment,
            default_minutes: self.default_minutes,
            notes: self.notes.filter(|n| !n.is_empty()),
            agreement: self.agreement,
            ended: self.ended.map(|d| d.0),
        }
    }
}

/// A session file, `sessions/<year>/<date>-<partner>-<id>.toml`.
///
/// `client_type` and `group_size` record the facts the session is judged by. Files written before
/// they were recorded lack them; such a session takes them from its partner when read (see
/// [`SessionRecord::into_session`]), and `coachlog upgrade` writes them in.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionRecord {
    #[serde(deserialize_with = "version")]
    version: u32,
    date: TomlDate,
    partner: PartnerId,
    minutes: Minutes,
    role: Role,
    payment: Payment,
    arrangement: Arrangement,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    client_type: Option<ClientType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    group_size: Option<GroupSize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    not_counted: Option<NotCounted>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reflection: Option<Reflection>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    competencies: Vec<crate::domain::competency::Tag>,
    /// Boxed: most sessions have none, and every session read holds the field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    feedback: Option<Box<FeedbackRow>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    calendar: Option<Box<CalendarRef>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    inbox: Option<Box<crate::domain::model::InboxRef>>,
    /// The evidence the file names (`[[evidence]]`): read so that the file reads, never written
    /// here; `coachlog attach` adds to it, and a rewrite of other keys leaves it as it is.
    #[serde(rename = "evidence", default, skip_serializing)]
    _evidence: Vec<Entry>,
}

impl SessionRecord {
    /// The record to write for a new session, its facts recorded.
    pub fn from_new(s: &NewSession) -> Self {
        // The id is the file's name, not a key: any will do.
        Self::from_session(&s.clone().with_id(String::new()))
    }

    /// Reads a session file's text: quickly when it is in the plain form coachlog writes, else with
    /// the TOML parser (which also gives every error, with its line).
    pub fn parse(text: &str) -> Result<Self, toml::de::Error> {
        match super::fast::read(text) {
            Some(record) => Ok(record),
            None => toml::from_str(text),
        }
    }

    /// The record of a session as read: its facts are written only when its file holds them, so that
    /// rewriting an older file (a new reflection, say) never records them behind the user's back.
    pub fn from_session(s: &Session) -> Self {
        let recorded = s.facts_from == FactsFrom::Session;
        SessionRecord {
            version: FORMAT_VERSION,
            date: TomlDate(s.date),
            partner: s.partner.clone(),
            minutes: s.minutes,
            role: s.role,
            payment: s.payment,
            arrangement: s.arrangement,
            client_type: recorded.then_some(s.facts.client_type),
            group_size: if recorded { s.facts.group_size } else { None },
            not_counted: s.not_counted,
            notes: s.notes.clone(),
            reflection: s.reflection.clone(),
            competencies: s.competencies.clone(),
            feedback: s.feedback.as_deref().map(|f| Box::new(FeedbackRow::of(f))),
            calendar: s.calendar.clone(),
            inbox: s.inbox.clone(),
            _evidence: Vec::new(),
        }
    }

    /// The partner the session is with.
    pub fn partner(&self) -> &PartnerId {
        &self.partner
    }

    /// The session's date.
    pub fn date(&self) -> chrono::NaiveDate {
        self.date.0
    }

    /// Whether the file lacks the facts the session is judged by (a file of the earlier format), so
    /// that they come from its partner.
    pub fn lacks_facts(&self) -> bool {
        self.client_type.is_none()
    }

    /// What is wrong with the record as a whole, beyond each key's value: a group size recorded
    /// without the client type it goes with (which would otherwise be read from the partner).
    pub fn problem(&self) -> Option<&'static str> {
        (self.group_size.is_some() && self.client_type.is_none()).then_some(
            "group_size is recorded without client_type: the facts a session is judged by go \
             together, so add client_type = \"peer\" or \"non-coach\" (or remove group_size)",
        )
    }

    /// The session this record describes, under the id its file name gives. A file of the earlier
    /// format, without `client_type`, takes its facts from `partner` (its partner's current values);
    /// without a partner, such a session is non-coach and individual until its partner file is back
    /// (`check` reports it). Readers refuse a [`SessionRecord::problem`] before they get here.
    pub fn into_session(self, id: String, partner: Option<SessionFacts>) -> Session {
        let (facts, from) = match (self.client_type, partner) {
            (Some(client_type), _) => (
                SessionFacts {
                    client_type,
                    group_size: self.group_size,
                },
                FactsFrom::Session,
            ),
            (None, Some(partner)) => (partner, FactsFrom::Partner),
            (None, None) => (
                SessionFacts {
                    client_type: ClientType::NonCoach,
                    group_size: None,
                },
                FactsFrom::Nowhere,
            ),
        };
        let mut session = NewSession {
            date: self.date.0,
            partner: self.partner,
            minutes: self.minutes,
            role: self.role,
            payment: self.payment,
            arrangement: self.arrangement,
            facts,
            not_counted: self.not_counted,
            notes: self.notes.filter(|n| !n.is_empty()),
            reflection: self.reflection,
            competencies: self.competencies,
            feedback: self.feedback.map(|f| Box::new(f.into_feedback())),
            calendar: self.calendar,
            inbox: self.inbox,
        }
        .with_id(id);
        session.facts_from = from;
        session
    }
}

/// A session's `[feedback]` table: the client's own answer, to a request (`source = "request"`,
/// `request = ID`) or in the client's signed receipt (`source = "receipt"`, `receipt = ID`).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, try_from = "FeedbackFields")]
struct FeedbackRow {
    rated_by: FeedbackRatedBy,
    source: FeedbackSource,
    #[serde(skip_serializing_if = "Option::is_none")]
    request: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    receipt: Option<String>,
    answered: TomlDate,
    scores: Scores,
    #[serde(skip_serializing_if = "Option::is_none")]
    experiment: Option<String>,
    share: bool,
    via: Via,
}

/// The keys of a `[feedback]` table as read, before they are checked together.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedbackFields {
    #[serde(default)]
    rated_by: FeedbackRatedBy,
    #[serde(default)]
    source: FeedbackSource,
    #[serde(default, deserialize_with = "optional_short_id")]
    request: Option<String>,
    #[serde(default, deserialize_with = "optional_short_id")]
    receipt: Option<String>,
    answered: TomlDate,
    scores: Scores,
    #[serde(default, deserialize_with = "optional_line")]
    experiment: Option<String>,
    share: bool,
    via: Via,
}

impl TryFrom<FeedbackFields> for FeedbackRow {
    type Error = String;

    fn try_from(f: FeedbackFields) -> Result<Self, String> {
        match (f.source, &f.request, &f.receipt) {
            (FeedbackSource::Request, Some(_), None) | (FeedbackSource::Receipt, None, Some(_)) => {
            }
            (FeedbackSource::Request, _, _) => {
                return Err(
                    "an answer to a request names the request (request = \"ID\"), and \
                            no receipt"
                        .into(),
                );
            }
            (FeedbackSource::Receipt, _, _) => {
                return Err(
                    "an answer in a receipt names the receipt (receipt = \"ID\"), and \
                            no request"
                        .into(),
                );
            }
        }
        Ok(FeedbackRow {
            rated_by: f.rated_by,
            source: f.source,
            request: f.request,
            receipt: f.receipt,
            answered: f.answered,
            scores: f.scores,
            experiment: f.experiment,
            share: f.share,
            via: f.via,
        })
    }
}

fn optional_short_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    short_id(d).map(Some)
}

/// `rated_by` of a client's answer: the client, and nobody else.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum FeedbackRatedBy {
    #[default]
    Client,
}

/// `source` of a client's answer: a request, or the client's signed receipt.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum FeedbackSource {
    #[default]
    Request,
    Receipt,
}

impl FeedbackRow {
    fn of(f: &ClientFeedback) -> Self {
        let (source, request, receipt) = match &f.origin {
            Origin::Request(id) => (FeedbackSource::Request, Some(id.clone()), None),
            Origin::Receipt(id) => (FeedbackSource::Receipt, None, Some(id.clone())),
        };
        FeedbackRow {
            rated_by: FeedbackRatedBy::Client,
            source,
            request,
            receipt,
            answered: TomlDate(f.answered),
            scores: f.scores,
            experiment: f.experiment.clone(),
            share: f.share,
            via: f.via,
        }
    }

    fn into_feedback(self) -> ClientFeedback {
        let origin = match (self.request, self.receipt) {
            (Some(id), _) => Origin::Request(id),
            (None, Some(id)) => Origin::Receipt(id),
            // Refused when read (see `FeedbackFields`).
            (None, None) => Origin::Request(String::new()),
        };
        ClientFeedback {
            origin,
            answered: self.answered.0,
            scores: self.scores,
            experiment: self.experiment.filter(|e| !e.is_empty()),
            share: self.share,
            via: self.via,
        }
    }
}

/// A record's short id (a request's, a session's).
pub(in crate::storage) fn short_id<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let id = String::deserialize(d)?;
    if crate::storage::name::is_short_id(&id) {
        Ok(id)
    } else {
        Err(serde::de::Error::custom(format!(
            "'{}' is not a short id (up to 16 lower-case letters and digits)",
            text::for_terminal(&id, 40, "…")
        )))
    }
}

/// A record's text as coachlog writes it, read back by coachlog's own reader first: nothing
/// coachlog writes can fail its own reader (a name with control characters, from a calendar or a
/// backup, is refused here, before any file is written).
pub fn written<R: Serialize + serde::de::DeserializeOwned>(
    record: &R,
    what: impl FnOnce() -> String,
) -> anyhow::Result<String> {
    let text = toml::to_string(record)?;
    if let Err(e) = toml::from_str::<R>(&text) {
        anyhow::bail!(
            "{} would not read back, so nothing was written: {}",
            what(),
            e.message()
        );
    }
    Ok(text)
}

/// Every key of a partner file with its value as text (`None` when the key is absent), in file
/// order: what `partner edit` compares to find and report what changed.
pub fn partner_fields(p: &Partner) -> [(&'static str, Option<String>); 12] {
    [
        ("name", Some(p.name.clone())),
        ("client_type", Some(p.client_type.to_string())),
        ("arrangement", Some(p.arrangement.to_string())),
        ("group_size", p.group_size.map(|g| g.get().to_string())),
        ("consent", Some(p.consent.to_string())),
        ("alias", p.alias.clone()),
        ("contact", p.contact.clone()),
        (
            "emails",
            (!p.emails.is_empty()).then(|| p.emails.join(", ")),
        ),
        ("payment", p.payment.map(|v| v.to_string())),
        (
            "default_minutes",
            p.default_minutes.map(|v| v.get().to_string()),
        ),
        ("notes", p.notes.clone()),
        ("ended", p.ended.map(|d| d.to_string())),
    ]
}

fn one_way() -> Arrangement {
    Arrangement::OneWay
}

fn yes() -> bool {
    true
}

pub(in crate::storage) fn version<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<u32, D::Error> {
    let found = i64::deserialize(deserializer)?;
    if found == i64::from(FORMAT_VERSION) {
        Ok(FORMAT_VERSION)
    } else {
        Err(serde::de::Error::custom(format!(
            "unsupported format version {found}: this coachlog reads version {FORMAT_VERSION} \
             (a newer coachlog may have written this file)"
        )))
    }
}

pub(in crate::storage) fn single_line<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
    single_line_value(deserializer)
}

/// A one-line text value, refused with the reason when it is not one.
pub(crate) fn single_line_value<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
    let raw = String::deserialize(deserializer)?;
    text::single_line(&raw).map_err(serde::de::Error::custom)
}

pub(in crate::storage) fn optional_line<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    let raw = String::deserialize(deserializer)?;
    if raw.trim().is_empty() {
        return Ok(None);
    }
    text::single_line(&raw)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

/// One piece of evidence as a record's file names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// What it is.
    pub kind: EvidenceKind,
    /// The SHA-256 of its content, in lower-case hex.
    #[serde(deserialize_with = "sha256")]
    pub sha256: String,
    /// Its size in bytes.
    pub size: u64,
    /// The name of the file that was attached.
    #[serde(deserialize_with = "file_name")]
    pub name: String,
    /// The day it was attached.
    pub attached: TomlDate,
}

impl Entry {
    /// The day it was attached.
    pub fn attached_on(&self) -> chrono::NaiveDate {
        self.attached.0
    }
}

/// The name a file was attached under, as a record's file holds it: one line, and a file's name
/// alone — no folder (`/` or `\\`), not `.` or `..` — as `attach` keeps it.
fn file_name<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let name = single_line_value(d)?;
    if name.is_empty() || name == "." || name == ".." || name.contains(['/', '\\']) {
        return Err(serde::de::Error::custom(format!(
            "'{}' is not a file's name (a name alone, without / or \\, not . or ..), as \
             `coachlog attach` keeps it",
            crate::domain::text::for_terminal(&name, 80, "…")
        )));
    }
    Ok(name)
}

/// A SHA-256 in a record's file, refused with the form it has when it is not one.
pub(in crate::storage) fn sha256<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<String, D::Error> {
    let text = String::deserialize(d)?;
    if is_sha256(&text) {
        Ok(text)
    } else {
        Err(serde::de::Error::custom(format!(
            "'{text}' is not a SHA-256 (64 lower-case hex digits, as coachlog writes it)"
        )))
    }
}

/// The `[[evidence]]` of a record's text, each with the line of its `sha256`.
pub fn entries(text: &str) -> Result<Vec<(Entry, Option<usize>)>, FileProblem> {
    if !text.contains("evidence") {
        return Ok(Vec::new());
    }
    #[derive(Deserialize)]
    struct Only {
        #[serde(default)]
        evidence: Vec<Entry>,
    }
    let only: Only = toml::from_str(text).map_err(|e| FileProblem::of_toml(text, &e))?;
    let mut from = 0;
    Ok(only
        .evidence
        .into_iter()
        .map(|entry| {
            let line = text
                .lines()
                .enumerate()
                .skip(from)
                .find(|(_, l)| l.contains(&entry.sha256))
                .map(|(n, _)| n + 1);
            if let Some(line) = line {
                from = line;
            }
            (entry, line)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn read_session(text: &str) -> Result<Session, String> {
        toml::from_str::<SessionRecord>(text)
            .map(|r| r.into_session("x".into(), None))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn session_round_trip_writes_a_plain_toml_date() -> anyhow::Result<()> {
        let new = NewSession {
            date: NaiveDate::from_ymd_opt(2026, 3, 14).expect("date"),
            partner: "alex-kim".parse().map_err(anyhow::Error::msg)?,
            minutes: Minutes::new(90).expect("minutes"),
            role: Role::Coach,
            payment: Payment::Exchange,
            arrangement: Arrangement::Reciprocal,
            facts: SessionFacts {
                client_type: ClientType::Peer,
                group_size: None,
            },
            not_counted: None,
            notes: Some("said \"thanks\"\nsecond line".into()),
            reflection: None,
            competencies: Vec::new(),
            feedback: None,
            calendar: None,
            inbox: None,
        };
        let text = toml::to_string(&SessionRecord::from_new(&new))?;
        assert!(
            text.starts_with("version = 1\ndate = 2026-03-14\npartner = \"alex-kim\"\n"),
            "{text}"
        );
        let back = read_session(&text).map_err(anyhow::Error::msg)?;
        assert_eq!(back, new.with_id("x".into()));
        Ok(())
    }

    #[test]
    fn reads_hand_written_sessions_exactly() {
        let text = "# after the workshop\nminutes = 45 # short one\nversion = 1\npartner = 'sam-lee'\n\
                    date = \"2025-01-31\"\nrole = \"client\"\npayment = \"exchange\"\narrangement = \"reciprocal\"\n";
        let s = read_session(text).expect("valid");
        assert_eq!(s.minutes.get(), 45);
        assert_eq!(s.date.to_string(), "2025-01-31");
        assert_eq!(s.role, Role::Client);
    }

    #[test]
    fn errors_name_the_line_and_the_problem() {
        let base = "version = 1\ndate = 2026-01-05\npartner = \"alex\"\nminutes = 60\nrole = \"coach\"\n\
                    payment = \"paid\"\narrangement = \"one-way\"\n";
        for (text, needles) in [
            (
                base.replace("minutes = 60", "minutes = 0"),
                vec!["line 4", "minutes must be"],
            ),
            (
                base.replace("\"paid\"", "\"payed\""),
                vec!["line 6", "paid"],
            ),
            (
                base.replace("version = 1", "version = 2"),
                vec!["line 1", "version 2"],
            ),
            (
                base.replace("2026-01-05", "\"2026-02-30\""),
                vec!["line 2", "28 days"],
            ),
            (
                format!("{base}paymnet = \"paid\"\n"),
                vec!["line 8", "paymnet"],
            ),
            (base.replace("role = \"coach\"\n", ""), vec!["role"]),
            (
                base.replace("\"alex\"", "\"../x\""),
                vec!["line 3", "not a partner id"],
            ),
            (
                base.replace("minutes = 60", "minutes = = 60"),
                vec!["line 4"],
            ),
        ] {
            let err = read_session(&text).expect_err(&text);
            for needle in needles {
                assert!(err.contains(needle), "{needle:?} missing from: {err}");
            }
        }
    }

    #[test]
    fn partner_files_default_sensibly_and_refuse_bad_values() {
        let text = "version = 1\nname = \"Alex Kim\"\nclient_type = \"peer\"\n";
        let p = toml::from_str::<PartnerRecord>(text)
            .expect("minimal partner")
            .into_partner("alex-kim".parse().expect("id"));
        assert_eq!(p.arrangement, Arrangement::OneWay);
        assert!(p.consent);
        assert_eq!(p.group_size, None);
        let bad = format!("{text}group_size = 1\n");
        let err = toml::from_str::<PartnerRecord>(&bad)
            .expect_err("group of one")
            .to_string();
        assert!(
            err.contains("line 4") && err.contains("group_size"),
            "{err}"
        );
        let bad = text.replace("Alex Kim", "   ");
        assert!(toml::from_str::<PartnerRecord>(&bad).is_err());
    }
}
