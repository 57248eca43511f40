//! How much has been done, in total and per partner.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::id::PartnerId;
use crate::domain::model::{Role, Session};

/// Counts and minutes of a set of sessions, split by role.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Activity {
    /// Sessions in which I coached.
    pub coach_sessions: u32,
    /// Minutes in which I coached: the only minutes that count toward a scheme.
    pub coach_minutes: u64,
    /// Sessions in which I was coached.
    pub client_sessions: u32,
    /// Minutes in which I was coached.
    pub client_minutes: u64,
    /// Sessions I observed (a triad's third).
    pub observer_sessions: u32,
    /// Minutes I observed.
    pub observer_minutes: u64,
    /// The first session's date.
    pub first: Option<NaiveDate>,
    /// The last session's date.
    pub last: Option<NaiveDate>,
}

impl Activity {
    /// The activity of `sessions`.
    pub fn of<'a>(sessions: impl IntoIterator<Item = &'a Session>) -> Self {
        let mut activity = Activity::default();
        for session in sessions {
            activity.add(session);
        }
        activity
    }

    /// Adds one session.
    pub fn add(&mut self, session: &Session) {
        let minutes = u64::from(session.minutes.get());
        match session.role {
            Role::Coach => {
                self.coach_sessions += 1;
                self.coach_minutes += minutes;
            }
            Role::Client => {
                self.client_sessions += 1;
                self.client_minutes += minutes;
            }
            Role::Observer => {
                self.observer_sessions += 1;
                self.observer_minutes += minutes;
            }
        }
        self.first = Some(self.first.map_or(session.date, |d| d.min(session.date)));
        self.last = Some(self.last.map_or(session.date, |d| d.max(session.date)));
    }

    /// All sessions, whatever the role.
    pub fn sessions(&self) -> u32 {
        self.coach_sessions + self.client_sessions + self.observer_sessions
    }

    /// All minutes, whatever the role.
    pub fn minutes(&self) -> u64 {
        self.coach_minutes + self.client_minutes + self.observer_minutes
    }
}

/// The activity with each partner.
pub fn by_partner<'a>(
    sessions: impl IntoIterator<Item = &'a Session>,
) -> BTreeMap<PartnerId, Activity> {
    let mut map: BTreeMap<PartnerId, Activity> = BTreeMap::new();
    for session in sessions {
        map.entry(session.partner.clone()).or_default().add(session);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Arrangement;
    use crate::reports::fixtures as tests;

    fn session(partner: &str, date: &str, minutes: u32, role: Role) -> Session {
        tests::session(partner, date, minutes, role, Arrangement::Reciprocal)
    }

    #[test]
    fn splits_coaching_from_being_coached() {
        let sessions = [
            session("alex", "2026-01-10", 60, Role::Coach),
            session("alex", "2026-01-03", 45, Role::Client),
            session("sam", "2026-02-01", 30, Role::Coach),
        ];
        let all = Activity::of(&sessions);
        assert_eq!((all.coach_sessions, all.coach_minutes), (2, 90));
        assert_eq!((all.client_sessions, all.client_minutes), (1, 45));
        assert_eq!(all.sessions(), 3);
        assert_eq!(
            all.first.map(|d| d.to_string()).as_deref(),
            Some("2026-01-03")
        );
        let per = by_partner(&sessions);
        let alex = &per[&"alex".parse::<PartnerId>().expect("id")];
        assert_eq!((alex.coach_minutes, alex.client_minutes), (60, 45));
        assert_eq!(
            alex.last.map(|d| d.to_string()).as_deref(),
            Some("2026-01-10")
        );
    }
}
