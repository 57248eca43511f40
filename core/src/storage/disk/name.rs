//! Session file names: `<date>-<partner-id>-<session-id>.toml` as coachlog writes them, and the short
//! id of any session file (a file made by hand may have any name ending in `.toml`).

use std::hash::{BuildHasher, Hasher};

use chrono::NaiveDate;

use crate::domain::id::PartnerId;

/// The extension of every record file.
const EXTENSION: &str = ".toml";

/// A session file name as coachlog writes it, split into its parts (borrowed from the name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionName<'a> {
    /// The date, `YYYY-MM-DD` (ISO dates sort as text).
    pub date: &'a str,
    /// The partner's id.
    pub partner: &'a str,
    /// The short id.
    pub id: &'a str,
}

impl<'a> SessionName<'a> {
    /// The parts of `file_name`, if it has coachlog's form.
    pub fn parse(file_name: &'a str) -> Option<Self> {
        let stem = file_name.strip_suffix(EXTENSION)?;
        let (date, rest) = (stem.get(..10)?, stem.get(10..)?.strip_prefix('-')?);
        let (partner, id) = rest.rsplit_once('-')?;
        (date.len() == 10 && !partner.is_empty() && !id.is_empty()).then_some(SessionName {
            date,
            partner,
            id,
        })
    }

    /// The file name of a new session.
    pub fn file_name(date: NaiveDate, partner: &PartnerId, id: &str) -> String {
        format!("{date}-{partner}-{id}{EXTENSION}")
    }
}

/// The stem of a record file's name (without `.toml`).
pub fn stem(file_name: &str) -> &str {
    file_name.strip_suffix(EXTENSION).unwrap_or(file_name)
}

/// The short id of a session file of any name: the part of its stem after the last hyphen.
pub fn short_id(file_name: &str) -> &str {
    let stem = stem(file_name);
    stem.rsplit_once('-').map_or(stem, |(_, id)| id)
}

/// Whether `id` can be a short id: 1 to 16 lowercase ASCII letters and digits (what coachlog
/// writes, and safe in a file name).
pub fn is_short_id(id: &str) -> bool {
    (1..=16).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// Why a symbolic link in the logbook is a problem, for `check` and every reader.
pub const LINK_PROBLEM: &str = "a symbolic link: coachlog reads only the files and folders that are \
     really in the logbook (a report that left it out would undercount); replace the link with what \
     it points to";

/// Whether a file name looks like a copy a file-sync tool made of a record: Syncthing's
/// `….sync-conflict-….toml`, Dropbox's and Nextcloud's `… (conflicted copy …).toml`, and the
/// numbered copies of iCloud and others, `… 2.toml` and `… (1).toml`. coachlog's own names have no
/// spaces or brackets, so none of its files is taken for a copy.
pub fn is_sync_copy(file_name: &str) -> bool {
    // Asked of every file of every report, so the common case is one quick scan: the marks of
    // Syncthing, ownCloud and the like are lowercase words, an editor's backup ends in `~`, and
    // every other copy's name has a space or a bracket, which coachlog's own names never have.
    let bytes = file_name.as_bytes();
    let mut spaced = false;
    for (i, &b) in bytes.iter().enumerate() {
        let rest = &bytes[i + 1..];
        match b {
            b' ' | b'(' | b'[' => spaced = true,
            // Syncthing: `name.sync-conflict-20260106-101010-ABCDEFG.toml`.
            b'.' if rest.starts_with(b"sync-conflict-") => return true,
            // ownCloud: `name_conflict-20260106-101010.toml`.
            b'_' if rest.starts_with(b"conflict-") => return true,
            // Others: `name-conflict-20260106….toml` (a date stamp: a partner id may hold the
            // word, but not followed by eight digits).
            b'-' if rest.starts_with(b"conflict-")
                && rest.len() >= 17
                && rest[9..17].iter().all(u8::is_ascii_digit) =>
            {
                return true;
            }
            // An editor's backup: `name~.toml`, `name.toml~`.
            b'~' => return true,
            _ => {}
        }
    }
    if !spaced {
        return false;
    }
    let has = |mark: &str| {
        let mark = mark.as_bytes();
        bytes
            .windows(mark.len())
            .any(|w| w.eq_ignore_ascii_case(mark))
    };
    // Dropbox and Nextcloud `(conflicted copy …)`, Dropbox `(Case Conflict)`, Seafile
    // `(SFConflict …)`, pCloud `[conflicted]`.
    if has("conflicted copy") || has("(case conflict") || has("(sfconflict") || has("[conflicted") {
        return true;
    }
    let stem = without_extension(file_name);
    // `name 2`, `name (1)`, `name(1)`: a number at the end, after a space or in brackets (iCloud
    // and many others).
    let numbered = |rest: &str| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit());
    if let Some(inner) = stem.strip_suffix(')')
        && let Some((_, number)) = inner.rsplit_once('(')
    {
        return numbered(number);
    }
    stem.rsplit_once(' ')
        .is_some_and(|(before, number)| !before.is_empty() && numbered(number))
}

/// A file's name without its extension (`inbox 2.txt` → `inbox 2`).
fn without_extension(file_name: &str) -> &str {
    file_name
        .rsplit_once('.')
        .filter(|(stem, ext)| {
            !stem.is_empty() && !ext.is_empty() && ext.bytes().all(|b| b.is_ascii_alphanumeric())
        })
        .map_or(file_name, |(stem, _)| stem)
}

/// Whether a directory entry's name is a record's: a `.toml` file that is not hidden (a temporary
/// file of an interrupted write starts with a dot).
pub fn is_record(file_name: &str) -> bool {
    file_name.ends_with(EXTENSION) && !file_name.starts_with('.')
}

/// A short random id for a new record (a session, an attestation, another record): six characters from an alphabet without look-alikes.
pub(in crate::storage) fn random_id() -> String {
    const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
    // std's RandomState is seeded from the OS per process; mixing in the time and the process id
    // keeps ids apart across the many processes a sync setup or a script may start at once.
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    hasher.write_u32(std::process::id());
    let mut bits = hasher.finish();
    (0..6)
        .map(|_| {
            let c = ALPHABET[(bits & 31) as usize] as char;
            bits >>= 5;
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_name_reads_back_into_its_parts() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 14).expect("date");
        let partner: PartnerId = "northwind-team-leads".parse().expect("id");
        let name = SessionName::file_name(date, &partner, "k3f9qa");
        assert_eq!(name, "2026-03-14-northwind-team-leads-k3f9qa.toml");
        assert_eq!(
            SessionName::parse(&name),
            Some(SessionName {
                date: "2026-03-14",
                partner: "northwind-team-leads",
                id: "k3f9qa"
            })
        );
        assert_eq!(short_id(&name), "k3f9qa");
        assert!(is_record(&name));
    }

    #[test]
    fn other_names_are_told_apart() {
        assert_eq!(SessionName::parse("my-session.toml"), None);
        assert_eq!(SessionName::parse("2026-03-14.toml"), None);
        assert_eq!(SessionName::parse("2026-03-14-alex-kim-abc.txt"), None);
        assert_eq!(short_id("my-session.toml"), "session");
        assert_eq!(short_id("hand.toml"), "hand");
        assert_eq!(stem("a.toml"), "a");
        assert!(!is_record(".coachlog-x1.tmp"));
        assert!(!is_record(".2026-01-01-a-b.toml"));
        assert!(!is_record("notes.txt"));
    }

    #[test]
    fn copies_made_by_sync_tools_are_told_apart() {
        for copy in [
            "2026-01-05-alex-kim-abc123 2.toml",
            "2026-01-05-alex-kim-abc123 (1).toml",
            "2026-01-05-alex-kim-abc123(2).toml",
            "2026-01-05-alex-kim-abc123 (conflicted copy 2026-01-06).toml",
            "2026-01-05-alex-kim-abc123 (Robin's conflicted copy 2026-01-06).toml",
            "2026-01-05-alex-kim-abc123.sync-conflict-20260106-101010-ABCDEFG.toml",
            "alex-kim 2.toml",
            // ownCloud, Seafile, Dropbox's case conflict, a dated `-conflict-`, pCloud, editors.
            "2026-01-05-alex-kim-abc123_conflict-20260106-101010.toml",
            "2026-01-05-alex-kim-abc123 (SFConflict robin@example.org 2026-01-06-10-10-10).toml",
            "2026-01-05-alex-kim-abc123 (Case Conflict).toml",
            "2026-01-05-alex-kim-abc123 (Case Conflict 1).toml",
            "2026-01-05-alex-kim-abc123-conflict-20260106.toml",
            "2026-01-05-alex-kim-abc123 [conflicted].toml",
            "2026-01-05-alex-kim-abc123~.toml",
            "alex-kim.toml~",
            // The phone's inbox, copied by iCloud.
            "inbox 2.txt",
            "phone 2.txt",
            "phone (1).txt",
        ] {
            assert!(is_sync_copy(copy), "{copy}");
        }
        for own in [
            "2026-01-05-alex-kim-abc123.toml",
            "2026-01-05-team-2-abc123.toml",
            "alex-kim.toml",
            "my session.toml",
            "2.toml",
            // A partner may be called Conflict.
            "2026-01-05-conflict-abc123.toml",
            "2026-01-05-no-conflict-here-abc123.toml",
            "inbox.txt",
            "phone.txt",
        ] {
            assert!(!is_sync_copy(own), "{own}");
        }
    }
}
