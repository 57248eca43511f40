//! One requirement of a scheme, judged: what it asks, what was reached, and what is still missing,
//! each in its own whole unit (minutes, a count, months, hundredths of a year), so that no figure
//! is compared as a float. The words for them are in `views::requirement`.

use crate::rules::provenance::{Judge, value_text};
use crate::rules::scheme::Scheme;
use std::fmt;

use chrono::NaiveDate;

use crate::domain::duration::hours_short;

/// What one requirement is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequirementKind {
    /// Coaching hours.
    Hours,
    /// Paid coaching hours.
    PaidHours,
    /// Distinct clients.
    Clients,
    /// Hours in the recent window.
    RecentHours,
    /// Years since first practice.
    Years,
    /// Coach-specific education hours.
    Education,
    /// Mentor coaching hours counted.
    MentorHours,
    /// Of which one-to-one.
    MentorIndividual,
    /// The months mentor coaching spans.
    MentorSpan,
    /// Pieces of client feedback in the evidence window.
    Feedback,
    /// Reflections in the evidence window.
    Reflections,
    /// Quarters of the last year with enough supervision.
    SupervisionQuarters,
    /// Supervision spanning so many calendar months.
    SupervisionSpan,
    /// A credential held now or before (ICF MCC: a PCC).
    CredentialHeld,
    /// Hours observed in triads.
    ObservingHours,
    /// Engagements given as coach.
    EngagementsGiven,
    /// Engagements received as client.
    EngagementsReceived,
    /// Continuing education hours in the last 12 months.
    CpdHours,
    /// Continuing education units toward a renewal.
    RenewalUnits,
    /// Of which on the Core Competencies.
    RenewalCore,
    /// Of which on ethics.
    RenewalEthics,
}

impl RequirementKind {
    /// The figures of a scheme (keys of `schemes.toml`) that decide it, the first its own.
    pub fn figures(self) -> &'static [&'static str] {
        match self {
            RequirementKind::Hours => &[
                "hours",
                "counts_from",
                "group_limit",
                "counts_anyway",
                "icf_log",
            ],
            RequirementKind::PaidHours => &["paid_hours", "balance_rule"],
            RequirementKind::Clients => &["clients"],
            RequirementKind::RecentHours => &["recent_hours", "recent_months"],
            RequirementKind::Years => &["years"],
            RequirementKind::Education => &["education_hours"],
            RequirementKind::MentorHours => &[
                "mentor_hours",
                "mentor_group_max_hours",
                "mentor_group_limit",
                "mentor_credentials",
                "mentor_renewed_credentials",
            ],
            RequirementKind::MentorIndividual => &["mentor_individual_hours"],
            RequirementKind::MentorSpan => &["mentor_months"],
            RequirementKind::Feedback => &["feedback", "feedback_from", "evidence_months"],
            RequirementKind::Reflections => &["reflections", "evidence_months"],
            RequirementKind::SupervisionQuarters => &["supervision_quarter_hours"],
            RequirementKind::SupervisionSpan => &["supervision_months"],
            RequirementKind::CredentialHeld => {
                &["requires_credential", "requires_credential_active"]
            }
            RequirementKind::ObservingHours => &["observing_hours"],
            RequirementKind::EngagementsGiven => &[
                "engagements_given",
                "engagement_sessions",
                "engagement_months",
                "engagements_in_groups",
            ],
            RequirementKind::EngagementsReceived => &[
                "engagements_received",
                "engagement_sessions",
                "engagement_months",
                "engagements_in_groups",
            ],
            RequirementKind::CpdHours => &["cpd_hours_per_year"],
            RequirementKind::RenewalUnits => &[
                "renewal_cce_hours",
                "renewal_mentoring_max_hours",
                "renewal_supervision_max_hours",
            ],
            RequirementKind::RenewalCore => &["renewal_core_hours"],
            RequirementKind::RenewalEthics => &["renewal_ethics_hours"],
        }
    }

    /// Who set the rule it is judged by in `scheme`: the user where they changed any of its
    /// figures, else the body's source of its own figure.
    pub fn judge(self, scheme: &Scheme) -> Judge<'_> {
        let figures = self.figures();
        figures
            .iter()
            .map(|f| scheme.judge(f))
            .find(|j| matches!(j, Judge::User(_)))
            .unwrap_or_else(|| scheme.judge(figures[0]))
    }

    /// The id in JSON.
    pub fn id(self) -> &'static str {
        match self {
            RequirementKind::Hours => "hours",
            RequirementKind::PaidHours => "paid_hours",
            RequirementKind::Clients => "clients",
            RequirementKind::RecentHours => "recent_hours",
            RequirementKind::Years => "years",
            RequirementKind::Education => "education_hours",
            RequirementKind::MentorHours => "mentor_hours",
            RequirementKind::MentorIndividual => "mentor_individual_hours",
            RequirementKind::MentorSpan => "mentor_months",
            RequirementKind::Feedback => "feedback",
            RequirementKind::Reflections => "reflections",
            RequirementKind::SupervisionQuarters => "supervision_quarters",
            RequirementKind::SupervisionSpan => "supervision_months",
            RequirementKind::CredentialHeld => "credential_held",
            RequirementKind::ObservingHours => "observing_hours",
            RequirementKind::EngagementsGiven => "engagements_given",
            RequirementKind::EngagementsReceived => "engagements_received",
            RequirementKind::CpdHours => "cpd_hours",
            RequirementKind::RenewalUnits => "cce_units",
            RequirementKind::RenewalCore => "core_competency_units",
            RequirementKind::RenewalEthics => "ethics_units",
        }
    }
}

/// A requirement's figure, in its own unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Figure {
    /// Hours (or units: one is an hour), in minutes.
    Minutes(u64),
    /// Clients, pieces of feedback, reflections, quarters.
    Count(u32),
    /// Calendar months.
    Months(u32),
    /// Years, in hundredths of a year.
    Years(u32),
    /// Teaching units of so many minutes each, in minutes.
    Units {
        /// The minutes.
        minutes: u64,
        /// The minutes of one unit.
        unit: u32,
    },
}

impl Figure {
    /// What `actual` lacks of this figure, in the same unit (nothing when it is reached).
    pub fn short_of(self, actual: Figure) -> Figure {
        match (self, actual) {
            (Figure::Minutes(r), Figure::Minutes(a)) => Figure::Minutes(r.saturating_sub(a)),
            (Figure::Count(r), Figure::Count(a)) => Figure::Count(r.saturating_sub(a)),
            (Figure::Months(r), Figure::Months(a)) => Figure::Months(r.saturating_sub(a)),
            (Figure::Years(r), Figure::Years(a)) => Figure::Years(r.saturating_sub(a)),
            (Figure::Units { minutes: r, unit }, Figure::Units { minutes: a, .. }) => {
                Figure::Units {
                    minutes: r.saturating_sub(a),
                    unit,
                }
            }
            // A requirement's two figures share a unit; anything else is no shortfall at all.
            (required, _) => required,
        }
    }

    /// The figure in the unit it is shown in (hours, a count, months or years), for a pace or a
    /// share.
    pub fn amount(self) -> f64 {
        match self {
            Figure::Minutes(m) => m as f64 / 60.0,
            Figure::Count(n) | Figure::Months(n) => f64::from(n),
            Figure::Years(hundredths) => f64::from(hundredths) / 100.0,
            Figure::Units { minutes, unit } => minutes as f64 / f64::from(unit.max(1)),
        }
    }
}

/// What is still missing for a requirement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shortfall {
    /// Hours, of which some must be paid.
    Hours {
        /// Minutes more.
        minutes: u64,
        /// The paid minutes still missing for the paid hours requirement (more than `minutes`
        /// when the paid hours lag further behind than the hours do).
        paid_minutes: u64,
    },
    /// Paid hours.
    PaidHours {
        /// Minutes more.
        minutes: u64,
    },
    /// Clients.
    Clients {
        /// Clients more.
        more: u32,
    },
    /// Hours in a window.
    RecentHours {
        /// Minutes more.
        minutes: u64,
        /// The first day of the window.
        from: NaiveDate,
        /// The last day of the window.
        to: NaiveDate,
    },
    /// Time since first practice.
    Years {
        /// The day the requirement is met.
        on: NaiveDate,
    },
    /// No practice yet to count years from.
    NoPracticeYet,
    /// Continuing education units (hours): ICF's CCE units, or another body's CPD hours.
    Units {
        /// Minutes more.
        minutes: u64,
        /// Counted as ICF's CCE units.
        cce: bool,
    },
    /// Teaching units of so many minutes each, and those in courses still running.
    TeachingUnits {
        /// Minutes more.
        minutes: u64,
        /// The minutes of one unit.
        unit: u32,
        /// The minutes of the courses in progress, and the last day of the last of them.
        in_progress: Option<(u64, NaiveDate)>,
    },
    /// Hours, of which some are in courses still running.
    InProgress {
        /// Minutes more.
        minutes: u64,
        /// Minutes of the courses in progress.
        in_progress_minutes: u64,
        /// The last day of the last of them.
        until: NaiveDate,
    },
    /// Nothing of the kind recorded yet, and the command that records it.
    NoneYet {
        /// The command, in backticks.
        command: &'static str,
    },
    /// Mentor coaching, of which some must be one-to-one.
    Mentoring {
        /// Minutes more.
        minutes: u64,
        /// Of which one-to-one.
        individual_minutes: u64,
    },
    /// The span of mentor coaching: met by a session on or after a day.
    SpanOn {
        /// The span required, in months.
        months: u32,
        /// The first day a session completes it.
        on: NaiveDate,
    },
    /// More of something counted (feedback, reflections).
    More {
        /// How many more.
        more: u32,
        /// Of what.
        kind: RequirementKind,
    },
    /// Engagements: how many more, of at least so many sessions, and the sessions of each one
    /// started but short.
    Engagements {
        /// How many more.
        more: u32,
        /// The sessions each needs.
        sessions: u32,
        /// The sessions of each engagement begun and not yet complete.
        started: Vec<u32>,
    },
    /// A credential to hold first.
    Held {
        /// The schemes whose credential would do.
        schemes: Vec<String>,
        /// Held on the day, not only before.
        now: bool,
    },
    /// Quarters with too little supervision.
    Quarters {
        /// The minutes each quarter needs.
        minutes: u64,
        /// The quarters short, as year and number.
        quarters: Vec<(i32, u32)>,
    },
}

/// Minutes as teaching units of `unit` minutes: whole units bare, else to the hundredth (150,
/// 112.5 → "112.50").
pub fn units_text(minutes: u64, unit: u32) -> String {
    let unit = u64::from(unit.max(1));
    let hundredths = (minutes * 100 + unit / 2) / unit;
    if hundredths.is_multiple_of(100) {
        (hundredths / 100).to_string()
    } else {
        format!("{}.{:02}", hundredths / 100, hundredths % 100)
    }
}

/// One requirement of a scheme, judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    /// What it is about.
    pub kind: RequirementKind,
    /// The figure required.
    pub required: Figure,
    /// The figure reached.
    pub actual: Figure,
    /// Whether it is met.
    pub met: bool,
    /// What is missing, when it is not met.
    pub shortfall: Option<Shortfall>,
}

impl Requirement {
    /// A requirement met once `actual` reaches `required` (figures in the same unit); otherwise
    /// `shortfall` says what is missing.
    pub fn judged(
        kind: RequirementKind,
        required: Figure,
        actual: Figure,
        shortfall: impl FnOnce() -> Shortfall,
    ) -> Self {
        let met = actual >= required;
        Requirement {
            kind,
            required,
            actual,
            met,
            shortfall: (!met).then(shortfall),
        }
    }

    /// How far along it is, from 0 to 1.
    pub fn progress(&self) -> f64 {
        let required = self.required.amount();
        if required <= 0.0 {
            1.0
        } else {
            (self.actual.amount() / required).clamp(0.0, 1.0)
        }
    }
}

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
            Shortfall::Units { minutes, cce: true } => {
                write!(f, "{} units more", hours_short(*minutes))
            }
            Shortfall::Units {
                minutes,
                cce: false,
            } => {
                write!(f, "{} h more CPD", hours_short(*minutes))
            }
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
            Shortfall::TeachingUnits {
                minutes,
                unit,
                in_progress,
            } => {
                let units = |m: u64| units_text(m, *unit);
                write!(f, "{} units more", units(*minutes))?;
                match in_progress {
                    Some((m, until)) => write!(
                        f,
                        " ({} in progress, counted once completed, by {until})",
                        units(*m)
                    ),
                    None => Ok(()),
                }
            }
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
            Shortfall::Engagements {
                more,
                sessions,
                started,
            } => {
                let noun = if *more == 1 {
                    "engagement"
                } else {
                    "engagements"
                };
                write!(f, "{more} more {noun}")?;
                if *sessions > 1 {
                    write!(f, " of at least {sessions} sessions")?;
                }
                if !started.is_empty() {
                    let list: Vec<String> = started.iter().map(u32::to_string).collect();
                    write!(f, " (begun: {} of {sessions} sessions)", list.join(", "))?;
                }
                Ok(())
            }
            Shortfall::Held { schemes, now: true } => write!(
                f,
                "hold an unexpired {} (`coachlog credential add {} --granted DATE`)",
                schemes.join(" or "),
                schemes.first().map_or("", String::as_str)
            ),
            Shortfall::Held {
                schemes,
                now: false,
            } => write!(
                f,
                "hold {} first (`coachlog credential add {} --granted DATE`)",
                schemes.join(" or "),
                schemes.first().map_or("", String::as_str)
            ),
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

/// The rules some requirements of a scheme are judged by: the body's sources and the figures the
/// user set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JudgedBy {
    /// Each source once, with the days it took effect and was checked
    /// (`ICF experience requirements, effective 2022-08-01, checked 2026-11-20`).
    pub sources: Vec<String>,
    /// Each figure the user set, with its value and their note
    /// (`group_limit 25: yours (our school counts groups of 25)`).
    pub yours: Vec<String>,
}

impl JudgedBy {
    /// In one line, the sources first.
    pub fn line(&self) -> String {
        self.sources
            .iter()
            .chain(&self.yours)
            .cloned()
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The rules `kinds` of `scheme` are judged by.
pub fn judged_by(scheme: &Scheme, kinds: impl IntoIterator<Item = RequirementKind>) -> JudgedBy {
    let mut out = JudgedBy::default();
    let values = scheme.figures().rule_values();
    for kind in kinds {
        for figure in kind.figures() {
            let (list, text) = match scheme.judge(figure) {
                Judge::Body(r) if *figure == kind.figures()[0] => (&mut out.sources, r.describe()),
                Judge::User(note) => {
                    let value = values
                        .get(*figure)
                        .map_or_else(|| "none".to_owned(), value_text);
                    let text = match note {
                        Some(note) => format!("{figure} {value}: yours ({note})"),
                        None => format!("{figure} {value}: yours"),
                    };
                    (&mut out.yours, text)
                }
                _ => continue,
            };
            if !list.contains(&text) {
                list.push(text);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn teaching_units_show_whole_or_to_the_hundredth() {
        assert_eq!(units_text(150 * 45, 45), "150");
        assert_eq!(units_text(40 * 60, 45), "53.33");
        assert_eq!(units_text(0, 45), "0");
        let required = Figure::Units {
            minutes: 150 * 45,
            unit: 45,
        };
        let actual = Figure::Units {
            minutes: 100 * 45,
            unit: 45,
        };
        assert_eq!(required.short_of(actual).amount(), 50.0);
        assert!(actual < required);
    }

    #[test]
    fn a_requirement_is_met_when_its_figure_is_reached() {
        let short = || Shortfall::Hours {
            minutes: 1,
            paid_minutes: 0,
        };
        let r = Requirement::judged(
            RequirementKind::Hours,
            Figure::Minutes(6000),
            Figure::Minutes(5999),
            short,
        );
        assert!(!r.met);
        assert_eq!(r.shortfall, Some(short()));
        assert!((r.progress() - 5999.0 / 6000.0).abs() < 1e-12);
        let r = Requirement::judged(
            RequirementKind::Hours,
            Figure::Minutes(6000),
            Figure::Minutes(7000),
            short,
        );
        assert!(r.met && r.shortfall.is_none());
        assert_eq!(r.progress(), 1.0);
    }
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
