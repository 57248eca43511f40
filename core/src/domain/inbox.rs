//! The inbox's memory, kept in the logbook (and so synced with it), never in one device:
//!
//! - one record for each line of the phone's inbox it took ([`InboxTaken`]): the file, the SHA-256
//!   of the line's text, the day it meant, and the session it became — so a line taken stays
//!   taken whatever becomes of its session (the coach may remove it, and it does not come back);
//! - one record for each reading of a file that found it changed ([`InboxRead`]): the lines it
//!   held, each with the day it meant when that was known — so the next reading knows which lines
//!   are new since (the same text written again on another day is another line), which were
//!   changed in place (a correction), and which were cleared.

use chrono::NaiveDate;
use serde::Serialize;

use super::id::PartnerId;

/// A line of the inbox, taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InboxTaken {
    /// The record's short id; the session logged from the line has the same one.
    pub id: String,
    /// The inbox file, under the data directory (`inbox.txt`, `inbox/phone.txt`).
    pub file: String,
    /// Its line when it was taken.
    pub line: u32,
    /// The SHA-256 of the line's text.
    pub sha256: String,
    /// The day the line meant.
    pub date: NaiveDate,
    /// The words that said the day (`2026-12-02`, `yesterday`, `last friday`).
    pub said: String,
    /// The partner it named.
    pub partner: PartnerId,
    /// The session logged from it (or changed by it).
    pub session: String,
    /// The day it was taken.
    pub taken: NaiveDate,
    /// The SHA-256 of the text of the line it corrected (the same line, changed on the phone), if
    /// it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corrects: Option<String>,
}

/// A reading of an inbox file that found it changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InboxRead {
    /// The record's short id.
    pub id: String,
    /// The inbox file, under the data directory.
    pub file: String,
    /// The day it was read.
    pub day: NaiveDate,
    /// The file's modification time then, in nanoseconds since 1970 (so a file written again
    /// since, even with the same text, is known to be).
    pub modified: Option<i64>,
    /// Its lines (blank lines and comments left out), in order.
    pub lines: Vec<ReadLine>,
}

/// A line as a reading found it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadLine {
    /// The first 16 hex digits of the SHA-256 of its text.
    pub hash: String,
    /// The day it meant, when that was known.
    pub date: Option<NaiveDate>,
    /// Whether it was known not to be a line taken before (its text taken before, but the file
    /// written again since in a way that may have written it anew), its day not known.
    pub fresh: bool,
}

/// The short form of a line's SHA-256 a reading keeps.
pub fn short_hash(sha256: &str) -> &str {
    &sha256[..16.min(sha256.len())]
}

/// What the inbox remembers.
#[derive(Debug, Clone, Default)]
pub struct Memory {
    /// The lines it took, once each (a record two devices both wrote, once).
    pub taken: Vec<InboxTaken>,
    /// Its readings.
    pub reads: Vec<InboxRead>,
}
