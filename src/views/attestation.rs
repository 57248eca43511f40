//! The statement of an attested period, for a mentor or supervisor to sign: one page of HTML that
//! prints to PDF, with the period, the figures of each scheme, every session, and lines to sign.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::domain::attestation::Attestation;
use crate::domain::duration::hours_2dp;

/// One session as the statement lists it.
pub struct Line {
    /// Its date.
    pub date: chrono::NaiveDate,
    /// The client, as the coach names them to a mentor (the alias where there is one).
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
