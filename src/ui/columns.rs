//! A listing of any length written row by row, in constant memory: laid out exactly as the house
//! style's tables ([`super::Look::table`]) are when they do not wrap, from column widths measured in
//! a first pass over the rows.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::Look;

/// The columns of a listing: their headers, which are right-aligned, and their widths so far.
#[derive(Debug, Clone)]
pub struct Columns {
    header: Vec<String>,
    right: Vec<bool>,
    widths: Vec<usize>,
    /// The widest a line may be (a terminal's width), or none.
    max_width: Option<usize>,
}

impl Columns {
    /// Columns with these headers; those at `right_aligned` hold numbers.
    pub fn new(header: &[&str], right_aligned: &[usize]) -> Self {
        Columns {
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            right: (0..header.len())
                .map(|i| right_aligned.contains(&i))
                .collect(),
            widths: header.iter().map(|h| h.width()).collect(),
            max_width: None,
        }
    }

    /// Lines at most `width` wide: the last column's text is cut short to fit (a terminal).
    pub fn fit(mut self, width: Option<usize>) -> Self {
        self.max_width = width;
        self
    }

    /// Widens the columns to hold a row (the first pass).
    pub fn measure(&mut self, row: &[&str]) {
        for (width, cell) in self.widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }

    /// Writes the header and the rule under it.
    pub fn write_header(&self, out: &mut impl Write, look: &Look) -> io::Result<()> {
        let cells: Vec<&str> = self.header.iter().map(String::as_str).collect();
        self.write_cells(out, &cells, look.color_out)?;
        let total: usize = self.widths.iter().map(|w| w + 2).sum::<usize>() + self.widths.len() - 1;
        let total = self.max_width.map_or(total, |max| total.min(max));
        let rule = look.symbols().rule.to_string();
        writeln!(out, "{}", rule.repeat(total))
    }

    /// Writes one row.
    pub fn write_row(&self, out: &mut impl Write, row: &[&str]) -> io::Result<()> {
        self.write_cells(out, row, false)
    }

    fn write_cells(&self, out: &mut impl Write, row: &[&str], bold: bool) -> io::Result<()> {
        let mut line = String::new();
        let last = self.widths.len() - 1;
        for (i, width) in self.widths.iter().enumerate() {
            let cell = row.get(i).copied().unwrap_or("");
            let fill = " ".repeat(width.saturating_sub(cell.width()));
            let padded = if self.right[i] {
                format!(" {fill}{cell} ")
            } else {
                format!(" {cell}{fill} ")
            };
            if i > 0 {
                line.push(' ');
            }
            if bold {
                line.push_str(&format!("\x1b[1m{padded}\x1b[0m"));
            } else {
                line.push_str(&padded);
            }
            if i == last
                && let Some(max) = self.max_width
                && !bold
            {
                line = clip(&line, max);
            }
        }
        writeln!(out, "{}", line.trim_end())
    }
}

/// `line` cut to at most `max` columns wide, with an ellipsis when cut.
fn clip(line: &str, max: usize) -> String {
    if line.width() <= max {
        return line.to_owned();
    }
    let mut out = String::new();
    for c in line.chars() {
        if out.width() + c.to_string().width() + 1 > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui;

    /// The same rows through [`Columns`] and through a house-style table.
    fn both(look: &Look, header: &[&str], right: &[usize], rows: &[Vec<&str>]) -> (String, String) {
        let mut columns = Columns::new(header, right);
        for row in rows {
            columns.measure(row);
        }
        let mut streamed = Vec::new();
        columns.write_header(&mut streamed, look).expect("write");
        for row in rows {
            columns.write_row(&mut streamed, row).expect("write");
        }
        let mut table = look.table(header.iter().copied());
        for row in rows {
            table.add_row(row.clone());
        }
        ui::align_right(&mut table, right);
        (
            String::from_utf8(streamed).expect("utf-8"),
            format!("{}\n", table.trim_fmt()),
        )
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
        let header = ["ID", "Date", "Partner", "Role", "Hours", "Notes"];
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
        ] {
            let (streamed, table) = both(&look, &header, &[4], &rows);
            assert_eq!(streamed, table, "{look:?}");
        }
    }

    #[test]
    fn a_terminal_cuts_the_last_column_short() {
        let mut columns = Columns::new(&["A", "Notes"], &[]).fit(Some(12));
        let row = ["x", "a long note that goes on"];
        columns.measure(&row);
        let mut out = Vec::new();
        columns.write_row(&mut out, &row).expect("write");
        let line = String::from_utf8(out).expect("utf-8");
        assert_eq!(line, " x   a long…\n");
        assert!(line.trim_end().width() <= 12);
    }
}
