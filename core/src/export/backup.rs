//! The `json` export: every partner, session, record, feedback request and setting in one
//! document, a complete backup.

use anyhow::Result;
use serde::Serialize;

use super::{Exported, Options};
use crate::reports::aliases;
use chrono::NaiveDate;

use crate::domain::development::{Cpd, Credential, Development, Education, Mentoring, Supervision};
use crate::domain::feedback::Request;
use crate::domain::id::PartnerId;
use crate::domain::model::{Partner, Session};
use crate::domain::private::Confidential;
use crate::domain::receipt::{KeptReceipt, Pin};
use crate::reports::Partners;
use crate::rules::settings::Settings;

/// What a backup copies: the whole logbook, whatever the day (a copy is not a count, and a backup
/// that left out a session logged ahead would lose it on restore).
pub struct Logbook<'a> {
    /// Every partner.
    pub partners: &'a Partners,
    /// Every session.
    pub sessions: &'a [Session],
    /// The settings.
    pub settings: &'a Settings,
    /// Mentor coaching, supervision, education, continuing education and credentials held.
    pub records: &'a Development,
    /// The requests for feedback made (their answers are in the sessions).
    pub requests: &'a [Request],
    /// The partners' receipts kept, and their keys pinned.
    pub receipts: (&'a [KeptReceipt], &'a [Pin]),
    /// The partners' keys, when notes are encrypted: the backup's sealed text opens with them
    /// (and the coach's key), and with nothing else.
    pub keys: &'a [crate::storage::keys::PartnerKey],
}

/// The backup document.
#[derive(Serialize)]
struct Backup<'a> {
    format: &'static str,
    version: u32,
    partners: Vec<Partner>,
    sessions: Vec<Session>,
    mentoring: Vec<Mentoring>,
    supervision: Vec<Supervision>,
    education: Vec<Education>,
    cpd: Vec<Cpd>,
    credentials: Vec<Credential>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    requests: Vec<Request>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    receipts: Vec<KeptReceipt>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pins: Vec<Pin>,
    config: &'a Settings,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    keys: &'a [crate::storage::keys::PartnerKey],
}

/// Everything in the date range (partners always whole). Under `--anonymize`, names and ids become
/// stable aliases and contacts and notes are dropped.
pub fn export(source: &Logbook, options: &Options) -> Result<Exported> {
    let names = aliases::aliases(source.sessions, source.partners.iter().map(|p| &p.id));
    let alias =
        |id: &PartnerId| -> String { names.get(id).cloned().unwrap_or_else(|| id.to_string()) };
    let anonymous_id = |id: &PartnerId| -> PartnerId {
        PartnerId::from_name(&alias(id)).unwrap_or_else(|| id.clone())
    };
    let mut partners: Vec<Partner> = source.partners.iter().cloned().collect();
    partners.sort_by(|a, b| a.id.cmp(&b.id));
    let mut sessions: Vec<Session> = source
        .sessions
        .iter()
        .filter(|s| options.in_range(s.date))
        .cloned()
        .collect();
    sessions.sort_by(|a, b| (a.date, &a.partner, &a.id).cmp(&(b.date, &b.partner, &b.id)));
    if options.anonymize {
        for p in &mut partners {
            p.name = alias(&p.id);
            p.id = anonymous_id(&p.id);
            p.alias = None;
            p.erase();
        }
        partners.sort_by(|a, b| a.id.cmp(&b.id));
        for s in &mut sessions {
            s.partner = anonymous_id(&s.partner);
            s.erase();
        }
    }
    // The other records are the coach's own, not clients': dated ones follow the range, and
    // --anonymize drops only their notes.
    let dated = |date: NaiveDate| options.in_range(date);
    let quiet = |notes: &mut Option<String>| {
        if options.anonymize {
            *notes = None;
        }
    };
    let records = source.records;
    let mut mentoring: Vec<Mentoring> = records
        .mentoring
        .iter()
        .filter(|m| dated(m.date))
        .cloned()
        .collect();
    mentoring.iter_mut().for_each(|m| quiet(&mut m.notes));
    let mut supervision: Vec<Supervision> = records
        .supervision
        .iter()
        .filter(|s| dated(s.date))
        .cloned()
        .collect();
    supervision.iter_mut().for_each(|s| quiet(&mut s.notes));
    let mut education = records.education.clone();
    education.iter_mut().for_each(|e| quiet(&mut e.notes));
    let mut cpd: Vec<Cpd> = records
        .cpd
        .iter()
        .filter(|c| dated(c.date))
        .cloned()
        .collect();
    cpd.iter_mut().for_each(|c| quiet(&mut c.notes));
    let mut credentials = records.credentials.clone();
    credentials.iter_mut().for_each(|c| quiet(&mut c.notes));
    // A request names a partner and a session; the range follows the session's day.
    let mut requests: Vec<Request> = source
        .requests
        .iter()
        .filter(|r| options.in_range(r.session_date))
        .cloned()
        .collect();
    if options.anonymize {
        requests
            .iter_mut()
            .for_each(|r| r.partner = anonymous_id(&r.partner));
    }
    requests.sort_by(|a, b| (a.sent, &a.id).cmp(&(b.sent, &b.id)));
    // A receipt names its signer as they sign and a pin is their key: an anonymised backup holds
    // neither.
    let (receipts, pins) = if options.anonymize {
        (Vec::new(), Vec::new())
    } else {
        let receipts: Vec<KeptReceipt> = source
            .receipts
            .0
            .iter()
            .filter(|r| options.in_range(r.date))
            .cloned()
            .collect();
        (receipts, source.receipts.1.to_vec())
    };
    let backup = Backup {
        format: "coachlog-backup",
        version: crate::storage::record::FORMAT_VERSION,
        partners,
        sessions,
        mentoring,
        supervision,
        education,
        cpd,
        credentials,
        requests,
        receipts,
        pins,
        config: source.settings,
        // An anonymised backup holds no confidential text, so no key.
        keys: if options.anonymize { &[] } else { source.keys },
    };
    let mut bytes = serde_json::to_vec_pretty(&backup)?;
    bytes.push(b'\n');
    Ok(Exported {
        bytes,
        warnings: Vec::new(),
    })
}
