//! The statement of an attested period, for a mentor or supervisor to sign: one page of HTML that
//! prints to PDF, with the period, the figures of each scheme, every session, and lines to sign;
//! and, in words, whether an attested period still holds what was signed.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use coachlog_core::domain::attestation::{Attestation, AttestedScheme, Change, Unexplained};
use coachlog_core::domain::duration::hours_2dp;
use coachlog_core::domain::text::{count, for_terminal};
use coachlog_core::reports::attested::{Judgment, Standing};
use coachlog_core::storage::development::KeptFile;

use crate::ui::table::{Column, Grid};

use coachlog_core::domain::attestation::STATEMENT_META as META;

/// One session as the statement lists it.
pub struct Line {
    /// Its date.
    pub date: chrono::NaiveDate,
    /// The client, as the coach names them to a mentor (the alias where there is one; a stable
    /// alias for a client who has not consented to be named).
    pub client: String,
    /// Its minutes.
    pub minutes: u32,
    /// `coach` or `client`.
    pub role: &'static str,
    /// Its short id.
    pub id: String,
}

const STYLE: &str = r#"
body { font: 11pt/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: #1b1b1b; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.4rem; margin: 0 0 .4rem; }
h2 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .2rem .4rem; border-bottom: 1px solid #ccc; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.sign { margin-top: 2.5rem; display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; }
.sign div { border-top: 1px solid #000; padding-top: .2rem; }
.note { color: #444; font-size: .85rem; }
@page { size: A4; margin: 15mm; }
@media print { body { margin: 0; max-width: none; } tr { break-inside: avoid; } }
"#;

/// The statement as a whole HTML document.
pub fn statement(a: &Attestation, coach: Option<&str>, lines: &[Line]) -> String {
    let title = format!("Attestation of coaching practice, {} to {}", a.from, a.to);
    let markup: Markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name=(META) content=(a.id);
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                main {
                    h1 { (title) }
                    p {
                        @if let Some(coach) = coach { "Coach: " strong { (coach) } ". " }
                        "Made on " (a.made) " as attestation " code { (a.id) } ", "
                        (lines.len()) " sessions."
                    }
                    h2 { "Coaching counted" }
                    table {
                        thead { tr { th { "Scheme" } th.num { "Hours up to " (a.to) } th.num { "of which paid" } th.num { "Hours in the period" } } }
                        tbody {
                            @for s in &a.schemes {
                                tr {
                                    td { (s.name) }
                                    td.num { (hours_2dp(s.minutes)) }
                                    td.num { (hours_2dp(s.paid_minutes)) }
                                    td.num { (hours_2dp(s.period_minutes)) }
                                }
                            }
                        }
                    }
                    @for s in &a.schemes {
                        @if let Some(by) = &s.judged_by {
                            p.note { (s.name) " judged by: " (by) "." }
                        }
                    }
                    h2 { "Sessions" }
                    table {
                        thead { tr { th { "Date" } th { "Client" } th { "Role" } th.num { "Minutes" } th { "ID" } } }
                        tbody {
                            @for l in lines {
                                tr { td { (l.date) } td { (l.client) } td { (l.role) } td.num { (l.minutes) } td { code { (l.id) } } }
                            }
                        }
                    }
                    p.note {
                        "Each session is recorded with the hash of what it counts by (date, client, \
                         length, role, payment, client type), so that a later change of the period \
                         shows: coachlog attest verify " (a.id) "."
                    }
                    div.sign {
                        div { "Signed: " @if let Some(by) = &a.by { (by) } }
                        div { "Date" }
                    }
                }
            }
        }
    };
    markup.into_string()
}

/// A scheme's figures as a line: `ICF ACC: 47.00 h up to 2026-09-30 (signed 45.00), …`, the
/// figures that differ from those signed each with what was signed.
fn figures(to: chrono::NaiveDate, signed: &AttestedScheme, now: Option<&AttestedScheme>) -> String {
    let Some(now) = now else {
        return format!(
            "{}: the scheme is gone from the settings (signed {} h up to {to})",
            signed.name,
            hours_2dp(signed.minutes)
        );
    };
    let part = |now: u64, was: u64, what: &str| {
        if now == was {
            format!("{} h{what}", hours_2dp(now))
        } else {
            format!("{} h{what} (signed {})", hours_2dp(now), hours_2dp(was))
        }
    };
    format!(
        "{}: {}, {}, {}",
        signed.name,
        part(now.minutes, signed.minutes, &format!(" up to {to}")),
        part(now.paid_minutes, signed.paid_minutes, " paid"),
        part(now.period_minutes, signed.period_minutes, " in the period"),
    )
}

/// A change in words, with the reasons on record for it, or what is missing.
fn change(c: &Change) -> String {
    let reasons: Vec<String> = c
        .reopenings
        .iter()
        .map(|r| {
            format!(
                "reopened on {}: {}",
                r.on,
                for_terminal(&r.reason, 200, "…")
            )
        })
        .collect();
    let mut line = c.describe();
    if !reasons.is_empty() {
        line.push_str(&format!(" ({})", reasons.join("; ")));
    }
    match c.unexplained {
        None => {}
        Some(Unexplained::Since) => line.push_str(", without --reopen"),
        Some(Unexplained::Before(day)) => {
            line.push_str(&format!(
                ", and before the reopening of {day} without --reopen"
            ));
        }
    }
    line
}

/// Whether an attested period holds what was signed, in words: a first line, then each change
/// and each figure that differs, indented.
pub fn judgment(a: &Attestation, j: &Judgment) -> String {
    let unexplained = j.unexplained().count();
    let head = match j.standing {
        Standing::Holds if j.changes.is_empty() => format!(
            "holds what was signed ({})",
            count(a.sessions.len(), "session", "sessions")
        ),
        Standing::Holds => format!(
            "holds what was signed ({}, {} reopened with a reason)",
            count(a.sessions.len(), "session", "sessions"),
            count(j.changes.len(), "change", "changes")
        ),
        Standing::Reopened => format!(
            "no longer holds the figures signed: {}, each reopened with a reason (the signed \
             statement shows the figures as they were)",
            count(j.changes.len(), "change", "changes")
        ),
        Standing::Broken if unexplained > 0 => format!(
            "does not hold what was signed: {} without --reopen",
            count(unexplained, "change", "changes")
        ),
        Standing::Broken => "does not hold what was signed: its figures differ".to_owned(),
        Standing::Withdrawn => match &a.withdrawn {
            Some(w) => format!(
                "withdrawn on {}: {}",
                w.on,
                for_terminal(&w.reason, 200, "…")
            ),
            None => "withdrawn".to_owned(),
        },
    };
    let mut out = format!("{} ({} to {}): {head}\n", a.id, a.from, a.to);
    for c in &j.changes {
        out.push_str(&format!("  {}\n", change(c)));
    }
    for f in j.figures.iter().filter(|f| !f.same()) {
        out.push_str(&format!("  {}\n", figures(a.to, &f.signed, f.now.as_ref())));
    }
    if let Some(why) = &j.unaccounted {
        out.push_str(&format!("  why: {why}\n"));
    }
    out
}

/// The words of `attest list`'s column for an attestation.
pub fn standing_words(j: &Judgment) -> String {
    match j.standing {
        Standing::Holds if j.changes.is_empty() => "yes".to_owned(),
        Standing::Holds => format!(
            "yes, reopened {}",
            count(
                j.changes.iter().map(|c| c.reopenings.len()).sum(),
                "time",
                "times"
            )
        ),
        Standing::Reopened => "no: figures changed, with reasons".to_owned(),
        Standing::Withdrawn => "withdrawn".to_owned(),
        Standing::Broken => {
            let n = j.unexplained().count().max(1);
            format!(
                "no: {} (`coachlog attest verify`)",
                count(n, "change", "changes")
            )
        }
    }
}

/// The periods attested, as `attest list` shows them: each with its sessions, who signed it and
/// whether it still holds.
pub fn list(judged: &[(KeptFile<Attestation>, Judgment)], look: &super::Look) -> String {
    let mut table = Grid::new(
        look,
        [
            Column::keep("ID"),
            Column::keep("From"),
            Column::keep("To"),
            Column::keep("Sessions").right(),
            Column::wrap("Signed by"),
            Column::wrap("Holds"),
        ],
    );
    for (k, j) in judged {
        table.row([
            k.record.id.clone(),
            k.record.from.to_string(),
            k.record.to.to_string(),
            k.record.sessions.len().to_string(),
            k.record
                .by
                .as_deref()
                .map_or_else(|| look.symbols().none.to_owned(), |b| look.clean(b, 40)),
            standing_words(j),
        ]);
    }
    table.render()
}
