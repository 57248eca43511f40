//! The terminal side of output: tables, warnings, confirmation prompts, and making user text safe to
//! print. Commands use these; the domain never does.

pub mod columns;
pub mod editor;
pub mod picker;
pub mod prompt;
pub mod table;

use std::io::IsTerminal;
use std::sync::OnceLock;

use comfy_table::{
    Attribute, Cell, CellAlignment, ContentArrangement, LineStyle, Table, TableStyle,
};

/// How output looks: decided once per run from `--color`, `--ascii`, `NO_COLOR`, the locale and
/// whether standard output is a terminal. Views take it explicitly; messages on stderr use the
/// run's look set by [`init`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Look {
    /// Colour on standard output.
    pub color_out: bool,
    /// Colour on standard error.
    pub color_err: bool,
    /// ASCII instead of Unicode symbols (`--ascii`, or a locale that is not UTF-8).
    pub ascii: bool,
    /// The width tables fit: `COLUMNS` when it is set, else the terminal's on standard output;
    /// none in a pipe (tables at their natural width).
    pub width: Option<usize>,
}

/// When to colour, as `--color` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    /// When `NO_COLOR` is unset and the stream is a terminal.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl Look {
    /// The look for this process, from the flags and the environment.
    pub fn detect(color: ColorChoice, ascii: bool) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let on = |terminal: bool| match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color && terminal,
        };
        Look {
            color_out: on(std::io::stdout().is_terminal()),
            color_err: on(std::io::stderr().is_terminal()),
            ascii: ascii || !utf8_locale(|name| std::env::var(name).ok()),
            width: output_width(
                std::env::var("COLUMNS").ok().as_deref(),
                std::io::stdout().is_terminal(),
            ),
        }
    }

    /// Plain text: no colour, Unicode symbols, tables at their natural width (what a pipe gets).
    pub const PLAIN: Look = Look {
        color_out: false,
        color_err: false,
        ascii: false,
        width: None,
    };

    /// Colour, Unicode symbols, tables at their natural width (`--color always` in a pipe).
    pub const COLOUR: Look = Look {
        color_out: true,
        ..Look::PLAIN
    };

    /// ASCII symbols, no colour, tables at their natural width (`--ascii` in a pipe).
    pub const ASCII: Look = Look {
        ascii: true,
        ..Look::PLAIN
    };

    /// The symbols output is drawn with.
    pub fn symbols(&self) -> &'static Symbols {
        if self.ascii { &ASCII } else { &UNICODE }
    }

    /// `text` in colour, if colour is on for standard output.
    pub fn paint(&self, text: &str, paint: Paint) -> String {
        paint_if(self.color_out, text, paint)
    }

    /// A table cell in colour, if colour is on.
    pub fn cell(&self, text: impl Into<String>, paint: Paint) -> Cell {
        let cell = Cell::new(text.into());
        if self.color_out {
            paint.table_cell(cell)
        } else {
            cell
        }
    }

    /// A table in the house style, each column as wide as its widest line: [`table::Grid`] fits
    /// the cells to the width first.
    pub(crate) fn table<I, S>(&self, header: I) -> Table
    where
        I: IntoIterator<Item = S>,
        S: Into<Cell>,
    {
        let mut table = Table::new();
        let rule = self.symbols().rule;
        table.load_style(
            TableStyle::new().header_separator(LineStyle::none().fill(rule).junction(rule)),
        );
        let color = self.color_out;
        table.set_header(header.into_iter().map(|h| {
            let cell: Cell = h.into();
            if color {
                cell.add_attribute(Attribute::Bold)
            } else {
                cell
            }
        }));
        if color {
            table.enforce_styling();
        }
        table.set_content_arrangement(ContentArrangement::Disabled);
        table
    }

    /// A progress bar `width` cells wide for a fraction from 0 to 1, in block characters with
    /// eighths for a smooth edge.
    pub fn bar(&self, fraction: f64, width: usize) -> String {
        let s = self.symbols();
        // Full only when the figure is reached, empty only when nothing is: 99.98 % is not done.
        let total = width * 8;
        let mut eighths = (fraction.clamp(0.0, 1.0) * total as f64).round() as usize;
        if fraction < 1.0 {
            eighths = eighths.min(total.saturating_sub(1));
        }
        if fraction > 0.0 {
            eighths = eighths.max(1).min(total);
        }
        let (full, rest) = (eighths / 8, eighths % 8);
        let mut out = s.full.repeat(full);
        if full < width {
            out.push_str(s.partial[rest]);
            out.push_str(&s.empty.repeat(width - full - 1));
        }
        out
    }

    /// Text after `lead` (a label, or spaces), wrapped to the width tables fit with its lines
    /// under the first: `  payment       exchange (the default for a …` and the rest below.
    pub fn hanging(&self, lead: &str, text: &str) -> String {
        let indent = " ".repeat(unicode_width::UnicodeWidthStr::width(lead));
        let wrapped = self.paragraph(&indent, text);
        format!("{lead}{}", &wrapped[indent.len()..])
    }

    /// A paragraph of prose, each line starting with `indent` and ending in a newline: wrapped at
    /// word boundaries to the width tables fit, if any.
    pub fn paragraph(&self, indent: &str, text: &str) -> String {
        let lines = match self.width {
            Some(width) => table::wrap(text, width.saturating_sub(indent.len()).max(20)),
            None => text.split('\n').map(str::to_owned).collect(),
        };
        lines.iter().map(|l| format!("{indent}{l}\n")).collect()
    }

    /// User text made safe for a terminal and a table cell: what
    /// [`coachlog_core::domain::text::for_terminal`] escapes, a tab too (it would break a column), and a
    /// very long text cut short.
    pub fn clean(&self, text: &str, max_chars: usize) -> String {
        // Encrypted text this run could not open is never shown as its ciphertext.
        let text = if coachlog_core::domain::private::is_sealed(text) {
            coachlog_core::domain::private::LOCKED
        } else {
            text
        };
        let mut cut: String = text.chars().take(max_chars).collect();
        let cut_short = cut.len() < text.len();
        if cut.contains('\t') {
            cut = cut.replace('\t', "\\t");
        }
        let mut out = coachlog_core::domain::text::for_terminal(&cut, usize::MAX, "");
        if cut_short {
            out.push_str(self.symbols().ellipsis);
        }
        out
    }
}

/// The width tables fit: a `COLUMNS` that is a number (as shells set it, and as tests and scripts
/// ask for a width), else the terminal's when standard output is one.
fn output_width(columns: Option<&str>, terminal: bool) -> Option<usize> {
    if let Some(n) = columns.and_then(|c| c.trim().parse::<usize>().ok())
        && n > 0
    {
        return Some(n);
    }
    if terminal { stdout_width() } else { None }
}

/// The width of the terminal on standard output, as the table library measures it.
fn stdout_width() -> Option<usize> {
    let mut probe = Table::new();
    probe.set_content_arrangement(ContentArrangement::Dynamic);
    probe.width().map(usize::from)
}

fn paint_if(on: bool, text: &str, paint: Paint) -> String {
    if on {
        format!("\x1b[{}m{text}\x1b[0m", paint.code())
    } else {
        text.to_owned()
    }
}

/// Whether the locale can show Unicode: the first of `LC_ALL`, `LC_CTYPE` and `LANG` that is set
/// names UTF-8, or none is set (as in most containers and CI, whose output goes to files).
fn utf8_locale(var: impl Fn(&str) -> Option<String>) -> bool {
    match ["LC_ALL", "LC_CTYPE", "LANG"]
        .into_iter()
        .find_map(|name| var(name).filter(|v| !v.is_empty()))
    {
        None => true,
        Some(locale) => {
            let locale = locale.to_ascii_lowercase();
            locale.contains("utf-8") || locale.contains("utf8")
        }
    }
}

static LOOK: OnceLock<Look> = OnceLock::new();

/// Sets the look for the rest of the run (the first call wins).
pub fn init(look: Look) {
    let _ = LOOK.set(look);
}

/// The look of this run (plain Unicode without colour until [`init`] is called).
pub fn look() -> Look {
    LOOK.get().copied().unwrap_or_default()
}

/// The symbols output is drawn with.
#[derive(Debug)]
pub struct Symbols {
    /// A full bar cell.
    pub full: &'static str,
    /// A bar cell of the second series (peer hours in `stats`).
    pub shade: &'static str,
    /// An empty bar cell.
    pub empty: &'static str,
    /// Bar cells filled by eighths, from none to seven.
    pub partial: [&'static str; 8],
    /// The rule under a table's header.
    pub rule: char,
    /// "becomes" or "went to".
    pub arrow: &'static str,
    /// Nothing there.
    pub none: &'static str,
    /// Met.
    pub check: &'static str,
    /// Text cut short.
    pub ellipsis: &'static str,
}

const UNICODE: Symbols = Symbols {
    full: "█",
    shade: "▒",
    empty: "░",
    partial: ["░", "▏", "▎", "▍", "▌", "▋", "▊", "▉"],
    rule: '─',
    arrow: "→",
    none: "—",
    check: "✓",
    ellipsis: "…",
};

const ASCII: Symbols = Symbols {
    full: "#",
    shade: "+",
    empty: "-",
    partial: ["-", "-", "-", "-", "#", "#", "#", "#"],
    rule: '-',
    arrow: "->",
    none: "-",
    check: "ok",
    ellipsis: "...",
};

/// The symbols of this run.
pub fn symbols() -> &'static Symbols {
    look().symbols()
}

/// A colour for text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    /// Good news.
    Green,
    /// Needs attention.
    Yellow,
    /// Wrong.
    Red,
    /// Emphasis.
    Bold,
}

impl Paint {
    fn code(self) -> &'static str {
        match self {
            Paint::Green => "32",
            Paint::Yellow => "33",
            Paint::Red => "31",
            Paint::Bold => "1",
        }
    }

    fn table_cell(self, cell: Cell) -> Cell {
        match self {
            Paint::Green => cell.fg(comfy_table::Color::Green),
            Paint::Yellow => cell.fg(comfy_table::Color::Yellow),
            Paint::Red => cell.fg(comfy_table::Color::Red),
            Paint::Bold => cell.add_attribute(Attribute::Bold),
        }
    }
}

/// `text` in colour for standard output, if colour is on there in this run.
pub fn paint(text: &str, paint: Paint) -> String {
    look().paint(text, paint)
}

/// `text` in colour for standard error, if colour is on there.
pub fn paint_err(text: &str, paint: Paint) -> String {
    paint_if(look().color_err, text, paint)
}

/// The longest line a message shows of anything (a file's line echoed in an error, say).
const MESSAGE_LINE: usize = 500;

/// A message made safe for the terminal: whatever text from files, arguments or calendars it holds
/// is shown escaped, and no line of it runs on ([`coachlog_core::domain::text::for_terminal`]).
pub fn safe(message: impl std::fmt::Display) -> String {
    coachlog_core::domain::text::for_terminal(
        &message.to_string(),
        MESSAGE_LINE,
        symbols().ellipsis,
    )
}

/// Prints a warning to stderr (stdout carries data only).
#[allow(clippy::print_stderr)]
pub fn warn(message: impl std::fmt::Display) {
    eprintln!("{} {}", paint_err("warning:", Paint::Yellow), safe(message));
}

/// Prints an error to stderr, with its causes.
#[allow(clippy::print_stderr)]
pub fn error(error: &anyhow::Error) {
    eprintln!("{} {}", paint_err("error:", Paint::Red), safe(error));
    for cause in error.chain().skip(1) {
        eprintln!("  caused by: {}", safe(cause));
    }
}

/// Prints a problem the person at the terminal can fix now, with its label in red: `not valid:
/// …`. The label is the program's own; the message is made safe.
#[allow(clippy::print_stderr)]
pub fn problem(label: &str, message: impl std::fmt::Display) {
    eprintln!("{} {}", paint_err(label, Paint::Red), safe(message));
}

/// Prints a note to stderr: information for the person at the terminal, not data.
#[allow(clippy::print_stderr)]
pub fn note(message: impl std::fmt::Display) {
    eprintln!("{}", safe(message));
}

/// What says how far a long job has got, on stderr when it is a terminal (else nothing): `what:
/// 12,000 of 100,000 files`, one line rewritten in place, ended when all are done.
pub fn progress(what: &'static str) -> impl Fn(usize, usize) + Sync {
    let terminal = std::io::stderr().is_terminal();
    move |done: usize, total: usize| {
        if !terminal || total < 1000 {
            return;
        }
        #[allow(clippy::print_stderr)]
        {
            eprint!("\r{what}: {done} of {total} files");
            if done == total {
                eprintln!();
            }
        }
    }
}

/// Whether the user can be asked a question: stdin and stderr are both terminals.
pub fn can_prompt() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Asks a yes/no question on the terminal, read as every yes or no is
/// ([`coachlog_core::domain::text::yes_no`]); "no" unless the user answers yes.
pub fn confirm(question: &str) -> anyhow::Result<bool> {
    Ok(prompt::ask(
        &format!("{question} [y/N]"),
        coachlog_core::domain::text::yes_no,
    )?
    .unwrap_or(false))
}

/// Right-aligns the given columns (numbers).
pub fn align_right(table: &mut Table, columns: &[usize]) {
    for &index in columns {
        if let Some(column) = table.column_mut(index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
}

/// A share as a whole percentage: `0.554` → `55%`.
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// User text made safe for a terminal, in this run's look (see [`Look::clean`]).
pub fn clean(text: &str, max_chars: usize) -> String {
    look().clean(text, max_chars)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_escapes_control_characters_and_shortens() {
        let look = Look::PLAIN;
        assert_eq!(look.clean("a\u{1b}[2Jb", 100), "a\\u{1b}[2Jb");
        assert_eq!(look.clean("line\nnext", 100), "line\nnext");
        assert_eq!(look.clean("abcdef", 3), "abc…");
        assert_eq!(
            look.clean("a\tb\u{202e}", 100),
            "a\\tb\\u{202e}",
            "a tab breaks a column"
        );
        let ascii = Look {
            ascii: true,
            ..Look::PLAIN
        };
        assert_eq!(ascii.clean("abcdef", 3), "abc...");
    }

    #[test]
    fn bars_fill_in_proportion() {
        let bar = |f, w| Look::PLAIN.bar(f, w);
        assert_eq!(bar(0.0, 4), "░░░░");
        assert_eq!(bar(0.5, 4), "██░░");
        assert_eq!(bar(1.0, 4), "████");
        assert_eq!(bar(2.0, 4), "████");
        assert_eq!(bar(0.875, 1), "▉");
        assert_eq!(bar(0.125, 1), "▏");
        assert_eq!(bar(0.3, 4).chars().count(), 4);
        assert_eq!(bar(0.9998, 4), "███▉", "not done is not drawn full");
        assert_eq!(bar(0.0001, 4), "▏░░░", "something is not drawn empty");
        let ascii = Look {
            ascii: true,
            ..Look::PLAIN
        };
        assert_eq!(ascii.bar(0.5, 4), "##--");
        assert_eq!(percent(0.554), "55%");
    }

    #[test]
    fn only_a_named_non_utf8_locale_means_ascii() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert!(utf8_locale(env(&[])));
        assert!(utf8_locale(env(&[("LANG", "en_GB.UTF-8")])));
        assert!(utf8_locale(env(&[("LC_ALL", "C.utf8"), ("LANG", "C")])));
        assert!(!utf8_locale(env(&[("LANG", "C")])));
        assert!(!utf8_locale(env(&[
            ("LC_CTYPE", "de_DE.ISO-8859-1"),
            ("LANG", "de_DE.UTF-8")
        ])));
        assert!(!utf8_locale(env(&[("LC_ALL", "POSIX")])));
    }
}
