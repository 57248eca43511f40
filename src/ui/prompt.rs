//! Questions on the terminal. Every answer is typed text, checked by the same parser a flag uses,
//! and may be left empty to skip the question. Callers ask only when [`super::can_prompt`] is true.

use anyhow::Result;

use coachlog_core::domain::reflection::{RatedBy, Reflection, Score, Scores};

/// Asks one question; `None` when the answer is left empty. An answer `parse` refuses is explained
/// and the question asked again.
pub fn ask<T>(question: &str, parse: impl Fn(&str) -> Result<T, String>) -> Result<Option<T>> {
    let answer: String = dialoguer::Input::new()
        .with_prompt(question)
        .allow_empty(true)
        .validate_with(|text: &String| -> Result<(), String> {
            if text.trim().is_empty() {
                Ok(())
            } else {
                parse(text).map(|_| ())
            }
        })
        .interact_text()?;
    if answer.trim().is_empty() {
        return Ok(None);
    }
    Ok(Some(parse(&answer).map_err(anyhow::Error::msg)?))
}

/// Asks for each part of a reflection on the terminal; `None` when every answer is skipped.
pub fn reflection(rated_by: Option<RatedBy>) -> Result<Option<Reflection>> {
    super::note("Reflection (press Enter to skip a question):");
    let labels = [
        "relationship",
        "goals and topics",
        "approach or method",
        "overall",
    ];
    let mut scores = Vec::new();
    for label in labels {
        match ask(&format!("{label} (0-10)"), |t| t.parse::<Score>())? {
            Some(score) => scores.push(score),
            None => break,
        }
    }
    let scores: Option<Scores> = <[Score; 4]>::try_from(scores).ok().map(Scores);
    let rated_by = match (rated_by, scores) {
        (Some(r), _) => r,
        (None, Some(_)) => ask("rated by (client or self) [client]", |t| match t.trim() {
            "client" => Ok(RatedBy::Client),
            "self" => Ok(RatedBy::Myself),
            _ => Err(format!("'{t}' is not client or self")),
        })?
        .unwrap_or_default(),
        (None, None) => RatedBy::Client,
    };
    let experiment = ask(
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
