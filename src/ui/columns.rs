//! A listing of any length written row by row, in constant memory: laid out exactly as a
//! [`super::table::Grid`] is, from column widths measured in a first pass over the rows.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::Look;
use super::table::{Column, Measure, left_out_note, plan, table_width, wrap};

/// The columns of a listing, what they have measured so far, and the width they must fit.
#[derive(Debug, Clone)]
pub struct Columns {
    columns: Vec<Column>,
    measures: Vec<Measure>,
    /// The widest a line may be (a terminal's width), or none.
    max_width: Option<usize>,
    /// Each column's width, once the rows are measured; `None` for a column left out.
    widths: Vec<Option<usize>>,
}

impl Columns {
    /// A listing with these columns.
    pub fn new(columns: Vec<Column>) -> Self {
        let measures = columns.iter().map(Column::measure).collect();
        Columns {
            columns,
            measures,
            max_width: None,
            widths: Vec::new(),
        }
    }

    /// Lines at most `width` wide, as [`plan`] lays them out.
    pub fn fit(mut self, width: Option<usize>) -> Self {
        self.max_width = width;
        self
    }

    /// Widens the columns to hold a row (the first pass).
    pub fn measure(&mut self, row: &[&str]) {
        for ((m, column), cell) in self.measures.iter_mut().zip(&self.columns).zip(row) {
            m.add(column, cell);
        }
    }

    /// Widens the columns to hold a row whose cells are never wrapped (a line of totals).
    pub fn measure_whole(&mut self, row: &[&str]) {
        for (m, cell) in self.measures.iter_mut().zip(row) {
            m.add_text(cell, false);
        }
    }

    /// Lays the columns out and writes the header and the rule under it.
    pub fn write_header(&mut self, out: &mut impl Write, look: &Look) -> io::Result<()> {
        self.widths = plan(&self.columns, &self.measures, self.max_width);
        let cells: Vec<&str> = self.columns.iter().map(Column::header).collect();
        self.write_cells(out, &cells, look.color_out)?;
        let rule = look.symbols().rule.to_string();
        writeln!(out, "{}", rule.repeat(table_width(&self.widths)))
    }

    /// Writes one row.
    pub fn write_row(&self, out: &mut impl Write, row: &[&str]) -> io::Result<()> {
        self.write_cells(out, row, false)
    }

    /// Writes the line that names the columns left out, if any (after the last row).
    pub fn write_left_out(&self, out: &mut impl Write) -> io::Result<()> {
        match self
            .max_width
            .and_then(|max| left_out_note(&self.columns, &self.widths, max))
        {
            Some(note) => writeln!(out, "{note}"),
            None => Ok(()),
        }
    }

    fn write_cells(&self, out: &mut impl Write, row: &[&str], bold: bool) -> io::Result<()> {
        // Most cells fit on one line: only the others are wrapped (a listing has many rows).
        let mut shown: Vec<(usize, usize, &str, Option<Vec<String>>)> = Vec::new();
        for (i, w) in self.widths.iter().enumerate() {
            let Some(width) = *w else { continue };
            let text = row.get(i).copied().unwrap_or("");
            let lines = (text.contains('\n') || text.width() > width).then(|| wrap(text, width));
            shown.push((i, width, text, lines));
        }
        let height = shown
            .iter()
            .map(|(_, _, _, lines)| lines.as_ref().map_or(1, Vec::len))
            .max()
            .unwrap_or(1);
        let mut line = String::with_capacity(160);
        for at in 0..height {
            line.clear();
            for (n, (i, width, text, lines)) in shown.iter().enumerate() {
                let cell: &str = match lines {
                    Some(lines) => lines.get(at).map_or("", String::as_str),
                    None if at == 0 => text,
                    None => "",
                };
                let fill = width.saturating_sub(cell.width());
                if n > 0 {
                    line.push(' ');
                }
                if bold {
                    line.push_str("\x1b[1m");
                }
                line.push(' ');
                if self.columns[*i].is_right() {
                    line.extend(std::iter::repeat_n(' ', fill));
                    line.push_str(cell);
                } else {
                    line.push_str(cell);
                    line.extend(std::iter::repeat_n(' ', fill));
                }
                line.push(' ');
                if bold {
                    line.push_str("\x1b[0m");
                }
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::table::Grid;

    /// The same rows through [`Columns`] and through a [`Grid`].
    fn both(look: &Look, columns: &[Column], rows: &[Vec<&str>]) -> (String, String) {
        let mut listing = Columns::new(columns.to_vec()).fit(look.width);
        for row in rows {
            listing.measure(row);
        }
        let mut streamed = Vec::new();
        listing.write_header(&mut streamed, look).expect("write");
        for row in rows {
            listing.write_row(&mut streamed, row).expect("write");
        }
        listing.write_left_out(&mut streamed).expect("write");
        let mut grid = Grid::new(look, columns.iter().cloned());
        for row in rows {
            grid.row(row.iter().copied());
        }
        (String::from_utf8(streamed).expect("utf-8"), grid.render())
    }

    #[test]
    fn lays_out_as_the_house_style_table_does() {
        let rows = vec![
            vec!["k3f9qa", "2026-03-14", "Alex Kim", "coach", "1.00", ""],
            vec![
                "jf07bb",
                "2026-03-15",
                "José Müller",
                "client",
                "12.50",
                "notes",
            ],
            vec!["ab12cd", "2026-03-16", "王小明", "coach", "0.75", ""],
            vec!["Total", "", "3 sessions", "", "14.25"],
            vec!["  as coach", "", "2 sessions", "", "1.75"],
        ];
        let columns = [
            Column::keep("ID"),
            Column::keep("Date"),
            Column::wrap("Partner"),
            Column::keep("Role").optional(1),
            Column::keep("Hours").right(),
            Column::wrap("Notes"),
        ];
        for look in [
            Look::PLAIN,
            Look {
                ascii: true,
                ..Look::PLAIN
            },
            Look {
                color_out: true,
                ..Look::PLAIN
            },
            Look {
                width: Some(62),
                ..Look::PLAIN
            },
            Look {
                width: Some(56),
                ..Look::PLAIN
            },
        ] {
            let (streamed, table) = both(&look, &columns, &rows);
            assert_eq!(streamed, table, "{look:?}");
            if let Some(max) = look.width {
                assert!(
                    streamed.lines().all(|l| l.width() <= max),
                    "{look:?}:\n{streamed}"
                );
            }
        }
    }
}
