//! Reports: pure functions of (sessions, rules, as-of date) that the commands render. Nothing here
//! reads files or the clock.

pub mod activity;
pub mod aliases;
pub mod attested;
pub mod counting;
pub mod credential;
pub mod due;
pub mod engagement;
pub mod feedback;
pub mod icf_log;
pub mod mix;
pub mod plan;
pub mod receipts;
pub mod renewal;
pub mod report;
pub mod requirement;
pub mod rules_diff;
pub mod stats;
pub mod summary;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use crate::domain::id::PartnerId;
use crate::domain::model::{ClientType, Partner, Session};

/// The partners, by id, as reports need them.
#[derive(Debug, Clone, Default)]
pub struct Partners {
    by_id: FxHashMap<PartnerId, Partner>,
}

impl Partners {
    /// The partners in `list`.
    pub fn new(list: impl IntoIterator<Item = Partner>) -> Self {
        Partners {
            by_id: list.into_iter().map(|p| (p.id.clone(), p)).collect(),
        }
    }

    /// The partner with this id.
    pub fn get(&self, id: &PartnerId) -> Option<&Partner> {
        self.by_id.get(id)
    }

    /// Every partner, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &Partner> {
        self.by_id.values()
    }
}

/// Distinct clients, split by client type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Clients {
    /// Fellow coaching students or coaches.
    pub peer: u32,
    /// Anyone else.
    pub non_coach: u32,
}

impl Clients {
    /// Distinct clients among `sessions`, each partner once: a group with the most members present at
    /// any of its sessions (a lower bound on the people coached), and under the client type of its
    /// latest session, so that peer and non-coach add up to the whole.
    pub fn of<'a>(sessions: impl IntoIterator<Item = &'a Session>) -> Self {
        // The latest session is the one with the greatest date, then id: the same whatever the order.
        type Latest<'s> = ((NaiveDate, &'s str), ClientType, u32);
        let mut by_partner: FxHashMap<&PartnerId, Latest> = FxHashMap::default();
        for s in sessions {
            let key = (s.date, s.id.as_str());
            let (latest, client_type, members) =
                by_partner
                    .entry(&s.partner)
                    .or_insert((key, s.facts.client_type, 0));
            if key >= *latest {
                *latest = key;
                *client_type = s.facts.client_type;
            }
            *members = (*members).max(s.members());
        }
        let mut clients = Clients::default();
        for (_, client_type, members) in by_partner.into_values() {
            match client_type {
                ClientType::Peer => clients.peer += members,
                ClientType::NonCoach => clients.non_coach += members,
            }
        }
        clients
    }

    /// All of them.
    pub fn total(self) -> u32 {
        self.peer + self.non_coach
    }
}

#[cfg(any(test, feature = "testing"))]
pub mod fixtures {
    //! Partners and sessions for tests: the core's own, and (with the `testing` feature) those of
    //! a front end's views.

    use super::*;
    use crate::domain::duration::Minutes;
    use crate::domain::model::{
        Arrangement, FactsFrom, GroupSize, Payment, Role, Session, SessionFacts,
    };

    /// `alex` (peer, reciprocal), `jo` (non-coach), `team` (non-coach group of 6), `big` (non-coach
    /// group of 20).
    pub fn partners() -> Partners {
        let make = |id: &str, client_type, group: Option<u32>| {
            let mut p = Partner::new(id.parse().expect("id"), id.to_owned(), client_type);
            p.group_size = group.and_then(GroupSize::new);
            p
        };
        Partners::new([
            make("alex", ClientType::Peer, None),
            make("jo", ClientType::NonCoach, None),
            make("team", ClientType::NonCoach, Some(6)),
            make("big", ClientType::NonCoach, Some(20)),
        ])
    }

    /// A session judged by its partner's facts (in [`partners`]; another id is a non-coach individual);
    /// payment `exchange`
    /// for a reciprocal one, else `pro-bono`.
    pub fn session(
        partner: &str,
        date: &str,
        minutes: u32,
        role: Role,
        arrangement: Arrangement,
    ) -> Session {
        Session {
            id: format!("{partner}{date}{minutes}"),
            date: date.parse().expect("date"),
            partner: partner.parse().expect("id"),
            minutes: Minutes::new(minutes).expect("minutes"),
            role,
            payment: Payment::default_for(arrangement),
            arrangement,
            facts: partners().get(&partner.parse().expect("id")).map_or(
                SessionFacts {
                    client_type: ClientType::NonCoach,
                    group_size: None,
                },
                Partner::facts,
            ),
            facts_from: FactsFrom::Session,
            not_counted: None,
            notes: None,
            reflection: None,
            competencies: Vec::new(),
            feedback: None,
            calendar: None,
            inbox: None,
        }
    }
}
