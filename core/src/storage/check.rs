//! `check`: every file of the logbook read and judged, with the file, the line when it is known,
//! and what to do. Errors are files that cannot be read as records and sessions without their
//! partner; warnings are everything a careful person would want to look at.

use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use super::problem::FileProblem;
use super::record::{PartnerRecord, SessionRecord};
use super::{Store, development, files, name, walk};
use crate::domain::duration::hours_2dp;
use crate::domain::id::PartnerId;
use crate::domain::model::{FactsFrom, Partner, Session};
use crate::domain::text::{self, agree, count};
use crate::rules::lints::{self, Lint};
use crate::rules::settings::Settings;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Reports refuse to run until it is fixed.
    Error,
    /// Worth a look.
    Warning,
}

/// One problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// How serious it is.
    pub severity: Severity,
    /// The file it is in.
    pub file: PathBuf,
    /// The line, when known.
    pub line: Option<usize>,
    /// What is wrong, and what to do.
    pub message: String,
}

/// What `check` found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Every problem, by file.
    pub problems: Vec<Problem>,
    /// How many files were read.
    pub files: usize,
}

impl Report {
    /// How many problems of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }

    /// Puts the problems in order: by file, then line, then severity.
    pub fn sort(&mut self) {
        self.problems
            .sort_by(|a, b| (&a.file, a.line, a.severity).cmp(&(&b.file, b.line, b.severity)));
    }

    fn push(
        &mut self,
        severity: Severity,
        file: &Path,
        line: Option<usize>,
        message: impl Into<String>,
    ) {
        self.problems.push(Problem {
            severity,
            file: file.to_path_buf(),
            line,
            message: message.into(),
        });
    }
}

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
enum Kind {
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
        let in_evidence = dir.path == root.join(super::evidence::FOLDER);
        let in_inbox = dir.path == root.join("inbox");
        let in_keys = dir.path == root.join(super::keys::PARTNER_KEYS_DIR);
        let kept = development::kinds()
            .into_iter()
            .chain([
                development::KindOf::of::<crate::domain::inbox::InboxTaken>(),
                development::KindOf::of::<crate::domain::inbox::InboxRead>(),
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
            if in_evidence && super::evidence::is_evidence_name(&name) {
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
struct Lines {
    date: Option<usize>,
    partner: Option<usize>,
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

/// One warning for every file and folder others can read or open (however many there are), with
/// the one command that makes them owner-only.
fn others_can_read(
    root: &Path,
    files: &[(PathBuf, u32)],
    dirs: &[(PathBuf, u32)],
) -> Option<Problem> {
    let (path, mode) = files.first().or(dirs.first())?;
    let what = match (files.len(), dirs.len()) {
        (n, 0) => count(n, "file", "files"),
        (0, m) => count(m, "folder", "folders"),
        (n, m) => format!(
            "{} and {}",
            count(n, "file", "files"),
            count(m, "folder", "folders")
        ),
    };
    let shown = path.strip_prefix(root).unwrap_or(path);
    let shown = if shown.as_os_str().is_empty() {
        Path::new(".")
    } else {
        shown
    };
    Some(Problem {
        severity: Severity::Warning,
        file: root.to_path_buf(),
        line: None,
        message: format!(
            "{what} can be read by others (such as {}, mode {mode:o}): client data is \
             confidential, and file names hold clients' names; `coachlog check --fix` makes them \
             owner-only (files 600, folders 700)",
            shown.display()
        ),
    })
}

/// Checks the whole logbook as of `today`.
pub fn check(store: &Store, today: NaiveDate) -> Report {
    check_and_read(store, today).0
}

/// What `check` read and could parse: the partners, the sessions and the settings, for a caller
/// that judges more of them (attested periods) without reading every file again.
#[derive(Debug, Default)]
pub struct Read {
    /// The partners whose files read.
    pub partners: Vec<Partner>,
    /// The sessions whose files read.
    pub sessions: Vec<Session>,
    /// The settings, when `config.toml` read.
    pub settings: Option<Settings>,
    /// Whether every file read: what was read is the whole logbook.
    pub whole: bool,
}

/// [`check`], with what it read.
pub fn check_and_read(store: &Store, today: NaiveDate) -> (Report, Read) {
    use rayon::prelude::*;
    let mut report = Report::default();
    let root = store.root().to_path_buf();
    let settings = check_config(store, &mut report);

    // One walk of every folder (a git checkout of the logbook keeps its own files in `.git`).
    let (dirs, unlisted) = walk::walk_par(&root, &[".git"]);
    let mut unread = unlisted.len();
    for dir in unlisted {
        report.push(
            Severity::Error,
            &dir.path,
            None,
            format!("cannot read this directory: {}", dir.error),
        );
    }
    // In file order (folders, then names, as bytes), so that of two duplicates the first is named,
    // run after run; each folder's files are judged by name and sorted on their own core.
    let mut dirs = dirs;
    dirs.sort_unstable_by(|a, b| {
        (a.path.as_os_str().as_encoded_bytes()).cmp(b.path.as_os_str().as_encoded_bytes())
    });
    let (partners_dir, sessions_dir) = (store.partners_dir(), store.sessions_dir());
    let places: Vec<Place> = dirs
        .par_iter()
        .map(|dir| Place::of(dir, &root, &partners_dir, &sessions_dir))
        .collect();
    let mut to_read: Vec<(usize, &std::ffi::OsStr, Kind)> = Vec::new();
    for (position, place) in places.into_iter().enumerate() {
        report.problems.extend(place.problems);
        report.files += place.records;
        to_read.extend(
            place
                .files
                .into_iter()
                .map(|(file_name, kind)| (position, file_name, kind)),
        );
    }
    let path_of = |index: usize| dirs[to_read[index].0].path.join(to_read[index].1);
    // A folder others can list shows them the file names, which hold clients' names.
    let mut loose_dirs: Vec<(PathBuf, u32)> = Vec::new();
    #[cfg(unix)]
    for dir in &dirs {
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
            && let Ok(found) = super::evidence::entries(text)
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
                    .and_then(super::evidence::hash)
                    .ok()
                    .map(|(sha, _)| sha);
                let name = file_name.to_string_lossy();
                kept_evidence.insert(name[..64].to_owned(), (index, held));
                Ok((file_mode(&path), None))
            }
            Kind::Private => open(*position, file_name).map(|(_, mode)| (mode, None)),
            Kind::PartnerKey => open(*position, file_name).and_then(|(text, mode)| {
                super::keys::check_partner_key(&text)?;
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
                    super::evidence::entries(&text).unwrap_or_default()
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
        .map(|(index, mode)| (path_of(index), mode))
        .collect();
    if let Some(problem) = others_can_read(&root, &loose_files, &loose_dirs) {
        report.problems.push(problem);
    }
    unread += broken.len();
    for (index, line, message) in broken {
        report.push(Severity::Error, &path_of(index), line, message);
    }
    check_evidence(&named, &kept_evidence, &path_of, &mut report);
    for (index, first, kind) in same_records {
        let first = path_of(first);
        let path = path_of(index);
        let id = name::short_id(
            path.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default(),
        )
        .to_owned();
        let undo = ["coachlog", kind.command, "remove", &id].join(" ");
        report.push(
            Severity::Warning,
            &path,
            None,
            format!(
                "the same {} as {} (everything but the notes), so it counts twice: if it was \
                 recorded twice by mistake, `{undo}` removes this one",
                kind.noun,
                first
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            ),
        );
    }
    check_sessions(
        &sessions,
        &partners,
        &path_of,
        settings.as_ref(),
        today,
        &mut report,
    );
    check_private(
        &sessions,
        &partners,
        &path_of,
        settings.as_ref(),
        &root,
        store.keys().ok().flatten().as_deref(),
        &mut report,
    );
    let earlier = sessions
        .iter()
        .filter(|(_, s, _)| s.facts_from != FactsFrom::Session)
        .count();
    if earlier > 0 {
        report.push(
            Severity::Warning,
            &store.sessions_dir(),
            None,
            format!(
                "{} of the earlier format {} not record the client type and group size {} judged \
                 by, so {} take them from {} partner's file and would change if the partner is \
                 edited: `coachlog upgrade` records them (`--dry-run` shows what it would write)",
                count(earlier, "session file", "session files"),
                agree(earlier, "does", "do"),
                agree(earlier, "it is", "they are"),
                agree(earlier, "it", "they"),
                agree(earlier, "its", "their"),
            ),
        );
    }
    if super::git::is_repository(&root)
        && let Ok(dirty) = super::git::dirty(&root)
        && !dirty.is_empty()
    {
        let names: Vec<String> = dirty
            .iter()
            .take(5)
            .map(|p| p.display().to_string())
            .collect();
        report.push(
            Severity::Warning,
            &root,
            None,
            format!(
                "{} changed outside coachlog and not committed ({}{}): coachlog commits only its own \
                 changes; see `coachlog git status`, and commit them with `coachlog git commit`",
                count(dirty.len(), "file", "files"),
                names.join(", "),
                if dirty.len() > 5 { ", …" } else { "" }
            ),
        );
    }
    report.sort();
    let whole = unread == 0;
    let read = Read {
        partners: partners.into_values().map(|(_, p)| p).collect(),
        sessions: sessions.into_iter().map(|(_, s, _)| s).collect(),
        settings,
        whole,
    };
    (report, read)
}

/// A partner file's text read, or the problem with it (its name, or its contents with the line).
/// The evidence a record's file names, each with the line of its hash.
type Named = Vec<(super::evidence::Entry, Option<usize>)>;

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
        super::portable::OWNER_ONLY
    }
}

/// Every piece of evidence a record names must be kept in `evidence/` and hold what was attached;
/// an evidence file no record names is a leftover.
fn check_evidence(
    named: &[(usize, Named)],
    kept: &FxHashMap<String, (usize, Option<String>)>,
    path_of: &dyn Fn(usize) -> PathBuf,
    report: &mut Report,
) {
    let mut used = std::collections::HashSet::new();
    for (index, entries) in named {
        for (entry, line) in entries {
            used.insert(entry.sha256.as_str());
            let what = format!("evidence {} ({})", entry.name, entry.kind);
            let message = match kept.get(&entry.sha256) {
                None => format!(
                    "{what} is missing from {}/: put the file back from a backup, or attach it again \
                     (the same file keeps the same name)",
                    super::evidence::FOLDER
                ),
                Some((file, held)) if held.as_deref() != Some(entry.sha256.as_str()) => format!(
                    "{what}: {} no longer holds what was attached (its content changed): put the \
                     attached file back from a backup",
                    path_of(*file).display()
                ),
                Some(_) => continue,
            };
            report.push(Severity::Error, &path_of(*index), *line, message);
        }
    }
    let mut leftovers: Vec<&(usize, Option<String>)> = kept
        .iter()
        .filter(|(sha, _)| !used.contains(sha.as_str()))
        .map(|(_, file)| file)
        .collect();
    leftovers.sort_by_key(|(index, _)| *index);
    for (index, _) in leftovers {
        report.push(
            Severity::Warning,
            &path_of(*index),
            None,
            "an evidence file no record names: attach it to its record, or delete it".to_owned(),
        );
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

fn check_config(store: &Store, report: &mut Report) -> Option<Settings> {
    match store.settings() {
        Ok(settings) => Some(settings),
        Err(e) => {
            let path = store.config_path();
            let text = files::read_regular(&path).unwrap_or_default();
            let line = toml::from_str::<toml::Table>(&text)
                .err()
                .and_then(|e| FileProblem::of_toml(&text, &e).line);
            report.push(Severity::Error, &path, line, format!("{e:#}"));
            None
        }
    }
}

/// The problems of the sessions as a logbook: a missing partner (an error), and the lints of
/// [`lints::lint`], each said at its file (`path_of` a session's index) and line.
/// Confidential text as `encrypt_notes` wants it: with it on, text written plain (by hand, or by
/// another program) is named with the command that encrypts it; and encrypted text whose partner's
/// key is gone (`keys/`) can never be read again, which is said once per partner.
fn check_private(
    sessions: &[(usize, Session, Lines)],
    partners: &FxHashMap<PartnerId, (usize, Partner)>,
    path_of: &dyn Fn(usize) -> PathBuf,
    settings: Option<&Settings>,
    root: &Path,
    keys: Option<&super::keys::Keys>,
    report: &mut Report,
) {
    use crate::domain::private::{Confidential, is_sealed};
    let encrypting = settings.is_some_and(|s| s.encrypt_notes);
    let mut records: Vec<(usize, PartnerId, Vec<String>)> = Vec::new();
    for (index, p) in partners.values() {
        let mut texts = Vec::new();
        p.clone().each_private(&mut |t| texts.push(t.clone()));
        records.push((*index, p.id.clone(), texts));
    }
    for (index, s, _) in sessions {
        if s.notes.is_some()
            || s.reflection
                .as_ref()
                .is_some_and(|r| r.experiment.is_some())
        {
            let mut texts = Vec::new();
            s.clone().each_private(&mut |t| texts.push(t.clone()));
            records.push((*index, s.partner.clone(), texts));
        }
    }
    records.sort_by_key(|(index, _, _)| *index);
    // The partners with a key, from one listing of `keys/` (not a look per record).
    let keys_dir = root.join(super::keys::PARTNER_KEYS_DIR);
    let (listed, _) = walk::walk(&keys_dir, false, &[]);
    let with_key: std::collections::HashSet<&std::ffi::OsStr> =
        listed.iter().flat_map(|d| d.records()).collect();
    let mut keyless: Vec<&PartnerId> = Vec::new();
    for (index, partner, texts) in &records {
        if encrypting && texts.iter().any(|t| !is_sealed(t)) {
            report.push(
                Severity::Warning,
                &path_of(*index),
                None,
                "holds notes, a contact or an agreement in plain text, though encrypt_notes is on \
                 (written by hand, or by another program): `coachlog config set encrypt_notes \
                 true` encrypts them"
                    .to_owned(),
            );
        }
        let key_name = format!("{partner}.toml");
        if texts.iter().any(|t| is_sealed(t))
            && !keyless.contains(&partner)
            && !with_key.contains(std::ffi::OsStr::new(&key_name))
        {
            keyless.push(partner);
            report.push(
                Severity::Warning,
                &path_of(*index),
                None,
                format!(
                    "holds encrypted text of '{partner}' whose key ({}) is gone, so it can never \
                     be read again (a client forgotten, or the keys folder not restored)",
                    keys_dir.join(&key_name).display()
                ),
            );
        }
    }
    // Where this device has the key, every encrypted text is opened: one that does not open with
    // its key is damaged (cut short by a sync, or edited by hand), which reading it would only say
    // as "encrypted".
    let Some(keys) = keys.filter(|k| k.identity().is_some()) else {
        return;
    };
    use rayon::prelude::*;
    let damaged: Vec<usize> = records
        .par_iter()
        .filter(|(_, partner, texts)| {
            texts.iter().any(|t| {
                is_sealed(t)
                    && matches!(keys.open(partner, t), Err(super::keys::Locked::Damaged(_)))
            })
        })
        .map(|(index, _, _)| *index)
        .collect();
    for index in damaged {
        report.push(
            Severity::Error,
            &path_of(index),
            None,
            "holds encrypted text that does not open with its key: it is damaged (cut short by a \
             sync, or edited by hand); put the file back from a backup (or `coachlog git log` \
             and `coachlog git checkout` in a logbook kept in git)"
                .to_owned(),
        );
    }
}

fn check_sessions(
    sessions: &[(usize, Session, Lines)],
    partners: &FxHashMap<PartnerId, (usize, Partner)>,
    path_of: &dyn Fn(usize) -> PathBuf,
    settings: Option<&Settings>,
    today: NaiveDate,
    report: &mut Report,
) {
    for (index, s, lines) in sessions {
        if !partners.contains_key(&s.partner) {
            report.push(
                Severity::Error,
                &path_of(*index),
                lines.partner,
                format!(
                    "names the partner '{}', who does not exist: add them (`coachlog partner add`) or correct the id",
                    s.partner
                ),
            );
        }
    }
    let list: Vec<&Session> = sessions.iter().map(|(_, s, _)| s).collect();
    let found = lints::lint(&list, settings, today);
    for (position, lint) in found.sessions {
        let (index, s, lines) = &sessions[position];
        let path = path_of(*index);
        let (line, message) = match lint {
            Lint::Duplicate { of } => (
                None,
                format!(
                    "a duplicate of {} (same partner, date, minutes and role): if it was logged twice by \
                     mistake, `coachlog remove` one of them",
                    path_of(sessions[of].0)
                        .file_name()
                        .unwrap_or_default()
                        .to_string_lossy()
                ),
            ),
            Lint::Future => (lines.date, format!("dated {}, in the future", s.date)),
            Lint::BeforeTraining { start } => (
                lines.date,
                format!("before training_start ({start}): ICF does not count it (EMCC and AC do)"),
            ),
            Lint::LongDay { minutes } => (
                None,
                format!(
                    "{} h of coaching on {}, more than {} h in a day: is a duration mistyped?",
                    hours_2dp(minutes),
                    s.date,
                    lints::LONG_DAY_MINUTES / 60
                ),
            ),
        };
        report.push(Severity::Warning, &path, line, message);
    }
    for group in found.groups {
        if let Some((index, _)) = partners.get(&group.partner) {
            report.push(
                Severity::Warning,
                &path_of(*index),
                None,
                format!(
                    "{} with this group had more members present than ICF's limit of {} (up to \
                     {}): {} not count for ICF",
                    text::count(group.sessions, "session", "sessions"),
                    group.limit,
                    group.most,
                    agree(group.sessions, "it does", "they do"),
                ),
            );
        }
    }
    let one_way = |id: &PartnerId| {
        partners
            .get(id)
            .is_some_and(|(_, p)| p.arrangement == crate::domain::model::Arrangement::OneWay)
    };
    for c in lints::contradicted(list.iter().copied(), one_way) {
        if let Some((index, _)) = partners.get(&c.partner) {
            report.push(
                Severity::Warning,
                &path_of(*index),
                None,
                format!(
                    "arrangement = \"one-way\", but {} coached you in {}: the give and take \
                     (`coachlog mix`, `coachlog due`) counts them as a reciprocal partner; \
                     `coachlog partner edit {} --arrangement reciprocal` says so",
                    c.partner,
                    text::count(c.coached_me, "session", "sessions"),
                    c.partner
                ),
            );
        }
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
