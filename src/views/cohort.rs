//! How a cohort's progress looks: a row per student and scheme, and the reciprocal sessions that
//! two students' packets disagree on, as text and as one self-contained HTML page for the school.

use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde::Serialize;

use crate::ui::table::{Column, Grid};
use crate::views::Look;
use coachlog_core::group::cohort::{Crossed, Standing};

/// The cohort as `group status` judges it.
#[derive(Debug, Serialize)]
pub struct Cohort {
    /// The day it is shown on.
    pub today: chrono::NaiveDate,
    /// The least share of non-coach hours the school asks for.
    pub target: f64,
    /// Days without a session after which a student has gone quiet.
    pub quiet_after_days: u32,
    /// One row per packet: a student and a scheme.
    pub students: Vec<Standing>,
    /// The reciprocal sessions checked across packets.
    pub reciprocal: Crossed,
}

fn hours(v: Option<f64>) -> String {
    v.map_or_else(String::new, |h| format!("{h:.2}"))
}

fn percent(v: f64) -> String {
    format!("{:.0}%", v * 100.0)
}

/// The non-coach share, with a mark below the target.
fn share(r: &Standing, target: f64) -> String {
    match r.non_coach_share {
        Some(s) if r.below_target => format!("{} (below {})", percent(s), percent(target)),
        Some(s) => percent(s),
        None => String::new(),
    }
}

/// The last session, with how long ago where the student has gone quiet.
fn last(r: &Standing) -> String {
    match (r.last_session, r.quiet_days) {
        (Some(d), Some(days)) => format!("{d} (quiet {days} days)"),
        (Some(d), None) => d.to_string(),
        _ => String::new(),
    }
}

/// Met, what is missing, or what is wrong with the packet.
fn status(r: &Standing) -> String {
    if !r.problems.is_empty() {
        return format!("PACKET NOT AS WRITTEN, not used: {}", r.problems.join("; "));
    }
    match r.met {
        Some(true) => "met".to_owned(),
        Some(false) => format!("missing {}", r.missing.join("; ")),
        None => "no figures".to_owned(),
    }
}

/// [`status`] in short, for a terminal: the requirements missing by name.
fn status_short(r: &Standing) -> String {
    if !r.problems.is_empty() {
        return status(r);
    }
    match r.met {
        Some(false) => format!(
            "missing {}",
            r.missing
                .iter()
                .map(|m| m
                    .split_once(':')
                    .map_or(m.as_str(), |(id, _)| id)
                    .replace('_', " "))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => status(r),
    }
}

/// What the counts say in one line.
fn headline(c: &Cohort) -> String {
    let marked = c.students.iter().filter(|r| !r.problems.is_empty()).count();
    let below = c.students.iter().filter(|r| r.below_target).count();
    let quiet = c.students.iter().filter(|r| r.quiet_days.is_some()).count();
    format!(
        "{} packets on {}: {} met, {} below the non-coach target of {}, {} quiet for over {} \
         days, {} not as written.",
        c.students.len(),
        c.today,
        c.students.iter().filter(|r| r.met == Some(true)).count(),
        below,
        percent(c.target),
        quiet,
        c.quiet_after_days,
        marked
    )
}

fn reciprocal_line(c: &Cohort) -> String {
    let r = &c.reciprocal;
    format!(
        "Reciprocal sessions between students: {} agree in both packets ({} confirmed by a \
         receipt), {} do not{}",
        r.agreed,
        r.confirmed,
        r.disagreements.len(),
        if r.disagreements.is_empty() { "." } else { ":" }
    )
}

/// The cohort as text.
pub fn text(c: &Cohort, look: &Look) -> String {
    let mut out = look.paragraph("", &headline(c));
    if !c.students.is_empty() {
        let mut grid = Grid::new(
            look,
            [
                Column::wrap("Student"),
                Column::keep("Scheme"),
                Column::keep("Hours").right(),
                Column::keep("Paid").right().optional(2),
                Column::keep("Clients").right().optional(1),
                Column::keep("Mentor").right().optional(3),
                Column::wrap("Non-coach"),
                Column::wrap("Last session").optional(4),
                Column::wrap("Status"),
            ],
        );
        for r in &c.students {
            grid.row([
                look.clean(&r.student, 60),
                look.clean(r.scheme.as_deref().unwrap_or_default(), 40),
                hours(r.hours),
                hours(r.paid_hours),
                r.clients.map_or_else(String::new, |n| format!("{n:.0}")),
                hours(r.mentor_hours),
                share(r, c.target),
                last(r),
                look.clean(&status_short(r), 400),
            ]);
        }
        out.push('\n');
        out.push_str(&grid.render());
    }
    out.push('\n');
    out.push_str(&look.paragraph("", &reciprocal_line(c)));
    if !c.reciprocal.disagreements.is_empty() {
        let mut grid = Grid::new(
            look,
            [
                Column::keep("Date"),
                Column::wrap("Coach"),
                Column::wrap("Client"),
                Column::wrap("Coach's packet"),
                Column::wrap("Client's packet"),
            ],
        );
        for d in &c.reciprocal.disagreements {
            grid.row([
                d.date.to_string(),
                look.clean(&d.coach, 60),
                look.clean(&d.client, 60),
                d.coach_says.clone(),
                d.client_says.clone(),
            ]);
        }
        out.push_str(&grid.render());
    }
    out
}

/// The cohort as one HTML page: inline style, no script, every name escaped.
pub fn html(c: &Cohort) -> String {
    let page: Markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "Practice group progress, " (c.today) }
                style { (PreEscaped(super::html::STYLE)) (PreEscaped(STYLE)) }
            }
            body {
                main {
                    h1 { "Practice group progress" }
                    p { (headline(c)) }
                    section aria-labelledby="students" {
                        h2 id="students" { "Students" }
                        table {
                            caption { "One row per packet: a student and the scheme it is for" }
                            thead { tr {
                                th scope="col" { "Student" }
                                th scope="col" { "Scheme" }
                                th scope="col" class="num" { "Hours" }
                                th scope="col" class="num" { "Paid hours" }
                                th scope="col" class="num" { "Clients" }
                                th scope="col" class="num" { "Mentor hours" }
                                th scope="col" { "Non-coach share" }
                                th scope="col" { "Last session" }
                                th scope="col" { "Status" }
                            } }
                            tbody {
                                @for r in &c.students {
                                    tr class=[(!r.problems.is_empty()).then_some("marked")] {
                                        th scope="row" { (r.student) }
                                        td { (r.scheme_name.clone().or(r.scheme.clone()).unwrap_or_default()) }
                                        td class="num" { (hours(r.hours)) }
                                        td class="num" { (hours(r.paid_hours)) }
                                        td class="num" { (r.clients.map_or_else(String::new, |n| format!("{n:.0}"))) }
                                        td class="num" { (hours(r.mentor_hours)) }
                                        td class=[r.below_target.then_some("missing")] { (share(r, c.target)) }
                                        td class=[r.quiet_days.is_some().then_some("missing")] { (last(r)) }
                                        td class=(if r.met == Some(true) { "met" } else { "missing" }) { (status(r)) }
                                    }
                                }
                            }
                        }
                    }
                    section aria-labelledby="reciprocal" {
                        h2 id="reciprocal" { "Reciprocal sessions" }
                        p { (reciprocal_line(c)) }
                        @if !c.reciprocal.disagreements.is_empty() {
                            table {
                                caption { "Sessions two students' packets do not agree on, with both sides" }
                                thead { tr {
                                    th scope="col" { "Date" }
                                    th scope="col" { "Coach" }
                                    th scope="col" { "Client" }
                                    th scope="col" { "Coach's packet" }
                                    th scope="col" { "Client's packet" }
                                } }
                                tbody {
                                    @for d in &c.reciprocal.disagreements {
                                        tr {
                                            td { (d.date) }
                                            td { (d.coach) }
                                            td { (d.client) }
                                            td { (d.coach_says) }
                                            td { (d.client_says) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    page.into_string()
}

/// What the cohort page adds to the report's style.
const STYLE: &str = "caption { text-align: left; font-weight: 600; margin: .4rem 0; }
tr.marked th, tr.marked td { background: #fdecea; }
th[scope=row] { background: none; font-weight: 600; }
";
