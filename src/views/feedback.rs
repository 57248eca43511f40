//! The `feedback` report: score trends, flagged sessions and experiments, per partner.

use serde::Serialize;

use super::Look;
use crate::ui;
use crate::ui::table::{Column, Content, Grid};
use coachlog_core::domain::model::Partner;
use coachlog_core::domain::reflection::{RatedBy, Score, Thresholds};
use coachlog_core::domain::text::count;
use coachlog_core::reports::Partners;
use coachlog_core::reports::feedback::{
    Answered, CompetencyTrend, FeedbackReport, RequestRow, Standing,
};

/// One rated session in `feedback --json`: the coach's reflection (`source` reflect, `rated_by`
/// as the coach recorded it) or the client's own answer (`source` request, `rated_by` client).
#[derive(Serialize)]
struct RatedJson<'a> {
    session: &'a str,
    date: String,
    partner: &'a str,
    scores: [f64; 4],
    total: f64,
    flagged: bool,
    rated_by: &'static str,
    source: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    answered: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    share: Option<bool>,
    /// The client's total less the coach's own estimate, where both exist.
    #[serde(skip_serializing_if = "Option::is_none")]
    gap: Option<f64>,
    experiment: Option<&'a str>,
}

/// The rated sessions as `feedback --json` prints them, in date order: the coach's reflections,
/// then the client's answers.
pub fn json(report: &FeedbackReport) -> impl Serialize + use<'_> {
    let answers = report.answered().into_iter().map(|a| RatedJson {
        session: &a.session.id,
        date: a.session.date.to_string(),
        partner: a.session.partner.as_str(),
        scores: a.answer.scores.0.map(Score::value),
        total: a.answer.scores.total(),
        flagged: a.flagged,
        rated_by: "client",
        source: a.answer.origin.source(),
        answered: Some(a.answer.answered.to_string()),
        share: Some(a.answer.share),
        gap: a.gap_tenths().map(|g| g as f64 / 10.0),
        experiment: a
            .answer
            .experiment
            .as_deref()
            .map(coachlog_core::domain::private::shown),
    });
    report
        .rated()
        .into_iter()
        .map(|r| RatedJson {
            session: &r.session.id,
            date: r.session.date.to_string(),
            partner: r.session.partner.as_str(),
            scores: r.scores.0.map(Score::value),
            total: r.scores.total(),
            flagged: r.flagged,
            rated_by: r
                .session
                .reflection
                .as_ref()
                .map_or(RatedBy::Client, |x| x.rated_by)
                .as_str(),
            source: "reflect",
            answered: None,
            share: None,
            gap: None,
            experiment: r
                .session
                .reflection
                .as_ref()
                .and_then(|x| x.experiment.as_deref())
                .map(coachlog_core::domain::private::shown),
        })
        .chain(answers)
        .collect::<Vec<RatedJson>>()
}

/// The reflections as text: per partner, the rated sessions and the experiments, then overall.
pub fn text(
    report: &FeedbackReport,
    partners: &Partners,
    thresholds: &Thresholds,
    look: &Look,
) -> String {
    if report.partners.is_empty() {
        return "No reflections or answers from clients yet. Record one with: coachlog log PARTNER --scores 9,10,8.5,9 --experiment \"…\"\n\
                or afterwards with: coachlog reflect SESSION --scores …\n"
            .to_owned();
    }
    let mut out = String::new();
    for p in &report.partners {
        let name = partners
            .get(&p.partner)
            .map_or_else(|| p.partner.to_string(), |x| look.clean(&x.name, 60));
        let flagged = p.rated.iter().filter(|r| r.flagged).count();
        out.push_str(&look.paragraph(
            "",
            &format!(
                "{name} ({}): {}, {flagged} flagged{}",
                p.partner,
                count(p.rated.len(), "rated session", "rated sessions"),
                if p.answered.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; {} from the client",
                        count(p.answered.len(), "answer", "answers")
                    )
                }
            ),
        ));
        if !p.rated.is_empty() {
            let mut grid = Grid::new(
                look,
                [
                    Column::keep("Date"),
                    Column::keep("Relationship").right(),
                    Column::keep("Goals").right(),
                    Column::keep("Approach").right(),
                    Column::keep("Overall").right(),
                    Column::keep("Total").right().optional(3),
                    Column::bar("", 10).optional(1),
                    Column::keep("Flagged").optional(2),
                ],
            );
            for r in &p.rated {
                let [a, b, c, d] = r.scores.0;
                grid.row([
                    Content::from(r.session.date.to_string()),
                    a.to_string().into(),
                    b.to_string().into(),
                    c.to_string().into(),
                    d.to_string().into(),
                    format!("{:.1}", r.scores.total()).into(),
                    Content::Progress(r.scores.total() / 40.0),
                    if r.flagged {
                        Content::Painted("yes".into(), ui::Paint::Red)
                    } else {
                        "".into()
                    },
                ]);
            }
            out.push_str(&grid.render());
        }
        if !p.answered.is_empty() {
            out.push_str(&look.paragraph(
                "  ",
                "From the client, in their own word (Yours: your own estimate; Gap: their total \
                 less yours):",
            ));
            out.push_str(&answers_grid(&p.answered, look));
            for a in &p.answered {
                if let Some(invitation) = &a.answer.experiment {
                    let text = look.clean(coachlog_core::domain::private::shown(invitation), 500);
                    out.push_str(&look.paragraph(
                        "  ",
                        &format!("{}  the client invites you to: {text}", a.session.date),
                    ));
                }
            }
        }
        if !p.experiments.is_empty() {
            out.push_str("  Experiment next time:\n");
            for (date, experiment) in &p.experiments {
                let text = look
                    .clean(experiment, 500)
                    .replace('\n', "\n              ");
                out.push_str(&format!("  {date}  {text}\n"));
            }
        }
        out.push('\n');
    }
    let rated = report.rated();
    let flagged = rated.iter().filter(|r| r.flagged).count();
    match report.average_total() {
        Some(average) => out.push_str(&look.paragraph(
            "",
            &format!(
            "Overall: {} with {}, average total {average:.1}, {flagged} flagged \
             (a total below {} or an item below {})",
            count(rated.len(), "rated session", "rated sessions"),
            count(
                report
                    .partners
                    .iter()
                    .filter(|p| !p.rated.is_empty())
                    .count(),
                "partner",
                "partners"
            ),
            f64::from(thresholds.total_tenths) / 10.0,
            f64::from(thresholds.item_tenths) / 10.0,
        ),
        )),
        None => out.push_str("Overall: no rated sessions yet\n"),
    }
    let answered = report.answered();
    if !answered.is_empty() {
        let n = answered.len() as f64;
        let average = answered
            .iter()
            .map(|a| a.answer.scores.total())
            .sum::<f64>()
            / n;
        let flagged = answered.iter().filter(|a| a.flagged).count();
        let gaps: Vec<f64> = answered
            .iter()
            .filter_map(|a| a.gap_tenths())
            .map(|g| g as f64 / 10.0)
            .collect();
        let mut line = format!(
            "From clients: {}, average total {average:.1}, {flagged} flagged",
            count(answered.len(), "answer", "answers")
        );
        if !gaps.is_empty() {
            let mean = gaps.iter().sum::<f64>() / gaps.len() as f64;
            line.push_str(&format!(
                "; where you also scored the session yourself ({}), the clients' totals were \
                 {:.1} {} yours on average",
                count(gaps.len(), "session", "sessions"),
                mean.abs(),
                if mean < 0.0 { "below" } else { "above" }
            ));
        }
        out.push_str(&look.paragraph("", &line));
    }
    out
}

/// The client's answers with one partner: scores, total, the coach's estimate and the gap (on a
/// narrow terminal the items go before the gap does).
fn answers_grid(answered: &[Answered], look: &Look) -> String {
    let mut grid = Grid::new(
        look,
        [
            Column::keep("Date"),
            Column::keep("Relationship").right().optional(2),
            Column::keep("Goals").right().optional(3),
            Column::keep("Approach").right().optional(4),
            Column::keep("Overall").right().optional(5),
            Column::keep("Total").right(),
            Column::keep("Yours").right(),
            Column::keep("Gap").right(),
            Column::keep("Flagged").optional(1),
        ],
    );
    for a in answered {
        let [s1, s2, s3, s4] = a.answer.scores.0;
        grid.row([
            Content::from(a.session.date.to_string()),
            s1.to_string().into(),
            s2.to_string().into(),
            s3.to_string().into(),
            s4.to_string().into(),
            format!("{:.1}", a.answer.scores.total()).into(),
            a.estimate
                .map_or_else(String::new, |e| format!("{:.1}", e.total()))
                .into(),
            a.gap_tenths()
                .map_or_else(String::new, |g| format!("{:+.1}", g as f64 / 10.0))
                .into(),
            if a.flagged {
                Content::Painted("yes".into(), ui::Paint::Red)
            } else {
                "".into()
            },
        ]);
    }
    grid.render()
}

/// One request in `feedback requests --json`.
#[derive(Serialize)]
struct RequestJson<'a> {
    request: &'a str,
    session: &'a str,
    session_date: String,
    partner: &'a str,
    sent: String,
    /// `answered`, `open` or `session-gone`.
    standing: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    answered: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    days_open: Option<i64>,
}

/// The requests as `feedback requests --json` prints them.
pub fn requests_json(rows: &[RequestRow]) -> impl Serialize + use<'_> {
    rows.iter()
        .map(|row| {
            let r = &row.request;
            let (standing, answered, days_open) = match row.standing {
                Standing::Answered(day) => ("answered", Some(day.to_string()), None),
                Standing::Open { days } => ("open", None, Some(days)),
                Standing::SessionGone => ("session-gone", None, None),
            };
            RequestJson {
                request: &r.id,
                session: &r.session,
                session_date: r.session_date.to_string(),
                partner: r.partner.as_str(),
                sent: r.sent.to_string(),
                standing,
                answered,
                days_open,
            }
        })
        .collect::<Vec<_>>()
}

/// The requests as a table, oldest first.
pub fn requests_text(rows: &[RequestRow], partners: &[Partner], look: &Look) -> String {
    if rows.is_empty() {
        return "No feedback requests yet. Ask a client with: coachlog feedback request SESSION\n"
            .to_owned();
    }
    let mut grid = Grid::new(
        look,
        [
            Column::keep("Request"),
            Column::keep("Session"),
            Column::keep("Date"),
            Column::wrap("Client"),
            Column::keep("Sent"),
            Column::wrap("Answer"),
        ],
    );
    for row in rows {
        let r = &row.request;
        let name = partners
            .iter()
            .find(|p| p.id == r.partner)
            .map_or_else(|| r.partner.to_string(), |p| look.clean(&p.name, 60));
        let standing = match row.standing {
            Standing::Answered(day) => format!("answered {day}"),
            Standing::Open { days } => {
                format!("none yet ({})", count(days.max(0) as usize, "day", "days"))
            }
            Standing::SessionGone => "session removed".to_owned(),
        };
        grid.row([
            Content::from(r.id.clone()),
            r.session.clone().into(),
            r.session_date.to_string().into(),
            name.into(),
            r.sent.to_string().into(),
            standing.into(),
        ]);
    }
    let open = rows
        .iter()
        .filter(|r| matches!(r.standing, Standing::Open { .. }))
        .count();
    format!(
        "{}{} of {} not answered yet\n",
        grid.render(),
        open,
        count(rows.len(), "request", "requests")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use coachlog_core::domain::model::Arrangement::Reciprocal;
    use coachlog_core::domain::model::Role::Coach;
    use coachlog_core::domain::reflection::{Reflection, Scores};
    use coachlog_core::reports::feedback::feedback;
    use coachlog_core::reports::fixtures::{partners, session};

    #[test]
    fn flagged_sessions_and_experiments_in_each_look() {
        let mut s = session("alex", "2026-01-05", 60, Coach, Reciprocal);
        s.reflection = Some(Reflection {
            scores: Some("8,9,9,9".parse::<Scores>().expect("scores")),
            rated_by: RatedBy::Client,
            experiment: Some("leave more silence".into()),
        });
        let sessions = [s];
        let thresholds = Thresholds::default();
        let report = feedback(&sessions, &thresholds, None);
        let plain = text(&report, &partners(), &thresholds, &Look::PLAIN);
        for needle in [
            "alex (alex): 1 rated session, 1 flagged",
            "leave more silence",
            "35.0",
        ] {
            assert!(plain.contains(needle), "{needle:?} in {plain}");
        }
        let colour = text(&report, &partners(), &thresholds, &Look::COLOUR);
        assert!(
            colour.contains("\x1b[38;5;9m") || colour.contains("\x1b[31m"),
            "{colour}"
        );
        assert!(text(&report, &partners(), &thresholds, &Look::ASCII).is_ascii());
        let json = serde_json::to_value(json(&report)).expect("json");
        assert_eq!(json[0]["flagged"], true);
        assert_eq!(json[0]["total"], 35.0);
    }
}

/// One competency in `feedback --by competency --json`.
#[derive(Serialize)]
struct CompetencyJson {
    competency: String,
    framework: &'static str,
    body: &'static str,
    name: &'static str,
    sessions: u32,
    reflections: Vec<TotalJson>,
    answers: Vec<TotalJson>,
    reflection_mean: Option<f64>,
    reflection_change: Option<f64>,
    answer_mean: Option<f64>,
    answer_change: Option<f64>,
}

#[derive(Serialize)]
struct TotalJson {
    date: String,
    total: f64,
}

fn tenths(t: f64) -> f64 {
    (t).round() / 10.0
}

/// The trend per competency as `feedback --by competency --json` prints it, in the frameworks'
/// order.
pub fn competency_json(trends: &[CompetencyTrend]) -> impl Serialize + use<> {
    let totals = |list: &[(chrono::NaiveDate, u32)]| -> Vec<TotalJson> {
        list.iter()
            .map(|(date, t)| TotalJson {
                date: date.to_string(),
                total: f64::from(*t) / 10.0,
            })
            .collect()
    };
    trends
        .iter()
        .map(|t| CompetencyJson {
            competency: t.tag.to_string(),
            framework: t.tag.framework().name.as_str(),
            body: t.tag.framework().body.as_str(),
            name: t.tag.name(),
            sessions: t.sessions,
            reflections: totals(&t.reflections),
            answers: totals(&t.answers),
            reflection_mean: CompetencyTrend::mean_tenths(&t.reflections).map(tenths),
            reflection_change: CompetencyTrend::change_tenths(&t.reflections)
                .map(|c| c as f64 / 10.0),
            answer_mean: CompetencyTrend::mean_tenths(&t.answers).map(tenths),
            answer_change: CompetencyTrend::change_tenths(&t.answers).map(|c| c as f64 / 10.0),
        })
        .collect::<Vec<_>>()
}

/// The trend per competency: one table per framework version, a row per competency with the
/// sessions tagged, the mean of your reflections' totals and its change from the first to the
/// last, and the same of the clients' own answers.
pub fn competency_text(trends: &[CompetencyTrend], look: &Look) -> String {
    if trends.is_empty() {
        return look.paragraph(
            "",
            "No session is tagged with a competency yet: `coachlog reflect SESSION --competency \
             icf-2025:active-listening` tags one.",
        );
    }
    let mean = |list: &[(chrono::NaiveDate, u32)]| {
        CompetencyTrend::mean_tenths(list).map_or_else(String::new, |m| format!("{:.1}", m / 10.0))
    };
    let change = |list: &[(chrono::NaiveDate, u32)]| {
        CompetencyTrend::change_tenths(list)
            .map_or_else(String::new, |c| format!("{:+.1}", c as f64 / 10.0))
    };
    let mut out = String::new();
    let mut i = 0;
    while i < trends.len() {
        let framework = trends[i].tag.framework();
        let end = trends[i..]
            .iter()
            .position(|t| t.tag.framework().id != framework.id)
            .map_or(trends.len(), |n| i + n);
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&look.paragraph("", &format!("{}, {}", framework.name, framework.id)));
        let mut grid = Grid::new(
            look,
            [
                Column::wrap("Competency"),
                Column::keep("Sessions").right(),
                Column::keep("Yours").right(),
                Column::keep("Change").right(),
                Column::keep("Client").right(),
                Column::keep("Change").right().optional(1),
            ],
        );
        for t in &trends[i..end] {
            grid.row([
                Content::from(t.tag.name().to_owned()),
                t.sessions.to_string().into(),
                mean(&t.reflections).into(),
                change(&t.reflections).into(),
                mean(&t.answers).into(),
                change(&t.answers).into(),
            ]);
        }
        out.push_str(&grid.render());
        i = end;
    }
    out.push_str(&look.paragraph(
        "  ",
        "Yours: the mean total (of 40) of your reflections on the sessions tagged; Client: of the \
         clients' own answers; Change: the last less the first.",
    ));
    out
}
