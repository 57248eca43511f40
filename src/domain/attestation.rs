//! An attestation: a period of practice signed as it stood — each session in it by id and the hash
//! of its counted facts, and each scheme's figures as `summary` showed them — so that a later
//! change of the period can be found, and a reopening is on record with its reason.

use chrono::NaiveDate;
use serde::Serialize;

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
}

/// A change allowed in an attested period, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reopening {
    /// The day it was allowed.
    pub on: NaiveDate,
    /// The session it allowed to change (or to be added or removed).
    pub session: String,
    /// Why.
    pub reason: String,
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
    /// The figures of each scheme shown.
    pub schemes: Vec<AttestedScheme>,
    /// The changes allowed since.
    pub reopened: Vec<Reopening>,
    /// Free notes (confidential).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

impl Attestation {
    /// Whether `date` is in the period.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
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
}

/// How a period differs from what was attested.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum Difference {
    /// A session attested is no longer there.
    Removed {
        /// The session.
        session: String,
    },
    /// A session is in the period that was not attested.
    Added {
        /// The session.
        session: String,
    },
    /// A session's counted facts changed.
    Changed {
        /// The session.
        session: String,
    },
}

impl Difference {
    /// The session it is about.
    pub fn session(&self) -> &str {
        match self {
            Difference::Removed { session }
            | Difference::Added { session }
            | Difference::Changed { session } => session,
        }
    }

    /// It in words.
    pub fn describe(&self) -> String {
        match self {
            Difference::Removed { session } => format!("session {session} was removed"),
            Difference::Added { session } => format!("session {session} was added"),
            Difference::Changed { session } => {
                format!(
                    "session {session} changed (its date, partner, length, role, payment or facts)"
                )
            }
        }
    }
}

/// How the period's sessions now (`now`: ids with their hashes) differ from what `attested` holds.
pub fn differences(attested: &Attestation, now: &[AttestedSession]) -> Vec<Difference> {
    let mut out = Vec::new();
    for a in &attested.sessions {
        match now.iter().find(|s| s.id == a.id) {
            None => out.push(Difference::Removed {
                session: a.id.clone(),
            }),
            Some(s) if s.sha256 != a.sha256 => out.push(Difference::Changed {
                session: a.id.clone(),
            }),
            Some(_) => {}
        }
    }
    for s in now {
        if !attested.sessions.iter().any(|a| a.id == s.id) {
            out.push(Difference::Added {
                session: s.id.clone(),
            });
        }
    }
    out
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

    #[test]
    fn a_period_differs_by_sessions_removed_added_and_changed() {
        let attested = Attestation {
            id: "a1b2c3".into(),
            from: "2026-07-01".parse().expect("date"),
            to: "2026-09-30".parse().expect("date"),
            made: "2026-10-01".parse().expect("date"),
            by: None,
            sessions: vec![session("aaaaaa", "1"), session("bbbbbb", "2")],
            schemes: Vec::new(),
            reopened: Vec::new(),
            notes: None,
        };
        assert!(differences(&attested, &attested.sessions).is_empty());
        let now = [session("bbbbbb", "3"), session("cccccc", "4")];
        assert_eq!(
            differences(&attested, &now),
            [
                Difference::Removed {
                    session: "aaaaaa".into()
                },
                Difference::Changed {
                    session: "bbbbbb".into()
                },
                Difference::Added {
                    session: "cccccc".into()
                },
            ]
        );
        assert!(attested.covers("2026-09-30".parse().expect("date")));
        assert!(!attested.covers("2026-10-01".parse().expect("date")));
    }
}
