//! The reflections of a packet (EMCC's learning log) and its pieces of client feedback: one row
//! per session the scheme counts in its evidence window that carries a reflection — the very
//! sessions `summary` counts for the requirement — with the four scores and who gave them, the
//! client under the name the packet gives them. The experiment noted is confidential and left out.

use anyhow::Result;

use super::{Exported, Options, Source, names, text_cell};
use crate::domain::reflection::RatedBy;
use crate::reports::counting::{Ledger, Rules};
use crate::reports::credential::reflected;
use crate::rules::scheme::Scheme;

/// The header, in order.
pub const HEADER: [&str; 8] = [
    "date",
    "client",
    "rated_by",
    "relationship",
    "goals",
    "approach",
    "overall",
    "total",
];

/// The rows: every reflection `scheme` counts (`client_only`: the client's feedback alone).
pub fn export(
    source: &Source,
    options: &Options,
    scheme: &Scheme,
    client_only: bool,
) -> Result<Exported> {
    let mut writer = options.csv_writer();
    writer.write_record(HEADER)?;
    let Some(evidence) = &scheme.beyond.evidence else {
        return Ok(Exported {
            bytes: options.finish(writer)?,
            warnings: Vec::new(),
        });
    };
    let ledger = Ledger::count(
        source.practice,
        Rules::new(scheme, source.settings),
        source.partners,
    );
    let names = names(source, options);
    for s in reflected(&ledger, evidence.months) {
        let Some(r) = &s.reflection else { continue };
        if client_only && r.rated_by != RatedBy::Client {
            continue;
        }
        let score = |i: usize| {
            r.scores
                .map_or_else(String::new, |sc| options.decimal(sc.0[i].to_string()))
        };
        writer.write_record([
            s.date.to_string(),
            text_cell(&names.name(&s.partner, source.partners)),
            r.rated_by.as_str().to_owned(),
            score(0),
            score(1),
            score(2),
            score(3),
            r.scores.map_or_else(String::new, |sc| {
                options.decimal(format!("{:.1}", sc.total()))
            }),
        ])?;
    }
    Ok(Exported {
        bytes: options.finish(writer)?,
        warnings: Vec::new(),
    })
}
