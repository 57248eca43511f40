//! The terminal side of output: tables, warnings, confirmation prompts, and making user text safe to
//! print. Commands use these; the domain never does.

pub mod prompt;

use std::io::IsTerminal;

use comfy_table::{Cell, CellAlignment, ContentArrangement, LineStyle, Table, TableStyle};

/// Prints a warning to stderr (stdout carries data only).
pub fn warn(message: impl std::fmt::Display) {
    eprintln!("warning: {message}");
}

/// Prints a note to stderr: information for the person at the terminal, not data.
pub fn note(message: impl std::fmt::Display) {
    eprintln!("{message}");
}

/// Whether the user can be asked a question: stdin and stderr are both terminals.
pub fn can_prompt() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Asks a yes/no question on the terminal; "no" unless the user answers yes.
pub fn confirm(question: &str) -> anyhow::Result<bool> {
    Ok(dialoguer::Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact()?)
}

/// A table with the house style: fitted to the terminal's width on a terminal, never wrapped in a
/// pipe.
pub fn table<I, S>(header: I) -> Table
where
    I: IntoIterator<Item = S>,
    S: Into<Cell>,
{
    let mut table = Table::new();
    table.load_style(TableStyle::new().header_separator(LineStyle::none().fill('─').junction('─')));
    table.set_header(header);
    if std::io::stdout().is_terminal() {
        table.set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        table.set_content_arrangement(ContentArrangement::Disabled);
    }
    table
}

/// Right-aligns the given columns (numbers).
pub fn align_right(table: &mut Table, columns: &[usize]) {
    for &index in columns {
        if let Some(column) = table.column_mut(index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
}

/// A progress bar `width` cells wide for a fraction from 0 to 1, in Unicode block characters with
/// eighths for a smooth edge.
pub fn bar(fraction: f64, width: usize) -> String {
    const PARTIAL: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = (fraction.clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
    let (full, rest) = (eighths / 8, eighths % 8);
    let mut out = "█".repeat(full);
    if full < width {
        out.push(if rest == 0 { '░' } else { PARTIAL[rest] });
        out.push_str(&"░".repeat(width - full - 1));
    }
    out
}

/// A share as a whole percentage: `0.554` → `55%`.
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// User text made safe for a terminal: control characters (which could move the cursor or change
/// colours) are shown escaped, and a very long text is cut short.
pub fn clean(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for (count, c) in text.chars().enumerate() {
        if count == max_chars {
            out.push('…');
            break;
        }
        if c.is_control() && c != '\n' {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_escapes_control_characters_and_shortens() {
        assert_eq!(clean("a\u{1b}[2Jb", 100), "a\\u{1b}[2Jb");
        assert_eq!(clean("line\nnext", 100), "line\nnext");
        assert_eq!(clean("abcdef", 3), "abc…");
    }

    #[test]
    fn bars_fill_in_proportion() {
        assert_eq!(bar(0.0, 4), "░░░░");
        assert_eq!(bar(0.5, 4), "██░░");
        assert_eq!(bar(1.0, 4), "████");
        assert_eq!(bar(2.0, 4), "████");
        assert_eq!(bar(0.875, 1), "▉");
        assert_eq!(bar(0.125, 1), "▏");
        assert_eq!(bar(0.3, 4).chars().count(), 4);
        assert_eq!(percent(0.554), "55%");
    }
}
