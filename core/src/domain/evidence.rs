//! Evidence: a file that backs a record (a certificate for a course, a client's consent, a mentor's
//! letter), kept in the logbook by the hash of its content and named in the record's file.

use serde::{Deserialize, Serialize};

/// What a piece of evidence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceKind {
    /// A certificate of a course, of continuing education or of a credential.
    Certificate,
    /// A client's consent (to be named in an accreditor's log, say).
    Consent,
    /// A client's consent to a session being recorded (for a performance evaluation).
    RecordingConsent,
    /// A letter or statement (from a mentor, a supervisor).
    Letter,
    /// A reference.
    Reference,
    /// The statement of an attested period as coachlog wrote it, to be signed.
    Statement,
    /// Anything else.
    Other,
}

impl EvidenceKind {
    /// Every kind, in the order help lists them.
    pub const ALL: &'static [EvidenceKind] = &[
        EvidenceKind::Certificate,
        EvidenceKind::Consent,
        EvidenceKind::RecordingConsent,
        EvidenceKind::Letter,
        EvidenceKind::Reference,
        EvidenceKind::Statement,
        EvidenceKind::Other,
    ];

    /// What it is, for help.
    pub fn describe(self) -> &'static str {
        match self {
            EvidenceKind::Certificate => "a certificate (education, CPD, a credential)",
            EvidenceKind::Consent => "a client's consent to be named in an accreditor's log",
            EvidenceKind::RecordingConsent => "a client's consent to a session's recording",
            EvidenceKind::Letter => "a letter or statement (a mentor's, a supervisor's)",
            EvidenceKind::Reference => "a reference",
            EvidenceKind::Statement => "the statement of an attested period, as coachlog wrote it",
            EvidenceKind::Other => "anything else",
        }
    }

    /// The word a record file and the command line use.
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceKind::Certificate => "certificate",
            EvidenceKind::Consent => "consent",
            EvidenceKind::RecordingConsent => "recording-consent",
            EvidenceKind::Letter => "letter",
            EvidenceKind::Reference => "reference",
            EvidenceKind::Statement => "statement",
            EvidenceKind::Other => "other",
        }
    }
}

impl std::fmt::Display for EvidenceKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether `text` is a SHA-256 in lower-case hex.
pub fn is_sha256(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

crate::domain::vocabulary::impl_vocabulary!(EvidenceKind);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_64_lower_case_hex_digits() {
        assert!(is_sha256(&"0f".repeat(32)));
        assert!(!is_sha256(&"0F".repeat(32)));
        assert!(!is_sha256("abc"));
        assert_eq!(
            EvidenceKind::RecordingConsent.to_string(),
            "recording-consent"
        );
    }
}
