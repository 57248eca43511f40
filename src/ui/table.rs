//! Tables that fit the terminal they are printed in. Each column says what it holds: text that is
//! never broken (ids, dates, numbers, enum values), free text that wraps at word boundaries, or a
//! bar that shrinks. When even the narrowest layout is too wide, the columns of least value are
//! left out, and a line under the table names them. In a pipe every table has its natural width.
//!
//! [`Grid`] holds its rows and draws through the house-style table ([`super::Look::table`]);
//! [`super::columns::Columns`] streams a listing of any length with the same [`plan`].

use unicode_width::UnicodeWidthStr;

use super::{Look, Paint};

/// How a column may be fitted to a width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Never broken: ids, dates, numbers, enum values.
    Keep,
    /// Free text: wraps at word boundaries.
    Wrap,
    /// A bar: `most` cells wide at most, shrinking to `least`.
    Bar {
        /// The narrowest the bar may be.
        least: usize,
        /// Its natural width.
        most: usize,
    },
}

/// A column of a table: its header, its alignment, how it fits, and whether it may be left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    header: String,
    right: bool,
    fit: Fit,
    /// Columns that may be left out, lowest rank first.
    rank: Option<u8>,
}

/// The narrowest a bar becomes before columns are left out.
const LEAST_BAR: usize = 5;

/// The longest word of free text kept whole; a longer one (a web address) breaks.
const LONGEST_WORD: usize = 24;

impl Column {
    /// A column whose cells are never broken.
    pub fn keep(header: impl Into<String>) -> Self {
        Column {
            header: header.into(),
            right: false,
            fit: Fit::Keep,
            rank: None,
        }
    }

    /// A column of free text, wrapped at word boundaries.
    pub fn wrap(header: impl Into<String>) -> Self {
        Column {
            fit: Fit::Wrap,
            ..Column::keep(header)
        }
    }

    /// A column of bars `most` cells wide, narrower when space is short.
    pub fn bar(header: impl Into<String>, most: usize) -> Self {
        Column {
            fit: Fit::Bar {
                least: LEAST_BAR.min(most),
                most,
            },
            ..Column::keep(header)
        }
    }

    /// Right-aligned (numbers).
    pub fn right(mut self) -> Self {
        self.right = true;
        self
    }

    /// May be left out when the table does not fit; lower ranks go first.
    pub fn optional(mut self, rank: u8) -> Self {
        self.rank = Some(rank);
        self
    }

    /// Whether the column is right-aligned.
    pub fn is_right(&self) -> bool {
        self.right
    }

    /// Its header.
    pub fn header(&self) -> &str {
        &self.header
    }

    /// How wide its header and its cells are, before any cell is measured.
    pub fn measure(&self) -> Measure {
        let mut m = Measure::default();
        m.add_text(&self.header, true);
        if let Fit::Bar { least, most } = self.fit {
            m.natural = m.natural.max(most);
            m.least = m.least.max(least);
        }
        m
    }
}

/// How wide a column's content is: its widest line, and the narrowest it can be without breaking
/// what must not be broken.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Measure {
    natural: usize,
    least: usize,
}

impl Measure {
    /// Takes a cell's text into account; `wraps` when it may wrap at word boundaries.
    pub fn add_text(&mut self, text: &str, wraps: bool) {
        for line in text.lines() {
            let width = line.width();
            self.natural = self.natural.max(width);
            let least = if !wraps {
                width
            } else if line.contains('`') {
                words(line)
                    .iter()
                    .map(|w| w.width().min(LONGEST_WORD))
                    .max()
                    .unwrap_or(0)
            } else {
                // The common case, measured without allocating (a listing of 100,000 rows).
                line.split(' ')
                    .map(|w| w.width().min(LONGEST_WORD))
                    .max()
                    .unwrap_or(0)
            };
            self.least = self.least.max(least);
        }
    }

    /// Takes a cell of `column` into account.
    pub fn add(&mut self, column: &Column, text: &str) {
        self.add_text(text, column.fit == Fit::Wrap);
    }
}

/// The width of each column in a table at most `max` wide (none: natural widths), or `None` for a
/// column left out.
///
/// Free text is first kept at least [`COMFORTABLE`] wide, leaving out columns to make room; then
/// less wide; only when nothing else fits does it narrow to its longest word.
pub fn plan(columns: &[Column], measures: &[Measure], max: Option<usize>) -> Vec<Option<usize>> {
    for comfortable in COMFORTABLE {
        let leasts: Vec<Measure> = measures
            .iter()
            .zip(columns)
            .map(|(m, c)| match c.fit {
                Fit::Wrap => Measure {
                    least: m.least.max(m.natural.min(comfortable)),
                    ..*m
                },
                _ => *m,
            })
            .collect();
        let (widths, fits) = plan_with(columns, &leasts, max);
        if fits || comfortable == 0 {
            return widths;
        }
    }
    unreachable!("the last width tried is 0, which always returns")
}

/// The narrowest free text is kept, in turn, while other columns can be left out to make room.
pub const COMFORTABLE: [usize; 3] = [20, 12, 0];

/// [`plan`] with these least widths: the widths, and whether they fit.
fn plan_with(
    columns: &[Column],
    measures: &[Measure],
    max: Option<usize>,
) -> (Vec<Option<usize>>, bool) {
    let mut shown = vec![true; columns.len()];
    loop {
        let mut widths: Vec<Option<usize>> = measures
            .iter()
            .zip(&shown)
            .map(|(m, &on)| on.then_some(m.natural))
            .collect();
        let Some(max) = max else {
            return (widths, true);
        };
        let mut total = table_width(&widths);
        while total > max {
            // The widest column that can still give, a bar counting double so that bars give first.
            let widest = widths
                .iter()
                .enumerate()
                .filter_map(|(i, w)| w.map(|w| (i, w)))
                .filter(|&(i, w)| w > measures[i].least.max(1))
                .max_by_key(|&(i, w)| {
                    let weight = if matches!(columns[i].fit, Fit::Bar { .. }) {
                        2
                    } else {
                        1
                    };
                    (w * weight, i)
                });
            let Some((i, _)) = widest else { break };
            if let Some(w) = widths[i].as_mut() {
                *w -= 1;
            }
            total -= 1;
        }
        if total <= max {
            return (widths, true);
        }
        let least_valued = columns
            .iter()
            .enumerate()
            .filter(|(i, c)| shown[*i] && c.rank.is_some())
            .min_by_key(|(i, c)| (c.rank, std::cmp::Reverse(*i)));
        match least_valued {
            Some((i, _)) => shown[i] = false,
            // Nothing more can go: the narrowest layout, wider than the terminal.
            None => return (widths, false),
        }
    }
}

/// The width of a table with these columns: each padded by a space on both sides, one space
/// between columns.
pub fn table_width(widths: &[Option<usize>]) -> usize {
    let shown: Vec<usize> = widths.iter().flatten().copied().collect();
    shown.iter().map(|w| w + 2).sum::<usize>() + shown.len().saturating_sub(1)
}

/// `text` in lines at most `width` wide, broken at spaces; a word wider than `width` is broken
/// only when it cannot be helped. Text that fits is kept exactly as it is.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for line in text.split('\n') {
        if line.width() <= width {
            lines.push(line.to_owned());
            continue;
        }
        let mut current = String::new();
        for word in words(line) {
            let word = word.as_str();
            let needed = if current.is_empty() {
                word.width()
            } else {
                current.width() + 1 + word.width()
            };
            if needed <= width {
                if !current.is_empty() {
                    current.push(' ');
                }
                current.push_str(word);
                continue;
            }
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            // A word too wide for the column: broken where it must be.
            let mut rest = word;
            while rest.width() > width {
                let mut cut = 0;
                let mut used = 0;
                for (at, c) in rest.char_indices() {
                    let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                    if used + w > width && at > 0 {
                        break;
                    }
                    used += w;
                    cut = at + c.len_utf8();
                }
                lines.push(rest[..cut].to_owned());
                rest = &rest[cut..];
            }
            current.push_str(rest);
        }
        lines.push(current);
    }
    lines
}

/// The words of a line, a command in backticks (`` `coachlog check --fix` ``) counting as one.
fn words(line: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut in_command = false;
    for word in line.split(' ').filter(|w| !w.is_empty()) {
        match words.last_mut() {
            Some(last) if in_command => {
                last.push(' ');
                last.push_str(word);
            }
            _ => words.push(word.to_owned()),
        }
        if word.matches('`').count() % 2 == 1 {
            in_command = !in_command;
        }
    }
    words
}

/// The line under a table that names the columns left out, if any.
pub fn left_out_note(columns: &[Column], widths: &[Option<usize>], max: usize) -> Option<String> {
    // A column without a header (a bar drawing the figure beside it) goes without a word.
    let names: Vec<&str> = columns
        .iter()
        .zip(widths)
        .filter(|(c, w)| w.is_none() && !c.header.is_empty())
        .map(|(c, _)| c.header.as_str())
        .collect();
    if names.is_empty() {
        return None;
    }
    let text = format!(
        "Left out to fit {max} columns: {}. A wider terminal shows every column, as does a pipe \
         (coachlog … | less -S).",
        names.join(", ")
    );
    Some(wrap(&text, max).join("\n"))
}

/// What a cell of a [`Grid`] holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// Text.
    Text(String),
    /// Text in colour.
    Painted(String, Paint),
    /// A progress bar filled to this fraction.
    Progress(f64),
    /// Bars end to end, each this fraction of the column's width, in its symbol.
    Stack(Vec<(f64, &'static str)>),
}

impl From<String> for Content {
    fn from(text: String) -> Self {
        Content::Text(text)
    }
}

impl From<&str> for Content {
    fn from(text: &str) -> Self {
        Content::Text(text.to_owned())
    }
}

impl Content {
    fn text(&self) -> Option<&str> {
        match self {
            Content::Text(t) | Content::Painted(t, _) => Some(t),
            Content::Progress(_) | Content::Stack(_) => None,
        }
    }
}

/// A table held in memory, laid out to fit the look's width when it is drawn.
#[derive(Debug)]
pub struct Grid<'l> {
    look: &'l Look,
    columns: Vec<Column>,
    rows: Vec<Vec<Content>>,
}

impl<'l> Grid<'l> {
    /// A table with these columns, drawn in `look`.
    pub fn new(look: &'l Look, columns: impl IntoIterator<Item = Column>) -> Self {
        Grid {
            look,
            columns: columns.into_iter().collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row.
    pub fn row<C: Into<Content>>(&mut self, cells: impl IntoIterator<Item = C>) {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    /// The table, each line ending in a newline, with the line that names any column left out.
    pub fn render(&self) -> String {
        let mut measures: Vec<Measure> = self.columns.iter().map(Column::measure).collect();
        for row in &self.rows {
            for ((m, column), cell) in measures.iter_mut().zip(&self.columns).zip(row) {
                if let Some(text) = cell.text() {
                    m.add(column, text);
                }
            }
        }
        let max = self.look.width;
        let mut widths = plan(&self.columns, &measures, max);
        if max.is_some() {
            self.fewer_lines(&mut widths, &measures);
        }
        let shown: Vec<(usize, usize)> = widths
            .iter()
            .enumerate()
            .filter_map(|(i, w)| w.map(|w| (i, w)))
            .collect();
        // The header holds each column at its planned width, as a streamed listing does, however
        // narrow its wrapped cells turn out.
        let header = shown.iter().map(|&(i, w)| {
            let column = &self.columns[i];
            let mut lines = wrap(&column.header, w);
            if let Some(first) = lines.first_mut() {
                let fill = " ".repeat(w.saturating_sub(first.width()));
                *first = if column.right {
                    format!("{fill}{first}")
                } else {
                    format!("{first}{fill}")
                };
            }
            lines.join("\n")
        });
        let mut table = self.look.table(header);
        for row in &self.rows {
            table.add_row(shown.iter().map(|&(i, w)| {
                let cell = row.get(i).cloned().unwrap_or(Content::Text(String::new()));
                self.cell(cell, w)
            }));
        }
        let right: Vec<usize> = shown
            .iter()
            .enumerate()
            .filter(|(_, (i, _))| self.columns[*i].right)
            .map(|(at, _)| at)
            .collect();
        super::align_right(&mut table, &right);
        let mut out = format!("{}\n", table.trim_fmt());
        if let Some(max) = max
            && let Some(note) = left_out_note(&self.columns, &widths, max)
        {
            out.push_str(&note);
            out.push('\n');
        }
        out
    }

    /// The lines each row's cell of column `col` takes at `width` (its header's first), each
    /// wrapped once: a trial layout then only adds numbers.
    fn column_lines(&self, col: usize, width: usize) -> Vec<usize> {
        let lines = |text: Option<&str>| text.map_or(1, |t| wrap(t, width).len());
        std::iter::once(lines(Some(&self.columns[col].header)))
            .chain(
                self.rows
                    .iter()
                    .map(|row| lines(row.get(col).and_then(Content::text))),
            )
            .collect()
    }

    /// Width moved from the columns that can give (a bar down to its least, free text down to
    /// its longest word) to free text that wraps, while that saves lines: the table as short as
    /// its width allows, its total width unchanged.
    fn fewer_lines(&self, widths: &mut [Option<usize>], measures: &[Measure]) {
        let mut cache: std::collections::HashMap<(usize, usize), Vec<usize>> =
            std::collections::HashMap::new();
        let mut counts = |col: usize, width: usize| -> Vec<usize> {
            cache
                .entry((col, width))
                .or_insert_with(|| self.column_lines(col, width))
                .clone()
        };
        // The lines of the header and of each row: the most any shown column's cell takes,
        // two of them (`a`, `b`) at the widths tried.
        let total = |columns: &[Vec<usize>], a: (usize, &[usize]), b: (usize, &[usize])| {
            (0..=self.rows.len())
                .map(|r| {
                    (0..columns.len())
                        .map(|c| match c {
                            c if c == a.0 => a.1[r],
                            c if c == b.0 => b.1[r],
                            c => columns[c][r],
                        })
                        .max()
                        .unwrap_or(1)
                })
                .sum::<usize>()
        };
        let mut shown: Vec<Vec<usize>> = widths
            .iter()
            .enumerate()
            .filter_map(|(i, w)| Some(counts(i, (*w)?)))
            .collect();
        let at = |widths: &[Option<usize>], col: usize| widths[..col].iter().flatten().count();
        let mut lines = total(&shown, (usize::MAX, &[]), (usize::MAX, &[]));
        // Each move saves a line at least, so the loop ends.
        loop {
            let mut best: Option<(usize, usize, usize, usize)> = None;
            for to in 0..widths.len() {
                let (Some(w_to), Fit::Wrap) = (widths[to], self.columns[to].fit) else {
                    continue;
                };
                if w_to >= measures[to].natural {
                    continue;
                }
                for from in (0..widths.len()).filter(|&f| f != to) {
                    let Some(w_from) = widths[from] else { continue };
                    // No narrower than its header's longest word, nor a bar than its least.
                    let least = match self.columns[from].fit {
                        Fit::Keep => continue,
                        Fit::Wrap => measures[from].least.max(1),
                        Fit::Bar { least, .. } => measures[from].least.max(least).max(LEAST_BAR),
                    };
                    let give = w_from.saturating_sub(least);
                    let need = measures[to].natural - w_to;
                    for k in 1..=give.min(need) {
                        let (gives, takes) = (counts(from, w_from - k), counts(to, w_to + k));
                        let now =
                            total(&shown, (at(widths, from), &gives), (at(widths, to), &takes));
                        if now < lines && best.is_none_or(|(_, _, _, b)| now < b) {
                            best = Some((from, to, k, now));
                        }
                    }
                }
            }
            let Some((from, to, k, now)) = best else {
                return;
            };
            widths[from] = widths[from].map(|w| w - k);
            widths[to] = widths[to].map(|w| w + k);
            shown[at(widths, from)] = counts(from, widths[from].unwrap_or(0));
            shown[at(widths, to)] = counts(to, widths[to].unwrap_or(0));
            lines = now;
        }
    }

    fn cell(&self, content: Content, width: usize) -> comfy_table::Cell {
        match content {
            Content::Text(text) => comfy_table::Cell::new(wrap(&text, width).join("\n")),
            Content::Painted(text, paint) => self.look.cell(wrap(&text, width).join("\n"), paint),
            Content::Progress(fraction) => comfy_table::Cell::new(self.look.bar(fraction, width)),
            Content::Stack(parts) => {
                let mut bar = String::new();
                for (fraction, symbol) in parts {
                    let cells = (fraction * width as f64).round() as usize;
                    bar.push_str(&symbol.repeat(cells));
                }
                comfy_table::Cell::new(bar)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_breaks_at_spaces_and_keeps_text_that_fits() {
        assert_eq!(wrap("  as coach", 20), ["  as coach"]);
        assert_eq!(
            wrap("58.42 h more, of which 42.67 paid", 14),
            ["58.42 h more,", "of which 42.67", "paid"]
        );
        assert_eq!(
            wrap("the span reaches 3 months on 2026-12-08", 12),
            ["the span", "reaches 3", "months on", "2026-12-08"]
        );
        assert_eq!(
            wrap("abcdefgh", 3),
            ["abc", "def", "gh"],
            "only when it must"
        );
        assert_eq!(wrap("Client type", 6), ["Client", "type"]);
        assert_eq!(
            wrap(
                "record it with `coachlog partner edit ben --consent` now",
                40
            ),
            [
                "record it with",
                "`coachlog partner edit ben --consent`",
                "now"
            ],
            "a command is kept whole"
        );
    }

    fn widths_of(columns: &[Column], rows: &[&[&str]], max: Option<usize>) -> Vec<Option<usize>> {
        let mut measures: Vec<Measure> = columns.iter().map(Column::measure).collect();
        for row in rows {
            for ((m, c), text) in measures.iter_mut().zip(columns).zip(*row) {
                m.add(c, text);
            }
        }
        plan(columns, &measures, max)
    }

    #[test]
    fn free_text_and_bars_give_way_and_kept_text_never_does() {
        let columns = [
            Column::keep("ID"),
            Column::wrap("Name"),
            Column::bar("", 20),
            Column::keep("Date"),
        ];
        let rows: &[&[&str]] = &[&[
            "northwind-team-leads",
            "Northwind Team Leads",
            "",
            "2024-12-08",
        ]];
        assert_eq!(
            widths_of(&columns, rows, None),
            [Some(20), Some(20), Some(20), Some(10)]
        );
        let fitted = widths_of(&columns, rows, Some(60));
        assert!(table_width(&fitted) <= 60, "{fitted:?}");
        assert_eq!(fitted[0], Some(20), "an id is never cut");
        assert_eq!(fitted[3], Some(10), "nor a date");
        assert!(fitted[2] < Some(20), "the bar shrinks: {fitted:?}");
        assert!(
            fitted[1] >= Some(9),
            "no word of the name is broken: {fitted:?}"
        );
    }

    #[test]
    fn the_least_valued_columns_are_left_out_when_nothing_else_gives() {
        let columns = [
            Column::keep("ID"),
            Column::keep("Arrangement").optional(2),
            Column::keep("Format").optional(1),
            Column::keep("Date"),
        ];
        let rows: &[&[&str]] = &[&["alex-kim", "reciprocal", "individual", "2024-12-08"]];
        let w = widths_of(&columns, rows, Some(40));
        assert_eq!(w, [Some(8), Some(11), None, Some(10)]);
        let w = widths_of(&columns, rows, Some(25));
        assert_eq!(w, [Some(8), None, None, Some(10)]);
        let note = left_out_note(&columns, &w, 80).expect("a note");
        assert!(
            note.starts_with("Left out to fit 80 columns: Arrangement, Format"),
            "{note}"
        );
        // Nothing may go: the narrowest layout, wider than asked.
        assert_eq!(
            widths_of(&columns[..1], rows, Some(4)),
            [Some(8)],
            "an id is never cut"
        );
    }

    #[test]
    fn a_grid_fits_its_width_and_is_natural_in_a_pipe() {
        let columns = [
            Column::keep("Date"),
            Column::wrap("Missing"),
            Column::bar("Progress", 20),
            Column::keep("Hours").right(),
        ];
        let fill = |look: &Look| {
            let mut grid = Grid::new(look, columns.clone());
            grid.row([
                Content::from("2026-12-08"),
                "the span reaches 3 months on 2026-12-08".into(),
                Content::Progress(0.5),
                "7.00".into(),
            ]);
            grid.render()
        };
        let natural = fill(&Look::PLAIN);
        assert_eq!(natural.lines().count(), 3, "{natural}");
        let narrow = Look {
            width: Some(50),
            ..Look::PLAIN
        };
        let fitted = fill(&narrow);
        assert!(
            fitted.lines().all(|l| l.width() <= 50),
            "every line fits:\n{fitted}"
        );
        assert!(fitted.contains("2026-12-08"), "{fitted}");
        assert!(!fitted.contains("Left out"), "{fitted}");
    }
}
