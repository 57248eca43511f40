//! `coachlog report` as one self-contained HTML file: inline CSS and inline SVG, no script, no
//! request of any kind, every name and note escaped (maud escapes whatever it splices in). It
//! reads the same offline and in an e-mail client's preview, and prints to A4 or Letter, breaking a
//! page only where the next part would not fit. It is all in a `main` landmark under its header,
//! and each chart has a caption that says in words what it shows.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::requirement::{figure, label};
use coachlog_core::domain::duration::{hours_2dp, hours_f64};
use coachlog_core::domain::model::Format;
use coachlog_core::reports::counting::Verdict;
use coachlog_core::reports::report::Report;
use coachlog_core::reports::requirement::Requirement;
use coachlog_core::reports::summary::SchemeProgress;

/// Colours that stay apart in grayscale: dark for peer and done, light for non-coach and to do.
const DARK: &str = "#1f4e79";
const LIGHT: &str = "#f2a541";
const TRACK: &str = "#e3e3e3";
const MET: &str = "#2e7d32";

/// The least distance between the anchors of two date labels on a chart's axis, so that they do
/// not overlap: a date (`2026-11-12`, about 60 px at 11 px) and a gap, where one is centred
/// and the other starts or ends at its anchor.
const DATE_GAP: f64 = 95.0;

pub(crate) const STYLE: &str = r#"
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: #1b1b1b; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.25rem; margin: 0 0 .8rem; border-bottom: 2px solid #1f4e79; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
section { margin: 2.5rem 0; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: .15rem 1rem; margin: .6rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #d0d0d0; vertical-align: middle; }
th { background: #f3f6f9; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.sessions { font-size: .9rem; }
table.sessions td { white-space: nowrap; }
table.sessions td.client, table.sessions td.missing { white-space: normal; }
.met { color: #2e7d32; font-weight: 600; }
.missing { color: #8a4b00; }
.note { color: #444; font-size: .9rem; margin: .2rem 0; }
.legend span { display: inline-block; margin-right: 1.2rem; }
.swatch { vertical-align: -.1rem; margin-right: .3rem; border: 1px solid #555; }
svg { max-width: 100%; height: auto; }
figure { margin: .6rem 0; }
figcaption { color: #444; font-size: .9rem; }
svg text { font: 11px system-ui, sans-serif; fill: #333; }
@page { size: A4; margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  section { margin: 0; }
  h2, h3 { break-after: avoid; }
  tr, .scheme, figure, .chart { break-inside: avoid; }
}
"#;

/// The report as a whole HTML document.
pub fn html(report: &Report) -> String {
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title(report)) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                (header(report))
                main {
                    (progress(report))
                    (practice(report))
                    (mix(report))
                    (reflections(report))
                    (sessions(report))
                }
            }
        }
    };
    markup.into_string()
}

fn title(report: &Report) -> String {
    match &report.owner {
        Some(owner) => format!("Coaching practice of {owner}, as of {}", report.as_of),
        None => format!("Coaching practice, as of {}", report.as_of),
    }
}

fn header(report: &Report) -> Markup {
    let shown: Vec<String> = report
        .shown()
        .iter()
        .map(|p| p.scheme.name.clone())
        .collect();
    html! {
        header {
            h1 { (title(report)) }
            dl.facts {
                @if let Some(owner) = &report.owner {
                    dt { "Coach" } dd { (owner) }
                }
                dt { "As of" } dd { (report.as_of) }
                dt { "Sessions shown" }
                dd {
                    @match report.period {
                        Some((from, to)) => { (from) " to " (to) }
                        None => { "none" }
                    }
                }
                dt { "Schemes" } dd { (shown.join(", ")) }
                dt { "Names" }
                dd {
                    @if report.anonymized { "anonymised (Client 01, Client 02, … in order of first session)" }
                    @else { "as recorded (aliases where a client chose one)" }
                }
            }
        }
    }
}

/// A horizontal bar: `fraction` of `width` done, with a title for screen readers.
fn bar(fraction: f64, label: &str) -> Markup {
    let width = 240.0;
    // Full only when the figure is reached: 99.98 % is not drawn done.
    let done = (fraction.clamp(0.0, 1.0) * width * 10.0).round() / 10.0;
    let done = if fraction < 1.0 {
        done.min(width - 0.1)
    } else {
        done
    };
    let colour = if fraction >= 1.0 { MET } else { DARK };
    html! {
        svg width="240" height="14" viewBox="0 0 240 14" role="img" aria-label=(label) {
            title { (label) }
            rect x="0" y="0" width="240" height="14" fill=(TRACK) {}
            rect x="0" y="0" width=(done) height="14" fill=(colour) {}
        }
    }
}

fn requirement_row(p: &SchemeProgress, r: &Requirement) -> Markup {
    let label = label(p, r);
    let text = format!("{label}: {} of {}", figure(r.actual), figure(r.required));
    html! {
        tr data-requirement=(r.kind.id()) {
            td { (label) }
            td.num.required { (figure(r.required)) }
            td.num.actual { (figure(r.actual)) }
            td { (bar(r.progress(), &text)) }
            @match &r.shortfall {
                None => td.met { "met" },
                Some(shortfall) => td.missing { (shortfall.for_reader()) },
            }
        }
    }
}

fn scheme(p: &SchemeProgress) -> Markup {
    html! {
        div.scheme data-scheme=(p.scheme.id) {
            h3 {
                (p.scheme.name) ": "
                @if p.met { span.met { "met" } } @else { "not yet" }
            }
            @if let Some(from) = p.counted_from {
                p.note { "Sessions from " (from) ", the start of training." }
            }
            table {
                thead { tr { th { "Requirement" } th.num { "Required" } th.num { "Actual" } th { "Progress" } th { "Missing" } } }
                tbody { @for r in &p.requirements { (requirement_row(p, r)) } }
            }
            @if let Some(note) = &p.scheme.note { p.note { (note) } }
            @let rules = coachlog_core::reports::requirement::judged_by(
                &p.scheme,
                p.requirements.iter().map(|r| r.kind),
            )
            .line();
            @if !rules.is_empty() { p.note { "Judged by: " (rules) "." } }
        }
    }
}

fn progress(report: &Report) -> Markup {
    let c = &report.summary.coaching;
    html! {
        section #progress {
            h2 { "Progress toward accreditation" }
            p {
                "Coaching up to " (report.summary.as_of) ": "
                strong { (hours_2dp(c.minutes)) " h" } " in " (c.sessions) " sessions with "
                (c.clients) " clients (paid " (hours_2dp(c.paid_minutes)) " h, pro bono "
                (hours_2dp(c.pro_bono_minutes)) " h)."
            }
            @for p in report.shown() { (scheme(p)) }
        }
    }
}

/// Coaching hours per month as the first scheme shown counts them, stacked peer and non-coach,
/// with the running total of what it counts against the hours it asks for.
fn practice(report: &Report) -> Markup {
    let Some(chart) = &report.chart else {
        return html! {};
    };
    let months = &chart.months;
    // The bars on the left scale (hours a month), the running total on the right (hours in all).
    let (left, top, height, width) = (56.0, 10.0, 180.0, 616.0);
    let most = months
        .iter()
        .map(|b| b.peer_minutes + b.non_coach_minutes)
        .max()
        .unwrap_or(0)
        .max(60);
    let step = if months.is_empty() {
        width
    } else {
        width / months.len() as f64
    };
    let y = |minutes: u64| top + height - minutes as f64 / most as f64 * height;
    let mut running = chart.before_minutes;
    let totals: Vec<u64> = months
        .iter()
        .map(|b| {
            running += b.peer_minutes + b.non_coach_minutes;
            running
        })
        .collect();
    let ceiling = chart
        .required_minutes
        .map_or(running, |m| m.max(running))
        .max(60);
    let y_total = |minutes: u64| top + height - minutes as f64 / ceiling as f64 * height;
    let line: Vec<String> = totals
        .iter()
        .enumerate()
        .map(|(i, t)| format!("{:.1},{:.1}", left + step * (i as f64 + 0.5), y_total(*t)))
        .collect();
    let title = format!(
        "Coaching hours per month that {} counts, peer and non-coach, with the running total",
        chart.scheme
    );
    html! {
        section.page #practice {
            div.chart {
            h2 { "Coaching hours per month, as " (chart.scheme) " counts them" }
            p.legend {
                span { (swatch(DARK)) "peer" }
                span { (swatch(LIGHT)) "non-coach" }
                span { "—— running total" }
                @if let Some(minutes) = chart.required_minutes { span { "- - " (chart.scheme) ": " (hours_2dp(minutes)) " h" } }
            }
            figure {
            svg width="740" height="230" viewBox="0 0 740 230" role="img" aria-label=(title) {
                title { (title) }
                line x1=(left) y1=(top + height) x2=(left + width) y2=(top + height) stroke="#555" {}
                line x1=(left) y1=(top) x2=(left) y2=(top + height) stroke="#555" {}
                line x1=(left + width) y1=(top) x2=(left + width) y2=(top + height) stroke="#555" {}
                text x=(left - 4.0) y=(top + 8.0) text-anchor="end" { (coachlog_core::domain::duration::hours_short(most)) " h" }
                text x=(left - 4.0) y=(top + height) text-anchor="end" { "0" }
                text x="12" y=(top + height / 2.0) text-anchor="middle"
                    transform=(format!("rotate(-90 12 {})", top + height / 2.0)) { "hours a month (bars)" }
                text x=(left + width + 4.0) y=(top + 8.0) { (coachlog_core::domain::duration::hours_short(ceiling)) " h" }
                text x=(left + width + 4.0) y=(top + height) { "0" }
                text x="728" y=(top + height / 2.0) text-anchor="middle"
                    transform=(format!("rotate(-90 728 {})", top + height / 2.0)) { "running total (line)" }
                @for (i, b) in months.iter().enumerate() {
                    @let x = left + step * i as f64 + step * 0.15;
                    @let w = step * 0.7;
                    @let peer_top = y(b.peer_minutes);
                    @let all_top = y(b.peer_minutes + b.non_coach_minutes);
                    g {
                        title { (b.label) ": peer " (hours_2dp(b.peer_minutes)) " h, non-coach " (hours_2dp(b.non_coach_minutes)) " h" }
                        rect x=(fmt1(x)) y=(fmt1(peer_top)) width=(fmt1(w)) height=(fmt1(top + height - peer_top)) fill=(DARK) {}
                        rect x=(fmt1(x)) y=(fmt1(all_top)) width=(fmt1(w)) height=(fmt1(peer_top - all_top)) fill=(LIGHT) {}
                    }
                    @if months.len() <= 12 || i % (months.len() / 12 + 1) == 0 {
                        text x=(fmt1(x)) y=(top + height + 14.0) { (b.label) }
                    }
                }
                @if let Some(minutes) = chart.required_minutes {
                    line x1=(left) y1=(fmt1(y_total(minutes))) x2=(left + width) y2=(fmt1(y_total(minutes)))
                        stroke="#000" stroke-dasharray="6 4" {}
                }
                @if !line.is_empty() {
                    polyline points=(line.join(" ")) fill="none" stroke="#000" stroke-width="2" {}
                }
            }
            figcaption {
                "Bars: coaching hours per month that " (chart.scheme) " counts, peer (dark) and \
                 non-coach (light), on the left scale up to "
                (coachlog_core::domain::duration::hours_short(most)) " h. Line: the running total, on the \
                 right scale up to " (coachlog_core::domain::duration::hours_short(ceiling)) " h"
                @if let Some(minutes) = chart.required_minutes {
                    ", with the " (hours_2dp(minutes)) " h it asks for dashed"
                }
                "."
            }
            }
            }
            p.note {
                "Running total: " (hours_2dp(running)) " h that " (chart.scheme) " counts up to " (report.as_of)
                @if chart.before_minutes > 0 {
                    ", of which " (hours_2dp(chart.before_minutes)) " h before the months shown"
                }
                @if let Some(minutes) = chart.required_minutes {
                    "; it asks for " (hours_2dp(minutes)) " h"
                }
                ". Sessions it leaves out (before training, marked as not counted, groups over its \
                 limit, clients who have not consented to be named) are not in the chart; the tables \
                 below mark them."
            }
        }
    }
}

/// A small square of `colour` for a legend.
fn swatch(colour: &str) -> Markup {
    html! {
        svg.swatch width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" {
            rect x="0" y="0" width="12" height="12" fill=(colour) {}
        }
    }
}

fn fmt1(value: f64) -> String {
    format!("{value:.1}")
}

fn mix(report: &Report) -> Markup {
    let m = &report.mix;
    let t = &m.totals;
    let all = (t.peer_minutes + t.non_coach_minutes).max(1);
    let share = t.non_coach_minutes as f64 / all as f64;
    let target = m.target.fraction();
    let width = 600.0;
    let split = (share * width * 10.0).round() / 10.0;
    let label = format!(
        "Non-coach clients: {:.0}% of coaching hours; target {:.0}%",
        share * 100.0,
        target * 100.0
    );
    html! {
        section.page #mix {
            div.chart {
            h2 { "Client mix and reciprocity" }
            p {
                "Non-coach " (hours_2dp(t.non_coach_minutes)) " h (" (format!("{:.0}%", share * 100.0)) "), peer "
                (hours_2dp(t.peer_minutes)) " h; target at least " (format!("{:.0}%", target * 100.0)) " non-coach."
                @if m.needed_minutes > 0 {
                    " " (hours_2dp(m.needed_minutes)) " h more with non-coach clients would reach it."
                }
            }
            figure {
            svg width="620" height="40" viewBox="0 0 620 40" role="img" aria-label=(label) {
                title { (label) }
                rect x="0" y="5" width=(fmt1(split)) height="22" fill=(LIGHT) {}
                rect x=(fmt1(split)) y="5" width=(fmt1(width - split)) height="22" fill=(DARK) {}
                line x1=(fmt1(target * width)) y1="0" x2=(fmt1(target * width)) y2="32" stroke="#000" stroke-width="2" stroke-dasharray="4 3" {}
                text x="0" y="39" { "non-coach" }
                text x=(fmt1(target * width + 4.0)) y="39" { "target" }
            }
            figcaption { (label) ": non-coach hours light, peer hours dark, the target dashed." }
            }
            }
            h3 { "Give and take with reciprocal partners" }
            @if m.ledger.is_empty() {
                p.note { "No reciprocal partners in this period." }
            } @else {
                table {
                    thead { tr { th { "Partner" } th.num { "Coached (h)" } th.num { "Received (h)" } th.num { "Balance (h)" } } }
                    tbody {
                        @for (row, name) in m.ledger.iter().zip(&report.ledger_names) {
                            tr {
                                td { (name) }
                                td.num { (hours_2dp(row.given_minutes)) }
                                td.num { (hours_2dp(row.received_minutes)) }
                                td.num { (format!("{:+.2}", hours_f64(row.given_minutes) - hours_f64(row.received_minutes))) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn reflections(report: &Report) -> Markup {
    let mut rated: Vec<(chrono::NaiveDate, f64, bool)> = report
        .feedback
        .partners
        .iter()
        .flat_map(|p| {
            p.rated
                .iter()
                .map(|r| (r.session.date, r.scores.total(), r.flagged))
        })
        .collect();
    rated.sort_by_key(|r| r.0);
    let mut experiments: Vec<(chrono::NaiveDate, &str)> = report
        .feedback
        .partners
        .iter()
        .flat_map(|p| {
            p.experiments
                .iter()
                .map(|(d, e)| (*d, coachlog_core::domain::private::shown(e)))
        })
        .collect();
    experiments.sort_by_key(|e| std::cmp::Reverse(e.0));
    experiments.truncate(5);
    let (left, top, height, width) = (40.0, 10.0, 160.0, 640.0);
    // The scale starts a little below the lowest total or the threshold, whichever is lower.
    let lowest = rated
        .iter()
        .map(|(_, total, _)| *total)
        .fold(report.alert_total, f64::min);
    let low = ((lowest - 2.0) / 2.0).floor().max(0.0) * 2.0;
    let y = |total: f64| top + height - (total - low).max(0.0) / (40.0 - low).max(1.0) * height;
    let step = if rated.len() > 1 {
        width / (rated.len() - 1) as f64
    } else {
        0.0
    };
    let points: Vec<String> = rated
        .iter()
        .enumerate()
        .map(|(i, (_, total, _))| format!("{:.1},{:.1}", left + step * i as f64, y(*total)))
        .collect();
    html! {
        section.page #reflections {
            div.chart {
            h2 { "Reflections" }
            @if rated.is_empty() {
                p.note { "No rated sessions in this period." }
            } @else {
                p { (coachlog_core::domain::text::count(rated.len(), "rated session", "rated sessions"))
                    "; the dashed line is the alert threshold ("
                    (format!("{:.1}", report.alert_total)) " of 40)." }
                figure {
                svg width="720" height="215" viewBox="0 0 720 215" role="img"
                    aria-label="Total score of each rated session over time, with the alert threshold" {
                    title { "Total score of each rated session over time, with the alert threshold" }
                    line x1=(left) y1=(top + height) x2=(left + width) y2=(top + height) stroke="#555" {}
                    line x1=(left) y1=(top) x2=(left) y2=(top + height) stroke="#555" {}
                    text x=(left - 4.0) y=(top + 8.0) text-anchor="end" { "40" }
                    text x=(left - 4.0) y=(top + height) text-anchor="end" { (format!("{low:.0}")) }
                    @for (i, (date, _, _)) in rated.iter().enumerate() {
                        @if i == 0 || i + 1 == rated.len() || (i % (rated.len() / 6 + 1) == 0
                            && step * i as f64 >= DATE_GAP
                            && step * (rated.len() - 1 - i) as f64 >= DATE_GAP) {
                            text x=(fmt1(left + step * i as f64)) y=(top + height + 16.0)
                                text-anchor=(if i == 0 { "start" } else if i + 1 == rated.len() { "end" } else { "middle" }) { (date) }
                        }
                    }
                    line x1=(left) y1=(fmt1(y(report.alert_total))) x2=(left + width) y2=(fmt1(y(report.alert_total)))
                        stroke="#000" stroke-dasharray="6 4" {}
                    polyline points=(points.join(" ")) fill="none" stroke=(DARK) stroke-width="2" {}
                    @for (i, (date, total, flagged)) in rated.iter().enumerate() {
                        circle cx=(fmt1(left + step * i as f64)) cy=(fmt1(y(*total))) r="4"
                            fill=(if *flagged { LIGHT } else { DARK }) stroke="#000" {
                            title { (date) ": " (format!("{total:.1}")) @if *flagged { " (flagged)" } }
                        }
                    }
                }
                figcaption {
                    "The total score (of 40) of each rated session from " (rated[0].0) " to "
                    (rated[rated.len() - 1].0) ", lowest "
                    (format!("{:.1}", rated.iter().map(|r| r.1).fold(40.0, f64::min)))
                    ", highest " (format!("{:.1}", rated.iter().map(|r| r.1).fold(0.0, f64::max)))
                    "; a flagged session (below the threshold) is drawn light."
                }
                }
            }
            }
            @if !experiments.is_empty() {
                h3 { "The last experiments agreed" }
                ul { @for (date, experiment) in &experiments { li { (date) ": " (experiment) } } }
            }
        }
    }
}

/// What a scheme made of a session, in a table cell: counted (with the paid part when it splits),
/// or the reason it is left out.
fn verdict_cell(verdict: Verdict, minutes: u32) -> Markup {
    match verdict {
        Verdict::Counted { paid_minutes, .. }
            if paid_minutes > 0 && paid_minutes < u64::from(minutes) =>
        {
            html! { td.counted { "counts (" (paid_minutes) " min paid)" } }
        }
        Verdict::Counted { .. } => html! { td.counted { "counts" } },
        Verdict::LeftOut(reason) => html! { td.missing { "no: " (reason.words()) } },
    }
}

fn sessions(report: &Report) -> Markup {
    let schemes: Vec<&str> = report
        .shown()
        .iter()
        .map(|p| p.scheme.name.as_str())
        .collect();
    let mut years: Vec<i32> = report
        .rows
        .iter()
        .map(|r| chrono::Datelike::year(&r.date))
        .collect();
    years.dedup();
    html! {
        section.page #sessions {
            h2 { "Coaching sessions" }
            @if report.rows.is_empty() { p.note { "No coaching sessions in this period." } }
            @else {
                p.note { "Each scheme's column says whether it counts the session (\"counts\") or why it \
                    leaves it out (\"no: before training\", \"no: in class\", \"no: no consent\" to be \
                    named in the ICF log, …), as summary counts it." }
            }
            @for (i, year) in years.iter().enumerate() {
                @let rows: Vec<_> = report.rows.iter().filter(|r| chrono::Datelike::year(&r.date) == *year).collect();
                @let minutes: u64 = rows.iter().map(|r| u64::from(r.minutes)).sum();
                section.year[i > 0] {
                    h3 { (year) " — " (rows.len()) " sessions, " (hours_2dp(minutes)) " h" }
                    table.sessions {
                        thead { tr { th { "Date" } th { "Client" } th { "Format" } th.num { "Minutes" } th { "Payment" } th { "Arrangement" } @for name in &schemes { th { (name) } } } }
                        tbody {
                            @for r in rows {
                                tr {
                                    td { (r.date) }
                                    td.client { (r.client) }
                                    td { @match r.format { Format::Group => { "group of " (r.members) }, Format::Individual => { "individual" } } }
                                    td.num { (r.minutes) }
                                    td { (r.payment) }
                                    td { (r.arrangement) }
                                    @for verdict in &r.verdicts { (verdict_cell(*verdict, r.minutes)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
