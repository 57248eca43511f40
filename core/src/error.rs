//! Whose an error is to fix. An error carries its [`Kind`], so a front end says it and ends the run
//! by the error itself, not by a list of error types it remembers to check: a new refusal is an
//! [`Error`] of its kind, and nothing else needs to know.

use std::fmt;
use std::io;

/// Whose an error is to fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An argument or value the user must correct: the message says what was wrong and what to
    /// type.
    Usage,
    /// A change the logbook refuses as it stands (an attested period, a file no reader would
    /// read): the user's to decide or correct; nothing was written.
    User,
    /// `config.toml` or the environment is set wrong.
    Config,
    /// A bug in coachlog: what was about to happen is not what the code meant.
    Internal,
}

/// An error of a [`Kind`], with its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: Kind,
    message: String,
}

impl Error {
    /// An error of `kind` saying `message`.
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// Whose it is to fix.
    pub fn kind(&self) -> Kind {
        self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.kind == Kind::Internal {
            f.write_str("internal error (a bug in coachlog): ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// A usage error ([`Kind::Usage`]) saying `message`.
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    Error::new(Kind::Usage, message).into()
}

/// A change refused ([`Kind::User`]) saying `message`.
pub fn refused(message: impl Into<String>) -> anyhow::Error {
    Error::new(Kind::User, message).into()
}

/// A setting set wrong ([`Kind::Config`]) saying `message`.
pub fn config(message: impl Into<String>) -> anyhow::Error {
    Error::new(Kind::Config, message).into()
}

/// A bug ([`Kind::Internal`]) saying `message`.
pub fn internal(message: impl Into<String>) -> anyhow::Error {
    Error::new(Kind::Internal, message).into()
}

/// The kind of the first cause of `error` that says one (an [`Error`], also inside an I/O
/// error); `None`: an error of the machine or its files (a file that cannot be read or written).
/// An error of the core's own type for matching (a lookup that found nothing) becomes an [`Error`]
/// of its kind where it leaves its module: it is no `std::error::Error`, so the compiler allows no
/// other way.
pub fn kind_of(error: &anyhow::Error) -> Option<Kind> {
    error.chain().find_map(|cause| {
        cause
            .downcast_ref::<Error>()
            .or_else(|| {
                cause
                    .downcast_ref::<io::Error>()
                    .and_then(io::Error::get_ref)
                    .and_then(|inner| inner.downcast_ref::<Error>())
            })
            .map(Error::kind)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_is_found_through_context_and_inside_an_io_error() {
        let e = usage("--date 2026-13-01 is not a date").context("cannot log");
        assert_eq!(kind_of(&e), Some(Kind::Usage));
        let io = io::Error::new(
            io::ErrorKind::InvalidData,
            Error::new(Kind::User, "too big"),
        );
        assert_eq!(kind_of(&anyhow::Error::from(io)), Some(Kind::User));
        let plain = anyhow::Error::from(io::Error::from(io::ErrorKind::NotFound));
        assert_eq!(kind_of(&plain), None);
    }

    #[test]
    fn an_internal_error_says_it_is_a_bug() {
        assert_eq!(
            internal("a packet entry would be named \"../x\"").to_string(),
            "internal error (a bug in coachlog): a packet entry would be named \"../x\""
        );
    }
}
