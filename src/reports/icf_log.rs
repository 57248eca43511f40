//! The "ICF Client Coaching Log": one row per client with first and last session and paid and pro
//! bono hours, as ICF's own template lays it out, with the clients that must be left off.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{Partners, received_by_partner, split_exchange};
use crate::domain::id::PartnerId;
use crate::domain::model::{Payment, Role, Session};
use crate::rules::settings::Settings;

/// One client's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcfRow {
    /// The partner.
    pub partner: PartnerId,
    /// Members, for a group; `None` for an individual.
    pub group_members: Option<u32>,
    /// The first session counted.
    pub start: NaiveDate,
    /// The last session counted.
    pub end: NaiveDate,
    /// Paid minutes (`paid`, and `exchange` within the balance rule if it applies).
    pub paid_minutes: u64,
    /// Pro bono minutes.
    pub pro_bono_minutes: u64,
}

/// Clients left off the log for one reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeftOff {
    /// How many partners.
    pub partners: u32,
    /// Their coaching minutes.
    pub minutes: u64,
}

/// The log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcfLog {
    /// One row per client, by first session.
    pub rows: Vec<IcfRow>,
    /// Clients who did not consent to be named: their hours count for ICF, but they are not listed.
    pub no_consent: LeftOff,
    /// Groups larger than ICF's limit: ICF does not count them at all.
    pub over_limit: LeftOff,
    /// ICF's group size limit, from the ICF scheme of the lowest level.
    pub group_limit: Option<u32>,
    /// The first day counted (the start of training), if set.
    pub training_start: Option<NaiveDate>,
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

#[derive(Default)]
struct Tally {
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    paid: u64,
    exchange: u64,
    pro_bono: u64,
}

/// The log of coaching sessions from the start of training (and `from`) up to `to`.
pub fn icf_log(
    sessions: &[Session],
    partners: &Partners,
    settings: &Settings,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> IcfLog {
    let group_limit = settings
        .lowest_scheme_of_body("ICF")
        .and_then(|s| s.group_limit);
    let start = settings.training_start.max(from);
    let mut tallies: BTreeMap<&PartnerId, Tally> = BTreeMap::new();
    let received = received_by_partner(sessions, to);
    for s in sessions.iter().filter(|s| to.is_none_or(|to| s.date <= to)) {
        let minutes = u64::from(s.minutes.get());
        if s.role == Role::Client || start.is_some_and(|start| s.date < start) {
            continue;
        }
        let t = tallies.entry(&s.partner).or_default();
        t.first = Some(t.first.map_or(s.date, |d| d.min(s.date)));
        t.last = Some(t.last.map_or(s.date, |d| d.max(s.date)));
        match s.payment {
            Payment::Paid => t.paid += minutes,
            Payment::Exchange => t.exchange += minutes,
            Payment::ProBono => t.pro_bono += minutes,
        }
    }

    let mut log = IcfLog {
        rows: Vec::new(),
        no_consent: LeftOff::default(),
        over_limit: LeftOff::default(),
        group_limit,
        training_start: settings.training_start,
    };
    for (id, t) in tallies {
        let (Some(first), Some(last)) = (t.first, t.last) else {
            continue;
        };
        let (exchange_paid, exchange_unpaid) = split_exchange(
            t.exchange,
            received.get(id).copied().unwrap_or(0),
            settings.exchange_balance_rule,
        );
        let total = t.paid + t.exchange + t.pro_bono;
        let partner = partners.get(id);
        let members = partner.and_then(|p| p.group_size).map(|g| g.get());
        if members.is_some_and(|m| group_limit.is_some_and(|limit| m > limit)) {
            log.over_limit.partners += 1;
            log.over_limit.minutes += total;
        } else if partner.is_some_and(|p| !p.consent) {
            log.no_consent.partners += 1;
            log.no_consent.minutes += total;
        } else {
            log.rows.push(IcfRow {
                partner: id.clone(),
                group_members: members,
                start: first,
                end: last,
                paid_minutes: t.paid + exchange_paid,
                pro_bono_minutes: t.pro_bono + exchange_unpaid,
            });
        }
    }
    log.rows
        .sort_by(|a, b| (a.start, &a.partner).cmp(&(b.start, &b.partner)));
    log
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Arrangement::{OneWay, Reciprocal};
    use crate::domain::model::Role::{Client, Coach};
    use crate::reports::tests::{partners, session};

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("date")
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
        let log = icf_log(&sessions, &partners(), &settings, None, None);
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
            log.over_limit,
            LeftOff {
                partners: 1,
                minutes: 120
            }
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
        let log = icf_log(
            &sessions,
            &Partners::new(list),
            &Settings::default(),
            None,
            None,
        );
        assert_eq!(log.rows.len(), 1);
        assert_eq!(
            log.no_consent,
            LeftOff {
                partners: 1,
                minutes: 90
            }
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
            exchange_balance_rule: true,
            ..Settings::default()
        };
        let log = icf_log(
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
        let log = icf_log(
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
