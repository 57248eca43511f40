//! What a change did that the user should know, beside what the command says it did, in words.

use coachlog_core::domain::text::for_terminal;
use coachlog_core::storage::Notice;

/// The notice in words.
pub fn text(notice: &Notice) -> String {
    match notice {
        Notice::Reopened {
            id,
            from,
            to,
            subjects,
            reason,
        } => format!(
            "reopened attestation {id} ({from} to {to}) for {}: {}",
            subjects.join(", "),
            for_terminal(reason, 200, "…")
        ),
        Notice::EvidenceRemoved { name, file } => format!("removed its evidence {name} ({file})"),
        Notice::EvidenceKept {
            name,
            file,
            elsewhere,
        } => format!(
            "its evidence {name} stays in {file}, attached to {} too",
            elsewhere.join(", ")
        ),
    }
}
