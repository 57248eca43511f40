//! Engagements: the coaching given to one partner, or received from one, as a scheme that asks
//! for them counts it — a German body's documented engagements ("2 given and 1 received, each of
//! at least 3 sessions"), ICF ACTC's team coaching engagements. Judged from the scheme's ledger,
//! so a session the scheme leaves out (before training, marked not counted, a group over its
//! limit) is in no engagement.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::counting::Ledger;
use super::requirement::{Figure, Requirement, RequirementKind, Shortfall};
use crate::domain::id::PartnerId;
use crate::domain::model::{Format, Session};
use crate::rules::dates;
use crate::rules::scheme::EngagementRule;

/// The sessions with one partner in one role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Engagement {
    /// The partner.
    pub partner: PartnerId,
    /// The sessions that count.
    pub sessions: u32,
    /// Their minutes.
    pub minutes: u64,
    /// The first and the last of them.
    pub first: NaiveDate,
    /// The last.
    pub last: NaiveDate,
    /// Whether it has the sessions an engagement needs.
    pub complete: bool,
}

/// The engagements a scheme counts, given and received, complete or not yet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EngagementCount {
    /// Coaching given, one per partner, in the order of their first session.
    pub given: Vec<Engagement>,
    /// Coaching received, likewise.
    pub received: Vec<Engagement>,
    /// The first day a session counts (the window's), when the rule has a window.
    pub from: Option<NaiveDate>,
}

fn complete(engagements: &[Engagement]) -> u32 {
    let n = engagements.iter().filter(|e| e.complete).count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The engagements of `ledger` under `rule`: the coaching it counts and the coaching received it
/// counts, in its window, grouped by partner.
pub fn count(ledger: &Ledger, rule: &EngagementRule) -> EngagementCount {
    let from = rule
        .months
        .map(|months| dates::recent_window(ledger.as_of(), months).0);
    let wanted = |s: &&Session| {
        from.is_none_or(|from| s.date >= from)
            && (!rule.groups_only || s.facts.format() == Format::Group)
    };
    let given: Vec<&Session> = ledger
        .since(from)
        .counted()
        .map(|c| c.session)
        .filter(wanted)
        .collect();
    let received: Vec<&Session> = ledger.received().iter().copied().filter(wanted).collect();
    EngagementCount {
        given: by_partner(&given, rule.sessions),
        received: by_partner(&received, rule.sessions),
        from,
    }
}

/// The sessions (in date order) grouped by partner, in the order of each partner's first.
fn by_partner(sessions: &[&Session], needed: u32) -> Vec<Engagement> {
    let mut found: BTreeMap<&PartnerId, Engagement> = BTreeMap::new();
    for s in sessions {
        let e = found.entry(&s.partner).or_insert_with(|| Engagement {
            partner: s.partner.clone(),
            sessions: 0,
            minutes: 0,
            first: s.date,
            last: s.date,
            complete: false,
        });
        e.sessions += 1;
        e.minutes += u64::from(s.minutes.get());
        e.first = e.first.min(s.date);
        e.last = e.last.max(s.date);
        e.complete = e.sessions >= needed;
    }
    let mut all: Vec<Engagement> = found.into_values().collect();
    all.sort_by(|a, b| (a.first, &a.partner).cmp(&(b.first, &b.partner)));
    all
}

/// The requirements of `rule` judged from `count`: engagements given, then received, each asked
/// for.
pub fn requirements(rule: &EngagementRule, count: &EngagementCount) -> Vec<Requirement> {
    let mut found = Vec::new();
    let mut judge = |kind, required: u32, engagements: &[Engagement]| {
        if required == 0 {
            return;
        }
        let actual = complete(engagements);
        found.push(Requirement::judged(
            kind,
            Figure::Count(required),
            Figure::Count(actual),
            || Shortfall::Engagements {
                more: required - actual,
                sessions: rule.sessions,
                started: engagements
                    .iter()
                    .filter(|e| !e.complete)
                    .map(|e| e.sessions)
                    .collect(),
            },
        ));
    };
    judge(RequirementKind::EngagementsGiven, rule.given, &count.given);
    judge(
        RequirementKind::EngagementsReceived,
        rule.received,
        &count.received,
    );
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::development::{Credential, Development};
    use crate::domain::model::{Arrangement, GroupSize, NotCounted, Role};
    use crate::reports::counting::{Practice, Rules};
    use crate::reports::credential::beyond;
    use crate::reports::fixtures::{partners, session};
    use crate::rules::scheme::{self, SchemeFigures};
    use crate::rules::settings::Settings;

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn coached(partner: &str, day: &str) -> Session {
        session(partner, day, 60, Role::Coach, Arrangement::OneWay)
    }

    fn received(partner: &str, day: &str) -> Session {
        session(partner, day, 60, Role::Client, Arrangement::OneWay)
    }

    /// A German body's documented engagements: 2 given and 1 received, each of at least 3
    /// sessions.
    fn german() -> crate::rules::scheme::Scheme {
        let mut overrides = std::collections::BTreeMap::new();
        overrides.insert(
            "dcg".to_owned(),
            SchemeFigures {
                name: Some("DCG".into()),
                body: Some("DCG".into()),
                counts_from: Some(crate::rules::scheme::CountsFrom::FirstSession),
                engagements_given: Some(2),
                engagements_received: Some(1),
                engagement_sessions: Some(3),
                ..Default::default()
            },
        );
        scheme::merged(&overrides)
            .expect("valid")
            .into_iter()
            .find(|s| s.id == "dcg")
            .expect("dcg")
    }

    fn judged(
        scheme: &crate::rules::scheme::Scheme,
        sessions: &[Session],
        records: &Development,
        as_of: &str,
    ) -> crate::reports::credential::Beyond {
        let practice = Practice::new(sessions, date(as_of));
        let rules = Rules::new(scheme, &Settings::default());
        let ledger = Ledger::count(&practice, rules, &partners());
        beyond(scheme, records, &ledger, |id| {
            id.starts_with("icf").then(|| "ICF".to_owned())
        })
    }

    #[test]
    fn two_given_and_one_received_each_of_three_sessions_are_counted_by_hand() {
        let scheme = german();
        // Given: jo 3 sessions (complete), ana 2 (begun), and ana's third in class (not counted).
        // Received: alex 3 (complete), and kim 1 after the as-of day (in no output).
        let mut sessions = vec![
            coached("jo", "2026-01-05"),
            coached("jo", "2026-01-12"),
            coached("jo", "2026-01-19"),
            coached("ana", "2026-02-02"),
            coached("ana", "2026-02-09"),
            received("alex", "2026-03-02"),
            received("alex", "2026-03-09"),
            received("alex", "2026-03-16"),
            received("kim", "2026-07-01"),
        ];
        let mut in_class = coached("ana", "2026-02-16");
        in_class.not_counted = Some(NotCounted::InClass);
        sessions.push(in_class);
        let found = judged(&scheme, &sessions, &Development::default(), "2026-06-01");
        let count = found.engagements.as_ref().expect("counted");
        assert_eq!((complete(&count.given), complete(&count.received)), (1, 1));
        assert_eq!(count.given.len(), 2);
        assert_eq!(count.received.len(), 1);
        let given = &found.requirements[0];
        assert_eq!(given.kind, RequirementKind::EngagementsGiven);
        assert_eq!(
            (given.required, given.actual, given.met),
            (Figure::Count(2), Figure::Count(1), false)
        );
        assert_eq!(
            given.shortfall.as_ref().map(ToString::to_string).as_deref(),
            Some("1 more engagement of at least 3 sessions (begun: 2 of 3 sessions)")
        );
        let got = &found.requirements[1];
        assert_eq!(got.kind, RequirementKind::EngagementsReceived);
        assert!(got.met);
        // Ana's third session, counted, completes the second engagement.
        sessions.push(coached("ana", "2026-02-23"));
        let found = judged(&scheme, &sessions, &Development::default(), "2026-06-01");
        assert!(found.requirements.iter().all(|r| r.met));
    }

    #[test]
    fn actc_counts_team_engagements_in_five_years_under_a_credential_held_on_the_day() {
        let actc = scheme::built_in()
            .into_iter()
            .find(|s| s.id == "icf-actc")
            .expect("ACTC");
        let team = |partner: &str, day: &str| {
            let mut s = coached(partner, day);
            s.facts.group_size = GroupSize::new(6);
            s
        };
        // Five teams since 2021-06-01 and one before it (outside the five years); jo one-to-one
        // (not a team).
        let sessions = vec![
            team("t1", "2021-05-31"),
            team("t2", "2021-06-01"),
            team("t3", "2023-03-01"),
            team("t4", "2024-03-01"),
            team("t5", "2025-03-01"),
            team("t5", "2025-04-01"),
            coached("jo", "2026-03-01"),
        ];
        let mut records = Development::default();
        let found = judged(&actc, &sessions, &records, "2026-06-01");
        let count = found.engagements.as_ref().expect("counted");
        assert_eq!(count.from, Some(date("2021-06-01")));
        assert_eq!(found.requirements[1].actual, Figure::Count(4));
        assert_eq!(count.given[3].sessions, 2);
        let kinds: Vec<_> = found.requirements.iter().map(|r| (r.kind, r.met)).collect();
        assert_eq!(
            kinds,
            [
                (RequirementKind::CredentialHeld, false),
                (RequirementKind::EngagementsGiven, false)
            ]
        );
        // An ACC that expired before the day does not do; one held on it does.
        records.credentials.push(Credential {
            id: "c1".into(),
            scheme: "icf-acc".into(),
            granted: date("2022-01-10"),
            expires: date("2025-01-10"),
            notes: None,
        });
        let found = judged(&actc, &sessions, &records, "2026-06-01");
        assert_eq!(
            found.requirements[0]
                .shortfall
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some(
                "hold an unexpired icf-acc or icf-pcc or icf-mcc \
                 (`coachlog credential add icf-acc --granted DATE`)"
            )
        );
        records.credentials.push(Credential {
            id: "c2".into(),
            scheme: "icf-acc".into(),
            granted: date("2025-01-10"),
            expires: date("2028-01-10"),
            notes: None,
        });
        let mut more = sessions.clone();
        more.push(team("t6", "2026-05-01"));
        let found = judged(&actc, &more, &records, "2026-06-01");
        assert!(found.requirements.iter().all(|r| r.met), "{found:?}");
    }
}
