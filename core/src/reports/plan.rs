//! `summary --target SCHEME [--by DATE]`: for each unmet requirement, the pace needed to meet it
//! by a date, and the date it would be met at the pace of the last 90 days.
//!
//! The pace is the difference between the scheme judged on the as-of date and judged 90 days
//! before, by the same counting as `summary` (no second implementation of any figure). Only
//! requirements that grow with practice are projected (hours, paid hours, clients, education,
//! mentor coaching); windowed ones (recent hours, feedback, supervision, CPD) and years (met on a
//! known day) are not. No projection is made from fewer than 4 weeks of practice.

use chrono::{Days, NaiveDate};

use super::mix::{self, MixTotals};
use super::requirement::{Figure, Requirement, RequirementKind};
use super::summary::{SchemeProgress, Summary};
use crate::rules::settings::Share;

/// The days of practice a projection looks back over.
pub const WINDOW_DAYS: u64 = 90;

/// The least history a projection is made from.
pub const MIN_HISTORY_DAYS: i64 = 28;

/// One unmet requirement, planned.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The requirement.
    pub kind: RequirementKind,
    /// What is missing.
    pub missing: Figure,
    /// What is needed per week to meet it by the date, when one is given.
    pub needed_per_week: Option<f64>,
    /// The pace of the window, per week (when a projection is made).
    pub pace_per_week: Option<f64>,
    /// The day it would be met at that pace (none when the pace is zero or not projected).
    pub met_on: Option<NaiveDate>,
}

/// The plan toward one scheme.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The scheme's id and name.
    pub scheme: (String, String),
    /// The day planned from.
    pub as_of: NaiveDate,
    /// The day to meet it by.
    pub by: Option<NaiveDate>,
    /// Days of practice so far (from the first coaching session).
    pub history_days: i64,
    /// Whether a projection was made (enough history).
    pub projected: bool,
    /// The days the pace is measured over (90, or the history when shorter).
    pub window_days: i64,
    /// Each unmet requirement that grows with practice.
    pub steps: Vec<Step>,
    /// Requirements not met that are not projected (windowed, or met on a known day).
    pub not_projected: Vec<RequirementKind>,
    /// Coaching hours a week with non-coach clients needed to keep the target share, by `by`.
    pub non_coach_per_week: Option<f64>,
}

/// Whether a requirement grows with practice, so that a pace means something.
fn cumulative(kind: RequirementKind) -> bool {
    matches!(
        kind,
        RequirementKind::Hours
            | RequirementKind::PaidHours
            | RequirementKind::Clients
            | RequirementKind::Education
            | RequirementKind::MentorHours
            | RequirementKind::MentorIndividual
    )
}

/// The plan from `now` (the summary of one scheme on its as-of day) and `before` (the scheme
/// judged `WINDOW_DAYS` earlier) to `by`, keeping `share` of the coaching with non-coach clients.
pub fn plan(now: &Summary, before: &SchemeProgress, by: Option<NaiveDate>, share: Share) -> Plan {
    let as_of = now.as_of;
    let progress = &now.schemes[0];
    let history_days = progress
        .first_practice
        .map_or(0, |first| (as_of - first).num_days().max(0));
    let projected = history_days >= MIN_HISTORY_DAYS;
    let window_days = history_days.min(WINDOW_DAYS as i64).max(1);
    let weeks_left = by.map(|by| (by - as_of).num_days() as f64 / 7.0);
    let mut steps = Vec::new();
    let mut not_projected = Vec::new();
    for r in progress.requirements.iter().filter(|r| !r.met) {
        if !cumulative(r.kind) {
            not_projected.push(r.kind);
            continue;
        }
        let (required, actual) = (r.required.amount(), r.actual.amount());
        let missing = required - actual;
        let earlier = actual_of(before, r.kind).unwrap_or(0.0);
        let pace_per_day = ((actual - earlier) / window_days as f64).max(0.0);
        let met_on = (projected && pace_per_day > 0.0)
            .then(|| {
                let days = (missing / pace_per_day).ceil() as u64;
                as_of.checked_add_days(Days::new(days))
            })
            .flatten();
        steps.push(Step {
            kind: r.kind,
            missing: r.required.short_of(r.actual),
            needed_per_week: weeks_left.map(|w| round2(missing / w.max(1.0 / 7.0))),
            pace_per_week: projected.then(|| round2(pace_per_day * 7.0)),
            met_on,
        });
    }
    let non_coach_per_week = progress
        .requirements
        .iter()
        .find(|r| r.kind == RequirementKind::Hours && !r.met)
        .zip(weeks_left)
        .map(|(r, weeks)| {
            let missing = r.required.amount() - r.actual.amount();
            let hours = non_coach_hours(&now.mix, missing, share);
            round2(hours / weeks.max(1.0 / 7.0))
        });
    Plan {
        scheme: (progress.scheme.id.clone(), progress.scheme.name.clone()),
        as_of,
        by,
        history_days,
        projected,
        window_days,
        steps,
        not_projected,
        non_coach_per_week,
    }
}

/// Of `missing` hours more, those to coach with non-coach clients so that the share of all
/// coaching (`mix`) with them is at least `share` once they are logged: x with
/// (non-coach + x) / (all + missing) ≥ share. When even all of them would not do, the non-coach
/// hours that reach the share from today, which are more than `missing`.
fn non_coach_hours(mix: &MixTotals, missing: f64, share: Share) -> f64 {
    let all = mix.coaching_minutes() as f64 / 60.0;
    let non_coach = mix.non_coach_minutes as f64 / 60.0;
    let needed = (share.fraction() * (all + missing) - non_coach).max(0.0);
    if needed <= missing {
        needed
    } else {
        mix::needed_non_coach_minutes(mix, share) as f64 / 60.0
    }
}

fn actual_of(progress: &SchemeProgress, kind: RequirementKind) -> Option<f64> {
    progress
        .requirements
        .iter()
        .find(|r: &&Requirement| r.kind == kind)
        .map(|r| r.actual.amount())
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// The day `WINDOW_DAYS` before `as_of`, which the pace is measured from.
pub fn window_start(as_of: NaiveDate) -> NaiveDate {
    as_of
        .checked_sub_days(Days::new(WINDOW_DAYS))
        .unwrap_or(as_of)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::development::Development;
    use crate::domain::model::Arrangement::OneWay;
    use crate::domain::model::Role::Coach;
    use crate::domain::model::Session;
    use crate::reports::counting::Practice;
    use crate::reports::fixtures::{partners, session};
    use crate::reports::summary::summary;
    use crate::rules::settings::Settings;

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    /// One hour of coaching with `jo` every `every` days from `first` up to `last`.
    fn practice(first: &str, last: &str, every: u64) -> Vec<Session> {
        let (mut day, last) = (date(first), date(last));
        let mut sessions = Vec::new();
        while day <= last {
            sessions.push(session("jo", &day.to_string(), 60, Coach, OneWay));
            day = day + Days::new(every);
        }
        sessions
    }

    fn planned(sessions: &[Session], as_of: &str, by: Option<&str>) -> Plan {
        let settings = Settings {
            training_start: Some(date("2020-01-01")),
            ..Settings::default()
        };
        let scheme = settings.scheme("icf-acc").expect("acc").clone();
        let judge = |day: NaiveDate| {
            summary(
                &Practice::new(sessions, day),
                &Development::default(),
                &partners(),
                &settings,
                [&scheme],
            )
        };
        let as_of = date(as_of);
        plan(
            &judge(as_of),
            &judge(window_start(as_of)).schemes[0],
            by.map(date),
            Share::from_fraction(0.5).expect("share"),
        )
    }

    #[test]
    fn the_pace_of_the_last_90_days_gives_the_date_and_the_pace_needed() {
        // An hour a week for a year: 53 h; 90 days hold 13 h, 1.01 h a week.
        let sessions = practice("2025-06-02", "2026-06-01", 7);
        let p = planned(&sessions, "2026-06-01", Some("2026-12-28"));
        assert!(p.projected);
        let hours = p
            .steps
            .iter()
            .find(|s| s.kind == RequirementKind::Hours)
            .expect("hours");
        assert_eq!(hours.missing, Figure::Minutes(47 * 60));
        assert_eq!(hours.pace_per_week, Some(1.01));
        // 47 h at 13 h per 90 days: 326 days.
        assert_eq!(hours.met_on, Some(date("2027-04-23")));
        // 30 weeks to 2026-12-28: 47 / 30 = 1.57 h a week, half of it with non-coach clients.
        assert_eq!(hours.needed_per_week, Some(1.57));
        assert_eq!(
            p.non_coach_per_week,
            Some(0.0),
            "every hour so far is with a non-coach client: the share holds whoever the rest is with"
        );
        assert!(p.not_projected.contains(&RequirementKind::MentorSpan));
    }

    #[test]
    fn the_non_coach_advice_reaches_the_target_share() {
        let share = Share::from_fraction(0.5).expect("share");
        // 46 h of 100 with non-coach clients, 20 h to go: 14 h of them, for 60 of 120.
        let mix = MixTotals {
            peer_minutes: 54 * 60,
            non_coach_minutes: 46 * 60,
            ..MixTotals::default()
        };
        assert_eq!(non_coach_hours(&mix, 20.0, share), 14.0);
        // 10 h of 100, 20 h to go: even 20 h would give 30 of 120; 80 h from today reach a half.
        let mix = MixTotals {
            peer_minutes: 90 * 60,
            non_coach_minutes: 10 * 60,
            ..MixTotals::default()
        };
        assert_eq!(non_coach_hours(&mix, 20.0, share), 80.0);
        // Already 80 of 100: nothing more is needed.
        let mix = MixTotals {
            peer_minutes: 20 * 60,
            non_coach_minutes: 80 * 60,
            ..MixTotals::default()
        };
        assert_eq!(non_coach_hours(&mix, 20.0, share), 0.0);
    }

    #[test]
    fn no_projection_from_less_than_four_weeks() {
        let sessions = practice("2026-05-10", "2026-06-01", 2);
        let p = planned(&sessions, "2026-06-01", None);
        assert_eq!(p.history_days, 22);
        assert!(!p.projected);
        assert!(
            p.steps
                .iter()
                .all(|s| s.met_on.is_none() && s.pace_per_week.is_none())
        );
        let p = planned(&sessions, "2026-06-07", None);
        assert!(p.projected, "28 days");
    }

    #[test]
    fn no_practice_in_the_window_projects_no_date() {
        let sessions = practice("2025-01-06", "2025-06-01", 7);
        let p = planned(&sessions, "2026-06-01", None);
        let hours = p
            .steps
            .iter()
            .find(|s| s.kind == RequirementKind::Hours)
            .expect("hours");
        assert_eq!((hours.pace_per_week, hours.met_on), (Some(0.0), None));
    }
}
