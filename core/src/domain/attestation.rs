//! An attestation: a period of practice signed as it stood — each session in it by id and the hash
//! of its counted facts, the sessions before it by one digest, each scheme's figures as `summary`
//! showed them with the rules that judged them, and the clients who could not be named — so that
//! any later change of what the figures rest on shows, and a reopening is on record with its
//! reason and with what it changed from and to.
//!
//! What an attestation rests on is a set of [`Subject`]s, each with a value when it was signed. A
//! [`Reopening`] records one subject's change (`was` → `now`) and why. [`Trail::of`] follows each
//! subject from its signed value through its reopenings to its value now: a change that no
//! reopening accounts for, before one or since the last, is a change without a reason.

use chrono::NaiveDate;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::model::Session;

/// A session as it was attested: its id and the hash of its counted facts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct AttestedSession {
    /// The session's short id.
    pub id: String,
    /// The SHA-256 of its counted facts.
    pub sha256: String,
}

/// A scheme's figures on the attested period's last day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttestedScheme {
    /// The scheme's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The coaching minutes it counted up to the last day, as `summary --as-of` that day shows them.
    pub minutes: u64,
    /// Of which paid.
    pub paid_minutes: u64,
    /// The coaching minutes it counted within the period.
    pub period_minutes: u64,
    /// The rules that judged them (`training_start=…; group_limit=…`, see
    /// [`crate::rules::judging::Rules::fingerprint`]); none in a file of an earlier coachlog.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules: Option<String>,
    /// Where those rules come from, in words (the body's sources with their dates, and the
    /// figures the user set); none in a file of an earlier coachlog.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub judged_by: Option<String>,
}

/// The sessions dated before the period, which its figures (totals up to its last day) rest on
/// too: how many, and one SHA-256 of them all (see [`earlier_digest`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Earlier {
    /// How many sessions.
    pub sessions: u64,
    /// The digest of their ids and hashes.
    pub sha256: String,
}

impl Earlier {
    /// The value a trail compares: `count:sha256`.
    pub fn value(&self) -> String {
        format!("{}:{}", self.sessions, self.sha256)
    }
}

/// One thing an attested period's figures rest on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "subject", content = "id", rename_all = "kebab-case")]
pub enum Subject {
    /// A session of the period, by id: its value is the hash of its counted facts (none: not in
    /// the period).
    Session(String),
    /// The sessions before the period, together: `count:digest`.
    Earlier,
    /// The rules a scheme judged by, by the scheme's id: its fingerprint (none: no such scheme).
    Rules(String),
    /// Whether a client could be named (consent), by partner id: `named` or `unnamed`.
    Consent(String),
}

impl Subject {
    /// It in words.
    pub fn describe(&self) -> String {
        match self {
            Subject::Session(id) => format!("session {id}"),
            Subject::Earlier => "the sessions before the period".to_owned(),
            Subject::Rules(scheme) => format!("the rules of {scheme}"),
            Subject::Consent(partner) => format!("the consent of {partner}"),
        }
    }
}

/// A subject's value: what it was, or is (`None`: absent — a session not in the period, a scheme
/// that is gone).
pub type Value = Option<String>;

/// A change allowed in an attested period, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reopening {
    /// The day it was allowed.
    pub on: NaiveDate,
    /// What it changed.
    #[serde(flatten)]
    pub subject: Subject,
    /// Why.
    pub reason: String,
    /// The value it changed from and to; none in a file of an earlier coachlog, where a reopening
    /// named only a session, and allowed any change of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<(Value, Value)>,
}

/// An attested period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attestation {
    /// The short id.
    pub id: String,
    /// The first day of the period.
    pub from: NaiveDate,
    /// The last day.
    pub to: NaiveDate,
    /// The day it was made.
    pub made: NaiveDate,
    /// Who signs it (a mentor, a supervisor).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// Every session in the period, by id.
    pub sessions: Vec<AttestedSession>,
    /// The sessions before the period; none in a file of an earlier coachlog.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earlier: Option<Earlier>,
    /// The clients (partner ids) coached up to the last day, each with whether they could be
    /// named then (consent); none in a file of an earlier coachlog.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consent: Option<std::collections::BTreeMap<String, bool>>,
    /// The attestations there were when it was made, by id: one deleted since shows.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub follows: Vec<String>,
    /// The figures of each scheme shown.
    pub schemes: Vec<AttestedScheme>,
    /// The changes allowed since.
    pub reopened: Vec<Reopening>,
    /// When it was withdrawn, and why: it no longer vouches for its period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<Withdrawal>,
    /// Free notes (confidential).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// An attestation taken back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Withdrawal {
    /// The day.
    pub on: NaiveDate,
    /// Why.
    pub reason: String,
}

/// A consent's value in a trail.
pub fn consent_value(named: bool) -> String {
    if named { "named" } else { "unnamed" }.to_owned()
}

impl Attestation {
    /// Whether it still vouches for its period (it was not withdrawn).
    pub fn stands(&self) -> bool {
        self.withdrawn.is_none()
    }

    /// Whether `date` is in the period.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// Whether a change on `date` changes what was signed: a session of the period, or one before
    /// it that the totals up to its last day rest on.
    pub fn rests_on(&self, date: NaiveDate) -> bool {
        date <= self.to
    }

    /// What is wrong with it as a whole, if anything.
    pub fn problem(&self) -> Option<String> {
        (self.from > self.to).then(|| {
            format!(
                "from ({}) is after to ({}): an attested period runs forward",
                self.from, self.to
            )
        })
    }

    /// The value `subject` had when the period was signed; `None` outside: a subject this
    /// attestation did not record (a file of an earlier coachlog), which no trail follows.
    pub fn signed(&self, subject: &Subject) -> Option<Value> {
        match subject {
            Subject::Session(id) => Some(
                self.sessions
                    .iter()
                    .find(|s| &s.id == id)
                    .map(|s| s.sha256.clone()),
            ),
            Subject::Earlier => self.earlier.as_ref().map(|e| Some(e.value())),
            Subject::Rules(scheme) => self
                .schemes
                .iter()
                .find(|s| &s.id == scheme)
                .and_then(|s| s.rules.clone())
                .map(Some),
            Subject::Consent(partner) => self
                .consent
                .as_ref()
                .map(|clients| clients.get(partner).map(|named| consent_value(*named))),
        }
    }

    /// Every subject it signed, or that a reopening names.
    pub fn subjects(&self) -> Vec<Subject> {
        let mut all: Vec<Subject> = self
            .sessions
            .iter()
            .map(|s| Subject::Session(s.id.clone()))
            .collect();
        if self.earlier.is_some() {
            all.push(Subject::Earlier);
        }
        all.extend(
            self.schemes
                .iter()
                .filter(|s| s.rules.is_some())
                .map(|s| Subject::Rules(s.id.clone())),
        );
        all.extend(
            self.consent
                .iter()
                .flatten()
                .map(|(p, _)| Subject::Consent(p.clone())),
        );
        all.extend(self.reopened.iter().map(|r| r.subject.clone()));
        all.sort();
        all.dedup();
        all
    }
}

/// Each term that differs between two fingerprints of the rules a scheme judged by
/// (`training_start=2025-01-10; group_limit=15; …`, as
/// [`crate::rules::judging::Rules::fingerprint`] writes them), in words
/// (`training_start 2025-01-10 → 2025-06-01`); a term missing from one shows as `?`.
pub fn rule_differences(was: &str, now: &str) -> Vec<String> {
    let split = |text: &str| -> Vec<(String, String)> {
        text.split("; ")
            .filter_map(|t| t.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    };
    let (was, now) = (split(was), split(now));
    let value = |list: &[(String, String)], name: &str| {
        list.iter()
            .find(|(k, _)| k == name)
            .map_or_else(|| "?".to_owned(), |(_, v)| v.clone())
    };
    let mut seen = std::collections::BTreeSet::new();
    was.iter()
        .chain(&now)
        .map(|(k, _)| k)
        .filter(|n| seen.insert(n.as_str()))
        .filter_map(|name| {
            let (a, b) = (value(&was, name), value(&now, name));
            (a != b).then(|| format!("{name} {a} → {b}"))
        })
        .collect()
}

/// The name of the `<meta>` by which a statement names its attestation: a statement left in
/// `evidence/` without its attestation says which is gone.
pub const STATEMENT_META: &str = "coachlog-attestation";

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
    hex(&Sha256::digest(facts.as_bytes()))
}

/// The sessions of a period as an attestation holds them, in date order (then by id).
pub fn period_sessions<'a>(
    sessions: impl IntoIterator<Item = &'a Session>,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<AttestedSession> {
    let mut rows: Vec<(NaiveDate, AttestedSession)> = sessions
        .into_iter()
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

/// The digest of the sessions dated before `from`: one SHA-256 of each one's id and hash, in id
/// order, so that a session added, removed or changed among them shows.
pub fn earlier_digest<'a>(
    sessions: impl IntoIterator<Item = &'a Session>,
    from: NaiveDate,
) -> Earlier {
    earlier_of(
        sessions
            .into_iter()
            .filter(|s| s.date < from)
            .map(|s| (s.id.clone(), session_hash(s))),
    )
}

/// [`earlier_digest`] of sessions given as (id, hash).
pub fn earlier_of(rows: impl IntoIterator<Item = (String, String)>) -> Earlier {
    let mut rows: Vec<(String, String)> = rows.into_iter().collect();
    rows.sort();
    let mut hasher = Sha256::new();
    for (id, sha) in &rows {
        hasher.update(id.as_bytes());
        hasher.update(b" ");
        hasher.update(sha.as_bytes());
        hasher.update(b"\n");
    }
    Earlier {
        sessions: rows.len() as u64,
        sha256: hex(&hasher.finalize()),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What became of one subject since the period was signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// What changed.
    #[serde(flatten)]
    pub subject: Subject,
    /// Its value when signed.
    pub signed: Value,
    /// Its value now.
    pub now: Value,
    /// The reopenings that allowed its changes, in order.
    pub reopenings: Vec<Reopening>,
    /// When a change that no reopening accounts for was made, if one was.
    pub unexplained: Option<Unexplained>,
}

/// When a change without a reason was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unexplained {
    /// Before the reopening of that day (which found it changed already).
    Before(NaiveDate),
    /// Since the last reopening, or since it was signed.
    Since,
}

impl Change {
    /// Whether a reopening accounts for it all.
    pub fn explained(&self) -> bool {
        self.unexplained.is_none()
    }

    /// It in words: what changed, from and to where that says something.
    pub fn describe(&self) -> String {
        match &self.subject {
            Subject::Session(id) => match (&self.signed, &self.now) {
                (Some(_), None) => format!("session {id} was removed"),
                (None, Some(_)) => format!("session {id} was added"),
                _ => format!(
                    "session {id} changed (its date, partner, length, role, payment or facts)"
                ),
            },
            Subject::Earlier => {
                let count = |v: &Value| {
                    v.as_deref()
                        .and_then(|v| v.split_once(':'))
                        .map_or_else(|| "?".to_owned(), |(n, _)| n.to_owned())
                };
                format!(
                    "the sessions before the period changed ({} then, {} now)",
                    count(&self.signed),
                    count(&self.now)
                )
            }
            Subject::Rules(scheme) => {
                let terms = match (&self.signed, &self.now) {
                    (Some(was), Some(now)) => rule_differences(was, now).join(", "),
                    (Some(_), None) => "the scheme is gone".to_owned(),
                    _ => String::new(),
                };
                format!(
                    "the rules of {scheme} changed: {terms} (config.toml, or the rules of this coachlog)"
                )
            }
            Subject::Consent(partner) => match self.now.as_deref() {
                Some("named") => format!("{partner} consented to be named since"),
                _ => format!("{partner} withdrew consent to be named since"),
            },
        }
    }
}

/// Each subject's trail from its signed value through its reopenings to its value now.
pub struct Trail;

impl Trail {
    /// What changed of `a`, given the subjects there are now besides those it names (`present`:
    /// the sessions in the period now) and each subject's value now (`now`): a change for each
    /// subject whose value is not what was signed, or whose trail a change without a reason broke.
    /// A subject `a` did not record (an earlier coachlog's file) is not followed.
    pub fn of(
        a: &Attestation,
        present: impl IntoIterator<Item = Subject>,
        now: impl Fn(&Subject) -> Value,
    ) -> Vec<Change> {
        let mut subjects = a.subjects();
        subjects.extend(present);
        subjects.sort();
        subjects.dedup();
        let mut out = Vec::new();
        for subject in subjects {
            let Some(signed) = a.signed(&subject) else {
                continue;
            };
            let current = now(&subject);
            let reopenings: Vec<Reopening> = a
                .reopened
                .iter()
                .filter(|r| r.subject == subject)
                .cloned()
                .collect();
            // `None` once an earlier coachlog's reopening allowed any value.
            let mut expected: Option<Value> = Some(signed.clone());
            let mut unexplained = None;
            for r in &reopenings {
                match (&r.change, &expected) {
                    (None, _) => expected = None,
                    (Some((was, to)), Some(exp)) => {
                        if was != exp && unexplained.is_none() {
                            unexplained = Some(Unexplained::Before(r.on));
                        }
                        expected = Some(to.clone());
                    }
                    (Some((_, to)), None) => expected = Some(to.clone()),
                }
            }
            if let Some(exp) = &expected
                && &current != exp
                && unexplained.is_none()
            {
                // A reopening whose change was not made (a write that failed after it was
                // recorded) leaves the value as it was before it: nothing changed without a reason.
                let not_made = reopenings
                    .last()
                    .and_then(|r| r.change.as_ref())
                    .is_some_and(|(was, _)| was == &current);
                if !not_made {
                    unexplained = Some(Unexplained::Since);
                }
            }
            if current != signed || unexplained.is_some() {
                out.push(Change {
                    subject,
                    signed,
                    now: current,
                    reopenings,
                    unexplained,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(id: &str, sha: &str) -> AttestedSession {
        AttestedSession {
            id: id.into(),
            sha256: sha.into(),
        }
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn attested() -> Attestation {
        Attestation {
            id: "a1b2c3".into(),
            from: date("2026-07-01"),
            to: date("2026-09-30"),
            made: date("2026-10-01"),
            by: None,
            sessions: vec![session("aaaaaa", "1"), session("bbbbbb", "2")],
            earlier: Some(Earlier {
                sessions: 3,
                sha256: "e".into(),
            }),
            consent: Some([("jo".to_owned(), false), ("alex".to_owned(), true)].into()),
            follows: Vec::new(),
            schemes: vec![AttestedScheme {
                id: "icf-acc".into(),
                name: "ICF ACC".into(),
                minutes: 600,
                paid_minutes: 600,
                period_minutes: 120,
                rules: Some("training_start=2025-01-10".into()),
                judged_by: None,
            }],
            reopened: Vec::new(),
            withdrawn: None,
            notes: None,
        }
    }

    fn reopening(subject: Subject, was: Value, now: Value, on: &str) -> Reopening {
        Reopening {
            on: date(on),
            subject,
            reason: "why".into(),
            change: Some((was, now)),
        }
    }

    /// The sessions in the period now, besides those signed.
    fn present() -> Vec<Subject> {
        vec![Subject::Session("cccccc".into())]
    }

    /// The values `a` signed, with `changes` applied.
    fn values(changes: &[(Subject, Value)]) -> impl Fn(&Subject) -> Value + '_ {
        move |s: &Subject| {
            if let Some((_, v)) = changes.iter().find(|(k, _)| k == s) {
                return v.clone();
            }
            attested().signed(s).flatten()
        }
    }

    #[test]
    fn a_period_as_signed_has_no_changes() {
        let a = attested();
        assert_eq!(Trail::of(&a, present(), values(&[])), []);
        assert!(a.covers(date("2026-09-30")));
        assert!(!a.covers(date("2026-10-01")));
        assert!(a.rests_on(date("2020-01-01")));
    }

    #[test]
    fn a_change_without_a_reopening_is_unexplained_and_says_what_it_was() {
        let a = attested();
        let changes = [
            (Subject::Session("aaaaaa".into()), None),
            (Subject::Session("bbbbbb".into()), Some("3".into())),
            (Subject::Session("cccccc".into()), Some("4".into())),
            (Subject::Earlier, Some("4:f".into())),
            (
                Subject::Rules("icf-acc".into()),
                Some("training_start=2025-06-01".into()),
            ),
            (Subject::Consent("jo".into()), Some("named".into())),
        ];
        let found = Trail::of(&a, present(), values(&changes));
        let words: Vec<String> = found.iter().map(Change::describe).collect();
        assert_eq!(
            words,
            [
                "session aaaaaa was removed",
                "session bbbbbb changed (its date, partner, length, role, payment or facts)",
                "session cccccc was added",
                "the sessions before the period changed (3 then, 4 now)",
                "the rules of icf-acc changed: training_start 2025-01-10 → 2025-06-01 (config.toml, or the rules of this coachlog)",
                "jo consented to be named since",
            ]
        );
        assert!(
            found
                .iter()
                .all(|c| c.unexplained == Some(Unexplained::Since))
        );
    }

    #[test]
    fn a_reopening_explains_exactly_the_change_it_records() {
        let mut a = attested();
        let b = Subject::Session("bbbbbb".into());
        a.reopened.push(reopening(
            b.clone(),
            Some("2".into()),
            Some("3".into()),
            "2026-11-01",
        ));
        // As reopened: explained.
        let found = Trail::of(&a, present(), values(&[(b.clone(), Some("3".into()))]));
        assert_eq!(found.len(), 1);
        assert!(found[0].explained(), "{found:?}");
        // Changed again by hand since: not.
        let found = Trail::of(&a, present(), values(&[(b.clone(), Some("9".into()))]));
        assert_eq!(found[0].unexplained, Some(Unexplained::Since));
        // The reopening's write never happened: still as signed, nothing to explain.
        assert_eq!(Trail::of(&a, present(), values(&[])), []);
        // Changed by hand before the reopening, which then found "7", not "2".
        a.reopened[0].change = Some((Some("7".into()), Some("3".into())));
        let found = Trail::of(&a, present(), values(&[(b.clone(), Some("3".into()))]));
        assert_eq!(
            found[0].unexplained,
            Some(Unexplained::Before(date("2026-11-01")))
        );
        // An earlier coachlog's reopening allowed any change of its session.
        a.reopened[0].change = None;
        let found = Trail::of(&a, present(), values(&[(b, Some("8".into()))]));
        assert!(found[0].explained());
    }

    #[test]
    fn a_session_added_with_a_reopening_is_followed_from_absent() {
        let mut a = attested();
        let c = Subject::Session("cccccc".into());
        a.reopened
            .push(reopening(c.clone(), None, Some("4".into()), "2026-11-01"));
        let found = Trail::of(&a, present(), values(&[(c.clone(), Some("4".into()))]));
        assert_eq!(found[0].describe(), "session cccccc was added");
        assert!(found[0].explained());
    }

    #[test]
    fn the_digest_of_earlier_sessions_does_not_depend_on_their_order() {
        let one = earlier_of([("b".into(), "2".into()), ("a".into(), "1".into())]);
        let two = earlier_of([("a".into(), "1".into()), ("b".into(), "2".into())]);
        assert_eq!(one, two);
        assert_eq!(one.sessions, 2);
        assert_ne!(one, earlier_of([("a".into(), "1".into())]));
    }
}
