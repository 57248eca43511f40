//! The cache behind `coachlog status`: the line last worked out for a logbook, kept outside the
//! logbook (in the user's cache directory, owner-only, never synced or committed), with what the
//! logbook looked like when it was worked out. It is derived and never the truth: a cache that is
//! missing, unreadable, of another day or another build is worked out again.
//!
//! What the logbook looked like is kept twice:
//! - the quick look: every folder of the logbook (a folder changes whenever a file in it is added,
//!   removed or replaced, as coachlog, git, file-sync tools and the editors that save by renaming
//!   do) and the few files edited in place most (those at the top, such as `config.toml` and
//!   `inbox.txt`, the `inbox/` files and the calendar file `config.toml` names): a few dozen
//!   `stat`s, whatever the logbook's size;
//! - the full look: every file as well, by a hash of all their `stat`s.
//!
//! Anything changed within the last two seconds makes a look "racy" (a change in the same tick of
//! the file system's clock would look the same), and a racy cache is not trusted.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};

use super::files;
use super::walk;

/// The first line of a cache file, naming its format.
const HEADER: &str = "coachlog status cache 1";

/// How recent a change makes a look racy.
const RACY: Duration = Duration::from_secs(2);

/// What `stat` says of one file or folder, as far as a change shows in it: `None` for one that is
/// not there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Stamp(Option<[u128; 4]>);

impl Stamp {
    fn of(path: &Path) -> Stamp {
        Stamp(fs::symlink_metadata(path).ok().map(|m| stamp_of(&m)))
    }

    /// Whether it changed so recently (after `since`) that a later change could look the same.
    fn racy(self, since: u128) -> bool {
        self.0
            .is_some_and(|[_, _, mtime, ctime]| mtime >= since || ctime >= since)
    }

    fn text(self) -> String {
        match self.0 {
            Some([a, b, c, d]) => format!("{a}:{b}:{c}:{d}"),
            None => "-".to_owned(),
        }
    }

    fn parse(text: &str) -> Option<Stamp> {
        if text == "-" {
            return Some(Stamp(None));
        }
        let mut parts = text.split(':').map(|p| p.parse::<u128>().ok());
        let stamp = [
            parts.next()??,
            parts.next()??,
            parts.next()??,
            parts.next()??,
        ];
        parts.next().is_none().then_some(Stamp(Some(stamp)))
    }
}

/// Inode, size, modification and change time (in nanoseconds), on Unix.
#[cfg(unix)]
fn stamp_of(meta: &fs::Metadata) -> [u128; 4] {
    use std::os::unix::fs::MetadataExt;
    let ns = |secs: i64, nanos: i64| (secs as i128 * 1_000_000_000 + nanos as i128) as u128;
    [
        u128::from(meta.ino()),
        u128::from(meta.size()),
        ns(meta.mtime(), meta.mtime_nsec()),
        ns(meta.ctime(), meta.ctime_nsec()),
    ]
}

/// The stamp elsewhere (see [`portable_stamp`]).
#[cfg(not(unix))]
fn stamp_of(meta: &fs::Metadata) -> [u128; 4] {
    portable_stamp(meta)
}

/// Size and modification time (in nanoseconds), twice for the change time: what a platform
/// without inodes and change times gives (compiled everywhere, so that it is tested).
#[cfg_attr(unix, allow(dead_code))]
fn portable_stamp(meta: &fs::Metadata) -> [u128; 4] {
    let mtime = meta.modified().map_or(0, nanos);
    [0, u128::from(meta.len()), mtime, mtime]
}

fn nanos(time: SystemTime) -> u128 {
    time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

/// Nanoseconds since the epoch before which a change is old enough to be seen.
fn racy_since(now: SystemTime) -> u128 {
    nanos(now.checked_sub(RACY).unwrap_or(UNIX_EPOCH))
}

/// What the logbook looks like now: the quick look's paths with their stamps, the full look's hash,
/// and whether either is racy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Look {
    quick: Vec<(PathBuf, Stamp)>,
    full: String,
    racy: bool,
}

impl Look {
    /// Takes both looks at the logbook in `root` (whose `.git` is left out), with the `calendar`
    /// file when there is one.
    pub fn take(root: &Path, calendar: Option<&Path>) -> Look {
        Look::take_since(root, calendar, racy_since(SystemTime::now()))
    }

    /// [`Look::take`], counting what changed after `since` (nanoseconds since the epoch) as racy.
    fn take_since(root: &Path, calendar: Option<&Path>, since: u128) -> Look {
        let (dirs, _) = walk::walk(root, true, &[".git"]);
        let mut quick: Vec<(PathBuf, Stamp)> = Vec::new();
        let mut full: Vec<(PathBuf, Stamp)> = Vec::new();
        for dir in &dirs {
            let relative = dir.path.strip_prefix(root).unwrap_or(&dir.path);
            quick.push((relative.to_path_buf(), Stamp::of(&dir.path)));
            let edited_in_place = relative.as_os_str().is_empty() || relative == Path::new("inbox");
            for name in dir.files.iter().chain(&dir.links) {
                let entry = (relative.join(name), Stamp::of(&dir.path.join(name)));
                if edited_in_place {
                    quick.push(entry.clone());
                }
                full.push(entry);
            }
        }
        if let Some(calendar) = calendar {
            quick.push((calendar.to_path_buf(), Stamp::of(calendar)));
        }
        quick.sort();
        full.sort();
        let racy = quick.iter().chain(&full).any(|(_, s)| s.racy(since));
        let mut hash = Sha256::new();
        for (path, stamp) in &full {
            hash.update(path.as_os_str().as_encoded_bytes());
            hash.update([0]);
            hash.update(stamp.text());
            hash.update([0]);
        }
        Look {
            quick,
            full: format!("{:x}", hash.finalize()),
            racy,
        }
    }
}

/// The cache of one logbook's status line.
#[derive(Debug, Clone)]
pub struct StatusCache {
    path: PathBuf,
    root: PathBuf,
    key: String,
}

/// What a cache file holds.
struct Kept {
    key: String,
    line: String,
    look: Look,
}

impl StatusCache {
    /// The cache of the logbook in `root` under `cache_dir` (the user's cache directory), for the
    /// line worked out with `key` (the build, today, the options): none without a cache directory.
    pub fn new(cache_dir: Option<PathBuf>, root: &Path, key: &str) -> Option<StatusCache> {
        let name = format!("{:x}", Sha256::digest(root.as_os_str().as_encoded_bytes()));
        Some(StatusCache {
            path: cache_dir?
                .join("coachlog")
                .join("status")
                .join(format!("{}.txt", &name[..24])),
            root: root.to_path_buf(),
            key: key.to_owned(),
        })
    }

    /// The cache file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file a refresh holds locked while it runs.
    pub fn lock_path(&self) -> PathBuf {
        self.path.with_extension("lock")
    }

    fn read(&self) -> Option<Kept> {
        let text = files::read_regular(&self.path).ok()?;
        let mut lines = text.lines();
        (lines.next()? == HEADER).then_some(())?;
        let key = lines.next()?.strip_prefix("key ")?.to_owned();
        // The cache is outside the logbook, where anything may have been written: a line is
        // trusted only in the form `status` writes it, safe for a terminal.
        let line = lines
            .next()?
            .strip_prefix("line ")
            .filter(|l| trusted(l))?
            .to_owned();
        let full = lines.next()?.strip_prefix("full ")?.to_owned();
        let racy = match lines.next()? {
            "racy 0" => false,
            "racy 1" => true,
            _ => return None,
        };
        let mut quick = Vec::new();
        for entry in lines {
            let (stamp, path) = entry.strip_prefix("quick ")?.split_once(' ')?;
            quick.push((PathBuf::from(path), Stamp::parse(stamp)?));
        }
        Some(Kept {
            key,
            line,
            look: Look { quick, full, racy },
        })
    }

    /// The line kept, when it was worked out with this key from a look that was not racy and the
    /// quick look still finds every folder and file as it was.
    pub fn quick_hit(&self) -> Option<String> {
        let kept = self.read()?;
        let fresh = kept.key == self.key
            && !kept.look.racy
            && kept
                .look
                .quick
                .iter()
                .all(|(path, stamp)| Stamp::of(&self.root.join(path)) == *stamp);
        fresh.then_some(kept.line)
    }

    /// The line kept, whatever it was worked out from (what a prompt shows while the line is
    /// worked out again).
    pub fn kept_line(&self) -> Option<String> {
        self.read().map(|kept| kept.line)
    }

    /// Whether the line kept was worked out with this key from a look that was not racy, and the
    /// full look `now` is the same.
    pub fn full_hit(&self, now: &Look) -> bool {
        self.read().is_some_and(|kept| {
            kept.key == self.key && !kept.look.racy && !now.racy && kept.look.full == now.full
        })
    }

    /// Keeps `line`, worked out from the logbook as `look` found it (taken before it was read).
    /// Failing to keep it is no failure of `status`: the next one works it out again.
    pub fn keep(&self, line: &str, look: &Look) {
        let Some(dir) = self.path.parent() else {
            return;
        };
        if files::create_private_dir(dir).is_err() || line.contains('\n') {
            return;
        }
        let mut text = format!(
            "{HEADER}\nkey {}\nline {line}\nfull {}\nracy {}\n",
            self.key,
            look.full,
            u8::from(look.racy)
        );
        for (path, stamp) in &look.quick {
            // A path the cache cannot name is left out; the folder it is in is still looked at.
            if let Some(path) = path.to_str().filter(|p| !p.contains('\n')) {
                text.push_str(&format!("quick {} {path}\n", stamp.text()));
            }
        }
        let _ = files::replace(&self.path, &text);
    }
}

/// Whether a kept line is one `status` could have written: `coachlog: …`, short, and nothing a
/// terminal would act on (no control, escape or invisible characters).
fn trusted(line: &str) -> bool {
    line.starts_with("coachlog: ")
        && line.chars().count() <= 200
        && !crate::domain::text::needs_escaping(line)
        && !line.contains('\t')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_planted_line_is_not_trusted() {
        assert!(trusted("coachlog: 2 due \u{b7} ICF ACC 41/100 h"));
        assert!(!trusted("coachlog: \u{1b}]0;pwned\u{7}"));
        assert!(!trusted("rm -rf ~"));
        assert!(!trusted(&format!("coachlog: {}", "x".repeat(300))));
        assert!(!trusted("coachlog: \u{202e}olleh"));
    }

    /// A logbook's folders and files, and a cache for it, both in one temporary directory.
    fn logbook() -> (tempfile::TempDir, PathBuf, StatusCache) {
        let temp = tempfile::tempdir().expect("temp");
        let root = temp.path().join("logbook");
        for dir in ["sessions/2026", "partners", "inbox"] {
            fs::create_dir_all(root.join(dir)).expect("dir");
        }
        for (file, text) in [
            ("config.toml", "training_start = 2026-01-01\n"),
            ("inbox/phone.txt", "2026-11-20 alex 1h\n"),
            ("partners/alex.toml", "name = \"Alex\"\n"),
            ("sessions/2026/2026-11-20-alex-s1.toml", "minutes = 60\n"),
        ] {
            fs::write(root.join(file), text).expect("file");
        }
        age(&root);
        let cache =
            StatusCache::new(Some(temp.path().join("cache")), &root, "build today").expect("cache");
        (temp, root, cache)
    }

    /// Moves the modification time of every folder and file under `root` a minute back, so that a
    /// change in the test shows even within one tick of the file system's clock.
    fn age(root: &Path) {
        let old = SystemTime::now() - Duration::from_secs(60);
        let (dirs, _) = walk::walk(root, true, &[]);
        for dir in dirs {
            for name in &dir.files {
                fs::File::options()
                    .write(true)
                    .open(dir.path.join(name))
                    .and_then(|f| f.set_modified(old))
                    .expect("file time");
            }
            fs::File::open(&dir.path)
                .and_then(|d| d.set_modified(old))
                .expect("folder time");
        }
    }

    /// A look that counts nothing as racy: the files were all written a moment ago.
    fn quiet_look(root: &Path, calendar: Option<&Path>) -> Look {
        Look::take_since(root, calendar, u128::MAX)
    }

    #[test]
    fn a_kept_line_is_found_until_anything_changes() {
        let (_temp, root, cache) = logbook();
        assert_eq!(cache.quick_hit(), None, "nothing kept yet");
        let look = quiet_look(&root, None);
        assert!(!look.racy, "{look:?}");
        cache.keep("coachlog: ICF ACC 1/100 h", &look);
        assert_eq!(
            cache.quick_hit().as_deref(),
            Some("coachlog: ICF ACC 1/100 h")
        );
        assert!(cache.full_hit(&quiet_look(&root, None)));

        // Another build or day is another key.
        let other = StatusCache::new(
            cache
                .path
                .parent()
                .and_then(|p| p.parent()?.parent())
                .map(Path::to_path_buf),
            &root,
            "build tomorrow",
        )
        .expect("cache");
        assert_eq!(other.path(), cache.path());
        assert_eq!(other.quick_hit(), None);
    }

    #[test]
    fn the_quick_look_sees_a_file_added_replaced_or_removed_and_top_files_edited() {
        for change in [
            "add a session",
            "replace a session",
            "remove a partner",
            "edit config.toml",
            "append to the inbox",
        ] {
            let (_temp, root, cache) = logbook();
            cache.keep("coachlog: line", &quiet_look(&root, None));
            let session = root.join("sessions/2026/2026-11-20-alex-s1.toml");
            match change {
                "add a session" => {
                    fs::write(root.join("sessions/2026/2026-11-21-alex-s2.toml"), "x").expect("w")
                }
                "replace a session" => {
                    let temp = root.join("sessions/2026/.tmp");
                    fs::write(&temp, "minutes = 90\n").expect("w");
                    fs::rename(&temp, &session).expect("rename");
                }
                "remove a partner" => fs::remove_file(root.join("partners/alex.toml")).expect("rm"),
                "edit config.toml" => {
                    fs::write(root.join("config.toml"), "training_start = 2025-01-01\n").expect("w")
                }
                _ => {
                    use std::io::Write;
                    fs::File::options()
                        .append(true)
                        .open(root.join("inbox/phone.txt"))
                        .and_then(|mut f| f.write_all(b"2026-11-21 alex 1h\n"))
                        .expect("append")
                }
            }
            assert_eq!(cache.quick_hit(), None, "{change}");
        }
    }

    #[test]
    fn a_session_edited_in_place_escapes_the_quick_look_but_not_the_full_one() {
        let (_temp, root, cache) = logbook();
        let before = quiet_look(&root, None);
        cache.keep("coachlog: line", &before);
        // Rewritten in place, as nano or a shell's `>` does: the folder does not change.
        fs::write(
            root.join("sessions/2026/2026-11-20-alex-s1.toml"),
            "minutes = 90\n",
        )
        .expect("w");
        assert_eq!(cache.quick_hit().as_deref(), Some("coachlog: line"));
        let after = quiet_look(&root, None);
        assert_ne!(after.full, before.full);
        assert!(!cache.full_hit(&after));
    }

    #[test]
    fn a_recent_change_makes_the_look_racy_and_the_cache_untrusted() {
        let (_temp, root, cache) = logbook();
        fs::write(root.join("partners/sam.toml"), "name = \"Sam\"\n").expect("w");
        let look = Look::take(&root, None);
        assert!(look.racy);
        cache.keep("coachlog: line", &look);
        assert_eq!(cache.quick_hit(), None);
        assert!(!cache.full_hit(&look));
    }

    #[test]
    fn the_calendar_file_is_looked_at_where_it_is() {
        let (temp, root, cache) = logbook();
        let calendar = temp.path().join("calendar.ics");
        fs::write(&calendar, "BEGIN:VCALENDAR\n").expect("w");
        age(temp.path());
        cache.keep("coachlog: line", &quiet_look(&root, Some(&calendar)));
        assert_eq!(cache.quick_hit().as_deref(), Some("coachlog: line"));
        fs::write(&calendar, "BEGIN:VCALENDAR\nEND:VCALENDAR\n").expect("w");
        assert_eq!(cache.quick_hit(), None);
    }

    #[test]
    fn a_damaged_cache_is_no_cache() {
        let (_temp, root, cache) = logbook();
        cache.keep("coachlog: line", &quiet_look(&root, None));
        let text = fs::read_to_string(cache.path()).expect("read");
        for damaged in [
            String::new(),
            text.replace(HEADER, "coachlog status cache 0"),
            text.replace("racy 0", "racy x"),
            text.replacen("quick ", "quick x", 1),
        ] {
            fs::write(cache.path(), damaged).expect("w");
            assert_eq!(cache.quick_hit(), None);
        }
    }

    #[test]
    fn the_portable_stamp_sees_a_file_rewritten_in_place() {
        let (_temp, root, _) = logbook();
        let file = root.join("config.toml");
        let before = portable_stamp(&fs::metadata(&file).expect("meta"));
        fs::write(&file, "training_start = 2025-02-01\n").expect("w");
        let after = portable_stamp(&fs::metadata(&file).expect("meta"));
        assert_ne!(before, after);
        assert_eq!(after[1], 28, "its size");
    }

    #[test]
    fn stamps_read_back_as_written() {
        for stamp in [Stamp(None), Stamp(Some([1, 2, 3, u128::from(u64::MAX)]))] {
            assert_eq!(Stamp::parse(&stamp.text()), Some(stamp));
        }
        assert_eq!(Stamp::parse("1:2:3"), None);
        assert_eq!(Stamp::parse("1:2:3:4:5"), None);
    }
}
