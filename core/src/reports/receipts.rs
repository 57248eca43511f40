//! Receipts judged against the sessions they confirm: a receipt that says what this logbook holds
//! confirms its session; one that says otherwise is a disagreement (kept so, or the record changed
//! since it was kept); and the reciprocal hours the partners' own logbooks confirm.

use crate::domain::attestation::session_hash;
use crate::domain::model::{Arrangement, Format, Role, Session};
use crate::domain::receipt::{KeptReceipt, Receipt};

/// Where a kept receipt stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// It says what the session holds.
    Confirmed,
    /// It said otherwise when it was kept, and still does: what differs.
    Disagrees(Vec<String>),
    /// It agreed, or differed otherwise, when it was kept, and the session's record changed since:
    /// what differs now.
    Changed(Vec<String>),
    /// Its session is no longer in the logbook.
    SessionGone,
    /// Its signature does not hold (the file was changed): why.
    Broken(String),
}

/// A kept receipt, judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judged<'a> {
    /// The receipt as kept.
    pub kept: &'a KeptReceipt,
    /// What it says, where it reads.
    pub receipt: Option<Receipt>,
    /// Where it stands.
    pub standing: Standing,
}

/// The format of a session as a receipt says it.
pub fn format_of(session: &Session) -> String {
    match session.facts.group_size {
        Some(size) if session.facts.format() == Format::Group => format!("group of {}", size.get()),
        _ => "individual".to_owned(),
    }
}

/// What differs between a receipt and this logbook's record of the same session (seen from the
/// other side: the receipt's coach is this logbook's client, and the other way round).
pub fn differences(receipt: &Receipt, session: &Session) -> Vec<String> {
    let mut out = Vec::new();
    if receipt.date != session.date {
        out.push(format!(
            "date: {} here, {} in the receipt",
            session.date, receipt.date
        ));
    }
    if receipt.minutes != session.minutes.get() {
        out.push(format!(
            "minutes: {} here, {} in the receipt",
            session.minutes.get(),
            receipt.minutes
        ));
    }
    // The issuer coached: this logbook was the client.
    let my_role = receipt.issuer.counterpart();
    if session.role != my_role {
        out.push(format!(
            "role: {} here, {} in the receipt",
            session.role.as_str(),
            my_role.as_str()
        ));
    }
    if receipt.payment != session.payment {
        out.push(format!(
            "payment: {} here, {} in the receipt",
            session.payment.as_str(),
            receipt.payment.as_str()
        ));
    }
    let format = format_of(session);
    if receipt.format != format {
        out.push(format!(
            "format: {format} here, {} in the receipt",
            receipt.format
        ));
    }
    out
}

/// Each kept receipt, judged against `sessions` as they are.
pub fn judge<'a>(kept: &'a [KeptReceipt], sessions: &[Session]) -> Vec<Judged<'a>> {
    kept.iter()
        .map(|k| {
            let receipt =
                match crate::storage::signing::verify(&k.text, &k.signature).and_then(|key| {
                    let receipt = Receipt::parse(&k.text)?;
                    let signer = crate::storage::signing::fingerprint(&key);
                    if receipt.signer().key.as_deref() == Some(signer.as_str()) {
                        Ok(receipt)
                    } else {
                        Err(format!("it is signed by {signer}, not by the key it names"))
                    }
                }) {
                    Ok(receipt) => receipt,
                    Err(why) => {
                        return Judged {
                            kept: k,
                            receipt: None,
                            standing: Standing::Broken(why),
                        };
                    }
                };
            let standing = match sessions.iter().find(|s| s.id == k.session) {
                None => Standing::SessionGone,
                Some(session) => {
                    let differs = differences(&receipt, session);
                    if differs.is_empty() {
                        Standing::Confirmed
                    } else if session_hash(session) == k.sha256 {
                        Standing::Disagrees(differs)
                    } else {
                        Standing::Changed(differs)
                    }
                }
            };
            Judged {
                kept: k,
                receipt: Some(receipt),
                standing,
            }
        })
        .collect()
}

/// The reciprocal minutes a partner's receipt confirms, and all reciprocal minutes, each as given
/// (this logbook coached) and received.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Confirmed {
    /// Minutes coached in reciprocal sessions.
    pub given: u64,
    /// Of which a receipt confirms.
    pub given_confirmed: u64,
    /// Minutes received in reciprocal sessions.
    pub received: u64,
    /// Of which a receipt confirms.
    pub received_confirmed: u64,
}

/// The reciprocal hours of `sessions` up to `as_of`, and those a kept receipt confirms.
pub fn confirmed(judged: &[Judged], sessions: &[Session], as_of: chrono::NaiveDate) -> Confirmed {
    let confirmed: std::collections::HashSet<&str> = judged
        .iter()
        .filter(|j| j.standing == Standing::Confirmed)
        .map(|j| j.kept.session.as_str())
        .collect();
    let mut out = Confirmed::default();
    for s in sessions
        .iter()
        .filter(|s| s.arrangement == Arrangement::Reciprocal && s.date <= as_of)
    {
        let minutes = u64::from(s.minutes.get());
        let yes = confirmed.contains(s.id.as_str());
        match s.role {
            Role::Coach => {
                out.given += minutes;
                out.given_confirmed += if yes { minutes } else { 0 };
            }
            Role::Client => {
                out.received += minutes;
                out.received_confirmed += if yes { minutes } else { 0 };
            }
            // Observing is neither given nor received.
            Role::Observer => {}
        }
    }
    out
}
