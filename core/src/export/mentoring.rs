//! The mentor coaching log an ICF application asks for: one row per mentor, with the mentor's
//! credential and contact, the first and last day, and the hours one-to-one and in groups, of the
//! mentor coaching that counts for the credential applied for, as `summary` counts it.

use anyhow::{Result, bail};
use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Formula, Workbook};

use super::{Exported, Options, Source, finish_sheet, start_sheet};
use crate::domain::development::{CoachCredential, Mentoring};
use crate::domain::duration::{hundredths, hundredths_adding_up, hundredths_text};
use crate::domain::model;
use crate::reports::credential::{self, MentoringCount};
use crate::rules::scheme::Scheme;

/// The columns.
pub const HEADER: [&str; 8] = [
    "Mentor Name",
    "Mentor Credential",
    "Contact Information",
    "Start Date",
    "End Date",
    "Individual hours",
    "Group hours",
    "Total hours",
];

/// One mentor's row.
struct Row {
    mentor: String,
    credential: CoachCredential,
    contact: String,
    start: NaiveDate,
    end: NaiveDate,
    individual_minutes: u64,
    group_minutes: u64,
}

/// The log: the scheme it is judged for, one row per mentor, and the warnings.
struct Log<'s> {
    scheme: &'s Scheme,
    rows: Vec<Row>,
    count: MentoringCount,
    warnings: Vec<String>,
}

impl Log<'_> {
    /// The cells of the hours, in hundredths (one-to-one, in groups, in all), rounded so that the
    /// rows add up to the totals, and the totals.
    fn hours(&self) -> (Vec<[u64; 3]>, [u64; 3]) {
        let individual: Vec<u64> = self.rows.iter().map(|r| r.individual_minutes).collect();
        let group: Vec<u64> = self.rows.iter().map(|r| r.group_minutes).collect();
        let (i, g) = (individual.iter().sum(), group.iter().sum::<u64>());
        let total_individual = hundredths(i);
        let total = hundredths(i + g);
        let totals = [total_individual, total - total_individual, total];
        let cells = hundredths_adding_up(&individual, totals[0])
            .into_iter()
            .zip(hundredths_adding_up(&group, totals[1]))
            .map(|(i, g)| [i, g, i + g])
            .collect();
        (cells, totals)
    }

    /// The line after the totals when the cap on group mentoring leaves some out: the hours that
    /// count, which `summary` shows.
    fn counted(&self) -> Option<[u64; 3]> {
        let c = &self.count;
        (c.beyond_group_cap > 0).then(|| {
            let individual = hundredths(c.individual_minutes);
            let all = hundredths(c.counted_minutes);
            [individual, all - individual, all]
        })
    }
}

/// The scheme the log is for: the lowest level with a mentor coaching rule not yet held, else the
/// highest.
fn scheme_for<'s>(source: &Source<'s>) -> Option<&'s Scheme> {
    let as_of = source.as_of();
    let held: Vec<&str> = source
        .records
        .credentials
        .iter()
        .filter(|c| c.granted <= as_of)
        .map(|c| c.scheme.as_str())
        .collect();
    let with_rule = || {
        source
            .settings
            .schemes
            .iter()
            .filter(|s| s.beyond.mentoring.is_some())
    };
    with_rule()
        .find(|s| !held.contains(&s.id.as_str()))
        .or_else(|| with_rule().next_back())
}

/// One row per mentor (by name and credential) of the mentor coaching the scheme counts, in the
/// order of their first session, and the warnings for what an assessor would miss.
fn log<'s>(source: &Source<'s>, options: &Options) -> Result<Log<'s>> {
    let Some(scheme) = scheme_for(source) else {
        bail!("no scheme asks for mentor coaching (mentor_hours in config.toml's [schemes.…])");
    };
    let rule = scheme.beyond.mentoring.as_ref().expect("found by its rule");
    let as_of = source.as_of();
    let body_of = |id: &str| source.settings.scheme(id).map(|s| s.body.clone());
    let held = credential::held_before(scheme, source.records, body_of, as_of);
    let records: Vec<&Mentoring> = source
        .records
        .mentoring
        .iter()
        .filter(|m| m.date <= as_of && options.from.is_none_or(|from| m.date >= from))
        .collect();
    let count = credential::count_mentoring(records.iter().copied(), rule, held, as_of);
    let mut rows: Vec<Row> = Vec::new();
    for m in records
        .iter()
        .filter(|m| credential::mentoring_verdict(m, rule, held).is_ok())
    {
        let minutes = u64::from(m.minutes.get());
        let index = match rows
            .iter()
            .position(|r| r.mentor == m.mentor && r.credential == m.credential)
        {
            Some(index) => index,
            None => {
                rows.push(Row {
                    mentor: m.mentor.clone(),
                    credential: m.credential,
                    contact: String::new(),
                    start: m.date,
                    end: m.date,
                    individual_minutes: 0,
                    group_minutes: 0,
                });
                rows.len() - 1
            }
        };
        let row = &mut rows[index];
        row.start = row.start.min(m.date);
        row.end = row.end.max(m.date);
        if options.include_contact
            && let Some(contact) = &m.contact
        {
            row.contact = contact.clone();
        }
        match m.format {
            model::Format::Individual => row.individual_minutes += minutes,
            model::Format::Group => row.group_minutes += minutes,
        }
    }
    rows.sort_by_key(|r| r.start);
    let mut warnings = Vec::new();
    if let Some(left_out) = crate::reports::credential::mentoring_left_out(rule, &count) {
        warnings.push(format!(
            "{} (the log lists what counts for {}, as summary does)",
            left_out, scheme.name
        ));
    }
    if options.include_contact {
        for r in rows.iter().filter(|r| r.contact.is_empty()) {
            warnings.push(format!(
                "{} has no contact information: an assessor may ask for it; give --contact the next \
                 time you log mentor coaching with them",
                r.mentor
            ));
        }
    }
    if records.is_empty() {
        warnings.push(
            "no mentor coaching recorded in this range: `coachlog mentoring log` records it"
                .to_owned(),
        );
    }
    Ok(Log {
        scheme,
        rows,
        count,
        warnings,
    })
}

/// The log as CSV: the header, one row per mentor, a totals row, and when the cap on group
/// mentoring leaves some out, the hours that count.
pub fn csv(source: &Source, options: &Options) -> Result<Exported> {
    let log = log(source, options)?;
    let (cells, totals) = log.hours();
    let mut writer = options.csv_writer();
    writer.write_record(HEADER)?;
    for (r, [individual, group, all]) in log.rows.iter().zip(&cells) {
        writer.write_record([
            super::text_cell(&r.mentor).as_str(),
            r.credential.as_str(),
            super::text_cell(&r.contact).as_str(),
            &r.start.to_string(),
            &r.end.to_string(),
            &options.decimal(hundredths_text(*individual)),
            &options.decimal(hundredths_text(*group)),
            &options.decimal(hundredths_text(*all)),
        ])?;
    }
    // The totals, and the hours that count when the cap on group mentoring leaves some out.
    let counted = log
        .counted()
        .map(|hours| (format!("Counted for {}", log.scheme.name), hours));
    for (label, [individual, group, all]) in
        std::iter::once(("Total".to_owned(), totals)).chain(counted)
    {
        writer.write_record([
            super::text_cell(&label).as_str(),
            "",
            "",
            "",
            "",
            &options.decimal(hundredths_text(individual)),
            &options.decimal(hundredths_text(group)),
            &options.decimal(hundredths_text(all)),
        ])?;
    }
    Ok(Exported {
        bytes: options.finish(writer)?,
        warnings: log.warnings,
    })
}

/// The log as an Excel workbook: a title, the header, one row per mentor with typed cells, and a
/// totals row of formulas.
pub fn xlsx(source: &Source, options: &Options) -> Result<Exported> {
    let log = log(source, options)?;
    let (cells, totals) = log.hours();
    let mut workbook = Workbook::new();
    // Dated by the day it is judged as of, not the clock: the same logbook and day give the same
    // file (a packet is reproducible).
    workbook.set_properties(
        &rust_xlsxwriter::DocProperties::new().set_creation_datetime(&source.as_of()),
    );
    let sheet = start_sheet(
        &mut workbook,
        "Mentor Coaching Log",
        &format!(
            "Mentor Coaching Log — {}, up to {}",
            log.scheme.name,
            source.as_of()
        ),
        &HEADER,
    )?;
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let hours = Format::new().set_num_format("0.00");
    let mut at = 2u32;
    for (r, [individual, group, all]) in log.rows.iter().zip(&cells) {
        sheet.write_string(at, 0, &r.mentor)?;
        sheet.write_string(at, 1, r.credential.as_str())?;
        sheet.write_string(at, 2, &r.contact)?;
        sheet.write_date_with_format(at, 3, r.start, &date)?;
        sheet.write_date_with_format(at, 4, r.end, &date)?;
        sheet.write_number_with_format(at, 5, *individual as f64 / 100.0, &hours)?;
        sheet.write_number_with_format(at, 6, *group as f64 / 100.0, &hours)?;
        let total =
            Formula::new(format!("=F{row}+G{row}", row = at + 1)).set_result(hundredths_text(*all));
        sheet.write_formula_with_format(at, 7, total, &hours)?;
        at += 1;
    }
    let [individual, group, all] = totals;
    finish_sheet(
        sheet,
        at,
        &[(5, individual), (6, group), (7, all)],
        &[24.0, 18.0, 28.0, 12.0, 12.0, 16.0, 12.0, 12.0],
    )?;
    if let Some([individual, group, all]) = log.counted() {
        let bold = Format::new().set_bold();
        let bold_hours = Format::new().set_bold().set_num_format("0.00");
        let row = at + 1;
        sheet.write_string_with_format(
            row,
            0,
            format!("Counted for {}", log.scheme.name),
            &bold,
        )?;
        for (col, value) in [(5u16, individual), (6, group), (7, all)] {
            sheet.write_number_with_format(row, col, value as f64 / 100.0, &bold_hours)?;
        }
    }
    Ok(Exported {
        bytes: workbook.save_to_buffer()?,
        warnings: log.warnings,
    })
}
