//! The words for a requirement: its label, its figures, and the sentence that says what is still
//! missing, as every view (text, JSON, HTML) shows them.

use std::fmt;

use serde::Serialize;

use super::Look;
use crate::domain::duration::{hours_2dp, hours_short, hundredths_text};
use crate::reports::credential::MentoringCount;
use crate::reports::requirement::{Figure, Requirement, RequirementKind, Shortfall};
use crate::reports::summary::SchemeProgress;
use crate::rules::scheme::MentoringRule;
use crate::ui;
use crate::ui::table::{Column, Content, Grid};

impl Shortfall {
    /// What is missing, for a reader rather than the person at the terminal: without the command
    /// that records it (a mentor reading the report does not run coachlog).
    pub fn for_reader(&self) -> String {
        match self {
            Shortfall::NoneYet { .. } => "none recorded yet".to_owned(),
            other => other.to_string(),
        }
    }
}

impl fmt::Display for Shortfall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shortfall::Hours {
                minutes,
                paid_minutes: 0,
            } => write!(f, "{} h more", hours_short(*minutes)),
            Shortfall::Hours {
                minutes,
                paid_minutes,
            } if paid_minutes <= minutes => {
                write!(
                    f,
                    "{} h more, {} paid",
                    hours_short(*minutes),
                    hours_short(*paid_minutes)
                )
            }
            // The paid hours lag further behind: what meets both is the paid hours' figure.
            Shortfall::Hours {
                minutes,
                paid_minutes,
            } => {
                write!(
                    f,
                    "{} h more ({} h more paid meets both)",
                    hours_short(*minutes),
                    hours_short(*paid_minutes)
                )
            }
            Shortfall::PaidHours { minutes } => write!(f, "{} h more paid", hours_short(*minutes)),
            Shortfall::Clients { more: 1 } => write!(f, "1 more client"),
            Shortfall::Clients { more } => write!(f, "{more} more clients"),
            Shortfall::RecentHours { minutes, from, to } => {
                write!(
                    f,
                    "{} h more between {from} and {to}",
                    hours_short(*minutes)
                )
            }
            Shortfall::Years { on } => write!(f, "met on {on}"),
            Shortfall::NoPracticeYet => write!(f, "counts from your first coaching session"),
            Shortfall::Units { minutes } => write!(f, "{} units more", hours_short(*minutes)),
            Shortfall::InProgress {
                minutes,
                in_progress_minutes,
                until,
            } => write!(
                f,
                "{} h more ({} h in progress, counted once completed, by {until})",
                hours_short(*minutes),
                hours_short(*in_progress_minutes)
            ),
            Shortfall::NoneYet { command } => write!(f, "none recorded yet: {command}"),
            Shortfall::Mentoring {
                minutes,
                individual_minutes: 0,
            } => write!(f, "{} h more", hours_short(*minutes)),
            Shortfall::Mentoring {
                minutes,
                individual_minutes,
            } => write!(
                f,
                "{} h more, {} one-to-one",
                hours_short(*minutes),
                hours_short(*individual_minutes)
            ),
            Shortfall::SpanOn { on, .. } => {
                write!(f, "a session from {on}")
            }
            Shortfall::More { more, kind } => {
                let (one, many) = match kind {
                    RequirementKind::Feedback => {
                        ("piece of client feedback", "pieces of client feedback")
                    }
                    RequirementKind::Reflections => ("reflection", "reflections"),
                    _ => ("", ""),
                };
                let noun = if *more == 1 { one } else { many };
                write!(f, "{more} more {noun}")
            }
            Shortfall::Quarters { minutes, quarters } => {
                let list: Vec<String> = quarters.iter().map(|(y, q)| format!("{y} Q{q}")).collect();
                write!(
                    f,
                    "under {} h in {}",
                    hours_short(*minutes),
                    list.join(", ")
                )
            }
        }
    }
}

/// The words for a requirement of a scheme, as every view shows them.
pub fn label(p: &SchemeProgress, r: &Requirement) -> String {
    match r.kind {
        RequirementKind::RecentHours => {
            format!(
                "hours, last {} months",
                p.scheme.recent.map_or(0, |(_, months)| months)
            )
        }
        RequirementKind::Feedback => format!("client feedback, last {} months", evidence_months(p)),
        RequirementKind::Reflections => format!("reflections, last {} months", evidence_months(p)),
        kind => label_of(kind),
    }
}

/// The label of a requirement that needs no scheme to say.
pub fn label_of(kind: RequirementKind) -> String {
    match kind {
        RequirementKind::Hours => "hours".to_owned(),
        RequirementKind::PaidHours => "paid hours".to_owned(),
        RequirementKind::Clients => "clients".to_owned(),
        RequirementKind::RecentHours => "recent hours".to_owned(),
        RequirementKind::Years => "years of practice".to_owned(),
        RequirementKind::Education => "education hours".to_owned(),
        RequirementKind::MentorHours => "mentor coaching hours".to_owned(),
        RequirementKind::MentorIndividual => "mentor coaching 1:1".to_owned(),
        RequirementKind::MentorSpan => "mentor coaching months".to_owned(),
        RequirementKind::Feedback => "client feedback".to_owned(),
        RequirementKind::Reflections => "reflections".to_owned(),
        RequirementKind::SupervisionQuarters => "quarters with supervision".to_owned(),
        RequirementKind::CpdHours => "CPD hours, last 12 months".to_owned(),
        RequirementKind::RenewalUnits => "CCE units".to_owned(),
        RequirementKind::RenewalCore => "core competencies units".to_owned(),
        RequirementKind::RenewalEthics => "ethics units".to_owned(),
    }
}

fn evidence_months(p: &SchemeProgress) -> u32 {
    p.scheme.beyond.evidence.as_ref().map_or(0, |e| e.months)
}

/// A requirement's figure as JSON shows it: hours and years rounded to the hundredth, counts whole.
pub fn number(figure: Figure) -> f64 {
    match figure {
        Figure::Minutes(minutes) => crate::domain::duration::hours_f64(minutes),
        other => other.amount(),
    }
}

/// A requirement's figure as every view shows it: a count whole, hours and years to the hundredth.
pub fn figure(figure: Figure) -> String {
    match figure {
        Figure::Minutes(minutes) => hours_2dp(minutes),
        Figure::Count(n) | Figure::Months(n) => n.to_string(),
        Figure::Years(hundredths) => hundredths_text(u64::from(hundredths)),
    }
}

#[derive(Serialize)]
pub(super) struct RequirementJson {
    id: &'static str,
    required: f64,
    actual: f64,
    met: bool,
    missing: Option<String>,
}

impl From<&Requirement> for RequirementJson {
    fn from(r: &Requirement) -> Self {
        RequirementJson {
            id: r.kind.id(),
            required: number(r.required),
            actual: number(r.actual),
            met: r.met,
            missing: r.shortfall.as_ref().map(ToString::to_string),
        }
    }
}

/// Requirements as a table: each with its label, figures, progress bar and what is missing.
pub(super) fn table(
    requirements: &[Requirement],
    label: impl Fn(&Requirement) -> String,
    look: &Look,
) -> String {
    let mut table = Grid::new(
        look,
        [
            Column::wrap("Requirement"),
            Column::keep("Needed").right(),
            Column::keep("Actual").right(),
            Column::bar("Progress", 20),
            Column::wrap("Missing"),
        ],
    );
    for r in requirements {
        table.row([
            Content::Text(label(r)),
            figure(r.required).into(),
            figure(r.actual).into(),
            Content::Progress(r.progress()),
            match &r.shortfall {
                None => Content::Painted("met".into(), ui::Paint::Green),
                Some(shortfall) => shortfall.to_string().into(),
            },
        ]);
    }
    table.render()
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

    #[test]
    fn the_hours_line_agrees_with_the_paid_hours_line() {
        let hours = |minutes, paid_minutes| {
            Shortfall::Hours {
                minutes,
                paid_minutes,
            }
            .to_string()
        };
        assert_eq!(hours(9030, 0), "150.5 h more");
        assert_eq!(hours(9030, 4500), "150.5 h more, 75 paid");
        // The paid hours lag further behind (`157.42 h more paid` below): 150.5 h of which
        // 150.5 paid would not meet them.
        assert_eq!(
            hours(9030, 9445),
            "150.5 h more (157.42 h more paid meets both)"
        );
        assert_eq!(
            Shortfall::PaidHours { minutes: 9445 }.to_string(),
            "157.42 h more paid"
        );
    }
}
