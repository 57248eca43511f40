//! Picking one of a list on the terminal by typing to narrow it: every word typed must appear in
//! an item (in any case, in any order); the arrows move, Enter picks, Esc cancels. A filter that
//! matches nothing says so, and how to go on.

use anyhow::Result;
use dialoguer::console::{Key, Term, style, truncate_str};

/// The most items shown at once.
const SHOWN: usize = 8;

/// The items (their indices) that every word of `filter` appears in, in their order.
pub fn matching(items: &[String], filter: &str) -> Vec<usize> {
    let words: Vec<String> = filter.split_whitespace().map(str::to_lowercase).collect();
    items
        .iter()
        .enumerate()
        .filter(|(_, item)| {
            let item = item.to_lowercase();
            words.iter().all(|w| item.contains(w.as_str()))
        })
        .map(|(i, _)| i)
        .collect()
}

/// The lines the picker shows for `filter`, with the item at `selected` (of the matches) marked.
fn screen(
    prompt: &str,
    what: &str,
    items: &[String],
    filter: &str,
    selected: usize,
) -> Vec<String> {
    let matches = matching(items, filter);
    let mut lines = vec![format!("{} {filter}", style(format!("{prompt}:")).bold())];
    if matches.is_empty() {
        lines.push(format!(
            "  no {what} matches '{}': Backspace to change it, Esc to cancel",
            super::clean(filter, 60)
        ));
        return lines;
    }
    let first = selected.saturating_sub(SHOWN - 1);
    for (at, &index) in matches.iter().enumerate().skip(first).take(SHOWN) {
        let marker = if at == selected { ">" } else { " " };
        lines.push(format!("{marker} {}", items[index]));
    }
    if matches.len() > SHOWN {
        lines.push(format!("  … {} in all: type to narrow", matches.len()));
    }
    lines
}

/// The terminal's input kept out of line editing for as long as the picker reads keys: the key
/// reader switches it per key, and a key typed in between, while the list is redrawn, would go to
/// the line editor instead (Backspace erased nothing and was lost, a letter was echoed). Restored
/// when dropped, however the picker ends.
struct KeysMode {
    #[cfg(unix)]
    restore: Option<(std::fs::File, rustix::termios::Termios)>,
}

impl KeysMode {
    fn enter() -> KeysMode {
        #[cfg(unix)]
        {
            use rustix::termios::{LocalModes, OptionalActions, tcgetattr, tcsetattr};
            use std::io::IsTerminal;
            // The input the key reader reads: standard input on a terminal, else the terminal.
            let tty = if std::io::stdin().is_terminal() {
                rustix::io::dup(std::io::stdin())
                    .ok()
                    .map(std::fs::File::from)
            } else {
                std::fs::File::open("/dev/tty").ok()
            };
            let restore = tty.and_then(|tty| {
                let original = tcgetattr(&tty).ok()?;
                let mut keys = original.clone();
                keys.local_modes
                    .remove(LocalModes::ICANON | LocalModes::ECHO);
                tcsetattr(&tty, OptionalActions::Drain, &keys).ok()?;
                Some((tty, original))
            });
            KeysMode { restore }
        }
        #[cfg(not(unix))]
        KeysMode {}
    }
}

impl Drop for KeysMode {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some((tty, original)) = &self.restore {
            let _ =
                rustix::termios::tcsetattr(tty, rustix::termios::OptionalActions::Drain, original);
        }
    }
}

/// Asks for one of `items` (already safe to print) on standard error; `what` names one in the
/// message for a filter that matches nothing. `None` when the user cancels.
pub fn pick(prompt: &str, what: &str, items: &[String]) -> Result<Option<usize>> {
    let term = Term::stderr();
    let _keys = KeysMode::enter();
    let mut filter = String::new();
    let mut selected = 0;
    let mut shown = 0;
    term.hide_cursor()?;
    let result = loop {
        term.clear_last_lines(shown)?;
        let lines = screen(prompt, what, items, &filter, selected);
        // Each line cut to the terminal's width, so that it takes one row and the next draw
        // clears exactly what this one drew (a wrapped line would be left behind).
        let width = usize::from(term.size().1).max(20) - 1;
        for line in &lines {
            term.write_line(&truncate_str(line, width, "…"))?;
        }
        shown = lines.len();
        term.flush()?;
        let matches = matching(items, &filter);
        match term.read_key()? {
            Key::Escape | Key::CtrlC => break None,
            Key::Enter => {
                if let Some(&index) = matches.get(selected) {
                    break Some(index);
                }
            }
            Key::ArrowUp | Key::BackTab => selected = selected.saturating_sub(1),
            Key::ArrowDown | Key::Tab => {
                selected = (selected + 1).min(matches.len().saturating_sub(1));
            }
            Key::Backspace => {
                filter.pop();
                selected = 0;
            }
            Key::Char(c) if !c.is_control() => {
                filter.push(c);
                selected = 0;
            }
            _ => {}
        }
    };
    term.clear_last_lines(shown)?;
    term.show_cursor()?;
    if let Some(index) = result {
        term.write_line(&format!("{}: {}", prompt_word(prompt), items[index]))?;
    }
    Ok(result)
}

/// The first word of a prompt (`partner` of "partner (type to narrow, Esc to cancel)").
fn prompt_word(prompt: &str) -> &str {
    prompt.split(" (").next().unwrap_or(prompt)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items() -> Vec<String> {
        [
            "Alex Kim (alex-kim)",
            "Northwind Team Leads (team-leads)",
            "Priya Nair (priya-nair)",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn every_word_typed_narrows_the_list() {
        assert_eq!(matching(&items(), ""), [0, 1, 2]);
        assert_eq!(matching(&items(), "lead"), [1]);
        assert_eq!(matching(&items(), "NAIR priya"), [2]);
        assert!(matching(&items(), "zzz").is_empty());
    }

    #[test]
    fn a_filter_that_matches_nothing_says_how_to_go_on() {
        let lines = screen("partner", "partner", &items(), "zzz", 0);
        assert_eq!(lines.len(), 2);
        assert!(
            lines[1].contains("no partner matches 'zzz': Backspace to change it, Esc to cancel"),
            "{lines:?}"
        );
        let lines = screen("partner", "partner", &items(), "", 1);
        assert_eq!(lines[2], "> Northwind Team Leads (team-leads)");
        assert_eq!(
            prompt_word("partner (type to narrow, Esc to cancel)"),
            "partner"
        );
    }
}
