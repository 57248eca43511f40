//! `coachlog report`: everything a mentor's HTML report shows, gathered from the same report
//! functions as `summary`, `mix`, `stats` and `feedback`, each a view of a ledger judged as of one
//! day — no figure is computed twice, and the charts and tables count as `summary` does.

use chrono::NaiveDate;

use super::Partners;
use super::aliases;
use super::counting::{Ledger, Practice, Rules, Verdict};
use super::feedback::{self, FeedbackReport};
use super::mix::{self, MixReport};
use super::stats::{self, Bucket, By};
use super::summary::{self, SchemeProgress, Summary};
use crate::domain::development::Development;
use crate::domain::model::{Format, Payment, Session};
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
    /// Stable aliases instead of names.
    pub anonymize: bool,
    /// Stable aliases for the clients who have not consented to be named, names for the others
    /// (an application packet).
    pub unconsented_unnamed: bool,
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
    /// What each scheme shown made of it, in the order they are shown.
    pub verdicts: Vec<Verdict>,
}

/// The monthly chart: the coaching the first scheme shown counts, month by month, with its
/// running total from the first session it counts (so that it ends on `summary`'s figure).
#[derive(Debug, Clone)]
pub struct Chart {
    /// The scheme's name.
    pub scheme: String,
    /// The minutes it asks for, if it asks for hours.
    pub required_minutes: Option<u64>,
    /// Minutes it counts before the first month shown.
    pub before_minutes: u64,
    /// Each month of the period, as the scheme counts it.
    pub months: Vec<Bucket>,
}

/// Everything the report shows.
#[derive(Debug, Clone)]
pub struct Report {
    /// Whose logbook.
    pub owner: Option<String>,
    /// The day everything is judged on: no session after it is shown or counted.
    pub as_of: NaiveDate,
    /// The first and last day of the sessions shown (none without sessions).
    pub period: Option<(NaiveDate, NaiveDate)>,
    /// Whether names are aliases.
    pub anonymized: bool,
    /// The summary, every scheme judged.
    pub summary: Summary,
    /// The ids of the schemes shown, in order.
    pub shown: Vec<String>,
    /// Coaching per month over the period, as the first scheme shown counts it.
    pub chart: Option<Chart>,
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

/// The report of the practice as of its day.
pub fn report(
    practice: &Practice,
    records: &Development,
    partners: &Partners,
    settings: &Settings,
    choice: &Choice,
) -> Report {
    let chosen = settings.select(choice.schemes).unwrap_or_default();
    let summary = summary::summary(practice, records, partners, settings, chosen);
    let shown: Vec<String> = summary
        .shown(choice.schemes, settings)
        .iter()
        .map(|p| p.scheme.id.clone())
        .collect();
    let namer = aliases::Namer::new(
        practice.sessions(),
        partners,
        choice.anonymize,
        choice.unconsented_unnamed,
    );
    let name = |id: &crate::domain::id::PartnerId| -> String { namer.name(id, partners) };
    let from = choice.from;
    let in_period = |s: &&Session| from.is_none_or(|f| s.date >= f);
    let all = Ledger::count(practice, Rules::all_coaching(), partners);
    let received: Vec<&Session> = practice
        .as_client()
        .iter()
        .copied()
        .filter(in_period)
        .collect();
    let mix = mix::mix(
        all.since(from),
        received.iter().copied(),
        settings.min_non_coach_share,
    );
    let ledger_names = mix.ledger.iter().map(|row| name(&row.partner)).collect();
    // Each scheme shown judges the practice once; their ledgers hold the same sessions in the
    // same order, so a row takes the verdict of each.
    let ledgers: Vec<(&SchemeProgress, Ledger)> = shown
        .iter()
        .filter_map(|id| summary.schemes.iter().find(|p| &p.scheme.id == id))
        .map(|p| {
            (
                p,
                Ledger::count(practice, Rules::new(&p.scheme, settings), partners),
            )
        })
        .collect();
    let period: Vec<&Session> = all
        .since(from)
        .entries()
        .iter()
        .map(|e| e.session())
        .collect();
    let mut rows: Vec<Row> = period
        .iter()
        .enumerate()
        .map(|(i, s)| Row {
            date: s.date,
            client: name(&s.partner),
            format: s.facts.format(),
            members: s.members(),
            minutes: s.minutes.get(),
            payment: s.payment,
            arrangement: s.arrangement,
            verdicts: ledgers
                .iter()
                .map(|(_, l)| l.since(from).entries()[i].verdict())
                .collect(),
        })
        .collect();
    rows.sort_by(|a, b| (a.date, &a.client).cmp(&(b.date, &b.client)));
    let chart = ledgers.first().map(|(p, ledger)| {
        let shown = ledger.since(from);
        Chart {
            scheme: p.scheme.name.clone(),
            required_minutes: p.scheme.minutes,
            before_minutes: ledger.all().minutes() - shown.minutes(),
            months: stats::stats(shown, By::Month),
        }
    });
    let dates = period.iter().chain(&received).map(|s| s.date);
    let period = dates.clone().min().zip(dates.max());
    let reflected = practice
        .sessions()
        .filter(|s| from.is_none_or(|f| s.date >= f));
    let mut feedback = feedback::feedback(reflected, &settings.thresholds, None);
    if choice.anonymize {
        // Experiments are the coach's notes about a client, which --anonymize leaves out as the
        // exports do.
        for partner in &mut feedback.partners {
            partner.experiments.clear();
        }
    }
    Report {
        owner: choice.owner.clone(),
        as_of: practice.as_of(),
        period,
        anonymized: choice.anonymize,
        summary,
        shown,
        chart,
        mix,
        ledger_names,
        feedback,
        alert_total: f64::from(settings.thresholds.total_tenths) / 10.0,
        rows,
    }
}
