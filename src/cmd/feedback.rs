//! `coachlog feedback`: score trends, flagged sessions and experiments to read before a session.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::cli::FeedbackArgs;
use crate::cmd::{Context, Run};
use crate::domain::reflection::{RatedBy, Score};
use crate::domain::text::count;
use crate::reports::Partners;
use crate::reports::feedback::{self, FeedbackReport};
use crate::ui;

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

impl Run for FeedbackArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let partner = self
            .partner
            .as_deref()
            .map(|q| ctx.find_partner(q))
            .transpose()?;
        let logbook = ctx.read_logbook()?;
        let report = feedback::feedback(
            &logbook.sessions,
            &logbook.settings.thresholds,
            partner.as_ref(),
        );
        if self.json {
            let list: Vec<RatedJson> = report
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
                        .and_then(|x| x.experiment.as_deref()),
                })
                .collect();
            return ctx.print_json(&list);
        }
        let partners = Partners::new(logbook.partners);
        let text = render(&report, &partners, &logbook.settings.thresholds);
        write!(ctx.out, "{text}")?;
        Ok(())
    }
}

fn render(
    report: &FeedbackReport,
    partners: &Partners,
    thresholds: &crate::domain::reflection::Thresholds,
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
            .map_or_else(|| p.partner.to_string(), |x| ui::clean(&x.name, 60));
        let flagged = p.rated.iter().filter(|r| r.flagged).count();
        out.push_str(&format!(
            "{name} ({}): {}, {flagged} flagged\n",
            p.partner,
            count(p.rated.len(), "rated session", "rated sessions")
        ));
        if !p.rated.is_empty() {
            let mut table = ui::table([
                "Date",
                "Relationship",
                "Goals",
                "Approach",
                "Overall",
                "Total",
                "",
                "Flagged",
            ]);
            for r in &p.rated {
                let [a, b, c, d] = r.scores.0;
                let mut row: Vec<comfy_table::Cell> = [
                    r.session.date.to_string(),
                    a.to_string(),
                    b.to_string(),
                    c.to_string(),
                    d.to_string(),
                    format!("{:.1}", r.scores.total()),
                    ui::bar(r.scores.total() / 40.0, 10),
                ]
                .into_iter()
                .map(comfy_table::Cell::new)
                .collect();
                row.push(if r.flagged {
                    ui::cell("yes", ui::Paint::Red)
                } else {
                    comfy_table::Cell::new("")
                });
                table.add_row(row);
            }
            ui::align_right(&mut table, &[1, 2, 3, 4, 5]);
            out.push_str(&table.trim_fmt());
            out.push('\n');
        }
        if !p.experiments.is_empty() {
            out.push_str("  Experiment next time:\n");
            for (date, experiment) in &p.experiments {
                let text = ui::clean(experiment, 500).replace('\n', "\n              ");
                out.push_str(&format!("  {date}  {text}\n"));
            }
        }
        out.push('\n');
    }
    let rated = report.rated();
    let flagged = rated.iter().filter(|r| r.flagged).count();
    match report.average_total() {
        Some(average) => out.push_str(&format!(
            "Overall: {} with {}, average total {average:.1}, {flagged} flagged \
             (a total below {} or an item below {})\n",
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
        )),
        None => out.push_str("Overall: no rated sessions yet\n"),
    }
    out
}
