//! The `feedback` report: score trends, flagged sessions and experiments, per partner.

use serde::Serialize;

use super::Look;
use crate::ui;
use crate::ui::table::{Column, Content, Grid};
use coachlog_core::domain::reflection::{RatedBy, Score, Thresholds};
use coachlog_core::domain::text::count;
use coachlog_core::reports::Partners;
use coachlog_core::reports::feedback::FeedbackReport;

/// One rated session in `feedback --json`.
#[derive(Serialize)]
struct RatedJson<'a> {
    session: &'a str,
    date: String,
    partner: &'a str,
    scores: [f64; 4],
    total: f64,
    flagged: bool,
    rated_by: RatedBy,
    experiment: Option<&'a str>,
}

/// The rated sessions as `feedback --json` prints them, in date order.
pub fn json(report: &FeedbackReport) -> impl Serialize + use<'_> {
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
                .map_or(RatedBy::Client, |x| x.rated_by),
            experiment: r
                .session
                .reflection
                .as_ref()
                .and_then(|x| x.experiment.as_deref())
                .map(coachlog_core::domain::private::shown),
        })
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
        return "No reflections yet. Record one with: coachlog log PARTNER --scores 9,10,8.5,9 --experiment \"…\"\n\
                or afterwards with: coachlog reflect SESSION --scores …\n"
            .to_owned();
    }
    let mut out = String::new();
    for p in &report.partners {
        let name = partners
            .get(&p.partner)
            .map_or_else(|| p.partner.to_string(), |x| look.clean(&x.name, 60));
        let flagged = p.rated.iter().filter(|r| r.flagged).count();
        out.push_str(&format!(
            "{name} ({}): {}, {flagged} flagged\n",
            p.partner,
            count(p.rated.len(), "rated session", "rated sessions")
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
    out
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
