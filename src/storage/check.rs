//! `check`: every file of the logbook read and judged, with the file, the line when it is known,
//! and what to do. Errors are files that cannot be read as records and sessions without their
//! partner; warnings are everything a careful person would want to look at.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use super::Store;
use super::record::{PartnerRecord, SessionRecord};
use crate::domain::duration::hours_2dp;
use crate::domain::id::PartnerId;
use crate::domain::model::{FactsFrom, Partner, Role, Session};
use crate::domain::text::{self, agree, count};
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

/// The 1-based line of a byte offset.
fn line_at(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(1, |t| t.matches('\n').count() + 1)
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

/// A TOML error's message without its source snippet, and its line.
fn toml_problem(text: &str, error: &toml::de::Error) -> (Option<usize>, String) {
    (
        error.span().map(|span| line_at(text, span.start)),
        error.message().to_owned(),
    )
}

/// Whether a file name looks like a copy left by a file-sync tool or an editor's backup.
fn conflict_copy(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.contains("conflicted copy")
        || lower.contains(".sync-conflict-")
        || name.ends_with('~')
        || lower.ends_with(".orig")
        || lower.ends_with(".bak")
}

/// Whether a file is one of the editor's or an interrupted write's leftovers.
fn stray(name: &str) -> Option<&'static str> {
    if name.starts_with(".coachlog-") && name.ends_with(".tmp") {
        Some(
            "a temporary file left by an interrupted write: the record it was for was never written; delete it",
        )
    } else if name.ends_with(".swp")
        || name.ends_with(".swo")
        || (name.starts_with(".#"))
        || (name.starts_with('#') && name.ends_with('#'))
    {
        Some("an editor's swap or lock file: if no editor has the file open, delete it")
    } else {
        None
    }
}

/// Checks the whole logbook as of `today`.
pub fn check(store: &Store, today: NaiveDate) -> Report {
    let mut report = Report::default();
    let root = store.root().to_path_buf();
    let settings = check_config(store, &mut report);

    let mut partners: HashMap<PartnerId, (PathBuf, Partner)> = HashMap::new();
    let mut records: Vec<(PathBuf, String, SessionRecord)> = Vec::new();
    let mut pending = vec![root.clone()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            report.push(Severity::Error, &dir, None, "cannot read this directory");
            continue;
        };
        let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let at_root = dir == root;
            if path.is_dir() {
                // A git checkout of the logbook keeps its own files.
                if !(at_root && name == ".git") {
                    pending.push(path);
                }
                continue;
            }
            if at_root && (name == ".lock" || name == "config.toml") {
                check_permissions(&path, &mut report);
                continue;
            }
            if let Some(why) = stray(&name) {
                report.push(Severity::Warning, &path, None, why);
                continue;
            }
            if at_root && name.starts_with('.') {
                continue; // .gitignore, .stignore: the sync tool's own files.
            }
            let in_partners = dir == store.partners_dir();
            let in_sessions = path.starts_with(store.sessions_dir());
            let is_toml = name.ends_with(".toml");
            if !(is_toml && (in_partners || in_sessions)) || name.starts_with('.') {
                let what = if conflict_copy(&name) {
                    "looks like a copy left by a file-sync tool or an editor: compare it with the original and delete one"
                } else {
                    "not a coachlog file: coachlog neither reads nor writes it"
                };
                report.push(Severity::Warning, &path, None, what);
                continue;
            }
            report.files += 1;
            check_permissions(&path, &mut report);
            if conflict_copy(&name) {
                report.push(
                    Severity::Warning,
                    &path,
                    None,
                    "looks like a copy left by a file-sync tool: it is read like any other file, so compare it \
                     with the original and delete one, or its hours count twice",
                );
            }
            let text = match fs::read_to_string(&path) {
                Ok(text) => text,
                Err(e) => {
                    report.push(Severity::Error, &path, None, format!("cannot be read: {e}"));
                    continue;
                }
            };
            let stem = name.trim_end_matches(".toml");
            if in_partners {
                let Ok(id) = stem.parse::<PartnerId>() else {
                    report.push(
                        Severity::Error,
                        &path,
                        None,
                        "the file name is not a partner id (lowercase letters, digits and hyphens, e.g. alex-kim.toml): \
                         rename it, or delete it if it is a copy",
                    );
                    continue;
                };
                match toml::from_str::<PartnerRecord>(&text) {
                    Ok(record) => {
                        partners.insert(id.clone(), (path.clone(), record.into_partner(id)));
                    }
                    Err(e) => {
                        let (line, message) = toml_problem(&text, &e);
                        report.push(
                            Severity::Error,
                            &path,
                            line,
                            format!("not a valid partner file: {message}"),
                        );
                    }
                }
            } else {
                match toml::from_str::<SessionRecord>(&text) {
                    Ok(record) => match record.problem() {
                        None => records.push((path.clone(), text, record)),
                        Some(problem) => report.push(
                            Severity::Error,
                            &path,
                            line_of_key(&text, "group_size"),
                            format!("not a valid session file: {problem}"),
                        ),
                    },
                    Err(e) => {
                        let (line, message) = toml_problem(&text, &e);
                        report.push(
                            Severity::Error,
                            &path,
                            line,
                            format!("not a valid session file: {message}"),
                        );
                    }
                }
            }
        }
    }
    // Partner files are all read by now: a session of the earlier format takes its facts from its
    // partner, as every report reads it.
    let sessions: Vec<(PathBuf, String, Session)> = records
        .into_iter()
        .map(|(path, text, record)| {
            let facts = partners.get(record.partner()).map(|(_, p)| p.facts());
            let file_name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            let session = record.into_session(super::name::short_id(file_name).to_owned(), facts);
            (path, text, session)
        })
        .collect();
    check_sessions(&sessions, &partners, settings.as_ref(), today, &mut report);
    let earlier = sessions
        .iter()
        .filter(|(_, _, s)| s.facts_from != FactsFrom::Session)
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
    report.sort();
    report
}

fn check_config(store: &Store, report: &mut Report) -> Option<Settings> {
    match store.settings() {
        Ok(settings) => Some(settings),
        Err(e) => {
            let path = store.config_path();
            let text = fs::read_to_string(&path).unwrap_or_default();
            let line = toml::from_str::<toml::Table>(&text)
                .err()
                .and_then(|e| toml_problem(&text, &e).0);
            report.push(Severity::Error, &path, line, format!("{e:#}"));
            None
        }
    }
}

#[cfg(unix)]
fn check_permissions(path: &Path, report: &mut Report) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = fs::metadata(path) {
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            report.push(
                Severity::Warning,
                path,
                None,
                format!(
                    "readable by others (mode {mode:o}): client data is confidential; chmod 600 it"
                ),
            );
        }
    }
}

#[cfg(not(unix))]
fn check_permissions(_: &Path, _: &mut Report) {}

fn check_sessions(
    sessions: &[(PathBuf, String, Session)],
    partners: &HashMap<PartnerId, (PathBuf, Partner)>,
    settings: Option<&Settings>,
    today: NaiveDate,
    report: &mut Report,
) {
    let mut seen: BTreeMap<(&PartnerId, NaiveDate, u32, Role), &Path> = BTreeMap::new();
    let mut per_day: BTreeMap<NaiveDate, (u64, &Path)> = BTreeMap::new();
    let group_limit = settings
        .and_then(Settings::icf_log_scheme)
        .and_then(|s| s.group_limit);
    // Per group: how many sessions had more members present than the limit, and the most present.
    let mut over_limit: BTreeMap<&PartnerId, (usize, u32)> = BTreeMap::new();
    for (path, text, s) in sessions {
        let partner = partners.get(&s.partner);
        if partner.is_none() {
            report.push(
                Severity::Error,
                path,
                line_of_key(text, "partner"),
                format!(
                    "names the partner '{}', who does not exist: add them (`coachlog partner add`) or correct the id",
                    s.partner
                ),
            );
        }
        match seen.get(&(&s.partner, s.date, s.minutes.get(), s.role)) {
            Some(other) => report.push(
                Severity::Warning,
                path,
                None,
                format!(
                    "a duplicate of {} (same partner, date, minutes and role): if it was logged twice by \
                     mistake, `coachlog remove` one of them",
                    other.file_name().unwrap_or_default().to_string_lossy()
                ),
            ),
            None => {
                seen.insert((&s.partner, s.date, s.minutes.get(), s.role), path);
            }
        }
        if s.date > today {
            report.push(
                Severity::Warning,
                path,
                line_of_key(text, "date"),
                format!("dated {}, in the future", s.date),
            );
        }
        if s.role != Role::Coach {
            continue;
        }
        if let Some(start) = settings.and_then(|s| s.training_start)
            && s.date < start
        {
            report.push(
                Severity::Warning,
                path,
                line_of_key(text, "date"),
                format!("before training_start ({start}): ICF does not count it (EMCC and AC do)"),
            );
        }
        let day = per_day.entry(s.date).or_insert((0, path));
        day.0 += u64::from(s.minutes.get());
        if let Some(limit) = group_limit
            && s.members() > limit
        {
            let (count, most) = over_limit.entry(&s.partner).or_default();
            *count += 1;
            *most = (*most).max(s.members());
        }
    }
    for (date, (minutes, path)) in per_day {
        if minutes > 600 {
            report.push(
                Severity::Warning,
                path,
                None,
                format!(
                    "{} h of coaching on {date}, more than 10 h in a day: is a duration mistyped?",
                    hours_2dp(minutes)
                ),
            );
        }
    }
    for (id, (count, most)) in over_limit {
        if let Some((path, _)) = partners.get(id) {
            report.push(
                Severity::Warning,
                path,
                None,
                format!(
                    "{} with this group had more members present than ICF's limit of {} (up to \
                     {most}): {} not count for ICF",
                    text::count(count, "session", "sessions"),
                    group_limit.unwrap_or_default(),
                    agree(count, "it does", "they do"),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_lines_and_copies() {
        assert_eq!(
            line_of_key("version = 1\n  partner = \"x\"\n", "partner"),
            Some(2)
        );
        assert_eq!(line_of_key("partners = 1\n", "partner"), None);
        assert_eq!(line_at("a\nb\nc", 4), 3);
        assert!(conflict_copy(
            "2026-01-01-alex-kim-abc (conflicted copy 2026-01-02).toml"
        ));
        assert!(conflict_copy("x.sync-conflict-20260101-123456-ABC.toml"));
        assert!(conflict_copy("x.toml~"));
        assert!(!conflict_copy("2026-01-01-alex-kim-abc123.toml"));
        assert!(stray(".coachlog-Ab12.tmp").is_some());
        assert!(stray(".2026-01-01-x.toml.swp").is_some());
        assert!(stray("2026-01-01-x.toml").is_none());
    }
}
