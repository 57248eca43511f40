//! A receipt: what one logbook holds of a session, in a few plain lines, for the other partner's
//! logbook to keep beside its own record of the same session. It is signed in the OpenSSH
//! signature format (see [`crate::storage::signing`]), so that anyone can check it with
//! `ssh-keygen -Y verify` and the signer's public key, without coachlog.
//!
//! ```text
//! coachlog receipt 1
//! issued: 2026-11-21
//! session: k3f9qa
//! date: 2026-11-20
//! minutes: 60
//! format: individual
//! payment: exchange
//! coach: Robin Meyer <SHA256:Xf3…>
//! client: Alex Kim <SHA256:9aQ…>
//! issuer: coach
//! ```
//!
//! A party's key is the fingerprint of their signing key; `unknown` where the issuer has not
//! pinned the other's key yet. When the issuer was the client and answered the questions about
//! the session, `scores`, `experiment` and `share` (whether the coach may show them, without the
//! client's name) follow. Nothing else: no notes, no other client.

use std::fmt;

use chrono::NaiveDate;

use super::id::PartnerId;
use super::model::{Payment, Role};
use super::reflection::Scores;
use super::text;

/// The first line of a receipt.
pub const FIRST_LINE: &str = "coachlog receipt 1";

/// The namespace of the signature (`ssh-keygen -Y verify -n coachlog-receipt`).
pub const NAMESPACE: &str = "coachlog-receipt";

/// The most a receipt's text may hold: a dozen short lines.
pub const MAX_BYTES: usize = 8 * 1024;

/// A party of the session: the name the issuer uses, and their key's fingerprint if known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    /// The name, as the issuer calls them.
    pub name: String,
    /// `SHA256:…`, or `None` where the issuer does not know their key.
    pub key: Option<String>,
}

impl fmt::Display for Party {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} <{}>",
            self.name,
            self.key.as_deref().unwrap_or("unknown")
        )
    }
}

/// What a receipt says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// The day it was made.
    pub issued: NaiveDate,
    /// The issuer's id of the session.
    pub session: String,
    /// The session's day.
    pub date: NaiveDate,
    /// Its length in minutes.
    pub minutes: u32,
    /// `individual`, or `group of N`.
    pub format: String,
    /// What the client gave.
    pub payment: Payment,
    /// Who coached.
    pub coach: Party,
    /// Who was coached.
    pub client: Party,
    /// Which of the two signed it.
    pub issuer: Role,
    /// The client's answers, when the issuer was the client and gave them.
    pub scores: Option<Scores>,
    /// What the client invites the coach to experiment with, with the scores.
    pub experiment: Option<String>,
    /// With the scores: whether the client lets them be shown, without their name, to a mentor or
    /// an accreditor.
    pub share: bool,
}

impl Receipt {
    /// The party who signed.
    pub fn signer(&self) -> &Party {
        // A receipt is issued by its coach or its client (an observer signs none).
        if self.issuer == Role::Coach {
            &self.coach
        } else {
            &self.client
        }
    }

    /// The other party: the logbook that keeps it.
    pub fn receiver(&self) -> &Party {
        if self.issuer == Role::Coach {
            &self.client
        } else {
            &self.coach
        }
    }

    /// The text that is signed.
    pub fn text(&self) -> String {
        let mut out = format!(
            "{FIRST_LINE}\nissued: {}\nsession: {}\ndate: {}\nminutes: {}\nformat: {}\n\
             payment: {}\ncoach: {}\nclient: {}\nissuer: {}\n",
            self.issued,
            self.session,
            self.date,
            self.minutes,
            self.format,
            self.payment.as_str(),
            self.coach,
            self.client,
            self.issuer.as_str(),
        );
        if let Some(scores) = self.scores {
            out.push_str(&format!("scores: {scores}\n"));
        }
        if let Some(experiment) = &self.experiment {
            out.push_str(&format!("experiment: {experiment}\n"));
        }
        if self.scores.is_some() {
            out.push_str(&format!(
                "share: {}\n",
                if self.share { "yes" } else { "no" }
            ));
        }
        out
    }

    /// Reads a receipt's text, strictly: every line known, once, in order.
    pub fn parse(text: &str) -> Result<Receipt, String> {
        if text.len() > MAX_BYTES {
            return Err(format!(
                "it is {} bytes, more than a receipt's {MAX_BYTES}",
                text.len()
            ));
        }
        let mut lines = text.lines();
        if lines.next() != Some(FIRST_LINE) {
            return Err(format!("it does not begin with the line '{FIRST_LINE}'"));
        }
        let mut values: Vec<(&str, &str)> = Vec::new();
        for line in lines {
            let (key, value) = line
                .split_once(": ")
                .ok_or_else(|| format!("'{}' is not a line 'key: value'", shown(line)))?;
            values.push((key, value));
        }
        const KEYS: [&str; 9] = [
            "issued", "session", "date", "minutes", "format", "payment", "coach", "client",
            "issuer",
        ];
        for (i, key) in KEYS.iter().enumerate() {
            match values.get(i) {
                Some((k, _)) if k == key => {}
                _ => return Err(format!("its line {} is not '{key}: …'", i + 2)),
            }
        }
        let rest = &values[KEYS.len()..];
        let mut scores = None;
        let mut experiment = None;
        let mut share = None;
        for (key, value) in rest {
            match *key {
                "scores" if scores.is_none() && share.is_none() => {
                    scores = Some(value.parse::<Scores>()?);
                }
                "experiment" if scores.is_some() && experiment.is_none() && share.is_none() => {
                    experiment = Some(single(value)?);
                }
                "share" if scores.is_some() && share.is_none() => {
                    share = Some(match *value {
                        "yes" => true,
                        "no" => false,
                        other => {
                            return Err(format!("share: '{}' is not yes or no", shown(other)));
                        }
                    });
                }
                other => {
                    return Err(format!(
                        "'{}' is not a line of a receipt here",
                        shown(other)
                    ));
                }
            }
        }
        if scores.is_some() && share.is_none() {
            return Err("its scores come without a line 'share: yes|no'".into());
        }
        let get = |i: usize| values[i].1;
        let date = |i: usize, what: &str| {
            get(i)
                .parse::<NaiveDate>()
                .map_err(|_| format!("{what}: '{}' is not a date (2026-11-20)", shown(get(i))))
        };
        let minutes = get(3)
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=24 * 60).contains(m))
            .ok_or_else(|| format!("minutes: '{}' is not 1 to 1440", shown(get(3))))?;
        let format = get(4);
        let group = format
            .strip_prefix("group of ")
            .is_some_and(|n| n.parse::<u32>().is_ok_and(|n| n >= 2));
        if format != "individual" && !group {
            return Err(format!(
                "format: '{}' is not 'individual' or 'group of N'",
                shown(format)
            ));
        }
        let session = get(1);
        if session.is_empty()
            || session.len() > 16
            || !session
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        {
            return Err(format!(
                "session: '{}' is not a session's id",
                shown(session)
            ));
        }
        Ok(Receipt {
            issued: date(0, "issued")?,
            session: session.to_owned(),
            date: date(2, "date")?,
            minutes,
            format: format.to_owned(),
            payment: get(5).parse::<Payment>().map_err(|_| {
                format!(
                    "payment: '{}' is not paid, exchange or pro-bono",
                    shown(get(5))
                )
            })?,
            coach: party(get(6)).map_err(|e| format!("coach: {e}"))?,
            client: party(get(7)).map_err(|e| format!("client: {e}"))?,
            issuer: match get(8) {
                "coach" => Role::Coach,
                "client" => Role::Client,
                other => return Err(format!("issuer: '{}' is not coach or client", shown(other))),
            },
            scores,
            experiment,
            share: share.unwrap_or(false),
        })
    }
}

/// A receipt kept beside the session it confirms (`receipts/<date>-<partner>-<id>.toml`), as it
/// was received: its text and signature, the session of this logbook it was matched to, and that
/// session's counted facts then (so that a later change of the record is named).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct KeptReceipt {
    /// The record's short id.
    pub id: String,
    /// This logbook's session it confirms.
    pub session: String,
    /// The partner who signed it.
    pub partner: PartnerId,
    /// The session's day.
    pub date: NaiveDate,
    /// The day it was kept.
    pub kept: NaiveDate,
    /// The SHA-256 of the session's counted facts when it was kept
    /// ([`super::attestation::session_hash`]).
    pub sha256: String,
    /// The signed text.
    pub text: String,
    /// The armored signature.
    pub signature: String,
}

/// A partner's signing key, pinned on first use (`pins/<pinned>-<partner>-<id>.toml`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Pin {
    /// The record's short id.
    pub id: String,
    /// The partner.
    pub partner: PartnerId,
    /// Their public key, one OpenSSH line.
    pub key: String,
    /// Its fingerprint, `SHA256:…`.
    pub fingerprint: String,
    /// The day it was pinned.
    pub pinned: NaiveDate,
}

/// Text from a receipt as a message may quote it: short, and safe for a terminal.
fn shown(text: &str) -> String {
    text::for_terminal(text, 60, "…")
}

/// A one-line value without control or direction characters.
fn single(value: &str) -> Result<String, String> {
    text::single_line(value).map_err(|e| format!("'{}': {e}", shown(value)))
}

/// `Name <SHA256:…>` or `Name <unknown>`.
fn party(value: &str) -> Result<Party, String> {
    let (name, key) = value
        .strip_suffix('>')
        .and_then(|v| v.rsplit_once(" <"))
        .ok_or_else(|| format!("'{}' is not 'Name <SHA256:…>'", shown(value)))?;
    let name = single(name)?;
    let key = match key {
        "unknown" => None,
        k if k.starts_with("SHA256:")
            && k.len() <= 64
            && k[7..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '/') =>
        {
            Some(k.to_owned())
        }
        other => return Err(format!("'{}' is not a key's fingerprint", shown(other))),
    };
    Ok(Party { name, key })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn receipt() -> Receipt {
        Receipt {
            issued: "2026-11-21".parse().expect("date"),
            session: "k3f9qa".into(),
            date: "2026-11-20".parse().expect("date"),
            minutes: 60,
            format: "individual".into(),
            payment: Payment::Exchange,
            coach: Party {
                name: "Robin Meyer".into(),
                key: Some("SHA256:abcDEF123+/x".into()),
            },
            client: Party {
                name: "Alex Kim".into(),
                key: None,
            },
            issuer: Role::Coach,
            scores: None,
            experiment: None,
            share: false,
        }
    }

    #[test]
    fn a_receipt_reads_back_as_written() {
        let r = receipt();
        assert_eq!(Receipt::parse(&r.text()), Ok(r.clone()));
        let answered = Receipt {
            issuer: Role::Client,
            scores: "9,10,8,9".parse().ok(),
            experiment: Some("more silence".into()),
            share: true,
            ..r
        };
        let text = answered.text();
        assert!(
            text.ends_with(
                "issuer: client\nscores: 9,10,8,9\nexperiment: more silence\nshare: yes\n"
            )
        );
        assert_eq!(Receipt::parse(&text), Ok(answered));
    }

    #[test]
    fn anything_else_is_refused_with_what_is_wrong() {
        let text = receipt().text();
        for (changed, needle) in [
            (text.replace("minutes: 60", "minutes: 6000"), "minutes"),
            (text.replace("minutes: 60\n", ""), "is not 'minutes"),
            (
                text.replace("Alex Kim <unknown>", "Alex\u{1b}[2J <unknown>"),
                "client",
            ),
            (
                text.replace("<unknown>", "<12345>"),
                "not a key's fingerprint",
            ),
            (format!("{text}notes: secret\n"), "not a line of a receipt"),
            (
                text.replace("coachlog receipt 1", "receipt"),
                "does not begin",
            ),
            (text.replace("individual", "group of 1"), "format"),
        ] {
            let err = Receipt::parse(&changed).expect_err(needle);
            assert!(err.contains(needle), "{needle}: {err}");
            assert!(!err.contains('\u{1b}'), "{err:?}");
        }
    }
}
