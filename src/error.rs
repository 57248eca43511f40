//! Exit codes, and the errors that are the user's to fix (exit code 2, as clap uses for usage errors).

use std::fmt;
use std::io;

use coachlog_core::domain::lookup::LookupError;
use coachlog_core::storage::SessionLookupError;

/// How a run ends, as the process's exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Done.
    Success,
    /// Something went wrong that is not a bad argument (a file that cannot be read or written), or a
    /// check found what it checks for (`check` with errors, `mix --check` below target).
    Failure,
    /// An invalid argument or value (the status clap uses for usage errors).
    Usage,
    /// The exit status of a program run for the user (`coachlog git …`), passed on.
    Code(i32),
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(match exit {
            Exit::Success => 0,
            Exit::Failure => 1,
            Exit::Usage => 2,
            Exit::Code(code) => u8::try_from(code).unwrap_or(1),
        })
    }
}

/// An argument or value the user must correct; the message says what was wrong and what to type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// A usage error with this message.
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    UsageError(message.into()).into()
}

/// Whether an error is only a closed pipe on stdout (`coachlog sessions | head`): not worth a word.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// How a run that failed with `error` ends.
pub fn exit_for(error: &anyhow::Error) -> Exit {
    let is_usage = error.chain().any(|cause| {
        cause.is::<UsageError>()
            || cause.is::<LookupError>()
            || cause.is::<SessionLookupError>()
            || cause.is::<coachlog_core::storage::guard::Refused>()
            || cause.is::<coachlog_core::storage::Refused>()
            || cause
                .downcast_ref::<io::Error>()
                .and_then(io::Error::get_ref)
                .is_some_and(|inner| inner.is::<coachlog_core::storage::Refused>())
    });
    if is_usage { Exit::Usage } else { Exit::Failure }
}
