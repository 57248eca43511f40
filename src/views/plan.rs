//! `summary --target`: the plan toward one scheme, as text and JSON.

use serde::Serialize;

use super::Look;
use super::requirement::{figure, label_of, number};
use crate::ui::table::{Column, Grid};
use coachlog_core::domain::text::count;
use coachlog_core::reports::plan::Plan;

/// `summary --target` as text: each unmet requirement with the pace needed and the projected day.
pub fn text(plan: &Plan, look: &Look) -> String {
    let (_, name) = &plan.scheme;
    let mut out = match plan.by {
        Some(by) => format!(
            "Plan for {name} by {by} ({} weeks from {})\n",
            ((by - plan.as_of).num_days() as f64 / 7.0 * 10.0).round() / 10.0,
            plan.as_of
        ),
        None => format!("Plan for {name} from {}\n", plan.as_of),
    };
    if plan.steps.is_empty() && plan.not_projected.is_empty() {
        out.push_str(&format!("  Every requirement of {name} is met.\n"));
        return out;
    }
    if !plan.steps.is_empty() {
        let mut header = vec![Column::wrap("Requirement"), Column::keep("Missing").right()];
        if plan.by.is_some() {
            header.push(Column::keep("Needed a week").right());
        }
        header.extend([
            Column::keep("Pace a week").right(),
            Column::wrap("Met at this pace"),
        ]);
        let mut table = Grid::new(look, header);
        for step in &plan.steps {
            let mut row = vec![label_of(step.kind), figure(step.missing)];
            if plan.by.is_some() {
                row.push(
                    step.needed_per_week
                        .map_or_else(String::new, |n| format!("{n:.2}")),
                );
            }
            row.push(
                step.pace_per_week
                    .map_or_else(|| look.symbols().none.to_owned(), |p| format!("{p:.2}")),
            );
            row.push(match (plan.projected, step.met_on) {
                (false, _) => look.symbols().none.to_owned(),
                (true, Some(day)) => day.to_string(),
                (true, None) => "not at this pace".to_owned(),
            });
            table.row(row);
        }
        out.push_str(&table.render());
    }
    let mut notes = Vec::new();
    if !plan.projected {
        notes.push(format!(
            "Not enough history to project: {} of practice, and a projection needs at least 4 weeks.",
            count(plan.history_days.max(0) as usize, "day", "days")
        ));
    } else {
        notes.push(format!(
            "The pace is that of the last {} days, counted as summary counts.",
            plan.window_days
        ));
    }
    if let Some(hours) = plan.non_coach_per_week {
        notes.push(format!(
            "To keep the target share of non-coach clients: at least {hours:.2} h a week of it with non-coach clients."
        ));
    }
    if !plan.not_projected.is_empty() {
        let kinds: Vec<String> = plan.not_projected.iter().map(|k| label_of(*k)).collect();
        notes.push(format!(
            "Not projected (met on a known day, or counted over a window): {}; `coachlog summary` says what each needs.",
            kinds.join(", ")
        ));
    }
    for note in notes {
        out.push_str(&look.paragraph("  ", &note));
    }
    out
}

#[derive(Serialize)]
struct PlanJson {
    scheme: String,
    as_of: String,
    by: Option<String>,
    history_days: i64,
    projected: bool,
    window_days: i64,
    steps: Vec<StepJson>,
    not_projected: Vec<&'static str>,
    non_coach_hours_per_week: Option<f64>,
}

#[derive(Serialize)]
struct StepJson {
    id: &'static str,
    missing: f64,
    needed_per_week: Option<f64>,
    pace_per_week: Option<f64>,
    met_on: Option<String>,
}

/// `summary --target --json`.
pub fn json(plan: &Plan) -> impl Serialize + use<> {
    PlanJson {
        scheme: plan.scheme.0.clone(),
        as_of: plan.as_of.to_string(),
        by: plan.by.map(|d| d.to_string()),
        history_days: plan.history_days,
        projected: plan.projected,
        window_days: plan.window_days,
        steps: plan
            .steps
            .iter()
            .map(|s| StepJson {
                id: s.kind.id(),
                missing: number(s.missing),
                needed_per_week: s.needed_per_week,
                pace_per_week: s.pace_per_week,
                met_on: s.met_on.map(|d| d.to_string()),
            })
            .collect(),
        not_projected: plan.not_projected.iter().map(|k| k.id()).collect(),
        non_coach_hours_per_week: plan.non_coach_per_week,
    }
}
