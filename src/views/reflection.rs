//! A reflection in words, for what `log` and `reflect` say of it.

use coachlog_core::domain::reflection::{ITEMS, RatedBy, Reflection, Thresholds};

/// "scores 9,10,8.5,9 (total 36.5, by the client) — flagged: …", for messages.
pub fn describe(reflection: &Reflection, thresholds: &Thresholds) -> String {
    let mut parts = Vec::new();
    if let Some(scores) = reflection.scores {
        let by = match reflection.rated_by {
            RatedBy::Client => "the client",
            RatedBy::Myself => "yourself",
        };
        parts.push(format!(
            "scores {scores} (total {}, by {by})",
            scores.total()
        ));
        if scores.flagged(thresholds) {
            let low: Vec<String> = ITEMS
                .iter()
                .zip(scores.0)
                .filter(|(_, s)| s.tenths() < thresholds.item_tenths)
                .map(|(item, s)| format!("{item} {s}"))
                .collect();
            let why = if low.is_empty() {
                format!(
                    "a total below {}",
                    f64::from(thresholds.total_tenths) / 10.0
                )
            } else {
                format!(
                    "below {}: {}",
                    f64::from(thresholds.item_tenths) / 10.0,
                    low.join(", ")
                )
            };
            parts.push(format!(
                "FLAGGED ({why}); talk it through before the next session"
            ));
        }
    }
    if let Some(experiment) = &reflection.experiment {
        parts.push(format!(
            "experiment next time: {}",
            crate::ui::clean(experiment, 200)
        ));
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flagged_sessions_say_which_items_are_low() {
        let r = Reflection {
            scores: "9,10,8.5,9".parse().ok(),
            rated_by: RatedBy::Client,
            experiment: None,
        };
        let text = describe(&r, &Thresholds::default());
        assert!(
            text.contains("total 36.5") && text.contains("FLAGGED (below 9: approach 8.5)"),
            "{text}"
        );
    }
}
