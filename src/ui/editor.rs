//! Text in the user's editor: `$VISUAL`, else `$EDITOR`, else `vi` (Notepad on Windows), on a private
//! temporary file that is removed afterwards.

use std::io::Write;

use anyhow::{Context, Result, bail};

/// The editor command, as the user set it (it may carry arguments, e.g. `code --wait`).
fn editor() -> String {
    ["VISUAL", "EDITOR"]
        .into_iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| {
            if cfg!(windows) {
                "notepad".to_owned()
            } else {
                "vi".to_owned()
            }
        })
}

/// Opens `text` in the editor and returns what was saved. `suffix` (such as `.toml`) lets the
/// editor pick its highlighting.
pub fn edit(text: &str, suffix: &str) -> Result<String> {
    let mut file = tempfile::Builder::new()
        .prefix("coachlog-")
        .suffix(suffix)
        .tempfile()?;
    file.write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    let command = editor();
    let words = shell_words::split(&command).with_context(|| {
        format!("cannot read the editor command {command:?} (from VISUAL or EDITOR)")
    })?;
    let Some((program, args)) = words.split_first() else {
        bail!("the editor command is empty: set VISUAL or EDITOR (e.g. EDITOR=nano)");
    };
    let status = std::process::Command::new(program)
        .args(args)
        .arg(file.path())
        .status()
        .with_context(|| {
            format!("cannot start the editor '{program}': set VISUAL or EDITOR to one you have")
        })?;
    if !status.success() {
        bail!("the editor '{program}' exited with {status}; nothing was changed");
    }
    std::fs::read_to_string(file.path()).context("cannot read back what the editor saved")
}
