//! The reflections of a packet (EMCC's learning log) and its pieces of client feedback: one row
//! per session the scheme counts in its evidence window that carries a reflection, or a piece of
//! client feedback — the very sessions `summary` counts for each requirement — with the four
//! scores and who gave them, the
//! client under the name the packet gives them. The experiment noted and the client's invitation
//! are confidential and left out.

use anyhow::Result;

use super::{Exported, Options, Source, names, text_cell};
use crate::domain::reflection::Scores;
use crate::reports::counting::{Ledger, Rules};
use crate::reports::credential::{Piece, client_feedback, reflected};
use crate::rules::scheme::Scheme;

/// The header of `reflections.csv`, in order.
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

/// The header of `feedback.csv`, in order: whose word it is and how it came (`request`: the
/// client's own answer; `reflect`: scores the coach typed, where the scheme counts them).
pub const FEEDBACK_HEADER: [&str; 10] = [
    "date",
    "client",
    "rated_by",
    "source",
    "answered",
    "relationship",
    "goals",
    "approach",
    "overall",
    "total",
];

/// The cells of four scores and their total, empty without scores.
fn score_cells(options: &Options, scores: Option<Scores>) -> Vec<String> {
    let mut cells: Vec<String> = (0..4)
        .map(|i| scores.map_or_else(String::new, |sc| options.decimal(sc.0[i].to_string())))
        .collect();
    cells.push(scores.map_or_else(String::new, |sc| {
        options.decimal(format!("{:.1}", sc.total()))
    }));
    cells
}

/// The rows of `reflections.csv`: every reflection `scheme` counts.
pub fn reflections(source: &Source, options: &Options, scheme: &Scheme) -> Result<Exported> {
    let mut writer = options.csv_writer();
    writer.write_record(HEADER)?;
    if let Some(evidence) = &scheme.beyond.evidence {
        let ledger = ledger(source, scheme);
        let names = names(source, options);
        for s in reflected(&ledger, evidence.months) {
            let Some(r) = &s.reflection else { continue };
            let mut row = vec![
                s.date.to_string(),
                text_cell(&names.name(&s.partner, source.partners)),
                r.rated_by.as_str().to_owned(),
            ];
            row.extend(score_cells(options, r.scores));
            writer.write_record(row)?;
        }
    }
    Ok(Exported {
        bytes: options.finish(writer)?,
        warnings: Vec::new(),
    })
}

/// The rows of `feedback.csv`: every piece of client feedback `scheme` counts
/// ([`client_feedback`], as `summary` counts them).
pub fn feedback(source: &Source, options: &Options, scheme: &Scheme) -> Result<Exported> {
    let mut writer = options.csv_writer();
    writer.write_record(FEEDBACK_HEADER)?;
    if let Some(evidence) = &scheme.beyond.evidence {
        let ledger = ledger(source, scheme);
        let names = names(source, options);
        for (s, piece) in client_feedback(&ledger, evidence) {
            let (source_word, answered) = match piece {
                Piece::Answer(a) => (a.origin.source(), a.answered.to_string()),
                Piece::Typed(_) => ("reflect", String::new()),
            };
            let mut row = vec![
                s.date.to_string(),
                text_cell(&names.name(&s.partner, source.partners)),
                "client".to_owned(),
                source_word.to_owned(),
                answered,
            ];
            row.extend(score_cells(options, piece.scores()));
            writer.write_record(row)?;
        }
    }
    Ok(Exported {
        bytes: options.finish(writer)?,
        warnings: Vec::new(),
    })
}

fn ledger<'a>(source: &Source<'a>, scheme: &'a Scheme) -> Ledger<'a> {
    Ledger::count(
        source.practice,
        Rules::new(scheme, source.settings),
        source.partners,
    )
}
