//! The mentor coaching log an ICF application asks for: one row per mentor, with the mentor's
//! credential and contact, the first and last day, and the hours one-to-one and in groups.

use anyhow::Result;
use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Formula, Workbook};

use super::{Exported, Options, Source, finish, finish_sheet, start_sheet};
use crate::domain::development::CoachCredential;
use crate::domain::duration::hours_2dp;
use crate::domain::model;

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

/// One row per mentor (by name and credential), in the order of their first session, and the
/// warnings for what an assessor would miss.
fn rows(source: &Source, options: &Options) -> (Vec<Row>, Vec<String>) {
    let mut rows: Vec<Row> = Vec::new();
    for m in source
        .records
        .mentoring
        .iter()
        .filter(|m| options.in_range(m.date))
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
    if options.include_contact {
        for r in rows.iter().filter(|r| r.contact.is_empty()) {
            warnings.push(format!(
                "{} has no contact information: an assessor may ask for it; give --contact the next \
                 time you log mentor coaching with them",
                r.mentor
            ));
        }
    }
    if rows.is_empty() {
        warnings.push(
            "no mentor coaching recorded in this range: `coachlog mentoring log` records it"
                .to_owned(),
        );
    }
    (rows, warnings)
}

/// The minutes one-to-one and in groups of all the rows.
fn totals(rows: &[Row]) -> (u64, u64) {
    rows.iter().fold((0, 0), |(individual, group), r| {
        (individual + r.individual_minutes, group + r.group_minutes)
    })
}

/// The log as CSV: the header, one row per mentor, a totals row.
pub fn csv(source: &Source, options: &Options) -> Result<Exported> {
    let (rows, warnings) = rows(source, options);
    let mut writer = options.csv_writer();
    writer.write_record(HEADER)?;
    for r in &rows {
        writer.write_record([
            r.mentor.as_str(),
            r.credential.as_str(),
            r.contact.as_str(),
            &r.start.to_string(),
            &r.end.to_string(),
            &hours_2dp(r.individual_minutes),
            &hours_2dp(r.group_minutes),
            &hours_2dp(r.individual_minutes + r.group_minutes),
        ])?;
    }
    let (individual, group) = totals(&rows);
    writer.write_record([
        "Total",
        "",
        "",
        "",
        "",
        &hours_2dp(individual),
        &hours_2dp(group),
        &hours_2dp(individual + group),
    ])?;
    Ok(Exported {
        bytes: finish(writer)?,
        warnings,
    })
}

/// The log as an Excel workbook: a title, the header, one row per mentor with typed cells, and a
/// totals row of formulas.
pub fn xlsx(source: &Source, options: &Options) -> Result<Exported> {
    let (rows, warnings) = rows(source, options);
    let mut workbook = Workbook::new();
    let sheet = start_sheet(
        &mut workbook,
        "Mentor Coaching Log",
        "Mentor Coaching Log",
        &HEADER,
    )?;
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let hours = Format::new().set_num_format("0.00");
    let mut at = 2u32;
    for r in &rows {
        sheet.write_string(at, 0, &r.mentor)?;
        sheet.write_string(at, 1, r.credential.as_str())?;
        sheet.write_string(at, 2, &r.contact)?;
        sheet.write_date_with_format(at, 3, r.start, &date)?;
        sheet.write_date_with_format(at, 4, r.end, &date)?;
        sheet.write_number_with_format(at, 5, r.individual_minutes as f64 / 60.0, &hours)?;
        sheet.write_number_with_format(at, 6, r.group_minutes as f64 / 60.0, &hours)?;
        let total = Formula::new(format!("=F{row}+G{row}", row = at + 1))
            .set_result(((r.individual_minutes + r.group_minutes) as f64 / 60.0).to_string());
        sheet.write_formula_with_format(at, 7, total, &hours)?;
        at += 1;
    }
    let (individual, group) = totals(&rows);
    finish_sheet(
        sheet,
        at,
        &[(5, individual), (6, group), (7, individual + group)],
        &[24.0, 18.0, 28.0, 12.0, 12.0, 16.0, 12.0, 12.0],
    )?;
    Ok(Exported {
        bytes: workbook.save_to_buffer()?,
        warnings,
    })
}
