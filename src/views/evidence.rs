//! `coachlog evidence`: the evidence attached to each record, and with `--missing` what still has
//! none, as tables and as JSON.

use std::fmt::Write as _;

use serde::Serialize;

use super::Look;
use crate::ui::table::{Column, Grid};
use coachlog_core::domain::evidence::EvidenceKind;
use coachlog_core::storage::evidence::{Entry, Holder};

/// A size as a person reads it: `812 bytes`, `34 KiB`, `2.4 MiB`.
pub fn size(bytes: u64) -> String {
    match bytes {
        0..1024 => format!("{bytes} bytes"),
        1024..1_048_576 => format!("{} KiB", bytes.div_ceil(1024)),
        _ => format!("{:.1} MiB", bytes as f64 / 1_048_576.0),
    }
}

/// A piece of evidence attached to a record, and its file under the data directory (`None`: the
/// file is missing).
pub type Attached<'h> = (&'h Holder, &'h Entry, Option<String>);

/// One piece of evidence in `evidence --json`.
#[derive(Serialize)]
pub struct AttachedJson<'a> {
    record: &'a str,
    id: &'a str,
    kind: EvidenceKind,
    name: &'a str,
    size: u64,
    sha256: &'a str,
    attached: String,
    /// Its file, under the data directory; `null` when it is missing.
    file: Option<String>,
}

/// The evidence attached, for `--json`.
pub fn attached_json<'a>(attached: &'a [Attached<'a>]) -> Vec<AttachedJson<'a>> {
    attached
        .iter()
        .map(|(h, e, file)| AttachedJson {
            record: h.noun,
            id: &h.id,
            kind: e.kind,
            name: &e.name,
            size: e.size,
            sha256: &e.sha256,
            attached: e.attached_on().to_string(),
            file: file.clone(),
        })
        .collect()
}

/// The evidence attached, as a table (or what to do when there is none).
pub fn attached_text(attached: &[Attached<'_>], look: &Look) -> String {
    if attached.is_empty() {
        return "No evidence attached yet: `coachlog attach ID FILE` keeps a certificate, a \
                consent or a letter with its record; `coachlog evidence --missing` lists what \
                wants one.\n"
            .to_owned();
    }
    let mut table = Grid::new(
        look,
        [
            Column::keep("Record"),
            Column::keep("ID"),
            Column::keep("Kind"),
            Column::wrap("File"),
            Column::keep("Size").right(),
            Column::keep("Attached").optional(1),
        ],
    );
    for (h, e, file) in attached {
        table.row([
            h.noun.to_owned(),
            h.id.clone(),
            e.kind.to_string(),
            if file.is_none() {
                format!("{} (missing: `coachlog check`)", look.clean(&e.name, 60))
            } else {
                look.clean(&e.name, 60)
            },
            size(e.size),
            e.attached_on().to_string(),
        ]);
    }
    table.render()
}

/// One record without the evidence it wants, in `evidence --missing --json`.
#[derive(Serialize)]
pub struct MissingJson<'a> {
    record: &'a str,
    id: &'a str,
    label: &'a str,
    wants: EvidenceKind,
}

/// What still has no evidence, for `--json`.
pub fn missing_json<'a>(missing: &'a [(&'a Holder, EvidenceKind)]) -> Vec<MissingJson<'a>> {
    missing
        .iter()
        .map(|(h, wants)| MissingJson {
            record: h.noun,
            id: &h.id,
            label: &h.label,
            wants: *wants,
        })
        .collect()
}

/// What still has no evidence, as a table with what to do; `consent_forms`: whether the coach
/// keeps consent forms.
pub fn missing_text(
    missing: &[(&Holder, EvidenceKind)],
    consent_forms: bool,
    look: &Look,
) -> String {
    if missing.is_empty() {
        return "Nothing is missing its evidence.\n".to_owned();
    }
    let mut table = Grid::new(
        look,
        [
            Column::keep("Record"),
            Column::keep("ID"),
            Column::wrap("What"),
            Column::keep("Wants"),
        ],
    );
    for (h, wants) in missing {
        table.row([
            h.noun.to_owned(),
            h.id.clone(),
            look.clean(&h.label, 60),
            wants.to_string(),
        ]);
    }
    let mut out = table.render();
    let _ = writeln!(
        out,
        "{} without evidence: attach each with `coachlog attach ID FILE`.",
        coachlog_core::domain::text::count(missing.len(), "record", "records")
    );
    if !consent_forms {
        out.push_str(
            "Consent forms are not asked for: `coachlog config set evidence.consent_forms true` \
             if you keep them.\n",
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::size;

    #[test]
    fn a_size_reads_as_a_person_says_it() {
        assert_eq!(size(812), "812 bytes");
        assert_eq!(size(34 * 1024), "34 KiB");
        assert_eq!(size(2_516_582), "2.4 MiB");
    }
}
