//! The "ICF Client Coaching Log": one row per client with first and last session and paid and pro
//! bono hours, as ICF's own template lays it out, with the clients that must be left off. It is a
//! view of the ledger of the ICF scheme of the lowest level: its sessions and hours are those
//! `summary` counts for ICF on the same day.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::Partners;
use super::counting::{Ledger, LedgerSlice, LeftOut, Practice, Rules, Tally, Verdict};
use crate::domain::id::PartnerId;
use crate::rules::settings::{BalanceRule, Settings};

/// One client's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcfRow {
    /// The partner.
    pub partner: PartnerId,
    /// Members present, for a group (the most at any of its sessions); `None` for an individual.
    pub group_members: Option<u32>,
    /// The first session counted.
    pub start: NaiveDate,
    /// The last session counted.
    pub end: NaiveDate,
    /// Paid minutes (`paid`, and `exchange` as far as the balance rule allows).
    pub paid_minutes: u64,
    /// Pro bono minutes.
    pub pro_bono_minutes: u64,
}

/// The log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcfLog {
    /// The last day of the log.
    pub as_of: NaiveDate,
    /// The first day asked for, if any.
    pub from: Option<NaiveDate>,
    /// One row per client, by first session.
    pub rows: Vec<IcfRow>,
    /// Clients who have not consented to be named: left off the log.
    pub no_consent: Tally,
    /// Whether ICF figures count those clients all the same (`icf.count_unnamed_clients`).
    pub unnamed_counted: bool,
    /// Groups with more members present than ICF's limit: ICF does not count them at all.
    pub over_limit: Tally,
    /// Sessions marked as practice that does not count.
    pub marked: Tally,
    /// ICF's group size limit, from the rules that counted.
    pub group_limit: Option<u32>,
    /// The first day counted (the start of training), if set.
    pub training_start: Option<NaiveDate>,
    /// How exchange minutes counted as paid.
    pub balance_rule: BalanceRule,
    /// Exchange minutes of the rows counted as pro bono under the balance rule.
    pub unbalanced_minutes: u64,
}

impl IcfLog {
    /// Paid minutes of all rows.
    pub fn paid_minutes(&self) -> u64 {
        self.rows.iter().map(|r| r.paid_minutes).sum()
    }

    /// Pro bono minutes of all rows.
    pub fn pro_bono_minutes(&self) -> u64 {
        self.rows.iter().map(|r| r.pro_bono_minutes).sum()
    }
}

/// The ledger the ICF log is a view of: the practice judged by the ICF scheme of the lowest level
/// (`None` only if no ICF scheme exists).
pub fn icf_ledger<'a>(
    practice: &Practice<'a>,
    partners: &Partners,
    settings: &Settings,
) -> Option<Ledger<'a>> {
    let scheme = settings.icf_log_scheme()?;
    Some(Ledger::count(
        practice,
        Rules::new(scheme, settings),
        partners,
    ))
}

#[derive(Default)]
struct Tallied {
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    group: Option<u32>,
    paid: u64,
    pro_bono: u64,
}

/// The log of the sessions of `slice` that the ICF scheme counts and whose client may be named.
pub fn icf_log(slice: LedgerSlice) -> IcfLog {
    let rules = slice.rules();
    let mut log = IcfLog {
        as_of: slice.as_of(),
        from: slice.from(),
        rows: Vec::new(),
        no_consent: Tally::default(),
        unnamed_counted: rules.counts_unnamed,
        over_limit: Tally::default(),
        marked: Tally::default(),
        group_limit: rules.group_limit,
        training_start: rules.counted_from,
        balance_rule: rules.balance,
        unbalanced_minutes: 0,
    };
    let mut tallies: BTreeMap<&PartnerId, Tallied> = BTreeMap::new();
    for entry in slice.entries() {
        let s = entry.session();
        let paid = match entry.verdict() {
            // Counted (the settings say so), but the log cannot show the client.
            Verdict::Counted { named: false, .. } | Verdict::LeftOut(LeftOut::NoConsent) => {
                log.no_consent.add(s);
                continue;
            }
            Verdict::Counted { paid_minutes, .. } => paid_minutes,
            Verdict::LeftOut(LeftOut::GroupOverLimit) => {
                log.over_limit.add(s);
                continue;
            }
            Verdict::LeftOut(LeftOut::Marked(_)) => {
                log.marked.add(s);
                continue;
            }
            Verdict::LeftOut(LeftOut::BeforeTraining) => continue,
        };
        let minutes = entry.minutes();
        if let Some(counted) = entry.counted() {
            log.unbalanced_minutes += counted.unbalanced_minutes();
        }
        let t = tallies.entry(&s.partner).or_default();
        t.first = Some(t.first.map_or(s.date, |d| d.min(s.date)));
        t.last = Some(t.last.map_or(s.date, |d| d.max(s.date)));
        if let Some(members) = s.facts.group_size {
            t.group = Some(t.group.map_or(members.get(), |g| g.max(members.get())));
        }
        t.paid += paid;
        t.pro_bono += minutes - paid;
    }
    for (id, t) in tallies {
        let (Some(first), Some(last)) = (t.first, t.last) else {
            continue;
        };
        log.rows.push(IcfRow {
            partner: id.clone(),
            group_members: t.group,
            start: first,
            end: last,
            paid_minutes: t.paid,
            pro_bono_minutes: t.pro_bono,
        });
    }
    log.rows
        .sort_by(|a, b| (a.start, &a.partner).cmp(&(b.start, &b.partner)));
    log
}

/// The command that records the consent of the clients in `tally`, naming the one client (or the
/// clients after it).
pub fn consent_command(tally: &Tally) -> String {
    let ids: Vec<&str> = tally.partners().map(PartnerId::as_str).collect();
    match ids.as_slice() {
        [one] => format!("`coachlog partner edit {one} --consent`"),
        many => format!("`coachlog partner edit ID --consent` ({})", many.join(", ")),
    }
}

/// What an auditor would reject in a row of the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rejected {
    /// A confidential client shown under an alias, without the organisation contact that backs it.
    AliasWithoutContact,
    /// A group without the contact of a named member.
    GroupWithoutContact,
    /// No contact information, in a log exported with contacts.
    NoContact,
}

/// A row an auditor would reject, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// The row's partner.
    pub partner: PartnerId,
    /// Why.
    pub rejected: Rejected,
}

impl RowProblem {
    /// What is wrong and the command that mends it.
    pub fn message(&self) -> String {
        let id = &self.partner;
        match self.rejected {
            Rejected::AliasWithoutContact => format!(
                "{id} appears in the ICF log under an alias, without the organisation contact that \
                 backs it (ICF asks for the e-mail of the organisation's contact, with a letter): \
                 `coachlog partner edit {id} --contact \"…\"`"
            ),
            Rejected::GroupWithoutContact => format!(
                "{id} is a group in the ICF log without a member's contact (ICF asks for one \
                 member's name and contact for a group): `coachlog partner edit {id} --contact \
                 \"Name <e-mail>\"`"
            ),
            Rejected::NoContact => format!(
                "{id} has no contact information in the ICF log: `coachlog partner edit {id} \
                 --contact \"…\"`"
            ),
        }
    }
}

/// The rows of `log` an auditor would reject: an alias or a group without a contact, and, when the
/// log shows contacts (`contacts_shown`), any client without one.
pub fn audit(log: &IcfLog, partners: &Partners, contacts_shown: bool) -> Vec<RowProblem> {
    log.rows
        .iter()
        .filter_map(|row| {
            let partner = partners.get(&row.partner)?;
            let no_contact = partner
                .contact
                .as_deref()
                .is_none_or(|c| c.trim().is_empty());
            let rejected = if !no_contact {
                return None;
            } else if partner.alias.is_some() {
                Rejected::AliasWithoutContact
            } else if row.group_members.is_some() {
                Rejected::GroupWithoutContact
            } else if contacts_shown {
                Rejected::NoContact
            } else {
                return None;
            };
            Some(RowProblem {
                partner: row.partner.clone(),
                rejected,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Arrangement::{OneWay, Reciprocal};
    use crate::domain::model::Role::{Client, Coach};
    use crate::reports::fixtures::{partners, session};

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn icf(
        sessions: &[crate::domain::model::Session],
        partners: &Partners,
        settings: &Settings,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> IcfLog {
        let practice = Practice::new(sessions, to.unwrap_or(date("2030-01-01")));
        let ledger = icf_ledger(&practice, partners, settings).expect("an ICF scheme");
        icf_log(ledger.since(from))
    }

    #[test]
    fn one_row_per_client_from_the_start_of_training() {
        let sessions = [
            session("jo", "2025-01-01", 60, Coach, OneWay),
            session("jo", "2025-03-01", 90, Coach, OneWay),
            session("jo", "2025-04-01", 30, Coach, OneWay),
            session("alex", "2025-02-01", 60, Coach, Reciprocal),
            session("alex", "2025-02-02", 60, Client, Reciprocal),
            session("team", "2025-05-01", 120, Coach, OneWay),
            session("big", "2025-05-02", 120, Coach, OneWay),
        ];
        let settings = Settings {
            training_start: Some(date("2025-02-01")),
            ..Settings::default()
        };
        let log = icf(&sessions, &partners(), &settings, None, None);
        let rows: Vec<String> = log
            .rows
            .iter()
            .map(|r| {
                format!(
                    "{} {:?} {}..{} paid {} pro bono {}",
                    r.partner, r.group_members, r.start, r.end, r.paid_minutes, r.pro_bono_minutes
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                "alex None 2025-02-01..2025-02-01 paid 60 pro bono 0",
                "jo None 2025-03-01..2025-04-01 paid 0 pro bono 120",
                "team Some(6) 2025-05-01..2025-05-01 paid 0 pro bono 120",
            ]
        );
        assert_eq!(
            (log.over_limit.partners().count(), log.over_limit.minutes),
            (1, 120)
        );
        assert_eq!((log.paid_minutes(), log.pro_bono_minutes()), (60, 240));
    }

    #[test]
    fn clients_without_consent_are_left_off_but_counted_apart() {
        let mut list: Vec<_> = partners().iter().cloned().collect();
        for p in &mut list {
            if p.id.as_str() == "jo" {
                p.consent = false;
            }
        }
        let sessions = [
            session("jo", "2025-03-01", 90, Coach, OneWay),
            session("alex", "2025-03-02", 60, Coach, Reciprocal),
        ];
        let log = icf(
            &sessions,
            &Partners::new(list),
            &Settings::default(),
            None,
            None,
        );
        assert_eq!(log.rows.len(), 1);
        assert_eq!(
            (log.no_consent.partners().count(), log.no_consent.minutes),
            (1, 90)
        );
    }

    #[test]
    fn dates_and_the_balance_rule_apply() {
        let sessions = [
            session("alex", "2025-02-01", 60, Coach, Reciprocal),
            session("alex", "2025-02-08", 60, Coach, Reciprocal),
            session("alex", "2025-02-02", 30, Client, Reciprocal),
            session("alex", "2025-06-02", 600, Client, Reciprocal),
        ];
        let settings = Settings {
            exchange_balance_rule: BalanceRule::PerPartner,
            ..Settings::default()
        };
        let log = icf(
            &sessions,
            &partners(),
            &settings,
            None,
            Some(date("2025-03-01")),
        );
        assert_eq!(
            (log.rows[0].paid_minutes, log.rows[0].pro_bono_minutes),
            (30, 90)
        );
        let log = icf(
            &sessions,
            &partners(),
            &settings,
            Some(date("2025-02-05")),
            None,
        );
        assert_eq!(log.rows[0].start, date("2025-02-08"));
        assert_eq!(log.rows[0].paid_minutes, 60);
    }
}
