//! `coachlog status`: one short line for a shell prompt.

use super::Look;
use coachlog_core::reports::requirement::{Figure, RequirementKind};
use coachlog_core::reports::summary::SchemeProgress;

/// The line: how many things are due (when any) and the coaching hours of one scheme, e.g.
/// `coachlog: 2 due · ICF PCC 312/500 h`. Hours are whole hours logged, rounded down, so the line
/// never shows a figure reached before it is.
pub fn line(due: usize, scheme: Option<&SchemeProgress>, look: &Look) -> String {
    let mut parts = Vec::new();
    if due > 0 {
        parts.push(format!("{due} due"));
    }
    if let Some(p) = scheme {
        let name = look.clean(&p.scheme.name, 40);
        let hours = p
            .requirements
            .iter()
            .find_map(|r| match (r.kind, r.required, r.actual) {
                (RequirementKind::Hours, Figure::Minutes(required), Figure::Minutes(actual)) => {
                    Some((actual, required))
                }
                _ => None,
            });
        parts.push(match hours {
            Some((actual, required)) => format!(
                "{name} {}/{} h",
                actual / 60,
                coachlog_core::domain::duration::hours_short(required)
            ),
            None if p.met => format!("{name} met"),
            None => name,
        });
    }
    if parts.is_empty() {
        parts.push("nothing due".to_owned());
    }
    let dot = if look.ascii { " - " } else { " \u{b7} " };
    format!("coachlog: {}", parts.join(dot))
}
