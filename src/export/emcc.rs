//! The `emcc` CSV: one row per client under an anonymised reference, never a name.

use std::collections::BTreeMap;

use anyhow::Result;
use chrono::NaiveDate;

use super::{Exported, Options, Source, finish};
use crate::domain::duration::hours_2dp;
use crate::domain::id::PartnerId;
use crate::domain::model::Role;
use crate::reports::aliases;

/// The header, in order.
pub const HEADER: [&str; 8] = [
    "client_ref",
    "client_type",
    "format",
    "group_size",
    "first_session",
    "last_session",
    "sessions",
    "hours",
];

/// One row per client coached in the date range, by client reference.
pub fn export(source: &Source, options: &Options) -> Result<Exported> {
    let refs = aliases::aliases(source.sessions, source.partners.iter().map(|p| &p.id));
    let mut clients: BTreeMap<&PartnerId, (NaiveDate, NaiveDate, u32, u64)> = BTreeMap::new();
    for s in source
        .sessions
        .iter()
        .filter(|s| s.role == Role::Coach && options.in_range(s.date))
    {
        let minutes = u64::from(s.minutes.get());
        clients
            .entry(&s.partner)
            .and_modify(|(first, last, count, total)| {
                *first = (*first).min(s.date);
                *last = (*last).max(s.date);
                *count += 1;
                *total += minutes;
            })
            .or_insert((s.date, s.date, 1, minutes));
    }
    let mut rows: Vec<(String, [String; 8])> = clients
        .into_iter()
        .map(|(id, (first, last, count, minutes))| {
            let reference = refs.get(id).cloned().unwrap_or_else(|| id.to_string());
            let partner = source.partners.get(id);
            let row = [
                reference.clone(),
                partner.map_or_else(String::new, |p| p.client_type.to_string()),
                partner.map_or_else(String::new, |p| p.format().to_string()),
                partner
                    .and_then(|p| p.group_size)
                    .map_or_else(String::new, |g| g.get().to_string()),
                first.to_string(),
                last.to_string(),
                count.to_string(),
                hours_2dp(minutes),
            ];
            (reference, row)
        })
        .collect();
    // `Client 02` before `Client 10`: by the number, not the text.
    rows.sort_by_key(|(reference, _)| (reference.len(), reference.clone()));
    let mut writer = options.csv_writer();
    writer.write_record(HEADER)?;
    for (_, row) in &rows {
        writer.write_record(row)?;
    }
    Ok(Exported {
        bytes: finish(writer)?,
        warnings: Vec::new(),
    })
}
