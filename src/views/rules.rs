//! How the schemes' rules look: each scheme with its sources, and one scheme figure by figure with
//! who set it.

use serde::Serialize;

use crate::ui::table::{Column, Grid};
use crate::views::Look;
use chrono::NaiveDate;
use coachlog_core::reports::requirement::Figure;
use coachlog_core::reports::rules_diff::SchemeChange;
use coachlog_core::rules::provenance::{Judge, RuleSource, value_text};
use coachlog_core::rules::scheme::Scheme;

use super::requirement;

/// Who set a figure, in words.
pub fn judge_text(judge: Judge<'_>) -> String {
    match judge {
        Judge::Body(r) => r.describe(),
        Judge::User(Some(note)) => format!("yours: {note}"),
        Judge::User(None) => "yours".to_owned(),
        Judge::Unknown => "no source given".to_owned(),
    }
}

/// The schemes, each with one row per source (and one for the figures you set).
pub fn list_text(schemes: &[Scheme], look: &Look) -> String {
    let mut out = String::new();
    for s in schemes {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&look.paragraph("", &format!("{} ({})", s.name, s.id)));
        let mut grid = Grid::new(
            look,
            [
                Column::wrap("Source"),
                Column::keep("Effective").optional(2),
                Column::keep("Checked").optional(1),
                Column::wrap("Figures"),
            ],
        );
        let set = s.figures().rule_values();
        for r in &s.rules {
            let figures: Vec<&str> = r
                .figures
                .iter()
                .map(String::as_str)
                .filter(|f| matches!(s.judge(f), Judge::Body(_)) && set.contains_key(*f))
                .collect();
            if figures.is_empty() {
                continue;
            }
            grid.row([
                look.clean(&r.title, 200),
                r.effective.map_or_else(String::new, |d| d.0.to_string()),
                r.checked.map_or_else(String::new, |d| d.0.to_string()),
                figures.join(", "),
            ]);
        }
        if !s.overrides.is_empty() {
            grid.row([
                "yours (config.toml)".to_owned(),
                String::new(),
                String::new(),
                s.overrides.keys().cloned().collect::<Vec<_>>().join(", "),
            ]);
        }
        out.push_str(&grid.render());
    }
    out
}

/// One figure of a scheme in JSON.
#[derive(Debug, Serialize)]
pub struct FigureJson {
    /// Its key, as in `schemes.toml` and `config.toml`.
    pub figure: String,
    /// Its value.
    pub value: serde_json::Value,
    /// `body`, `you` or `unknown`.
    pub by: &'static str,
    /// The body's source, where the body set it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<RuleSource>,
    /// Your note, where you set it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Every figure a scheme sets, with its value and who set it.
pub fn figures(s: &Scheme) -> Vec<FigureJson> {
    s.figures()
        .rule_values()
        .into_iter()
        .map(|(figure, value)| {
            let judge = s.judge(&figure);
            FigureJson {
                value,
                by: match judge {
                    Judge::Body(_) => "body",
                    Judge::User(_) => "you",
                    Judge::Unknown => "unknown",
                },
                source: match judge {
                    Judge::Body(r) => Some(r.clone()),
                    _ => None,
                },
                note: match judge {
                    Judge::User(note) => note.map(str::to_owned),
                    _ => None,
                },
                figure,
            }
        })
        .collect()
}

/// One scheme in full: its figures, each with its value and who set it.
pub fn show_text(s: &Scheme, look: &Look) -> String {
    let mut out = look.paragraph("", &format!("{} ({}), {}", s.name, s.id, s.body));
    if let Some(note) = &s.note {
        out.push_str(&look.paragraph("", note));
    }
    out.push('\n');
    // Each figure on a line of its own as config.toml writes it, its source under it: a long
    // figure name and its source fit any width.
    for f in figures(s) {
        out.push_str(&look.paragraph(
            " ",
            &format!("{} = {}", f.figure, look.clean(&value_text(&f.value), 200)),
        ));
        out.push_str(&look.paragraph("     ", &look.clean(&judge_text(s.judge(&f.figure)), 300)));
    }
    let urls: Vec<String> = s
        .rules
        .iter()
        .filter_map(|r| r.url.as_ref().map(|u| format!("{}: {u}", r.title)))
        .collect();
    if !urls.is_empty() {
        out.push('\n');
        for u in urls {
            out.push_str(&look.paragraph("", &look.clean(&u, 400)));
        }
    }
    out
}

/// A requirement's verdict in a few words: `41.58 of 100`, and `met` where it is.
fn verdict(judged: Option<(Figure, Figure, bool)>) -> String {
    match judged {
        None => "not asked".to_owned(),
        Some((required, actual, met)) => format!(
            "{} of {}{}",
            requirement::figure(actual),
            requirement::figure(required),
            if met { ", met" } else { "" }
        ),
    }
}

fn met_text(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "met",
        Some(false) => "not met",
        None => "no such scheme",
    }
}

/// What a change of rules would mean, scheme by scheme.
pub fn diff_text(changes: &[SchemeChange], file: &str, as_of: NaiveDate, look: &Look) -> String {
    let mut out = look.paragraph(
        "",
        &format!("Under the rules of {file}, as of {as_of}, for this logbook:"),
    );
    if changes.is_empty() {
        out.push_str(&look.paragraph(
            "",
            "Nothing would change: every figure and verdict is the same.",
        ));
        return out;
    }
    for c in changes {
        out.push('\n');
        let met = if c.met.0 == c.met.1 {
            format!("{} either way", met_text(c.met.0))
        } else {
            format!("{} now, {} then", met_text(c.met.0), met_text(c.met.1))
        };
        out.push_str(&look.paragraph(
            "",
            &format!("{} ({}): {met}", look.clean(&c.name, 80), c.id),
        ));
        for (key, before, after) in &c.figures {
            let shown = |v: &Option<serde_json::Value>| {
                v.as_ref().map_or_else(|| "none".to_owned(), value_text)
            };
            out.push_str(&look.paragraph(
                "  ",
                &look.clean(
                    &format!(
                        "{key}: {} {} {}",
                        shown(before),
                        look.symbols().arrow,
                        shown(after)
                    ),
                    300,
                ),
            ));
        }
        if !c.requirements.is_empty() {
            let mut grid = Grid::new(
                look,
                [
                    Column::wrap("Requirement"),
                    Column::wrap("Now"),
                    Column::wrap("Under the file"),
                ],
            );
            for r in &c.requirements {
                grid.row([
                    requirement::label_of(r.kind),
                    verdict(r.before),
                    verdict(r.after),
                ]);
            }
            out.push_str(&grid.render());
        }
    }
    out.push('\n');
    out.push_str(&look.paragraph(
        "",
        "Nothing was changed. To apply figures, set them in config.toml under [schemes.ID] \
         (coachlog edit config).",
    ));
    out
}

/// A requirement's change in JSON.
#[derive(Debug, Serialize)]
pub struct RequirementChangeJson {
    id: &'static str,
    before: Option<JudgedJson>,
    after: Option<JudgedJson>,
}

/// A requirement judged, in JSON.
#[derive(Debug, Serialize)]
pub struct JudgedJson {
    required: f64,
    actual: f64,
    met: bool,
}

/// A scheme's change in JSON.
#[derive(Debug, Serialize)]
pub struct SchemeChangeJson {
    id: String,
    name: String,
    met_before: Option<bool>,
    met_after: Option<bool>,
    figures: Vec<FigureChangeJson>,
    requirements: Vec<RequirementChangeJson>,
}

/// A figure's change in JSON.
#[derive(Debug, Serialize)]
pub struct FigureChangeJson {
    figure: String,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
}

/// The changes as `rules diff --json` prints them.
pub fn diff_json(changes: &[SchemeChange]) -> Vec<SchemeChangeJson> {
    let judged = |j: Option<(Figure, Figure, bool)>| {
        j.map(|(required, actual, met)| JudgedJson {
            required: requirement::number(required),
            actual: requirement::number(actual),
            met,
        })
    };
    changes
        .iter()
        .map(|c| SchemeChangeJson {
            id: c.id.clone(),
            name: c.name.clone(),
            met_before: c.met.0,
            met_after: c.met.1,
            figures: c
                .figures
                .iter()
                .map(|(k, b, a)| FigureChangeJson {
                    figure: k.clone(),
                    before: b.clone(),
                    after: a.clone(),
                })
                .collect(),
            requirements: c
                .requirements
                .iter()
                .map(|r| RequirementChangeJson {
                    id: r.kind.id(),
                    before: judged(r.before),
                    after: judged(r.after),
                })
                .collect(),
        })
        .collect()
}
