//! Questions on the terminal. Every answer is typed text, checked by the same parser a flag uses,
//! and may be left empty to skip the question. Callers ask only when [`super::can_prompt`] is true.

use anyhow::Result;

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
