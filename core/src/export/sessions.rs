//! The `sessions` CSV: one row per session up to the day it is judged as of, for a mentor or a
//! spreadsheet, with how ICF counts each (from the ICF log's ledger).

use anyhow::Result;

use super::{Exported, Options, Source, names, text_cell};
use crate::domain::duration::{hundredths, hundredths_adding_up, hundredths_text};
use crate::domain::model::Session;
use crate::domain::text::yes_no_word;
use crate::reports::counting::{Ledger, Rules, Verdict};

/// The header, in order.
pub const HEADER: [&str; 15] = [
    "date",
    "partner",
    "consent",
    "client_type",
    "arrangement",
    "role",
    "format",
    "group_size",
    "minutes",
    "hours",
    "payment",
    "not_counted",
    "icf_category",
    "icf_paid_minutes",
    "notes",
];

/// How ICF counts a session, as the ICF log and `summary` do: `paid`, `pro-bono` or `part-paid` (an
/// exchange session the balance rule splits) with its paid minutes, or why it does not count.
type IcfCells = (&'static str, Option<u64>);

fn icf_cells(verdict: Verdict, minutes: u64) -> IcfCells {
    match verdict {
        Verdict::Counted {
            paid_minutes: 0, ..
        } => ("pro-bono", Some(0)),
        Verdict::Counted { paid_minutes, .. } if paid_minutes == minutes => {
            ("paid", Some(paid_minutes))
        }
        Verdict::Counted { paid_minutes, .. } => ("part-paid", Some(paid_minutes)),
        Verdict::LeftOut(reason) => (reason.category(), None),
    }
}

/// One row per session in the date range, in date order (then by partner and the session's values,
/// so that the same sessions always give the same file), with how ICF counts each.
pub fn export(source: &Source, options: &Options) -> Result<Exported> {
    let Some(scheme) = source.settings.icf_log_scheme() else {
        anyhow::bail!("there is no ICF scheme to judge the icf_category column by");
    };
    export_judged(source, options, scheme, "icf")
}

/// The same rows, with how `scheme` counts each in the columns `{prefix}_category` and
/// `{prefix}_paid_minutes` (a packet's sessions, judged by its scheme).
pub fn export_judged(
    source: &Source,
    options: &Options,
    scheme: &crate::rules::scheme::Scheme,
    prefix: &str,
) -> Result<Exported> {
    let names = names(source, options);
    let row = |s: &Session, (category, paid): IcfCells| -> [String; 15] {
        let partner = source.partners.get(&s.partner);
        [
            s.date.to_string(),
            text_cell(&names.name(&s.partner, source.partners)),
            // A partner whose file is missing is not held back, as the ICF log judges it.
            yes_no_word(partner.is_none_or(|p| p.consent)).to_owned(),
            s.facts.client_type.to_string(),
            s.arrangement.to_string(),
            s.role.to_string(),
            s.facts.format().to_string(),
            s.facts
                .group_size
                .map_or_else(String::new, |g| g.get().to_string()),
            s.minutes.get().to_string(),
            // Filled in below, once the rows are in order.
            String::new(),
            s.payment.to_string(),
            s.not_counted.map_or_else(String::new, |r| r.to_string()),
            category.to_owned(),
            paid.map_or_else(String::new, |m| m.to_string()),
            match (&s.notes, options.include_notes && !options.anonymize) {
                (Some(notes), true) => text_cell(notes),
                _ => String::new(),
            },
        ]
    };
    // Sessions as client, which ICF never counts, and coaching as the ICF log judges it (the
    // balance rule weighed over the whole practice up to the as-of day).
    let in_range = |s: &Session| options.from.is_none_or(|from| s.date >= from);
    let mut rows: Vec<[String; 15]> = source
        .practice
        .as_client()
        .iter()
        .filter(|s| in_range(s))
        .map(|s| row(s, ("client-role", None)))
        .chain(
            source
                .practice
                .observing()
                .iter()
                .filter(|s| in_range(s))
                .map(|s| row(s, ("observer-role", None))),
        )
        .collect();
    let ledger = Ledger::count(
        source.practice,
        Rules::new(scheme, source.settings),
        source.partners,
    );
    rows.extend(
        ledger
            .since(options.from)
            .entries()
            .iter()
            .map(|e| row(e.session(), icf_cells(e.verdict(), e.minutes()))),
    );
    rows.sort();
    // Each row's hours, rounded so that the rows of a category add up to its total rounded once
    // (the counted ones to the ICF log's total): the largest remainder, each within 0.01 h.
    let counted = |category: &str| matches!(category, "paid" | "part-paid" | "pro-bono");
    let group = |row: &[String; 15]| -> String {
        if counted(&row[12]) {
            "counted".to_owned()
        } else {
            row[12].clone()
        }
    };
    let groups: std::collections::BTreeSet<String> = rows.iter().map(&group).collect();
    for g in groups {
        let members: Vec<usize> = (0..rows.len()).filter(|&i| group(&rows[i]) == g).collect();
        let minutes: Vec<u64> = members
            .iter()
            .map(|&i| rows[i][8].parse().unwrap_or(0))
            .collect();
        let cells = hundredths_adding_up(&minutes, hundredths(minutes.iter().sum()));
        for (&i, cell) in members.iter().zip(cells) {
            rows[i][9] = options.decimal(hundredths_text(cell));
        }
    }
    let mut writer = options.csv_writer();
    let mut header: Vec<String> = HEADER.iter().map(|h| (*h).to_owned()).collect();
    header[12] = format!("{prefix}_category");
    header[13] = format!("{prefix}_paid_minutes");
    writer.write_record(&header)?;
    for row in &rows {
        writer.write_record(row)?;
    }
    Ok(Exported {
        bytes: options.finish(writer)?,
        warnings: Vec::new(),
    })
}
