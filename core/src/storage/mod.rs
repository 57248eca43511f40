//! The logbook on disk: a data directory with one TOML file per partner and one per session.
//!
//! ```text
//! <data dir>/
//!   partners/<partner-id>.toml
//!   sessions/<year>/<date>-<partner-id>-<session-id>.toml
//! ```
//!
//! A file per record means two machines syncing the folder never edit the same file, and a write
//! can only ever touch the one record it is about.
//!
//! The store is the one way in for every change: a session, a partner, a record or the settings is
//! written by the store's own methods, which pass the guard of attested periods ([`guard`]). The
//! file layer's writers are the core's own, so a front end cannot write a record around it — the
//! compiler says no:
//!
//! ```compile_fail,E0603
//! use std::path::Path;
//! let session = Path::new("sessions/2026/2026-01-11-alex-kim-2p9s6k.toml");
//! coachlog_core::storage::files::replace(session, "minutes = 600").unwrap();
//! ```
//!
//! What a command writes for the user outside the records (an export, a report) goes through
//! [`Store::write_outside`], which refuses a path among the logbook's files.

pub mod attestation;
pub mod config;
pub mod datadir;
pub mod development;
mod disk;
pub mod evidence;
mod format;
pub mod git;
pub(crate) mod guard;
pub(crate) mod inbox;
pub mod keys;
pub(crate) mod outside;
mod partners;
pub(crate) mod receipts;
pub(crate) mod requests;
pub(crate) mod restore;
pub mod sealing;
mod sessions;
pub mod signing;
pub mod status_cache;

// The tiers below the store, under the names the rest of the core knows them by.
pub use disk::{files, name, portable, walk};
pub(crate) use format::rewrite;
pub use format::{fast, problem, record, toml_date};

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::domain::id::PartnerId;
pub use sessions::{Added, Batch, SessionFile, SessionLookupError, session_id};

/// What a change did that the user should know, beside what the command says it did: the front
/// end says each once the command is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A change was recorded on an attested period, with its reason.
    Reopened {
        /// The attestation's id.
        id: String,
        /// Its period's first day.
        from: chrono::NaiveDate,
        /// Its period's last day.
        to: chrono::NaiveDate,
        /// What changed, in words (`session k3f9qa`).
        subjects: Vec<String>,
        /// The reason given.
        reason: String,
    },
    /// The evidence of a record removed went with it.
    EvidenceRemoved {
        /// The name it was attached under.
        name: String,
        /// Its file, under the data directory.
        file: String,
    },
    /// The evidence of a record removed stays, attached to other records.
    EvidenceKept {
        /// The name it was attached under.
        name: String,
        /// Its file, under the data directory.
        file: String,
        /// The records it stays attached to (`partner alex-kim`).
        elsewhere: Vec<String>,
    },
}

/// The prefix of the name of a copy the user's editor is given (`.coachlog-edit-PID-…`, in the
/// logbook's folder), which [`Store::sweep_edit_copies`] removes once its process is gone.
pub const EDIT_COPY_PREFIX: &str = ".coachlog-edit-";

/// The logbook in a data directory.
#[derive(Debug)]
pub struct Store {
    root: PathBuf,
    skip_invalid: bool,
    skipped: std::sync::atomic::AtomicUsize,
    copies: std::sync::atomic::AtomicUsize,
    /// The dates a session may have, judged on today.
    dates: Option<crate::rules::dates::Plausible>,
    /// In a logbook kept in git, what each change is committed as.
    commits: Option<std::sync::Arc<std::sync::Mutex<Commits>>>,
    /// What the user should know of what this run's changes did (the evidence of a record
    /// removed, an attestation reopened), said by the command once it is done.
    notes: std::sync::Mutex<Vec<Notice>>,
    /// Today, when the store was given it ([`Store::on`]).
    today: Option<chrono::NaiveDate>,
    /// What the guard of attested periods knows in this run (see [`guard`]).
    guard: std::sync::Mutex<guard::GuardState>,
    /// The keys of confidential text, once read (`None` inside: the logbook has none).
    keys: std::sync::Mutex<Option<(bool, Option<std::sync::Arc<keys::Keys>>)>>,
}

/// What the changes of one run are committed as, and the commits that failed.
#[derive(Debug, Default)]
struct Commits {
    /// The message for a change that says nothing of itself (the command line).
    default: String,
    /// What the change being made is, in words.
    message: Option<String>,
    /// Why a commit failed, for each that did.
    failures: Vec<String>,
}

/// The lock every change of the logbook holds (see [`Store::lock`]); in a logbook kept in git, what
/// changed while it was held is committed before it is released.
#[derive(Debug)]
pub struct Lock {
    commit: Option<PendingCommit>,
    _file: files::Lock,
}

/// A commit to make when a lock is released: of the files that git sees as changed then and did
/// not when the lock was taken (what the user changed by hand before is theirs to commit).
#[derive(Debug)]
struct PendingCommit {
    root: PathBuf,
    before: std::collections::BTreeSet<PathBuf>,
    commits: std::sync::Arc<std::sync::Mutex<Commits>>,
}

impl Drop for Lock {
    fn drop(&mut self) {
        let Some(pending) = self.commit.take() else {
            return;
        };
        let mut commits = pending
            .commits
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let message = commits
            .message
            .take()
            .unwrap_or_else(|| commits.default.clone());
        let changed = git::dirty(&pending.root).map(|after| {
            after
                .difference(&pending.before)
                .cloned()
                .collect::<std::collections::BTreeSet<_>>()
        });
        let committed = changed.and_then(|changed| {
            if changed.is_empty() {
                Ok(())
            } else {
                git::commit(&pending.root, &changed, &message)
            }
        });
        if let Err(e) = committed {
            commits.failures.push(format!("{e:#}"));
        }
    }
}

impl Store {
    /// The logbook in `root` (which may not exist yet: the first write creates it).
    pub fn new(root: PathBuf) -> Self {
        Store {
            root,
            skip_invalid: false,
            skipped: std::sync::atomic::AtomicUsize::new(0),
            copies: std::sync::atomic::AtomicUsize::new(0),
            dates: None,
            commits: None,
            notes: std::sync::Mutex::new(Vec::new()),
            today: None,
            guard: std::sync::Mutex::new(guard::GuardState::default()),
            keys: std::sync::Mutex::new(None),
        }
    }

    /// Whether `encrypt_notes` is on, and the keys of the logbook's confidential text when
    /// `config.toml` names one (`notes_key`); read once a run.
    fn known_keys(&self) -> Result<(bool, Option<std::sync::Arc<keys::Keys>>)> {
        let mut known = self
            .keys
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(found) = &*known {
            return Ok(found.clone());
        }
        let settings = self.settings()?;
        let found = match settings.notes_key {
            Some(recipient) => Some(std::sync::Arc::new(keys::Keys::new(
                &self.root, &recipient,
            )?)),
            None => None,
        };
        *known = Some((settings.encrypt_notes, found.clone()));
        Ok((settings.encrypt_notes, found))
    }

    /// The keys of the logbook's confidential text, when `config.toml` names one (`notes_key`).
    pub fn keys(&self) -> Result<Option<std::sync::Arc<keys::Keys>>> {
        Ok(self.known_keys()?.1)
    }

    /// The keys to seal new confidential text with: the logbook's, when `encrypt_notes` is on.
    pub fn sealing(&self) -> Result<Option<std::sync::Arc<keys::Keys>>> {
        match self.known_keys()? {
            (false, _) => Ok(None),
            (true, Some(keys)) => Ok(Some(keys)),
            (true, None) => bail!(
                "encrypt_notes is on in config.toml but notes_key is missing: run `coachlog keys init`"
            ),
        }
    }

    /// Forgets the keys read, after they changed (`coachlog keys`).
    pub fn reread_keys(&self) {
        *self
            .keys
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    }

    /// The same logbook, each change committed to its git repository with what the change says of
    /// itself ([`Store::describe_change`]), else with `default`, while the change's lock is held:
    /// so that a commit holds exactly one command's change, never another process's.
    pub fn committing(mut self, default: String) -> Self {
        self.commits = Some(std::sync::Arc::new(std::sync::Mutex::new(Commits {
            default,
            ..Commits::default()
        })));
        self
    }

    /// Says what the change being made is, for its commit in a logbook kept in git.
    pub fn describe_change(&self, message: impl Into<String>) {
        if let Some(commits) = &self.commits {
            commits
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .message = Some(message.into());
        }
    }

    /// Why each commit of a change failed since the last call (the change itself is written).
    pub fn take_commit_failures(&self) -> Vec<String> {
        self.commits.as_ref().map_or_else(Vec::new, |commits| {
            std::mem::take(
                &mut commits
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .failures,
            )
        })
    }

    /// The same logbook, with today's date: a session dated before 1900 or more than a year after
    /// it is refused by every read and write ([`crate::rules::dates::Plausible`]).
    pub fn on(mut self, today: chrono::NaiveDate) -> Self {
        self.dates = Some(crate::rules::dates::Plausible::on(today));
        self.today = Some(today);
        self
    }

    /// Whether a session's date is plausible on the store's today (any date without one).
    pub(crate) fn check_date(&self, date: chrono::NaiveDate) -> Result<(), String> {
        self.dates.map_or(Ok(()), |dates| dates.check(date))
    }

    /// How many copies made by a file-sync tool reads have left out since the last call (and
    /// forgets them, so that a command says so once).
    pub fn take_left_out_copies(&self) -> usize {
        self.copies.swap(0, std::sync::atomic::Ordering::Relaxed)
    }

    /// What a reader of the records in `dirs` must know of them besides their records: each
    /// symbolic link or other file that is not a regular file is a problem, and each copy a sync tool left is counted as left out.
    fn beside_records(&self, dirs: &[walk::Dir]) -> Vec<anyhow::Error> {
        let copies: usize = dirs.iter().map(|d| d.copies().count()).sum();
        self.copies
            .fetch_add(copies, std::sync::atomic::Ordering::Relaxed);
        dirs.iter().flat_map(walk::Dir::problems).collect()
    }

    /// The same logbook, reading past files that cannot be read (and counting them) instead of
    /// refusing: the global `--skip-invalid`.
    pub fn skipping_invalid(mut self, skip: bool) -> Self {
        self.skip_invalid = skip;
        self
    }

    /// How many unreadable files reads have skipped so far.
    pub fn skipped(&self) -> usize {
        self.skipped.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// One error naming every file that could not be read, or nothing when all were (or when they
    /// are to be skipped, which is counted).
    fn fail_on(&self, problems: Vec<anyhow::Error>) -> Result<()> {
        if self.skip_invalid {
            self.skipped
                .fetch_add(problems.len(), std::sync::atomic::Ordering::Relaxed);
            return Ok(());
        }
        fail_on(problems)
    }

    /// The data directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The directory of partner files.
    pub fn partners_dir(&self) -> PathBuf {
        self.root.join("partners")
    }

    /// The directory of session files.
    pub fn sessions_dir(&self) -> PathBuf {
        self.root.join("sessions")
    }

    /// The file of the partner `id`.
    pub fn partner_path(&self, id: &PartnerId) -> PathBuf {
        self.partners_dir().join(format!("{id}.toml"))
    }

    /// Whether the data directory exists; an error when something else is in its place or it
    /// cannot be read.
    pub fn exists(&self) -> Result<bool> {
        match fs::metadata(&self.root) {
            Ok(meta) if meta.is_dir() => {
                fs::read_dir(&self.root).with_context(|| {
                    format!("cannot read the data directory {}", self.root.display())
                })?;
                Ok(true)
            }
            Ok(_) => bail!(
                "the data directory {} is not a directory: point --data-dir or COACHLOG_DIR at a directory",
                self.root.display()
            ),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e)
                .with_context(|| format!("cannot read the data directory {}", self.root.display())),
        }
    }

    /// Creates the data directory if needed and takes the lock that every change holds, so that
    /// concurrent commands never act on what another is changing. The temporary files of a process
    /// that ended in the middle of a change are removed first. In a logbook kept in git (see
    /// [`Store::committing`]) the change is committed before the lock is released: whether a
    /// run is committed follows from whether it changed the logbook, never from which command it
    /// was.
    pub fn lock(&self) -> Result<Lock> {
        self.lock_as(true)
    }

    /// The lock of [`Store::lock`] for git's own operations on the logbook's history (a pull, a
    /// revert, a sync), which commit themselves: nothing is committed when it is released.
    pub fn lock_for_history(&self) -> Result<Lock> {
        self.lock_as(false)
    }

    fn lock_as(&self, committing: bool) -> Result<Lock> {
        self.exists()?;
        files::create_private_dir(&self.root)?;
        let file = files::lock(&self.root.join(".lock"))?;
        self.forget_guard_state();
        if file.interrupted() {
            self.remove_temporary_files()?;
        }
        let commit = match &self.commits {
            Some(commits) if committing && git::is_repository(&self.root) => Some(PendingCommit {
                root: self.root.clone(),
                before: git::dirty(&self.root)?,
                commits: commits.clone(),
            }),
            _ => None,
        };
        Ok(Lock {
            commit,
            _file: file,
        })
    }

    /// Removes the copies an editor was given (`.coachlog-edit-PID-…` in the logbook's folder)
    /// whose process is gone — ended by `kill -9`, which no handler sees — so that no plain copy
    /// of an encrypted record outlives it; returns how many.
    pub fn sweep_edit_copies(&self) -> usize {
        let Ok(entries) = fs::read_dir(&self.root) else {
            return 0;
        };
        let mut removed = 0;
        for entry in entries.filter_map(|e| e.ok()) {
            let name = entry.file_name();
            let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(EDIT_COPY_PREFIX)) else {
                continue;
            };
            let pid = rest.split('-').next().and_then(|p| p.parse::<i32>().ok());
            if pid.is_some_and(process_is_gone)
                && entry.file_type().is_ok_and(|t| t.is_file())
                && fs::remove_file(entry.path()).is_ok()
            {
                removed += 1;
            }
        }
        removed
    }

    /// Makes every file and folder of the logbook owner-only (files 0600, folders 0700), never
    /// through a link (the walk lists links apart, and only regular files and folders are
    /// changed); returns how many were changed.
    pub fn make_owner_only(&self) -> Result<usize> {
        let (dirs, _) = walk::walk_par(&self.root, &[".git"]);
        let mut changed = 0;
        for dir in &dirs {
            changed += usize::from(files::restrict(&dir.path)?);
            for file in &dir.files {
                changed += usize::from(files::restrict(&dir.path.join(file))?);
            }
        }
        Ok(changed)
    }

    /// The temporary files interrupted writes left in the logbook (never in its `.git`).
    pub fn temporary_files(&self) -> Vec<PathBuf> {
        let (dirs, _) = walk::walk_par(&self.root, &[".git"]);
        dirs.iter()
            .flat_map(|d| {
                d.files
                    .iter()
                    .filter(|n| n.to_str().is_some_and(files::is_temporary))
                    .map(|n| d.path.join(n))
            })
            .collect()
    }

    /// Removes the temporary files interrupted writes left (only under the lock, which every
    /// writer holds, so that none is still being written); returns how many.
    pub fn remove_temporary_files(&self) -> Result<usize> {
        let found = self.temporary_files();
        for path in &found {
            match fs::remove_file(path) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(e).with_context(|| format!("cannot remove {}", path.display()));
                }
            }
        }
        Ok(found.len())
    }
}

/// One error naming every file that could not be read, or nothing when all were.
fn fail_on(problems: Vec<anyhow::Error>) -> Result<()> {
    let head = match problems.len() {
        0 => return Ok(()),
        1 => "a logbook file cannot be read".to_owned(),
        n => format!("{n} logbook files cannot be read"),
    };
    let mut list: Vec<String> = problems.iter().map(|e| format!("{e:#}")).collect();
    list.sort();
    bail!(
        "{head}, so nothing was counted or changed (a report that left it out would undercount): fix \
         it in a text editor, or add --skip-invalid to go on without it; `coachlog check` lists every \
         problem\n\n{}",
        list.join("\n\n")
    )
}

/// Whether no process has the id `pid` any more.
fn process_is_gone(pid: i32) -> bool {
    #[cfg(unix)]
    {
        match rustix::process::Pid::from_raw(pid) {
            Some(pid) => matches!(
                rustix::process::test_kill_process(pid),
                Err(rustix::io::Errno::SRCH)
            ),
            None => false,
        }
    }
    #[cfg(not(unix))]
    {
        // Without a way to ask, a copy is kept: it is owner-only.
        let _ = pid;
        false
    }
}
