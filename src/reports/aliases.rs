//! Stable aliases for partners in exports for others: `Client 01`, `Client 02`, … in order of each
//! partner's first session, so that the same partner gets the same alias in every export.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::id::PartnerId;
use crate::domain::model::Session;

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
    use crate::reports::tests::session;

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
