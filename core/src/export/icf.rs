//! The ICF Client Coaching Log, as CSV or as an Excel workbook, in the columns of ICF's template.

use anyhow::Result;
use rust_xlsxwriter::{Format, Workbook};

use super::{Exported, Options, Source, finish_sheet, names, start_sheet};
use crate::domain::duration::{hours_2dp, hundredths, hundredths_adding_up, hundredths_text};
use crate::domain::text::{agree, count};
use crate::reports::icf_log::{self, IcfLog, IcfRow};

/// The header of ICF's template, exactly.
pub const HEADER: [&str; 8] = [
    "Client Name",
    "Contact Information",
    "Individual/Group",
    "Number in Group",
    "Start Date",
    "End Date",
    "Paid hours",
    "Pro-bono hours",
];

/// The log and, for each row, the name and contact to show and its paid and pro bono hours in
/// hundredths, rounded so that the rows add up to the totals.
struct Prepared {
    log: IcfLog,
    people: Vec<(String, String)>,
    hours: Vec<(u64, u64)>,
    totals: (u64, u64),
    warnings: Vec<String>,
}

fn prepare(source: &Source, options: &Options) -> Result<Prepared> {
    let Some(ledger) = icf_log::icf_ledger(source.practice, source.partners, source.settings)
    else {
        anyhow::bail!(
            "no scheme is shown in the ICF log (icf_log = true in config.toml's [schemes.…]): there \
             are no ICF rules to judge the log by"
        );
    };
    let log = icf_log::icf_log(ledger.since(options.from));
    // The totals are summary's: the paid hours, and the hours less the paid hours, each rounded
    // once, so that the row adds up to the hours summary shows.
    let total_paid = hundredths(log.paid_minutes());
    let total = hundredths(log.paid_minutes() + log.pro_bono_minutes());
    let totals = (total_paid, total - total_paid);
    let paid: Vec<u64> = log.rows.iter().map(|r| r.paid_minutes).collect();
    let pro_bono: Vec<u64> = log.rows.iter().map(|r| r.pro_bono_minutes).collect();
    let hours = hundredths_adding_up(&paid, totals.0)
        .into_iter()
        .zip(hundredths_adding_up(&pro_bono, totals.1))
        .collect();
    let names = names(source, options);
    let people = log
        .rows
        .iter()
        .map(|row| {
            let partner = source.partners.get(&row.partner);
            let name = names.name(&row.partner, source.partners);
            let contact = match (options.include_contact && !options.anonymize, partner) {
                (true, Some(p)) => p.contact.clone().unwrap_or_default(),
                _ => String::new(),
            };
            (name, contact)
        })
        .collect();
    let mut warnings = Vec::new();
    if log.training_start.is_none() {
        warnings.push(
            "training_start is not set, so the log lists every coaching session; ICF counts only \
             sessions since the start of your coach-specific training: \
             `coachlog config set training_start YYYY-MM-DD`"
                .to_owned(),
        );
    }
    if log.no_consent.minutes > 0 {
        let clients = log.no_consent.clients() as usize;
        warnings.push(format!(
            "left off the ICF log: {} h with {} who {} not consented to be named ({}; once consent \
             is recorded: {})",
            hours_2dp(log.no_consent.minutes),
            count(clients, "client", "clients"),
            agree(clients, "has", "have"),
            if log.unnamed_counted {
                "summary's ICF figures count them, as icf.count_unnamed_clients says: keep your own \
                 record of them"
            } else {
                "summary's ICF figures leave them out too"
            },
            icf_log::consent_command(&log.no_consent)
        ));
    }
    if log.over_limit.minutes > 0 {
        warnings.push(format!(
            "left off the ICF log: {} h with {} of more than {} members present (ICF does not \
             count such groups)",
            hours_2dp(log.over_limit.minutes),
            count(log.over_limit.partners().count(), "group", "groups"),
            log.group_limit.unwrap_or_default()
        ));
    }
    if log.marked.minutes > 0 {
        warnings.push(format!(
            "left off the ICF log: {} h of sessions marked as practice that does not count",
            hours_2dp(log.marked.minutes)
        ));
    }
    if !options.anonymize {
        warnings.extend(
            icf_log::audit(&log, source.partners, options.include_contact)
                .iter()
                .map(|problem| format!("an auditor would reject this row: {}", problem.message())),
        );
    }
    Ok(Prepared {
        log,
        people,
        hours,
        totals,
        warnings,
    })
}

fn group_cells(row: &IcfRow) -> (&'static str, u32) {
    match row.group_members {
        Some(members) => ("Group", members),
        None => ("Individual", 1),
    }
}

/// The log as CSV: the header, one row per client, a totals row.
pub fn csv(source: &Source, options: &Options) -> Result<Exported> {
    let Prepared {
        log,
        people,
        hours,
        totals,
        warnings,
    } = prepare(source, options)?;
    let mut writer = options.csv_writer();
    writer.write_record(HEADER)?;
    for ((row, (name, contact)), (paid, pro_bono)) in log.rows.iter().zip(&people).zip(&hours) {
        let (kind, members) = group_cells(row);
        writer.write_record([
            super::text_cell(name).as_str(),
            super::text_cell(contact).as_str(),
            kind,
            &members.to_string(),
            &row.start.to_string(),
            &row.end.to_string(),
            &options.decimal(hundredths_text(*paid)),
            &options.decimal(hundredths_text(*pro_bono)),
        ])?;
    }
    writer.write_record([
        "Total",
        "",
        "",
        "",
        "",
        "",
        &options.decimal(hundredths_text(totals.0)),
        &options.decimal(hundredths_text(totals.1)),
    ])?;
    Ok(Exported {
        bytes: options.finish(writer)?,
        warnings,
    })
}

/// The log as an Excel workbook: a title row, the header, one row per client with typed date and
/// number cells, and a totals row of formulas.
pub fn xlsx(source: &Source, options: &Options) -> Result<Exported> {
    let Prepared {
        log,
        people,
        hours,
        totals,
        warnings,
    } = prepare(source, options)?;
    let period = match log.training_start.max(log.from) {
        Some(from) => format!(" — sessions from {from} to {}", log.as_of),
        None => format!(" — sessions up to {}", log.as_of),
    };
    let mut workbook = Workbook::new();
    // Dated by the day it is judged as of, not the clock: the same logbook and day give the same
    // file (a packet is reproducible).
    workbook.set_properties(
        &rust_xlsxwriter::DocProperties::new().set_creation_datetime(&source.as_of()),
    );
    let sheet = start_sheet(
        &mut workbook,
        "ICF Client Coaching Log",
        &format!("ICF Client Coaching Log{period}"),
        &HEADER,
    )?;
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let two_decimals = Format::new().set_num_format("0.00");
    let mut row_index = 2u32;
    for ((row, (name, contact)), (paid, pro_bono)) in log.rows.iter().zip(&people).zip(&hours) {
        let (kind, members) = group_cells(row);
        sheet.write_string(row_index, 0, name)?;
        sheet.write_string(row_index, 1, contact)?;
        sheet.write_string(row_index, 2, kind)?;
        sheet.write_number(row_index, 3, members)?;
        sheet.write_date_with_format(row_index, 4, row.start, &date)?;
        sheet.write_date_with_format(row_index, 5, row.end, &date)?;
        sheet.write_number_with_format(row_index, 6, *paid as f64 / 100.0, &two_decimals)?;
        sheet.write_number_with_format(row_index, 7, *pro_bono as f64 / 100.0, &two_decimals)?;
        row_index += 1;
    }
    finish_sheet(
        sheet,
        row_index,
        &[(6, totals.0), (7, totals.1)],
        &[28.0, 28.0, 16.0, 16.0, 12.0, 12.0, 12.0, 14.0],
    )?;
    Ok(Exported {
        bytes: workbook.save_to_buffer()?,
        warnings,
    })
}
