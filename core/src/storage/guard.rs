//! The guard of attested periods, in the write path itself: every write of a session, of the
//! settings and of a client's consent passes through it, so that no command can change what an
//! attestation signed by forgetting to ask. A change that touches what an attested period rests on
//! — a session of the period, a session before it (the totals up to its last day rest on those
//! too), the rules a scheme judged it by, or whether a client could be named — is refused unless
//! the command was given a reason ([`Store::reopen_for`], from `--reopen --reason`). With one, the
//! change is recorded on each attestation it touches, with the value it changed from and to,
//! before the change is written (see [`crate::domain::attestation::Trail`]).

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;

use super::Store;
use super::development::KeptFile;
use super::files;
use crate::domain::attestation::{
    Attestation, Reopening, Subject, Value, consent_value, earlier_of, session_hash,
};
use crate::domain::model::Session;
use crate::rules::judging::Rules;
use crate::rules::settings::Settings;

/// What the guard knows in one run, under the lock: the attestations, and — once a change before
/// a period needs it — every session's date and hash, kept up to date with the run's own changes.
#[derive(Debug, Default)]
pub(super) struct GuardState {
    /// Why the command may change attested periods (`--reopen --reason`).
    reason: Option<String>,
    attestations: Option<Vec<KeptFile<Attestation>>>,
    hashes: Option<BTreeMap<String, (NaiveDate, String)>>,
}

/// One session's change, as the guard weighs it: its id, and its date and hash before and after
/// (`None`: it does not exist then).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionChange {
    /// The session's id.
    pub id: String,
    /// Its date and hash before the change.
    pub before: Option<(NaiveDate, String)>,
    /// Its date and hash after.
    pub after: Option<(NaiveDate, String)>,
}

impl SessionChange {
    /// The change of `before` into `after` (either absent: added or removed).
    pub fn of(id: &str, before: Option<&Session>, after: Option<&Session>) -> Self {
        let facts = |s: &Session| (s.date, session_hash(s));
        SessionChange {
            id: id.to_owned(),
            before: before.map(facts),
            after: after.map(facts),
        }
    }

    /// Whether it changes any counted fact.
    fn changes(&self) -> bool {
        self.before != self.after
    }

    /// Its hash on a side, when that side is dated within `from..=to`.
    fn in_period(side: &Option<(NaiveDate, String)>, from: NaiveDate, to: NaiveDate) -> Value {
        side.as_ref()
            .filter(|(date, _)| from <= *date && *date <= to)
            .map(|(_, sha)| sha.clone())
    }

    /// Whether a side is dated before `from`.
    fn before_period(side: &Option<(NaiveDate, String)>, from: NaiveDate) -> bool {
        side.as_ref().is_some_and(|(date, _)| *date < from)
    }

    /// The earliest day it touches.
    fn day(&self) -> Option<NaiveDate> {
        [&self.before, &self.after]
            .into_iter()
            .flatten()
            .map(|(d, _)| *d)
            .min()
    }
}

/// A reopening to write on an attestation's file.
#[derive(Debug)]
pub(super) struct Pending {
    /// The attestation's index in the guard's list.
    index: usize,
    reopening: Reopening,
}

impl Store {
    /// Allows the changes of this run that touch attested periods, for `reason`: each is recorded
    /// on the attestations it changes. Without a reason (`None`) they are refused.
    pub fn reopen_for(&self, reason: Option<String>) {
        self.guard_state().reason = reason;
    }

    fn guard_state(&self) -> std::sync::MutexGuard<'_, GuardState> {
        self.guard
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Forgets what the guard read (at each lock: another process may have changed it since).
    pub(super) fn forget_guard_state(&self) {
        let mut state = self.guard_state();
        state.attestations = None;
        state.hashes = None;
    }

    /// The attestations, read once per lock.
    fn guarded_attestations(&self) -> Result<Vec<KeptFile<Attestation>>> {
        if let Some(found) = &self.guard_state().attestations {
            return Ok(found.clone());
        }
        let found = if self.kept_dir::<Attestation>().is_dir() {
            self.kept::<Attestation>()?
        } else {
            Vec::new()
        };
        self.guard_state().attestations = Some(found.clone());
        Ok(found)
    }

    /// Every session's date and hash, read once per lock (only a change before an attested period
    /// needs them).
    fn guarded_hashes(&self) -> Result<BTreeMap<String, (NaiveDate, String)>> {
        if let Some(found) = &self.guard_state().hashes {
            return Ok(found.clone());
        }
        let partners = self.partners()?;
        let found: BTreeMap<String, (NaiveDate, String)> = self
            .sessions(&partners)?
            .iter()
            .map(|s| (s.id.clone(), (s.date, session_hash(s))))
            .collect();
        self.guard_state().hashes = Some(found.clone());
        Ok(found)
    }

    /// Refuses, without a reason, a change of sessions that touches an attested period; the
    /// error names the first day and the attestation. Cheap: nothing but the attestations is read.
    pub fn check_sessions_change(&self, changes: &[SessionChange]) -> Result<()> {
        let changes: Vec<&SessionChange> = changes.iter().filter(|c| c.changes()).collect();
        if changes.is_empty() || self.guard_state().reason.is_some() {
            return Ok(());
        }
        for k in self.guarded_attestations()? {
            let a = &k.record;
            if !a.stands() {
                continue;
            }
            for c in &changes {
                let in_period = SessionChange::in_period(&c.before, a.from, a.to)
                    != SessionChange::in_period(&c.after, a.from, a.to);
                let before = SessionChange::before_period(&c.before, a.from)
                    || SessionChange::before_period(&c.after, a.from);
                if !(in_period || before) {
                    continue;
                }
                let day = c.day().unwrap_or(a.to);
                let message = if a.covers(day) || !before {
                    let day = [&c.before, &c.after]
                        .into_iter()
                        .flatten()
                        .map(|(d, _)| *d)
                        .find(|d| a.covers(*d))
                        .unwrap_or(day);
                    format!(
                        "{day} is in the period attested as {} ({} to {}): a change there needs \
                         --reopen --reason \"…\", which the attestation records",
                        a.id, a.from, a.to
                    )
                } else {
                    format!(
                        "{day} is before the period attested as {} ({} to {}), whose totals up to \
                         {} count it: a change there needs --reopen --reason \"…\", which the \
                         attestation records",
                        a.id, a.from, a.to, a.to
                    )
                };
                return Err(crate::error::refused(message));
            }
        }
        Ok(())
    }

    /// The reopenings a change of sessions makes (after [`Store::check_sessions_change`]).
    pub(super) fn sessions_reopenings(&self, changes: &[SessionChange]) -> Result<Vec<Pending>> {
        self.check_sessions_change(changes)?;
        let changes: Vec<&SessionChange> = changes.iter().filter(|c| c.changes()).collect();
        if changes.is_empty() {
            return Ok(Vec::new());
        }
        let Some(reason) = self.guard_state().reason.clone() else {
            return Ok(Vec::new());
        };
        let attestations = self.guarded_attestations()?;
        let mut pending = Vec::new();
        let mut hashes = None;
        for (index, k) in attestations.iter().enumerate() {
            let a = &k.record;
            if !a.stands() {
                continue;
            }
            let mut touches_earlier = false;
            for c in &changes {
                let was = SessionChange::in_period(&c.before, a.from, a.to);
                let now = SessionChange::in_period(&c.after, a.from, a.to);
                if was != now {
                    pending.push(Pending {
                        index,
                        reopening: Reopening {
                            on: self.today(),
                            subject: Subject::Session(c.id.clone()),
                            reason: reason.clone(),
                            change: Some((was, now)),
                        },
                    });
                }
                touches_earlier |= SessionChange::before_period(&c.before, a.from)
                    || SessionChange::before_period(&c.after, a.from);
            }
            if touches_earlier {
                if hashes.is_none() {
                    hashes = Some(self.guarded_hashes()?);
                }
                let all = hashes.as_ref().expect("read above");
                let was = earlier(all, a.from);
                let mut after = all.clone();
                apply(&mut after, changes.iter().copied());
                let now = earlier(&after, a.from);
                if was != now {
                    pending.push(Pending {
                        index,
                        reopening: Reopening {
                            on: self.today(),
                            subject: Subject::Earlier,
                            reason: reason.clone(),
                            change: Some((Some(was), Some(now))),
                        },
                    });
                }
            }
        }
        Ok(pending)
    }

    /// Passes a change of sessions through the guard: refused without a reason where it touches
    /// an attested period; with one, recorded on each attestation it touches; then `write` makes
    /// it.
    pub(super) fn guarded<T>(
        &self,
        changes: &[SessionChange],
        write: impl FnOnce() -> Result<T>,
    ) -> Result<T> {
        let pending = self.sessions_reopenings(changes)?;
        self.record_reopenings(pending)?;
        let written = write()?;
        if let Some(hashes) = &mut self.guard_state().hashes {
            apply(hashes, changes.iter());
        }
        Ok(written)
    }

    /// Passes a change of the settings through the guard: refused without a reason where it
    /// changes the rules an attested period was judged by; with one, recorded.
    pub(super) fn guard_settings(
        &self,
        before: &Settings,
        after: &Settings,
        what: &str,
        record: bool,
    ) -> Result<()> {
        let rules = |settings: &Settings, id: &str| -> Value {
            settings
                .scheme(id)
                .map(|scheme| Rules::new(scheme, settings).fingerprint())
        };
        let mut pending = Vec::new();
        for (index, k) in self.guarded_attestations()?.iter().enumerate() {
            let a = &k.record;
            if !a.stands() {
                continue;
            }
            for s in a.schemes.iter().filter(|s| s.rules.is_some()) {
                let (was, now) = (rules(before, &s.id), rules(after, &s.id));
                if was == now {
                    continue;
                }
                let Some(reason) = self.guard_state().reason.clone() else {
                    let terms = match (&was, &now) {
                        (Some(was), Some(now)) => {
                            crate::domain::attestation::rule_differences(was, now).join(", ")
                        }
                        _ => format!("{} is gone", s.id),
                    };
                    return Err(crate::error::refused(format!(
                        "{what} changes the rules attestation {} ({} to {}) judged {} by ({terms}): \
                         a change of them needs --reopen --reason \"…\", which the attestation \
                         records",
                        a.id, a.from, a.to, s.name
                    )));
                };
                pending.push(Pending {
                    index,
                    reopening: Reopening {
                        on: self.today(),
                        subject: Subject::Rules(s.id.clone()),
                        reason,
                        change: Some((was, now)),
                    },
                });
            }
        }
        if record {
            self.record_reopenings(pending)?;
        }
        Ok(())
    }

    /// Passes a change of a client's consent through the guard: refused without a reason where an
    /// attested period counted that client; with one, recorded.
    pub(super) fn guard_consent(
        &self,
        partner: &str,
        before: bool,
        after: bool,
        record: bool,
    ) -> Result<()> {
        if before == after {
            return Ok(());
        }
        let mut pending = Vec::new();
        for (index, k) in self.guarded_attestations()?.iter().enumerate() {
            let a = &k.record;
            if !a.stands() || !a.consent.as_ref().is_some_and(|c| c.contains_key(partner)) {
                continue;
            }
            let Some(reason) = self.guard_state().reason.clone() else {
                return Err(crate::error::refused(format!(
                    "{partner}'s consent to be named decides the figures attestation {} ({} to {}) \
                     signed: a change of it needs --reopen --reason \"…\", which the attestation \
                     records",
                    a.id, a.from, a.to
                )));
            };
            pending.push(Pending {
                index,
                reopening: Reopening {
                    on: self.today(),
                    subject: Subject::Consent(partner.to_owned()),
                    reason,
                    change: Some((Some(consent_value(before)), Some(consent_value(after)))),
                },
            });
        }
        if record {
            self.record_reopenings(pending)?;
        }
        Ok(())
    }

    /// Refuses, without a reason, a change of a client's consent where an attested period counted
    /// them (nothing is recorded: the write that makes the change does that).
    pub fn check_consent_change(&self, partner: &str, before: bool, after: bool) -> Result<()> {
        self.guard_consent(partner, before, after, false)
    }

    /// Writes each reopening on its attestation's file (one rewrite per file), and says so.
    pub(super) fn record_reopenings(&self, pending: Vec<Pending>) -> Result<()> {
        if pending.is_empty() {
            return Ok(());
        }
        let mut attestations = self.guarded_attestations()?;
        let mut by_file: BTreeMap<usize, Vec<Reopening>> = BTreeMap::new();
        for p in pending {
            by_file.entry(p.index).or_default().push(p.reopening);
        }
        for (index, reopenings) in by_file {
            let k = &mut attestations[index];
            let path: PathBuf = k.path.clone();
            let mut text = files::read_regular(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            for r in &reopenings {
                text = super::attestation::with_reopening(&path, &text, r)?;
            }
            files::replace(&path, &text)
                .with_context(|| format!("cannot write {}", path.display()))?;
            let subjects: Vec<String> = reopenings.iter().map(|r| r.subject.describe()).collect();
            self.tell(super::Notice::Reopened {
                id: k.record.id.clone(),
                from: k.record.from,
                to: k.record.to,
                subjects,
                reason: reopenings[0].reason.clone(),
            });
            k.record.reopened.extend(reopenings);
        }
        self.guard_state().attestations = Some(attestations);
        Ok(())
    }

    /// Today, as the store knows it (the clock's, where no date was given).
    fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

/// The digest value of the sessions before `from` among `hashes`.
fn earlier(hashes: &BTreeMap<String, (NaiveDate, String)>, from: NaiveDate) -> String {
    earlier_of(
        hashes
            .iter()
            .filter(|(_, (date, _))| *date < from)
            .map(|(id, (_, sha))| (id.clone(), sha.clone())),
    )
    .value()
}

/// `hashes` with `changes` made.
fn apply<'a>(
    hashes: &mut BTreeMap<String, (NaiveDate, String)>,
    changes: impl Iterator<Item = &'a SessionChange>,
) {
    for c in changes {
        match &c.after {
            Some(after) => {
                hashes.insert(c.id.clone(), after.clone());
            }
            None => {
                hashes.remove(&c.id);
            }
        }
    }
}
