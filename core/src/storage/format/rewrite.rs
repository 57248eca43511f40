//! Rewriting a record's file key by key, so that what the user wrote by hand (comments, layout, key
//! order) survives a change made by a command.

use std::path::Path;

use anyhow::{Context, Result};

/// `original` (a file as the user may have edited it) changed so that it reads as `updated`: every
/// top-level key whose value differs between `current` and `updated` (the same record written fresh
/// before and after the change) is replaced or removed, and everything else, comments included, is
/// left as it was.
pub(crate) fn changed_keys(
    path: &Path,
    original: &str,
    current: &str,
    updated: &str,
) -> Result<String> {
    let mut doc: toml_edit::DocumentMut = original
        .parse()
        .with_context(|| format!("{} is not valid TOML", path.display()))?;
    let current: toml_edit::DocumentMut = current.parse()?;
    let updated: toml_edit::DocumentMut = updated.parse()?;
    let mut keys: Vec<&str> = current.iter().map(|(k, _)| k).collect();
    keys.extend(
        updated
            .iter()
            .map(|(k, _)| k)
            .filter(|k| !current.contains_key(k)),
    );
    for key in keys {
        let text =
            |d: &toml_edit::DocumentMut| d.get(key).map(|item| item.to_string().trim().to_owned());
        if text(&current) == text(&updated) {
            continue;
        }
        match updated.get(key) {
            Some(item) => {
                doc.insert(key, item.clone());
            }
            None => {
                doc.remove(key);
            }
        }
    }
    Ok(doc.to_string())
}
