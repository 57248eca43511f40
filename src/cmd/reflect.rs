//! `coachlog reflect`: the reflection after a session, and the parts `log` shares with it.

use std::io::Write;

use anyhow::Result;

use crate::cli::{ReflectArgs, ReflectionArgs};
use crate::cmd::{Context, Run};
use crate::error::usage;
use crate::ui;
use coachlog_core::domain::model::{Role, Session};
use coachlog_core::domain::reflection::{ITEMS, RatedBy, Reflection, Score, Scores, Thresholds};
use coachlog_core::storage::SessionLookupError;

impl ReflectionArgs {
    /// Whether no part of a reflection was given.
    pub fn is_empty(&self) -> bool {
        self.scores.is_none() && self.experiment.is_none() && self.rated_by.is_none()
    }

    /// The reflection the flags give, if any.
    pub fn reflection(&self) -> Result<Option<Reflection>> {
        if self.rated_by.is_some() && self.scores.is_none() {
            return Err(usage(
                "--rated-by says who gave the scores: give --scores too (e.g. --scores 9,10,8.5,9)",
            ));
        }
        if self.scores.is_none() && self.experiment.is_none() {
            return Ok(None);
        }
        Ok(Some(Reflection {
            scores: self.scores,
            rated_by: self.rated_by.unwrap_or_default(),
            experiment: self.experiment.clone().filter(|e| !e.is_empty()),
        }))
    }
}

/// Asks for each part of a reflection on the terminal; `None` when every answer is skipped.
pub fn ask_reflection(rated_by: Option<RatedBy>) -> Result<Option<Reflection>> {
    ui::note("Reflection (press Enter to skip a question):");
    let labels = [
        "relationship",
        "goals and topics",
        "approach or method",
        "overall",
    ];
    let mut scores = Vec::new();
    for label in labels {
        match ui::prompt::ask(&format!("{label} (0-10)"), |t| t.parse::<Score>())? {
            Some(score) => scores.push(score),
            None => break,
        }
    }
    let scores: Option<Scores> = <[Score; 4]>::try_from(scores).ok().map(Scores);
    let rated_by = match (rated_by, scores) {
        (Some(r), _) => r,
        (None, Some(_)) => {
            ui::prompt::ask("rated by (client or self) [client]", |t| match t.trim() {
                "client" => Ok(RatedBy::Client),
                "self" => Ok(RatedBy::Myself),
                _ => Err(format!("'{t}' is not client or self")),
            })?
            .unwrap_or_default()
        }
        (None, None) => RatedBy::Client,
    };
    let experiment = ui::prompt::ask(
        "what to experiment with next time",
        coachlog_core::domain::text::notes,
    )?;
    if scores.is_none() && experiment.is_none() {
        return Ok(None);
    }
    Ok(Some(Reflection {
        scores,
        rated_by,
        experiment,
    }))
}

/// Refuses a reflection on a session in which the user was coached.
pub fn check_role(role: Role) -> Result<()> {
    if role == Role::Client {
        return Err(usage(
            "a reflection rates your coaching, and in this session you were the client: reflect on a \
             session with role coach",
        ));
    }
    Ok(())
}

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
            ui::clean(experiment, 200)
        ));
    }
    parts.join("; ")
}

/// `new` put over what a session already had: scores and experiment replace the old ones only when
/// given.
fn merged(old: Option<&Reflection>, new: Reflection) -> Reflection {
    match old {
        None => new,
        Some(old) => Reflection {
            rated_by: if new.scores.is_some() {
                new.rated_by
            } else {
                old.rated_by
            },
            scores: new.scores.or(old.scores),
            experiment: new.experiment.or_else(|| old.experiment.clone()),
        },
    }
}

impl Run for ReflectArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        if !ctx.logbook_exists()? {
            return Err(SessionLookupError::NotFound(self.session).into());
        }
        let path = ctx.store.find_session(&self.session)?;
        check_role(ctx.store.session_at(&path)?.role)?;
        let reflection = if self.reflection.is_empty() {
            if !ui::can_prompt() {
                return Err(usage(
                    "give the reflection with --scores and --experiment (e.g. --scores 9,10,8.5,9 \
                     --experiment \"leave more silence\"); without them it is asked for only in a terminal",
                ));
            }
            ask_reflection(None)?
        } else {
            self.reflection.reflection()?
        };
        let Some(reflection) = reflection else {
            ui::note("Nothing recorded.");
            return Ok(());
        };

        let _lock = ctx.store.lock()?;
        let session: Session = ctx.store.session_at(&path)?;
        let thresholds = ctx.store.settings()?.thresholds;
        let updated = Session {
            reflection: Some(merged(session.reflection.as_ref(), reflection)),
            ..session
        };
        let changed = ctx.store.update_session(&path, &updated)?;
        ctx.store
            .describe_change(format!("reflect: session {}", updated.id));
        let text = describe(updated.reflection.as_ref().expect("just set"), &thresholds);
        writeln!(
            ctx.out,
            "{} session {} ({}): {text}",
            if changed {
                "Reflected on"
            } else {
                "Unchanged:"
            },
            updated.id,
            updated.date
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_later_experiment_keeps_the_earlier_scores() {
        let old = Reflection {
            scores: "9,9,9,9".parse().ok(),
            rated_by: RatedBy::Myself,
            experiment: Some("a".into()),
        };
        let new = Reflection {
            scores: None,
            rated_by: RatedBy::Client,
            experiment: Some("b".into()),
        };
        let m = merged(Some(&old), new);
        assert_eq!(
            (m.scores, m.rated_by, m.experiment.as_deref()),
            (old.scores, RatedBy::Myself, Some("b"))
        );
    }

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
