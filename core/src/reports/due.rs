//! What is due: the things a coach loses credit by forgetting — inbox lines not logged, a
//! reflection not written, a partner not seen for a while, mentor coaching that must span its
//! months, a credential that lapses, a period not attested, evidence missing — each with the day it
//! matters by and the command that deals with it. A pure function of what it is given and today.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::model::{Partner, Role, Session};
use crate::reports::requirement::{Requirement, RequirementKind, Shortfall};

/// One thing due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// What kind of thing: `inbox`, `reflection`, `partner`, `experiment`, `reciprocity`,
    /// `mentoring`, `renewal`, `attest`, `evidence`.
    pub kind: &'static str,
    /// The day it matters by (today for what is late already).
    pub by: NaiveDate,
    /// What it is, in words.
    pub what: String,
    /// The command that deals with it.
    pub command: String,
}

/// How long things may wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waits {
    /// Days after a session as coach that its reflection is due.
    pub reflection_days: i64,
    /// Days without a session after which a partner seen in the last half year is mentioned.
    pub quiet_days: i64,
    /// How far ahead a day-bound item is shown.
    pub within_days: i64,
}

impl Default for Waits {
    fn default() -> Self {
        Waits {
            reflection_days: 2,
            quiet_days: 30,
            within_days: 30,
        }
    }
}

/// An attestation that needs the coach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttestationDue {
    /// It does not hold what was signed.
    Broken {
        /// Its id.
        id: String,
        /// The last day of its period.
        to: NaiveDate,
    },
    /// It is gone.
    Gone {
        /// Its id.
        id: String,
    },
}

/// What `due` judges.
pub struct Input<'a> {
    /// Today.
    pub today: NaiveDate,
    /// Every session.
    pub sessions: &'a [Session],
    /// Every partner.
    pub partners: &'a [Partner],
    /// The requirements of each scheme shown, by the scheme's name.
    pub requirements: Vec<(&'a str, &'a [Requirement])>,
    /// Each credential held: its scheme's name, the day it expires, and whether its renewal is met.
    pub renewals: Vec<(String, NaiveDate, bool)>,
    /// Lines of the inbox to log.
    pub inbox_lines: usize,
    /// Lines of the inbox that cannot be logged as they are: where (`inbox.txt:4`), and why.
    pub inbox_waiting: Vec<(String, String)>,
    /// Events of the calendar file that look like coaching and are not logged: the file, how many.
    pub calendar: Option<(String, usize)>,
    /// The last quarter that ended, when the coach attests periods and has not attested it.
    pub unattested: Option<(String, NaiveDate)>,
    /// Attested periods that do not hold what was signed (their id, period's last day), and
    /// attestations that are gone (their id, and what says so).
    pub attestations: Vec<AttestationDue>,
    /// Records without the evidence they want, when the coach keeps evidence.
    pub evidence_missing: usize,
    /// Each shown scheme whose recent hours fall below its figure within the horizon at the
    /// current pace: its name, its id, the day, and the minutes to log before then.
    pub recent: Vec<(String, String, NaiveDate, u64)>,
    /// The give and take with reciprocal partners, as `mix` shows it.
    pub ledger: &'a [crate::reports::mix::LedgerRow],
    /// How long things may wait.
    pub waits: Waits,
}

/// Everything due, the most urgent first.
pub fn due(input: &Input) -> Vec<Item> {
    let today = input.today;
    let horizon = today + chrono::Duration::days(input.waits.within_days);
    let mut items = Vec::new();
    if input.inbox_lines > 0 {
        items.push(Item {
            kind: "inbox",
            by: today,
            what: format!(
                "{} in the inbox not logged yet",
                crate::domain::text::count(input.inbox_lines, "line", "lines")
            ),
            command: "coachlog inbox".to_owned(),
        });
    }
    for (at, why) in &input.inbox_waiting {
        items.push(Item {
            kind: "inbox",
            by: today,
            what: format!("{at} waits in the inbox: {why}"),
            command: "coachlog inbox".to_owned(),
        });
    }
    if let Some((file, events)) = &input.calendar
        && *events > 0
    {
        items.push(Item {
            kind: "calendar",
            by: today,
            what: format!(
                "{} in {file} {} like coaching and {} not logged",
                crate::domain::text::count(*events, "event", "events"),
                crate::domain::text::agree(*events, "looks", "look"),
                crate::domain::text::agree(*events, "is", "are"),
            ),
            command: format!("coachlog import {file}"),
        });
    }
    let name = |s: &Session| {
        input
            .partners
            .iter()
            .find(|p| p.id == s.partner)
            .map_or_else(|| s.partner.to_string(), |p| p.name.clone())
    };
    let recent = today - chrono::Duration::days(14);
    // Reflections: sessions as coach of the last two weeks, a few days old, without one.
    for s in input.sessions.iter().filter(|s| s.date >= recent) {
        let age = (today - s.date).num_days();
        if s.role == Role::Coach
            && s.reflection.is_none()
            && age >= input.waits.reflection_days
            && age <= 14
        {
            items.push(Item {
                kind: "reflection",
                by: s.date + chrono::Duration::days(input.waits.reflection_days),
                what: format!(
                    "no reflection on the session of {} with {}",
                    s.date,
                    name(s)
                ),
                command: format!("coachlog reflect {}", s.id),
            });
        }
    }
    // Partners seen in the last half year, but not for a while.
    let mut last_seen: std::collections::HashMap<&crate::domain::id::PartnerId, NaiveDate> =
        std::collections::HashMap::new();
    for s in input.sessions.iter().filter(|s| s.date <= today) {
        let last = last_seen.entry(&s.partner).or_insert(s.date);
        *last = (*last).max(s.date);
    }
    // An ended engagement is never quiet.
    for p in input.partners.iter().filter(|p| p.ended.is_none()) {
        if let Some(&last) = last_seen.get(&p.id) {
            let quiet = (today - last).num_days();
            if quiet > input.waits.quiet_days && quiet <= 183 {
                items.push(Item {
                    kind: "partner",
                    by: last + chrono::Duration::days(input.waits.quiet_days),
                    what: format!("no session with {} since {last} ({quiet} days)", p.name),
                    command: format!("coachlog log {}", p.id),
                });
            }
        }
    }
    // Today's partners: the experiment agreed at the last reflection with them (one pass over the
    // sessions for each: a logbook has many).
    let seen_today: std::collections::HashSet<&crate::domain::id::PartnerId> = input
        .sessions
        .iter()
        .filter(|s| s.date == today)
        .map(|s| &s.partner)
        .collect();
    let mut experiments: std::collections::HashMap<
        &crate::domain::id::PartnerId,
        (NaiveDate, &str),
    > = std::collections::HashMap::new();
    for s in input
        .sessions
        .iter()
        .filter(|s| s.date < today && seen_today.contains(&s.partner))
    {
        if let Some(e) = s.reflection.as_ref().and_then(|r| r.experiment.as_deref()) {
            let best = experiments.entry(&s.partner).or_insert((s.date, e));
            if s.date > best.0 {
                *best = (s.date, e);
            }
        }
    }
    for p in input.partners {
        if let Some((on, experiment)) = experiments.get(&p.id) {
            items.push(Item {
                kind: "experiment",
                by: today,
                what: format!(
                    "today with {}: the experiment agreed on {on}, {experiment}",
                    p.name
                ),
                command: format!("coachlog feedback --partner {}", p.id),
            });
        }
    }
    // Reciprocal partners owed an hour or more, one way or the other.
    for row in input.ledger {
        let Some(p) = input.partners.iter().find(|p| p.id == row.partner) else {
            continue;
        };
        let (given, received) = (row.given_minutes, row.received_minutes);
        let hours = |m: u64| crate::domain::duration::hours_short(m);
        if given >= received + 60 {
            items.push(Item {
                kind: "reciprocity",
                by: today,
                what: format!(
                    "{} owes you {} h of coaching (you gave {} h, received {} h)",
                    p.name,
                    hours(given - received),
                    hours(given),
                    hours(received)
                ),
                command: format!("coachlog log {} --role client", p.id),
            });
        } else if received >= given + 60 {
            items.push(Item {
                kind: "reciprocity",
                by: today,
                what: format!(
                    "you owe {} {} h of coaching (you gave {} h, received {} h)",
                    p.name,
                    hours(received - given),
                    hours(given),
                    hours(received)
                ),
                command: format!("coachlog log {}", p.id),
            });
        }
    }
    // Mentor coaching that must still span its months or reach its hours: one item a scheme, the
    // span when its day is near, else the hours.
    for (scheme, requirements) in &input.requirements {
        let open: Vec<&Requirement> = requirements.iter().filter(|r| !r.met).collect();
        let span = open.iter().find_map(|r| match (&r.kind, &r.shortfall) {
            (RequirementKind::MentorSpan, Some(Shortfall::SpanOn { months, on }))
                if *on <= horizon =>
            {
                Some((
                    *on,
                    format!(
                        "{scheme}: mentor coaching spans {months} months only with a session on \
                         or after {on}"
                    ),
                ))
            }
            _ => None,
        });
        let hours = open.iter().find_map(|r| match (&r.kind, &r.shortfall) {
            // Mentor coaching under way: none recorded yet is not due yet.
            (RequirementKind::MentorHours | RequirementKind::MentorIndividual, Some(s))
                if !matches!(s, Shortfall::NoneYet { .. }) =>
            {
                Some((
                    today,
                    format!("{scheme}: mentor coaching, {}", s.for_reader()),
                ))
            }
            _ => None,
        });
        if let Some((by, what)) = span.or(hours) {
            items.push(Item {
                kind: "mentoring",
                by,
                what,
                command: "coachlog mentoring log MENTOR DUR --credential ACC|PCC|MCC".to_owned(),
            });
        }
    }
    for (name, id, on, minutes) in &input.recent {
        items.push(Item {
            kind: "recent-hours",
            by: *on,
            what: format!(
                "{name}: at your pace of the last 90 days, the hours of its recent window fall short \
                 on {on}; log {} h more before then",
                crate::domain::duration::hours_short(*minutes)
            ),
            command: format!("coachlog summary --target {id} --by {on}"),
        });
    }
    for (scheme, expires, met) in &input.renewals {
        if *expires <= horizon + chrono::Duration::days(60) && !met {
            items.push(Item {
                kind: "renewal",
                by: *expires,
                what: format!(
                    "{scheme} expires on {expires} ({} days) and its renewal is not met",
                    (*expires - today).num_days()
                ),
                command: "coachlog summary --renewal".to_owned(),
            });
        }
    }
    for a in &input.attestations {
        items.push(match a {
            AttestationDue::Broken { id, to } => Item {
                kind: "attest",
                by: today,
                what: format!("attestation {id} (to {to}) does not hold what was signed"),
                command: format!("coachlog attest verify {id}"),
            },
            AttestationDue::Gone { id } => Item {
                kind: "attest",
                by: today,
                what: format!("attestation {id} is gone: its file was deleted"),
                command: "coachlog attest verify".to_owned(),
            },
        });
    }
    if let Some((period, ended)) = &input.unattested {
        items.push(Item {
            kind: "attest",
            by: *ended,
            what: format!("{period} ended on {ended} and is not attested"),
            command: format!("coachlog attest --period {period}"),
        });
    }
    if input.evidence_missing > 0 {
        items.push(Item {
            kind: "evidence",
            by: today,
            what: format!(
                "{} without the evidence an application asks for",
                crate::domain::text::count(input.evidence_missing, "record", "records")
            ),
            command: "coachlog evidence --missing".to_owned(),
        });
    }
    items.sort_by(|a, b| (a.by, a.kind, &a.what).cmp(&(b.by, b.kind, &b.what)));
    items
}

/// The first day within `within_days` on which the minutes counted in the recent window (`months`
/// back, as `summary` counts it) fall below `required`, if the coaching goes on at the pace of the
/// last 90 days; with the minutes to log before that day so that they do not. `counted`: the day
/// and minutes of each session the scheme counts, up to today.
pub fn recent_drop(
    counted: &[(NaiveDate, u64)],
    today: NaiveDate,
    months: u32,
    required: u64,
    within_days: i64,
) -> Option<(NaiveDate, u64)> {
    let since = |from: NaiveDate| {
        counted
            .iter()
            .filter(|(d, _)| *d >= from && *d <= today)
            .map(|(_, m)| m)
            .sum::<u64>()
    };
    let (now_from, _) = crate::rules::dates::recent_window(today, months);
    if since(now_from) < required {
        return None; // short already: `summary` and its plan say so
    }
    let pace = since(today - chrono::Duration::days(89)) as f64 / 90.0;
    (1..=within_days).find_map(|d| {
        let day = today + chrono::Duration::days(d);
        let (from, _) = crate::rules::dates::recent_window(day, months);
        let kept = since(from);
        let expected = kept as f64 + pace * d as f64;
        (expected < required as f64).then(|| (day, required - kept.min(required)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn recent_hours_fall_short_when_old_sessions_leave_the_window_and_the_pace_is_slow() {
        // 25 h wanted in 18 months; 26 h counted, 20 of them on one day long ago, nothing lately.
        let counted = [(day("2025-06-10"), 20 * 60), (day("2026-01-10"), 6 * 60)];
        let drop = recent_drop(&counted, day("2026-11-23"), 18, 25 * 60, 60);
        assert_eq!(
            drop,
            Some((day("2026-12-11"), 19 * 60)),
            "the day after it leaves the window: {drop:?}"
        );
        // Within a shorter horizon nothing falls short.
        assert_eq!(
            recent_drop(&counted, day("2026-11-23"), 18, 25 * 60, 10),
            None
        );
        // At a good pace, nothing does either.
        let mut busy = counted.to_vec();
        for d in 0..12 {
            busy.push((day("2026-09-01") + chrono::Duration::days(d * 7), 120));
        }
        assert_eq!(recent_drop(&busy, day("2026-11-23"), 18, 25 * 60, 60), None);
    }
}
