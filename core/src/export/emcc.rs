//! The `emcc` CSV: one row per client under an anonymised reference, never a name: a view of the
//! ledger of the EMCC scheme of the lowest level, so that its hours, sessions, clients and dates
//! are those `summary` counts for EMCC on the same day.

use anyhow::{Result, bail};

use super::{Exported, Options, Source};
use crate::domain::duration::{hundredths, hundredths_adding_up, hundredths_text};
use crate::reports::aliases;
use crate::reports::counting::{Ledger, Rules};

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

/// The body whose lowest level judges the export.
const BODY: &str = "EMCC";

/// One row per client the EMCC scheme counts in the date range, by client reference: the client
/// type of the latest session counted, and for a group the most members present at one of them.
pub fn export(source: &Source, options: &Options) -> Result<Exported> {
    let Some(scheme) = source.settings.schemes.iter().find(|s| s.body == BODY) else {
        bail!("there is no {BODY} scheme to judge the EMCC summary by");
    };
    export_for(source, options, scheme)
}

/// The same client log, judged by `scheme` (a packet's).
pub fn export_for(
    source: &Source,
    options: &Options,
    scheme: &crate::rules::scheme::Scheme,
) -> Result<Exported> {
    let ledger = Ledger::count(
        source.practice,
        Rules::new(scheme, source.settings),
        source.partners,
    );
    let refs = aliases::aliases(
        source.practice.sessions(),
        source.partners.iter().map(|p| &p.id),
    );
    let clients = ledger.since(options.from).per_client();
    // The hours add up to summary's, rounded once.
    let minutes: Vec<u64> = clients.values().map(|c| c.minutes()).collect();
    let hours = hundredths_adding_up(&minutes, hundredths(minutes.iter().sum()));
    let mut rows: Vec<(String, [String; 8])> = clients
        .into_iter()
        .zip(hours)
        .map(|((id, c), hours)| {
            let reference = refs.get(id).cloned().unwrap_or_else(|| id.to_string());
            let row = [
                super::text_cell(&reference),
                c.last.facts.client_type.to_string(),
                if c.group.is_some() {
                    "group"
                } else {
                    "individual"
                }
                .to_owned(),
                c.group.map_or_else(String::new, |g| g.to_string()),
                c.first.date.to_string(),
                c.last.date.to_string(),
                c.sessions.to_string(),
                options.decimal(hundredths_text(hours)),
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
        bytes: options.finish(writer)?,
        warnings: Vec::new(),
    })
}
