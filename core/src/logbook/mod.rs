//! The logbook read whole (partners, sessions, the other records, the settings), and what is
//! judged from all of it together with the files beside it: the inbox, the attestations and what
//! is due.

pub mod due;
pub mod inbox_files;

use crate::domain::attestation::Attestation;
use crate::domain::development::Development;
use crate::domain::model::{Partner, Session};
use crate::reports::Partners;
use crate::reports::attested::{self, Judgment};
use crate::rules::settings::Settings;
use crate::storage::development::KeptFile;

/// Everything in the logbook, read and checked.
pub struct Logbook {
    /// Every partner, by id.
    pub partners: Vec<Partner>,
    /// Every session.
    pub sessions: Vec<Session>,
    /// Mentor coaching, supervision, education, continuing education and credentials held.
    pub records: Development,
    /// The settings of `config.toml`, or the defaults.
    pub settings: Settings,
}

impl Logbook {
    /// A logbook with nothing in it yet (and the default settings).
    pub fn empty() -> Self {
        Logbook {
            partners: Vec::new(),
            sessions: Vec::new(),
            records: Development::default(),
            settings: Settings::default(),
        }
    }
}

/// Each attestation judged against the logbook as it is.
pub fn judged_attestations(
    all: &[KeptFile<Attestation>],
    logbook: &Logbook,
) -> Vec<(KeptFile<Attestation>, Judgment)> {
    let partners = Partners::new(logbook.partners.clone());
    all.iter()
        .map(|k| {
            let j = attested::judge(&k.record, &logbook.sessions, &partners, &logbook.settings);
            (k.clone(), j)
        })
        .collect()
}
