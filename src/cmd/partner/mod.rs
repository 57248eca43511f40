//! `coachlog partner …`: the people and groups the user coaches or is coached by.

mod add;
mod agree;
mod edit;
mod list;
mod remove;
mod show;

use crate::cli::PartnerDetails;
use crate::domain::agreement;
use crate::domain::model::{ClientType, Format, Partner, PartnerPatch};
use crate::ui;

impl PartnerDetails {
    /// The changes these flags ask for (flags not given change nothing).
    fn patch(&self) -> PartnerPatch {
        PartnerPatch {
            arrangement: self.arrangement,
            group_size: self.group_size.map(Some),
            contact: self.contact.clone().map(Some),
            alias: self.alias.clone().map(Some),
            payment: self.payment.map(Some),
            default_minutes: self.duration.map(Some),
            notes: self
                .notes
                .clone()
                .map(|n| Some(n).filter(|n| !n.is_empty())),
            ..PartnerPatch::default()
        }
    }
}

/// "individual" or "group of 6".
fn format_text(partner: &Partner) -> String {
    match partner.format() {
        Format::Individual => Format::Individual.to_string(),
        Format::Group => format!("group of {}", partner.members()),
    }
}

/// "yes" or "no".
fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

/// Whether a partner's agreement is worth showing and checking: a fellow student, or anyone with
/// whom an agreement was started.
fn has_practice_agreement(partner: &Partner) -> bool {
    partner.client_type == ClientType::Peer || partner.agreement.is_some()
}

/// The agreement as a checklist, one line per item, with what is still to agree.
fn checklist_text(partner: &Partner) -> String {
    let lines = agreement::checklist(partner);
    let mut out = String::new();
    for line in &lines {
        let mark = if line.agreed { "[x]" } else { "[ ]" };
        let value = line
            .value
            .as_deref()
            .map_or_else(String::new, |v| format!(": {}", ui::clean(v, 120)));
        out.push_str(&format!("  {mark} {}{value}\n", line.item.label()));
    }
    let missing: Vec<&str> = lines
        .iter()
        .filter(|l| !l.agreed)
        .map(|l| l.item.flag())
        .collect();
    if missing.is_empty() {
        out.push_str("  Everything is agreed.\n");
    } else {
        out.push_str(&format!(
            "  {} of {} items agreed; still to agree ({}): {}\n",
            lines.len() - missing.len(),
            lines.len(),
            format_args!("coachlog partner agree {}", partner.id),
            missing.join(", ")
        ));
    }
    out
}
