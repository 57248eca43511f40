//! Exports for others: CSV for a mentor, ICF's log layout (CSV and Excel) for an audit, an EMCC
//! client summary, and a complete JSON backup. Each is a pure function of the logbook and the
//! options that returns the bytes to write and any warnings; commands decide where they go.
//!
//! Every export but the backup is judged as of a day: it is made from a [`Practice`] up to that
//! day, and each figure in it from the ledger of a scheme, as `summary` counts it.

pub mod backup;
pub mod emcc;
pub mod experience;
pub mod icf;
pub mod learning;
pub mod mentoring;
pub mod packet;
pub mod records;
pub mod sessions;

use chrono::NaiveDate;

use crate::reports::Partners;
use crate::reports::aliases::Namer;
use crate::reports::counting::Practice;
use crate::rules::settings::Settings;

/// What an export is made from.
pub struct Source<'a> {
    /// Every partner.
    pub partners: &'a Partners,
    /// The practice up to the day the export is judged as of (`--to`, else today).
    pub practice: &'a Practice<'a>,
    /// The settings.
    pub settings: &'a Settings,
    /// Mentor coaching, supervision, education, continuing education and credentials held.
    pub records: &'a crate::domain::development::Development,
}

impl Source<'_> {
    /// The day the export is judged as of.
    pub fn as_of(&self) -> NaiveDate {
        self.practice.as_of()
    }
}

/// What the user asked for.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The first day exported.
    pub from: Option<NaiveDate>,
    /// The last day exported.
    pub to: Option<NaiveDate>,
    /// Stable aliases instead of names; no contact, no notes.
    pub anonymize: bool,
    /// Fill the notes column.
    pub include_notes: bool,
    /// Fill the contact column.
    pub include_contact: bool,
    /// The CSV field delimiter.
    pub delimiter: Option<u8>,
    /// Stable aliases for the clients who have not consented to be named, names for the others
    /// (an application packet).
    pub unconsented_unnamed: bool,
    /// A CSV for a spreadsheet application (`--excel`): a byte-order mark, so that it is read as
    /// UTF-8, and unless a delimiter is chosen, `;` between fields and a decimal comma.
    pub excel: bool,
}

impl Options {
    /// Whether a session's date is within `--from` and `--to`.
    pub fn in_range(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|from| date >= from) && self.to.is_none_or(|to| date <= to)
    }

    /// The CSV field delimiter: as chosen, else `;` for a spreadsheet, else `,`.
    fn delimiter(&self) -> u8 {
        self.delimiter
            .unwrap_or(if self.excel { b';' } else { b',' })
    }

    /// A CSV writer into memory with the chosen delimiter.
    fn csv_writer(&self) -> csv::Writer<Vec<u8>> {
        csv::WriterBuilder::new()
            .delimiter(self.delimiter())
            .from_writer(Vec::new())
    }

    /// A decimal number as a CSV cell: with a decimal comma where fields are separated by `;`
    /// (the convention of the locales that write `1,5`, so that their spreadsheets read a number).
    fn decimal(&self, number: String) -> String {
        if self.delimiter() == b';' {
            number.replace('.', ",")
        } else {
            number
        }
    }

    /// Finishes a CSV writer into its bytes, with a byte-order mark for a spreadsheet.
    fn finish(&self, writer: csv::Writer<Vec<u8>>) -> anyhow::Result<Vec<u8>> {
        let bytes = writer
            .into_inner()
            .map_err(|e| anyhow::anyhow!("cannot write the CSV: {}", e.error()))?;
        Ok(if self.excel {
            [&b"\xef\xbb\xbf"[..], &bytes].concat()
        } else {
            bytes
        })
    }
}

/// An export's bytes, and what the user should know about what it left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// The file's contents.
    pub bytes: Vec<u8>,
    /// Warnings for stderr.
    pub warnings: Vec<String>,
}

/// How partners are named in an export: as every output for others names them ([`Namer`]).
fn names(source: &Source, options: &Options) -> Namer {
    Namer::new(
        source.practice.sessions(),
        source.partners,
        options.anonymize,
        options.unconsented_unnamed,
    )
}

/// The characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A free-text CSV cell (a name, a contact, a note) made safe for a spreadsheet and a terminal:
/// one that a spreadsheet would read as a formula gets a leading `'`, and control characters but
/// newline and tab are shown escaped. Numbers and dates are never passed through it.
pub fn text_cell(text: &str) -> String {
    let shown: String = if crate::domain::private::is_sealed(text) {
        crate::domain::private::LOCKED.to_owned()
    } else if crate::domain::text::needs_escaping(text) {
        crate::domain::text::for_terminal(text, usize::MAX, "")
    } else {
        text.to_owned()
    };
    if shown.starts_with(FORMULA_STARTS) {
        format!("'{shown}")
    } else {
        shown
    }
}

/// A new sheet of `workbook` named `name`, with `title` in bold on its first row and `header` in
/// bold on its second: the rows of data start on the third. It prints in landscape, as wide as
/// one page, with the header on every page.
fn start_sheet<'a>(
    workbook: &'a mut rust_xlsxwriter::Workbook,
    name: &str,
    title: &str,
    header: &[&str],
) -> anyhow::Result<&'a mut rust_xlsxwriter::Worksheet> {
    use rust_xlsxwriter::Format;
    let sheet = workbook.add_worksheet();
    sheet.set_name(name)?;
    // Printed as a log is read: across the page, every column on it, the header on each page.
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(1, 1)?;
    sheet.set_print_gridlines(true);
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(0, 0, title, &Format::new().set_bold().set_font_size(14))?;
    for (col, text) in (0u16..).zip(header) {
        sheet.write_string_with_format(1, col, *text, &bold)?;
    }
    Ok(sheet)
}

/// The totals row of a sheet started by [`start_sheet`], on row `row` (0-based): `Total`, and for
/// each `(column, hundredths)` a `SUM` of the hours above it with its result (the cells above are
/// rounded to add up to it); then the columns' widths.
fn finish_sheet(
    sheet: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    totals: &[(u16, u64)],
    widths: &[f64],
) -> anyhow::Result<()> {
    use rust_xlsxwriter::{Format, Formula};
    sheet.write_string_with_format(row, 0, "Total", &Format::new().set_bold())?;
    let bold_hours = Format::new().set_bold().set_num_format("0.00");
    for &(col, hundredths) in totals {
        let letter = char::from(b'A' + u8::try_from(col).unwrap_or(0));
        // Excel rows are 1-based: the data is on rows 3 to `row`.
        let formula = Formula::new(format!("=SUM({letter}3:{letter}{row})"))
            .set_result(crate::domain::duration::hundredths_text(hundredths));
        sheet.write_formula_with_format(row, col, formula, &bold_hours)?;
    }
    for (col, width) in (0u16..).zip(widths) {
        sheet.set_column_width(col, *width)?;
    }
    Ok(())
}
