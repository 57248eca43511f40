//! `coachlog due`: what needs the coach, most urgent first, each with its command.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use super::Look;
use crate::ui::table::{Column, Grid};
use coachlog_core::reports::due::Item;

/// One thing due, as `due --json` gives it.
#[derive(Debug, Serialize)]
pub struct ItemJson {
    /// What kind of thing: `inbox`, `calendar`, `reflection`, `partner`, `experiment`,
    /// `reciprocity`, `mentoring`, `recent-hours`, `renewal`, `attest`, `evidence`.
    pub kind: &'static str,
    /// The day it matters by (today for what is late already).
    pub by: NaiveDate,
    /// What it is, in words.
    pub what: String,
    /// The command that deals with it.
    pub command: String,
}

/// Everything due, for `--json`.
pub fn json(items: &[Item]) -> Vec<ItemJson> {
    items
        .iter()
        .map(|item| ItemJson {
            kind: item.due.kind(),
            by: item.by,
            what: item.due.what(),
            command: item.due.command(),
        })
        .collect()
}

/// The width of the table of what is due but for its commands: the day, what (at its
/// narrowest comfortable width) and the spaces between.
const NARROWEST_TABLE: usize = 12 + 22 + 4;

/// Everything due as text: a table of the day, what and the command to run; where the terminal is
/// too narrow for each command whole in a column, each item as a paragraph with its command on a
/// line of its own, never broken.
pub fn text(items: &[Item], look: &Look) -> String {
    if items.is_empty() {
        return "Nothing is due.\n".to_owned();
    }
    let rows: Vec<(String, String, String)> = items
        .iter()
        .map(|item| {
            (
                item.by.to_string(),
                look.clean(&item.due.what(), 200),
                item.due.command(),
            )
        })
        .collect();
    let longest = rows
        .iter()
        .map(|(_, _, command)| command.chars().count())
        .max()
        .unwrap_or(0);
    if let Some(width) = look.width
        && longest + NARROWEST_TABLE > width
    {
        let mut out = String::new();
        for (by, what, command) in &rows {
            out.push_str(&look.hanging(&format!("{by}   "), what));
            // Under the text where it fits there, else further left: never broken.
            let length = command.chars().count();
            let indent = [13, 2, 0]
                .into_iter()
                .find(|indent| indent + length <= width)
                .unwrap_or(0);
            let _ = writeln!(out, "{}{command}", " ".repeat(indent));
        }
        return out;
    }
    let mut table = Grid::new(
        look,
        [
            Column::keep("By"),
            Column::wrap("What"),
            // A command is never broken: where it cannot be whole, the list above.
            Column::keep("Run"),
        ],
    );
    for (by, what, command) in rows {
        table.row([by, what, command]);
    }
    table.render()
}
