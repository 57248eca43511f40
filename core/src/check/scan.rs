//! What `check` reads: every folder's files judged by their place and name, and every record read
//! once (or why it cannot be), for the named checks to judge.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::{Problem, Severity};
use crate::domain::id::PartnerId;
use crate::domain::model::{Partner, Session};
use crate::domain::text::{agree, count};
use crate::rules::settings::Settings;
use crate::storage::problem::FileProblem;
use crate::storage::record::{PartnerRecord, SessionRecord};
use crate::storage::{Store, development, files, name, walk};

/// The line on which `key = …` is set, if it is.
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

/// Whether a file name looks like a copy left by a file-sync tool or an editor's backup.
fn conflict_copy(name: &str) -> bool {
    let ends_with = |end: &str| {
        name.len() >= end.len()
            && name.as_bytes()[name.len() - end.len()..].eq_ignore_ascii_case(end.as_bytes())
    };
    name::is_sync_copy(name) || name.ends_with('~') || ends_with(".orig") || ends_with(".bak")
}

/// Whether a file is one of the editor's or an interrupted write's leftovers.
fn stray(name: &str) -> Option<&'static str> {
    if name.ends_with(".swp")
        || name.ends_with(".swo")
        || (name.starts_with(".#"))
        || (name.starts_with('#') && name.ends_with('#'))
    {
        Some("an editor's swap or lock file: if no editor has the file open, delete it")
    } else {
        None
    }
}

/// What a file of the logbook is, from its place and name.
pub(super) enum Kind {
    /// `.lock` or `config.toml`: only its permissions are checked here.
    Private,
    /// A partner file.
    Partner,
    /// A session file.
    Session,
    /// A record of another kind (mentor coaching, education, …), read by its folder's reader.
    Kept(development::KindOf),
    /// A file in `evidence/`, named by the hash of its content.
    Evidence,
    /// A partner's key, in `keys/`.
    PartnerKey,
}

/// One folder's files judged by their place and name, in order: those to read, and the problems
/// with the others.
struct Place<'a> {
    files: Vec<(&'a std::ffi::OsStr, Kind)>,
    records: usize,
    problems: Vec<Problem>,
}

impl<'a> Place<'a> {
    fn of(dir: &'a walk::Dir, root: &Path, partners_dir: &Path, sessions_dir: &Path) -> Self {
        let at_root = dir.path == root;
        let in_partners = dir.path == partners_dir;
        let in_sessions = dir.path.starts_with(sessions_dir);
        let in_evidence = dir.path == root.join(crate::storage::evidence::FOLDER);
        let in_inbox = dir.path == root.join("inbox");
        let in_keys = dir.path == root.join(crate::storage::keys::PARTNER_KEYS_DIR);
        let kept = development::kinds()
            .into_iter()
            .chain([
                development::KindOf::of::<crate::domain::inbox::InboxTaken>(),
                development::KindOf::of::<crate::domain::inbox::InboxRead>(),
                development::KindOf::of::<crate::domain::feedback::Request>(),
                development::KindOf::of::<crate::domain::receipt::KeptReceipt>(),
                development::KindOf::of::<crate::domain::receipt::Pin>(),
            ])
            .find(|kind| dir.path == root.join(kind.folder));
        let mut names: Vec<&std::ffi::OsStr> = dir.files.iter().map(|n| n.as_os_str()).collect();
        names.sort_unstable_by(|a, b| a.as_encoded_bytes().cmp(b.as_encoded_bytes()));
        let mut place = Place {
            files: Vec::with_capacity(names.len()),
            records: 0,
            problems: Vec::new(),
        };
        // Readers refuse a link or a pipe, socket or device among the records (or in place of
        // config.toml); elsewhere coachlog reads nothing, so it is a warning.
        let in_records = in_partners || in_sessions || kept.is_some();
        let links = dir
            .links
            .iter()
            .map(|link| (link, name::LINK_PROBLEM.to_owned()));
        let others = dir
            .others
            .iter()
            .map(|(other, what)| (other, files::not_regular(what).to_string()));
        for (file_name, why) in links.chain(others) {
            let read_here = in_records || (at_root && file_name == "config.toml");
            place.problems.push(Problem {
                severity: if read_here {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                file: dir.path.join(file_name),
                line: None,
                message: format!(
                    "{why} ({})",
                    if read_here {
                        "reports refuse to run until it is, unless --skip-invalid"
                    } else {
                        "coachlog reads nothing here"
                    }
                ),
            });
        }
        // Temporary files an interrupted write left, however many: one line for the folder.
        let temporary = names
            .iter()
            .filter(|n| n.to_str().is_some_and(files::is_temporary))
            .count();
        if temporary > 0 {
            place.problems.push(Problem {
                severity: Severity::Warning,
                file: dir.path.clone(),
                line: None,
                message: format!(
                    "{} left by an interrupted write (.coachlog-….tmp): the {} {} for {} never \
                     written; `coachlog check --fix` removes {}",
                    count(temporary, "temporary file", "temporary files"),
                    agree(temporary, "record", "records"),
                    agree(temporary, "it was", "they were"),
                    agree(temporary, "was", "were"),
                    agree(temporary, "it", "them"),
                ),
            });
        }
        let mut warn = |file_name: &std::ffi::OsStr, message: &str| {
            place.problems.push(Problem {
                severity: Severity::Warning,
                file: dir.path.join(file_name),
                line: None,
                message: message.to_owned(),
            });
        };
        for file_name in names {
            let name = file_name.to_string_lossy();
            if at_root && (name == ".lock" || name == "config.toml") {
                place.files.push((file_name, Kind::Private));
                continue;
            }
            // The inbox a phone writes sessions to (`coachlog inbox` reads it).
            if (at_root && name.starts_with("inbox") && name.ends_with(".txt"))
                || (in_inbox && name.ends_with(".txt"))
            {
                if name::is_sync_copy(&name) {
                    warn(
                        file_name,
                        "looks like a copy of the inbox left by a file-sync tool: `coachlog inbox` \
                         does not read it (its lines would be taken twice); move the lines it alone \
                         has into the inbox, then delete it",
                    );
                    continue;
                }
                place.files.push((file_name, Kind::Private));
                continue;
            }
            if files::is_temporary(&name) {
                continue; // Counted above, in one line.
            }
            if let Some(why) = stray(&name) {
                warn(file_name, why);
                continue;
            }
            if at_root && name.starts_with('.') {
                continue; // .gitignore, .stignore: the sync tool's own files.
            }
            if in_keys && name::is_record(&name) && !name::is_sync_copy(&name) {
                place.files.push((file_name, Kind::PartnerKey));
                continue;
            }
            if in_evidence && crate::storage::evidence::is_evidence_name(&name) {
                place.files.push((file_name, Kind::Evidence));
                continue;
            }
            let in_records = in_partners || in_sessions || kept.is_some();
            if in_records && name::is_record(&name) && name::is_sync_copy(&name) {
                warn(
                    file_name,
                    "looks like a copy left by a file-sync tool: coachlog leaves it out of every count \
                     (its hours would count twice); compare it with the original and delete one, or \
                     give it a name of its own if it is a record of its own",
                );
                continue;
            }
            if !(name::is_record(&name) && in_records) {
                warn(
                    file_name,
                    if conflict_copy(&name) {
                        "looks like a copy left by a file-sync tool or an editor: compare it with the original and delete one"
                    } else {
                        "not a coachlog file: coachlog neither reads nor writes it"
                    },
                );
                continue;
            }
            place.records += 1;
            place.files.push((
                file_name,
                match kept {
                    Some(kind) => Kind::Kept(kind),
                    None if in_partners => Kind::Partner,
                    None => Kind::Session,
                },
            ));
        }
        place
    }
}

/// The lines of the keys a problem with a session points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Lines {
    pub(super) date: Option<usize>,
    pub(super) partner: Option<usize>,
}

impl Lines {
    /// Where `date` and `partner` are set in a session file's text, found in one pass.
    fn of(text: &str) -> Self {
        let mut lines = Lines {
            date: None,
            partner: None,
        };
        for (number, line) in text.lines().enumerate() {
            let set = |key: &str| {
                line.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            };
            if lines.date.is_none() && set("date") {
                lines.date = Some(number + 1);
            } else if lines.partner.is_none() && set("partner") {
                lines.partner = Some(number + 1);
            }
        }
        lines
    }
}

/// What `check` reads of the logbook, once, for every named check to judge: each folder's files by
/// their place and name, every record read (or why it cannot be), the permissions, the evidence.
pub(super) struct Scan<'d> {
    /// The data directory.
    pub(super) root: PathBuf,
    /// The folder of sessions.
    pub(super) sessions_dir: PathBuf,
    dirs: &'d [walk::Dir],
    to_read: Vec<(usize, &'d std::ffi::OsStr, Kind)>,
    /// The settings, when `config.toml` reads; else the problem with it.
    pub(super) settings: Result<Settings, Problem>,
    /// The folders that cannot be listed, with why.
    pub(super) unlisted: Vec<(PathBuf, String)>,
    /// The problems of each folder's files by their place and name.
    pub(super) place_problems: Vec<Problem>,
    /// How many record files there are.
    pub(super) records: usize,
    /// Every partner read, by id, with the index of its file.
    pub(super) partners: FxHashMap<PartnerId, (usize, Partner)>,
    /// Every session read, with the index of its file and the lines of its keys.
    pub(super) sessions: Vec<(usize, Session, Lines)>,
    /// The files that cannot be read as records: index, line, why.
    pub(super) broken: Vec<(usize, Option<usize>, String)>,
    /// Later files that hold the same record as an earlier one (index, the earlier's, its kind).
    pub(super) same_records: Vec<(usize, usize, development::KindOf)>,
    /// The evidence each record names (by the record's index).
    pub(super) named: Vec<(usize, Named)>,
    /// Each evidence file, by its name's hash: its index and the hash of what it holds.
    pub(super) kept_evidence: FxHashMap<String, (usize, Option<String>)>,
    /// Files and folders others can read, with their modes.
    pub(super) loose_files: Vec<(PathBuf, u32)>,
    pub(super) loose_dirs: Vec<(PathBuf, u32)>,
    /// The keys of confidential text this device has.
    pub(super) keys: Option<std::sync::Arc<crate::storage::keys::Keys>>,
    /// The partners' receipts kept, with their files (those that read).
    pub(super) receipts: Vec<(PathBuf, crate::domain::receipt::KeptReceipt)>,
    /// Today.
    pub(super) today: NaiveDate,
}

impl<'d> Scan<'d> {
    /// The path of the file read as `index`.
    pub(super) fn path(&self, index: usize) -> PathBuf {
        let (position, file_name, _) = &self.to_read[index];
        self.dirs[*position].path.join(file_name)
    }

    /// Whether every folder and file read: what was read is the whole logbook.
    pub(super) fn whole(&self) -> bool {
        self.unlisted.is_empty() && self.broken.is_empty()
    }

    /// Reads the logbook in `dirs` (the folders of one walk, in file order, and those that could
    /// not be listed).
    pub(super) fn read(
        store: &Store,
        today: NaiveDate,
        dirs: &'d [walk::Dir],
        unlisted: Vec<(PathBuf, String)>,
    ) -> Self {
        use rayon::prelude::*;
        let root = store.root().to_path_buf();
        let (partners_dir, sessions_dir) = (store.partners_dir(), store.sessions_dir());
        let places: Vec<Place> = dirs
            .par_iter()
            .map(|dir| Place::of(dir, &root, &partners_dir, &sessions_dir))
            .collect();
        let mut to_read: Vec<(usize, &std::ffi::OsStr, Kind)> = Vec::new();
        let mut place_problems = Vec::new();
        let mut records = 0;
        for (position, place) in places.into_iter().enumerate() {
            place_problems.extend(place.problems);
            records += place.records;
            to_read.extend(
                place
                    .files
                    .into_iter()
                    .map(|(file_name, kind)| (position, file_name, kind)),
            );
        }
        // A folder others can list shows them the file names, which hold clients' names.
        let mut loose_dirs: Vec<(PathBuf, u32)> = Vec::new();
        #[cfg(unix)]
        for dir in dirs {
            use std::os::unix::fs::PermissionsExt;
            if let Ok(meta) = std::fs::symlink_metadata(&dir.path) {
                let mode = meta.permissions().mode() & 0o777;
                if mode & 0o077 != 0 {
                    loose_dirs.push((dir.path.clone(), mode));
                }
            }
        }

        // Every file is opened relative to its folder and read once. Partner files first (they are
        // few): a session of the earlier format takes its facts from its partner, as every report
        // reads it; then the sessions, on all cores, each kept only as what it holds.
        let readers: Vec<Result<files::DirReader, String>> = dirs
            .iter()
            .map(|d| files::DirReader::open(&d.path).map_err(|e| format!("{e:#}")))
            .collect();
        let open = |position: usize, file_name: &std::ffi::OsStr| {
            readers[position]
                .as_ref()
                .map_err(Clone::clone)
                .and_then(|r| r.read_with_mode(file_name).map_err(|e| e.to_string()))
                .map_err(|e| FileProblem::whole(format!("cannot be read: {e}")))
        };
        let mut partners: FxHashMap<PartnerId, (usize, Partner)> = FxHashMap::default();
        let mut modes: Vec<(usize, u32)> = Vec::new();
        let mut broken: Vec<(usize, Option<usize>, String)> = Vec::new();
        // The first file of each record's facts, by folder, and the later files with the same facts.
        let mut first_of: FxHashMap<(&str, String), usize> = FxHashMap::default();
        let mut same_records: Vec<(usize, usize, development::KindOf)> = Vec::new();
        // The evidence each record names (by the record's index), and each evidence file's hash.
        let mut named: Vec<(usize, Named)> = Vec::new();
        let mut kept_evidence: FxHashMap<String, (usize, Option<String>)> = FxHashMap::default();
        let mut names_evidence = |index: usize, text: &str| {
            if text.contains("[[evidence")
                && let Ok(found) = crate::storage::evidence::entries(text)
            {
                named.push((index, found));
            }
        };
        for (index, (position, file_name, kind)) in to_read.iter().enumerate() {
            let partner = match kind {
                Kind::Session => continue,
                Kind::Evidence => {
                    let path = dirs[*position].path.join(file_name);
                    let held = std::fs::File::open(&path)
                        .and_then(crate::storage::evidence::hash)
                        .ok()
                        .map(|(sha, _)| sha);
                    let name = file_name.to_string_lossy();
                    kept_evidence.insert(name[..64].to_owned(), (index, held));
                    Ok((file_mode(&path), None))
                }
                Kind::Private => open(*position, file_name).map(|(_, mode)| (mode, None)),
                Kind::PartnerKey => open(*position, file_name).and_then(|(text, mode)| {
                    crate::storage::keys::check_partner_key(&text)?;
                    Ok((mode, None))
                }),
                Kind::Kept(kind) => open(*position, file_name).and_then(|(text, mode)| {
                    let facts = (kind.read)(&text)?;
                    names_evidence(index, &text);
                    match first_of.entry((kind.folder, facts)) {
                        std::collections::hash_map::Entry::Occupied(first) => {
                            same_records.push((index, *first.get(), *kind));
                        }
                        std::collections::hash_map::Entry::Vacant(slot) => {
                            slot.insert(index);
                        }
                    }
                    Ok((mode, None))
                }),
                Kind::Partner => open(*position, file_name).and_then(|(text, mode)| {
                    let partner = parse_partner(file_name, &text)?;
                    names_evidence(index, &text);
                    Ok((mode, Some(partner)))
                }),
            };
            match partner {
                Ok((mode, partner)) => {
                    modes.push((index, mode));
                    if let Some(partner) = partner {
                        partners.insert(partner.id.clone(), (index, partner));
                    }
                }
                Err(FileProblem { line, message }) => broken.push((index, line, message)),
            }
        }
        let plausible = crate::rules::dates::Plausible::on(today);
        let read: Vec<_> = to_read
            .par_iter()
            .enumerate()
            .filter(|(_, (_, _, kind))| matches!(kind, Kind::Session))
            .map(|(index, (position, file_name, _))| {
                let (text, mode) = match open(*position, file_name) {
                    Ok(read) => read,
                    Err(problem) => return (index, None, Err(problem)),
                };
                let session = parse_session(&text, &plausible).map(|record| {
                    let facts = partners.get(record.partner()).map(|(_, p)| p.facts());
                    let id = name::short_id(file_name.to_str().unwrap_or_default()).to_owned();
                    let evidence = if text.contains("[[evidence") {
                        crate::storage::evidence::entries(&text).unwrap_or_default()
                    } else {
                        Vec::new()
                    };
                    (record.into_session(id, facts), Lines::of(&text), evidence)
                });
                (index, Some(mode), session)
            })
            .collect();
        let mut sessions: Vec<(usize, Session, Lines)> = Vec::with_capacity(read.len());
        for (index, mode, session) in read {
            modes.extend(mode.map(|mode| (index, mode)));
            let session = session.map(|(session, lines, evidence)| {
                if !evidence.is_empty() {
                    named.push((index, evidence));
                }
                (session, lines)
            });
            match session {
                Ok((session, lines)) => sessions.push((index, session, lines)),
                Err(FileProblem { line, message }) => broken.push((index, line, message)),
            }
        }
        let loose_files: Vec<(PathBuf, u32)> = modes
            .into_iter()
            .map(|(index, mode)| (index, mode & 0o777))
            .filter(|(_, mode)| mode & 0o077 != 0)
            .map(|(index, mode)| (dirs[to_read[index].0].path.join(to_read[index].1), mode))
            .collect();
        Scan {
            sessions_dir: store.sessions_dir(),
            root,
            dirs,
            to_read,
            settings: read_config(store),
            unlisted,
            place_problems,
            records,
            partners,
            sessions,
            broken,
            same_records,
            named,
            kept_evidence,
            loose_files,
            loose_dirs,
            keys: store.keys().ok().flatten(),
            // A receipt that does not read is named with the broken files; the rest are judged.
            receipts: store
                .kept::<crate::domain::receipt::KeptReceipt>()
                .map(|kept| kept.into_iter().map(|k| (k.path, k.record)).collect())
                .unwrap_or_default(),
            today,
        }
    }
}

/// The settings of `config.toml`, or the problem with it (with its line where TOML says one).
fn read_config(store: &Store) -> Result<Settings, Problem> {
    store.settings().map_err(|e| {
        let path = store.config_path();
        let text = files::read_regular(&path).unwrap_or_default();
        let line = toml::from_str::<toml::Table>(&text)
            .err()
            .and_then(|e| FileProblem::of_toml(&text, &e).line);
        Problem {
            severity: Severity::Error,
            file: path,
            line,
            message: format!("{e:#}"),
        }
    })
}

/// A partner file's text read, or the problem with it (its name, or its contents with the line).
/// The evidence a record's file names, each with the line of its hash.
pub(super) type Named = Vec<(crate::storage::evidence::Entry, Option<usize>)>;

/// A file's permission bits (owner-only on a platform without them).
fn file_mode(path: &Path) -> u32 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::symlink_metadata(path).map_or(0o600, |m| m.permissions().mode())
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        crate::storage::portable::OWNER_ONLY
    }
}

fn parse_partner(file_name: &std::ffi::OsStr, text: &str) -> Result<Partner, FileProblem> {
    let file_name = file_name.to_str().unwrap_or_default();
    let Ok(id) = name::stem(file_name).parse::<PartnerId>() else {
        return Err(FileProblem::whole(
            "the file name is not a partner id (lowercase letters, digits and hyphens, e.g. alex-kim.toml): \
             rename it, or delete it if it is a copy",
        ));
    };
    toml::from_str::<PartnerRecord>(text)
        .map(|record| record.into_partner(id))
        .map_err(|e| FileProblem::of_toml(text, &e).in_a("partner"))
}

/// A session file's text read into its record, or the problem with it, with the line: one that
/// does not read, or whose date is not plausible.
fn parse_session(
    text: &str,
    plausible: &crate::rules::dates::Plausible,
) -> Result<SessionRecord, FileProblem> {
    let record =
        SessionRecord::parse(text).map_err(|e| FileProblem::of_toml(text, &e).in_a("session"))?;
    if let Err(why) = plausible.check(record.date()) {
        return Err(FileProblem::new(
            line_of_key(text, "date"),
            format!("{why} (reports refuse to run until it is fixed, unless --skip-invalid)"),
        ));
    }
    match record.problem() {
        None => Ok(record),
        Some(why) => Err(FileProblem::new(line_of_key(text, "group_size"), why).in_a("session")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_lines_of_date_and_partner_in_one_pass() {
        let text = "# by hand\nversion = 1\n  partner = \"x\"\npartners = 2\ndate = 2026-01-01\n";
        assert_eq!(
            Lines::of(text),
            Lines {
                date: Some(5),
                partner: Some(3)
            }
        );
        assert_eq!(Lines::of("version = 1\n").date, None);
    }

    #[test]
    fn finds_lines_and_copies() {
        assert_eq!(
            line_of_key("version = 1\n  partner = \"x\"\n", "partner"),
            Some(2)
        );
        assert_eq!(line_of_key("partners = 1\n", "partner"), None);
        assert!(conflict_copy(
            "2026-01-01-alex-kim-abc (conflicted copy 2026-01-02).toml"
        ));
        assert!(conflict_copy("x.sync-conflict-20260101-123456-ABC.toml"));
        assert!(conflict_copy("x.toml~"));
        assert!(!conflict_copy("2026-01-01-alex-kim-abc123.toml"));
        assert!(conflict_copy("2026-01-01-x (Conflicted Copy).toml"));
        assert!(conflict_copy("x.toml.BAK"));
        assert!(files::is_temporary(".coachlog-Ab12.tmp"));
        assert!(stray(".2026-01-01-x.toml.swp").is_some());
        assert!(stray("2026-01-01-x.toml").is_none());
    }
}
