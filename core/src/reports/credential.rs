//! The requirements of a scheme beyond coaching practice, judged from the other records of a
//! credential: coach-specific education, mentor coaching (ICF), client feedback, reflections,
//! supervision per quarter and continuing education (EMCC).

use chrono::{Datelike, NaiveDate};

use super::counting::Ledger;
use super::engagement::{self, EngagementCount};
use super::requirement::{Figure, Requirement, RequirementKind, Shortfall};
use crate::domain::development::{Development, Mentoring};
use crate::domain::duration::hours_2dp;
use crate::domain::feedback::ClientFeedback;
use crate::domain::model::{Format, Session};
use crate::domain::reflection::{RatedBy, Reflection, Scores};
use crate::rules::dates;
use crate::rules::scheme::{Evidence, FeedbackFrom, MentoringRule, Scheme};

/// Why a scheme does not count a record of mentor coaching.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MentoringLeftOut {
    /// On or before the grant of a credential already held from the same body (used for it, so
    /// not again), that day.
    UsedBefore(NaiveDate),
    /// With a mentor whose credential does not qualify for the scheme.
    WrongCredential,
    /// With a mentor whose credential qualifies only once renewed, not marked as renewed.
    NotRenewed,
    /// In a group larger than the limit.
    GroupOverLimit,
}

/// Whether `rule` counts a record of mentor coaching, after the grant of a credential `held`, or
/// why not: the one judgement of a record, shared by `summary`, the renewal and the mentor
/// coaching log.
pub fn mentoring_verdict(
    m: &Mentoring,
    rule: &MentoringRule,
    held: Option<NaiveDate>,
) -> Result<(), MentoringLeftOut> {
    if let Some(granted) = held.filter(|g| m.date <= *g) {
        return Err(MentoringLeftOut::UsedBefore(granted));
    }
    if !rule.credentials.is_empty() && !rule.credentials.contains(&m.credential) {
        return Err(MentoringLeftOut::WrongCredential);
    }
    if !m.renewed && rule.renewed_credentials.contains(&m.credential) {
        return Err(MentoringLeftOut::NotRenewed);
    }
    if m.format == Format::Group
        && rule
            .group_limit
            .zip(m.group_size)
            .is_some_and(|(limit, size)| size.get() > limit)
    {
        return Err(MentoringLeftOut::GroupOverLimit);
    }
    Ok(())
}

/// Mentor coaching as one scheme counts it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MentoringCount {
    /// One-to-one minutes counted.
    pub individual_minutes: u64,
    /// Group minutes that qualify, before the cap on group mentoring.
    pub group_minutes: u64,
    /// What counts: one-to-one, and group up to the cap.
    pub counted_minutes: u64,
    /// Group minutes beyond the cap.
    pub beyond_group_cap: u64,
    /// Minutes with a mentor whose credential does not qualify for the scheme.
    pub wrong_credential: u64,
    /// Minutes with a mentor whose credential qualifies only once renewed, not marked as renewed.
    pub not_renewed: u64,
    /// Minutes in groups larger than the limit.
    pub group_over_limit: u64,
    /// Minutes on or before the grant of a credential already held from the same body (used for
    /// it, so not again), and that day.
    pub used_before: Option<(NaiveDate, u64)>,
    /// The first and last day counted.
    pub span: Option<(NaiveDate, NaiveDate)>,
}

/// Coach-specific education as a scheme counts it on the as-of day: a course counts once it is
/// completed, on its last day (a course without one, on its first).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EducationCount {
    /// Minutes of the courses completed.
    pub counted_minutes: u64,
    /// Courses still running on the as-of day: title, last day and minutes.
    pub in_progress: Vec<(String, NaiveDate, u64)>,
    /// Courses without a last day, counted on their first: their titles.
    pub undated: Vec<String>,
}

/// Where a course stands on an as-of day, as the education requirement counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "status")]
pub enum CourseStatus {
    /// Not begun yet: not counted, and in no output of the day.
    NotStarted,
    /// Still running: not counted until its last day.
    InProgress {
        /// Its last day.
        ends: NaiveDate,
    },
    /// Completed: counted.
    Completed,
    /// Without a last day: counted on its first.
    Undated,
}

impl CourseStatus {
    /// Whether the course counts.
    pub fn counts(self) -> bool {
        matches!(self, CourseStatus::Completed | CourseStatus::Undated)
    }
}

/// Where `e` stands on `as_of`: a course counts once completed, on its last day (one without a
/// last day, on its first).
pub fn course_status(e: &crate::domain::development::Education, as_of: NaiveDate) -> CourseStatus {
    match e.end {
        _ if e.start > as_of => CourseStatus::NotStarted,
        Some(end) if end > as_of => CourseStatus::InProgress { ends: end },
        Some(_) => CourseStatus::Completed,
        None => CourseStatus::Undated,
    }
}

/// Education up to `as_of`: each course on its last day, or its first when it has none.
pub fn count_education(records: &Development, as_of: NaiveDate) -> EducationCount {
    let mut count = EducationCount::default();
    for e in &records.education {
        let minutes = u64::from(e.minutes);
        match course_status(e, as_of) {
            CourseStatus::NotStarted => {}
            CourseStatus::InProgress { ends } => {
                count.in_progress.push((e.title.clone(), ends, minutes));
            }
            CourseStatus::Completed => count.counted_minutes += minutes,
            CourseStatus::Undated => {
                count.counted_minutes += minutes;
                count.undated.push(e.title.clone());
            }
        }
    }
    count
}

/// The sessions a ledger counts in the evidence window of `months` before its as-of day that
/// carry the coach's reflection, in date order: the reflections a scheme counts.
pub fn reflected<'a>(ledger: &Ledger<'a>, months: u32) -> Vec<&'a Session> {
    in_window(ledger, months)
        .filter(|s| s.reflection.is_some())
        .collect()
}

/// The sessions a ledger counts in the evidence window of `months` before its as-of day.
fn in_window<'a>(ledger: &Ledger<'a>, months: u32) -> std::vec::IntoIter<&'a Session> {
    let (from, _) = dates::recent_window(ledger.as_of(), months);
    let sessions: Vec<&'a Session> = ledger
        .since(Some(from))
        .counted()
        .map(|c| c.session)
        .collect();
    sessions.into_iter()
}

/// A piece of client feedback a scheme counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Piece<'a> {
    /// The client's own answer to a request, which the client lets be shown.
    Answer(&'a ClientFeedback),
    /// Scores the coach typed as the client's (`reflect --rated-by client`), counted only where
    /// the scheme's data says `feedback_from = "any"`.
    Typed(&'a Reflection),
}

impl Piece<'_> {
    /// The four scores, if it has them.
    pub fn scores(&self) -> Option<Scores> {
        match self {
            Piece::Answer(a) => Some(a.scores),
            Piece::Typed(r) => r.scores,
        }
    }
}

/// The pieces of client feedback `evidence` counts on the sessions a ledger counts in its window,
/// in date order — the one judgement of what is client feedback, shared by `summary` and the
/// packet's `feedback.csv`. A client's answer counts where the client let it be shown (it is
/// evidence only if an accreditor may see it); a coach's typed scores only under `any`.
pub fn client_feedback<'a>(
    ledger: &Ledger<'a>,
    evidence: &Evidence,
) -> Vec<(&'a Session, Piece<'a>)> {
    in_window(ledger, evidence.months)
        .filter_map(|s| {
            let answer = s.feedback.as_deref().filter(|a| a.share).map(Piece::Answer);
            let typed = || {
                s.reflection
                    .as_ref()
                    .filter(|r| evidence.from == FeedbackFrom::Any && r.rated_by == RatedBy::Client)
                    .map(Piece::Typed)
            };
            answer.or_else(typed).map(|piece| (s, piece))
        })
        .collect()
}

/// What [`beyond`] found for one scheme.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Beyond {
    /// The requirements, in the order shown.
    pub requirements: Vec<Requirement>,
    /// How mentor coaching was counted, when the scheme asks for it.
    pub mentoring: Option<MentoringCount>,
    /// How education was counted, when the scheme asks for it.
    pub education: Option<EducationCount>,
    /// The engagements counted, when the scheme asks for them.
    pub engagements: Option<EngagementCount>,
}

/// The day of the latest credential held on `as_of` from `scheme`'s body (`body_of` names the body
/// of a scheme id): mentor coaching up to that day was used for it.
pub fn held_before(
    scheme: &Scheme,
    records: &Development,
    body_of: impl Fn(&str) -> Option<String>,
    as_of: NaiveDate,
) -> Option<NaiveDate> {
    records
        .credentials
        .iter()
        .filter(|c| c.granted <= as_of && body_of(&c.scheme).as_deref() == Some(&scheme.body))
        .map(|c| c.granted)
        .max()
}

/// The requirements of `scheme` beyond practice, judged on the ledger's as-of day; feedback and
/// reflections count only on the sessions the ledger counts.
pub fn beyond(
    scheme: &Scheme,
    records: &Development,
    ledger: &Ledger,
    body_of: impl Fn(&str) -> Option<String>,
) -> Beyond {
    let as_of = ledger.as_of();
    let rules = &scheme.beyond;
    let mut found = Beyond::default();
    if !rules.requires_credential.is_empty() {
        let held = records.credentials.iter().any(|c| {
            c.granted <= as_of
                && (!rules.credential_active || as_of < c.expires)
                && rules.requires_credential.contains(&c.scheme)
        });
        found.requirements.push(Requirement::judged(
            RequirementKind::CredentialHeld,
            Figure::Count(1),
            Figure::Count(u32::from(held)),
            || Shortfall::Held {
                schemes: rules.requires_credential.clone(),
                now: rules.credential_active,
            },
        ));
    }
    if let Some(required) = rules.education_minutes {
        let count = count_education(records, as_of);
        found.requirements.push(education_requirement(
            required,
            rules.education_unit,
            &count,
            records.education.is_empty(),
        ));
        found.education = Some(count);
    }
    if let Some(rule) = &rules.mentoring {
        let held = held_before(scheme, records, body_of, as_of);
        let count = count_mentoring(&records.mentoring, rule, held, as_of);
        found.requirements.extend(mentoring_requirements(
            rule,
            &count,
            records.mentoring.is_empty(),
        ));
        found.mentoring = Some(count);
    }
    if let Some(required) = rules.observing_minutes {
        let observed: u64 = ledger
            .observed()
            .iter()
            .map(|s| u64::from(s.minutes.get()))
            .sum();
        found.requirements.push(minutes_requirement(
            RequirementKind::ObservingHours,
            required,
            observed,
            ledger.observed().is_empty(),
            "`coachlog log PARTNER --role observer`",
        ));
    }
    if let Some(rule) = &rules.engagements {
        let count = engagement::count(ledger, rule);
        found
            .requirements
            .extend(engagement::requirements(rule, &count));
        found.engagements = Some(count);
    }
    if let Some(evidence) = &rules.evidence {
        found.requirements.push(count_requirement(
            RequirementKind::Feedback,
            evidence.feedback,
            client_feedback(ledger, evidence).len(),
        ));
        found.requirements.push(count_requirement(
            RequirementKind::Reflections,
            evidence.reflections,
            reflected(ledger, evidence.months).len(),
        ));
    }
    if let Some(required) = rules.supervision_quarter_minutes {
        found
            .requirements
            .push(supervision_requirement(records, required, as_of));
    }
    if let Some(months) = rules.supervision_months {
        let dates: Vec<NaiveDate> = records
            .supervision
            .iter()
            .map(|s| s.date)
            .filter(|d| *d <= as_of)
            .collect();
        let span = dates.iter().min().zip(dates.iter().max());
        found.requirements.push(Requirement::judged(
            RequirementKind::SupervisionSpan,
            Figure::Months(months),
            Figure::Months(span.map_or(0, |(first, last)| months_between(*first, *last))),
            || match span {
                None => Shortfall::NoneYet {
                    command: "`coachlog supervision log`",
                },
                Some((first, _)) => Shortfall::SpanOn {
                    months,
                    on: dates::anniversary(*first, months),
                },
            },
        ));
    }
    if let Some(required) = rules.cpd_year_minutes {
        let (from, _) = dates::recent_window(as_of, 12);
        let minutes = records
            .cpd
            .iter()
            .filter(|c| (from..=as_of).contains(&c.date))
            .map(|c| u64::from(c.minutes))
            .sum();
        found.requirements.push(minutes_requirement(
            RequirementKind::CpdHours,
            required,
            minutes,
            records.cpd.is_empty(),
            "`coachlog cpd log`",
        ));
    }
    found
}

/// A requirement in hours; with nothing recorded at all, the shortfall says how to record it.
fn minutes_requirement(
    kind: RequirementKind,
    required: u64,
    minutes: u64,
    none_recorded: bool,
    command: &'static str,
) -> Requirement {
    Requirement::judged(
        kind,
        Figure::Minutes(required),
        Figure::Minutes(minutes),
        || {
            if none_recorded {
                Shortfall::NoneYet { command }
            } else {
                Shortfall::Hours {
                    minutes: required - minutes,
                    paid_minutes: 0,
                }
            }
        },
    )
}

/// The education requirement: `required` minutes, in hours or, with a `unit`, in teaching units
/// of so many minutes; what is missing names the courses still running.
fn education_requirement(
    required: u64,
    unit: Option<u32>,
    count: &EducationCount,
    none_recorded: bool,
) -> Requirement {
    let figure = |minutes| match unit {
        Some(unit) => Figure::Units { minutes, unit },
        None => Figure::Minutes(minutes),
    };
    let in_progress = count
        .in_progress
        .iter()
        .map(|(_, end, _)| *end)
        .max()
        .map(|until| {
            let minutes: u64 = count.in_progress.iter().map(|(_, _, m)| m).sum();
            (minutes, until)
        });
    Requirement::judged(
        RequirementKind::Education,
        figure(required),
        figure(count.counted_minutes),
        || {
            let minutes = required - count.counted_minutes;
            match (none_recorded, unit, in_progress) {
                (true, ..) => Shortfall::NoneYet {
                    command: "`coachlog education add`",
                },
                (false, Some(unit), in_progress) => Shortfall::TeachingUnits {
                    minutes,
                    unit,
                    in_progress,
                },
                (false, None, Some((in_progress_minutes, until))) => Shortfall::InProgress {
                    minutes,
                    in_progress_minutes,
                    until,
                },
                (false, None, None) => Shortfall::Hours {
                    minutes,
                    paid_minutes: 0,
                },
            }
        },
    )
}

fn count_requirement(kind: RequirementKind, required: u32, actual: usize) -> Requirement {
    let actual = u32::try_from(actual).unwrap_or(u32::MAX);
    Requirement::judged(kind, Figure::Count(required), Figure::Count(actual), || {
        Shortfall::More {
            more: required - actual,
            kind,
        }
    })
}

/// Mentor coaching up to `as_of` as `rule` counts it, after the grant of a credential `held`.
pub fn count_mentoring<'m>(
    records: impl IntoIterator<Item = &'m Mentoring>,
    rule: &MentoringRule,
    held: Option<NaiveDate>,
    as_of: NaiveDate,
) -> MentoringCount {
    let mut count = MentoringCount::default();
    for m in records.into_iter().filter(|m| m.date <= as_of) {
        let minutes = u64::from(m.minutes.get());
        match mentoring_verdict(m, rule, held) {
            Err(MentoringLeftOut::UsedBefore(granted)) => {
                count.used_before.get_or_insert((granted, 0)).1 += minutes;
            }
            Err(MentoringLeftOut::WrongCredential) => count.wrong_credential += minutes,
            Err(MentoringLeftOut::NotRenewed) => count.not_renewed += minutes,
            Err(MentoringLeftOut::GroupOverLimit) => count.group_over_limit += minutes,
            Ok(()) => {
                match m.format {
                    Format::Individual => count.individual_minutes += minutes,
                    Format::Group => count.group_minutes += minutes,
                }
                count.span = Some(match count.span {
                    None => (m.date, m.date),
                    Some((first, last)) => (first.min(m.date), last.max(m.date)),
                });
            }
        }
    }
    let group = rule
        .group_max_minutes
        .map_or(count.group_minutes, |max| count.group_minutes.min(max));
    count.beyond_group_cap = count.group_minutes - group;
    count.counted_minutes = count.individual_minutes + group;
    count
}

/// The whole calendar months from `first` to `last`.
fn months_between(first: NaiveDate, last: NaiveDate) -> u32 {
    let mut months = u32::try_from((last.year() - first.year()) * 12 + 12).unwrap_or(0);
    while months > 0 && dates::anniversary(first, months) > last {
        months -= 1;
    }
    months
}

/// The requirements of mentor coaching counted under `rule`: the hours, the one-to-one hours and
/// the span (with nothing recorded at all, the shortfalls say how to record it).
pub fn mentoring_requirements(
    rule: &MentoringRule,
    count: &MentoringCount,
    none_recorded: bool,
) -> Vec<Requirement> {
    let none_yet = Shortfall::NoneYet {
        command: "`coachlog mentoring log`",
    };
    let individual_short = rule
        .individual_minutes
        .saturating_sub(count.individual_minutes);
    let mut requirements = vec![Requirement::judged(
        RequirementKind::MentorHours,
        Figure::Minutes(rule.minutes),
        Figure::Minutes(count.counted_minutes),
        || {
            if none_recorded {
                none_yet.clone()
            } else {
                let minutes = rule.minutes - count.counted_minutes;
                Shortfall::Mentoring {
                    minutes,
                    individual_minutes: individual_short.min(minutes),
                }
            }
        },
    )];
    if rule.individual_minutes > 0 {
        requirements.push(minutes_requirement(
            RequirementKind::MentorIndividual,
            rule.individual_minutes,
            count.individual_minutes,
            none_recorded,
            "`coachlog mentoring log`",
        ));
    }
    if rule.months > 0 {
        let months = count
            .span
            .map_or(0, |(first, last)| months_between(first, last));
        requirements.push(Requirement::judged(
            RequirementKind::MentorSpan,
            Figure::Months(rule.months),
            Figure::Months(months),
            || match count.span {
                None => none_yet.clone(),
                Some((first, _)) => Shortfall::SpanOn {
                    months: rule.months,
                    on: dates::anniversary(first, rule.months),
                },
            },
        ));
    }
    requirements
}

/// A calendar quarter: its year and number (1 to 4).
fn quarter_of(date: NaiveDate) -> (i32, u32) {
    (date.year(), date.month0() / 3 + 1)
}

/// Supervision in each of the four quarters up to and including `as_of`'s.
fn supervision_requirement(records: &Development, required: u64, as_of: NaiveDate) -> Requirement {
    let (year, quarter) = quarter_of(as_of);
    let quarters: Vec<(i32, u32)> = (0..4)
        .rev()
        .map(|back| {
            let index = year * 4 + quarter as i32 - 1 - back;
            (index.div_euclid(4), index.rem_euclid(4) as u32 + 1)
        })
        .collect();
    let short: Vec<(i32, u32)> = quarters
        .iter()
        .copied()
        .filter(|q| {
            let minutes: u64 = records
                .supervision
                .iter()
                .filter(|s| s.date <= as_of && quarter_of(s.date) == *q)
                .map(|s| u64::from(s.minutes.get()))
                .sum();
            minutes < required
        })
        .collect();
    let count = |n: usize| Figure::Count(u32::try_from(n).unwrap_or(u32::MAX));
    Requirement::judged(
        RequirementKind::SupervisionQuarters,
        count(quarters.len()),
        count(quarters.len() - short.len()),
        || {
            if records.supervision.is_empty() {
                Shortfall::NoneYet {
                    command: "`coachlog supervision log`",
                }
            } else {
                Shortfall::Quarters {
                    minutes: required,
                    quarters: short.clone(),
                }
            }
        },
    )
}

/// What mentor coaching `rule` leaves out, and why, if any.
pub fn mentoring_left_out(rule: &MentoringRule, m: &MentoringCount) -> Option<String> {
    let mut parts = Vec::new();
    if m.wrong_credential > 0 {
        let allowed: Vec<&str> = rule.credentials.iter().map(|c| c.as_str()).collect();
        parts.push(format!(
            "{} h with a mentor who does not hold {}",
            hours_2dp(m.wrong_credential),
            allowed.join(" or ")
        ));
    }
    if m.not_renewed > 0 {
        let renewed: Vec<&str> = rule
            .renewed_credentials
            .iter()
            .map(|c| c.as_str())
            .collect();
        parts.push(format!(
            "{} h with a mentor holding {} not recorded as having renewed it at least once \
             (renewed = true: `coachlog edit mentoring ID`)",
            hours_2dp(m.not_renewed),
            renewed.join(" or ")
        ));
    }
    if m.group_over_limit > 0 {
        parts.push(format!(
            "{} h in groups of more than {}",
            hours_2dp(m.group_over_limit),
            rule.group_limit.unwrap_or_default()
        ));
    }
    if m.beyond_group_cap > 0 {
        parts.push(format!(
            "{} h in groups beyond the {} h that count",
            hours_2dp(m.beyond_group_cap),
            crate::domain::duration::hours_short(rule.group_max_minutes.unwrap_or_default())
        ));
    }
    if let Some((granted, minutes)) = m.used_before {
        parts.push(format!(
            "{} h before {granted}, used for the credential granted then",
            hours_2dp(minutes)
        ));
    }
    (!parts.is_empty()).then(|| format!("Mentor coaching not counted: {}.", parts.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::development::{CoachCredential, Credential, Supervision};
    use crate::domain::duration::Minutes;
    use crate::domain::model::GroupSize;
    use crate::reports::Partners;
    use crate::reports::counting::{Practice, Rules};
    use crate::rules::scheme;

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn mentoring(
        day: &str,
        minutes: u32,
        group: Option<u32>,
        credential: CoachCredential,
    ) -> Mentoring {
        Mentoring {
            id: day.into(),
            date: date(day),
            minutes: Minutes::new(minutes).expect("minutes"),
            mentor: "Dana Reyes".into(),
            credential,
            renewed: false,
            contact: None,
            format: if group.is_some() {
                Format::Group
            } else {
                Format::Individual
            },
            group_size: group.and_then(GroupSize::new),
            notes: None,
        }
    }

    fn icf_acc() -> Scheme {
        scheme::built_in()
            .into_iter()
            .find(|s| s.id == "icf-acc")
            .expect("icf-acc")
    }

    /// A ledger of no sessions on `as_of`: the records alone are judged.
    fn no_practice(as_of: &str) -> Ledger<'static> {
        let practice = Practice::new(&[], date(as_of));
        Ledger::count(&practice, Rules::all_coaching(), &Partners::default())
    }

    fn judged(records: &Development, as_of: &str) -> Beyond {
        beyond(&icf_acc(), records, &no_practice(as_of), |id| {
            id.starts_with("icf").then(|| "ICF".to_owned())
        })
    }

    fn find(b: &Beyond, kind: RequirementKind) -> &Requirement {
        b.requirements
            .iter()
            .find(|r| r.kind == kind)
            .expect("requirement")
    }

    #[test]
    fn seven_hours_of_groups_and_three_one_to_one_meet_it_but_not_two_and_a_half() {
        let mut records = Development::default();
        for (i, day) in ["2026-01-10", "2026-02-10", "2026-03-10", "2026-04-10"]
            .iter()
            .enumerate()
        {
            // 4 × 105 = 420 minutes = 7 h in groups.
            records.mentoring.push(mentoring(
                day,
                105,
                Some(4 + i as u32),
                CoachCredential::Pcc,
            ));
        }
        records
            .mentoring
            .push(mentoring("2026-04-11", 150, None, CoachCredential::Mcc));
        let b = judged(&records, "2026-06-01");
        let hours = find(&b, RequirementKind::MentorHours);
        assert_eq!((hours.actual, hours.met), (Figure::Minutes(570), false));
        assert_eq!(
            hours.shortfall.as_ref().expect("short").to_string(),
            "0.5 h more, 0.5 one-to-one"
        );
        records
            .mentoring
            .push(mentoring("2026-04-12", 30, None, CoachCredential::Mcc));
        let b = judged(&records, "2026-06-01");
        assert!(find(&b, RequirementKind::MentorHours).met);
        assert!(find(&b, RequirementKind::MentorIndividual).met);
        // More group mentoring does not count beyond 7 h.
        records
            .mentoring
            .push(mentoring("2026-04-13", 60, Some(3), CoachCredential::Pcc));
        let b = judged(&records, "2026-06-01");
        let count = b.mentoring.expect("count");
        assert_eq!((count.counted_minutes, count.beyond_group_cap), (600, 60));
    }

    #[test]
    fn the_span_is_three_calendar_months_not_two_months_and_29_days() {
        let mut records = Development::default();
        records
            .mentoring
            .push(mentoring("2026-01-15", 60, None, CoachCredential::Pcc));
        records
            .mentoring
            .push(mentoring("2026-04-14", 60, None, CoachCredential::Pcc));
        let b = judged(&records, "2026-06-01");
        let span = find(&b, RequirementKind::MentorSpan);
        assert_eq!((span.actual, span.met), (Figure::Months(2), false));
        assert_eq!(
            span.shortfall.as_ref().expect("short").to_string(),
            "a session from 2026-04-15"
        );
        records
            .mentoring
            .push(mentoring("2026-04-15", 60, None, CoachCredential::Pcc));
        let b = judged(&records, "2026-06-01");
        assert!(find(&b, RequirementKind::MentorSpan).met);
    }

    #[test]
    fn an_acc_mentor_counts_for_acc_only_and_groups_over_ten_and_hours_used_before_do_not() {
        let mut records = Development::default();
        records
            .mentoring
            .push(mentoring("2025-03-01", 600, None, CoachCredential::Mcc));
        records
            .mentoring
            .push(mentoring("2026-02-01", 60, None, CoachCredential::Acc));
        records
            .mentoring
            .push(mentoring("2026-02-02", 60, Some(11), CoachCredential::Mcc));
        records
            .mentoring
            .push(mentoring("2026-02-03", 60, None, CoachCredential::Pcc));
        records.credentials.push(Credential {
            id: "c".into(),
            scheme: "icf-acc".into(),
            granted: date("2025-06-01"),
            expires: date("2028-06-01"),
            notes: None,
        });
        // For a PCC application, after the ACC granted on 2025-06-01: the ACC mentor does not count.
        let pcc = scheme::built_in()
            .into_iter()
            .find(|s| s.id == "icf-pcc")
            .expect("icf-pcc");
        let body_of = |id: &str| id.starts_with("icf").then(|| "ICF".to_owned());
        let count = beyond(&pcc, &records, &no_practice("2026-06-01"), body_of)
            .mentoring
            .expect("count");
        assert_eq!(count.used_before, Some((date("2025-06-01"), 600)));
        assert_eq!((count.wrong_credential, count.group_over_limit), (60, 60));
        assert_eq!(count.counted_minutes, 60);
        // For an ACC application ICF allows an ACC mentor ("you may only deliver Mentor Coaching to
        // ACC candidates"), once the mentor has renewed their ACC at least once.
        records.credentials.clear();
        let count = judged(&records, "2026-06-01").mentoring.expect("count");
        assert_eq!((count.wrong_credential, count.group_over_limit), (0, 60));
        assert_eq!(count.not_renewed, 60);
        assert_eq!(count.counted_minutes, 600 + 60);
        records.mentoring[1].renewed = true;
        let count = judged(&records, "2026-06-01").mentoring.expect("count");
        assert_eq!(count.not_renewed, 0);
        assert_eq!(count.counted_minutes, 600 + 60 + 60);
    }

    #[test]
    fn an_acc_mentor_counts_for_an_acc_once_renewed_and_the_rest_is_named() {
        // Hand-counted: 4 h with an ACC before her renewal, 3 h with the same ACC after it, 3 h
        // one-to-one with a PCC: 6 h count of the 10, and the 4 h are named with the way to mark
        // them.
        let mut records = Development::default();
        let mut acc = |day: &str, renewed: bool| {
            let mut m = mentoring(day, 60, None, CoachCredential::Acc);
            m.renewed = renewed;
            records.mentoring.push(m);
        };
        for day in ["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26"] {
            acc(day, false);
        }
        for day in ["2026-03-02", "2026-03-09", "2026-03-16"] {
            acc(day, true);
        }
        for day in ["2026-04-06", "2026-04-13", "2026-04-20"] {
            records
                .mentoring
                .push(mentoring(day, 60, None, CoachCredential::Pcc));
        }
        let scheme = icf_acc();
        let rule = scheme
            .beyond
            .mentoring
            .as_ref()
            .expect("ICF ACC asks for mentoring");
        assert_eq!(rule.renewed_credentials, [CoachCredential::Acc]);
        let count = count_mentoring(&records.mentoring, rule, None, date("2026-06-01"));
        assert_eq!(count.not_renewed, 4 * 60);
        assert_eq!(count.counted_minutes, 6 * 60);
        assert_eq!(count.span, Some((date("2026-03-02"), date("2026-04-20"))));
        assert_eq!(
            mentoring_left_out(rule, &count).as_deref(),
            Some(
                "Mentor coaching not counted: 4.00 h with a mentor holding ACC not recorded as \
                 having renewed it at least once (renewed = true: `coachlog edit mentoring ID`)."
            )
        );
        // The ACC renewal's mentor coaching has the same rule of who may mentor.
        let renewal = scheme
            .beyond
            .renewal
            .as_ref()
            .and_then(|r| r.mentoring.as_ref())
            .expect("an ACC renewal asks for mentoring");
        let count = count_mentoring(&records.mentoring, renewal, None, date("2026-06-01"));
        assert_eq!((count.not_renewed, count.counted_minutes), (4 * 60, 6 * 60));
        // A rule without it counts every ACC mentor.
        let every = MentoringRule {
            renewed_credentials: Vec::new(),
            ..rule.clone()
        };
        let count = count_mentoring(&records.mentoring, &every, None, date("2026-06-01"));
        assert_eq!((count.not_renewed, count.counted_minutes), (0, 10 * 60));
    }

    #[test]
    fn a_course_counts_once_completed() {
        let course =
            |start: &str, end: Option<&str>, hours: u32| crate::domain::development::Education {
                id: start.into(),
                provider: "School".into(),
                title: format!("Course {start}"),
                start: date(start),
                end: end.map(date),
                minutes: hours * 60,
                core_minutes: 0,
                ethics_minutes: 0,
                accreditation: crate::domain::development::Accreditation::IcfLevel2,
                notes: None,
            };
        let pcc = scheme::built_in()
            .into_iter()
            .find(|s| s.id == "icf-pcc")
            .expect("icf-pcc");
        // One month into an eleven-month course of 125 h: in progress, not met.
        let mut records = Development {
            education: vec![course("2026-01-10", Some("2026-11-30"), 125)],
            ..Development::default()
        };
        let b = beyond(&pcc, &records, &no_practice("2026-02-10"), |_| None);
        let education = find(&b, RequirementKind::Education);
        assert_eq!(
            (education.actual, education.met),
            (Figure::Minutes(0), false)
        );
        assert_eq!(
            education.shortfall.as_ref().expect("short").to_string(),
            "125 h more (125 h in progress, counted once completed, by 2026-11-30)"
        );
        // On its last day it counts.
        let b = beyond(&pcc, &records, &no_practice("2026-11-30"), |_| None);
        assert!(find(&b, RequirementKind::Education).met);
        // A course without a last day counts on its first, and the count says so.
        records.education = vec![course("2026-01-10", None, 125)];
        let b = beyond(&pcc, &records, &no_practice("2026-02-10"), |_| None);
        assert!(find(&b, RequirementKind::Education).met);
        assert_eq!(
            b.education.expect("count").undated,
            ["Course 2026-01-10".to_owned()]
        );
    }

    #[test]
    fn nothing_recorded_says_how_to_record_it() {
        let b = judged(&Development::default(), "2026-06-01");
        let education = find(&b, RequirementKind::Education);
        assert_eq!(
            education.shortfall.as_ref().expect("short").to_string(),
            "none recorded yet: `coachlog education add`"
        );
        assert_eq!(
            find(&b, RequirementKind::MentorSpan)
                .shortfall
                .as_ref()
                .expect("short")
                .to_string(),
            "none recorded yet: `coachlog mentoring log`"
        );
    }

    #[test]
    fn supervision_is_judged_per_quarter_of_the_last_year() {
        let emcc = scheme::built_in()
            .into_iter()
            .find(|s| s.id == "emcc-foundation")
            .expect("emcc");
        let visit = |day: &str, minutes: u32| Supervision {
            id: day.into(),
            date: date(day),
            minutes: Minutes::new(minutes).expect("minutes"),
            supervisor: "Sam".into(),
            format: Format::Individual,
            group_size: None,
            notes: None,
        };
        let mut records = Development {
            supervision: vec![
                visit("2026-01-20", 30),
                visit("2026-03-31", 20),
                visit("2026-05-02", 60),
                visit("2026-10-01", 60),
            ],
            ..Development::default()
        };
        let b = beyond(&emcc, &records, &no_practice("2026-11-30"), |_| None);
        let q = find(&b, RequirementKind::SupervisionQuarters);
        assert_eq!((q.required, q.actual), (Figure::Count(4), Figure::Count(2)));
        assert_eq!(
            q.shortfall.as_ref().expect("short").to_string(),
            "under 1 h in 2026 Q1, 2026 Q3"
        );
        records.supervision.push(visit("2026-03-02", 30));
        records.supervision.push(visit("2026-08-02", 60));
        let b = beyond(&emcc, &records, &no_practice("2026-11-30"), |_| None);
        assert!(find(&b, RequirementKind::SupervisionQuarters).met);
        // A year later, nothing recent counts.
        let b = beyond(&emcc, &records, &no_practice("2027-11-30"), |_| None);
        assert_eq!(
            find(&b, RequirementKind::SupervisionQuarters).actual,
            Figure::Count(0)
        );
    }
}
