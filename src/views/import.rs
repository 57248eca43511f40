//! `coachlog import --dry-run`: the first sessions of an import as they would be stored.

use super::Look;
use crate::ui::table::{Column, Grid};
use coachlog_core::domain::text::count;
use coachlog_core::import::Plan;

/// The rows a dry run shows as they will be stored.
const FIRST_ROWS: usize = 10;

/// The first sessions of `plan` as they will be stored, with the partner each becomes.
pub fn first_rows(plan: &Plan, look: &Look) -> String {
    let mut table = Grid::new(
        look,
        [
            Column::keep("Date"),
            Column::keep("Partner"),
            Column::keep("Length").right(),
            Column::keep("Role"),
            Column::keep("Payment"),
            Column::keep("Client type").optional(2),
            Column::keep("Arrangement").optional(1),
        ],
    );
    for s in plan.sessions.iter().take(FIRST_ROWS) {
        let new = plan.new_partners.iter().any(|p| p.id == s.partner);
        table.row([
            s.date.to_string(),
            if new {
                format!("{} (new)", s.partner)
            } else {
                s.partner.to_string()
            },
            s.minutes.to_string(),
            s.role.to_string(),
            s.payment.to_string(),
            s.facts.client_type.to_string(),
            s.arrangement.to_string(),
        ]);
    }
    let mut out = format!(
        "The first {} as {} would be stored:\n",
        count(plan.sessions.len().min(FIRST_ROWS), "session", "sessions"),
        if plan.sessions.len() > FIRST_ROWS {
            "of them"
        } else {
            "they"
        }
    );
    out.push_str(&table.render());
    out
}
