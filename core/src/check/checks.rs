//! The named checks of `check`: one function each, over what [`super::scan`] read.

use std::path::{Path, PathBuf};

use super::scan::Scan;
use super::{Problem, Report, Severity};
use crate::domain::duration::hours_2dp;
use crate::domain::id::PartnerId;
use crate::domain::model::{FactsFrom, Session};
use crate::domain::text::{self, agree, count};
use crate::rules::lints::{self, Lint};
use crate::storage::{name, walk};

/// `config.toml` that does not read.
pub(super) fn config(scan: &Scan, report: &mut Report) {
    if let Err(problem) = &scan.settings {
        report.problems.push(problem.clone());
    }
}

/// A folder that cannot be listed.
pub(super) fn unreadable_folders(scan: &Scan, report: &mut Report) {
    for (path, error) in &scan.unlisted {
        report.push(
            Severity::Error,
            path,
            None,
            format!("cannot read this directory: {error}"),
        );
    }
}

/// Files by their place and name: links and devices among the records, copies a sync tool or an
/// editor left, temporary files, files coachlog neither reads nor writes.
pub(super) fn places(scan: &Scan, report: &mut Report) {
    report.problems.extend(scan.place_problems.iter().cloned());
}

/// Files and folders others can read.
pub(super) fn permissions(scan: &Scan, report: &mut Report) {
    if let Some(problem) = others_can_read(&scan.root, &scan.loose_files, &scan.loose_dirs) {
        report.problems.push(problem);
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

/// A file that cannot be read as its record.
pub(super) fn unreadable_files(scan: &Scan, report: &mut Report) {
    for (index, line, message) in &scan.broken {
        report.push(Severity::Error, &scan.path(*index), *line, message.clone());
    }
}

/// Every piece of evidence a record names must be kept in `evidence/` and hold what was attached;
/// an evidence file no record names is a leftover.
pub(super) fn evidence(scan: &Scan, report: &mut Report) {
    let (named, kept) = (&scan.named, &scan.kept_evidence);
    let mut used = std::collections::HashSet::new();
    for (index, entries) in named {
        for (entry, line) in entries {
            used.insert(entry.sha256.as_str());
            let what = format!("evidence {} ({})", entry.name, entry.kind);
            let message = match kept.get(&entry.sha256) {
                None => format!(
                    "{what} is missing from {}/: put the file back from a backup, or attach it again \
                     (the same file keeps the same name)",
                    crate::storage::evidence::FOLDER
                ),
                Some((file, held)) if held.as_deref() != Some(entry.sha256.as_str()) => format!(
                    "{what}: {} no longer holds what was attached (its content changed): put the \
                     attached file back from a backup",
                    scan.path(*file).display()
                ),
                Some(_) => continue,
            };
            report.push(Severity::Error, &scan.path(*index), *line, message);
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
            &scan.path(*index),
            None,
            "an evidence file no record names: attach it to its record, or delete it".to_owned(),
        );
    }
}

/// A record kept in two files.
pub(super) fn same_records(scan: &Scan, report: &mut Report) {
    for (index, first, kind) in &scan.same_records {
        let first = scan.path(*first);
        let path = scan.path(*index);
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
}

/// A session whose partner does not exist.
pub(super) fn missing_partners(scan: &Scan, report: &mut Report) {
    let (sessions, partners) = (&scan.sessions, &scan.partners);
    for (index, s, lines) in sessions {
        if !partners.contains_key(&s.partner) {
            report.push(
                Severity::Error,
                &scan.path(*index),
                lines.partner,
                format!(
                    "names the partner '{}', who does not exist: add them (`coachlog partner add`) or correct the id",
                    s.partner
                ),
            );
        }
    }
}

/// The lints of [`lints::lint`] on the sessions (a duplicate, a date in the future or before
/// training, a long day) and on groups over ICF's limit, each said at its file and line.
pub(super) fn lints(scan: &Scan, report: &mut Report) {
    let (sessions, partners) = (&scan.sessions, &scan.partners);
    let (settings, today) = (scan.settings.as_ref().ok(), scan.today);
    let list: Vec<&Session> = sessions.iter().map(|(_, s, _)| s).collect();
    let found = lints::lint(&list, settings, today);
    for (position, lint) in found.sessions {
        let (index, s, lines) = &sessions[position];
        let path = scan.path(*index);
        let (line, message) = match lint {
            Lint::Duplicate { of } => (
                None,
                format!(
                    "a duplicate of {} (same partner, date, minutes and role): if it was logged twice by \
                     mistake, `coachlog remove` one of them",
                    scan.path(sessions[of].0)
                        .file_name()
                        .unwrap_or_default()
                        .to_string_lossy()
                ),
            ),
            Lint::Future => (lines.date, format!("dated {}, in the future", s.date)),
            Lint::CompetencyVersion { tag, in_force } => {
                let schemes: Vec<&str> = settings
                    .map(|settings| {
                        settings
                            .schemes
                            .iter()
                            .filter(|s| s.body == in_force.body)
                            .map(|s| s.name.as_str())
                            .collect()
                    })
                    .unwrap_or_default();
                let judged = if schemes.is_empty() {
                    String::new()
                } else {
                    format!(", by which {} judge", schemes.join(", "))
                };
                (
                    None,
                    format!(
                        "tagged {tag}, a version not in force on {}: {}'s then is {} ({}){judged}",
                        s.date,
                        in_force.body,
                        in_force.name,
                        tag.in_version(in_force)
                            .map_or_else(|| in_force.id.clone(), |t| t.to_string()),
                    ),
                )
            }
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
                &scan.path(*index),
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
}

/// A partner recorded as one-way who coached the coach.
pub(super) fn arrangements(scan: &Scan, report: &mut Report) {
    let (sessions, partners) = (&scan.sessions, &scan.partners);
    let list: Vec<&Session> = sessions.iter().map(|(_, s, _)| s).collect();
    let one_way = |id: &PartnerId| {
        partners
            .get(id)
            .is_some_and(|(_, p)| p.arrangement == crate::domain::model::Arrangement::OneWay)
    };
    for c in lints::contradicted(list.iter().copied(), one_way) {
        if let Some((index, _)) = partners.get(&c.partner) {
            report.push(
                Severity::Warning,
                &scan.path(*index),
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

/// Confidential text as `encrypt_notes` wants it: with it on, text written plain (by hand, or by
/// another program) is named with the command that encrypts it; and encrypted text whose partner's
/// key is gone (`keys/`) can never be read again, which is said once per partner.
pub(super) fn private_text(scan: &Scan, report: &mut Report) {
    let (sessions, partners, root) = (&scan.sessions, &scan.partners, &scan.root);
    let settings = scan.settings.as_ref().ok();
    let keys = scan.keys.as_deref();
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
    let keys_dir = root.join(crate::storage::keys::PARTNER_KEYS_DIR);
    let (listed, _) = walk::walk(&keys_dir, false, &[]);
    let with_key: std::collections::HashSet<&std::ffi::OsStr> =
        listed.iter().flat_map(|d| d.records()).collect();
    let mut keyless: Vec<&PartnerId> = Vec::new();
    for (index, partner, texts) in &records {
        if encrypting && texts.iter().any(|t| !is_sealed(t)) {
            report.push(
                Severity::Warning,
                &scan.path(*index),
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
                &scan.path(*index),
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
                    && matches!(
                        keys.open(partner, t),
                        Err(crate::storage::keys::Locked::Damaged(_))
                    )
            })
        })
        .map(|(index, _, _)| *index)
        .collect();
    for index in damaged {
        report.push(
            Severity::Error,
            &scan.path(index),
            None,
            "holds encrypted text that does not open with its key: it is damaged (cut short by a \
             sync, or edited by hand); put the file back from a backup (or `coachlog git log` \
             and `coachlog git checkout` in a logbook kept in git)"
                .to_owned(),
        );
    }
}

/// Session files of the earlier format, which take their facts from their partner's file.
pub(super) fn earlier_format(scan: &Scan, report: &mut Report) {
    let earlier = scan
        .sessions
        .iter()
        .filter(|(_, s, _)| s.facts_from != FactsFrom::Session)
        .count();
    if earlier > 0 {
        report.push(
            Severity::Warning,
            &scan.sessions_dir,
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
}

/// In a logbook kept in git, files changed outside coachlog and not committed.
pub(super) fn uncommitted(scan: &Scan, report: &mut Report) {
    if crate::storage::git::is_repository(&scan.root)
        && let Ok(dirty) = crate::storage::git::dirty(&scan.root)
        && !dirty.is_empty()
    {
        let names: Vec<String> = dirty
            .iter()
            .take(5)
            .map(|p| p.display().to_string())
            .collect();
        report.push(
            Severity::Warning,
            &scan.root,
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
}

/// The partners' receipts against the sessions they confirm: a signature that no longer holds, a
/// disagreement, a session whose record changed since its receipt, a session gone.
pub(super) fn receipts(scan: &Scan, report: &mut Report) {
    use crate::reports::receipts::{Standing, judge};
    if scan.receipts.is_empty() {
        return;
    }
    let kept: Vec<crate::domain::receipt::KeptReceipt> =
        scan.receipts.iter().map(|(_, k)| k.clone()).collect();
    let sessions: Vec<Session> = scan.sessions.iter().map(|(_, s, _)| s.clone()).collect();
    for (judged, (path, _)) in judge(&kept, &sessions).iter().zip(&scan.receipts) {
        let k = judged.kept;
        let (severity, message) = match &judged.standing {
            Standing::Confirmed => continue,
            Standing::Broken(why) => (
                Severity::Error,
                format!("{}'s receipt of session {}: {why}", k.partner, k.session),
            ),
            Standing::Disagrees(differs) => (
                Severity::Warning,
                format!(
                    "{}'s receipt disagrees with session {}: {} (correct the session, or ask \
                     {} for a new receipt)",
                    k.partner,
                    k.session,
                    differs.join("; "),
                    k.partner
                ),
            ),
            Standing::Changed(differs) => (
                Severity::Warning,
                format!(
                    "session {} changed since {}'s receipt confirmed it on {}: {}",
                    k.session,
                    k.partner,
                    k.kept,
                    differs.join("; ")
                ),
            ),
            Standing::SessionGone => (
                Severity::Warning,
                format!(
                    "{}'s receipt confirms session {} ({}), which is no longer in the logbook",
                    k.partner, k.session, k.date
                ),
            ),
        };
        report.push(severity, path, None, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::Store;

    /// A logbook in a temporary folder with `files` (path, text), read as `check` reads it, and
    /// judged by the one check `run`.
    fn judged(files: &[(&str, &str)], run: fn(&Scan, &mut Report)) -> Vec<Problem> {
        let dir = tempfile::tempdir().expect("temporary folder");
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().expect("folder")).expect("folder");
            std::fs::write(path, text).expect("written");
        }
        let store = Store::new(dir.path().to_path_buf());
        let today = "2026-11-23".parse().expect("date");
        let (mut dirs, _) = walk::walk_par(store.root(), &[".git"]);
        dirs.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        let scan = Scan::read(&store, today, &dirs, Vec::new());
        let mut report = Report::default();
        run(&scan, &mut report);
        report.problems
    }

    const SESSION: &str = "version = 1\ndate = 2026-01-11\npartner = \"ghost\"\nminutes = 30\n\
                           role = \"coach\"\npayment = \"pro-bono\"\narrangement = \"one-way\"\n\
                           client_type = \"non-coach\"\n";

    #[test]
    fn a_session_without_its_partner_is_an_error_at_the_partner_line() {
        let problems = judged(
            &[("sessions/2026/2026-01-11-ghost-2p9s6k.toml", SESSION)],
            missing_partners,
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].severity, Severity::Error);
        assert_eq!(problems[0].line, Some(3));
        assert!(problems[0].message.starts_with("names the partner 'ghost'"));
        // Another check says nothing of it.
        let none = judged(
            &[("sessions/2026/2026-01-11-ghost-2p9s6k.toml", SESSION)],
            earlier_format,
        );
        assert!(none.is_empty(), "{none:?}");
    }

    #[test]
    fn a_session_that_does_not_read_is_named_by_unreadable_files_alone() {
        let files = [("sessions/2026/2026-01-11-ghost-2p9s6k.toml", "date = \n")];
        let problems = judged(&files, unreadable_files);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].severity, Severity::Error);
        assert!(judged(&files, missing_partners).is_empty());
    }
}
