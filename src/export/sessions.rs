//! The `sessions` CSV: one row per session up to the day it is judged as of, for a mentor or a
//! spreadsheet, with how ICF counts each (from the ICF log's ledger).

use anyhow::Result;

use super::{Exported, Names, Options, Source, text_cell};
use crate::domain::duration::hours_2dp;
use crate::domain::model::Session;
use crate::domain::text::yes_no_word;
use crate::reports::counting::Verdict;
use crate::reports::icf_log::icf_ledger;

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
/// so that the same sessions always give the same file).
pub fn export(source: &Source, options: &Options) -> Result<Exported> {
    let names = Names::new(source, options);
    let row = |s: &Session, (category, paid): IcfCells| -> [String; 15] {
        let partner = source.partners.get(&s.partner);
        [
            s.date.to_string(),
            text_cell(&names.name(&s.partner, partner, |p| p.name.clone())),
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
            options.decimal(hours_2dp(u64::from(s.minutes.get()))),
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
        .collect();
    let ledger = icf_ledger(source.practice, source.partners, source.settings);
    match &ledger {
        Some(ledger) => rows.extend(
            ledger
                .since(options.from)
                .entries()
                .iter()
                .map(|e| row(e.session(), icf_cells(e.verdict(), e.minutes()))),
        ),
        None => anyhow::bail!("there is no ICF scheme to judge the icf_category column by"),
    }
    rows.sort();
    let mut writer = options.csv_writer();
    writer.write_record(HEADER)?;
    for row in &rows {
        writer.write_record(row)?;
    }
    Ok(Exported {
        bytes: options.finish(writer)?,
        warnings: Vec::new(),
    })
}
