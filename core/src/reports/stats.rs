//! The rhythm of practice: coaching hours per week, month, quarter or year, split peer / non-coach.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::counting::LedgerSlice;
use crate::domain::model::{ClientType, Session};
use crate::domain::vocabulary::vocabulary;

vocabulary! {
    /// The length of a period in `stats`.
    By {
        /// ISO weeks, Monday to Sunday.
        Week = "week", "one row per ISO week (Monday to Sunday)";
        /// Calendar months.
        Month = "month", "one row per calendar month";
        /// Calendar quarters.
        Quarter = "quarter", "one row per quarter";
        /// Calendar years.
        Year = "year", "one row per year";
    }
}

impl By {
    /// The first day of the period after the one starting on `start`.
    fn next(self, start: NaiveDate) -> NaiveDate {
        let months = match self {
            By::Week => {
                return start
                    .checked_add_days(Days::new(7))
                    .unwrap_or(NaiveDate::MAX);
            }
            By::Month => 1,
            By::Quarter => 3,
            By::Year => 12,
        };
        start
            .checked_add_months(Months::new(months))
            .unwrap_or(NaiveDate::MAX)
    }

    /// The first day of the period holding `date`.
    fn start(self, date: NaiveDate) -> NaiveDate {
        let month = match self {
            By::Week => {
                let back = u64::from(date.weekday().num_days_from_monday());
                return date.checked_sub_days(Days::new(back)).unwrap_or(date);
            }
            By::Month => date.month(),
            By::Quarter => (date.month() - 1) / 3 * 3 + 1,
            By::Year => 1,
        };
        NaiveDate::from_ymd_opt(date.year(), month, 1).unwrap_or(date)
    }

    /// How the period holding `start` is called: `2026-W10`, `2026-03`, `2026-Q1`, `2026`.
    fn label(self, start: NaiveDate) -> String {
        match self {
            By::Week => {
                let week = start.iso_week();
                format!("{}-W{:02}", week.year(), week.week())
            }
            By::Month => start.format("%Y-%m").to_string(),
            By::Quarter => format!("{}-Q{}", start.year(), (start.month() - 1) / 3 + 1),
            By::Year => start.year().to_string(),
        }
    }
}

/// Coaching in one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    /// `2026-03`, `2026-Q1` or `2026`.
    pub label: String,
    /// The first day.
    pub from: NaiveDate,
    /// The last day.
    pub to: NaiveDate,
    /// Coaching sessions.
    pub sessions: u32,
    /// Minutes with peers.
    pub peer_minutes: u64,
    /// Minutes with non-coach clients.
    pub non_coach_minutes: u64,
}

/// The coaching a ledger counts per period, from the first to the last session it counts, with
/// empty periods in between kept, so that gaps in the rhythm show.
pub fn stats(slice: LedgerSlice, by: By) -> Vec<Bucket> {
    let coaching: Vec<&Session> = slice.counted().map(|c| c.session).collect();
    let (Some(first), Some(last)) = (
        coaching.iter().map(|s| s.date).min(),
        coaching.iter().map(|s| s.date).max(),
    ) else {
        return Vec::new();
    };
    let mut buckets = Vec::new();
    let mut start = by.start(first);
    while start <= last {
        let next = by.next(start);
        buckets.push(Bucket {
            label: by.label(start),
            from: start,
            to: next.pred_opt().unwrap_or(next),
            sessions: 0,
            peer_minutes: 0,
            non_coach_minutes: 0,
        });
        start = next;
    }
    for s in coaching {
        let index = buckets.partition_point(|b| b.to < s.date);
        let bucket = &mut buckets[index];
        bucket.sessions += 1;
        let minutes = u64::from(s.minutes.get());
        match s.facts.client_type {
            ClientType::Peer => bucket.peer_minutes += minutes,
            ClientType::NonCoach => bucket.non_coach_minutes += minutes,
        }
    }
    buckets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Arrangement::{OneWay, Reciprocal};
    use crate::domain::model::Role;
    use crate::reports::counting::{Ledger, Practice, Rules};
    use crate::reports::fixtures::{partners, session};

    fn stats_of(sessions: &[Session], by: By, from: Option<NaiveDate>) -> Vec<Bucket> {
        let practice = Practice::new(sessions, "2026-12-31".parse().expect("date"));
        let ledger = Ledger::count(&practice, Rules::all_coaching(), &partners());
        stats(ledger.since(from), by)
    }

    #[test]
    fn weeks_run_monday_to_sunday_across_a_year_end() {
        let sessions = [
            session("jo", "2025-12-29", 60, Role::Coach, OneWay),
            session("jo", "2026-01-04", 30, Role::Coach, OneWay),
            session("jo", "2026-01-19", 45, Role::Coach, OneWay),
        ];
        let weeks = stats_of(&sessions, By::Week, None);
        let shown: Vec<(&str, u32)> = weeks
            .iter()
            .map(|b| (b.label.as_str(), b.sessions))
            .collect();
        assert_eq!(
            shown,
            [
                ("2026-W01", 2),
                ("2026-W02", 0),
                ("2026-W03", 0),
                ("2026-W04", 1)
            ]
        );
        assert_eq!(weeks[0].from.to_string(), "2025-12-29");
        assert_eq!(weeks[0].to.to_string(), "2026-01-04");
    }

    #[test]
    fn months_with_gaps_and_the_split() {
        let sessions = [
            session("alex", "2026-01-10", 60, Role::Coach, Reciprocal),
            session("alex", "2026-01-11", 60, Role::Client, Reciprocal),
            session("jo", "2026-01-20", 90, Role::Coach, OneWay),
            session("jo", "2026-03-02", 30, Role::Coach, OneWay),
        ];
        let rows = stats_of(&sessions, By::Month, None);
        let got: Vec<(String, u32, u64, u64)> = rows
            .iter()
            .map(|b| {
                (
                    b.label.clone(),
                    b.sessions,
                    b.peer_minutes,
                    b.non_coach_minutes,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("2026-01".into(), 2, 60, 90),
                ("2026-02".into(), 0, 0, 0),
                ("2026-03".into(), 1, 0, 30)
            ]
        );
        assert_eq!(rows[1].to.to_string(), "2026-02-28");
        let quarters = stats_of(&sessions, By::Quarter, None);
        assert_eq!(quarters.len(), 1);
        assert_eq!(
            (quarters[0].label.as_str(), quarters[0].sessions),
            ("2026-Q1", 3)
        );
        let years = stats_of(&sessions, By::Year, Some("2026-02-01".parse().expect("d")));
        assert_eq!(
            (years[0].label.as_str(), years[0].non_coach_minutes),
            ("2026", 30)
        );
    }
}
