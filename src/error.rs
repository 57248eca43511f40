//! How a run ends: its exit status follows from the kind of its error
//! ([`coachlog_core::error::Kind`]), which the error carries.

use std::io;

pub use coachlog_core::error::usage;
use coachlog_core::error::{Kind, kind_of};

/// How a run ends, as the process's exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Done.
    Success,
    /// Something went wrong that is not a bad argument (a file that cannot be read or written, a
    /// `config.toml` set wrong), or a check found what it checks for (`check` with errors, `mix
    /// --check` below target).
    Failure,
    /// An invalid argument or value, or a change refused as the logbook stands (the status clap
    /// uses for usage errors).
    Usage,
    /// A bug in coachlog.
    Internal,
    /// The exit status of a program run for the user (`coachlog git …`), passed on.
    Code(i32),
}

/// The exit status of a bug: `EX_SOFTWARE` of BSD's sysexits, as a panic's is Rust's 101.
pub const INTERNAL_STATUS: u8 = 70;

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(match exit {
            Exit::Success => 0,
            Exit::Failure => 1,
            Exit::Usage => 2,
            Exit::Internal => INTERNAL_STATUS,
            Exit::Code(code) => u8::try_from(code).unwrap_or(1),
        })
    }
}

/// Whether an error is only a closed pipe on stdout (`coachlog sessions | head`): not worth a word.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// How a run that failed with `error` ends: by the kind the error says.
pub fn exit_for(error: &anyhow::Error) -> Exit {
    match kind_of(error) {
        Some(Kind::Usage | Kind::User) => Exit::Usage,
        Some(Kind::Config) | None => Exit::Failure,
        Some(Kind::Internal) => Exit::Internal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use coachlog_core::error::{internal, refused};

    #[test]
    fn the_exit_status_follows_from_the_kind() {
        assert_eq!(exit_for(&usage("--date")), Exit::Usage);
        assert_eq!(exit_for(&refused("attested").context("log")), Exit::Usage);
        assert_eq!(exit_for(&internal("a bug")), Exit::Internal);
        assert_eq!(
            exit_for(&io::Error::from(io::ErrorKind::PermissionDenied).into()),
            Exit::Failure
        );
    }
}
