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

pub mod check;
pub mod config;
pub mod datadir;
pub mod development;
pub mod fast;
pub mod files;
pub mod git;
pub mod name;
mod partners;
pub mod record;
pub mod restore;
mod rewrite;
mod sessions;
pub mod toml_date;
pub mod walk;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::domain::id::PartnerId;
use files::Lock;
pub use sessions::{Batch, SessionFile, SessionLookupError};

/// The logbook in a data directory.
#[derive(Debug)]
pub struct Store {
    root: PathBuf,
    skip_invalid: bool,
    skipped: std::sync::atomic::AtomicUsize,
    copies: std::sync::atomic::AtomicUsize,
    /// The dates a session may have, judged on today.
    dates: Option<crate::rules::dates::Plausible>,
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
        }
    }

    /// The same logbook, with today's date: a session dated before 1900 or more than a year after
    /// it is refused by every read and write ([`crate::rules::dates::Plausible`]).
    pub fn on(mut self, today: chrono::NaiveDate) -> Self {
        self.dates = Some(crate::rules::dates::Plausible::on(today));
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
    /// symbolic link is a problem, and each copy a sync tool left is counted as left out.
    fn beside_records(&self, dirs: &[walk::Dir]) -> Vec<anyhow::Error> {
        let copies: usize = dirs.iter().map(|d| d.copies().count()).sum();
        self.copies
            .fetch_add(copies, std::sync::atomic::Ordering::Relaxed);
        dirs.iter().flat_map(walk::Dir::link_problems).collect()
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
    /// concurrent commands never act on what another is changing.
    pub fn lock(&self) -> Result<Lock> {
        self.exists()?;
        files::create_private_dir(&self.root)?;
        files::lock(&self.root.join(".lock"))
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
