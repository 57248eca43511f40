//! The words for a requirement: its label, its figures, and the sentence that says what is still
//! missing, as every view (text, JSON, HTML) shows them.

use coachlog_core::rules::provenance::Judge;
use coachlog_core::rules::scheme::Scheme;
use serde::Serialize;

use super::Look;
use crate::ui;
use crate::ui::table::{Column, Content, Grid};
use coachlog_core::domain::duration::{hours_2dp, hundredths_text};
use coachlog_core::reports::requirement::{Figure, Requirement, RequirementKind};
use coachlog_core::reports::summary::SchemeProgress;

/// The words for a requirement of a scheme, as every view shows them.
pub fn label(p: &SchemeProgress, r: &Requirement) -> String {
    match r.kind {
        RequirementKind::RecentHours => {
            format!(
                "hours, last {} months",
                p.scheme.recent.map_or(0, |(_, months)| months)
            )
        }
        RequirementKind::EngagementsGiven | RequirementKind::EngagementsReceived => {
            let rule = p.scheme.beyond.engagements.as_ref();
            let mut label = label_of(r.kind);
            if rule.is_some_and(|r| r.groups_only) {
                label = format!("team {label}");
            }
            match rule.and_then(|r| r.months) {
                Some(months) => format!("{label}, last {months} months"),
                None => label,
            }
        }
        RequirementKind::Education => match p.scheme.beyond.education_unit {
            Some(unit) => format!("education units of {unit} min"),
            None => label_of(r.kind),
        },
        RequirementKind::Feedback => format!("client feedback, last {} months", evidence_months(p)),
        RequirementKind::Reflections => format!("reflections, last {} months", evidence_months(p)),
        kind => label_of(kind),
    }
}

/// The label of a renewal's requirement: ICF's continuing education is in CCE units, another
/// body's in hours of CPD.
pub fn renewal_label(kind: RequirementKind, cce: bool) -> String {
    match kind {
        RequirementKind::RenewalUnits if !cce => "CPD hours".to_owned(),
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
        RequirementKind::SupervisionSpan => "supervision months".to_owned(),
        RequirementKind::CredentialHeld => "credential held".to_owned(),
        RequirementKind::ObservingHours => "observing hours".to_owned(),
        RequirementKind::EngagementsGiven => "engagements given".to_owned(),
        RequirementKind::EngagementsReceived => "engagements received".to_owned(),
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
        Figure::Minutes(minutes) => coachlog_core::domain::duration::hours_f64(minutes),
        Figure::Units { .. } => (figure.amount() * 100.0).round() / 100.0,
        other => other.amount(),
    }
}

/// A requirement's figure as every view shows it: a count whole, hours and years to the hundredth.
pub fn figure(figure: Figure) -> String {
    match figure {
        Figure::Minutes(minutes) => hours_2dp(minutes),
        Figure::Count(n) | Figure::Months(n) => n.to_string(),
        Figure::Years(hundredths) => hundredths_text(u64::from(hundredths)),
        Figure::Units { minutes, unit } => {
            coachlog_core::reports::requirement::units_text(minutes, unit)
        }
    }
}

#[derive(Serialize)]
pub(super) struct RequirementJson {
    id: &'static str,
    required: f64,
    actual: f64,
    met: bool,
    missing: Option<String>,
    rule: RuleJson,
}

/// Who set the rule a figure is judged by: the body (with its source and dates) or the user
/// (with their note).
#[derive(Serialize)]
pub(super) struct RuleJson {
    /// `body`, `you` or `unknown`.
    by: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    effective: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    checked: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

impl RuleJson {
    pub(super) fn of(judge: Judge<'_>) -> Self {
        let none = RuleJson {
            by: "unknown",
            title: None,
            url: None,
            effective: None,
            checked: None,
            note: None,
        };
        match judge {
            Judge::Body(r) => RuleJson {
                by: "body",
                title: Some(r.title.clone()),
                url: r.url.clone(),
                effective: r.effective.map(|d| d.0.to_string()),
                checked: r.checked.map(|d| d.0.to_string()),
                ..none
            },
            Judge::User(note) => RuleJson {
                by: "you",
                note: note.map(str::to_owned),
                ..none
            },
            Judge::Unknown => none,
        }
    }
}

impl RequirementJson {
    /// A requirement of `scheme`, with the rule that judged it.
    pub(super) fn of(r: &Requirement, scheme: Option<&Scheme>) -> Self {
        RequirementJson {
            id: r.kind.id(),
            required: number(r.required),
            actual: number(r.actual),
            met: r.met,
            missing: r.shortfall.as_ref().map(ToString::to_string),
            rule: RuleJson::of(scheme.map_or(Judge::Unknown, |s| r.kind.judge(s))),
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
