//! `coachlog report`: everything a mentor's HTML report shows, gathered from the same report
//! functions as `summary`, `mix`, `stats` and `feedback` — no figure is computed twice.

use chrono::NaiveDate;

use super::Partners;
use super::aliases;
use super::feedback::{self, FeedbackReport};
use super::mix::{self, MixReport};
use super::stats::{self, Bucket, By};
use super::summary::{self, SchemeProgress, Summary};
use crate::domain::development::Development;
use crate::domain::model::{Format, Payment, Role, Session};
use crate::rules::scheme::Scheme;
use crate::rules::settings::Settings;

/// What the user asked the report to show.
#[derive(Debug, Clone)]
pub struct Choice<'a> {
    /// Whose logbook it is (a name, or none).
    pub owner: Option<String>,
    /// The schemes shown (ids); empty: the schemes `summary` shows by default.
    pub schemes: &'a [String],
    /// The first day of the sessions shown.
    pub from: Option<NaiveDate>,
    /// The last day of the sessions shown.
    pub to: NaiveDate,
    /// The day progress is judged on.
    pub as_of: NaiveDate,
    /// Stable aliases instead of names.
    pub anonymize: bool,
}

/// One session as the report's table shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The date.
    pub date: NaiveDate,
    /// The client's name, alias, or anonymous alias.
    pub client: String,
    /// Individual, or a group of N present.
    pub format: Format,
    /// For a group: the members present.
    pub members: u32,
    /// The minutes.
    pub minutes: u32,
    /// What the client gave.
    pub payment: Payment,
    /// Reciprocal or one-way.
    pub arrangement: crate::domain::model::Arrangement,
}

/// Everything the report shows.
#[derive(Debug, Clone)]
pub struct Report {
    /// Whose logbook.
    pub owner: Option<String>,
    /// The day progress is judged on.
    pub as_of: NaiveDate,
    /// The first and last day of the sessions shown (none without sessions).
    pub period: Option<(NaiveDate, NaiveDate)>,
    /// Whether names are aliases.
    pub anonymized: bool,
    /// The summary, every scheme judged.
    pub summary: Summary,
    /// The ids of the schemes shown, in order.
    pub shown: Vec<String>,
    /// Coaching per month over the period.
    pub months: Vec<Bucket>,
    /// The client mix and the reciprocity ledger, with the names the report gives partners.
    pub mix: MixReport,
    /// The names of the ledger's partners, in its order.
    pub ledger_names: Vec<String>,
    /// The reflections of the period.
    pub feedback: FeedbackReport,
    /// The flag threshold for a session's total score.
    pub alert_total: f64,
    /// The coaching sessions of the period, by date.
    pub rows: Vec<Row>,
}

impl Report {
    /// The schemes shown, judged.
    pub fn shown(&self) -> Vec<&SchemeProgress> {
        self.shown
            .iter()
            .filter_map(|id| self.summary.schemes.iter().find(|p| &p.scheme.id == id))
            .collect()
    }
}

/// The report of a logbook.
pub fn report(
    sessions: &[Session],
    records: &Development,
    partners: &Partners,
    settings: &Settings,
    choice: &Choice,
) -> Report {
    let chosen: Vec<&Scheme> = if choice.schemes.is_empty() {
        settings.schemes.iter().collect()
    } else {
        choice
            .schemes
            .iter()
            .filter_map(|id| settings.scheme(id))
            .collect()
    };
    let summary = summary::summary(sessions, records, partners, settings, chosen, choice.as_of);
    let shown: Vec<String> = if !choice.schemes.is_empty() {
        choice.schemes.to_vec()
    } else if let Some(ids) = &settings.show_schemes {
        ids.clone()
    } else {
        summary::default_selection(&summary.schemes)
            .iter()
            .map(|p| p.scheme.id.clone())
            .collect()
    };
    let in_period = |s: &&Session| choice.from.is_none_or(|f| s.date >= f) && s.date <= choice.to;
    let period_sessions: Vec<Session> = sessions.iter().filter(in_period).cloned().collect();
    let aliases = choice
        .anonymize
        .then(|| aliases::aliases(sessions, partners.iter().map(|p| &p.id)));
    let name = |id: &crate::domain::id::PartnerId| -> String {
        match &aliases {
            Some(aliases) => aliases.get(id).cloned().unwrap_or_else(|| id.to_string()),
            None => partners.get(id).map_or_else(
                || id.to_string(),
                |p| p.alias.clone().unwrap_or_else(|| p.name.clone()),
            ),
        }
    };
    let mix = mix::mix(&period_sessions, settings.min_non_coach_share, choice.to);
    let ledger_names = mix.ledger.iter().map(|row| name(&row.partner)).collect();
    let mut rows: Vec<Row> = period_sessions
        .iter()
        .filter(|s| s.role == Role::Coach)
        .map(|s| Row {
            date: s.date,
            client: name(&s.partner),
            format: s.facts.format(),
            members: s.members(),
            minutes: s.minutes.get(),
            payment: s.payment,
            arrangement: s.arrangement,
        })
        .collect();
    rows.sort_by(|a, b| (a.date, &a.client).cmp(&(b.date, &b.client)));
    let period = period_sessions
        .iter()
        .map(|s| s.date)
        .min()
        .zip(period_sessions.iter().map(|s| s.date).max());
    let mut feedback = feedback::feedback(&period_sessions, &settings.thresholds, None);
    if choice.anonymize {
        // Experiments are the coach's notes about a client, which --anonymize leaves out as the
        // exports do.
        for partner in &mut feedback.partners {
            partner.experiments.clear();
        }
    }
    Report {
        owner: choice.owner.clone(),
        as_of: choice.as_of,
        period,
        anonymized: choice.anonymize,
        summary,
        shown,
        months: stats::stats(sessions, By::Month, choice.from, Some(choice.to)),
        mix,
        ledger_names,
        feedback,
        alert_total: f64::from(settings.thresholds.total_tenths) / 10.0,
        rows,
    }
}
