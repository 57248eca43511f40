//! The `sessions` CSV: one row per session, for a mentor or a spreadsheet, with how ICF counts each.

use anyhow::Result;

use super::{Exported, Names, Options, Source, finish};
use crate::domain::duration::hours_2dp;
use crate::domain::model::{Role, Session};
use crate::reports::icf_log::icf_counting;

/// The header, in order.
pub const HEADER: [&str; 14] = [
    "date",
    "partner",
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

fn icf_cells(verdict: Result<u64, crate::reports::counting::LeftOut>, minutes: u64) -> IcfCells {
    match verdict {
        Ok(0) => ("pro-bono", Some(0)),
        Ok(paid) if paid == minutes => ("paid", Some(paid)),
        Ok(paid) => ("part-paid", Some(paid)),
        Err(reason) => (reason.category(), None),
    }
}

/// One row per session in the date range, in date order (then by partner and the session's values,
/// so that the same sessions always give the same file).
pub fn export(source: &Source, options: &Options) -> Result<Exported> {
    let names = Names::new(source, options);
    let row = |s: &Session, (category, paid): IcfCells| -> [String; 14] {
        let partner = source.partners.get(&s.partner);
        [
            s.date.to_string(),
            names.name(&s.partner, partner, |p| p.name.clone()),
            s.facts.client_type.to_string(),
            s.arrangement.to_string(),
            s.role.to_string(),
            s.facts.format().to_string(),
            s.facts
                .group_size
                .map_or_else(String::new, |g| g.get().to_string()),
            s.minutes.get().to_string(),
            hours_2dp(u64::from(s.minutes.get())),
            s.payment.to_string(),
            s.not_counted.map_or_else(String::new, |r| r.to_string()),
            category.to_owned(),
            paid.map_or_else(String::new, |m| m.to_string()),
            match (&s.notes, options.include_notes && !options.anonymize) {
                (Some(notes), true) => notes.clone(),
                _ => String::new(),
            },
        ]
    };
    // Coaching sessions as the ICF log judges them (up to --to, so that the balance rule weighs what
    // was received by then), and sessions as client, which ICF never counts.
    let counting = icf_counting(
        source.sessions,
        source.partners,
        source.settings,
        options.to,
    );
    let mut rows: Vec<[String; 14]> = source
        .sessions
        .iter()
        .filter(|s| s.role == Role::Client && options.in_range(s.date))
        .map(|s| row(s, ("client-role", None)))
        .collect();
    match &counting {
        Some(counting) => rows.extend(
            counting
                .judged
                .iter()
                .filter(|j| options.in_range(j.session.date))
                .map(|j| {
                    let minutes = u64::from(j.session.minutes.get());
                    row(j.session, icf_cells(j.verdict, minutes))
                }),
        ),
        None => rows.extend(
            source
                .sessions
                .iter()
                .filter(|s| s.role == Role::Coach && options.in_range(s.date))
                .map(|s| row(s, ("", None))),
        ),
    }
    rows.sort();
    let mut writer = options.csv_writer();
    writer.write_record(HEADER)?;
    for row in &rows {
        writer.write_record(row)?;
    }
    Ok(Exported {
        bytes: finish(writer)?,
        warnings: Vec::new(),
    })
}
