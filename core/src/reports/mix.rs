//! The client mix the seed warns about: peer vs non-coach, reciprocal vs one-way, and the give and
//! take with each reciprocal partner.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::Clients;
use super::counting::LedgerSlice;
use crate::domain::id::PartnerId;
use crate::domain::model::{Arrangement, ClientType, Role, Session};
use crate::rules::settings::Share;

/// Coaching hours and clients split by client type and by arrangement.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MixTotals {
    /// Minutes coaching fellow coaching students or coaches.
    pub peer_minutes: u64,
    /// Minutes coaching anyone else.
    pub non_coach_minutes: u64,
    /// Distinct peer clients (group members counted).
    pub peer_clients: u32,
    /// Distinct non-coach clients (group members counted).
    pub non_coach_clients: u32,
    /// Minutes of sessions in a reciprocal arrangement.
    pub reciprocal_minutes: u64,
    /// Minutes of one-way sessions.
    pub one_way_minutes: u64,
}

impl MixTotals {
    /// The mix of the coaching (role `coach`) sessions among `sessions`, each judged by its client
    /// type on the day.
    pub fn of<'a>(sessions: impl IntoIterator<Item = &'a Session>) -> Self {
        let mut totals = MixTotals::default();
        let coaching: Vec<&Session> = sessions
            .into_iter()
            .filter(|s| s.role == Role::Coach)
            .collect();
        for s in &coaching {
            let minutes = u64::from(s.minutes.get());
            match s.facts.client_type {
                ClientType::Peer => totals.peer_minutes += minutes,
                ClientType::NonCoach => totals.non_coach_minutes += minutes,
            }
            match s.arrangement {
                Arrangement::Reciprocal => totals.reciprocal_minutes += minutes,
                Arrangement::OneWay => totals.one_way_minutes += minutes,
            }
        }
        let clients = Clients::of(coaching);
        totals.peer_clients = clients.peer;
        totals.non_coach_clients = clients.non_coach;
        totals
    }

    /// All coaching minutes.
    pub fn coaching_minutes(&self) -> u64 {
        self.peer_minutes + self.non_coach_minutes
    }

    /// The share of coaching minutes with non-coach clients, 0 when there are none.
    pub fn non_coach_share(&self) -> f64 {
        match self.coaching_minutes() {
            0 => 0.0,
            total => self.non_coach_minutes as f64 / total as f64,
        }
    }
}

/// Hours given and received with one reciprocal partner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerRow {
    /// The partner.
    pub partner: PartnerId,
    /// Minutes I coached them in a reciprocal arrangement.
    pub given_minutes: u64,
    /// Minutes they coached me.
    pub received_minutes: u64,
}

impl LedgerRow {
    /// Given minus received, in minutes.
    pub fn balance_minutes(&self) -> i64 {
        self.given_minutes as i64 - self.received_minutes as i64
    }
}

/// The `mix` report.
#[derive(Debug, Clone, PartialEq)]
pub struct MixReport {
    /// The last day counted.
    pub as_of: NaiveDate,
    /// The split of coaching hours and clients.
    pub totals: MixTotals,
    /// The target share of non-coach hours.
    pub target: Share,
    /// Non-coach minutes still to log to reach the target (0 when it is reached).
    pub needed_minutes: u64,
    /// One row per reciprocal partner, by partner id.
    pub ledger: Vec<LedgerRow>,
}

impl MixReport {
    /// Whether the share of non-coach hours reaches the target.
    pub fn meets_target(&self) -> bool {
        self.totals.coaching_minutes() > 0 && self.needed_minutes == 0
    }
}

/// The mix of all the coaching of `practice`, and the give and take with what was received.
pub fn of_practice(
    practice: &crate::reports::counting::Practice,
    partners: &crate::reports::Partners,
    target: Share,
) -> MixReport {
    let all = crate::reports::counting::Ledger::count(
        practice,
        crate::reports::counting::Rules::all_coaching(),
        partners,
    );
    mix(all.all(), practice.as_client().iter().copied(), target)
}

/// The mix of the coaching of `all` (a ledger of all coaching) and the give and take with the
/// coaching `received` as client in the same days, judged against `target`.
pub fn mix<'a>(
    all: LedgerSlice<'_, 'a>,
    received: impl IntoIterator<Item = &'a Session>,
    target: Share,
) -> MixReport {
    let coaching: Vec<&Session> = all.counted().map(|c| c.session).collect();
    let received: Vec<&Session> = received.into_iter().collect();
    let totals = MixTotals::of(coaching.iter().copied());
    // The give and take counts what happened: a partner who coached me, or whom I coached in a
    // reciprocal session, is a reciprocal partner, and every hour I coached them was given —
    // whatever their file's arrangement says (`check` names a file the sessions contradict).
    let reciprocal: std::collections::BTreeSet<&PartnerId> = received
        .iter()
        .map(|s| &s.partner)
        .chain(
            coaching
                .iter()
                .filter(|s| s.arrangement == Arrangement::Reciprocal)
                .map(|s| &s.partner),
        )
        .collect();
    let mut ledger: BTreeMap<&PartnerId, LedgerRow> = BTreeMap::new();
    for s in coaching.iter().chain(&received).copied() {
        if !reciprocal.contains(&s.partner) {
            continue;
        }
        let minutes = u64::from(s.minutes.get());
        let row = ledger.entry(&s.partner).or_insert_with(|| LedgerRow {
            partner: s.partner.clone(),
            given_minutes: 0,
            received_minutes: 0,
        });
        match s.role {
            Role::Coach => row.given_minutes += minutes,
            Role::Client => row.received_minutes += minutes,
            // Observing is neither given nor received.
            Role::Observer => {}
        }
    }
    MixReport {
        as_of: all.as_of(),
        needed_minutes: needed_non_coach_minutes(&totals, target),
        totals,
        target,
        ledger: ledger.into_values().collect(),
    }
}

/// The fewest non-coach minutes x that bring the share to `target` (t basis points of W = 10,000):
/// (non_coach + x) / (total + x) ≥ t / W, so x = ⌈(t × total − W × non_coach) / (W − t)⌉; 0 when the
/// target is met. Whole numbers throughout: no rounding can ask for a minute too many or too few.
pub fn needed_non_coach_minutes(totals: &MixTotals, target: Share) -> u64 {
    let whole = u128::from(Share::WHOLE);
    let t = u128::from(target.basis_points());
    let wanted = t * u128::from(totals.coaching_minutes());
    let have = whole * u128::from(totals.non_coach_minutes);
    if wanted <= have {
        return 0;
    }
    // A share is below the whole, so the divisor is positive.
    let x = (wanted - have).div_ceil(whole - t);
    u64::try_from(x).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::counting::{Ledger, Practice, Rules};
    use crate::reports::fixtures::{partners, session};

    #[test]
    fn splits_coaching_hours_and_clients() {
        let sessions = [
            session(
                "alex",
                "2026-01-01",
                60,
                Role::Coach,
                Arrangement::Reciprocal,
            ),
            session(
                "alex",
                "2026-01-02",
                60,
                Role::Client,
                Arrangement::Reciprocal,
            ),
            session("jo", "2026-01-03", 90, Role::Coach, Arrangement::OneWay),
            session("team", "2026-01-04", 30, Role::Coach, Arrangement::OneWay),
        ];
        let t = MixTotals::of(&sessions);
        assert_eq!((t.peer_minutes, t.non_coach_minutes), (60, 120));
        assert_eq!(
            (t.peer_clients, t.non_coach_clients),
            (1, 1 + 6),
            "a group counts its members"
        );
        assert_eq!((t.reciprocal_minutes, t.one_way_minutes), (60, 120));
        assert!((t.non_coach_share() - 2.0 / 3.0).abs() < 1e-12);
    }

    fn half() -> Share {
        Share::from_fraction(0.5).expect("share")
    }

    #[test]
    fn the_suggestion_reaches_the_target_exactly() {
        // 10 h peer, 3.5 h non-coach: (0.5 × 13.5 − 3.5) / 0.5 = 6.5 h.
        let t = MixTotals {
            peer_minutes: 600,
            non_coach_minutes: 210,
            ..Default::default()
        };
        assert_eq!(needed_non_coach_minutes(&t, half()), 390);
        let after = MixTotals {
            non_coach_minutes: 210 + 390,
            ..t.clone()
        };
        assert!((after.non_coach_share() - 0.5).abs() < 1e-12);
        assert_eq!(needed_non_coach_minutes(&after, half()), 0);
        // 1 h peer, target 60%: (0.6 × 1 − 0) / 0.4 = 1.5 h.
        let t = MixTotals {
            peer_minutes: 60,
            ..Default::default()
        };
        assert_eq!(
            needed_non_coach_minutes(&t, Share::from_fraction(0.6).expect("share")),
            90
        );
        assert_eq!(needed_non_coach_minutes(&MixTotals::default(), half()), 0);
        // 1 h peer, target one third: x / (60 + x) ≥ 0.3333 gives 29.997, so 30 minutes.
        let third = Share::from_fraction(0.3333).expect("share");
        assert_eq!(needed_non_coach_minutes(&t, third), 30);
    }

    #[test]
    fn the_ledger_weighs_given_against_received_per_reciprocal_partner() {
        let sessions = [
            session(
                "alex",
                "2026-01-01",
                60,
                Role::Coach,
                Arrangement::Reciprocal,
            ),
            session(
                "alex",
                "2026-01-08",
                60,
                Role::Coach,
                Arrangement::Reciprocal,
            ),
            session(
                "alex",
                "2026-01-02",
                45,
                Role::Client,
                Arrangement::Reciprocal,
            ),
            session(
                "alex",
                "2027-01-02",
                45,
                Role::Client,
                Arrangement::Reciprocal,
            ),
            session("jo", "2026-01-03", 90, Role::Coach, Arrangement::OneWay),
        ];
        let practice = Practice::new(&sessions, "2026-12-31".parse().expect("date"));
        let all = Ledger::count(&practice, Rules::all_coaching(), &partners());
        let report = mix(all.all(), practice.as_client().iter().copied(), half());
        assert_eq!(report.ledger.len(), 1, "one-way partners have no ledger");
        let row = &report.ledger[0];
        assert_eq!(
            (
                row.given_minutes,
                row.received_minutes,
                row.balance_minutes()
            ),
            (120, 45, 75)
        );
        assert!(report.meets_target() == (report.needed_minutes == 0));
    }

    #[test]
    fn the_ledger_counts_what_happened_not_the_arrangement_on_file() {
        // Set up as one-way, Jo coached me as well: every hour I gave Jo is given.
        let sessions = [
            session("jo", "2026-01-03", 600, Role::Coach, Arrangement::OneWay),
            session("jo", "2026-02-03", 320, Role::Coach, Arrangement::OneWay),
            session("jo", "2026-01-10", 375, Role::Client, Arrangement::OneWay),
        ];
        let practice = Practice::new(&sessions, "2026-12-31".parse().expect("date"));
        let all = Ledger::count(&practice, Rules::all_coaching(), &partners());
        let report = mix(all.all(), practice.as_client().iter().copied(), half());
        let row = &report.ledger[0];
        assert_eq!((row.given_minutes, row.received_minutes), (920, 375));
        assert_eq!(
            row.balance_minutes(),
            545,
            "given more than received: nothing owed"
        );
    }
}
