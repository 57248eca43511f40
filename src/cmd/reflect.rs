//! `coachlog reflect`: the reflection after a session.

use std::io::Write;

use anyhow::Result;

use crate::cli::ReflectArgs;
use crate::cmd::{Context, Run};
use crate::error::usage;
use crate::ui;
use coachlog_core::domain::model::Session;
use coachlog_core::domain::reflection::Reflection;
use coachlog_core::storage::SessionLookupError;

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
        coachlog_core::domain::model::check_role(ctx.store.session_at(&path)?.role)?;
        let reflection = if self.reflection.is_empty() {
            if !ui::can_prompt() {
                return Err(usage(
                    "give the reflection with --scores and --experiment (e.g. --scores 9,10,8.5,9 \
                     --experiment \"leave more silence\"); without them it is asked for only in a terminal",
                ));
            }
            ui::prompt::reflection(None)?
        } else {
            self.reflection.reflection()?
        };
        let tags = self.reflection.competencies;
        if reflection.is_none() && tags.is_empty() {
            ui::note("Nothing recorded.");
            return Ok(());
        }

        let _lock = ctx.store.lock()?;
        let session: Session = ctx.store.session_at(&path)?;
        let thresholds = ctx.store.settings()?.thresholds;
        let mut competencies = session.competencies.clone();
        for tag in tags {
            if !competencies.contains(&tag) {
                competencies.push(tag);
            }
        }
        let updated = Session {
            reflection: match reflection {
                Some(new) => Some(merged(session.reflection.as_ref(), new)),
                None => session.reflection.clone(),
            },
            competencies,
            ..session
        };
        let changed = ctx.store.update_session(&path, &updated)?;
        ctx.store
            .describe_change(format!("reflect: session {}", updated.id));
        let mut parts = Vec::new();
        if let Some(reflection) = &updated.reflection {
            parts.push(crate::views::reflection::describe(reflection, &thresholds));
        }
        if !updated.competencies.is_empty() {
            let tags: Vec<String> = updated
                .competencies
                .iter()
                .map(ToString::to_string)
                .collect();
            parts.push(format!("competencies {}", tags.join(", ")));
        }
        let text = parts.join("; ");
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
    use coachlog_core::domain::reflection::RatedBy;

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
}
