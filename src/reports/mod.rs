//! Reports: pure functions of (sessions, rules, as-of date) that the commands render. Nothing here
//! reads files or the clock.

pub mod activity;
pub mod aliases;
pub mod feedback;
pub mod icf_log;
pub mod mix;
pub mod stats;
pub mod summary;

use std::collections::HashMap;

use crate::domain::id::PartnerId;
use chrono::NaiveDate;

use crate::domain::model::{ClientType, Partner, Role, Session};

/// The partners, by id, as reports need them.
#[derive(Debug, Clone, Default)]
pub struct Partners {
    by_id: HashMap<PartnerId, Partner>,
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

    /// The partner's client type, if the partner exists.
    pub fn client_type(&self, id: &PartnerId) -> Option<ClientType> {
        self.get(id).map(|p| p.client_type)
    }

    /// Every partner, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &Partner> {
        self.by_id.values()
    }

    /// How many clients the partner is: a group's members, else one.
    pub fn members(&self, id: &PartnerId) -> u32 {
        self.get(id).map_or(1, Partner::members)
    }
}

/// Minutes each partner coached me (client-role sessions) up to `up_to`, if given: what the balance
/// rule weighs exchange hours against.
pub fn received_by_partner(
    sessions: &[Session],
    up_to: Option<NaiveDate>,
) -> HashMap<&PartnerId, u64> {
    let mut received: HashMap<&PartnerId, u64> = HashMap::new();
    for s in sessions
        .iter()
        .filter(|s| s.role == Role::Client && up_to.is_none_or(|d| s.date <= d))
    {
        *received.entry(&s.partner).or_default() += u64::from(s.minutes.get());
    }
    received
}

/// Exchange minutes split into those that count as paid and those that do not: all are paid, unless
/// the balance rule caps them at the minutes received from the same partner.
pub fn split_exchange(
    exchange_minutes: u64,
    received_minutes: u64,
    balance_rule: bool,
) -> (u64, u64) {
    if balance_rule {
        let paid = exchange_minutes.min(received_minutes);
        (paid, exchange_minutes - paid)
    } else {
        (exchange_minutes, 0)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    //! Helpers shared by the reports' tests.

    use super::*;
    use crate::domain::duration::Minutes;
    use crate::domain::model::{Arrangement, GroupSize, Payment, Role, Session};

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

    /// A session; payment `exchange` for a reciprocal one, else `pro-bono`.
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
            notes: None,
            reflection: None,
        }
    }
}
