//! Exit codes, and the errors that are the user's to fix (exit code 2, as clap uses for usage errors).

use std::fmt;
use std::io;

use crate::domain::lookup::LookupError;
use crate::storage::SessionLookupError;

/// Success.
pub const EXIT_OK: i32 = 0;
/// Something went wrong that is not a bad argument: a file that cannot be read or written, say.
pub const EXIT_FAILURE: i32 = 1;
/// An invalid argument or value (the same code clap uses for usage errors).
pub const EXIT_USAGE: i32 = 2;

/// An argument or value the user must correct; the message says what was wrong and what to type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// A `--check` that found the logbook short of its target: the report has been printed, so the
/// command only needs to exit with status 1, without another word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckFailed;

impl fmt::Display for CheckFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the check failed")
    }
}

impl std::error::Error for CheckFailed {}

/// Whether an error only ends the command with a status, its output already said everything.
pub fn is_silent(error: &anyhow::Error) -> bool {
    error.is::<CheckFailed>()
}

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

/// The exit code for an error.
pub fn exit_code(error: &anyhow::Error) -> i32 {
    let is_usage = error.chain().any(|cause| {
        cause.is::<UsageError>() || cause.is::<LookupError>() || cause.is::<SessionLookupError>()
    });
    if is_usage { EXIT_USAGE } else { EXIT_FAILURE }
}
