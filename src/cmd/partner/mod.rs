//! `coachlog partner …`: the people and groups the user coaches or is coached by.

mod add;
mod agree;
mod edit;
mod end;
mod forget;
mod list;
mod remove;
mod show;

use crate::cli::PartnerDetails;
use coachlog_core::domain::model::PartnerPatch;

impl PartnerDetails {
    /// The changes these flags ask for (flags not given change nothing).
    fn patch(&self) -> PartnerPatch {
        PartnerPatch {
            arrangement: self.arrangement,
            group_size: self.group_size.map(Some),
            contact: self.contact.clone().map(Some),
            emails: (!self.email.is_empty()).then(|| self.email.clone()),
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
