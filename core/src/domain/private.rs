//! Confidential text: what a client said and how to reach them. With `encrypt_notes` on, each such
//! text is kept sealed (encrypted) for its partner, as `age:` and the base64 of an age file; every
//! figure stays plain. This module says which fields are confidential and what sealed text looks
//! like; the keys and the sealing are the storage layer's.

use super::agreement::Agreement;
use super::model::{NewSession, Partner, Session};

/// How sealed text begins: `age:` and the base64 of an age file's first line,
/// `age-encryption.org/v1`. (The base64 after `age:` is an age file: `base64 -d | age -d` opens it
/// with the partner's key.)
pub const SEALED_PREFIX: &str = "age:YWdlLWVuY3J5cHRpb24ub3JnL3Yx";

/// Whether `text` is sealed.
pub fn is_sealed(text: &str) -> bool {
    text.starts_with(SEALED_PREFIX)
}

/// What a sealed text shows where it cannot be opened (the warning printed with it says why: the
/// key is not on this device, the client was forgotten, the text is damaged).
pub const LOCKED: &str = "[encrypted: not opened here, as the warning says]";

/// `text` as an output may show it: sealed text that was not opened shows as [`LOCKED`], never as
/// its ciphertext.
pub fn shown(text: &str) -> &str {
    if is_sealed(text) { LOCKED } else { text }
}

/// A record with confidential text fields.
pub trait Confidential {
    /// Calls `f` on each confidential text it holds.
    fn each_private(&mut self, f: &mut dyn FnMut(&mut String));

    /// Removes every confidential text it holds (an anonymised export, a client forgotten).
    fn erase(&mut self);

    /// Whether any of its confidential text is sealed.
    fn has_sealed(&mut self) -> bool {
        let mut sealed = false;
        self.each_private(&mut |t| sealed |= is_sealed(t));
        sealed
    }
}

/// A session's confidential text, logged or new: its notes, its reflection's experiment and the
/// client's invitation in their answer.
macro_rules! session_text {
    ($($session:ty),+) => {$(
        impl Confidential for $session {
            fn each_private(&mut self, f: &mut dyn FnMut(&mut String)) {
                self.notes.iter_mut().for_each(&mut *f);
                if let Some(r) = &mut self.reflection {
                    r.experiment.iter_mut().for_each(&mut *f);
                }
                if let Some(a) = &mut self.feedback {
                    a.experiment.iter_mut().for_each(&mut *f);
                }
            }

            fn erase(&mut self) {
                self.notes = None;
                if let Some(r) = &mut self.reflection {
                    r.experiment = None;
                }
                if let Some(a) = &mut self.feedback {
                    a.experiment = None;
                }
            }
        }
    )+};
}

session_text!(Session, NewSession);

impl Confidential for Agreement {
    fn each_private(&mut self, f: &mut dyn FnMut(&mut String)) {
        for text in [
            &mut self.timezone,
            &mut self.frequency,
            &mut self.rescheduling,
            &mut self.platform,
            &mut self.confidentiality,
            &mut self.ai_use,
            &mut self.coaches_instead,
            &mut self.approach,
            &mut self.if_not_working,
            &mut self.working_on,
        ]
        .into_iter()
        .flatten()
        {
            f(text);
        }
    }

    fn erase(&mut self) {
        *self = Agreement {
            recording: self.recording,
            transcripts: self.transcripts,
            approach_discussed: self.approach_discussed,
            feedback: self.feedback,
            real_topic: self.real_topic,
            ..Agreement::default()
        };
    }
}

impl Confidential for Partner {
    fn each_private(&mut self, f: &mut dyn FnMut(&mut String)) {
        self.contact.iter_mut().for_each(&mut *f);
        self.emails.iter_mut().for_each(&mut *f);
        self.notes.iter_mut().for_each(&mut *f);
        if let Some(a) = &mut self.agreement {
            a.each_private(f);
        }
    }

    /// Its contact, addresses, notes and whole agreement (what two people agreed says who they
    /// are).
    fn erase(&mut self) {
        self.contact = None;
        self.emails.clear();
        self.notes = None;
        self.agreement = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::ClientType;

    #[test]
    fn a_partner_s_contact_emails_notes_and_agreement_are_confidential_and_its_name_is_not() {
        let mut p = Partner::new(
            "alex-kim".parse().expect("id"),
            "Alex Kim".into(),
            ClientType::Peer,
        );
        p.contact = Some("+49 30 1234".into());
        p.emails = vec!["alex@example.org".into()];
        p.notes = Some("prefers mornings".into());
        p.agreement = Some(Agreement {
            platform: Some("Zoom".into()),
            recording: Some(true),
            ..Agreement::default()
        });
        let mut seen = Vec::new();
        p.each_private(&mut |t| seen.push(t.clone()));
        assert_eq!(
            seen,
            [
                "+49 30 1234",
                "alex@example.org",
                "prefers mornings",
                "Zoom"
            ]
        );
        assert!(!p.has_sealed());
        p.notes = Some(format!("{SEALED_PREFIX}Ci0+IFgy"));
        assert!(p.has_sealed());
        assert!(!is_sealed("age: 42, retired"));
        p.erase();
        let mut left = 0;
        p.each_private(&mut |_| left += 1);
        assert_eq!(left, 0, "nothing confidential is left");
        assert_eq!(p.name, "Alex Kim");
    }
}
