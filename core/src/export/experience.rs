//! The experience log of a packet (the AC's layout): one row per client a scheme counts, with the
//! first and last session, the sessions, and the hours paid and pro bono, then a Total row. A view
//! of the scheme's ledger, so that its total is the hours `summary` shows, and rounded so that the
//! rows add up to it.

use anyhow::Result;

use super::{Exported, Options, Source, names, text_cell};
use crate::domain::duration::{hundredths, hundredths_adding_up, hundredths_text};
use crate::reports::counting::{ClientTally, Ledger, Rules};
use crate::rules::scheme::Scheme;

/// The header, in order.
pub const HEADER: [&str; 10] = [
    "client",
    "client_type",
    "format",
    "group_size",
    "first_session",
    "last_session",
    "sessions",
    "hours",
    "paid_hours",
    "pro_bono_hours",
];

/// One row per client `scheme` counts up to the as-of day, then the Total row.
pub fn export(source: &Source, options: &Options, scheme: &Scheme) -> Result<Exported> {
    let ledger = Ledger::count(
        source.practice,
        Rules::new(scheme, source.settings),
        source.partners,
    );
    let clients = ledger.since(options.from).per_client();
    let names = names(source, options);
    let mut rows: Vec<(String, &ClientTally)> = clients
        .iter()
        .map(|(id, c)| (names.name(id, source.partners), c))
        .collect();
    rows.sort_by(|a, b| (&a.0, a.1.first.date).cmp(&(&b.0, b.1.first.date)));
    // The totals are summary's, each rounded once; the rows are rounded to add up to them.
    let paid: Vec<u64> = rows.iter().map(|(_, c)| c.paid_minutes).collect();
    let pro_bono: Vec<u64> = rows.iter().map(|(_, c)| c.pro_bono_minutes).collect();
    let total_paid = hundredths(paid.iter().sum());
    let total = hundredths(paid.iter().sum::<u64>() + pro_bono.iter().sum::<u64>());
    let paid_cells = hundredths_adding_up(&paid, total_paid);
    let pro_bono_cells = hundredths_adding_up(&pro_bono, total - total_paid);
    let mut writer = options.csv_writer();
    writer.write_record(HEADER)?;
    for (((name, c), paid), pro_bono) in rows.iter().zip(&paid_cells).zip(&pro_bono_cells) {
        writer.write_record([
            text_cell(name),
            c.last.facts.client_type.to_string(),
            c.last.facts.format().to_string(),
            c.group.map_or_else(String::new, |g| g.to_string()),
            c.first.date.to_string(),
            c.last.date.to_string(),
            c.sessions.to_string(),
            options.decimal(hundredths_text(paid + pro_bono)),
            options.decimal(hundredths_text(*paid)),
            options.decimal(hundredths_text(*pro_bono)),
        ])?;
    }
    let sessions: u32 = rows.iter().map(|(_, c)| c.sessions).sum();
    writer.write_record([
        "Total".to_owned(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        sessions.to_string(),
        options.decimal(hundredths_text(total)),
        options.decimal(hundredths_text(total_paid)),
        options.decimal(hundredths_text(total - total_paid)),
    ])?;
    Ok(Exported {
        bytes: options.finish(writer)?,
        warnings: Vec::new(),
    })
}
