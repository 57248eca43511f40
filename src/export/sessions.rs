//! The `sessions` CSV: one row per session, for a mentor or a spreadsheet.

use anyhow::Result;

use super::{Exported, Names, Options, Source, finish};
use crate::domain::duration::hours_2dp;
use crate::domain::model::{Payment, Role, Session};
use crate::rules::settings::Settings;

/// The header, in order.
pub const HEADER: [&str; 12] = [
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
    "icf_category",
    "notes",
];

/// How ICF treats a session: `paid` or `pro-bono` when it counts, else why it does not.
pub fn icf_category(session: &Session, members: Option<u32>, settings: &Settings) -> &'static str {
    let group_limit = settings
        .lowest_scheme_of_body("ICF")
        .and_then(|s| s.group_limit);
    if session.role == Role::Client {
        "client-role"
    } else if settings
        .training_start
        .is_some_and(|start| session.date < start)
    {
        "before-training"
    } else if members.is_some_and(|m| group_limit.is_some_and(|limit| m > limit)) {
        "group-over-limit"
    } else {
        match session.payment {
            Payment::Paid | Payment::Exchange => "paid",
            Payment::ProBono => "pro-bono",
        }
    }
}

/// One row per session in the date range, in date order (then by partner and the session's values,
/// so that the same sessions always give the same file).
pub fn export(source: &Source, options: &Options) -> Result<Exported> {
    let names = Names::new(source, options);
    let mut rows: Vec<[String; 12]> = source
        .sessions
        .iter()
        .filter(|s| options.in_range(s.date))
        .map(|s| {
            let partner = source.partners.get(&s.partner);
            let members = partner.and_then(|p| p.group_size).map(|g| g.get());
            [
                s.date.to_string(),
                names.name(&s.partner, partner, |p| p.name.clone()),
                partner.map_or_else(String::new, |p| p.client_type.to_string()),
                s.arrangement.to_string(),
                s.role.to_string(),
                partner.map_or_else(String::new, |p| p.format().to_string()),
                members.map_or_else(String::new, |m| m.to_string()),
                s.minutes.get().to_string(),
                hours_2dp(u64::from(s.minutes.get())),
                s.payment.to_string(),
                icf_category(s, members, source.settings).to_owned(),
                match (&s.notes, options.include_notes && !options.anonymize) {
                    (Some(notes), true) => notes.clone(),
                    _ => String::new(),
                },
            ]
        })
        .collect();
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
