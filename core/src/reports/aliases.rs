//! Stable aliases for partners in exports for others: `Client 01`, `Client 02`, … in order of each
//! partner's first session, so that the same partner gets the same alias in every export; and the
//! one rule of how a partner is named to someone else ([`Namer`]).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::Partners;
use crate::domain::id::PartnerId;
use crate::domain::model::Session;

/// How every output for someone else names a partner: by the name they go by there (their alias,
/// such as an organisation's "Confidential Client 1", else their name); by a stable alias
/// (`Client 07`) when they have not consented to be named and the output leaves such clients
/// unnamed, or when every partner is to be anonymous.
#[derive(Debug, Clone)]
pub struct Namer {
    aliases: Option<BTreeMap<PartnerId, String>>,
    /// Every partner under an alias.
    all: bool,
    /// Those who have not consented under an alias.
    unconsented: bool,
}

impl Namer {
    /// The names of `partners`, with stable aliases in order of each one's first session among
    /// `sessions` where they are needed.
    pub fn new<'s>(
        sessions: impl IntoIterator<Item = &'s Session>,
        partners: &Partners,
        anonymize: bool,
        unconsented_unnamed: bool,
    ) -> Self {
        Namer {
            aliases: (anonymize || unconsented_unnamed)
                .then(|| aliases(sessions, partners.iter().map(|p| &p.id))),
            all: anonymize,
            unconsented: unconsented_unnamed,
        }
    }

    /// Whether the partner `id` goes under a stable alias.
    pub fn hides(&self, id: &PartnerId, partners: &Partners) -> bool {
        self.all || (self.unconsented && partners.get(id).is_none_or(|p| !p.consent))
    }

    /// The partner `id` as the output names them (the id, for a session whose partner file is
    /// missing).
    pub fn name(&self, id: &PartnerId, partners: &Partners) -> String {
        match &self.aliases {
            Some(aliases) if self.hides(id, partners) => {
                aliases.get(id).cloned().unwrap_or_else(|| id.to_string())
            }
            _ => partners.get(id).map_or_else(
                || id.to_string(),
                |p| p.alias.clone().unwrap_or_else(|| p.name.clone()),
            ),
        }
    }
}

/// The alias of every partner: those with sessions in order of their first session (then by id),
/// then those without, by id.
pub fn aliases<'s, 'p>(
    sessions: impl IntoIterator<Item = &'s Session>,
    partner_ids: impl IntoIterator<Item = &'p PartnerId>,
) -> BTreeMap<PartnerId, String> {
    let mut first: BTreeMap<&PartnerId, NaiveDate> = BTreeMap::new();
    for s in sessions {
        first
            .entry(&s.partner)
            .and_modify(|d| *d = (*d).min(s.date))
            .or_insert(s.date);
    }
    let mut order: Vec<(Option<NaiveDate>, &PartnerId)> =
        first.iter().map(|(id, date)| (Some(*date), *id)).collect();
    for id in partner_ids {
        if !first.contains_key(id) {
            order.push((None, id));
        }
    }
    // Partners with sessions first (None sorts before Some, hence the flag), by date then id.
    order.sort_by_key(|(date, id)| (date.is_none(), *date, *id));
    order.dedup_by_key(|(_, id)| *id);
    order
        .into_iter()
        .enumerate()
        .map(|(i, (_, id))| (id.clone(), format!("Client {:02}", i + 1)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Arrangement, Role};
    use crate::reports::fixtures::session;

    #[test]
    fn aliases_follow_the_first_session_and_do_not_depend_on_input_order() {
        let sessions = vec![
            session("jo", "2026-03-01", 60, Role::Coach, Arrangement::OneWay),
            session(
                "alex",
                "2026-02-01",
                60,
                Role::Client,
                Arrangement::Reciprocal,
            ),
            session("jo", "2026-01-15", 60, Role::Coach, Arrangement::OneWay),
            session("team", "2026-01-15", 60, Role::Coach, Arrangement::OneWay),
        ];
        let ids: Vec<PartnerId> = ["alex", "big", "jo", "team"]
            .iter()
            .map(|s| s.parse().expect("id"))
            .collect();
        let a = aliases(&sessions, &ids);
        let alias = |id: &str| a[&id.parse::<PartnerId>().expect("id")].clone();
        assert_eq!(
            alias("jo"),
            "Client 01",
            "first session 2026-01-15, and jo < team"
        );
        assert_eq!(alias("team"), "Client 02");
        assert_eq!(alias("alex"), "Client 03");
        assert_eq!(alias("big"), "Client 04", "no sessions: last");
        let mut reversed = sessions.clone();
        reversed.reverse();
        assert_eq!(aliases(&reversed, ids.iter().rev()), a);
    }
}
