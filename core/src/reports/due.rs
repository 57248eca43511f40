//! What is due: the things a coach loses credit by forgetting — inbox lines not logged, a
//! reflection not written, a partner not seen for a while, mentor coaching that must span its
//! months, a credential that lapses, a period not attested, evidence missing — each with the day it
//! matters by and the command that deals with it. A pure function of what it is given and today.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::domain::feedback::Request;
use crate::domain::id::PartnerId;
use crate::domain::model::{Partner, Role, Session};
use crate::domain::text::{agree, count};
use crate::reports::requirement::{Requirement, RequirementKind, Shortfall};

/// One thing due: the day it matters by (today for what is late already), and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The day it matters by.
    pub by: NaiveDate,
    /// What is due.
    pub due: Due,
}

/// What can be due, each kind with what it needs said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Due {
    /// Lines of the inbox to log.
    InboxLines {
        /// How many.
        lines: usize,
    },
    /// A line of the inbox that cannot be logged as it is.
    InboxWaits {
        /// Where (`inbox.txt:4`).
        at: String,
        /// Why.
        why: String,
    },
    /// Events of the calendar file that look like coaching and are not logged.
    Calendar {
        /// The file.
        file: String,
        /// How many.
        events: usize,
    },
    /// A session as coach without its reflection.
    Reflection {
        /// The session's id.
        session: String,
        /// Its day.
        date: NaiveDate,
        /// The partner's name.
        partner: String,
    },
    /// A partner seen in the last half year, but not for a while.
    QuietPartner {
        /// The partner's id.
        id: PartnerId,
        /// Their name.
        name: String,
        /// The last session's day.
        last: NaiveDate,
        /// Days since.
        days: i64,
    },
    /// Today's partner, and the experiment agreed at the last reflection with them.
    Experiment {
        /// The partner's id.
        id: PartnerId,
        /// Their name.
        name: String,
        /// The day it was agreed.
        on: NaiveDate,
        /// The experiment.
        experiment: String,
    },
    /// A reciprocal partner owed an hour or more, one way or the other.
    Reciprocity {
        /// The partner's id.
        id: PartnerId,
        /// Their name.
        name: String,
        /// Minutes the coach gave them.
        given: u64,
        /// Minutes the coach received from them.
        received: u64,
    },
    /// Mentor coaching that must still span its months or reach its hours.
    Mentoring {
        /// The scheme's name.
        scheme: String,
        /// What is missing.
        missing: MentoringMissing,
    },
    /// A scheme whose recent hours fall below its figure at the current pace.
    RecentHours {
        /// The scheme's name.
        scheme: String,
        /// Its id.
        id: String,
        /// The day they fall short.
        on: NaiveDate,
        /// Minutes to log before then.
        minutes: u64,
    },
    /// A credential that expires soon with its renewal not met.
    Renewal {
        /// The scheme's name.
        scheme: String,
        /// The day it expires.
        expires: NaiveDate,
        /// Days until then.
        days: i64,
        /// Once expired: the grace months, the late window, or lapsed.
        window: super::renewal::Window,
    },
    /// A request for feedback the client has not answered.
    Feedback {
        /// The request's id.
        request: String,
        /// The session's day.
        date: NaiveDate,
        /// The client's name.
        partner: String,
        /// Days since it was made.
        days: i64,
    },
    /// An attestation that needs the coach.
    Attestation(AttestationDue),
    /// The last quarter, ended and not attested.
    Unattested {
        /// Its name (`2026-Q3`).
        period: String,
        /// Its last day.
        ended: NaiveDate,
    },
    /// Records without the evidence an application asks for.
    Evidence {
        /// How many.
        records: usize,
    },
}

/// What mentor coaching still misses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MentoringMissing {
    /// It spans its months only with a session on or after a day.
    Span {
        /// The months it must span.
        months: u32,
        /// The day.
        on: NaiveDate,
    },
    /// Hours, as the requirement says them.
    Hours(Shortfall),
}

impl Due {
    /// The kind, as `due --json` names it: `inbox`, `calendar`, `reflection`, `partner`,
    /// `experiment`, `reciprocity`, `mentoring`, `recent-hours`, `renewal`, `attest`, `evidence`,
    /// `feedback`.
    pub fn kind(&self) -> &'static str {
        match self {
            Due::InboxLines { .. } | Due::InboxWaits { .. } => "inbox",
            Due::Calendar { .. } => "calendar",
            Due::Reflection { .. } => "reflection",
            Due::QuietPartner { .. } => "partner",
            Due::Experiment { .. } => "experiment",
            Due::Reciprocity { .. } => "reciprocity",
            Due::Mentoring { .. } => "mentoring",
            Due::RecentHours { .. } => "recent-hours",
            Due::Renewal { .. } => "renewal",
            Due::Attestation(_) | Due::Unattested { .. } => "attest",
            Due::Evidence { .. } => "evidence",
            Due::Feedback { .. } => "feedback",
        }
    }

    /// What it is, in words.
    pub fn what(&self) -> String {
        let hours = crate::domain::duration::hours_short;
        match self {
            Due::InboxLines { lines } => {
                format!(
                    "{} in the inbox not logged yet",
                    count(*lines, "line", "lines")
                )
            }
            Due::InboxWaits { at, why } => format!("{at} waits in the inbox: {why}"),
            Due::Calendar { file, events } => format!(
                "{} in {file} {} like coaching and {} not logged",
                count(*events, "event", "events"),
                agree(*events, "looks", "look"),
                agree(*events, "is", "are"),
            ),
            Due::Reflection { date, partner, .. } => {
                format!("no reflection on the session of {date} with {partner}")
            }
            Due::QuietPartner {
                name, last, days, ..
            } => format!("no session with {name} since {last} ({days} days)"),
            Due::Experiment {
                name,
                on,
                experiment,
                ..
            } => format!("today with {name}: the experiment agreed on {on}, {experiment}"),
            Due::Reciprocity {
                name,
                given,
                received,
                ..
            } if given > received => format!(
                "{name} owes you {} h of coaching (you gave {} h, received {} h)",
                hours(given - received),
                hours(*given),
                hours(*received)
            ),
            Due::Reciprocity {
                name,
                given,
                received,
                ..
            } => format!(
                "you owe {name} {} h of coaching (you gave {} h, received {} h)",
                hours(received - given),
                hours(*given),
                hours(*received)
            ),
            Due::Mentoring {
                scheme,
                missing: MentoringMissing::Span { months, on },
            } => format!(
                "{scheme}: mentor coaching spans {months} months only with a session on or after \
                 {on}"
            ),
            Due::Mentoring {
                scheme,
                missing: MentoringMissing::Hours(shortfall),
            } => format!("{scheme}: mentor coaching, {}", shortfall.for_reader()),
            Due::RecentHours {
                scheme,
                on,
                minutes,
                ..
            } => format!(
                "{scheme}: at your pace of the last 90 days, the hours of its recent window fall \
                 short on {on}; log {} h more before then",
                hours(*minutes)
            ),
            Due::Renewal {
                scheme,
                expires,
                days,
                window,
            } => match window {
                super::renewal::Window::Valid => {
                    format!(
                        "{scheme} expires on {expires} ({days} days) and its renewal is not met"
                    )
                }
                super::renewal::Window::Grace { until } => {
                    format!("{scheme} expired on {expires}: in its grace months, renew by {until}")
                }
                super::renewal::Window::Late { until } => {
                    format!("{scheme} expired on {expires}: renew late (with a fee) by {until}")
                }
                super::renewal::Window::Lapsed { .. } => format!(
                    "{scheme} expired on {expires} and can no longer be renewed: apply anew"
                ),
            },
            Due::Attestation(AttestationDue::Broken { id, to }) => {
                format!("attestation {id} (to {to}) does not hold what was signed")
            }
            Due::Attestation(AttestationDue::Gone { id }) => {
                format!("attestation {id} is gone: its file was deleted")
            }
            Due::Unattested { period, ended } => {
                format!("{period} ended on {ended} and is not attested")
            }
            Due::Feedback {
                request,
                date,
                partner,
                days,
            } => format!(
                "{partner} has not answered the request for feedback on the session of {date} \
                 ({request}, {days} days ago): ask again, or import the answer"
            ),
            Due::Evidence { records } => format!(
                "{} without the evidence an application asks for",
                count(*records, "record", "records")
            ),
        }
    }

    /// The command that deals with it.
    pub fn command(&self) -> String {
        match self {
            Due::InboxLines { .. } | Due::InboxWaits { .. } => "coachlog inbox".to_owned(),
            Due::Calendar { file, .. } => format!("coachlog import {file}"),
            Due::Reflection { session, .. } => format!("coachlog reflect {session}"),
            Due::QuietPartner { id, .. } => format!("coachlog log {id}"),
            Due::Experiment { id, .. } => format!("coachlog feedback --partner {id}"),
            Due::Reciprocity {
                id,
                given,
                received,
                ..
            } if given > received => format!("coachlog log {id} --role client"),
            Due::Reciprocity { id, .. } => format!("coachlog log {id}"),
            Due::Mentoring { .. } => {
                "coachlog mentoring log MENTOR DUR --credential ACC|PCC|MCC".to_owned()
            }
            Due::RecentHours { id, on, .. } => format!("coachlog summary --target {id} --by {on}"),
            Due::Renewal { .. } => "coachlog summary --renewal".to_owned(),
            Due::Attestation(AttestationDue::Broken { id, .. }) => {
                format!("coachlog attest verify {id}")
            }
            Due::Attestation(AttestationDue::Gone { .. }) => "coachlog attest verify".to_owned(),
            Due::Unattested { period, .. } => format!("coachlog attest --period {period}"),
            Due::Evidence { .. } => "coachlog evidence --missing".to_owned(),
            Due::Feedback { .. } => "coachlog feedback import FILE".to_owned(),
        }
    }
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
    /// Days after which a request for feedback not answered is due.
    pub feedback_days: i64,
}

impl Default for Waits {
    fn default() -> Self {
        Waits {
            reflection_days: 2,
            quiet_days: 30,
            within_days: 30,
            feedback_days: i64::from(crate::rules::settings::DEFAULT_REMIND_AFTER_DAYS),
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
    pub renewals: Vec<(String, NaiveDate, bool, super::renewal::Window)>,
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
    /// The requests for feedback not answered: the request, and the client's name.
    pub open_requests: Vec<(Request, String)>,
    /// Each shown scheme whose recent hours fall below its figure within the horizon at the
    /// current pace: its name, its id, the day, and the minutes to log before then.
    pub recent: Vec<(String, String, NaiveDate, u64)>,
    /// The give and take with reciprocal partners, as `mix` shows it.
    pub ledger: &'a [crate::reports::mix::LedgerRow],
    /// How long things may wait.
    pub waits: Waits,
}

/// Everything due, the most urgent first: each kind judged by its own function.
pub fn due(input: &Input) -> Vec<Item> {
    let kinds: [fn(&Input) -> Vec<Item>; 12] = [
        inbox,
        calendar,
        reflections,
        quiet_partners,
        experiments,
        reciprocity,
        mentoring,
        recent_hours,
        renewals,
        attestations,
        evidence,
        feedback,
    ];
    let mut items: Vec<(Item, String)> = kinds
        .iter()
        .flat_map(|kind| kind(input))
        .map(|item| {
            let what = item.due.what();
            (item, what)
        })
        .collect();
    items.sort_by(|(a, a_what), (b, b_what)| {
        (a.by, a.due.kind(), a_what).cmp(&(b.by, b.due.kind(), b_what))
    });
    items.into_iter().map(|(item, _)| item).collect()
}

/// The day a horizon of `within_days` from today ends.
fn horizon(input: &Input) -> NaiveDate {
    input.today + chrono::Duration::days(input.waits.within_days)
}

/// Inbox lines to log, and lines that wait.
fn inbox(input: &Input) -> Vec<Item> {
    let today = input.today;
    let lines = (input.inbox_lines > 0).then_some(Item {
        by: today,
        due: Due::InboxLines {
            lines: input.inbox_lines,
        },
    });
    lines
        .into_iter()
        .chain(input.inbox_waiting.iter().map(|(at, why)| Item {
            by: today,
            due: Due::InboxWaits {
                at: at.clone(),
                why: why.clone(),
            },
        }))
        .collect()
}

/// The calendar file's coaching events not logged.
fn calendar(input: &Input) -> Vec<Item> {
    input
        .calendar
        .iter()
        .filter(|(_, events)| *events > 0)
        .map(|(file, events)| Item {
            by: input.today,
            due: Due::Calendar {
                file: file.clone(),
                events: *events,
            },
        })
        .collect()
}

/// The name of a session's partner.
fn partner_name(input: &Input, s: &Session) -> String {
    input
        .partners
        .iter()
        .find(|p| p.id == s.partner)
        .map_or_else(|| s.partner.to_string(), |p| p.name.clone())
}

/// Sessions as coach of the last two weeks, a few days old, without a reflection.
fn reflections(input: &Input) -> Vec<Item> {
    let today = input.today;
    let recent = today - chrono::Duration::days(14);
    input
        .sessions
        .iter()
        .filter(|s| s.date >= recent)
        .filter(|s| {
            let age = (today - s.date).num_days();
            s.role == Role::Coach
                && s.reflection.is_none()
                && age >= input.waits.reflection_days
                && age <= 14
        })
        .map(|s| Item {
            by: s.date + chrono::Duration::days(input.waits.reflection_days),
            due: Due::Reflection {
                session: s.id.clone(),
                date: s.date,
                partner: partner_name(input, s),
            },
        })
        .collect()
}

/// Partners seen in the last half year, but not for a while; an ended engagement is never quiet.
fn quiet_partners(input: &Input) -> Vec<Item> {
    let today = input.today;
    let mut last_seen: HashMap<&PartnerId, NaiveDate> = HashMap::new();
    for s in input.sessions.iter().filter(|s| s.date <= today) {
        let last = last_seen.entry(&s.partner).or_insert(s.date);
        *last = (*last).max(s.date);
    }
    input
        .partners
        .iter()
        .filter(|p| p.ended.is_none())
        .filter_map(|p| {
            let last = *last_seen.get(&p.id)?;
            let days = (today - last).num_days();
            (days > input.waits.quiet_days && days <= 183).then(|| Item {
                by: last + chrono::Duration::days(input.waits.quiet_days),
                due: Due::QuietPartner {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    last,
                    days,
                },
            })
        })
        .collect()
}

/// Today's partners: the experiment agreed at the last reflection with them (one pass over the
/// sessions for each: a logbook has many).
fn experiments(input: &Input) -> Vec<Item> {
    let today = input.today;
    let seen_today: HashSet<&PartnerId> = input
        .sessions
        .iter()
        .filter(|s| s.date == today)
        .map(|s| &s.partner)
        .collect();
    let mut experiments: HashMap<&PartnerId, (NaiveDate, &str)> = HashMap::new();
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
    input
        .partners
        .iter()
        .filter_map(|p| {
            let (on, experiment) = experiments.get(&p.id)?;
            Some(Item {
                by: today,
                due: Due::Experiment {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    on: *on,
                    experiment: (*experiment).to_owned(),
                },
            })
        })
        .collect()
}

/// Reciprocal partners owed an hour or more, one way or the other.
fn reciprocity(input: &Input) -> Vec<Item> {
    input
        .ledger
        .iter()
        .filter(|row| row.given_minutes.abs_diff(row.received_minutes) >= 60)
        .filter_map(|row| {
            let p = input.partners.iter().find(|p| p.id == row.partner)?;
            Some(Item {
                by: input.today,
                due: Due::Reciprocity {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    given: row.given_minutes,
                    received: row.received_minutes,
                },
            })
        })
        .collect()
}

/// Mentor coaching that must still span its months or reach its hours: one item a scheme, the span
/// when its day is near, else the hours.
fn mentoring(input: &Input) -> Vec<Item> {
    let horizon = horizon(input);
    input
        .requirements
        .iter()
        .filter_map(|(scheme, requirements)| {
            let open: Vec<&Requirement> = requirements.iter().filter(|r| !r.met).collect();
            let span = open.iter().find_map(|r| match (&r.kind, &r.shortfall) {
                (RequirementKind::MentorSpan, Some(Shortfall::SpanOn { months, on }))
                    if *on <= horizon =>
                {
                    Some((
                        *on,
                        MentoringMissing::Span {
                            months: *months,
                            on: *on,
                        },
                    ))
                }
                _ => None,
            });
            let hours = open.iter().find_map(|r| match (&r.kind, &r.shortfall) {
                // Mentor coaching under way: none recorded yet is not due yet.
                (RequirementKind::MentorHours | RequirementKind::MentorIndividual, Some(s))
                    if !matches!(s, Shortfall::NoneYet { .. }) =>
                {
                    Some((input.today, MentoringMissing::Hours(s.clone())))
                }
                _ => None,
            });
            let (by, missing) = span.or(hours)?;
            Some(Item {
                by,
                due: Due::Mentoring {
                    scheme: (*scheme).to_owned(),
                    missing,
                },
            })
        })
        .collect()
}

/// Schemes whose recent hours fall short at the current pace.
fn recent_hours(input: &Input) -> Vec<Item> {
    input
        .recent
        .iter()
        .map(|(scheme, id, on, minutes)| Item {
            by: *on,
            due: Due::RecentHours {
                scheme: scheme.clone(),
                id: id.clone(),
                on: *on,
                minutes: *minutes,
            },
        })
        .collect()
}

/// Credentials that expire within the horizon and 60 days more, their renewal not met.
fn renewals(input: &Input) -> Vec<Item> {
    let until = horizon(input) + chrono::Duration::days(60);
    input
        .renewals
        .iter()
        .filter(|(_, expires, met, _)| *expires <= until && !met)
        .map(|(scheme, expires, _, window)| Item {
            by: *expires,
            due: Due::Renewal {
                scheme: scheme.clone(),
                expires: *expires,
                days: (*expires - input.today).num_days(),
                window: *window,
            },
        })
        .collect()
}

/// Attestations that do not hold or are gone, and the last quarter not attested.
fn attestations(input: &Input) -> Vec<Item> {
    let unattested = input.unattested.iter().map(|(period, ended)| Item {
        by: *ended,
        due: Due::Unattested {
            period: period.clone(),
            ended: *ended,
        },
    });
    input
        .attestations
        .iter()
        .map(|a| Item {
            by: input.today,
            due: Due::Attestation(a.clone()),
        })
        .chain(unattested)
        .collect()
}

/// Records without the evidence they want.
fn evidence(input: &Input) -> Vec<Item> {
    (input.evidence_missing > 0)
        .then_some(Item {
            by: input.today,
            due: Due::Evidence {
                records: input.evidence_missing,
            },
        })
        .into_iter()
        .collect()
}

/// Requests for feedback not answered after the days they may wait: due since that day.
fn feedback(input: &Input) -> Vec<Item> {
    input
        .open_requests
        .iter()
        .filter_map(|(r, name)| {
            let by = r.sent + chrono::Duration::days(input.waits.feedback_days);
            (by <= input.today).then(|| Item {
                by,
                due: Due::Feedback {
                    request: r.id.clone(),
                    date: r.session_date,
                    partner: name.clone(),
                    days: (input.today - r.sent).num_days(),
                },
            })
        })
        .collect()
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
    /// What `due` judges when nothing is in the logbook, on 2026-11-23.
    fn nothing<'a>(
        partners: &'a [Partner],
        ledger: &'a [crate::reports::mix::LedgerRow],
    ) -> Input<'a> {
        Input {
            today: day("2026-11-23"),
            sessions: &[],
            partners,
            requirements: Vec::new(),
            renewals: Vec::new(),
            inbox_lines: 0,
            inbox_waiting: Vec::new(),
            calendar: None,
            unattested: None,
            attestations: Vec::new(),
            evidence_missing: 0,
            open_requests: Vec::new(),
            recent: Vec::new(),
            ledger,
            waits: Waits::default(),
        }
    }

    #[test]
    fn a_request_not_answered_is_due_once_its_days_have_passed() {
        let request = |sent: &str| Request {
            id: "r1".into(),
            session: "s1".into(),
            partner: "alex".parse().expect("id"),
            session_date: day("2026-11-01"),
            sent: day(sent),
            questions: crate::domain::feedback::Questions::default(),
        };
        let mut input = nothing(&[], &[]);
        assert!(feedback(&input).is_empty(), "nothing when none were sent");
        input.open_requests = vec![(request("2026-11-17"), "Alex Kim".into())];
        assert!(feedback(&input).is_empty(), "6 days: not yet");
        input.open_requests = vec![(request("2026-11-16"), "Alex Kim".into())];
        let items = feedback(&input);
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].by, day("2026-11-23"));
        assert_eq!(
            items[0].due.what(),
            "Alex Kim has not answered the request for feedback on the session of 2026-11-01 \
             (r1, 7 days ago): ask again, or import the answer"
        );
        input.waits.feedback_days = 14;
        assert!(feedback(&input).is_empty(), "the days are the user's");
    }

    #[test]
    fn reciprocity_is_due_from_an_hour_either_way_with_the_command_for_it() {
        let alex = Partner::new(
            "alex".parse().expect("id"),
            "Alex Kim".to_owned(),
            crate::domain::model::ClientType::Peer,
        );
        let row = |given, received| crate::reports::mix::LedgerRow {
            partner: alex.id.clone(),
            given_minutes: given,
            received_minutes: received,
        };
        let partners = [alex.clone()];
        let ledger = [row(150, 60)];
        let items = reciprocity(&nothing(&partners, &ledger));
        assert_eq!(items.len(), 1);
        assert_eq!(
            items[0].due.what(),
            "Alex Kim owes you 1.5 h of coaching (you gave 2.5 h, received 1 h)"
        );
        assert_eq!(items[0].due.command(), "coachlog log alex --role client");
        let ledger = [row(60, 120)];
        let items = reciprocity(&nothing(&partners, &ledger));
        assert_eq!(items[0].due.command(), "coachlog log alex");
        let ledger = [row(60, 119)];
        assert!(reciprocity(&nothing(&partners, &ledger)).is_empty());
    }

    #[test]
    fn a_renewal_is_due_within_the_horizon_and_sixty_days_unless_it_is_met() {
        let mut input = nothing(&[], &[]);
        use super::super::renewal::Window;
        input.renewals = vec![
            (
                "ICF ACC".to_owned(),
                day("2027-02-21"),
                false,
                Window::Valid,
            ),
            ("ICF PCC".to_owned(), day("2027-02-21"), true, Window::Valid),
            ("EMCC".to_owned(), day("2027-02-22"), false, Window::Valid),
            (
                "ICF MCC".to_owned(),
                day("2026-10-31"),
                false,
                Window::Grace {
                    until: day("2026-12-31"),
                },
            ),
        ];
        let items = renewals(&input);
        assert_eq!(items.len(), 2, "{items:?}");
        assert_eq!(items[0].by, day("2027-02-21"));
        assert_eq!(
            items[0].due.what(),
            "ICF ACC expires on 2027-02-21 (90 days) and its renewal is not met"
        );
        assert_eq!(items[0].due.kind(), "renewal");
        assert_eq!(
            items[1].due.what(),
            "ICF MCC expired on 2026-10-31: in its grace months, renew by 2026-12-31"
        );
    }

    #[test]
    fn everything_due_comes_most_urgent_first() {
        let mut input = nothing(&[], &[]);
        input.evidence_missing = 2;
        input.inbox_lines = 1;
        input.unattested = Some(("2026-Q3".to_owned(), day("2026-09-30")));
        let kinds: Vec<&str> = due(&input).iter().map(|i| i.due.kind()).collect();
        assert_eq!(kinds, ["attest", "evidence", "inbox"]);
    }
}
