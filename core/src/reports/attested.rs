//! Whether an attested period still holds what was signed: every subject it rests on followed
//! from its signed value to its value now ([`Trail`]), and every figure it signed counted again
//! from the logbook as it is, by the one counting every output uses. It holds exactly when the
//! counting gives the signed figures and nothing changed without a reason.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::Partners;
use super::counting::{Ledger, Practice, Rules};
use crate::domain::attestation::{
    Attestation, AttestedScheme, Change, Subject, Trail, Value, consent_value, earlier_of,
    session_hash,
};
use crate::domain::model::{Role, Session};
use crate::rules::scheme::Scheme;
use crate::rules::settings::Settings;

/// The figures of `schemes` an attestation of `from` to the practice's as-of day signs: each
/// scheme's minutes up to that day, of which paid, within the period, and the rules that judged
/// them.
pub fn figures<'a>(
    practice: &Practice,
    from: NaiveDate,
    partners: &Partners,
    settings: &Settings,
    schemes: impl IntoIterator<Item = &'a Scheme>,
) -> Vec<AttestedScheme> {
    schemes
        .into_iter()
        .map(|scheme| {
            let rules = Rules::new(scheme, settings);
            let fingerprint = rules.fingerprint();
            let ledger = Ledger::count(practice, rules, partners);
            AttestedScheme {
                id: scheme.id.clone(),
                name: scheme.name.clone(),
                minutes: ledger.all().minutes(),
                paid_minutes: ledger.all().paid_minutes(),
                period_minutes: ledger.since(Some(from)).minutes(),
                rules: Some(fingerprint),
                judged_by: Some(
                    super::requirement::judged_by(
                        scheme,
                        [
                            super::requirement::RequirementKind::Hours,
                            super::requirement::RequirementKind::PaidHours,
                        ],
                    )
                    .line(),
                )
                .filter(|j| !j.is_empty()),
            }
        })
        .collect()
}

/// The clients coached up to the practice's as-of day, each with whether they may be named (a
/// partner whose file is missing is, as the counting has it).
pub fn consent(practice: &Practice, partners: &Partners) -> BTreeMap<String, bool> {
    practice
        .sessions()
        .filter(|s| s.role == Role::Coach)
        .map(|s| {
            (
                s.partner.to_string(),
                partners.get(&s.partner).is_none_or(|p| p.consent),
            )
        })
        .collect()
}

/// Where an attested period stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// Counted again, it gives the signed figures, and nothing changed without a reason.
    Holds,
    /// Its figures changed, each change reopened with a reason on record.
    Reopened,
    /// Something changed without a reason, or its figures differ with nothing on record to say why.
    Broken,
    /// Taken back (`attest withdraw`), with the reason on it: it vouches for nothing.
    Withdrawn,
}

/// A scheme's signed figures beside the same figures counted now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figure {
    /// As signed.
    pub signed: AttestedScheme,
    /// Counted now; none when the scheme is gone.
    pub now: Option<AttestedScheme>,
}

impl Figure {
    /// Whether the figures counted now are the signed ones.
    pub fn same(&self) -> bool {
        self.now.as_ref().is_some_and(|now| {
            (now.minutes, now.paid_minutes, now.period_minutes)
                == (
                    self.signed.minutes,
                    self.signed.paid_minutes,
                    self.signed.period_minutes,
                )
        })
    }
}

/// An attested period judged against the logbook as it is.
#[derive(Debug, Clone, Serialize)]
pub struct Judgment {
    /// Where it stands.
    pub standing: Standing,
    /// What changed of what it rests on.
    pub changes: Vec<Change>,
    /// Each scheme's figures, signed and now.
    pub figures: Vec<Figure>,
    /// Why its figures differ when no change on record says (the counting of this coachlog, or
    /// what an earlier coachlog did not record).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unaccounted: Option<String>,
}

impl Judgment {
    /// Whether it holds what was signed.
    pub fn holds(&self) -> bool {
        self.standing == Standing::Holds
    }

    /// The changes no reopening accounts for.
    pub fn unexplained(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| !c.explained())
    }
}

/// Judges `a` against `sessions`, `partners` and `settings` as they are now.
pub fn judge(
    a: &Attestation,
    sessions: &[Session],
    partners: &Partners,
    settings: &Settings,
) -> Judgment {
    use rayon::prelude::*;
    if !a.stands() {
        return Judgment {
            standing: Standing::Withdrawn,
            changes: Vec::new(),
            figures: Vec::new(),
            unaccounted: None,
        };
    }
    // Every session up to the last day is hashed once, on every core.
    let hashed: Vec<(&Session, String)> = sessions
        .par_iter()
        .filter(|s| s.date <= a.to)
        .map(|s| (s, session_hash(s)))
        .collect();
    let in_period: BTreeMap<&str, String> = hashed
        .iter()
        .filter(|(s, _)| a.covers(s.date))
        .map(|(s, sha)| (s.id.as_str(), sha.clone()))
        .collect();
    let earlier = earlier_of(
        hashed
            .iter()
            .filter(|(s, _)| s.date < a.from)
            .map(|(s, sha)| (s.id.clone(), sha.clone())),
    )
    .value();
    let now = |subject: &Subject| -> Value {
        match subject {
            Subject::Session(id) => in_period.get(id.as_str()).cloned(),
            Subject::Earlier => Some(earlier.clone()),
            Subject::Rules(id) => settings
                .scheme(id)
                .map(|s| Rules::new(s, settings).fingerprint()),
            Subject::Consent(id) => Some(consent_value(
                id.parse()
                    .ok()
                    .and_then(|id| partners.get(&id))
                    .is_none_or(|p| p.consent),
            )),
        }
    };
    let present = in_period
        .keys()
        .map(|id| Subject::Session((*id).to_owned()));
    let changes = Trail::of(a, present, now);
    let practice = Practice::new(sessions, a.to);
    let figures: Vec<Figure> = a
        .schemes
        .par_iter()
        .map(|signed| Figure {
            signed: signed.clone(),
            now: settings.scheme(&signed.id).and_then(|scheme| {
                figures(
                    &practice,
                    a.from,
                    partners,
                    settings,
                    std::iter::once(scheme),
                )
                .pop()
            }),
        })
        .collect();
    let differ = figures.iter().any(|f| !f.same());
    let unexplained = changes.iter().any(|c| !c.explained());
    let unaccounted = (differ && changes.is_empty()).then(|| {
        if a.earlier.is_none() || a.consent.is_none() {
            "it was made by an earlier coachlog, which did not record what else its figures rest \
             on (the sessions before the period, the rules, the clients' consent): one of those \
             changed since"
                .to_owned()
        } else {
            "nothing it rests on changed, so the counting itself did: this version of coachlog \
             counts these sessions differently from the one that made it"
                .to_owned()
        }
    });
    let standing = if unexplained || unaccounted.is_some() {
        Standing::Broken
    } else if differ {
        Standing::Reopened
    } else {
        Standing::Holds
    };
    Judgment {
        standing,
        changes,
        figures,
        unaccounted,
    }
}
