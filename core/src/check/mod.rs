//! `check`: every file of the logbook read and judged, with the file, the line when it is known,
//! and what to do. Errors are files that cannot be read as records and sessions without their
//! partner; warnings are everything a careful person would want to look at.
//!
//! The logbook is read once (`scan.rs`); then each named check (one function each, in
//! `checks.rs`, listed in `CHECKS`) judges what was read.

mod checks;
mod judged;
mod scan;

pub use judged::{attestations, icf_log};

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::model::{Partner, Session};
use crate::rules::settings::Settings;
use crate::storage::{Store, walk};

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

    pub(crate) fn push(
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

/// Every check, one function each (named for what it judges), in the order `check` runs them:
/// problems of one file and line keep this order.
const CHECKS: &[fn(&scan::Scan, &mut Report)] = &[
    checks::config,
    checks::unreadable_folders,
    checks::places,
    checks::permissions,
    checks::unreadable_files,
    checks::evidence,
    checks::same_records,
    checks::missing_partners,
    checks::lints,
    checks::arrangements,
    checks::receipts,
    checks::private_text,
    checks::earlier_format,
    checks::uncommitted,
];

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

/// Checks the whole logbook as of `today`, and says what it read.
pub fn check_and_read(store: &Store, today: NaiveDate) -> (Report, Read) {
    // One walk of every folder (a git checkout of the logbook keeps its own files in `.git`), in
    // file order (folders, then names, as bytes), so that of two duplicates the first is named,
    // run after run.
    let (mut dirs, unlisted) = walk::walk_par(store.root(), &[".git"]);
    dirs.sort_unstable_by(|a, b| {
        (a.path.as_os_str().as_encoded_bytes()).cmp(b.path.as_os_str().as_encoded_bytes())
    });
    let unlisted = unlisted
        .into_iter()
        .map(|d| (d.path, d.error.to_string()))
        .collect();
    let scan = scan::Scan::read(store, today, &dirs, unlisted);
    let mut report = Report {
        files: scan.records,
        ..Report::default()
    };
    for check in CHECKS {
        check(&scan, &mut report);
    }
    report.sort();
    let whole = scan.whole();
    let read = Read {
        partners: scan.partners.into_values().map(|(_, p)| p).collect(),
        sessions: scan.sessions.into_iter().map(|(_, s, _)| s).collect(),
        settings: scan.settings.ok(),
        whole,
    };
    (report, read)
}
